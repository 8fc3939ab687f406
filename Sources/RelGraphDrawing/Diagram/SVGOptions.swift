import RelGraph
/// How relgraph finishes Graphviz's SVG for reports.
public struct SVGOptions: Sendable, Hashable {
    /// Standalone files carry an XML declaration; inline SVG starts with `<svg` and
    /// has no declaration, DOCTYPE or comments, for pasting into HTML.
    public enum Mode: String, CaseIterable, Sendable {
        case standalone, inline
    }

    /// Standalone (default) or inline.
    public var mode: Mode = .standalone
    /// Prefix of every id in the SVG, so several diagrams can share a page.
    /// Default: `rg`; the CLI derives one from the file name and view.
    public var idPrefix: String = "rg"
    /// Drop fixed width and height so the diagram scales to its container.
    public var responsive: Bool = false
    /// Embed a `prefers-color-scheme: dark` stylesheet so the SVG follows the page.
    public var autoTheme: Bool = false
    /// Where lines link to in the page around the SVG (a report's evidence): by
    /// line key (``Diagram/Edge/key``), the id of the target element, without `#`
    /// and without this SVG's prefix (it lies outside the SVG). Ids other than
    /// letters, digits and `- _ .` are ignored. Empty by default: lines link nowhere.
    public var lineLinks: [String: String] = [:]
    /// A small count drawn on lines (a report's number of independent sources): by
    /// line key. Placed along the line clear of entities, labels and other counts
    /// where the line leaves room. Empty by default.
    public var lineBadges: [String: Int] = [:]
    /// Hover highlighting without script: hovering an entity dims everything that
    /// does not touch it, hovering a line everything but the line and its ends
    /// (CSS `:has()` scoped to this SVG; see ``RenderOptions/hover``).
    public var hover: Bool = false
    /// The drawing settings, written into the SVG's `<metadata>` so that a later
    /// version can be drawn in this drawing's layout (`render --layout-from`).
    /// Set by ``Renderer``; `nil` writes no metadata.
    public var layoutNote: LayoutNote?

    /// Default options.
    public init() {}
}
