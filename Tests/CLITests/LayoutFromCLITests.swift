import Foundation
import Testing

/// `render --layout-from` and `--keep-layout`, as a user runs them: a network
/// published as SVG, edited, drawn again in the picture readers know.
@Suite("render --layout-from (CLI)", .serialized)
struct LayoutFromCLITests {
    @Test("an edit drawn with --layout-from OLD.svg (or --keep-layout) leaves every entity where it was")
    func keepsEntities() throws {
        let dir = try CLI.temporaryDirectory("layout-from")
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
        let old = dir.appendingPathComponent("old.yaml"), new = dir.appendingPathComponent("new.yaml")
        try yaml.write(to: old, atomically: true, encoding: .utf8)
        try editFlagship(yaml).write(to: new, atomically: true, encoding: .utf8)
        let published = dir.appendingPathComponent("old.svg").path
        #expect(try CLI.relgraph(["render", old.path, "-o", published, "-q"]).status == 0)

        let kept = dir.appendingPathComponent("kept.svg").path
        let result = try CLI.relgraph(["render", new.path, "-o", kept, "--layout-from", published])
        #expect(result.status == 0, "\(result.stderr)")
        // Every entity of the old drawing in the same place (measure aligns for shift and scale).
        let measured = try CLI.relgraph(["measure", kept, "--moved-from", published])
        #expect(measured.status == 0 && measured.out.contains("| 0.0 % | 0.0 % | 100.0 % |"), "\(measured.out)")
        #expect(try String(contentsOfFile: kept, encoding: .utf8).contains("-entity-zabihullah-mujahid\""))

        // --keep-layout: the layout of the file the output replaces.
        let copy = dir.appendingPathComponent("new.svg").path
        try FileManager.default.copyItem(atPath: published, toPath: copy)
        #expect(try CLI.relgraph(["render", new.path, "--keep-layout", "-q"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: kept)))
    }

    @Test("report --layout-from draws its figure in the layout of the published drawing; with --all-views it is bad usage")
    func report() throws {
        let dir = try CLI.temporaryDirectory("report-layout-from")
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
        let new = dir.appendingPathComponent("new.yaml")
        try editFlagship(yaml).write(to: new, atomically: true, encoding: .utf8)
        let published = dir.appendingPathComponent("old.svg").path
        #expect(try CLI.relgraph(["render", CLI.flagship.path, "-o", published, "-q"]).status == 0)
        let report = dir.appendingPathComponent("r.md").path
        let result = try CLI.relgraph(["report", new.path, "-o", report, "--layout-from", published, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let figure = dir.appendingPathComponent("r.svg").path
        let measured = try CLI.relgraph(["measure", figure, "--moved-from", published])
        #expect(measured.out.contains("| 0.0 % | 0.0 % | 100.0 % |"), "\(measured.out)")
        #expect(try CLI.relgraph(["report", new.path, "-o", report, "--layout-from", published, "--all-views"]).status == 64)
    }

    @Test("diff draws a network's changes in the layout render gives the old version, whichever engine render chose (neato squeezed to the page, nop1, here)")
    func diffInRendersLayout() throws {
        let dir = try CLI.temporaryDirectory("diff-layout")
        defer { try? FileManager.default.removeItem(at: dir) }
        let network = CLI.packageRoot.appendingPathComponent("graphs/corpus/attack-12-groups-tools.yaml")
        let yaml = try String(contentsOf: network, encoding: .utf8)
        let old = dir.appendingPathComponent("old.yaml"), new = dir.appendingPathComponent("new.yaml")
        try yaml.write(to: old, atomically: true, encoding: .utf8)
        try (yaml + "  - id: added-in-test\n    from: apt1\n    type: uses\n    to: reg\n    claims:\n      - source: mitre-attack\n")
            .write(to: new, atomically: true, encoding: .utf8)
        let published = dir.appendingPathComponent("old.svg").path
        #expect(try CLI.relgraph(["render", old.path, "-o", published, "-q"]).status == 0)
        #expect(try String(contentsOfFile: published, encoding: .utf8).contains("engine=nop1"))
        let changes = dir.appendingPathComponent("changes.svg").path
        #expect(try CLI.relgraph(["diff", old.path, new.path, "-o", changes]).status == 1)
        let measured = try CLI.relgraph(["measure", changes, "--moved-from", published])
        #expect(measured.out.contains("| 0.0 % | 100.0 % |"), "\(measured.out)")
    }

    @Test("a missing or foreign --layout-from is exit 66 with what to give; with --atlas or both flags, 64; nothing written")
    func errors() throws {
        let dir = try CLI.temporaryDirectory("layout-from-errors")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.svg").path
        let missing = try CLI.relgraph(["render", CLI.flagship.path, "-o", out, "--layout-from", dir.appendingPathComponent("nope.svg").path])
        #expect(missing.status == 66 && missing.stderr.contains("no such file (give the SVG of an earlier render, or git:REV:PATH)"))
        let foreign = dir.appendingPathComponent("foreign.svg")
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>".write(to: foreign, atomically: true, encoding: .utf8)
        let notOurs = try CLI.relgraph(["render", CLI.flagship.path, "-o", out, "--layout-from", foreign.path])
        #expect(notOurs.status == 66 && notOurs.stderr.contains("give an SVG relgraph wrote"))
        #expect(try CLI.relgraph(["render", CLI.flagship.path, "-o", out, "--layout-from", foreign.path, "--keep-layout"]).status == 64)
        #expect(try CLI.relgraph(["render", CLI.flagship.path, "-o", out, "--layout-from", foreign.path, "--atlas"]).status == 64)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
