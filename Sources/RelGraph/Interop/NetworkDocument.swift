/// The input format's tree for a ``Network``: the same keys, in the same order, as
/// a hand-written relgraph file (title, description, sources, entity_kinds,
/// relation_types, entities, relations, style, views), with every value the decoder reads back
/// to an equal network.
///
/// Writers build on this tree: ``NetworkYAMLWriter`` turns it into YAML, the STIX
/// exporter embeds parts of it in its extension. Maps keyed by id (sources, types,
/// views, style rules) are sorted by the ids' UTF-8 bytes; entities and relations
/// keep document order. Defaults are left out (`confidence: reported`, a type's
/// default label).
enum NetworkDocument {
    /// The description the decoder gives a declared type that has none.
    static let defaultTypeDescription = "declared by the document"

    /// The whole document.
    static func tree(of network: Network) -> JSONValue {
        var top = JSONObjectBuilder()
        top.set("title", network.title)
        top.set("description", network.description)
        if !network.sources.isEmpty { top.set("sources", sources(network.sources)) }
        if !network.entityKinds.isEmpty { top.set("entity_kinds", entityKinds(network.entityKinds)) }
        if !network.relationTypes.isEmpty { top.set("relation_types", relationTypes(network.relationTypes)) }
        top.set("entities", .array(network.entities.map(entity)))
        if !network.relations.isEmpty { top.set("relations", .array(network.relations.map(relation))) }
        if !network.style.isEmpty { top.set("style", style(network.style)) }
        if !network.views.isEmpty { top.set("views", views(network.views)) }
        return top.value
    }

    static func sorted<T>(_ map: [String: T]) -> [(String, T)] {
        map.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }

    static func sources(_ sources: [String: Source]) -> JSONValue {
        .object(sorted(sources).map { ($0.0, source($0.1)) })
    }

