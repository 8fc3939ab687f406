import Foundation
import RelGraphDrawing

/// What one page fit (``PageFit``) has already laid out and drawn, by graph spec
/// and engine.
///
/// Candidates share some graphs: a part with no edge labels is the same graph with
/// labels on and off, a part whose names wrap alike at every ``PageFit/nameWidths``
/// is the same graph at each width, and a whole candidate can equal one already
/// tried (a name width that wraps no name differently). Graphviz lays out and
/// draws the same graph the same way, so each distinct graph is laid out (or drawn
/// and measured) once and the result reused: the choice and every output byte are
/// what trying each candidate afresh gives.
///
/// Specs are compared, not hashed: hashing every string of every candidate's spec
/// costs more than the few layouts it saves. Most specs differ in their graph
/// attributes (rank direction, crossing effort) or their counts, which compare
/// first and fail fast.
final class PageFitMemo {
    /// A candidate's drawing and what it measured.
    struct Drawing {
        /// Graphviz's SVG, when it was drawn with the measuring (see ``PageFit/redraws(_:)``).
        var svg: Data?
        var warnings: [String]
        var smallestText: Double
        var crossings: Int
        var labelOverlaps: Int
        /// Whether its lines can be followed (``Readability``'s line measures).
        var lines = PageFit.LineReport()
        /// The ids of the lines whose labels overlap something.
        var overlappingLines: Set<String> = []
    }

    /// Whether results are reused; a memo that does not recall lays out and draws
    /// every candidate afresh (what tests compare against).
    let recalls: Bool
    /// Candidate drawings made (not recalled) so far.
    private(set) var drawingsMade = 0
    /// Text sizes measured for this fit's layouts (``TextMeasureCache``); `nil` when
    /// the memo does not recall, so that every layout is measured afresh.
    let textCache: TextMeasureCache?
    /// Spec nodes and edges made for this fit's candidates; `nil` when the memo does not recall.
    let specObjects: DiagramGraph.SpecObjects?

    private var geometries: [(GraphSpec, LayoutEngine, LayoutGeometry)] = []
    private var boxes: [(GraphSpec, LayoutEngine, LayoutResult.Box)] = []
    private var drawings: [(GraphSpec, LayoutEngine, Drawing)] = []

    /// A memo that reuses results (`recalls`), or one that only passes calls on.
    init(recalls: Bool = true) {
        self.recalls = recalls
        textCache = recalls ? TextMeasureCache() : nil
        specObjects = recalls ? DiagramGraph.SpecObjects() : nil
    }

    /// ``GraphvizContext/layoutGeometry(_:engine:)`` of `spec`, laid out once.
    func geometry(_ spec: GraphSpec, engine: LayoutEngine, context: GraphvizContext) throws -> LayoutGeometry {
        try recall(spec, engine, in: &geometries) { try context.layoutGeometry(spec, engine: engine, textCache: textCache) }
    }

    /// The bounding box of `spec`'s layout (``GraphvizContext/layout(_:engine:)``), laid out once.
    func boundingBox(_ spec: GraphSpec, engine: LayoutEngine, context: GraphvizContext) throws -> LayoutResult.Box {
        try recall(spec, engine, in: &boxes) { try context.layout(spec, engine: engine, textCache: textCache).boundingBox }
    }

    /// `spec` drawn and measured by `make`, once.
    func drawing(_ spec: GraphSpec, engine: LayoutEngine, make: () throws -> Drawing) throws -> Drawing {
        try recall(spec, engine, in: &drawings) {
            drawingsMade += 1
            return try make()
        }
    }

    private func recall<T>(_ spec: GraphSpec, _ engine: LayoutEngine, in known: inout [(GraphSpec, LayoutEngine, T)],
                                  make: () throws -> T) throws -> T {
        if recalls, let hit = known.first(where: { entry in
            entry.1 == engine && entry.0.nodes.count == spec.nodes.count && entry.0.edges.count == spec.edges.count
                && entry.0.attributes == spec.attributes && entry.0 == spec
        }) {
            return hit.2
        }
        let value = try make()
        known.append((spec, engine, value))
        return value
    }
}
