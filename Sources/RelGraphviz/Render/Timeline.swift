import Foundation
import RelGraph
import RelGraphDrawing

/// A network drawn as it stood on a series of dates, one SVG frame per date,
/// with every node at the same place in every frame.
///
/// How positions stay fixed: the *union* of all frames (every entity and
/// relation alive on at least one of the dates) is laid out once with the
/// chosen engine (``GraphvizContext/layout(_:engine:)``); each frame is then
/// drawn with ``GraphSpec/pinned(to:)`` and the ``LayoutEngine/nop2`` engine,
/// which keeps node positions as given and routes the frame's edges. Every
/// frame has the same canvas (the union's bounding box), so a reader stepping
/// through them sees what appears and disappears, not a reshuffled picture.
///
/// The caption (title, "View: as of 2015", legend) is a plain-text node pinned
/// under the drawing, left-aligned, so it too stays put. Its legend is the
/// union's, the same in every frame.
///
///     let timeline = try Timeline().render(network, dates: Timeline.dates(every: .year, from: from, to: to),
///                                          options: RenderOptions())
///     for frame in timeline.frames { try frame.svg.write(to: URL(fileURLWithPath: dir + "/" + frame.fileName), options: .atomic) }
public struct Timeline: Sendable {
    /// How far apart generated dates are (`DateSeries/Step`).
    public typealias Step = DateSeries.Step

    /// Which date a frame steps.
    public enum Axis: String, CaseIterable, Sendable {
        /// The situation's date: each frame is the network as of its date (`--as-of`).
        case asOf = "as-of"
        /// The record's date: each frame keeps the claims made by its date (`--known-as-of`).
        case known
    }

    /// One date's picture.
    public struct Frame: Sendable {
        /// The date (as given: `2015` means "at some time in 2015").
        public var date: PartialDate
        /// The view applied for this frame (the base view with `as_of` set to ``date``).
        public var result: ViewResult
        /// The finished SVG.
        public var svg: Data
        /// `frame-001-2015.svg`: the position (from 1, zero-padded to 3 digits) and the date.
        public var fileName: String
    }

    /// All frames, and the layout they share.
    public struct Result: Sendable {
        /// Frames in date order.
        public var frames: [Frame]
        /// The union's layout, in points (the positions every frame uses).
        public var layout: LayoutResult
        /// The engine the union was laid out with.
        public var engine: LayoutEngine
        /// The title shown on every frame.
        public var title: String
        /// What the base view applies besides the date ("focus ISKP, depth 1"); empty for none.
        public var viewSummary: String
        /// Warnings (Graphviz's, from the union layout and the frames, without repeats).
        public var warnings: [String]
        /// Which date the frames step.
        public var axis: Axis = .asOf
    }

    /// Why a timeline cannot be drawn.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The base view already fixes a date; each frame sets its own.
        case viewSetsTime(view: String)
        /// The base view already sets `known_as_of`, which the frames of a `known` timeline set.
        case viewSetsKnown(view: String)
        /// No dates were given or generated.
        case noDates
        /// More frames than ``Timeline/maximumFrames``.
        case tooManyFrames(Int)

