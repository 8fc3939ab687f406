import Foundation
import Testing
import RelGraphTestSupport

/// `relgraph render NET --atlas`: an overview and a page per group, each legible.
@Suite("relgraph render --atlas")
struct AtlasCLITests {
    static let network = "graphs/corpus/attack-groups-shared-software.yaml"

    @Test("226 entities: every page's names at least 6 pt on A4, lines followable, every entity on exactly one detail page")
    func svgPages() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", Self.network, "--atlas", "--out-dir", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(pages.first == "attack-groups-shared-software.atlas-p01.svg")
        #expect(pages.count >= 3)
        #expect(run.stderr.contains("atlas of \(pages.count) pages"))
        try expectPagesMeetGoals(pages.map { dir.appendingPathComponent($0).path })
        // Every entity's group id appears on exactly one detail page.
        var seen: [String: Int] = [:]
        for page in pages.dropFirst() {
            let text = try String(contentsOf: dir.appendingPathComponent(page), encoding: .utf8)
            let ids = Set(text.components(separatedBy: "-entity-").dropFirst().map { String($0.prefix { $0 != "\"" }) })
            for id in ids { seen[id, default: 0] += 1 }
        }
        let yaml = try String(contentsOf: packageRoot.appendingPathComponent(Self.network), encoding: .utf8)
        let entities = yaml.split(separator: "\n").filter { $0.hasPrefix("  - id: ") }.count
        #expect(seen.count == entities)
        #expect(seen.values.allSatisfy { $0 == 1 })
        // Page numbers and notes are text a printer keeps.
        let second = try String(contentsOf: dir.appendingPathComponent(pages[1]), encoding: .utf8)
        #expect(second.contains(">p. 2 of \(pages.count): "))
        #expect(second.contains("→ p. "))
    }

    @Test("ATT&CK's 40 groups and their software: a page whose lines cross at shallow angles more than once a line is split too; every page meets the goals")
    func shallowPagesSplit() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", "graphs/corpus/attack-40-groups-software.yaml", "--atlas", "--out-dir", dir.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(pages.count >= 3)
        // Before, one page of 37 entities printed at 6.0 pt with 185 shallow crossings on 81 lines.
        try expectPagesMeetGoals(pages.map { dir.appendingPathComponent($0).path })
    }

    /// Measures `pages` with `relgraph measure` and expects each to meet issue 22's
    /// goals: names of at least 6 pt on A4, no misplaced end, no line through an
    /// entity, at most one shallow crossing a line.
    func expectPagesMeetGoals(_ pages: [String]) throws {
        let measured = try relgraph(["measure", "--format", "json"] + pages)
        let rows = try #require(try JSONSerialization.jsonObject(with: measured.stdoutData) as? [[String: Any]])
        #expect(rows.count == pages.count)
        for row in rows {
            let report = try #require(row["report"] as? [String: Any])
            let name = row["file"] as? String ?? ""
            #expect((report["smallestEntityTextOnPage"] as? Double ?? 0) >= 6, "\(name)")
            #expect(report["misplacedEnds"] as? Int == 0 && report["linesThroughEntities"] as? Int == 0, "\(name)")
            #expect((report["shallowCrossings"] as? Int ?? .max) <= (report["edges"] as? Int ?? 0), "\(name)")
        }
    }

    @Test("report draws an atlas where one page cannot be legible: overview first, then the pages, each line linked to its evidence; the flagship stays one figure")
    func reportAtlas() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("r.html")
        let run = try relgraph(["report", "graphs/corpus/attack-40-groups-software.yaml", "-o", html.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("drawn as an atlas of"))
        let text = try String(contentsOf: html, encoding: .utf8)
        let figures = text.components(separatedBy: "<svg").count - 1
        #expect(figures >= 3)
        #expect(text.contains("Figure 1. p. 1 of \(figures): overview") && text.contains("Figure 2. p. 2 of \(figures): "))
        // The overview's caption says what its boxes and lines are; the pages keep the usual one.
        #expect(text.contains("<figcaption>Each box is one page of this atlas"))
        #expect(text.components(separatedBy: "<figcaption>Each line stands for every relation").count - 1 == figures - 1)
        // Evidence rows point back to the page that draws their line.
        #expect(text.contains("↑ Figure 2") && text.contains("href=\"#"))
        // Each page's ids are its own.
        #expect(text.contains("id=\"rg-attack-40-groups-software-p1-") && text.contains("id=\"rg-attack-40-groups-software-p2-relation-"))
        // Markdown: one SVG a page beside the report.
        let md = dir.appendingPathComponent("r.md")
        #expect(try relgraph(["report", "graphs/corpus/attack-40-groups-software.yaml", "-o", md.path, "-q"]).status == 0)
        let svgs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(svgs.count == figures && svgs.first == "r.atlas-p01.svg")
        try expectPagesMeetGoals(svgs.map { dir.appendingPathComponent($0).path })
        // The flagship prints at about 6 pt: one figure.
        let flagship = dir.appendingPathComponent("flagship.html")
        let one = try relgraph(["report", "graphs/iskp-isi-nexus.yaml", "-o", flagship.path])
        #expect(one.status == 0 && !one.stderr.contains("atlas"), "\(one.stderr)")
        #expect(try String(contentsOf: flagship, encoding: .utf8).components(separatedBy: "<svg").count == 2)
    }

    @Test("drawn on one page, the 226 entities print at under 6 pt, and render says so and names --atlas; the flagship's drawing gets no such note")
    func onePageNote() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let crowded = try relgraph(["render", Self.network, "-o", dir.appendingPathComponent("one.svg").path])
        #expect(crowded.status == 0, "\(crowded.stderr)")
        #expect(crowded.stderr.contains("relgraph: note: names print at 1.") && crowded.stderr.contains("pt on a4"), "\(crowded.stderr)")
        #expect(crowded.stderr.contains("--atlas --out-dir DIR draws the network as an overview and a page per community"))
        let flagship = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", dir.appendingPathComponent("flagship.svg").path])
        #expect(flagship.status == 0 && !flagship.stderr.contains("note: names print"), "\(flagship.stderr)")
        let quiet = try relgraph(["render", Self.network, "-q", "-o", dir.appendingPathComponent("quiet.svg").path])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test("--format pdf: one PDF with every page")
    func pdf() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", "graphs/corpus/attack-40-groups-software.yaml", "--atlas", "--format", "pdf", "--out-dir", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = try Data(contentsOf: dir.appendingPathComponent("attack-40-groups-software.atlas.pdf"))
        let pages = try #require(run.stderr.firstMatch(of: /atlas of (\d+) pages/).map { Int($0.1)! })
        // The page tree counts every page.
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        #expect(text.contains("/Type /Pages") && text.contains("/Count \(pages)\n"))
        // Every page is an A4 sheet (the default page), its drawing placed on it.
        #expect(text.components(separatedBy: "/MediaBox [ 0 0 595.2756 841.8898 ]").count == pages + 1)
    }

    @Test("--format pdf --page letter: qpdf finds no problem, pdfinfo reads every page as Letter, each drawing within the text area",
          .enabled(if: PDFTools.available, PDFTools.missing))
    func pdfOnLetter() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", "graphs/corpus/attack-40-groups-software.yaml", "--atlas", "--format", "pdf",
                                "--page", "letter", "-o", dir.appendingPathComponent("atlas").path])
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = try Data(contentsOf: dir.appendingPathComponent("atlas.atlas.pdf"))
        let check = try PDFTools.check(pdf)
        #expect(check.status == 0, "qpdf --check: \(check.stdout) \(check.stderr)")
        let pages = try PDFTools.pageCount(pdf)
        #expect(pages >= 3)
        #expect(try PDFTools.pageSizes(pdf) == Array(repeating: "612 x 792 pts (letter)", count: pages))
        for page in 1...pages {
            let box = try #require(try PDFTools.ink(pdf, page: page).box, "page \(page) shows a drawing")
            // One-inch margins; the drawing at the top of the text area.
            #expect(box.minX >= 71 && box.maxX <= 541 && box.minY >= 71 && box.maxY <= 721, "page \(page): \(box)")
            #expect(box.minY <= 80, "page \(page) starts at the top of the text area: \(box)")
        }
    }

    @Test("refused: standard output, DOT, a directory, --all-views, a page size under 2")
    func refusals() throws {
        #expect(try relgraph(["render", Self.network, "--atlas", "-o", "-"]).stderr.contains("an atlas is several files"))
        #expect(try relgraph(["render", Self.network, "--atlas", "--format", "dot", "--out-dir", "/tmp"]).stderr.contains("an atlas is drawn"))
        #expect(try relgraph(["render", "graphs/corpus", "--atlas", "--out-dir", "/tmp/x"]).status == 64)
        #expect(try relgraph(["render", Self.network, "--atlas", "--atlas-page-size", "1", "--out-dir", "/tmp/x"]).status == 64)
        #expect(try relgraph(["render", Self.network, "--atlas-page-size", "10", "--out-dir", "/tmp/x"]).stderr.contains("applies with --atlas"))
    }
}
