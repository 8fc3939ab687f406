import Foundation
import RelGraph
import RelGraphDrawing

/// Whether lines carry their labels.
public enum EdgeLabels: String, Sendable, CaseIterable {
    /// Decided by the page fit (``PageFit``): kept unless they overlap, or dropping
    /// them makes names larger or the drawing tidier. Without a page fit, kept with
    /// `dot` only (other engines place labels on top of entities and each other).
    case auto
    /// Always drawn.
    case on
    /// Never drawn: the type shows by colour and arrowhead (legend); the label is in the tooltip.
    case off
}

/// Chooses how to draw a diagram so that it reads well on a page (`--page a4`,
/// the default): names as large as possible once the drawing is fitted to the
/// page, few crossings, and edge labels where they fit.
///
/// What is tried: the document's rank direction and the crossing one (`LR` and
/// `TB`), each with and without edge labels (``EdgeLabels/auto``). Each candidate
/// is laid out by Graphviz, with a legend of as many columns as fit the
/// drawing's width, and measured with ``Readability``: the size its smallest
/// entity text (name or date) prints at when the drawing is fitted to the page,
/// its edge crossings and its labels overlapping anything. The measure is taken
/// from what Graphviz draws (``DrawingRecorder``), with the numbers its SVG would
/// give, without writing and reading SVG; with `dot` only the chosen drawing is
/// drawn as SVG (see ``redraws(_:)``). Then, in order (``best(of:)``):
/// 1. names first: once any candidate prints its names at ``legibleText`` (6 pt),
///    candidates under 95 % of that are dropped; otherwise those under 90 % of the
///    largest;
/// 2. candidates whose labels overlap an entity or another label are dropped
///    (unless all do);
/// 3. then those whose lines cannot be followed (an end at the wrong entity, a
///    line through an entity it does not join);
/// 4. then those with more than one shallow crossing a line;
/// 5. of the rest, those under 90 % of the largest text left, then those with
///    more than 20 % (plus 5) crossings over the fewest, are dropped;
/// 6. labelled ones are preferred (every line, then key lines only), then larger
///    text, then fewer crossings.
/// Without labels a line's type shows by its colour and arrowhead (the legend),
/// and the label is in its tooltip and title.
///
/// Every step is deterministic: the same diagram and page give the same choice.
/// Only graphs of at most ``searchLimit`` entities plus lines are searched;
/// larger ones keep the defaults.
public struct PageFit: Sendable {
    /// One candidate drawing, and what it measured.
    public struct Choice: Sendable {
        /// The drawing settings.
        public var style: DrawingStyle
        /// Size in points of the smallest entity text once the drawing (legend
        /// included) is fitted to the page.
        public var smallestText: Double
        /// Edge crossings.
        public var crossings: Int
        /// Edge labels overlapping an entity or another label.
        public var labelOverlaps: Int
        /// Graphviz's SVG of the candidate (before relgraph finishes it): always
        /// there for the drawing ``PageFit/choose(for:engine:labels:layoutAttributes:)``
        /// returns; for other candidates only with engines that do not lay a graph
        /// out the same way twice (``PageFit/redraws(_:)``), `nil` otherwise.
        public var svg: Data?
        /// The graph to draw (with its parts placed, when they were packed).
        public var spec: GraphSpec
        /// The engine to draw it with: the one asked for, or ``LayoutEngine/nop2``
        /// when parts were packed.
        public var engine: LayoutEngine
        /// Graphviz's warnings.
        public var warnings: [String]
        /// Whether its lines can be followed.
        public var lines = LineReport()

        /// Shallow crossings per line.
        var shallowPerLine: Double { lines.count > 0 ? Double(lines.shallowCrossings) / Double(lines.count) : 0 }
        /// No line end away from its entity, no line through an entity it does not join.
        var followable: Bool { lines.misplacedEnds == 0 && lines.looseEnds == 0 && lines.throughEntities == 0 }
        /// Readable and followable by the goals: names at least ``legibleText`` on
        /// the page, every line followable, at most one shallow crossing per line.
        var meetsGoals: Bool { smallestText >= PageFit.legibleText && followable && shallowPerLine <= 1 && labelOverlaps == 0 }
    }

