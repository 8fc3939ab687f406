import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The page fit measures its candidates from what Graphviz draws
/// (``DrawingRecorder``), not from their SVG: the numbers must be the ones
/// ``Readability`` reads from the SVG, so that the choice is the same.
@Suite("Readability from the recorded drawing")
struct RecordedMeasureTests {
    static func generated(_ entities: Int, seed: UInt64) throws -> Diagram {
        let bytes = try NetworkGenerator(entities: entities, relations: 3 * entities, seed: seed).json()
        let loaded = NetworkLoader().load(bytes: bytes, file: "generated.json", format: .json)
        precondition(!loaded.hasErrors, "generated networks are valid")
        return try PageFitMemoTests.diagram(loaded.network)
    }

    /// Every drawing style the page fit tries, on `diagram`, laid out by `engine`:
    /// whole, and packed by parts (``ComponentPacking``) when it has several.
    static func compare(_ name: String, _ diagram: Diagram, engine: LayoutEngine, layoutAttributes: GraphAttributes = [:]) throws {
        var styles: [DrawingStyle] = []
        for direction in ["LR", "TB"] {
            for labels in [true, false] {
                styles.append(DrawingStyle(direction: direction, edgeLabels: labels))
            }
        }
        var narrow = DrawingStyle(direction: diagram.direction, edgeLabels: true)
        narrow.nameWidth = 11
        narrow.crossingEffort = 12
        styles.append(narrow)
        for style in styles {
            var specs = [(DiagramGraph.spec(for: diagram, style: style, layoutAttributes: layoutAttributes), engine)]
            if let packed = try ComponentPacking.packedSpec(for: diagram, style: style, engine: engine, page: .a4,
                                                            layoutAttributes: layoutAttributes, context: .shared) {
                specs.append((packed, .nop2))
            }
            for (spec, drawEngine) in specs {
                // One layout, drawn both ways (neato and sfdp do not lay out a graph the same way twice).
                let both = try GraphvizContext.shared.recordDrawing(spec, engine: drawEngine, svg: true)
                let read = try Readability.measure(svg: try #require(both.svg), page: .a4)
                let recorded = Readability.measure(both.drawing, page: .a4, screenColumn: Readability.screenColumn)
                #expect(recorded == read, "\(name), \(engine.rawValue) → \(drawEngine.rawValue), \(style)")
            }
        }
    }

    @Test("the flagship and its views: the same numbers as from the SVG")
    func flagshipViews() throws {
        for (name, diagram) in try PageFitMemoTests.diagrams() {
            try Self.compare(name, diagram, engine: .dot)
        }
    }

    @Test("dot lays out the same graph the same way again: measuring and then drawing it agree")
    func dotAgain() throws {
        let diagram = try Self.generated(50, seed: 5)
        let spec = DiagramGraph.spec(for: diagram)
        let svg = try GraphvizContext.shared.render(spec, engine: .dot, format: .svg).data
        #expect(try Readability.measure(spec, engine: .dot, page: .a4).report == (try Readability.measure(svg: svg, page: .a4)))
    }

    @Test("generated networks with dot, neato and sfdp: the same numbers as from the SVG")
    func generatedNetworks() throws {
        for (entities, seed) in [(20, UInt64(1)), (50, 2)] {
            let diagram = try Self.generated(entities, seed: seed)
            for engine in [LayoutEngine.dot, .neato, .sfdp] {
                try Self.compare("generated \(entities)/\(seed)", diagram, engine: engine)
            }
        }
    }
}
