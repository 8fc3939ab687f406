import Foundation
import Testing
import RelGraphTestSupport
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The flagship network, loaded once.
let flagship: Network = TestFixtures.flagship

/// Render options as `make flagship` uses them (see the Makefile).
func flagshipOptions(_ format: RenderFormat) -> RenderOptions {
    var options = RenderOptions()
    options.format = format
    options.svg.idPrefix = "rg-iskp-isi-nexus"
    return options
}

@Suite("Rendering the flagship")
struct FlagshipRenderTests {
    @Test("renders to SVG, PNG, PDF and DOT", arguments: RenderFormat.allCases)
    func formats(format: RenderFormat) throws {
        let data = try Renderer().render(flagship, options: flagshipOptions(format)).data
        let head = [UInt8](data.prefix(8))
        switch format {
        case .svg: #expect(data.text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg "))
        case .png: #expect(head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .pdf: #expect(data.text.hasPrefix("%PDF-"))
        case .dot: #expect(data.text.hasPrefix("digraph relgraph {\n"))
        case .graphml: #expect(data.text.contains("<graphml "))
        }
        #expect(data.count > 1000)
    }

    @Test("the DOT reads back with cgraph and holds every entity and relation")
    func dotReadsBack() throws {
        let dot = try Renderer().render(flagship, options: flagshipOptions(.dot)).data
        let parsed = try gv.readDOT(dot).graph
        #expect(parsed.nodes.count == flagship.entities.count)
        #expect(parsed.edges.count == flagship.relations.count)
        #expect(Set(parsed.nodes.map(\.name)) == Set(flagship.entities.map(\.id)))
        #expect(Set(parsed.edges.compactMap(\.key)) == Set(flagship.relations.map(\.key)))
        // No layout data in DOT output.
        for attribute in ["pos", "bb", "width", "height", "lp", "_draw_"] {
            #expect(!dot.text.contains(" \(attribute)="), "DOT contains \(attribute)")
        }
    }

    @Test("the same model renders to the same bytes twice in one process, clusters included")
    func deterministic() throws {
        var clustered = ViewDefinition()
        clustered.cluster = .territories
        for view in [ViewDefinition(), clustered] {
            for format in [RenderFormat.svg, .dot] {
                let first = try Renderer().render(flagship, view: view, options: flagshipOptions(format)).data
                let second = try Renderer().render(flagship, view: view, options: flagshipOptions(format)).data
                #expect(first == second, "\(format) differs between two renders")
            }
        }
    }

    @Test("50 concurrent renders from Swift tasks give the same bytes as one render")
    func concurrent() async throws {
        let expected = try Renderer().render(flagship, options: flagshipOptions(.svg)).data
        let results = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<50 {
                group.addTask { try Renderer().render(flagship, options: flagshipOptions(.svg)).data }
            }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(results.count == 50)
        #expect(results.allSatisfy { $0 == expected })
    }

    /// The DOT is the same with every Graphviz; the SVG is compared with the Graphviz
    /// the committed drawings were made with (``TestGraphviz/committedDrawings``).
    @Test("the committed graphs/iskp-isi-nexus.dot is current (run `make flagship` if not)")
    func committedDOTIsCurrent() throws {
        try committedOutputsAreCurrent(format: .dot)
    }

    @Test("the committed graphs/iskp-isi-nexus.svg is current (run `make flagship` if not)",
          .enabled(if: graphvizVersion == TestGraphviz.committedDrawings, TestGraphviz.committedMismatch(graphvizVersion)))
    func committedSVGIsCurrent() throws {
        try committedOutputsAreCurrent(format: .svg)
    }

    func committedOutputsAreCurrent(format: RenderFormat) throws {
        let committed = Paths.packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.\(format.rawValue)")
        let fresh = try Renderer().render(flagship, options: flagshipOptions(format)).data
        let existing = try Data(contentsOf: committed)
        #expect(existing == fresh, "graphs/iskp-isi-nexus.\(format.rawValue) is stale: run `make flagship` and commit it")
    }

    @Test("the committed graphs/views/iskp-isi-nexus.NAME.svg are current, one per named view (run `make flagship` if not)",
          .enabled(if: graphvizVersion == TestGraphviz.committedDrawings, TestGraphviz.committedMismatch(graphvizVersion)))
    func committedViewsAreCurrent() throws {
        let folder = Paths.packageRoot.appendingPathComponent("graphs/views")
        let committed = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(committed == flagship.views.keys.sorted().map { "iskp-isi-nexus.\($0).svg" }, "graphs/views holds other files than the views: run `make flagship`")
        for name in flagship.views.keys.sorted() {
            var options = flagshipOptions(.svg)
            options.svg.idPrefix = CSSName.make("rg-iskp-isi-nexus-\(name)")  // as `relgraph render --all-views` names them
            let fresh = try Renderer().render(flagship, view: try flagship.view(named: name), options: options).data
            let existing = try? Data(contentsOf: folder.appendingPathComponent("iskp-isi-nexus.\(name).svg"))
            #expect(existing == fresh, "graphs/views/iskp-isi-nexus.\(name).svg is stale: run `make flagship` and commit it")
        }
    }
}

