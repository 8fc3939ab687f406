/// Where one item (an entity, a relation, a source…) and each of its fields
/// start in the file, so that checks made after decoding can point at them.
public struct ItemLocations: Sendable, Hashable {
    /// Where the item starts.
    public var start: SourceLocation
    /// Where each field's value starts, by key (`claims[0].by` for nested fields).
    public var fields: [String: SourceLocation]

    /// Creates locations for an item starting at `start`.
    public init(start: SourceLocation, fields: [String: SourceLocation] = [:]) {
        self.start = start
        self.fields = fields
    }

    /// The location of `field`'s value, or of the item when the field is absent.
    public subscript(field: String) -> SourceLocation {
        fields[field] ?? start
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
    /// Style rules by `kinds.group`, `types.sponsors`, `tags.proxy`.
    public var styleRules: [String: ItemLocations] = [:]

    /// Creates an empty map.
    public init() {}
}
