import Foundation
import Testing
import RelGraph
import RelGraphTestSupport
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    /// Every test that measures resident memory (`residentBytes()`), one at a time.
    ///
    /// Resident memory is the process's: measured while other tests run beside it, it
    /// measures them too. `.serialized` (and ``GraphvizTests``, serialized) keeps the
    /// other Graphviz tests away, but `swift test` runs every test target's suites in
    /// one process, in parallel. So each test here measures in a test process of its
    /// own, which runs that test and nothing else (``inAProcessOfItsOwn(_:_:)``): this
    /// process starts it, prints its measurements and expects it to pass.
    ///
    /// Under a sanitizer (`underSanitizer`) the numbers are reported, not bounded.
    @Suite("Memory growth", .serialized) struct MemoryGrowth {
        /// Set in the test process a memory test starts for itself.
        static let aloneVariable = "RELGRAPH_MEASURE_ALONE"

        /// Runs `measure` in a test process running only the test `name` (this process,
        /// when it is that one): the measurements it prints are printed here too, and
        /// the test fails here when it fails there or does not run there.
        static func inAProcessOfItsOwn(_ name: String = #function, _ measure: () throws -> Void) throws {
            if ProcessInfo.processInfo.environment[aloneVariable] == name {
                try measure()
                return
            }
            let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            let filter = "MemoryGrowth/\(name.prefix { $0 != "(" })"
            let child = try ProcessRunner.run(testBinary, ["--testing-library", "swift-testing", "--filter", filter],
                                              extraEnvironment: [aloneVariable: name])
            let measurements = child.stdout.split(separator: "\n").filter { $0.hasPrefix("resident memory") }
            for line in measurements { print(line) }
            #expect(child.status == 0, "\(testBinary.lastPathComponent) --filter \(filter): \(child.stdout) \(child.stderr)")
            #expect(measurements.count == 1, "\(filter) ran and printed its measurement: \(child.stdout)")
        }

        /// 200 iterations of every operation (render, layout, writeDOT, readDOT,
        /// failing read, failing render) on a graph without clusters: resident
        /// memory stays flat, so the wrapper frees everything it makes.
        @Test func twoHundredRendersDoNotGrowMemory() throws {
            try Self.inAProcessOfItsOwn {
                let spec = GraphSpec(
                    name: "flat",
                    attributes: ["rankdir": "LR"],
                    nodeDefaults: ["shape": "box", "fontname": "Helvetica"],
                    nodes: (0..<12).map { GraphSpec.Node("n\($0)", attributes: ["label": .string("Node \($0)")]) },
                    edges: (0..<11).map { GraphSpec.Edge("n\($0)", "n\($0 + 1)", attributes: ["label": "next"]) })
                let text = try gv.writeDOT(spec)
                let bad = Data("digraph { a -> ; }".utf8)
                func work() throws {
                    _ = try gv.render(spec, format: .svg)
                    _ = try gv.layout(spec)
                    _ = try gv.writeDOT(spec)
                    _ = try gv.readDOT(text)
                    _ = try? gv.readDOT(bad)
                    _ = try? gv.render(spec, engine: "nosuch", format: .svg)
                }
                for _ in 0..<30 { try work() }  // warm up: plugins, fonts, caches
                let before = residentBytes()
                for _ in 0..<200 { try work() }
                let after = residentBytes()
                let growth = after - before
                print("resident memory, 200 x (render, layout, writeDOT, readDOT, 2 failures): before \(before / 1024) KiB, after \(after / 1024) KiB, growth \(growth / 1024) KiB")
                if !underSanitizer { #expect(growth < 2 * 1024 * 1024) }
            }
        }

        /// Graphviz 2.42's `dot` layout itself leaks on graphs with clusters
        /// (valgrind: blocks from `make_aux_edge` in `class1` and `virtual_edge` in
        /// `class2`, never freed by `gvFreeLayout`), about 20 KB per layout of
        /// ``clusteredSpec()``. Nothing the wrapper can free: the numbers are
        /// reported so a change shows, with a loose bound.
        @Test func clusterLayoutsLeakInsideGraphviz242() throws {
            try Self.inAProcessOfItsOwn {
                let spec = clusteredSpec()
                for _ in 0..<30 { _ = try gv.render(spec, format: .svg) }
                let before = residentBytes()
                for _ in 0..<200 { _ = try gv.render(spec, format: .svg) }
                let after = residentBytes()
                let growth = after - before
                print("resident memory, 200 renders with clusters (dot): growth \(growth / 1024) KiB (\(growth / 200) bytes per render)")
                if !underSanitizer { #expect(growth < 12 * 1024 * 1024) }
            }
        }

        /// 1,000 SVG renders of the flagship (no clusters, so no 2.42 cluster leak):
        /// resident memory is sampled along the way and reported.
        ///
        /// Measured (debug build): about 33 KB more per render, linearly (46 MB after
        /// the first, 79 MB after 1,000): NOT flat. docs/reliability.md records the
        /// valgrind findings; until it is fixed this test bounds the growth per render
        /// (64 KB) so that it cannot get worse unnoticed.
        @Test func thousandFlagshipRendersKeepMemoryFlat() throws {
            try Self.inAProcessOfItsOwn {
                let network = try Stress().flagship()
                var options = RenderOptions()
                options.format = .svg
                // One Graphviz layout per render, as the bound below was measured: the page
                // fit (default) lays out several candidates per render, each with the same
                // per-layout growth.
                options.page = nil
                let first = try Renderer().render(network, options: options).data
                var samples: [(Int, Int)] = []
                for i in 1...1000 {
                    let data = try Renderer().render(network, options: options).data
                    if i == 1 || i % 250 == 0 {
                        #expect(data == first, "render \(i) differs")
                        samples.append((i, residentBytes()))
                    }
                }
                let after100 = samples.first { $0.0 == 250 }!.1
                let last = samples.last!.1
                print("resident memory over 1,000 flagship SVG renders: " + samples.map { "\($0.0): \($0.1 / 1024) KiB" }.joined(separator: ", ")
                      + "; growth from 250 to 1,000: \((last - after100) / 1024) KiB")
                if !underSanitizer { #expect((last - after100) / 750 < 64 * 1024, "more than 64 KB per render") }
            }
        }
    }
}
