import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The page fit lays out and draws each distinct graph once (``PageFitMemo``):
/// what it chooses, and every byte it draws, are what trying every candidate
/// afresh gives.
@Suite("Page fit memo")
struct PageFitMemoTests {
    static let hub: Network = {
        let loaded = NetworkLoader().load(path: Paths.packageRoot.appendingPathComponent("Tests/RelGraphvizTests/Fixtures/hub-50.yaml").path)
        precondition(!loaded.hasErrors, "the hub fixture must be valid")
        return loaded.network
    }()

    static func diagram(_ network: Network, view: ViewDefinition = ViewDefinition(),
                        foldLeaves: Bool = true) throws -> Diagram {
        var options = DiagramOptions()
        options.foldLeaves = foldLeaves
        return DiagramBuilder(options: options).build(try network.applying(view), full: network)
    }

    /// The diagrams compared: the flagship, its story views, and the hub (folded and not).
    static func diagrams() throws -> [(String, Diagram)] {
        var list = [("flagship", try diagram(flagship))]
        for name in ["iskp-ties", "territorial-footprint", "before-august-2021"] {
            list.append((name, try diagram(flagship, view: try flagship.view(named: name))))
        }
        list.append(("hub", try diagram(hub)))
        list.append(("hub unfolded", try diagram(hub, foldLeaves: false)))
        return list
    }

    @Test("sharing layouts between candidates changes neither the choice nor a byte of the drawing")
    func sameChoice() throws {
        let fit = PageFit(page: .a4)
        for (name, diagram) in try Self.diagrams() {
            for labels in [EdgeLabels.auto, .on] {
                let shared = try fit.choose(for: diagram, engine: .dot, labels: labels, layoutAttributes: [:], memo: PageFitMemo())
                let fresh = try fit.choose(for: diagram, engine: .dot, labels: labels, layoutAttributes: [:],
                                           memo: PageFitMemo(recalls: false))
                #expect(shared.style == fresh.style, "\(name), labels \(labels)")
                #expect(shared.smallestText == fresh.smallestText && shared.crossings == fresh.crossings
                            && shared.labelOverlaps == fresh.labelOverlaps, "\(name), labels \(labels)")
                #expect(shared.spec == fresh.spec && shared.engine == fresh.engine, "\(name), labels \(labels)")
                #expect(shared.svg == fresh.svg && shared.warnings == fresh.warnings, "\(name), labels \(labels)")
            }
        }
    }

    @Test("spec objects made once give the specs made afresh, for every style, part and changed node")
    func sharedSpecObjects() throws {
        let objects = DiagramGraph.SpecObjects()
        for (name, diagram) in try Self.diagrams() {
            var changed = diagram
            if !changed.nodes.isEmpty { changed.nodes[0].name += " (renamed)" }
            if !changed.edges.isEmpty { changed.edges[0].label += " (relabelled)" }
            let parts = diagram.components().map { diagram.part($0) }
            for candidate in [diagram, changed] + parts {
                for width in [nil, 11, 13, 16] as [Int?] {
                    for labels in [true, false] {
                        var style = DrawingStyle(direction: "LR", edgeLabels: labels)
                        style.nameWidth = width
                        #expect(DiagramGraph.spec(for: candidate, style: style, layoutAttributes: [:], objects: objects)
                                    == DiagramGraph.spec(for: candidate, style: style), "\(name), width \(String(describing: width)), labels \(labels)")
                    }
                }
            }
        }
    }

    @Test("a name width that wraps no name differently is not drawn again")
    func repeatsSkipped() throws {
        let diagram = try Self.diagram(Self.hub)
        let memo = PageFitMemo()
        _ = try PageFit(page: .a4).choose(for: diagram, engine: .dot, labels: .auto, layoutAttributes: [:], memo: memo)
        let fresh = PageFitMemo(recalls: false)
        _ = try PageFit(page: .a4).choose(for: diagram, engine: .dot, labels: .auto, layoutAttributes: [:], memo: fresh)
        #expect(memo.drawingsMade < fresh.drawingsMade)
    }
}
