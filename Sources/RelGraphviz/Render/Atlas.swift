import Foundation
import RelGraph
import RelGraphDrawing

/// Draws an ``AtlasPlan``: the overview and each detail page, each fitted to the
/// page on its own (``PageFit``), each SVG with ids of its own (the id prefix
/// followed by `-pN`), so that every page can sit on one HTML page.
public struct AtlasRenderer: Sendable {
    /// One drawn page.
    public struct Page: Sendable {
        /// Its number (1: the overview).
        public var number: Int
        /// Its heading ("Title — p. 3 of 7: Wizard Spider, Conti and 10 more").
        public var heading: String
        /// What was drawn.
        public var output: RenderOutput
        /// The diagram drawn (the entities and lines on the page).
        public var diagram: Diagram
    }

    public var renderer: Renderer

    public init(renderer: Renderer = Renderer()) {
        self.renderer = renderer
    }

    /// Every page of `plan` of `result`, in page order, drawn in `options.format`
    /// (SVG, PNG or PDF), each with the engine `engine` picks for its size.
    public func render(_ result: ViewResult, full: Network, plan: AtlasPlan, options: RenderOptions,
                       engine: EngineSetting = .auto) throws -> [Page] {
        try plan.diagrams(of: result, full: full, options: options.diagram).map { number, diagram in
            let pageOptions = Self.options(options, page: number, diagram: diagram, engine: engine)
            return Page(number: number, heading: diagram.title, output: try renderer.render(diagram, options: pageOptions), diagram: diagram)
        }
    }

    /// `options` for page `page` of an atlas: the engine `engine` picks for
    /// `diagram`'s size, and ids of the page's own (the prefix followed by `-pN`).
    public static func options(_ options: RenderOptions, page: Int, diagram: Diagram, engine: EngineSetting) -> RenderOptions {
        var options = options
        options.use(engine.choice(nodes: diagram.nodes.count, edges: diagram.edges.count))
        options.svg.idPrefix += "-p\(page)"
        return options
    }

    /// Whether a drawn page meets the goals every atlas page is split until it
    /// meets: names of at least ``PageFit/legibleText`` on the page, no misplaced
    /// line end, no line through an entity, at most one shallow crossing a line
    /// (ATT&CK's 40 groups: a page of 37 entities at 6.0 pt had 185 shallow
    /// crossings on 81 lines).
    static func meetsGoals(_ report: ReadabilityReport) -> Bool {
        (report.smallestEntityTextOnPage ?? PageFit.legibleText) >= PageFit.legibleText - 1e-9
            && report.misplacedEnds == 0 && report.linesThroughEntities == 0
            && report.shallowCrossings <= report.edges
    }

    /// The plan for `result` (grouped by `grouping`, at most `pageSize` entities a
    /// page), with every detail page that misses the goals on `options`' page
    /// (``meetsGoals(_:)``: names under ``PageFit/legibleText``, lines that cannot
    /// be followed) split in two or more and the plan made again, up to `rounds` times.
    public func plan(_ result: ViewResult, full: Network, grouping: AtlasPlan.Grouping = .community,
                     pageSize: Int = AtlasPlan.defaultPageSize, options: RenderOptions, engine: EngineSetting = .auto,
                     rounds: Int = 2) throws -> AtlasPlan {
        var groups = AtlasPlan.groups(result.network, grouping: grouping, pageSize: pageSize)
        var plan = AtlasPlan(result.network, groups: groups)
        guard let page = options.page else { return plan }
        var svgOptions = options
        svgOptions.format = .svg
        for _ in 0..<rounds {
            var split = false
            var next: [[String]] = []
            for (index, detail) in plan.pages.enumerated() {
                let diagram = plan.diagram(for: detail, of: result, full: full, options: options.diagram)
                var pageOptions = svgOptions
                pageOptions.use(engine.choice(nodes: diagram.nodes.count, edges: diagram.edges.count))
                let svg = try renderer.render(diagram, options: pageOptions).data
                let report = try? Readability.measure(svg: svg, page: page)
                if let report, !Self.meetsGoals(report), groups[index].count >= 8 {
                    let parts = AtlasPlan.split(groups[index], of: result.network)
                    if parts.count > 1 {
                        next += parts
                        split = true
                        continue
                    }
                }
                next.append(groups[index])
            }
            guard split else { break }
            groups = next.sorted { ($1.count, $0.first ?? "") < ($0.count, $1.first ?? "") }
            plan = AtlasPlan(result.network, groups: groups)
        }
        return plan
    }
}
