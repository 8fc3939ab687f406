import Foundation
import Testing
@testable import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz
import RelGraphTestSupport

extension GraphvizTests {
    /// The readability measure on drawings Graphviz makes here (the measure itself
    /// is tested without Graphviz in RelGraphDrawingTests).
    @Suite("Readability of Graphviz's drawings")
    struct GraphvizReadabilityTests {
        @Test("crossings in Graphviz's own test graphs drawn by dot, counted by eye on the PNG", .enabled(if: Paths.hasDotData, Paths.noDotData), arguments: [
            ("clust4.gv", 1, 0),  // a1→b3 crosses b2→a3
            ("Heawood.gv", 3, 0),  // 1–10 × 3–12, 2–7 × 4–5, 6–11 × 8–13
            ("fsm.gv", 0, 1),  // LR_5→LR_7 and LR_7→LR_5 join one pair
            ("unix.gv", 2, 0),  // 1 BSD→2 BSD × 7th Edition→V7M, 7th Edition→Ultrix-11 × 2 BSD→2.8 BSD (drawn at size 6,6: scaled)
        ])
        func graphvizTestGraphs(file: String, crossings: Int, parallel: Int) throws {
            let dot = try String(contentsOf: Paths.dotData.appendingPathComponent(file), encoding: .utf8)
            let svg = try gv.renderWithDefaultDiscipline(dot)
            let report = try Readability.measure(svg: svg)
            let points = try Readability.crossingPoints(svg: svg).map { "\($0.first) × \($0.second)" }
            #expect(report.crossings == crossings, "\(points)")
            #expect(report.parallelLines == parallel)
        }

        /// How long measuring takes is for `make bench` and profiles, not a test
        /// (a timing threshold fails on a busy machine or under a sanitizer).
        @Test("a 100-entity drawing is measured whole: every entity is counted")
        func generatedDrawing() throws {
            let bytes = try NetworkGenerator(entities: 100, relations: 300, seed: 1).json()
            let loaded = NetworkLoader().load(bytes: bytes, file: "generated.json", format: .json)
            #expect(!loaded.hasErrors)
            // sfdp, as `--engine auto` draws it (dot takes tens of seconds at this size).
            var options = RenderOptions()
            options.engine = .engine(.sfdp)
            let svg = try Renderer().render(loaded.network, options: options).data
            let report = try Readability.measure(svg: svg)
            #expect(report.entities == 100)
        }
    }
}
