import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    @Suite("concurrency and memory") struct Concurrency {
        @Test func fiftyConcurrentRendersGiveTheSameBytes() async throws {
            let spec = clusteredSpec()
            let expected = try gv.render(spec, format: .svg).data
            let results = await withTaskGroup(of: Data?.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        // Mix in other operations so they interleave under the lock.
                        if i % 5 == 0 { _ = try? gv.readDOT(Data("digraph { x -> ".utf8)) }
                        if i % 7 == 0 { _ = try? gv.writeDOT(spec) }
                        return try? gv.render(spec, format: .svg).data
                    }
                }
                var collected: [Data?] = []
                for await result in group { collected.append(result) }
                return collected
            }
            #expect(results.count == 50)
            #expect(results.allSatisfy { $0 == expected })
        }

        /// 200 iterations of every operation (render, layout, writeDOT, readDOT,
        /// failing read, failing render) on a graph without clusters: resident
        /// memory stays flat, so the wrapper frees everything it makes.
        @Test func twoHundredRendersDoNotGrowMemory() throws {
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

        /// Graphviz 2.42's `dot` layout itself leaks on graphs with clusters
        /// (valgrind: blocks from `make_aux_edge` in `class1` and `virtual_edge` in
        /// `class2`, never freed by `gvFreeLayout`), about 20 KB per layout of
        /// ``clusteredSpec()``. Nothing the wrapper can free: the numbers are
        /// reported so a change shows, with a loose bound.
        @Test func clusterLayoutsLeakInsideGraphviz242() throws {
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
}
