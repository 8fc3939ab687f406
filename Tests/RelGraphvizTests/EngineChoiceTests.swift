import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

@Suite("--engine auto")
struct EngineChoiceTests {
    @Test("dot for small graphs (neato with routed lines as the page fit's fallback), neato with routed lines above, sfdp with straight edges and overlap removal above that")
    func choice() {
        #expect(EngineChoice.auto(nodes: 54, edges: 78).engine == .dot)
        #expect(EngineChoice.auto(nodes: 54, edges: 78).graphAttributes.isEmpty)
        let large = EngineChoice.auto(nodes: 1_000, edges: 3_000)
        #expect(large.engine == .sfdp)
        #expect(large.graphAttributes["splines"] == "false")
        #expect(large.graphAttributes["overlap"] == "prism")
        #expect(EngineChoice.auto(nodes: 100, edges: EngineChoice.dotLimit - 100).engine == .dot)
        #expect(EngineChoice.auto(nodes: 100, edges: EngineChoice.dotLimit - 100).alternatives == [EngineChoice.forceDirected])
        let middle = EngineChoice.auto(nodes: 100, edges: EngineChoice.dotLimit - 99)
        #expect(middle.engine == .neato && middle.graphAttributes == ["overlap": "prism", "splines": "polyline"])
        #expect(EngineChoice.auto(nodes: 100, edges: EngineChoice.forceDirectedLimit - 100).engine == .neato)
        #expect(EngineChoice.auto(nodes: 100, edges: EngineChoice.forceDirectedLimit - 99).engine == .sfdp)
    }

    @Test("above the Prism limit, sfdp removes overlaps by scaling (Prism takes minutes there)")
    func hugeGraphsScale() {
        let huge = EngineChoice.auto(nodes: 10_000, edges: 30_000)
        #expect(huge.engine == .sfdp)
        #expect(huge.graphAttributes == ["overlap": "scale", "splines": "false"])
        #expect(EngineChoice.auto(nodes: 3_000, edges: EngineChoice.prismLimit - 3_000).graphAttributes["overlap"] == "prism")
        #expect(EngineChoice.auto(nodes: 3_000, edges: EngineChoice.prismLimit - 2_999).graphAttributes["overlap"] == "scale")
    }

    @Test("forcing dot on a large graph warns; small graphs and auto's own choices do not")
    func warnings() {
        #expect(EngineChoice.warning(engine: .dot, nodes: 1_000, edges: 3_000)?.contains("--engine auto") == true)
        #expect(EngineChoice.warning(engine: .dot, nodes: 54, edges: 78) == nil)
        #expect(EngineChoice.warning(engine: .circo, nodes: 1_000, edges: 3_000) == nil)
    }

    @Test("a 1,000-entity network renders with auto's sfdp choice, and the layout attributes reach Graphviz")
    func largeRenders() throws {
        var entities: [Entity] = []
        var relations: [Relation] = []
        for i in 0..<400 { entities.append(Entity(id: "g\(i)", kind: .group, name: "Group \(i)")) }
        for i in 0..<400 { relations.append(Relation(from: "g\(i)", type: "rival-of", to: "g\((i * 7 + 1) % 400)")) }
        let network = Network(entities: entities, relations: relations.filter { $0.from != $0.to })
        let choice = EngineChoice.auto(nodes: network.entities.count, edges: network.relations.count)
        var options = RenderOptions()
        options.format = .svg
        options.engine = .engine(choice.engine)
        options.layoutAttributes = choice.graphAttributes
        let svg = try Renderer().render(network, options: options).data
        #expect(svg.count > 10_000)
        options.format = .dot
        let dot = String(decoding: try Renderer().render(network, options: options).data, as: UTF8.self)
        #expect(dot.contains("overlap=prism") && dot.contains("splines=false"))
    }
}

@Suite("engine setting")
struct EngineSettingTests {
    @Test("one list of names: auto first, then the engines relgraph draws with; each name reads back")
    func names() {
        #expect(EngineSetting.names == ["auto", "dot", "neato", "fdp", "sfdp", "circo", "twopi"])
        for name in EngineSetting.names { #expect(EngineSetting(name: name)?.description == name) }
        #expect(EngineSetting(name: "osage") == nil)
        #expect(EngineSetting.auto.choice(nodes: 10, edges: 10) == EngineChoice.auto(nodes: 10, edges: 10))
        #expect(EngineSetting.engine(.neato).choice(nodes: 5_000, edges: 5_000).engine == .neato)
    }
}
