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
