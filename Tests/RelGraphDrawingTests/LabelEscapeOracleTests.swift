import Foundation
import Testing
import RelGraph
import RelGraphTestSupport
@testable import RelGraphDrawing

/// The escaping of plain labels and tooltips (``DiagramGraph/escapeLabel(_:)``:
/// a byte path, and Foundation's search only for text where a backslash or line
/// feed begins a longer character) against the oracle, Foundation's double
/// replacement (`LabelEscapeOracle`, Tests/RelGraphTestSupport/Oracles), byte for
/// byte, on random texts and on every line of the committed networks.
@Suite("label escaping: the byte path against Foundation's replacement")
struct LabelEscapeOracleTests {
    static func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(Array(DiagramGraph.escapeLabel(text).utf8) == Array(LabelEscapeOracle.escape(text).utf8),
                "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("random texts of backslashes, line ends, combining marks and other scalars")
    func randomTexts() {
        let pieces = ["a", "\\", "\n", "\\n", "\r", "\r\n", "\n\r", "Ḥ", "e\u{301}", "\u{301}", "\u{200D}", "\u{FE0F}", " ", "—",
                      "\\\u{301}", "\n\u{301}", "\r\u{301}", "\\\u{200D}", "🏴‍☠️", "👩🏽‍🔬", "ثثث", "\u{1}", "\t", "\u{0}"]
        var generator = SplitMix64(seed: 27)
        var texts = ["", "plain", "line\nline", "C:\\dir\\", "\n", "Ḥamir\nÉ"]
        for _ in 0..<5_000 {
            texts.append((0..<Int(1 + generator.next() % 10)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        for text in texts { Self.expectSame(text) }
    }

    @Test("every line of the committed networks, alone and joined by backslashes and line feeds")
    func committedText() throws {
        var lines: [String] = []
        for folder in ["graphs", "Tests"] {
            guard let walker = FileManager.default.enumerator(at: Paths.packageRoot.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "json", "csv"].contains(url.pathExtension) {
                lines += String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            }
        }
        #expect(lines.count > 1_000)
        var generator = SplitMix64(seed: 9)
        for (index, line) in lines.enumerated() {
            Self.expectSame(line)
            let next = lines[(index + 1 + Int(generator.next() % 50)) % lines.count]
            let joints = ["\n", "\\", "\\n", "\r\n", "\\\n"]
            Self.expectSame(line + joints[Int(generator.next() % UInt64(joints.count))] + next)
        }
    }
}
