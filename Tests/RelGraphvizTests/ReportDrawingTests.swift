import Foundation
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz
import RelGraphTestSupport
import Testing

/// The flagship, loaded once.
private let flagshipNetwork: Network = NetworkLoader().load(path: TestPaths.flagship.path).network

/// The flagship with a second source cited by its first relation, so that lines
/// can differ in their count of sources (the flagship itself rests on one article).
private let twoSourceNetwork: Network = {
    var network = flagshipNetwork
    network.relations[0].sources.append("second-source")
    return network
}()

/// The flagship (or one of its views; by default with a second source) drawn for a
/// report, with `labels`.
private func reportFigure(view: String? = nil, labels: EdgeLabels = .auto, links: Bool = true,
                          network: Network = twoSourceNetwork) throws -> (ReportFigure, Diagram) {
    let definition = try view.map { try network.view(named: $0) } ?? ViewDefinition()
    let result = try network.applying(definition)
    let evidence = ReportEvidence(full: network, shown: [result])
    var options = RenderOptions()
    // dot alone, as these tests were written for (the default `auto` would let the
    // page fit try its force-directed alternative too).
    options.engine = .engine(.dot)
    options.labels = labels
    options.svg.mode = .inline
    options.svg.idPrefix = "fig"
    let figure = try ReportDrawing().figure(result, full: network, evidence: evidence, options: options, links: links).figure
    return (figure, DiagramBuilder(options: options.diagram).build(result, full: network))
}

@Suite("Report drawing: lines linked to their evidence, with their count of sources")
struct ReportDrawingTests {
    @Test("every line links to the evidence and carries one count; every relation has its line")
    func linksAndCounts() throws {
        let (figure, diagram) = try reportFigure()
        let svg = figure.svg
        #expect(svg.components(separatedBy: "class=\"sources-count\"").count - 1 == diagram.edges.count)
        for edge in diagram.edges {
            let group = "id=\"fig-" + XMLName.make("relation", edge.key) + "\""
            #expect(svg.contains(group), "\(edge.key)")
        }
        #expect(Set(figure.lineIDs.keys) == Set(flagshipNetwork.relations.map(\.key)))
        #expect(svg.contains("xlink:href=\"#ev-pair-") && svg.contains("xlink:href=\"#ev-r"))
    }

    @Test("a report resting on one source draws no counts: every line would show 1")
    func uniformCountIsLeftOut() throws {
        let result = try flagshipNetwork.applying(ViewDefinition())
        #expect(ReportEvidence(full: flagshipNetwork, shown: [result]).uniformSourceCount == 1)
        let twoSources = try twoSourceNetwork.applying(ViewDefinition())
        #expect(ReportEvidence(full: twoSourceNetwork, shown: [twoSources]).uniformSourceCount == nil)
        let (figure, _) = try reportFigure(network: flagshipNetwork)
        #expect(!figure.svg.contains("class=\"sources-count\""))
        #expect(figure.svg.contains("xlink:href=\"#ev-pair-"), "lines still link to their evidence")
    }

    @Test("counts add no label overlap (relgraph measure), with labels and without; labels forced on overlap at most once",
          arguments: [EdgeLabels.auto, .on])
    func noOverlap(labels: EdgeLabels) throws {
        for view in [nil, "iskp-ties", "territorial-footprint"] as [String?] {
            let (figure, _) = try reportFigure(view: view, labels: labels, links: false)
            let report = try Readability.measure(svg: Data(figure.svg.utf8))
            // The same drawing without its counts: what Graphviz placed is not the counts' doing.
            let withoutCounts = figure.svg.replacingOccurrences(of: #"<g class="sources-count">.*?</g>"#, with: "",
                                                                options: .regularExpression)
            let plain = try Readability.measure(svg: Data(withoutCounts.utf8))
            #expect(withoutCounts != figure.svg || view != nil, "the whole network has counts to remove")
            #expect(report.labelOverlaps == plain.labelOverlaps, "\(view ?? "whole network"), labels \(labels)")
            #expect(report.labelOverlaps <= 1, "\(view ?? "whole network"), labels \(labels)")
        }
    }

    @Test("the same input draws the same bytes")
    func deterministic() throws {
        #expect(try reportFigure().0.svg == reportFigure().0.svg)
    }
}
