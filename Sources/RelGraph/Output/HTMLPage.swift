import Foundation

/// The one builder of the HTML pages relgraph writes (a timeline's page, a
/// batch render's gallery): a fixed head (UTF-8, viewport, title, inline
/// style), the body's lines, one line per statement, a final newline. The same
/// content gives the same bytes.
package struct HTMLPage: Sendable, Equatable {
    /// The page's title, as plain text (escaped here).
    package var title: String
    /// The lines of the inline style sheet.
    package var style: [String]
    /// The body's lines, as markup (escape text with ``escape(_:)``).
    package var body: [String]
    /// The page's own theme, `data-theme` on `<html>` (e.g. `light` for a page
    /// drawn light only: diagrams with the `auto` theme then stay light on it
    /// whatever the system's setting). `nil`: none.
    package var theme: String?

    /// Creates a page.
    package init(title: String, style: [String], body: [String], theme: String? = nil) {
        self.title = title
        self.style = style
        self.body = body
        self.theme = theme
    }

    /// Text for HTML content and attribute values: `& < > " '` escaped, control
    /// characters and characters XML cannot hold dropped (``XMLText``).
    package static func escape(_ text: String) -> String {
        XMLText.escape(text, context: .htmlLabel)
    }

    /// The page.
    package var data: Data {
        let themeAttribute = theme.map { " data-theme=\"\(Self.escape($0))\"" } ?? ""
        var lines = ["<!DOCTYPE html>", "<html lang=\"en\"\(themeAttribute)>", "<head>", "<meta charset=\"utf-8\">",
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                     "<title>\(Self.escape(title))</title>", "<style>"]
        lines += style
        lines += ["</style>", "</head>", "<body>"]
        lines += body
        lines += ["</body>", "</html>"]
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
