import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    /// Many renders at once: concurrent output is identical. (The 1,000 renders
    /// measuring memory: ``MemoryGrowth``.)
    @Suite("stress") struct Stress {
        func flagship() throws -> Network {
            let loaded = NetworkLoader().load(path: Paths.packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path)
            try #require(!loaded.hasErrors)
            return loaded.network
        }

        /// 8 tasks × 100 renders at once (DOT of the flagship, SVG of a small generated
        /// network): every output equals the single-threaded one.
        @Test func eightTasksTimesHundredRendersAreIdentical() async throws {
            let network = try flagship()
            let small = NetworkLoader().load(bytes: try NetworkGenerator(entities: 12, relations: 20, seed: 4).json(),
                                             file: "small.json", format: .json)
            try #require(!small.hasErrors)
            var dot = RenderOptions()
            dot.format = .dot
            var svg = RenderOptions()
            svg.format = .svg
            let expectedDOT = try Renderer().render(network, options: dot).data
            let expectedSVG = try Renderer().render(small.network, options: svg).data
            let smallNetwork = small.network
            let (dotOptions, svgOptions) = (dot, svg)
            let mismatches = await withTaskGroup(of: Int.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var bad = 0
                        for _ in 0..<100 {
                            if task % 2 == 0 {
                                if (try? Renderer().render(network, options: dotOptions).data) != expectedDOT { bad += 1 }
                            } else {
                                if (try? Renderer().render(smallNetwork, options: svgOptions).data) != expectedSVG { bad += 1 }
                            }
                        }
                        return bad
                    }
                }
                return await group.reduce(0, +)
            }
            #expect(mismatches == 0)
        }
    }
}
