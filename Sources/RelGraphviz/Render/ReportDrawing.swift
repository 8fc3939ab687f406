import RelGraph
import RelGraphDrawing

/// Draws the diagrams of a report (``Report``): SVG whose lines link to their
/// evidence and carry their number of supporting sources.
///
///     let evidence = ReportEvidence(full: network, shown: [result])
///     let figure = try ReportDrawing().figure(result, full: network, evidence: evidence, options: options).figure
public struct ReportDrawing: Sendable {
    /// The renderer used.
    public var renderer: Renderer

    /// Creates a report drawing.
    /// Space between ranks (`ranksep`, inches) in a drawing whose lines carry
    /// counts: 0.3 (22 pt), so that a line between neighbouring ranks is long
    /// enough for its count's disc (``LineEvidenceMarks/radius``) beside its arrowhead.
    static let countRankSeparation = "0.3"

    public init(renderer: Renderer = Renderer()) {
        self.renderer = renderer
    }

    /// `result` drawn as SVG for a report: each line links to
    /// ``ReportEvidence/target(for:)`` (when `links` is set: an HTML report, where
    /// the evidence is on the same page) and carries
    /// ``ReportEvidence/sourceCount(for:)`` (unless every line would show the same
    /// number: ``ReportEvidence/uniformSourceCount``). `options` are render's (page fit,
    /// labels, theme, id prefix…); the format is SVG whatever they say, and a view's
    /// own `page:` applies unless ``RenderOptions/pageFromView`` is off.
    /// - Returns: the figure, with the line of each relation and the element of each
    ///   entity, and Graphviz's warnings.
    public func figure(_ result: ViewResult, full: Network, evidence: ReportEvidence, options: RenderOptions,
                       viewName: String? = nil, links: Bool = true) throws -> (figure: ReportFigure, warnings: [String]) {
        var options = options
        options.format = .svg
        if options.pageFromView, let page = result.view.page { options.page = page }
        let diagram = DiagramBuilder(options: options.diagram).build(result, full: full)
        let countsDrawn = evidence.uniformSourceCount == nil
        for edge in diagram.edges {
            if links, let target = evidence.target(for: edge.relations) { options.svg.lineLinks[edge.key] = target }
            if countsDrawn { options.svg.lineBadges[edge.key] = evidence.sourceCount(for: edge.relations) }
        }
        if countsDrawn, options.layoutAttributes["ranksep"] == nil {
            // Room on every line between two ranks for its count (a disc 13 pt across)
            // clear of both entities: dot's compact 14 pt leaves some lines shorter than that.
            options.layoutAttributes["ranksep"] = .string(Self.countRankSeparation)
        }
        let output = try renderer.render(diagram, options: options)
        let prefix = SVGPostProcessor.sanitizePrefix(options.svg.idPrefix)
        var lineIDs: [String: String] = [:]
        for edge in diagram.edges {
            for relation in edge.relations { lineIDs[relation.key] = prefix + "-" + XMLName.make("relation", edge.key) }
        }
        var entityIDs: [String: String] = [:]
        for node in diagram.nodes {
            for id in node.isList ? node.entries.map(\.id) : [node.id] { entityIDs[id] = prefix + "-" + XMLName.make("entity", id) }
        }
        let figure = ReportFigure(title: diagram.title, viewName: viewName, viewSummary: diagram.viewSummary,
                                  description: result.view.description, svg: String(decoding: output.data, as: UTF8.self),
                                  lineIDs: lineIDs, entityIDs: entityIDs)
        return (figure, output.warnings)
    }
}
