import Foundation
import Testing
import RelGraphTestSupport
import RelGraph
@testable import RelGraphDrawing

/// The drawing's pure parts, which need no Graphviz: the graph a diagram becomes,
/// the engine chosen for it, canonical DOT's line joining, and comparing graphs.
@Suite("The drawing without Graphviz")
struct DrawingWithoutGraphvizTests {
    /// The graph of the whole flagship as `relgraph render` describes it to Graphviz.
    static func flagshipGraph(_ network: Network) throws -> GraphSpec {
        let diagram = DiagramBuilder().build(try network.applying(ViewDefinition()), full: network)
        return DiagramGraph.spec(for: diagram)
    }

    @Test("the flagship's graph does not depend on the order its entities and relations are written in")
    func orderFree() throws {
        let graph = try Self.flagshipGraph(flagship)
        #expect(graph.nodes.count >= flagship.entities.count)
        #expect(!graph.edges.isEmpty)
        var rng = SplitMix64(seed: 20251009)
        for _ in 0..<10 {
            var shuffled = flagship
            shuffled.entities.shuffle(using: &rng)
            shuffled.relations.shuffle(using: &rng)
            #expect(try Self.flagshipGraph(shuffled) == graph)
        }
    }

    @Test("every entity of the flagship is a node named by its id, every relation an edge keyed by its key")
    func namesAndKeys() throws {
        let graph = try Self.flagshipGraph(flagship)
        let names = Set(graph.nodes.map(\.name))
        for entity in flagship.entities { #expect(names.contains(entity.id), "\(entity.id) has no node") }
        for edge in graph.edges { #expect(names.contains(edge.tail) && names.contains(edge.head)) }
    }

    @Test("the automatic engine: dot for a small network, a force-directed one for a large dense one")
    func automaticEngine() {
        #expect(EngineChoice.auto(nodes: 10, edges: 12).engine == .dot)
        #expect(EngineChoice.auto(nodes: 2_000, edges: 8_000).engine != .dot)
    }

    @Test("canonical DOT joins an attribute list broken over lines onto its statement's line, quoted text untouched")
    func canonicalLines() {
        let written = "digraph G {\n\ta\t[color=red,\n\t\tlabel=\"x,\n y\"];\n}\n"
        let finished = String(decoding: StreamedCanonicalDOT.bytes(Array(written.utf8), cuts: []), as: UTF8.self)
        #expect(finished == "digraph G {\n\ta\t[color=red, label=\"x,\n y\"];\n}\n")
    }

    @Test("comparing two graphs finds the edge whose attribute changed and the node that was added")
    func comparison() {
        let old = GraphSpec(nodes: [.init("a"), .init("b")], edges: [.init("a", "b", key: "r1", attributes: ["style": "dashed"])])
        var new = old
        new.nodes.append(.init("c"))
        new.edges[0].attributes["style"] = "solid"
        let comparison = GraphComparison(old: old.normalized(), new: new.normalized())
        #expect(comparison.nodes.map(\.status) == [.unchanged, .unchanged, .added])
        #expect(comparison.edges.map(\.status) == [.changed])
        #expect(GraphComparison(old: old.normalized(), new: old.normalized()).edges.map(\.status) == [.unchanged])
    }

    @Test("the normal form folds node and edge defaults in and keeps only subgraphs that matter to the drawing")
    func normalForm() {
        let written = GraphSpec(
            nodeDefaults: ["shape": "box"], edgeDefaults: ["color": "red"],
            nodes: [.init("a"), .init("b", attributes: ["shape": "ellipse"])],
            edges: [.init("a", "b")],
            subgraphs: [.init(nil, nodes: ["a", "b"], subgraphs: [.init("cluster_x", attributes: ["label": "X"], nodes: ["b"])])])
        let read = GraphSpec(
            nodes: [.init("a", attributes: ["shape": "box"]), .init("b", attributes: ["shape": "ellipse"])],
            edges: [.init("a", "b", attributes: ["color": "red"])],
            subgraphs: [.init("cluster_x", attributes: ["label": "X"], nodes: ["b"])])
        #expect(written.normalized() == read.normalized())
        #expect(written.normalized().subgraphs.map(\.name) == ["cluster_x"])
        #expect(GraphComparison(old: written.normalized(), new: read.normalized()).report.isEmpty)
    }
}