    /// How well a candidate's lines can be followed (``ReadabilityReport``'s line measures).
    public struct LineReport: Sendable, Equatable {
        /// Lines drawn.
        public var count = 0
        public var misplacedEnds = 0
        public var looseEnds = 0
        /// Lines through entities they do not join.
        public var throughEntities = 0
        public var shallowCrossings = 0
        /// Lines per point of the most crowded gap between ranks (0 without ranks).
        public var crowding = 0.0

        public init() {}

        init(_ report: ReadabilityReport) {
            count = report.edges
            misplacedEnds = report.misplacedEnds
            looseEnds = report.looseEnds
            throughEntities = report.linesThroughEntities
            shallowCrossings = report.shallowCrossings
            crowding = report.crowdedGap?.crowding ?? 0
        }
    }

    /// Names this size on the page (points) are legible in print: the goal every
    /// drawing is fitted for, and the floor down to which the fit gives up text
    /// size for lines that can be followed.
    public static let legibleText = 6.0

    /// Share of ``legibleText`` that still counts as reaching it when candidates
    /// are compared (0.95: 5.7 pt).
    public static let nearlyLegible = 0.95

    /// Whether candidates laid out with `engine` are measured without drawing
    /// their SVG, and only the chosen one is drawn (laid out again): `dot`, which
    /// lays the same graph out the same way every time. Other engines (`neato`,
    /// `sfdp`…) carry state from one layout to the next in a process, so each
    /// candidate's SVG is drawn from the layout it was measured on, and kept.
    static func redraws(_ engine: LayoutEngine) -> Bool {
        engine == .dot
    }

    /// Name widths (characters a line) the winner is also drawn with, besides the
    /// diagram's own (13 by default): narrower names suit tall pages, wider ones
    /// shallow drawings.
    public static let nameWidths = [11, 16]

    /// Largest graph (entities plus lines) searched: 1,000, the size up to which
    /// `--engine auto` lays out in about a second (``EngineChoice``).
    public static let searchLimit = EngineChoice.splineLimit

    /// Whether a diagram is small enough to be searched.
    public static func searches(_ diagram: Diagram) -> Bool {
        diagram.nodes.count + diagram.edges.count <= searchLimit
    }

    /// Candidates whose smallest text is under this share of the best are dropped.
    public static let sizeTolerance = 0.9

    /// Names printing under this on the page (5.4 pt: ``sizeTolerance`` of
    /// ``legibleText``) say that one page cannot hold the drawing legibly: `render`
    /// then names `--atlas`, and a report draws an atlas (``ReportDrawing``). The
    /// flagship's 5.8 pt (5.5 with Graphviz 14) stays one page.
    public static var onePageFloor: Double { sizeTolerance * legibleText }

    /// The page.
    public var page: PageSize
    /// The Graphviz context to lay candidates out with.
    public var context: GraphvizContext

    /// Creates a page fit.
    public init(page: PageSize, context: GraphvizContext = .shared) {
        self.page = page
        self.context = context
    }

    /// Every candidate drawing of `diagram` laid out by `engine` with
    /// `layoutAttributes` on top, measured, in the order tried.
    public func candidates(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels = .auto,
                           layoutAttributes: GraphAttributes = [:]) throws -> [Choice] {
        try candidates(for: diagram, engine: engine, labels: labels, layoutAttributes: layoutAttributes, memo: PageFitMemo())
    }

