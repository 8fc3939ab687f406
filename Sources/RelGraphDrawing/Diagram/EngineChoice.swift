import RelGraph

/// The layout engine `--engine auto` picks for a graph, and the warning given when
/// a slow engine is forced on a large one.
///
/// Measured here (Graphviz 2.42, 2 cores) on networks made by `relgraph generate`
/// (three relations per entity, labelled edges), SVG through `render`:
///
/// | entities / relations | `dot` | `sfdp`, splines=true | `sfdp`, ``largeGraphAttributes`` |
/// | --- | --- | --- | --- |
/// | 50 / 150 | 0.45 s | | 0.07 s |
/// | 70 / 210 | 0.87 s | | |
/// | 100 / 300 | 14.5 s | | 0.10 s |
/// | 200 / 600 | > 150 s (stopped) | | 0.25 s |
/// | 1,000 / 3,000 | > 150 s (stopped) | 100 s | 1.5 s of CPU |
///
/// `dot`'s crossing minimisation and label placement grow steeply with dense,
/// labelled graphs: past ``dotLimit`` (nodes plus edges) it goes from about a
/// second to minutes. `sfdp` with spline routing (`splines=true`, which relgraph's
/// diagrams set) builds a visibility graph around every node and is slow too, so
/// large graphs are drawn by `sfdp` with straight edges and overlap removal.
///
/// Overlap removal: Prism (`overlap=prism`) keeps the drawing compact but its cost
/// grows steeply; scaling (`overlap=scale`) spreads the whole drawing until no two
/// entities overlap, which is cheaper and leaves names smaller once the drawing is
/// fitted to a page or screen. Measured on relgraph's DOT of generated networks
/// (`sfdp -Tsvg`, CPU seconds on a loaded 2-core machine; text sizes by
/// `relgraph measure`, A4 page and 880 px screen column):
///
/// | entities / relations | prism | scale | names on screen, prism / scale |
/// | --- | --- | --- | --- |
/// | 1,000 / 3,000 | 0.8 s | 0.3 s | 2.0 / 0.4 px |
/// | 3,000 / 9,000 | 6.6 s | 1.5 s | 1.2 / 0.2 px |
/// | 10,000 / 30,000 | 45 s with 10 attempts (`prism10`), 137 s wall on an idle machine | 14 s | – |
///
/// No overlap removal (`overlap=true`) collapses these drawings (471,214
/// overlapping pairs at 1,000 entities) and `voronoi` took 330 s at 1,000. So
/// `auto` uses Prism up to ``prismLimit`` nodes plus edges and scaling above, where
/// Prism would take minutes and no name can be read without zooming anyway.
public struct EngineChoice: Sendable, Equatable {
    /// The engine to lay the graph out with.
    public var engine: LayoutEngine
    /// Root-graph attributes to set over the diagram's own
    /// (``RenderOptions/layoutAttributes``); empty for `dot`.
    public var graphAttributes: GraphAttributes
    /// Why this engine, in one sentence (for `--verbose` or logs).
    public var reason: String
    /// Other engines (with their attributes) a page fit tries when this one's best
    /// drawing misses its goals (``PageFit``): for `auto`, ``forceDirected``.
    public var alternatives: [EngineChoice] = []

    /// The force-directed drawing a page fit falls back on: `neato`, overlaps
    /// removed by Prism, lines routed around entities as polylines (never through
    /// one; straight edges under ``largeGraphAttributes`` run through entities, and
    /// `splines=true` curves cross each other at shallow angles). Measured on Les
    /// Misérables (77 characters, 254 ties, no labels): 0 lines through entities,
    /// 0.7 shallow crossings a line, names 5.3 pt on A4, 0.8 s; `sfdp` with straight
    /// edges: 117 lines through entities, 4.1 pt.
    public static let forceDirected = EngineChoice(
        engine: .neato, graphAttributes: ["overlap": "prism", "splines": "polyline"],
        reason: "a force-directed drawing with lines routed around entities")

    /// Largest graph (nodes plus edges) whose page fit falls back on
    /// ``forceDirected``: 600 (routing took 4.5 s at 474, 20 s at 848).
    public static let forceDirectedLimit = 600

