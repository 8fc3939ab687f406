import Foundation
import Testing

@Suite("relgraph measure")
struct MeasureCommandTests {
    let before = "Tests/RelGraphDrawingTests/Fixtures/readability/iskp-isi-nexus-before.svg"

    @Test("text: one Markdown table row per file, after the page it was fitted to")
    func text() throws {
        let run = try relgraph(["measure", before, "graphs/views/iskp-isi-nexus.iskp-ties.svg"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Fitted to a4 (453.5 × 680.3 pt); screen column 880 px.")
        #expect(lines.contains { $0.hasPrefix("| drawing | entities | lines | crossings | shallow | parallel | misplaced ends (loose) | through entities | crowded gap |") })
        #expect(lines.contains("| \(before) | 54 | 78 | 89 | 45 | 16 | 0 (2) | 0 | 34 in 15 pt | 0 | 0 | 0.79 | 2.3 | 2.9 | 4.5 | 1.7 % | 6.3 % |"))
        #expect(lines.filter { $0.hasPrefix("| graphs/views/iskp-isi-nexus.iskp-ties.svg | ") }.count == 1)
    }

    @Test("--page letter and --format json")
    func json() throws {
        let run = try relgraph(["measure", before, "--page", "letter", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["file"] as? String == before)
        let report = try #require(rows[0]["report"] as? [String: Any])
        #expect(report["crossings"] as? Int == 89)
        #expect(report["page"] as? String == "letter (468.0 × 648.0 pt)")
        let smallest = try #require(report["smallestEntityTextOnPage"] as? Double)
        #expect(abs(smallest - 8 * 468 / 1578) < 0.01)  // the 8 pt dates, 1578 pt wide drawing on 468 pt
    }

    @Test("a bad --page, a missing file and a file that is not SVG are refused with the reason")
    func errors() throws {
        let page = try relgraph(["measure", before, "--page", "16x24"])
        #expect(page.status == 64)
        #expect(page.stderr.contains("page size '16x24': it does not end in a unit"))
        let missing = try relgraph(["measure", "no-such-file.svg"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no-such-file.svg: cannot read the file"))
        let notSVG = try relgraph(["measure", "graphs/iskp-isi-nexus.yaml", before])
        #expect(notSVG.status == 65)
        #expect(notSVG.stderr.contains("graphs/iskp-isi-nexus.yaml: not readable XML"))
        #expect(notSVG.stdout.contains("| \(before) | 54 |"))  // the other files are still measured
    }
}