        public var description: String {
            switch self {
            case .viewSetsTime(let view):
                return "\(view.isEmpty ? "the view" : "view '\(view)'") sets as_of or between; "
                    + "a timeline sets the date of each frame (bound it with --from and --to instead)"
            case .viewSetsKnown(let view):
                return "\(view.isEmpty ? "the view" : "view '\(view)'") sets known_as_of; "
                    + "a timeline along --axis known sets it for each frame"
            case .noDates: return "no dates to draw (the range is empty)"
            case .tooManyFrames(let n):
                return "\(n) frames is more than \(Timeline.maximumFrames); narrow --from/--to or use --every year"
            }
        }
    }

    /// The most frames one timeline draws (`DateSeries/maximumCount`).
    public static let maximumFrames = DateSeries.maximumCount

    /// Space between the drawing and the caption, in points.
    static let captionGap = 12.0

    /// The Graphviz context used.
    public var context: GraphvizContext

    /// Creates a timeline renderer.
    public init(context: GraphvizContext = .shared) {
        self.context = context
    }

    // MARK: Dates

    /// Every year or month from `from` to `to`, inclusive (`DateSeries/dates(every:from:to:)`).
    public static func dates(every step: Step, from: PartialDate, to: PartialDate) -> [PartialDate] {
        DateSeries.dates(every: step, from: from, to: to)
    }

    /// The earliest and latest dates in the network along `axis` (`as-of`:
    /// entities' and relations' `since` and `until`; `known`: when claims were
    /// made, and sources' dates), or `nil` when it has none.
    public static func dateRange(of network: Network, axis: Axis = .asOf) -> (from: PartialDate, to: PartialDate)? {
        let dates: [PartialDate?] = switch axis {
        case .asOf: network.entities.flatMap { [$0.since, $0.until] } + network.relations.flatMap { [$0.since, $0.until] }
        case .known: network.relations.flatMap { $0.claims.map { $0.madeOn(in: network) } } + network.sources.values.map(\.date)
        }
        let known = dates.compactMap { $0 }
        guard let first = known.min(by: { $0.firstDayNumber < $1.firstDayNumber }),
              let last = known.max(by: { $0.lastDayNumber < $1.lastDayNumber }) else { return nil }
        return (first, last)
    }

    /// `frame-001-2015.svg`.
    public static func fileName(index: Int, date: PartialDate) -> String {
        let number = String(index + 1)
        return "frame-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + "-\(date).svg"
    }

    /// Whether `name` is a frame file name this type makes (`frame-NNN-DATE.svg`).
    public static func isFrameFileName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", maxSplits: 2)
        guard name.hasSuffix(".svg"), parts.count == 3, parts[0] == "frame", parts[1].count >= 3,
              parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return PartialDate(String(parts[2].dropLast(4))) != nil
    }

    // MARK: Rendering

    /// Renders one SVG frame per date of `network` seen through `view` (which
    /// must not set `as_of` or `between`).
    ///
    /// `options` supplies the layout engine for the union (frames always use
    /// `nop2`) and its ``RenderOptions/layoutAttributes``, the diagram options
    /// (theme, legend, clustering), the page (``PageFit``) and the SVG options;
    /// each frame's id prefix is `options.svg.idPrefix` plus the date. An `engine`
    /// setting, when given, replaces `options.engine` and `options.layoutAttributes`
    /// with its choice for the union's size (``EngineSetting/auto`` picks by it);
    /// without one, an `auto` ``RenderOptions/engine`` picks by the union's size too.
    ///
    /// Along the `known` axis each frame sets `known_as_of` instead (and `view`
    /// may set `as_of`: "what was known on each date about the situation on V").
    public func render(_ network: Network, view: ViewDefinition = ViewDefinition(), dates: [PartialDate],
                       options: RenderOptions, axis: Axis = .asOf, engine: EngineSetting? = nil) throws -> Result {
        var options = options
        switch axis {
        case .asOf: guard view.asOf == nil, view.between == nil else { throw Problem.viewSetsTime(view: view.name) }
        case .known: guard view.knownAsOf == nil else { throw Problem.viewSetsKnown(view: view.name) }
        }
        let dates = Array(Set(dates)).sorted()
        guard !dates.isEmpty else { throw Problem.noDates }
        guard dates.count <= Self.maximumFrames else { throw Problem.tooManyFrames(dates.count) }

        let results = try dates.map { date -> ViewResult in
            var frameView = view
            switch axis {
            case .asOf: frameView.asOf = date
            case .known: frameView.knownAsOf = date
            }
            return try network.applying(frameView)
        }

        // The union of every frame, laid out once.
        var entityIDs = Set<String>(), relationKeys = Set<String>()
        for result in results {
            entityIDs.formUnion(result.network.entities.map(\.id))
            relationKeys.formUnion(result.network.relations.map(\.key))
        }
        var union = network
        union.entities = network.entities.filter { entityIDs.contains($0.id) }
        union.relations = network.relations.filter { relationKeys.contains($0.key) }
        let builder = DiagramBuilder(options: options.diagram)
        var unionDiagram = builder.build(ViewResult(view: view, network: union, summary: network.summary(of: view), notes: []),
                                         full: network)
        // No short key labels: each frame routes its lines anew, and Graphviz drops
        // an external label that no longer fits, so a frame could lose the dates
        // ("undated, claimed 2022") its full labels carry.
        for index in unionDiagram.edges.indices { unionDiagram.edges[index].keyLabel = nil }
        if let engine {
            let choice = engine.choice(nodes: unionDiagram.nodes.count, edges: unionDiagram.edges.count)
            options.use(choice)
        } else {
            options = options.resolvingEngine(nodes: unionDiagram.nodes.count, edges: unionDiagram.edges.count)
        }
        // The union is drawn as a single diagram would be on the page (``PageFit``):
        // rank direction, labels or not, disconnected parts packed; every frame
        // then uses the same drawing settings.
        var style = DrawingStyle(edgeLabels: options.labels != .off)
        var unionSpec: GraphSpec
        var unionEngine = options.layoutEngine
        if let page = options.page, unionDiagram.clusters.isEmpty,
           PageFit.searches(unionDiagram) {
            let choice = try PageFit(page: page, context: context).choose(for: unionDiagram, engine: options.layoutEngine, labels: options.labels,
                                                                          layoutAttributes: options.layoutAttributes,
                                                                          memo: PageFitMemo(), draw: false)
            style = choice.style
            unionSpec = choice.spec
            unionEngine = choice.engine
        } else {
            unionSpec = DiagramGraph.spec(for: unionDiagram, style: style, layoutAttributes: options.layoutAttributes)
        }
        unionSpec.attributes["label"] = nil
        let layout = try context.layout(unionSpec, engine: unionEngine)
        var warnings = layout.warnings.map(\.text)
        let routes = try Self.routes(of: unionSpec, engine: unionEngine, context: context)
        let clusterBoxes = unionDiagram.clusters.isEmpty ? [:] : try clusterPlacements(unionSpec, engine: options.layoutEngine)

        // Each frame's diagram and caption; captions are measured so the canvas fits the largest.
        var diagrams: [Diagram] = []
        var captionSizes: [(width: Double, height: Double)] = []
        for result in results {
            var diagram = builder.build(result, full: network)
            if diagram.legend != nil { diagram.legend = unionDiagram.legend }
            let caption = Self.captionNode(for: diagram)
            let measured = try context.layout(GraphSpec(name: "caption", nodes: [caption]), engine: .dot)
            let node = measured.nodes.first
            captionSizes.append((node?.width ?? 0, node?.height ?? 0))
            diagrams.append(diagram)
        }
        let box = layout.boundingBox
        let (padX, padY) = GraphSpec.padPoints(unionSpec.attributes["pad"]?.text)
        let captionWidth = captionSizes.map(\.width).max() ?? 0
        let captionHeight = captionSizes.map(\.height).max() ?? 0
        let right = max(box.maxX, box.minX + captionWidth)
        let bottom = box.minY - Self.captionGap - captionHeight
        let viewport = "\(GraphSpec.number(right - box.minX + 2 * padX)),\(GraphSpec.number(box.maxY - bottom + 2 * padY)),1,"
            + "\(GraphSpec.number((box.minX + right) / 2)),\(GraphSpec.number((box.maxY + bottom) / 2))"

        var frames: [Frame] = []
        for (index, (result, diagram)) in zip(results, diagrams).enumerated() {
            var spec = DiagramGraph.spec(for: diagram, style: style)
            spec.attributes["label"] = nil
            spec = spec.pinned(to: layout)
            // Each line as the union drew it, around every entity of every frame;
            // a line the union does not have (a merged line of other relations) is
            // routed by Graphviz around the entities.
            for edge in spec.edges.indices {
                let line = spec.edges[edge]
                if let route = line.attributes["id"].flatMap({ routes.byID[$0.text] }) ?? routes.byEnds[line.tail + "\u{0}" + line.head] {
                    spec.edges[edge].attributes["pos"] = .string(route)
                }
            }
            spec.attributes["viewport"] = .string(viewport)
            // Lines are routed around every entity with this margin: Graphviz's
            // default (a quarter of `sep`) makes entities a compact layout set a few
            // points apart "touch", and it then draws every line straight, through
            // whatever is in the way.
            spec.attributes["esep"] = "+1"
            spec.subgraphs = spec.subgraphs.map { Self.placing($0, clusterBoxes) }
            var caption = Self.captionNode(for: diagram)
            let size = captionSizes[index]
            caption.attributes["pos"] = .string(
                "\(GraphSpec.number(box.minX + size.width / 2)),\(GraphSpec.number(box.minY - Self.captionGap - size.height / 2))!")
            spec.nodes.append(caption)
            let rendered = try context.render(spec, engine: .nop2, format: .svg)
            var svgOptions = options.svg
            svgOptions.idPrefix = "\(options.svg.idPrefix)-\(dates[index])"
            let captionTitle = diagram.viewSummary.isEmpty ? diagram.title : "\(diagram.title). View: \(diagram.viewSummary)"
            let svg = try SVGPostProcessor(options: svgOptions, diagram: diagram, extraTitles: [Self.captionID: captionTitle])
                .process(rendered.data)
            warnings += rendered.warnings.map(\.text)
            frames.append(Frame(date: dates[index], result: result, svg: svg, fileName: Self.fileName(index: index, date: dates[index])))
        }
        var seen = Set<String>()
        return Result(frames: frames, layout: layout, engine: options.layoutEngine, title: unionDiagram.title, viewSummary: unionDiagram.viewSummary,
                      warnings: warnings.filter { seen.insert($0).inserted }, axis: axis)
    }

    /// The route (`pos`) of every line of `spec` laid out by `engine`: what
    /// Graphviz drew for it, avoiding every entity. By the line's `id`, and by its
    /// ends (tail, head) where only one line joins them that way: a merged line
    /// stands for other relations on other dates, and its id changes with them.
    static func routes(of spec: GraphSpec, engine: LayoutEngine, context: GraphvizContext) throws
        -> (byID: [String: String], byEnds: [String: String]) {
        let laidOut = try context.readDOT(try context.render(spec, engine: engine, format: .dot).data).graph
        var byID: [String: String] = [:]
        var byEnds: [String: [String]] = [:]
        for edge in laidOut.edges {
            guard let pos = edge.attributes["pos"]?.text, !pos.isEmpty else { continue }
            if let id = edge.attributes["id"]?.text { byID[id] = pos }
            byEnds[edge.tail + "\u{0}" + edge.head, default: []].append(pos)
        }
        return (byID, byEnds.compactMapValues { $0.count == 1 ? $0[0] : nil })
    }

    /// Each cluster's box (`bb`) and label position (`lp`) in the union's layout,
    /// by subgraph name. `nop2` draws a cluster only when it is given its box, so a
    /// territory keeps the same box in every frame. (The union is laid out a second
    /// time for this, in DOT output, which carries the boxes; the same spec and
    /// engine give the same layout.)
    func clusterPlacements(_ spec: GraphSpec, engine: LayoutEngine) throws -> [String: GraphAttributes] {
        let laidOut = try context.readDOT(try context.render(spec, engine: engine, format: .dot).data).graph
        var boxes: [String: GraphAttributes] = [:]
        func collect(_ subgraph: GraphSpec.Subgraph) {
            if subgraph.isCluster, let name = subgraph.name, let bb = subgraph.attributes["bb"] {
                var placed: GraphAttributes = ["bb": bb]
                if let lp = subgraph.attributes["lp"] { placed["lp"] = lp }
                boxes[name] = placed
            }
            subgraph.subgraphs.forEach(collect)
        }
        laidOut.subgraphs.forEach(collect)
        return boxes
    }

    /// `subgraph` and its nested clusters with their boxes from `boxes`.
    static func placing(_ subgraph: GraphSpec.Subgraph, _ boxes: [String: GraphAttributes]) -> GraphSpec.Subgraph {
        var copy = subgraph
        if let name = subgraph.name, let placed = boxes[name] {
            for (key, value) in placed { copy.attributes[key] = value }
        }
        copy.subgraphs = subgraph.subgraphs.map { placing($0, boxes) }
        return copy
    }

    /// The id of the caption node in a frame's SVG (before the prefix).
    static let captionID = "caption"

    /// The caption as a plain-text node: the diagram's caption table, drawn with no border or fill.
    /// (Its name has a space, which no entity id can have.)
    static func captionNode(for diagram: Diagram) -> GraphSpec.Node {
        GraphSpec.Node("relgraph caption", attributes: [
            "fontcolor": .string(diagram.theme.text),
            "fontname": .string(diagram.font),
            "fontsize": "10",
            "id": .string(captionID),
            "label": .html(DiagramGraph.caption(for: diagram)),
            "margin": "0",
            "shape": "plaintext",
            "style": "solid",
        ])
    }
}