    static func source(_ s: Source) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("title", s.title)
        o.set("author", s.author)
        o.set("publisher", s.publisher)
        o.set("date", s.date?.description)
        o.set("url", s.url)
        o.set("reliability", s.reliability)
        return o.value
    }

    static func entityKinds(_ kinds: [EntityKind: DeclaredKind]) -> JSONValue {
        .object(kinds.values.sorted { $0.kind < $1.kind }.map { ($0.kind.rawValue, entityKind($0)) })
    }

    static func entityKind(_ k: DeclaredKind) -> JSONValue {
        var o = JSONObjectBuilder()
        if k.label != DeclaredKind.defaultLabel(of: k.kind) { o.set("label", .string(k.label)) }
        if k.description != DeclaredKind.defaultDescription { o.set("description", .string(k.description)) }
        o.set("shape", k.shape)
        o.set("color", k.color)
        return o.value
    }

    static func relationTypes(_ types: [String: RelationType]) -> JSONValue {
        .object(sorted(types).map { ($0.0, relationType($0.1)) })
    }

    static func relationType(_ t: RelationType) -> JSONValue {
        var o = JSONObjectBuilder()
        if t.label != t.name.replacingOccurrences(of: "-", with: " ") { o.set("label", .string(t.label)) }
        if t.description != defaultTypeDescription { o.set("description", .string(t.description)) }
        o.set("direction", .string(t.symmetric ? "symmetric" : "directed"))
        if !t.fromKinds.isAny { o.set("from", kinds(t.fromKinds.sorted)) }
        if !t.toKinds.isAny { o.set("to", kinds(t.toKinds.sorted)) }
        if t.allowsSelf { o.set("allow_self", .bool(true)) }
        if let family = t.family, !t.isBuiltIn { o.set("family", .string(family.rawValue)) }
        return o.value
    }

    static func kinds(_ kinds: some Sequence<EntityKind>) -> JSONValue {
        .array(Set(kinds).sorted().map { .string($0.rawValue) })
    }

    static func externalIDs(_ ids: [String: String]) -> JSONValue {
        .object(sorted(ids).map { ($0.0, .string($0.1)) })
    }

    static func entity(_ e: Entity) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", .string(e.id))
        o.set("kind", .string(e.kind.rawValue))
        o.set("name", .string(e.name))
        o.set("aliases", strings: e.aliases)
        o.set("description", e.description)
        o.set("since", e.since?.description)
        o.set("until", e.until?.description)
        if e.ended && e.until == nil { o.set("ended", .bool(true)) }
        o.set("within", e.within)
        o.set("tags", strings: e.tags)
        o.set("url", e.url)
        o.set("sources", strings: e.sources)
        if !e.externalIDs.isEmpty { o.set("external_ids", externalIDs(e.externalIDs)) }
        return o.value
    }

    static func relation(_ r: Relation) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("from", .string(r.from))
        o.set("type", .string(r.type))
        o.set("to", .string(r.to))
        o.set("id", r.id)
        o.set("since", r.since?.description)
        o.set("until", r.until?.description)
        if r.ended && r.until == nil { o.set("ended", .bool(true)) }
        if r.confidence != .default { o.set("confidence", .string(r.confidence.rawValue)) }
        o.set("grade", r.grade?.description)
        if !r.claims.isEmpty { o.set("claims", .array(r.claims.map(claim))) }
        o.set("note", r.note)
        o.set("tags", strings: r.tags)
        o.set("sources", strings: r.sources)
        if !r.externalIDs.isEmpty { o.set("external_ids", externalIDs(r.externalIDs)) }
        return o.value
    }

    static func claim(_ c: Claim) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("source", c.source)
        o.set("by", c.by)
        o.set("quote", c.quote)
        o.set("date", c.date?.description)
        if c.stance != .default { o.set("stance", .string(c.stance.rawValue)) }
        if let credibility = c.credibility { o.set("credibility", .int(credibility)) }
        return o.value
    }

    static func style(_ s: StyleSheet) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("direction", s.direction)
        o.set("font", s.font)
        if !s.kinds.isEmpty {
            o.set("kinds", .object(s.kinds.keys.sorted().map { ($0.rawValue, styleRule(s.kinds[$0]!)) }))
        }
        if !s.types.isEmpty { o.set("types", .object(sorted(s.types).map { ($0.0, styleRule($0.1)) })) }
        if !s.tags.isEmpty { o.set("tags", .object(sorted(s.tags).map { ($0.0, styleRule($0.1)) })) }
        return o.value
    }

    static func styleRule(_ r: StyleRule) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("color", r.color)
        o.set("fill", r.fill)
        o.set("shape", r.shape)
        o.set("line", r.line?.rawValue)
        o.set("font", r.font)
        o.set("font_color", r.fontColor)
        if let width = r.width { o.set("width", .double(width)) }
        o.set("arrow", r.arrow)
        return o.value
    }

    static func views(_ views: [String: ViewDefinition]) -> JSONValue {
        .object(sorted(views).map { ($0.0, view($0.1)) })
    }

    static func view(_ v: ViewDefinition) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("title", v.title)
        o.set("description", v.description)
        o.set("focus", strings: v.focus)
        if let depth = v.depth { o.set("depth", .int(depth)) }
        o.set("direction", v.direction?.rawValue)
        o.set("as_of", v.asOf?.description)
        if let between = v.between { o.set("between", .array([.string(between.from.description), .string(between.to.description)])) }
        o.set("kinds", strings: v.kinds.map(\.rawValue))
        o.set("exclude_kinds", strings: v.excludeKinds.map(\.rawValue))
        o.set("types", strings: v.types)
        o.set("exclude_types", strings: v.excludeTypes)
        o.set("tags", strings: v.tags)
        o.set("exclude_tags", strings: v.excludeTags)
        o.set("min_confidence", v.minConfidence?.rawValue)
        o.set("cluster", v.cluster?.rawValue)
        o.set("known_as_of", v.knownAsOf?.description)
        if let datedOnly = v.datedOnly { o.set("dated_only", .bool(datedOnly)) }
        o.set("page", v.page?.name)
        return o.value
    }
}