    func candidates(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels,
                    layoutAttributes: GraphAttributes, memo: PageFitMemo) throws -> [Choice] {
        let directions = engine == .dot ? [diagram.direction, Self.crossDirection(diagram.direction)] : [diagram.direction]
        // Labels that all say the same plain type ("uses" on every line, "uses (5)" on a
        // folded list's) tell nothing the legend does not; dates, merged types or a
        // "former" do.
        let texts = diagram.edges.map { Self.withoutCount($0.label) }
        let informative = Set(texts).count > 1
            || texts.contains { $0.contains(",") || $0.contains("\n") || $0.contains("(") || $0.contains("·") }
        let labelModes: [Bool] = switch labels {
        case .auto: informative ? [true, false] : diagram.edges.contains { !$0.label.isEmpty } ? [false] : [true]
        case .on: [true]
        case .off: [false]
        }
        var choices: [Choice] = []
        for withLabels in labelModes {
            for direction in directions {
                let style = DrawingStyle(direction: direction, edgeLabels: withLabels)
                choices.append(try candidate(diagram, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo))
            }
        }
        // Without labels, the lines a reader most needs (merged ones: their types
        // and who says so) may still carry a short label.
        if labels == .auto, diagram.edges.contains(where: { $0.keyLabel != nil }) {
            for direction in directions {
                var style = DrawingStyle(direction: direction, edgeLabels: false)
                style.keyLabels = true
                choices.append(try candidate(diagram, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo))
            }
        }
        return choices
    }

    /// The best of ``candidates(for:engine:labels:layoutAttributes:)`` by the rules above.
    /// The winner is then drawn with names wrapped narrower and wider
    /// (``nameWidths``) and the rules pick among the three; with `dot`, that one
    /// is drawn again with other crossing efforts (``DrawingStyle/crossingEffort``
    /// 1 and 12: `dot`'s crossing minimisation is a heuristic, and a different
    /// effort sometimes finds a much tidier order), and the rules pick again.
    ///
    /// When that drawing misses the goals (names at least ``legibleText``, lines
    /// that end at their entities and run through none, at most one shallow
    /// crossing a line), `dot` drawings are tried with wider spacing (``spreads``),
    /// and then each of `alternatives` (other engines, e.g. ``EngineChoice/alternatives``)
    /// is searched the same way, until one meets them; the rules pick among all.
    /// A force-directed winner that still misses them is squeezed towards the
    /// page's shape (``squeezed(_:diagram:memo:)``), and the rules pick again.
    public func choose(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels = .auto,
                       layoutAttributes: GraphAttributes = [:], alternatives: [EngineChoice] = []) throws -> Choice {
        // Candidates share parts, and sometimes whole drawings: each distinct graph
        // is laid out and drawn once (``PageFitMemo``).
        try choose(for: diagram, engine: engine, labels: labels, layoutAttributes: layoutAttributes, alternatives: alternatives,
                   memo: PageFitMemo())
    }

    /// The choice, with its SVG drawn when `draw` is set and measuring did not draw it.
    func choose(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels, layoutAttributes: GraphAttributes,
                alternatives: [EngineChoice] = [], memo: PageFitMemo, draw: Bool = true) throws -> Choice {
        var choice = try search(for: diagram, engine: engine, labels: labels, layoutAttributes: layoutAttributes,
                                alternatives: alternatives, memo: memo)
        if draw, choice.svg == nil {
            let rendered = try context.render(choice.spec, engine: choice.engine, format: .svg, textCache: memo.textCache)
            choice.svg = rendered.data
            choice.warnings = rendered.warnings.map(\.text)
        }
        return choice
    }

    private func search(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels, layoutAttributes: GraphAttributes,
                        alternatives: [EngineChoice], memo: PageFitMemo) throws -> Choice {
        var best = try searchRouted(for: diagram, engine: engine, labels: labels, layoutAttributes: layoutAttributes, memo: memo)
        if best.meetsGoals { return best }
        // Lines crowded between ranks get room to fan out; lines through entities, room around them.
        if engine == .dot, best.shallowPerLine > 1 || best.lines.throughEntities > 0 || best.lines.crowding > 1 {
            var tried = [best]
            for (ranks, nodes) in Self.spreads {
                var style = best.style
                if let ranks { style.rankSeparation = ranks }
                if let nodes { style.nodeSeparation = nodes }
                tried.append(try candidate(diagram, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo))
            }
            best = Self.best(of: tried)
        }
        // Another engine, where this one leaves names too small or lines that cannot be followed.
        for alternative in alternatives where !best.meetsGoals {
            let other = try searchRouted(for: diagram, engine: alternative.engine, labels: labels,
                                         layoutAttributes: layoutAttributes.merging(alternative.graphAttributes) { _, new in new },
                                         memo: memo)
            best = Self.best(of: [best, other])
        }
        // A force-directed drawing's shape is the network's, not the page's: fitted to it.
        if Self.squeezable(best.engine), diagram.clusters.isEmpty, diagram.nodes.count <= Self.squeezeLimit {
            best = Self.best(of: [best] + (try squeezed(best, diagram: diagram, memo: memo)))
        }
        return best
    }