@Suite("The look of a diagram")
struct LookTests {
    func diagram(_ network: Network, legend: Bool = true) throws -> Diagram {
        var options = DiagramOptions()
        options.legend = legend
        return DiagramBuilder(options: options).build(try network.applying(ViewDefinition()), full: network)
    }

    @Test("each entity kind has its own shape and colour")
    func kindsDistinct() throws {
        let shapes = EntityKind.builtIn.map { kind -> String in
            var key = Theme.shapes[kind]!
            if kind == .state { key += "+double" }
            if kind == .person { key += "+rounded" }
            if kind == .event { key += "+diagonals" }
            return key
        }
        #expect(Set(shapes).count == EntityKind.builtIn.count)
        // And the diagram says so: events' corners cut, people's rounded.
        let text = "entities:\n  - {id: e, kind: event, name: E}\n  - {id: p, kind: person, name: P}\n"
        let network = NetworkLoader().load(bytes: Array(text.utf8), file: "kinds.yaml", format: .yaml).network
        let nodes = try network.applying(ViewDefinition())
        let diagram = DiagramBuilder().build(nodes, full: network)
        #expect(diagram.nodes.first { $0.id == "e" }?.cornerMarks == true)
        #expect(diagram.nodes.first { $0.id == "p" }.map { $0.rounded && !$0.cornerMarks } == true)
        let fills = EntityKind.builtIn.map { Theme.light.kinds[$0]!.fill! }
        #expect(Set(fills).count == EntityKind.builtIn.count)
        let darkFills = EntityKind.builtIn.map { Theme.dark.kinds[$0]!.fill! }
        #expect(Set(darkFills).count == EntityKind.builtIn.count)
    }

    @Test("relation families are told apart by colour and arrowhead (at most eight kinds of line); symmetric types have none")
    func typesDistinct() throws {
        #expect(RelationFamily.allCases.count <= 8)
        for theme in [Theme.light, Theme.dark] {
            let pairs = RelationFamily.allCases.map { "\(theme.color(for: $0))/\($0.arrow)" }
            #expect(Set(pairs).count == RelationFamily.allCases.count)
            #expect(Set(RelationFamily.allCases.map { theme.color(for: $0) }).count == RelationFamily.allCases.count)
        }
        #expect(RelationType.builtIn.allSatisfy { $0.family != nil && RelationFamily.builtIn[$0.name] == $0.family })
        // The flagship's lines show at most eight kinds of line, and its legend names each family once.
        let legend = try #require(try diagram(flagship).legend)
        #expect(legend.types.count <= 8)
        #expect(Set(legend.types.map(\.name)).isSubset(of: Set(RelationFamily.allCases.map(\.rawValue))))
        // One line per relation here: a merged line stands for several types.
        var options = DiagramOptions()
        options.mergeRelations = false
        let spec = DiagramGraph.spec(for: DiagramBuilder(options: options).build(try flagship.applying(ViewDefinition()), full: flagship))
        for edge in spec.edges {
            let relation = try #require(flagship.relations.first { $0.key == edge.key })
            let type = try #require(flagship.relationType(named: relation.type))
            if type.symmetric {
                let marked = relation.ended || relation.until != nil
                #expect(edge.attributes["dir"] == (marked ? nil : "none"))
                #expect(edge.attributes["arrowhead"] == (marked ? "tee" : "none"))
            } else {
                #expect(edge.attributes["dir"] == nil)
            }
        }
    }

    @Test("confidence shows as line style: confirmed solid, reported dashed, alleged dotted, disputed doubled")
    func confidenceStyles() throws {
        let d = try diagram(flagship)
        let spec = DiagramGraph.spec(for: d)
        for (edge, drawn) in zip(d.edges, spec.edges) {
            switch edge.confidence {
            case .confirmed: #expect(drawn.attributes["style"] == nil)
            case .reported: #expect(drawn.attributes["style"] == "dashed")
            case .alleged: #expect(drawn.attributes["style"] == "dotted")
            case .disputed:
                #expect(drawn.attributes["style"] == "dashed")
                // Two lines of one colour, so that the tail's arrowhead has that colour too.
                #expect(drawn.attributes["color"]?.text == "\(edge.color):\(edge.color)")
            }
        }
        #expect(Set(d.edges.map(\.confidence)) == Set(Confidence.allCases))
    }

