import Foundation
import Testing
@testable import RelGraph

@Suite("Reading JSON")
struct JSONReaderTests {
    func parse(_ text: String) throws(SyntaxError) -> SyntaxNode {
        try DocumentReader().read(Array(text.utf8), format: .json)
    }

    func error(_ text: String) -> SyntaxError? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    @Test("every value keeps its line and column")
    func positions() throws {
        let root = try parse("{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": null}\n}")
        guard case .mapping(let pairs) = root.value else { Issue.record("not a mapping"); return }
        #expect(pairs[0].key.location == SourceLocation(line: 2, column: 3))
        #expect(pairs[0].value.location == SourceLocation(line: 2, column: 8))
        guard case .sequence(let items) = pairs[0].value.value else { Issue.record("not a list"); return }
        #expect(items[1].location == SourceLocation(line: 2, column: 12))
        #expect(pairs[1].value.location == SourceLocation(line: 3, column: 8))
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() throws {
        let root = try parse("{\"ناम\": \"é\", \"k\": 1}")
        guard case .mapping(let pairs) = root.value else { Issue.record("not a mapping: \(root.value)"); return }
        #expect(pairs[1].key.location == SourceLocation(line: 1, column: 14))
    }

    @Test("escapes decode, including surrogate pairs")
    func escapes() throws {
        let root = try parse(#"["a\"b\\c\/\n\u00e9\ud83d\ude00"]"#)
        guard case .sequence(let items) = root.value, case .scalar(let text, .quoted) = items[0].value else {
            Issue.record("not a sequence holding a quoted scalar: \(root.value)")
            return
        }
        #expect(text == "a\"b\\c/\né😀")
    }

    @Test("syntax errors say what and where", arguments: [
        ("{\"a\": 1,}", 1, 9, "trailing comma before '}'"),
        ("[1, 2,]", 1, 7, "trailing comma before ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\n  \"a\": 'x'\n}", 2, 8, "double quotes"),
        ("{\"a\": tru}", 1, 7, "expected a value"),
        ("{\"a\": 01}", 1, 8, "leading zeros"),
        ("{\"a\": 2015-01-09}", 1, 11, "'-' inside a number"),
        ("{\"a\": \"x\\q\"}", 1, 9, "invalid escape"),
        ("{\"a\": 1} x", 1, 10, "after the end"),
        ("{\"a\": [1, 2}", 1, 12, "expected ',' or ']'"),
    ])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        let e = error(text)
        #expect(e?.code == .syntax)
        #expect(e?.location == SourceLocation(line: line, column: column))
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "no error")")
    }

    @Test("an unterminated string points at its opening quote")
    func unterminated() {
        let e = error("{\"a\": \"abc\n}")
        #expect(e?.location == SourceLocation(line: 1, column: 7))
        #expect(e?.message.contains("unterminated string") == true)
    }

    @Test("accepts and rejects the same documents as Foundation, except Foundation's leniencies")
    func agreesWithFoundation() throws {
        let valid = ["{}", "[]", "{\"a\": [1, -2.5e3, true, false, null, \"\\u0041\"]}", "  \"text\"  ", "0", "[[[]]]"]
        for text in valid {
            #expect(error(text) == nil, "\(text)")
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil, "\(text)")
        }
        let invalid = ["{", "[1,,2]", "{\"a\":}", "tru", "\"\u{01}\"", "[1 2]", "{\"a\" \"b\"}", "nul", "-", "1."]
        for text in invalid {
            #expect(error(text) != nil, "\(text)")
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil, "\(text)")
        }
    }
}
