import RelGraph
/// The drawing settings relgraph hands to Graphviz besides the diagram itself:
/// rank direction, spacing, whether edges carry their labels, the legend's
/// columns, and packing of disconnected parts. ``PageFit`` chooses them for a
/// page; the defaults are compact.
public struct DrawingStyle: Sendable, Hashable {
    /// Rank direction (`LR`, `TB`…); `nil` takes the document's (`style: direction:`, else `LR`).
    public var direction: String?
    /// Space between entities of one rank, in inches (`nodesep`): 0.08 (6 pt).
    public var nodeSeparation: Double = 0.08
    /// Space between ranks, in inches (`ranksep`): 0.2 (14 pt).
    public var rankSeparation: Double = 0.2
    /// Whether lines carry their labels ("sponsors, 2021–"). Without labels the
    /// type is shown by colour and arrowhead (see the legend) and the label is in
    /// the tooltip and the title.
    public var edgeLabels: Bool = true
    /// Without edge labels, whether the lines a reader most needs still carry a
    /// short label (``Diagram/Edge/keyLabel``: a merged line's types and who says so).
    public var keyLabels: Bool = false
    /// Relation types per legend row.
    public var legendColumns: Int = 5
    /// Whether disconnected parts are packed in rows that suit the page
    /// (``ComponentPacking``), not stacked in one column. Needs a page; ignored
    /// with territory clusters.
    public var packComponents: Bool = true
    /// Longest line of a wrapped entity name, in characters; `nil` keeps the
    /// diagram's wrapping (``DiagramOptions/wrapWidth``).
    public var nameWidth: Int?
    /// How hard `dot` works at removing crossings (`mclimit`): 4 times its default.
    /// On the flagship this takes crossings from 95 to 33 for a few milliseconds.
    public var crossingEffort: Double = 4

    /// The compact defaults.
    public init(direction: String? = nil, edgeLabels: Bool = true, legendColumns: Int = 5) {
        self.direction = direction
        self.edgeLabels = edgeLabels
        self.legendColumns = legendColumns
    }
}