    /// Engines whose drawings ``squeezed(_:diagram:memo:)`` fits to the page's
    /// shape: the force-directed ones, where a drawing's orientation and
    /// proportions say nothing (unlike `dot`'s ranks).
    static func squeezable(_ engine: LayoutEngine) -> Bool {
        engine == .neato || engine == .fdp || engine == .sfdp
    }

    /// Most entities a drawing may have to be squeezed: 100. A page holds about
    /// 100–130 names at 6 pt (above that, the atlas's pages), and routing a
    /// squeezed drawing's lines again costs what routing the drawing did (ATT&CK's
    /// 40 groups, 105 entities and 369 lines: 6.5 s → 11.4 s for 5.1 → 5.7 pt).
    static let squeezeLimit = 100

    /// Narrowest share of its wider side a drawing is squeezed to (``squeezes(drawing:page:)``).
    static let narrowestSqueeze = 0.55

    /// The shares of its wider side a force-directed drawing of aspect `drawing`
    /// (width over height, caption included) is squeezed to for `page`: the share
    /// that gives it the page's aspect (no narrower than ``narrowestSqueeze``), and
    /// half-way to it; none when the drawing is already within 5 % of the page's shape.
    static func squeezes(drawing: Double, page: Double) -> [Double] {
        guard drawing > 0, page > 0 else { return [] }
        let full = drawing > page ? page / drawing : drawing / page
        guard full < 0.95 else { return [] }
        let deepest = max(narrowestSqueeze, full)
        return [(1 + deepest) / 2, deepest]
    }

    /// `choice` squeezed to the page's shape. A force-directed layout (Les
    /// Misérables by `neato`: 1.08 wide for 1 high) rarely has the page's aspect
    /// (A4's text area: 0.67), and fitted whole to the page it leaves a band of it
    /// empty. Its entities' places are moved towards the centre along the
    /// drawing's wider side (``squeezes(drawing:page:)``), overlaps the move made
    /// are removed by Prism (Graphviz's `neato -n` with `overlap=prism`, which keeps
    /// each entity's neighbours around it), and the lines are routed again. The
    /// squeezed drawings are candidates like any other: ``best(of:)`` keeps one
    /// only when its lines can be followed as well and its names print larger.
    func squeezed(_ choice: Choice, diagram: Diagram, memo: PageFitMemo) throws -> [Choice] {
        let geometry = try memo.geometry(choice.spec, engine: choice.engine, context: context)
        let box = geometry.boundingBox
        let width = box.maxX - box.minX
        let height = box.maxY - box.minY
        guard width > 0, height > 0 else { return [] }
        let wide = width / height > page.width / page.height
        let centre = wide ? (box.minX + box.maxX) / 2 : (box.minY + box.maxY) / 2
        var places: [String: (x: Double, y: Double)] = [:]
        for (name, pos) in geometry.nodePositions {
            let numbers = pos.split(separator: ",").compactMap { Double($0.filter { $0 != "!" }) }
            guard numbers.count == 2 else { return [] }
            places[name] = (numbers[0], numbers[1])
        }
        // Each share is drafted with straight lines (names print the same size
        // however lines are routed, and routing is most of the time); the largest
        // whose lines cross at most once a line at a shallow angle is routed.
        var drafts: [(spec: GraphSpec, draft: Choice)] = []
        for share in Self.squeezes(drawing: width / height, page: page.width / page.height) {
            var spec = choice.spec
            for index in spec.nodes.indices {
                guard let place = places[spec.nodes[index].name] else { return [] }
                let x = wide ? centre + (place.x - centre) * share : place.x
                let y = wide ? place.y : centre + (place.y - centre) * share
                spec.nodes[index].attributes["pos"] = .string("\(GraphSpec.number(x)),\(GraphSpec.number(y))")
            }
            if spec.attributes["overlap"]?.text.hasPrefix("prism") != true { spec.attributes["overlap"] = "prism" }
            // Prism would first scale the squeezed places to its own spacing, undoing the squeeze.
            spec.attributes["overlap_scaling"] = "0"
            var straight = spec
            straight.attributes["splines"] = "false"
            drafts.append((spec, try measured(straight, engine: .nop1, redrawn: false, style: choice.style, memo: memo).choice))
        }
        let larger = drafts.filter { $0.draft.smallestText > choice.smallestText }
        let tidy = larger.filter { $0.draft.shallowPerLine <= 1 }
        guard let pick = (tidy.isEmpty ? larger : tidy).max(by: { $0.draft.smallestText < $1.draft.smallestText }) else { return [] }
        // A squeeze that leaves names under 5.7 pt misses the goals anyway (the atlas
        // is the way there): its routing is not worth the time (a generated network of
        // 90 entities and 262 lines: 3.7 → 4.0 pt for 7.1 → 10.3 s).
        guard pick.draft.smallestText >= Self.nearlyLegible * Self.legibleText else { return [] }
        let routed = choice.spec.attributes["splines"]?.text
        if routed == "false" || routed == "line" { return [pick.draft] }
        return [try measured(pick.spec, engine: .nop1, redrawn: false, style: choice.style, memo: memo).choice]
    }