    @Test("edge labels carry the type and the date span")
    func edgeLabels() throws {
        let d = try diagram(flagship)
        // Pakistan's relations to ISKP share a line with ISKP's to Pakistan: one label line each way.
        let pair = try #require(d.edges.first { $0.relations.contains { $0.from == "pakistan" && $0.type == "harbors" } })
        #expect(pair.label.contains("Pakistan: harbors, 2021-08–"))
        #expect(pair.label.contains("ISKP: "))
        // ISKP's claim of responsibility for the Kabul gurdwara attack is dated: "In March 2020".
        let claimed = try #require(d.edges.first { $0.type == "claimed" })
        #expect(claimed.label == "claimed, 2020-03–")
    }

    @Test("long names wrap")
    func wrapping() {
        #expect(LabelText.wrap("Naseem Baloch's statement at the UN", width: 18) == ["Naseem Baloch's", "statement at the UN"].flatMap { LabelText.wrap($0, width: 18) })
        #expect(LabelText.wrap("Krasnogorsk concert hall attack", width: 18) == ["Krasnogorsk", "concert hall", "attack"])
        #expect(LabelText.wrap(String(repeating: "x", count: 40), width: 18).map(\.count) == [18, 18, 4])
    }

    @Test("the legend lists exactly the kinds, types and confidences the diagram uses; --no-legend drops it")
    func legend() throws {
        var network = flagship
        network.entities = network.entities.filter { [.group, .agency].contains($0.kind) }
        let ids = Set(network.entities.map(\.id))
        network.relations = network.relations.filter { ids.contains($0.from) && ids.contains($0.to) }
        let d = try diagram(network)
        let legend = try #require(d.legend)
        #expect(legend.kinds.map(\.kind) == [.group, .agency])
        // One entry per family drawn, in family order, naming each of its types.
        let families = Set(network.relations.map { network.family(ofType: $0.type) }).sorted()
        #expect(legend.types.map(\.name) == families.map(\.rawValue))
        for relation in network.relations {
            let label = network.relationType(named: relation.type)?.label ?? relation.type
            #expect(legend.types.contains { $0.name == network.family(ofType: relation.type).rawValue && $0.label.contains(label) }, "\(relation.type)")
        }
        #expect(Set(legend.confidences) == Set(network.relations.map(\.confidence)))
        let caption = DiagramGraph.caption(for: d)
        #expect(caption.contains(">group<") && caption.contains(">agency<") && !caption.contains(">territory<"))
        #expect(try diagram(network, legend: false).legend == nil)
        #expect(!DiagramGraph.caption(for: try diagram(network, legend: false)).contains("Entities"))
    }

    @Test("a document's style overrides the defaults by kind, relation type and tag")
    func styleOverrides() throws {
        let yaml = minimalNetworkYAML + """

        style:
          kinds:
            group: {color: "#112233", fill: "#aabbcc", shape: box, font: DejaVu Serif}
          types:
            sponsors: {color: darkred, line: bold, arrow: vee, width: 3}
          tags:
            proxy: {fill: "#ffee00"}
        """
        let loaded = NetworkLoader().load(bytes: Array(yaml.utf8), file: "s.yaml", format: .yaml)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.formatted))")
        let spec = DiagramGraph.spec(for: try diagram(loaded.network))
        let iskp = try #require(spec.nodes.first { $0.name == "iskp" })
        #expect(iskp.attributes["color"] == "#112233")
        #expect(iskp.attributes["fillcolor"] == "#ffee00")  // the tag wins over the kind
        #expect(iskp.attributes["shape"] == "box")
        #expect(iskp.attributes["fontname"] == "DejaVu Serif")
        let edge = try #require(spec.edges.first)
        #expect(edge.attributes["color"] == "darkred")
        #expect(edge.attributes["style"] == "bold")
        #expect(edge.attributes["arrowhead"] == "vee")
        #expect(edge.attributes["penwidth"] == "3")
    }
}

let minimalNetworkYAML = """
title: Minimal
sources:
  op-ed: {title: An op-ed, publisher: A paper, date: 2025-10-09}
entities:
  - {id: isi, kind: agency, name: ISI}
  - {id: iskp, kind: group, name: ISKP, tags: [proxy]}
relations:
  - from: isi
    type: sponsors
    to: iskp
    confidence: alleged
    claims:
      - {source: op-ed, quote: "deep ties"}
"""
