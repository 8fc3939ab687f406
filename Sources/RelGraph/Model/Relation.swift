/// Who said that a relation holds: a source, and optionally the entity that made
/// the claim ("according to Ehsanullah Ehsan"), the words, and when.
public struct Claim: Hashable, Sendable {
    /// Id of the source the claim is read in.
    public var source: String?
    /// Id of the entity who made the claim, when the source names one.
    public var by: String?
    /// The words of the source.
    public var quote: String?
    /// When the claim was made.
    public var date: PartialDate?
    /// Whether the claim supports the relation or denies it (default `supports`).
    public var stance: Stance
    /// Admiralty credibility of the information, 1 (confirmed by other sources) to
    /// 6 (truth cannot be judged); with the source's `reliability` it makes a grade.
    public var credibility: Int?

    /// Creates a claim.
    public init(source: String? = nil, by: String? = nil, quote: String? = nil, date: PartialDate? = nil,
                stance: Stance = .default, credibility: Int? = nil) {
        self.source = source
        self.by = by
        self.quote = quote
        self.date = date
        self.stance = stance
        self.credibility = credibility
    }
}

/// An edge of the network: `from` `type` `to`, with its dates, confidence and the
/// claims it rests on.
public struct Relation: Hashable, Sendable {
    /// Optional id; needed only when two relations share from, type and to.
    public var id: String?
    /// Id of the entity the relation goes from.
    public var from: String
    /// The relation type, built in (`sponsors`) or declared under `relation_types`.
    public var type: String
    /// Id of the entity the relation goes to.
    public var to: String
    /// When it began.
    public var since: PartialDate?
    /// When it ended.
    public var until: PartialDate?
    /// Whether it is over though its end date is unknown (`until` implies it).
    public var ended: Bool
    /// How well established it is (default `reported`).
    public var confidence: Confidence
    /// Admiralty grade of the source and information, e.g. `B2`.
    public var grade: AdmiraltyGrade?
    /// Who claims it.
    public var claims: [Claim]
    /// A remark by the analyst.
    public var note: String?
    /// Free labels (order carries no meaning).
    public var tags: [String]
    /// Ids of sources that support it, besides those cited in claims.
    public var sources: [String]
    /// Ids in other systems (e.g. `stix: relationship--…`).
    public var externalIDs: [String: String]

    /// Creates a relation.
    public init(id: String? = nil, from: String, type: String, to: String, since: PartialDate? = nil,
                until: PartialDate? = nil, ended: Bool = false, confidence: Confidence = .default, grade: AdmiraltyGrade? = nil,
                claims: [Claim] = [], note: String? = nil, tags: [String] = [], sources: [String] = [],
                externalIDs: [String: String] = [:]) {
        self.id = id
        self.from = from
        self.type = type
        self.to = to
        self.since = since
        self.until = until
        self.ended = ended
        self.confidence = confidence
        self.grade = grade
        self.claims = claims
        self.note = note
        self.tags = tags
        self.sources = sources
        self.externalIDs = externalIDs
    }

    /// The relation's identity within its network: its `id`, or
    /// `from type to` (plus `@since` when dated), which is what duplicate
    /// detection, canonical DOT and diffs key on.
    public var key: String {
        if let id { return id }
        var key = "\(from) \(type) \(to)"
        if let since { key += " @\(since)" }
        return key
    }

    /// Every source id the relation cites, in claims or directly, sorted, without repeats.
    public var citedSources: [String] {
        Array(Set(sources + claims.compactMap(\.source))).sorted()
    }
}
