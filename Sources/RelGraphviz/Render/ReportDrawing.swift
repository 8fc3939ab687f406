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
        let drawn = try draw(result, full: full, evidence: evidence, options: options, viewName: viewName, links: links)
        return (drawn.figure, drawn.warnings)
    }

    /// The figures of `result` for a report: one, as ``figure(_:full:evidence:options:viewName:links:)``
    /// draws it, unless its names print under ``PageFit/onePageFloor`` (5.4 pt) on the page
    /// (and it is not drawn in an earlier drawing's layout): then an atlas
    /// (``AtlasRenderer``), its overview first and then one figure per page, each
    /// page's lines linked to their evidence and carrying their counts like the one
    /// figure's. Each page's engine is picked by `engine` for its size, and its ids
    /// start with the figure's prefix and `-pN`.
    /// - Returns: the figures, and Graphviz's warnings.
    public func figures(_ result: ViewResult, full: Network, evidence: ReportEvidence, options: RenderOptions,
                        engine: EngineSetting = .auto, viewName: String? = nil,
                        links: Bool = true) throws -> (figures: [ReportFigure], warnings: [String]) {
        let one = try draw(result, full: full, evidence: evidence, options: options, viewName: viewName, links: links)
        let pageOptions = Self.svgOptions(options, for: result)
        guard pageOptions.layoutFrom == nil, pageOptions.page != nil, let size = one.smallestTextOnPage,
              size < PageFit.onePageFloor else { return ([one.figure], one.warnings) }
        let atlas = AtlasRenderer(renderer: renderer)
        let plan = try atlas.plan(result, full: full, options: pageOptions, engine: engine)
        guard plan.pages.count > 1 else { return ([one.figure], one.warnings) }
        var figures: [ReportFigure] = []
        var warnings: [String] = []
        for (number, diagram) in plan.diagrams(of: result, full: full, options: pageOptions.diagram) {
            let options = AtlasRenderer.options(pageOptions, page: number, diagram: diagram, engine: engine)
            var drawn = try draw(diagram, result: result, evidence: evidence, options: options, viewName: viewName,
                                 links: links && number > 1)
            if number == 1 {
                drawn.figure.caption = "Each box is one page of this atlas, named after its most connected entities; each line "
                    + "stands for the relations between two pages, as thick as there are relations. The pages draw those "
                    + "relations, and their lines lead to the evidence."
            }
            figures.append(drawn.figure)
            warnings += drawn.warnings
        }
        return (figures, warnings)
    }

    /// `result` drawn whole (see ``figure(_:full:evidence:options:viewName:links:)``).
    private func draw(_ result: ViewResult, full: Network, evidence: ReportEvidence, options: RenderOptions, viewName: String?,
                      links: Bool) throws -> (figure: ReportFigure, warnings: [String], smallestTextOnPage: Double?) {
        let options = Self.svgOptions(options, for: result)
        let diagram = DiagramBuilder(options: options.diagram).build(result, full: full)
        return try draw(diagram, result: result, evidence: evidence, options: options, viewName: viewName, links: links)
    }

    /// `options` for a figure of `result`: SVG, on the view's own `page:` unless
    /// ``RenderOptions/pageFromView`` is off.
    private static func svgOptions(_ options: RenderOptions, for result: ViewResult) -> RenderOptions {
        var options = options
        options.format = .svg
        if options.pageFromView, let page = result.view.page { options.page = page }
        return options
    }

    /// `diagram` (of `result`) drawn as a report's figure: its lines linked to their
    /// evidence when `links` is set, each with its count of sources.
    private func draw(_ diagram: Diagram, result: ViewResult, evidence: ReportEvidence, options: RenderOptions, viewName: String?,
                      links: Bool) throws -> (figure: ReportFigure, warnings: [String], smallestTextOnPage: Double?) {
        var options = options
        options.format = .svg
        let countsDrawn = evidence.uniformSourceCount == nil
        for edge in diagram.edges where !edge.relations.isEmpty {
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
        return (figure, output.warnings, output.smallestTextOnPage)
    }
}
