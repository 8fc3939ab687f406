/// A node of the network: a group, agency, state, territory, person, event,
/// organization or publication, or of a kind the document declares.
public struct Entity: Hashable, Sendable, Identifiable {
    /// Unique slug, e.g. `iskp`.
    public var id: String
    /// What the entity is.
    public var kind: EntityKind
    /// Display name.
    public var name: String
    /// Other names and spellings (order carries no meaning).
    public var aliases: [String]
    /// A sentence or two about the entity.
    public var description: String?
    /// When it began (founding, birth, the day of an event).
    public var since: PartialDate?
    /// When it ended.
    public var until: PartialDate?
    /// Whether it is gone though its end date is unknown (`until` implies it).
    public var ended: Bool
    /// The id of the territory or state that contains it.
    public var within: String?
    /// Free labels (order carries no meaning).
    public var tags: [String]
    /// A link for readers.
    public var url: String?
    /// Ids of sources that document the entity.
    public var sources: [String]
    /// Ids in other systems, e.g. `stix: intrusion-set--…`, kept so a later import can be matched.
    public var externalIDs: [String: String]

    /// Creates an entity.
    public init(id: String, kind: EntityKind, name: String, aliases: [String] = [], description: String? = nil,
                since: PartialDate? = nil, until: PartialDate? = nil, ended: Bool = false, within: String? = nil, tags: [String] = [],
                url: String? = nil, sources: [String] = [], externalIDs: [String: String] = [:]) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.description = description
        self.since = since
        self.until = until
        self.ended = ended
        self.within = within
        self.tags = tags
        self.url = url
        self.sources = sources
        self.externalIDs = externalIDs
    }
}