    /// Wider spacing tried when a `dot` drawing's lines are crowded: ranks 1 in and
    /// 2 in apart (lines between two ranks fan out over that width instead of
    /// 14 pt, crossing at wider angles), and entities of a rank 0.25 in apart
    /// (room for lines around them). (`ranksep`, `nodesep` in inches; `nil` keeps
    /// the drawing's.)
    static let spreads: [(ranks: Double?, nodes: Double?)] = [(1, nil), (2, nil), (nil, 0.25)]

    /// ``searchStyles(for:engine:labels:layoutAttributes:memo:)``; when a
    /// force-directed engine routes lines around entities (`splines` polyline,
    /// ortho or true: most of its time), the styles are compared with straight
    /// lines and only the winner is routed and measured again.
    private func searchRouted(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels, layoutAttributes: GraphAttributes,
                              memo: PageFitMemo) throws -> Choice {
        let splines = layoutAttributes["splines"]?.text ?? "true"
        guard engine != .dot, !["false", "line", "none", ""].contains(splines) else {
            return try searchStyles(for: diagram, engine: engine, labels: labels, layoutAttributes: layoutAttributes, memo: memo)
        }
        var draft = layoutAttributes
        draft["splines"] = "false"
        let straight = try searchStyles(for: diagram, engine: engine, labels: labels, layoutAttributes: draft, memo: memo)
        return try candidate(diagram, style: straight.style, engine: engine, layoutAttributes: layoutAttributes, memo: memo)
    }

    /// The best drawing with `engine`: each candidate of ``candidates(for:engine:labels:layoutAttributes:)``,
    /// then the winner with names wrapped narrower and wider, then (with `dot`) with
    /// other crossing efforts.
    private func searchStyles(for diagram: Diagram, engine: LayoutEngine, labels: EdgeLabels, layoutAttributes: GraphAttributes,
                              memo: PageFitMemo) throws -> Choice {
        let first = Self.best(of: try candidates(for: diagram, engine: engine, labels: labels,
                                                 layoutAttributes: layoutAttributes, memo: memo))
        var tried = [first]
        for width in Self.nameWidths {
            var style = first.style
            style.nameWidth = width
            tried.append(try candidate(diagram, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo))
        }
        let second = Self.best(of: tried)
        guard engine == .dot, second.crossings > 0 else { return second }
        tried = [second]
        for effort in [1.0, 12.0] {
            var style = second.style
            style.crossingEffort = effort
            tried.append(try candidate(diagram, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo))
        }
        return Self.best(of: tried)
    }

