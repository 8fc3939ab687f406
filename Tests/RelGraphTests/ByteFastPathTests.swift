import Testing
@testable import RelGraph

/// The loader and the diagram decide common text on its bytes (dates, class
/// names, blank values, control characters); these tests pin that the byte
/// paths say exactly what the general rules say.
@Suite("Byte fast paths agree with the rules")
struct ByteFastPathTests {
    @Test("dates are four digits, then optionally two and two, separated by hyphens")
    func dates() {
        for text in ["2015", "2015-01", "2015-01-09", "2016-02-29", "0001", "9999-12-31"] {
            #expect(PartialDate(text)?.description == text, "\(text)")
        }
        for text in ["", "15", "20150", "2015-", "-2015", "2015-1", "2015-001", "2015-01-", "2015-01-09-01",
                     "2015--01", "2015-13", "2015-02-30", "0000", "2O15", "２０１５", "2015-01-0９", "2015 ", " 2015"] {
            #expect(PartialDate(text) == nil, "\(text)")
        }
        #expect(PartialDate.problem(with: "2015-13") == "'2015-13' is not a valid month: months run from 01 to 12")
        #expect(PartialDate.problem(with: "2015-02-30") == "'2015-02-30' is not a day on the calendar: 2015-02 has 28 days")
        #expect(PartialDate.problem(with: "0000") == "'0000' has year 0000; years run from 0001 to 9999")
        #expect(PartialDate.problem(with: "2015-1") == "'2015-1' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    }

    @Test("a name that is already a class name is kept; others are folded")
    func classNames() {
        #expect(CSSName.make("proxy-war_2") == "proxy-war_2")
        #expect(CSSName.make("Proxy War") == "proxy-war")
        #expect(CSSName.make("a  b") == "a-b")
        #expect(CSSName.make("--") == "--")
        #expect(CSSName.make("") == "x")
        #expect(CSSName.make("é") == "-")
    }

    @Test("cleaning keeps exactly the text the rule would not change")
    func cleanKeepsCleanText() {
        let pieces = ["a", "Ḥ", " ", "  ", "\t", "\n", "\u{00A0}", "\u{2028}", "\u{200B}", "\u{202E}", "\u{7}", "é", "x y", "—", "\u{1F600}"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", " ", "Ḥamir", "Republic of Ḥamel", " Ḥamir", "Ḥamir ", "Ḥ  amir", "Ḥ\tamir", "Ḥ\u{200B}amir"]
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(Array(LabelText.clean(text).utf8) == Array(LabelText.cleanedCopy(text).utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("relations sort into edge order on the bytes exactly as the rule sorts them")
    func edgeOrder() {
        let ends = ["a", "b", "ab", "a b", "é", "Ḥ", "z"]
        let dates = [nil, PartialDate("2015"), PartialDate("2015-01"), PartialDate("2016")]
        var generator = SystemRandomNumberGenerator()
        func relations(plain: Bool) -> [Relation] {
            let names = plain ? ends.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : ends
            return (0..<400).map { i in
                Relation(id: i % 7 == 0 ? "r\(i % 3)" : nil, from: names.randomElement(using: &generator)!,
                         type: ["sponsors", "allied-with", "a"].randomElement(using: &generator)!,
                         to: names.randomElement(using: &generator)!, since: dates.randomElement(using: &generator)!,
                         note: "\(i)")
            }
        }
        for plain in [true, false] {
            let input = relations(plain: plain)
            let expected = input.sorted(by: DiagramBuilder.edgeOrder)
            #expect(DiagramBuilder.sortedForEdges(input).map(\.note) == expected.map(\.note), "plain: \(plain)")
            #expect(DiagramBuilder.sortedForEdges(input.shuffled()).map(\.key) == expected.map(\.key), "plain: \(plain)")
        }
    }

    @Test("a required value of spaces and line breaks only is empty; text with control characters is reported")
    func blankAndControl() {
        let yaml = """
        entities:
          - {id: a, kind: group, name: "  \\n\\t "}
          - {id: b, kind: group, name: "B\\u0007ell"}
          - {id: c, kind: group, name: "\\u00A0"}
          - {id: d, kind: group, name: "Dé"}
        relations: []
        """
        let loaded = NetworkLoader().load(bytes: Array(yaml.utf8), file: "t.yaml", format: .yaml)
        let empty = loaded.diagnostics.filter { $0.code == "empty-value" }
        #expect(empty.map(\.message) == ["'name' of entity 'a' is empty", "'name' of entity 'c' is empty"])
        let control = loaded.diagnostics.filter { $0.code == "suspicious-text" }
        #expect(control.map(\.message) == ["name of entity 'b' contains the invisible or control character U+7"])
    }
}
