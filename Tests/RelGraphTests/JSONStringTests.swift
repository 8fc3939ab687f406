import Foundation
import Testing
import RelGraph

@Suite("JSON strings: one writer")
struct JSONStringTests {
    @Test("escapes as JSON, and reads back to the same text", arguments: [
        "plain", "quote \" and \\ backslash", "lines\nand\ttabs\r", "\u{08}\u{0C}\u{01}\u{7F}", "sep\u{2028}\u{2029}", "ünïcödé 🙂", "",
    ])
    func roundTrip(text: String) throws {
        for scriptSafe in [false, true] {
            let literal = JSONString.quoted(text, scriptSafe: scriptSafe)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(decoded == [text], "\(literal)")
            #expect(!literal.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x2029 })
        }
    }

    @Test("short escapes where JSON has them; script-safe also hides < > &")
    func exactForms() {
        #expect(JSONString.quoted("a\"b\\c\nd\u{08}\u{01}") == #""a\"b\\c\nd\b\u0001""#)
        #expect(JSONString.quoted("</script><!-- & ") == #""</script><!-- & ""#)
        #expect(JSONString.quoted("</script><!-- & ", scriptSafe: true) == #""\u003c/script\u003e\u003c!-- \u0026 ""#)
    }
}

@Suite("XML text and HTML pages: one escaper, one page builder")
struct XMLTextTests {
    @Test("each context escapes what it must and drops what XML cannot hold")
    func contexts() {
        let text = "a & b < c > \"d\" 'e'\n\t\r\u{01}\u{FFFE}"
        #expect(XMLText.escape(text, context: .text) == "a &amp; b &lt; c &gt; \"d\" 'e'\n\t&#13;")
        #expect(XMLText.escape(text, context: .attribute) == "a &amp; b &lt; c &gt; &quot;d&quot; 'e'&#10;&#9;&#13;")
        #expect(XMLText.escape(text, context: .htmlLabel) == "a &amp; b &lt; c &gt; &quot;d&quot; &#39;e&#39;")
        // Printable ASCII with nothing to escape comes back as it is, in every context.
        for context in [XMLText.Context.text, .attribute, .htmlLabel] {
            #expect(XMLText.escape("Islamic State (ISIS), 2014-2019 ~ [a/b]", context: context) == "Islamic State (ISIS), 2014-2019 ~ [a/b]")
            #expect(XMLText.escape("tab\there", context: context) != "tab\there" || context == .text)
        }
    }

    @Test("a page: fixed head, the title escaped, style and body lines, a final newline")
    func page() {
        let page = HTMLPage(title: "A & B", style: ["h1{}"], body: ["<h1>x</h1>"])
        #expect(String(decoding: page.data, as: UTF8.self) == """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>A &amp; B</title>
            <style>
            h1{}
            </style>
            </head>
            <body>
            <h1>x</h1>
            </body>
            </html>

            """)
    }
}
