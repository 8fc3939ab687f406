/// A relationship network: the sources, entities and relations of one document,
/// with its declared entity kinds and relation types, style and named views.
public struct Network: Hashable, Sendable {
    /// The document's title.
    public var title: String?
    /// What the network shows and where it comes from.
    public var description: String?
    /// Sources by id.
    public var sources: [String: Source]
    /// The entities, in document order.
    public var entities: [Entity]
    /// The relations, in document order.
    public var relations: [Relation]
    /// Relation types the document declares, by name.
    public var relationTypes: [String: RelationType]
    /// Entity kinds the document declares (beyond the eight built-in ones).
    public var entityKinds: [EntityKind: DeclaredKind]
    /// Overrides of the default look.
    public var style: StyleSheet
    /// Named views by name.
    public var views: [String: ViewDefinition]

    /// Creates a network.
    public init(title: String? = nil, description: String? = nil, sources: [String: Source] = [:],
                entities: [Entity] = [], relations: [Relation] = [], relationTypes: [String: RelationType] = [:],
                entityKinds: [EntityKind: DeclaredKind] = [:], style: StyleSheet = StyleSheet(), views: [String: ViewDefinition] = [:]) {
        self.title = title
        self.description = description
        self.sources = sources
        self.entities = entities
        self.relations = relations
        self.relationTypes = relationTypes
        self.entityKinds = entityKinds
        self.style = style
        self.views = views
    }

    /// The type named `name`: declared by the document, or built in.
    public func relationType(named name: String) -> RelationType? {
        relationTypes[name] ?? RelationType.builtInByName[name]
    }

    /// Every kind the document may use: the built-in ones, then its declared ones
    /// by name (canonical order).
    public var kinds: [EntityKind] {
        EntityKind.builtIn + entityKinds.keys.filter { !$0.isBuiltIn }.sorted()
    }

    /// Whether entities may have `kind`: it is built in or declared.
    public func knows(_ kind: EntityKind) -> Bool {
        kind.isBuiltIn || entityKinds[kind] != nil
    }

    /// Entities by id (the first one when ids repeat, which validation reports).
    public var entitiesByID: [String: Entity] {
        var map: [String: Entity] = [:]
        map.reserveCapacity(entities.count)
        for entity in entities where map[entity.id] == nil { map[entity.id] = entity }
        return map
    }
}