    /// One candidate drawn and measured: its parts packed when it has several,
    /// else laid out whole; the legend gets as many columns as fit the drawing.
    /// Graphs already laid out or drawn for another candidate come from `memo`.
    func candidate(_ diagram: Diagram, style: DrawingStyle, engine: LayoutEngine, layoutAttributes: GraphAttributes,
                   memo: PageFitMemo) throws -> Choice {
        let (choice, overlapping) = try drawCandidate(diagram, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo)
        // Key labels go where they fit: the lines whose short label would cover an
        // entity or another label go without it, and if others then do, all do.
        guard style.keyLabels, !style.edgeLabels, choice.labelOverlaps > 0 else { return choice }
        var fewer = diagram
        for index in fewer.edges.indices where overlapping.contains(XMLName.make("relation", fewer.edges[index].key)) {
            fewer.edges[index].keyLabel = nil
        }
        if fewer != diagram {
            let (second, _) = try drawCandidate(fewer, style: style, engine: engine, layoutAttributes: layoutAttributes, memo: memo)
            if second.labelOverlaps == 0 { return second }
        }
        var bare = style
        bare.keyLabels = false
        return try drawCandidate(diagram, style: bare, engine: engine, layoutAttributes: layoutAttributes, memo: memo).choice
    }

    /// One candidate drawn and measured, with the ids of its lines whose labels overlap something.
    private func drawCandidate(_ diagram: Diagram, style: DrawingStyle, engine: LayoutEngine, layoutAttributes: GraphAttributes,
                               memo: PageFitMemo) throws -> (choice: Choice, overlapping: Set<String>) {
        var spec: GraphSpec
        var drawEngine = engine
        if style.packComponents, let packed = try ComponentPacking.packedSpec(
            for: diagram, style: style, engine: engine, page: page, layoutAttributes: layoutAttributes, context: context, memo: memo) {
            spec = packed
            drawEngine = .nop2
        } else {
            var style = style
            if diagram.legend != nil {
                // The drawing's width without the legend decides the legend's columns.
                var bare = diagram
                bare.legend = nil
                let spec = DiagramGraph.spec(for: bare, style: style, layoutAttributes: layoutAttributes, objects: memo.specObjects)
                let box = try memo.boundingBox(spec, engine: engine, context: context)
                style.legendColumns = Self.legendColumns(for: diagram, width: box.maxX - box.minX)
            }
            spec = DiagramGraph.spec(for: diagram, style: style, layoutAttributes: layoutAttributes, objects: memo.specObjects)
        }
        return try measured(spec, engine: drawEngine, redrawn: Self.redraws(engine), style: style, memo: memo)
    }

    /// `spec` drawn by `drawEngine` and measured, with the ids of its lines whose
    /// labels overlap something; its SVG is kept unless it will be `redrawn`.
    private func measured(_ spec: GraphSpec, engine drawEngine: LayoutEngine, redrawn: Bool, style: DrawingStyle,
                          memo: PageFitMemo) throws -> (choice: Choice, overlapping: Set<String>) {
        let drawing = try memo.drawing(spec, engine: drawEngine) {
            // Measured from what Graphviz draws, as Readability measures its SVG
            // (``DrawingRecorder``), without writing and reading SVG.
            let recorded = try context.recordDrawing(spec, engine: drawEngine, svg: !redrawn, textCache: memo.textCache)
            let report = Readability.measure(recorded.drawing, page: page, screenColumn: Readability.screenColumn)
            return PageFitMemo.Drawing(svg: recorded.svg, warnings: recorded.warnings.map(\.text),
                                       smallestText: report.smallestEntityTextOnPage ?? 0, crossings: report.crossings,
                                       labelOverlaps: report.labelEntityOverlaps + report.labelLabelOverlaps,
                                       lines: LineReport(report),
                                       overlappingLines: report.labelEntityOverlaps + report.labelLabelOverlaps > 0
                                           ? Readability.linesWithOverlappingLabels(recorded.drawing) : [])
        }
        return (Choice(style: style, smallestText: drawing.smallestText, crossings: drawing.crossings,
                       labelOverlaps: drawing.labelOverlaps, svg: drawing.svg, spec: spec, engine: drawEngine,
                       warnings: drawing.warnings, lines: drawing.lines), drawing.overlappingLines)
    }

