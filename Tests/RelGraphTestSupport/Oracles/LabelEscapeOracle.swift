import Foundation

/// The reference for the escaping of plain Graphviz labels and tooltips
/// (`DiagramGraph.escapeLabel` in RelGraphDrawing): backslashes doubled, line
/// feeds written `\n`, by Foundation's search, which is what relgraph's DOT has
/// always been made with. Foundation compares whole characters, so a backslash or
/// line feed that begins a longer character (followed by a combining mark, say)
/// is not replaced; the library's byte path must give these bytes for every text.
public enum LabelEscapeOracle {
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
