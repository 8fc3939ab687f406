import Foundation

/// The one builder of the HTML pages relgraph writes (a timeline's page, a
/// batch render's gallery): a fixed head (UTF-8, viewport, title, inline
/// style), the body's lines, one line per statement, a final newline. The same
/// content gives the same bytes.
public struct HTMLPage: Sendable, Equatable {
    /// The page's title, as plain text (escaped here).
    public var title: String
    /// The lines of the inline style sheet.
    public var style: [String]
    /// The body's lines, as markup (escape text with ``escape(_:)``).
    public var body: [String]

    /// Creates a page.
    public init(title: String, style: [String], body: [String]) {
        self.title = title
        self.style = style
        self.body = body
    }

    /// Text for HTML content and attribute values: `& < > " '` escaped, control
    /// characters and characters XML cannot hold dropped (``XMLText``).
    public static func escape(_ text: String) -> String {
        XMLText.escape(text, context: .htmlLabel)
    }

    /// The page.
    public var data: Data {
        var lines = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                     "<title>\(Self.escape(title))</title>", "<style>"]
        lines += style
        lines += ["</style>", "</head>", "<body>"]
        lines += body
        lines += ["</body>", "</html>"]
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