    /// The rules above, applied to measured candidates (the first wins ties).
    static func best(of choices: [Choice]) -> Choice {
        // Text that can be read first: candidates whose names print at least 6 pt
        // (or, when none does, within 90 % of the largest) may give up size for lines.
        // Within 5 % of 6 pt counts as 6 pt: 5.8 and 6 pt names look the same, while
        // the two drawings' crossings may differ threefold.
        let largest = choices.map(\.smallestText).max() ?? 0
        func keep(_ choices: [Choice], _ rule: (Choice) -> Bool) -> [Choice] {
            let kept = choices.filter(rule)
            return kept.isEmpty ? choices : kept
        }
        let floor = largest >= legibleText ? nearlyLegible * legibleText : sizeTolerance * largest
        var pool = keep(choices) { $0.smallestText >= floor - 1e-9 }
        // Labels never overlap: a drawing whose labels do is kept only when every one does.
        pool = keep(pool) { $0.labelOverlaps == 0 }
        // Lines end at their entities and run through none they do not join. When
        // no drawing manages that, one whose lines end nearest their own entity and
        // cross none is still kept over one with a misplaced end or a line through an
        // entity, and then the fewest ends that stop short.
        pool = keep(pool) { $0.followable }
        pool = keep(pool) { $0.lines.misplacedEnds == 0 && $0.lines.throughEntities == 0 }
        let fewestLoose = pool.map(\.lines.looseEnds).min() ?? 0
        pool = keep(pool) { $0.lines.looseEnds == fewestLoose }
        // Shallow crossings count against a drawing as overlaps do: more than one a line.
        pool = keep(pool) { $0.shallowPerLine <= 1 }
        let largestLeft = pool.map(\.smallestText).max() ?? 0
        let legible = pool.filter { $0.smallestText >= sizeTolerance * largestLeft - 1e-9 }
        let fewest = legible.map(\.crossings).min() ?? 0
        let tidy = legible.filter { Double($0.crossings) <= 1.2 * Double(fewest) + 5 }
        var best = tidy[0]
        for choice in tidy.dropFirst() {
            let a = (Self.labelling(choice.style), choice.smallestText, -choice.crossings)
            let b = (Self.labelling(best.style), best.smallestText, -best.crossings)
            if a > b { best = choice }
        }
        return best
    }

    /// How much a style labels: every line 2, the key lines 1, none 0.
    static func labelling(_ style: DrawingStyle) -> Int {
        style.edgeLabels ? 2 : style.keyLabels ? 1 : 0
    }

    /// `label` without a folded list's count ("uses (5)" → "uses").
    static func withoutCount(_ label: String) -> Substring {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "("), open > label.startIndex,
              label[label.index(after: open)..<label.index(before: label.endIndex)].allSatisfy(\.isNumber) else { return label[...] }
        return label[..<open].dropLast(label[..<open].hasSuffix(" ") ? 1 : 0)
    }

    /// `LR` ↔ `TB`, `RL` ↔ `BT`.
    static func crossDirection(_ direction: String) -> String {
        switch direction.uppercased() {
        case "LR": "TB"
        case "RL": "BT"
        case "BT": "RL"
        default: "LR"
        }
    }

    /// Relation types per legend row: as many as fit `width` points (2 to 6).
    static func legendColumns(for diagram: Diagram, width: Double) -> Int {
        guard let legend = diagram.legend, !legend.types.isEmpty else { return 5 }
        // A legend cell: a 3-glyph line sample and the label at the legend's size
        // (about 0.6 em a character in DejaVu Sans), plus the section heading's column.
        let longest = min(DiagramGraph.legendEntryWidth, legend.types.map { $0.label.count }.max() ?? 10)
        let em = DiagramGraph.legendSize
        let cell = 3.3 * em + 0.6 * em * Double(longest) + 6
        let available = width - 8 * em
        return max(2, min(6, Int(available / cell)))
    }
}