    /// Largest graph (nodes plus edges) `auto` gives to `dot`: 300, between the
    /// measured 0.87 s at 280 and 14.5 s at 400.
    public static let dotLimit = 300

    /// Graphs larger than this (nodes plus edges) route edges slowly with
    /// `splines=true` under `neato`, `fdp` and `sfdp` (100 s at 4,000).
    public static let splineLimit = 1_000

    /// What `sfdp` gets on large graphs: straight edges (no spline routing) and
    /// prism overlap removal (nodes never overlap; `sep` keeps relgraph's margin).
    public static let largeGraphAttributes: GraphAttributes = ["overlap": "prism", "splines": "false"]

    /// Largest graph (nodes plus edges) whose overlaps `auto` removes with Prism:
    /// 12,000 (3,000 entities and 9,000 relations, about 7 s of CPU).
    public static let prismLimit = 12_000

    /// What `sfdp` gets above ``prismLimit``: straight edges, and overlaps removed
    /// by scaling the drawing (a few times faster than Prism there; see above).
    public static let hugeGraphAttributes: GraphAttributes = ["overlap": "scale", "splines": "false"]

    /// Creates a choice.
    public init(engine: LayoutEngine, graphAttributes: GraphAttributes = [:], reason: String, alternatives: [EngineChoice] = []) {
        self.engine = engine
        self.graphAttributes = graphAttributes
        self.reason = reason
        self.alternatives = alternatives
    }

    /// `--engine auto`: `dot` for graphs up to ``dotLimit`` nodes plus edges, `sfdp`
    /// with ``largeGraphAttributes`` above, and with ``hugeGraphAttributes`` above
    /// ``prismLimit``.
    ///
    /// - Parameters:
    ///   - nodes: entities drawn (after the view).
    ///   - edges: relations drawn (after the view).
    public static func auto(nodes: Int, edges: Int) -> EngineChoice {
        let size = nodes + edges
        if size <= dotLimit {
            return EngineChoice(engine: .dot, reason: "\(describe(nodes, edges)): small enough for the layered dot layout",
                                alternatives: [forceDirected])
        }
        if size <= forceDirectedLimit {
            return EngineChoice(engine: forceDirected.engine, graphAttributes: forceDirected.graphAttributes,
                                reason: "\(describe(nodes, edges)): more than \(dotLimit) nodes and edges, drawn by neato with lines routed around entities")
        }
        if size > prismLimit {
            return EngineChoice(engine: .sfdp, graphAttributes: hugeGraphAttributes,
                                reason: "\(describe(nodes, edges)): more than \(prismLimit) nodes and edges, drawn by sfdp with straight edges and overlaps removed by scaling")
        }
        return EngineChoice(engine: .sfdp, graphAttributes: largeGraphAttributes,
                            reason: "\(describe(nodes, edges)): more than \(dotLimit) nodes and edges, drawn by sfdp with straight edges and overlap removal")
    }

    /// The choice for a diagram (its nodes and edges).
    public static func auto(for diagram: Diagram) -> EngineChoice {
        auto(nodes: diagram.nodes.count, edges: diagram.edges.count)
    }

    /// A warning when `engine`, chosen by the user, is likely to take minutes on a
    /// graph this large; `nil` when it is not.
    public static func warning(engine: LayoutEngine, nodes: Int, edges: Int) -> String? {
        let size = nodes + edges
        switch engine {
        case .dot where size > dotLimit:
            return "the dot engine on \(describe(nodes, edges)) may take minutes (it took 14.5 s for 100 entities "
                + "and 300 relations, and did not finish in 150 s for 200 and 600); --engine auto draws it with sfdp in seconds"
        case .neato, .fdp, .sfdp:
            guard size > splineLimit else { return nil }
            return "the \(engine.rawValue) engine with curved edges on \(describe(nodes, edges)) may take minutes "
                + "(spline routing took 100 s for 1,000 entities and 3,000 relations); --engine auto draws straight edges in seconds"
        default:
            return nil
        }
    }

    private static func describe(_ nodes: Int, _ edges: Int) -> String {
        "\(nodes) entit\(nodes == 1 ? "y" : "ies") and \(edges) relation\(edges == 1 ? "" : "s")"
    }
}
