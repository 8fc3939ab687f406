/// Everything needed to draw a network, decided but not yet drawn: which nodes,
/// edges and clusters, in canonical order, with their resolved look, labels,
/// tooltips, ids and classes.
///
/// Built from a ``Network`` (usually a view of one) by ``DiagramBuilder``; drawn by
/// the RelGraphviz module. Nothing here depends on Graphviz.
public struct Diagram: Sendable, Hashable {
    /// The document title (or view title).
    public var title: String
    /// The view applied, as a sentence; empty for the whole network.
    public var viewSummary: String
    /// A one-paragraph text summary for screen readers (`<desc>`): counts and main actors.
    public var summary: String
    /// Nodes sorted by entity id.
    public var nodes: [Node]
    /// Edges sorted by (from, to, type, since, key).
    public var edges: [Edge]
    /// Top-level clusters (nested), when the view groups by territory.
    public var clusters: [Cluster]
    /// What the legend shows, or `nil` with `--no-legend`.
    public var legend: Legend?
    /// The palette.
    public var theme: Theme
    /// `TB` or `LR` etc.
    public var direction: String
    /// Font family list.
    public var font: String

    /// One relation a line stands for. A line may stand for several: relations
    /// between the same two entities are drawn as one line (``DiagramOptions/mergeRelations``),
    /// and a folded list of leaves is joined to its hub by one line
    /// (``DiagramOptions/foldLeaves``).
    public struct RelationRef: Sendable, Hashable {
        /// The relation's key (its id, or `from type to [@since]`).
        public var key: String
        /// Tail entity id.
        public var from: String
        /// Head entity id.
        public var to: String
        /// Relation type name.
        public var type: String
        /// The relation's own confidence.
        public var confidence: Confidence
        /// The relation's own sentence: "ISI sponsors ISKP (alleged)".
        public var title: String

        /// Creates a reference.
        public init(key: String, from: String, to: String, type: String, confidence: Confidence, title: String) {
            self.key = key
            self.from = from
            self.to = to
            self.type = type
            self.confidence = confidence
            self.title = title
        }
    }

    /// One entity inside a list node (folded leaves): it keeps its own id,
    /// sentence, tooltip, link and classes in the SVG.
    public struct ListEntry: Sendable, Hashable {
        /// The entity id.
        public var id: String
        /// The kind.
        public var kind: EntityKind
        /// The name (cut to the longest label, not wrapped).
        public var name: String
        /// The dates, if any.
        public var detail: String?
        /// A sentence for `<title>`.
        public var title: String
        /// The tooltip.
        public var tooltip: String
        /// The entity's link, when allowed.
        public var url: String?
        /// CSS classes: `entity kind-software`.
        public var classes: [String]
        /// The entity's look (fill and border of its cell).
        public var style: StyleRule
    }

    /// One entity, as drawn.
    public struct Node: Sendable, Hashable {
        /// The entity id (also the DOT node name).
        public var id: String
        /// The kind.
        public var kind: EntityKind
        /// The name, wrapped into lines.
        public var nameLines: [String]
        /// The whole name as drawn (cleaned and cut), before wrapping: a drawing may
        /// wrap it again at another width (``DiagramOptions/wrapWidth`` is the default).
        public var name: String = ""
        /// A small second line: the dates ("2015–", "2020-03").
        public var detail: String?
        /// Resolved look (shape, colours, font, line).
        public var style: StyleRule
        /// Whether the border is doubled (states).
        public var doubleBorder: Bool
        /// Whether corners are rounded (people).
        public var rounded: Bool
        /// Whether corners are cut by small diagonals (events: Graphviz's `diagonals`
        /// style on a box, which lines end on exactly, unlike the `cds` tag shape
        /// whose drawn outline is a third lower than the box Graphviz ends lines at).
        public var cornerMarks: Bool = false
        /// Lines drawn under the name, in italics: where it lies ("in Pakistan",
        /// its `within`, when territories are not drawn as boxes), and in an atlas
        /// the entities on other pages it has lines to ("→ p. 4: Wizard Spider +2").
        public var references: [String] = []
        /// A sentence for `<title>`: "ISKP (group, since 2015-01)".
        public var title: String
        /// The tooltip: name, aliases, kind, dates, description.
        public var tooltip: String
        /// The entity's link, when allowed.
        public var url: String?
        /// CSS classes: `entity kind-group tag-proxy`.
        public var classes: [String]
        /// For a list node (folded leaves): the entities it lists, in name order,
        /// laid out in ``listColumns`` columns. Empty for an ordinary entity.
        public var entries: [ListEntry] = []
        /// Columns of a list node's table.
        public var listColumns: Int = 1

