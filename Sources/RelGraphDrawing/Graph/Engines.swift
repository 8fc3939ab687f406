import RelGraph
/// A Graphviz layout engine, by the name its plugin registers.
///
/// Graphviz 2.42 on Debian registers: `dot` (plugin dot_layout) and `neato`,
/// `fdp`, `sfdp`, `twopi`, `circo`, `patchwork`, `osage`, `nop`, `nop1`, `nop2`
/// (plugin neato_layout). Other names can be made with `init(rawValue:)`; an
/// unknown name fails with ``GraphvizError/unknownEngine(_:)``.
public struct LayoutEngine: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The engine's name as Graphviz knows it.
    public let rawValue: String

    /// Creates an engine from its Graphviz name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates an engine from a literal name.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The engine's name.
    public var description: String { rawValue }

    /// Hierarchical (layered) layout.
    public static let dot = LayoutEngine(rawValue: "dot")
    /// Spring model (stress majorization).
    public static let neato = LayoutEngine(rawValue: "neato")
    /// Force-directed placement.
    public static let fdp = LayoutEngine(rawValue: "fdp")
    /// Multiscale force-directed placement for large graphs.
    public static let sfdp = LayoutEngine(rawValue: "sfdp")
    /// Circular layout.
    public static let circo = LayoutEngine(rawValue: "circo")
    /// Radial layout.
    public static let twopi = LayoutEngine(rawValue: "twopi")
    /// Array-packed clusters.
    public static let osage = LayoutEngine(rawValue: "osage")
    /// Squarified treemap of clusters.
    public static let patchwork = LayoutEngine(rawValue: "patchwork")
    /// `neato -n`: keeps every node's `pos` (points), may remove overlaps, routes edges.
    public static let nop = LayoutEngine(rawValue: "nop")
    /// `neato -n1`: same as ``nop``.
    public static let nop1 = LayoutEngine(rawValue: "nop1")
    /// `neato -n2`: keeps every node's `pos` exactly and any edge `pos`; routes the other edges.
    public static let nop2 = LayoutEngine(rawValue: "nop2")

    /// Whether the engine lays out clusters (subgraphs named `cluster…`), keeping
    /// their members together in a box: `dot` and `fdp`. The others place nodes
    /// as if there were no clusters (`neato` then draws overlapping boxes around
    /// wherever the members landed).
    public var drawsClusters: Bool { self == .dot || self == .fdp }

    /// The engines Graphviz 2.42's standard plugins register.
    public static let standard: [LayoutEngine] = [
        .dot, .neato, .fdp, .sfdp, .circo, .twopi, .osage, .patchwork, .nop, .nop1, .nop2,
    ]
}

/// A Graphviz output format, by its `-T` name.
///
/// Graphviz 2.42 on Debian knows (from its plugins' config): bmp canon cmap cmapx
/// cmapx_np dot dot_json eps fig gd gd2 gif gtk gv ico imap imap_np ismap jpe jpeg
/// jpg json json0 mp pdf pic plain plain-ext png pov ps ps2 svg svgz tif tiff tk
/// vdx vml vmlz vrml wbmp webp x11 xdot xdot1.2 xdot1.4 xdot_json xlib. Other
/// names can be made with `init(rawValue:)`; an unknown name fails with
/// ``GraphvizError/unknownFormat(_:)``.
public struct OutputFormat: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The format's `-T` name.
    public let rawValue: String

    /// Creates a format from its Graphviz name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a format from a literal name.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The format's name.
    public var description: String { rawValue }

    /// SVG 1.1 (core plugin). In 2.42, gradient ids (`l_N`, `r_N`) come from a
    /// process-wide counter, so two renders of the same gradient-filled graph differ.
    public static let svg = OutputFormat(rawValue: "svg")
    /// PNG bitmap (cairo plugin).
    public static let png = OutputFormat(rawValue: "png")
    /// PDF (cairo plugin). Contains a creation date: not byte-stable.
    public static let pdf = OutputFormat(rawValue: "pdf")
    /// DOT with layout attributes (`pos`, `bb`, `width`, ...).
    public static let dot = OutputFormat(rawValue: "dot")
    /// DOT with layout attributes and xdot drawing operations.
    public static let xdot = OutputFormat(rawValue: "xdot")
    /// DOT as read/built, without layout (still runs a layout first).
    public static let canon = OutputFormat(rawValue: "canon")
    /// Plain text: `graph`, `node`, `edge`, `stop` lines (inches).
    public static let plain = OutputFormat(rawValue: "plain")
    /// Plain text with port names on edges.
    public static let plainExt = OutputFormat(rawValue: "plain-ext")
    /// JSON with layout and xdot drawing operations.
    public static let json = OutputFormat(rawValue: "json")
    /// JSON with layout, without xdot drawing operations.
    public static let json0 = OutputFormat(rawValue: "json0")
    /// PostScript.
    public static let ps = OutputFormat(rawValue: "ps")
    /// Encapsulated PostScript.
    public static let eps = OutputFormat(rawValue: "eps")
}
