import Foundation
import Testing
import RelGraphTestSupport
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    @Suite("determinism") struct Determinism {
        /// 2.42 orders subgraphs by an id taken from a heap address; with the
        /// default id discipline, clusters render differently from run to run in
        /// one process. With ours, 30 renders are identical.
        @Test func thirtyRendersWithClustersAreIdentical() throws {
            let spec = clusteredSpec()
            let firstSVG = try gv.render(spec, format: .svg).data
            let firstDOT = try gv.writeDOT(spec)
            var keepHeapBusy: [[UInt8]] = []
            for i in 0..<30 {
                keepHeapBusy.append([UInt8](repeating: 0, count: 1 + (i * 7919) % 5000))  // perturb the heap
                #expect(try gv.render(spec, format: .svg).data == firstSVG, "render \(i)")
                #expect(try gv.writeDOT(spec) == firstDOT, "writeDOT \(i)")
            }
            #expect(keepHeapBusy.count == 30)
        }

        /// For comparison only (not asserted: it depends on heap addresses):
        /// the same clusters through agmemread and cgraph's default discipline.
        @Test func defaultDisciplineForComparison() throws {
            let dot = """
                digraph G { subgraph cluster_z { label=Z; a b } subgraph cluster_a { label=A; c d }
                subgraph cluster_m { label=M; e } a -> c -> e; b -> d; }
                """
            var outputs = Set<Data>()
            var keepHeapBusy: [[UInt8]] = []
            for i in 0..<30 {
                keepHeapBusy.append([UInt8](repeating: 0, count: 1 + (i * 7919) % 5000))
                outputs.insert(try gv.renderWithDefaultDiscipline(dot))
            }
            let ours = try gv.readDOT(Data(dot.utf8)).graph
            var ourOutputs = Set<Data>()
            for _ in 0..<30 { ourOutputs.insert(try gv.render(ours, format: .svg).data) }
            print("distinct SVGs of 30 renders: default id discipline \(outputs.count), RelGraphviz's \(ourOutputs.count)")
            #expect(ourOutputs.count == 1)
        }

        /// Output equals committed goldens (so it is the same across processes).
        /// Run with RELGRAPH_ACCEPT_GOLDENS=1 to rewrite them after an intended
        /// change. Goldens are per Graphviz version: fonts and version strings
        /// are part of the SVG.
        @Test(.enabled(if: Golden.exist(for: graphvizVersion, in: Paths.goldens), Golden.missingReason(for: graphvizVersion)))
        func outputMatchesGoldens() throws {
            let version = graphvizVersion
            let outputs: [(String, Data)] = [
                ("clusters.graphviz-\(version).dot", try gv.writeDOT(clusteredSpec())),
                ("clusters.graphviz-\(version).svg", try gv.render(clusteredSpec(), format: .svg).data),
            ]
            for (name, data) in outputs {
                let outcome = try Golden.check(data, name: name, in: Paths.goldens)
                #expect(outcome == .same || outcome == .rewritten, "\(outcome)")
            }
        }
    }
}
