/// A cut of the network: whom to focus on, as of when, which kinds, types, tags
/// and confidence to show. Named views live under `views:`; the same options are
/// `relgraph render` flags.
public struct ViewDefinition: Hashable, Sendable {
    /// Which way to follow relations from the focus.
    public enum Direction: String, CaseIterable, Sendable, Hashable {
        /// Only relations leaving the focus (what the focus does).
        case out
        /// Only relations arriving at the focus (what is done to it).
        case `in`
        /// Both (the default).
        case both
    }

    /// How to group entities into clusters.
    public enum Clustering: String, CaseIterable, Sendable, Hashable {
        /// No clusters.
        case none
        /// Nested clusters from the `within` hierarchy of territories and states.
        case territories
    }

    /// The view's name (its key under `views:`); empty for an ad-hoc view.
    public var name: String
    /// Title shown on the diagram.
    public var title: String?
    /// What the view shows, in a sentence.
    public var description: String?
    /// Entity ids at the centre of the view.
    public var focus: [String]
    /// How many relation steps from the focus to keep (default 1).
    public var depth: Int?
    /// Which relations to follow from the focus (default both).
    public var direction: Direction?
    /// Only what was alive on this date.
    public var asOf: PartialDate?
    /// Only what was alive at some time in this window.
    public var between: (from: PartialDate, to: PartialDate)?
    /// Only these kinds (empty: all).
    public var kinds: [EntityKind]
    /// Never these kinds.
    public var excludeKinds: [EntityKind]
    /// Only these relation types (empty: all).
    public var types: [String]
    /// Never these relation types.
    public var excludeTypes: [String]
    /// Only entities carrying one of these tags (empty: all); relations are not filtered by it.
    public var tags: [String]
    /// Never entities or relations carrying these tags.
    public var excludeTags: [String]
    /// Hide relations below this confidence.
    public var minConfidence: Confidence?
    /// Clustering of the diagram.
    public var cluster: Clustering?
    /// Only claims made by this date (a claim's `date`, else its source's `date`),
    /// and the relations they support: the record as it stood then.
    public var knownAsOf: PartialDate?
    /// With a time filter, leave out relations and entities that have no dates
    /// (instead of drawing them marked "date unknown").
    public var datedOnly: Bool?
    /// The page the view is drawn for (`page: a4`, `letter`, `16x24cm`); `nil`
    /// leaves it to `--page` (A4 by default). See ``PageSize``.
    public var page: PageSize?

    /// Creates a view.
    public init(name: String = "", title: String? = nil, description: String? = nil, focus: [String] = [],
                depth: Int? = nil, direction: Direction? = nil, asOf: PartialDate? = nil,
                between: (from: PartialDate, to: PartialDate)? = nil, kinds: [EntityKind] = [],
                excludeKinds: [EntityKind] = [], types: [String] = [], excludeTypes: [String] = [],
                tags: [String] = [], excludeTags: [String] = [], minConfidence: Confidence? = nil,
                cluster: Clustering? = nil, knownAsOf: PartialDate? = nil, datedOnly: Bool? = nil,
                page: PageSize? = nil) {
        self.name = name
        self.title = title
        self.description = description
        self.focus = focus
        self.depth = depth
        self.direction = direction
        self.asOf = asOf
        self.between = between
        self.kinds = kinds
        self.excludeKinds = excludeKinds
        self.types = types
        self.excludeTypes = excludeTypes
        self.tags = tags
        self.excludeTags = excludeTags
        self.minConfidence = minConfidence
        self.cluster = cluster
        self.knownAsOf = knownAsOf
        self.datedOnly = datedOnly
        self.page = page
    }

    /// Whether the view filters nothing and clusters nothing.
    public var isEmpty: Bool {
        focus.isEmpty && asOf == nil && between == nil && kinds.isEmpty && excludeKinds.isEmpty && types.isEmpty
            && excludeTypes.isEmpty && tags.isEmpty && excludeTags.isEmpty && minConfidence == nil
            && knownAsOf == nil && datedOnly != true
            && (cluster ?? ViewDefinition.Clustering.none) == ViewDefinition.Clustering.none
    }

    public static func == (a: ViewDefinition, b: ViewDefinition) -> Bool {
        a.name == b.name && a.title == b.title && a.description == b.description && a.focus == b.focus
            && a.depth == b.depth && a.direction == b.direction && a.asOf == b.asOf
            && a.between?.from == b.between?.from && a.between?.to == b.between?.to
            && a.kinds == b.kinds && a.excludeKinds == b.excludeKinds && a.types == b.types
            && a.excludeTypes == b.excludeTypes && a.tags == b.tags && a.excludeTags == b.excludeTags
            && a.minConfidence == b.minConfidence && a.cluster == b.cluster
            && a.knownAsOf == b.knownAsOf && a.datedOnly == b.datedOnly && a.page == b.page
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(focus)
        hasher.combine(asOf)
    }
}
