/// Where one item (an entity, a relation, a source…) and each of its fields
/// start in the file, so that checks made after decoding can point at them.
///
/// The fields' positions are kept as a short list, not a dictionary: there is
/// one of these per item (400,000 for a 100,000-entity network, all alive while
/// it loads), each with a dozen fields or so, looked up by a short scan.
public struct ItemLocations: Sendable, Hashable {
    /// Where the item starts.
    public var start: SourceLocation
    /// Each field's position, keys without repeats, in the order recorded.
    private var entries: [Entry]
    /// The positions of a relation's claims and their fields (`claims[0]`,
    /// `claims[0].by`), kept as numbers and keys: their names are spelled out
    /// only when asked for (``fields``, ``location(of:)``), not for every claim read.
    private var claimEntries: [ClaimEntry] = []

    private struct Entry: Sendable {
        var key: String
        var location: SourceLocation
    }

    private struct ClaimEntry: Sendable {
        /// The claim's index in the relation's `claims`.
        var claim: Int
        /// The claim's field, or `nil` for the claim itself.
        var key: String?
        var location: SourceLocation

        /// The entry's name among the fields: `claims[0].by` or `claims[0]`.
        var name: String {
            key.map { "claims[\(claim)].\($0)" } ?? "claims[\(claim)]"
        }
    }

    /// Where each field's value starts, by key (`claims[0].by` for nested fields).
    public var fields: [String: SourceLocation] {
        get {
            Dictionary(entries.map { ($0.key, $0.location) } + claimEntries.map { ($0.name, $0.location) },
                       uniquingKeysWith: { first, _ in first })
        }
        set {
            entries = newValue.map { Entry(key: $0.key, location: $0.value) }
            claimEntries = []
        }
    }

    /// Creates locations for an item starting at `start`.
    public init(start: SourceLocation, fields: [String: SourceLocation] = [:]) {
        self.start = start
        self.entries = fields.map { Entry(key: $0.key, location: $0.value) }
    }

    /// Creates locations from fields whose keys do not repeat.
    init(start: SourceLocation, uniqueFields: some Sequence<(key: String, location: SourceLocation)>) {
        self.start = start
        self.entries = uniqueFields.map { Entry(key: $0.key, location: $0.location) }
    }

    /// The location of `field`'s value, or of the item when the field is absent.
    public subscript(field: String) -> SourceLocation {
        location(of: field) ?? start
    }

    /// The location of `field`'s value, if it was recorded.
    public func location(of field: String) -> SourceLocation? {
        if let entry = entries.first(where: { $0.key == field }) { return entry.location }
        guard !claimEntries.isEmpty, field.hasPrefix("claims[") else { return nil }
        return claimEntries.first(where: { $0.name == field })?.location
    }

    /// Records (or replaces) the location of `field`'s value.
    public mutating func set(_ location: SourceLocation, for field: String) {
        if let index = entries.firstIndex(where: { $0.key == field }) {
            entries[index].location = location
        } else if field.hasPrefix("claims["), let index = claimEntries.firstIndex(where: { $0.name == field }) {
            claimEntries[index].location = location
        } else {
            entries.append(Entry(key: field, location: location))
        }
    }

    /// Records the location of claim number `claim` of a relation (`key` `nil`),
    /// or of its field `key`: `claims[claim]` or `claims[claim].key` among the
    /// fields. The caller records each once (the claims are read once each, and a
    /// relation's own keys have no brackets), so the recorded ones are not searched.
    mutating func addClaim(_ claim: Int, field key: String?, at location: SourceLocation) {
        claimEntries.append(ClaimEntry(claim: claim, key: key, location: location))
    }

    /// Makes room for `count` more claim positions (see ``addClaim(_:field:at:)``).
    mutating func reserveClaimCapacity(_ count: Int) {
        claimEntries.reserveCapacity(claimEntries.count + count)
    }

    public static func == (a: ItemLocations, b: ItemLocations) -> Bool {
        a.start == b.start && a.fields == b.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(fields)
    }
}

/// The positions of everything in a decoded document, parallel to the
/// ``Network`` it describes.
public struct SourceMap: Sendable, Hashable {
    /// Start of the document.
    public var root: SourceLocation = .start
    /// Top-level keys' value positions (`entities`, `relations`…).
    public var sections: [String: SourceLocation] = [:]
    /// One entry per entity, in the order of ``Network/entities``.
    public var entities: [ItemLocations] = []
    /// One entry per relation, in the order of ``Network/relations``.
    public var relations: [ItemLocations] = []
    /// Sources by id.
    public var sources: [String: ItemLocations] = [:]
    /// Declared relation types by name.
    public var relationTypes: [String: ItemLocations] = [:]
    /// Declared entity kinds.
    public var entityKinds: [EntityKind: ItemLocations] = [:]
    /// Named views by name.
    public var views: [String: ItemLocations] = [:]
    /// Ids of entities that were declared but could not be decoded (a bad kind, a
    /// missing name): references to them are not reported again as unknown.
    public var rejectedEntityIDs: Set<String> = []
    /// The kind of each rejected entity, when it is known, so that the relations
    /// it takes part in are still checked in the same run: its own kind (when
    /// something else was wrong, such as a missing name), or, for an unknown kind,
    /// the kind it is closest to ("agncy" → agency), marked as assumed.
    public var rejectedEntityKinds: [String: RejectedKind] = [:]
    /// Style rules by `kinds.group`, `types.sponsors`, `tags.proxy`.
    public var styleRules: [String: ItemLocations] = [:]

    /// Creates an empty map.
    public init() {}

    /// The kind of an entity that could not be decoded (``rejectedEntityKinds``).
    public struct RejectedKind: Sendable, Hashable {
        /// The kind its relations are checked against.
        public var kind: EntityKind
        /// The kind as written, when it is unknown and ``kind`` is the closest one.
        public var written: String?
    }
}
