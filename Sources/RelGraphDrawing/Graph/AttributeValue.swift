import RelGraph
/// The value of one Graphviz attribute: a plain string or an HTML-like label.
///
/// In DOT text the two differ only by their delimiters (`"..."` versus `<...>`);
/// in cgraph they differ by a flag on the interned string. Keeping them apart in
/// the type means a user-supplied text such as `<b>` can never turn into markup
/// by accident: only `.html` values are handed to Graphviz as HTML.
///
/// A string literal is a `.string`:
/// ```swift
/// let attributes: [String: AttributeValue] = ["color": "red", "label": .html("<b>x</b>")]
/// ```
///
/// Graphviz 2.42 interns strings by content alone, so an HTML value whose text
/// equals a plain string already used in the same graph (or the reverse) takes
/// the flag of whichever was interned first. Avoid giving an HTML label the exact
/// text of a node name or another plain value.
public enum AttributeValue: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A plain string, as it would appear between double quotes in DOT, unescaped.
    /// Graphviz still interprets its own escapes in some attributes (`\n`, `\l`,
    /// `\N` in labels): see ``AttributeValue/escapedText(_:)``.
    case string(String)
    /// An HTML-like label's content, without the outer `<` `>` delimiters of DOT.
    case html(String)

    /// Creates a plain string value from a literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// The text of the value, without any delimiters.
    public var text: String {
        switch self {
        case .string(let s), .html(let s): return s
        }
    }

    /// Whether the value is an HTML-like label.
    public var isHTML: Bool {
        if case .html = self { return true }
        return false
    }

    /// The value as DOT would show it: `"text"` style for strings (unescaped), `<text>` for HTML.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .html(let s): return "<\(s)>"
        }
    }

    /// A plain value that displays `text` literally in a Graphviz label
    /// (an "escString"): each backslash is doubled so that sequences such as
    /// `\n`, `\l`, `\N` in the input are shown as typed and not interpreted.
    /// Newlines in `text` still break lines.
    public static func escapedText(_ text: String) -> AttributeValue {
        .string(text.replacingOccurrences(of: "\\", with: "\\\\"))
    }
}

/// Attribute names mapped to values, for a graph, node, edge or subgraph.
public typealias GraphAttributes = [String: AttributeValue]
