import Foundation
import RelGraph

/// The drawing settings an SVG was drawn with, written into its `<metadata>`
/// (`<metadata class="relgraph-layout">`) so that a later version of the network
/// can be drawn the same way (`render --layout-from`). One line of `key=value`
/// pairs, nothing users need to commit beside the SVG:
///
///     relgraph-layout 1; engine=dot; direction=LR; names=11; labels=key; legend=5; ranks=0.2; entities=0.08; effort=4
///
/// `labels` is `all` (every line labelled), `key` (only key lines,
/// ``DrawingStyle/keyLabels``) or `none`; `names` is the wrap width of entity
/// names, `-` for the diagram's own.
public struct LayoutNote: Sendable, Hashable {
    /// The settings.
    public var style: DrawingStyle
    /// The engine that placed the entities (`nop2` when the page fit packed parts
    /// laid out one by one, `nop1` when it squeezed a force-directed drawing to the
    /// page's shape).
    public var engine: LayoutEngine

    /// Creates a note.
    public init(style: DrawingStyle, engine: LayoutEngine) {
        self.style = style
        self.engine = engine
    }

    /// The version of the format written.
    package static let header = "relgraph-layout 1"

    /// The one-line text.
    public var text: String {
        let labels = style.edgeLabels ? "all" : style.keyLabels ? "key" : "none"
        return [
            Self.header, "engine=\(engine.rawValue)", "direction=\(style.direction ?? "-")",
            "names=\(style.nameWidth.map(String.init) ?? "-")", "labels=\(labels)", "legend=\(style.legendColumns)",
            "ranks=\(GraphSpec.number(style.rankSeparation))", "entities=\(GraphSpec.number(style.nodeSeparation))",
            "effort=\(GraphSpec.number(style.crossingEffort))", "pack=\(style.packComponents ? "yes" : "no")",
        ].joined(separator: "; ")
    }

    /// Reads ``text``; `nil` when it is not a relgraph layout note. Unknown keys
    /// are ignored and missing ones keep ``DrawingStyle``'s defaults, so that
    /// notes of other versions still read.
    public init?(text: String) {
        let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.first == Self.header else { return nil }
        var style = DrawingStyle()
        var engine = LayoutEngine.dot
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let (key, value) = (pair[0], pair[1])
            switch key {
            case "engine": if value.allSatisfy({ $0.isLetter || $0.isNumber }), !value.isEmpty { engine = LayoutEngine(rawValue: value) }
            case "direction": style.direction = ["LR", "RL", "TB", "BT"].contains(value) ? value : nil
            case "names": style.nameWidth = Int(value).flatMap { (4...200).contains($0) ? $0 : nil }
            case "labels":
                style.edgeLabels = value == "all"
                style.keyLabels = value == "key"
            case "legend": if let columns = Int(value), (1...12).contains(columns) { style.legendColumns = columns }
            case "ranks": if let inches = Double(value), inches.isFinite, (0...10).contains(inches) { style.rankSeparation = inches }
            case "entities": if let inches = Double(value), inches.isFinite, (0...10).contains(inches) { style.nodeSeparation = inches }
            case "effort": if let effort = Double(value), effort.isFinite, (0...100).contains(effort) { style.crossingEffort = effort }
            case "pack": style.packComponents = value != "no"
            default: continue
            }
        }
        self.init(style: style, engine: engine)
    }
}