        /// Whether this node is a list of folded leaves rather than one entity.
        public var isList: Bool { !entries.isEmpty }
    }

    /// One line, as drawn: one relation, or several merged into one line.
    public struct Edge: Sendable, Hashable {
        /// The relation's key (its id, or `from type to [@since]`).
        public var key: String
        /// Tail entity id.
        public var from: String
        /// Head entity id.
        public var to: String
        /// Relation type name.
        public var type: String
        /// Label on the edge: "sponsors, 2021–"; stacked lines ("sponsors · funds\ntrains")
        /// for merged relations.
        public var label: String
        /// Confidence drawn as the line style: for several relations, the weakest
        /// (a merged line is never drawn firmer than its weakest relation).
        public var confidence: Confidence
        /// Colour.
        public var color: String
        /// Line style.
        public var line: LineStyle
        /// Whether the line is doubled (disputed).
        public var doubleLine: Bool
        /// Line width in points.
        public var width: Double
        /// Arrowhead name (`none` for symmetric types).
        public var arrow: String
        /// Arrowhead at the tail, when merged relations run both ways; `nil` otherwise.
        public var arrowTail: String? = nil
        /// Whether the type is symmetric.
        public var symmetric: Bool
        /// Font for the label.
        public var font: String?
        /// A sentence for `<title>`: "ISI sponsors ISKP (alleged)".
        public var title: String
        /// The tooltip: type, dates, confidence, grade, claims.
        public var tooltip: String
        /// CSS classes: `relation type-sponsors confidence-alleged`.
        public var classes: [String]
        /// Every relation this line stands for (one, unless merged or folded), in
        /// canonical order.
        public var relations: [RelationRef] = []
        /// The family it is drawn as (``RelationFamily``); `nil` for a merged line of several.
        public var family: RelationFamily? = nil
        /// Whether it is over (every relation it stands for): drawn lighter, with a bar at its end.
        public var former: Bool = false
        /// Whether it has no dates in a time view (every relation it stands for): a hollow circle at its end.
        public var undated: Bool = false
        /// Who says so (the claimants of its relations, when they are the same for all).
        public var attribution: String? = nil
        /// The short label of a line a reader most needs to read on paper (a merged
        /// line: its types, and who says so), drawn when only such lines are
        /// labelled (``DrawingStyle``'s key labels); `nil` for other lines.
        public var keyLabel: String? = nil
    }


    /// A group of nodes drawn inside a box: a territory or state and what lies within it.
    public struct Cluster: Sendable, Hashable {
        /// The containing entity's id.
        public var id: String
        /// Label: the container's name.
        public var label: String
        /// Ids of nodes directly inside (not inside a nested cluster), sorted.
        public var nodeIDs: [String]
        /// Nested clusters, sorted by id.
        public var children: [Cluster]
    }

    /// What the legend lists: only what the diagram uses.
    public struct Legend: Sendable, Hashable {
        /// Kinds present, in kind order, with their look.
        public var kinds: [(kind: EntityKind, style: StyleRule)]
        /// Relation types present, sorted by name: name, label, colour, arrowhead, symmetric.
        public var types: [TypeEntry]
        /// Confidence levels present, strongest first.
        public var confidences: [Confidence]
        /// The words of declared kinds that have a label of their own (built-in kinds show their name).
        public var kindLabels: [EntityKind: String] = [:]
        /// The marks lines carry in this diagram: former, undated.
        public var marks: [Mark] = []
        /// In a difference drawing (`relgraph diff … -o d.svg`), the changes it shows,
        /// in the order of ``ChangeStatus``: a "Changes" row says how each is drawn.
        public var changes: [ChangeStatus] = []

        /// A mark a line carries besides its family's colour and arrowhead.
        public enum Mark: String, Sendable, Hashable, CaseIterable {
            /// Over: lighter, with a bar at its end.
            case former
            /// No dates in a time view: a hollow circle at its end.
            case undated
        }

        /// The words the legend shows for `kind`.
        public func label(of kind: EntityKind) -> String { kindLabels[kind] ?? kind.rawValue }

        /// One relation type in the legend.
        public struct TypeEntry: Sendable, Hashable {
            public var name: String
            public var label: String
            public var color: String
            public var arrow: String
            public var symmetric: Bool
        }

        public static func == (a: Legend, b: Legend) -> Bool {
            a.kinds.map(\.kind) == b.kinds.map(\.kind) && a.kinds.map(\.style) == b.kinds.map(\.style)
                && a.types == b.types && a.confidences == b.confidences && a.kindLabels == b.kindLabels && a.marks == b.marks && a.changes == b.changes
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(kinds.map(\.kind))
            hasher.combine(types)
            hasher.combine(confidences)
        }
    }
}
