/// Compares two networks as an analyst reads them: entities matched by id,
/// relations by their key (``Relation/key``: the `id`, or `from type to` plus
/// `@since` when dated), sources by id, declared entity kinds, relation types and
/// views by name, and the document's title, description and style.
///
/// Lists whose order means nothing (aliases, tags, sources, kinds) are compared
/// as sets; claims are compared in order (claim 1, claim 2…).
///
/// A relation without an `id` is identified by `from type to @since`, so changing
/// its `since` shows as one relation removed and one added; give the relation an
/// `id` to follow it across such edits.
public enum NetworkDiff {
    /// The differences from `old` to `new`.
    public static func compare(_ old: Network, _ new: Network, oldName: String = "old", newName: String = "new") -> DiffReport {
        DiffReport(
            old: .init(name: oldName, kind: "model"), new: .init(name: newName, kind: "model"), level: .model,
            sections: [
                RecordComparison.section(name: "entities", singular: "entity", old: entities(old), new: entities(new),
                                         order: entityOrder),
                RecordComparison.section(name: "relations", singular: "relation", old: relations(old), new: relations(new),
                                         order: relationOrder(claims: max(maxClaims(old), maxClaims(new)))),
                RecordComparison.section(name: "sources", singular: "source", old: sources(old), new: sources(new),
                                         order: FieldOrder(["title", "author", "publisher", "date", "url", "reliability"])),
                RecordComparison.section(name: "entity kinds", singular: "entity kind", old: kinds(old), new: kinds(new),
                                         order: FieldOrder(["label", "description", "shape", "color"])),
                RecordComparison.section(name: "relation types", singular: "relation type", old: types(old), new: types(new),
                                         order: FieldOrder(["label", "description", "direction", "from", "to", "allow_self"])),
                RecordComparison.section(name: "views", singular: "view", old: views(old), new: views(new),
                                         order: FieldOrder(viewFieldNames)),
                RecordComparison.section(name: "document", singular: "document setting", old: document(old), new: document(new),
                                         order: FieldOrder(["title", "description"])),
            ])
    }

    // MARK: Entities

    static let entityOrder = FieldOrder(["kind", "name", "aliases", "description", "since", "until", "ended", "within", "tags",
                                         "url", "sources", "external_ids"])

    /// Entity records (the first of repeated ids only; validation rejects repeats).
    static func entities(_ network: Network) -> [DiffRecord] {
        var seen = Set<String>()
        return network.entities.filter { seen.insert($0.id).inserted }.map { entity in
            var fields: [String: DiffValue] = [
                "kind": .token(entity.kind.rawValue),
                "name": .text(entity.name),
            ]
            fields["aliases"] = list(entity.aliases)
            fields["description"] = entity.description.map(DiffValue.text)
            fields["since"] = entity.since.map { .token($0.description) }
            fields["until"] = entity.until.map { .token($0.description) }
            fields["ended"] = entity.ended ? .token("true") : nil
            fields["within"] = entity.within.map(DiffValue.token)
            fields["tags"] = list(entity.tags)
            fields["url"] = entity.url.map(DiffValue.text)
            fields["sources"] = list(entity.sources)
            fields["external_ids"] = externalIDs(entity.externalIDs)
            return DiffRecord(key: entity.id, summary: "\(entity.name) (\(entity.kind.rawValue))", fields: fields)
        }
    }

    // MARK: Relations

    static func relationOrder(claims: Int) -> FieldOrder {
        FieldOrder(["id", "from", "type", "to", "since", "until", "ended", "confidence", "stance", "grade"]
            + (0..<claims).map { "claim \($0 + 1)" } + ["note", "tags", "sources", "external_ids"])
    }

    static func maxClaims(_ network: Network) -> Int {
        network.relations.map(\.claims.count).max() ?? 0
    }

    /// Relation records (the first of repeated keys only; validation rejects repeats).
    static func relations(_ network: Network) -> [DiffRecord] {
        let names = network.entitiesByID.mapValues(\.name)
        var seen = Set<String>()
        return network.relations.filter { seen.insert($0.key).inserted }.map { relation in
            var fields: [String: DiffValue] = [
                "from": .token(relation.from),
                "type": .token(relation.type),
                "to": .token(relation.to),
                "confidence": .token(relation.confidence.rawValue),
            ]
            fields["id"] = relation.id.map(DiffValue.token)
            fields["since"] = relation.since.map { .token($0.description) }
            fields["until"] = relation.until.map { .token($0.description) }
            fields["ended"] = relation.ended ? .token("true") : nil
            fields["stance"] = relation.isDenied ? .text("denied by " + relation.denials.map { $0.by ?? $0.source ?? "?" }.joined(separator: ", ")) : nil
            fields["grade"] = relation.grade.map { .token($0.description) }
            for (index, claim) in relation.claims.enumerated() {
                fields["claim \(index + 1)"] = .text(describe(claim))
            }
            fields["note"] = relation.note.map(DiffValue.text)
            fields["tags"] = list(relation.tags)
            fields["sources"] = list(relation.sources)
            fields["external_ids"] = externalIDs(relation.externalIDs)
            let label = network.relationType(named: relation.type)?.label ?? relation.type
            let summary = "\(names[relation.from] ?? relation.from) \(label) \(names[relation.to] ?? relation.to)"
                + " (\(relation.confidence.rawValue))"
            return DiffRecord(key: relation.key, summary: summary, fields: fields)
        }
    }

    /// A claim in one line: `asian-age (by naseem-baloch, 2024-03): “quote”`.
    static func describe(_ claim: Claim) -> String {
        var text = claim.source ?? "no source"
        var details: [String] = []
        if let by = claim.by { details.append("by \(by)") }
        if let date = claim.date { details.append(date.description) }
        if claim.stance == .denies { details.append("denies") }
        if let credibility = claim.credibility { details.append("credibility \(credibility)") }
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        if let quote = claim.quote { text += ": “\(quote)”" }
        return text
    }

    // MARK: Sources, types, views, document

    static func sources(_ network: Network) -> [DiffRecord] {
        network.sources.values.map { source in
            var fields: [String: DiffValue] = [:]
            fields["title"] = source.title.map(DiffValue.text)
            fields["author"] = source.author.map(DiffValue.text)
            fields["publisher"] = source.publisher.map(DiffValue.text)
            fields["date"] = source.date.map { .token($0.description) }
            fields["url"] = source.url.map(DiffValue.text)
            fields["reliability"] = source.reliability.map(DiffValue.token)
            return DiffRecord(key: source.id, summary: source.citation, fields: fields)
        }
    }

    /// Entity kinds the document declares (built-in kinds never differ).
    static func kinds(_ network: Network) -> [DiffRecord] {
        network.entityKinds.values.map { declared in
            var fields: [String: DiffValue] = [
                "label": .text(declared.label),
                "description": .text(declared.description),
            ]
            if let shape = declared.shape { fields["shape"] = .token(shape) }
            if let color = declared.color { fields["color"] = .token(color) }
            return DiffRecord(key: declared.kind.rawValue, summary: "“\(declared.label)”", fields: fields)
        }
    }

    /// Relation types the document declares (built-in types never differ).
    static func types(_ network: Network) -> [DiffRecord] {
        network.relationTypes.values.map { type in
            let fields: [String: DiffValue] = [
                "label": .text(type.label),
                "description": .text(type.description),
                "direction": .token(type.symmetric ? "symmetric" : "directed"),
                "from": .list(type.fromKinds.isAny ? ["any"] : type.fromKinds.sorted.map(\.rawValue)),
                "to": .list(type.toKinds.isAny ? ["any"] : type.toKinds.sorted.map(\.rawValue)),
                "allow_self": .token(type.allowsSelf ? "true" : "false"),
            ]
            return DiffRecord(key: type.name, summary: "“\(type.label)”", fields: fields)
        }
    }

    static let viewFieldNames = ["title", "description", "focus", "depth", "direction", "as_of", "between", "kinds",
                                 "exclude_kinds", "types", "exclude_types", "tags", "exclude_tags", "min_confidence", "cluster",
                                 "known_as_of", "dated_only", "page"]

    static func views(_ network: Network) -> [DiffRecord] {
        network.views.map { name, view in
            var fields: [String: DiffValue] = [:]
            fields["title"] = view.title.map(DiffValue.text)
            fields["description"] = view.description.map(DiffValue.text)
            fields["focus"] = list(view.focus)
            fields["depth"] = view.depth.map { .token(String($0)) }
            fields["direction"] = view.direction.map { .token($0.rawValue) }
            fields["as_of"] = view.asOf.map { .token($0.description) }
            fields["between"] = view.between.map { .token("\($0.from),\($0.to)") }
            fields["kinds"] = list(view.kinds.map(\.rawValue))
            fields["exclude_kinds"] = list(view.excludeKinds.map(\.rawValue))
            fields["types"] = list(view.types)
            fields["exclude_types"] = list(view.excludeTypes)
            fields["tags"] = list(view.tags)
            fields["exclude_tags"] = list(view.excludeTags)
            fields["min_confidence"] = view.minConfidence.map { .token($0.rawValue) }
            fields["cluster"] = view.cluster.map { .token($0.rawValue) }
            fields["known_as_of"] = view.knownAsOf.map { .token($0.description) }
            fields["dated_only"] = view.datedOnly.map { .token($0 ? "true" : "false") }
            fields["page"] = view.page.map { .token($0.name) }
            return DiffRecord(key: name, summary: view.title.map { "“\($0)”" } ?? name, fields: fields)
        }
    }

    /// The document's title, description and `style:` section, as one record
    /// (style fields are named by their path: `style.kinds.group.color`).
    static func document(_ network: Network) -> [DiffRecord] {
        var fields: [String: DiffValue] = [:]
        fields["title"] = network.title.map(DiffValue.text)
        fields["description"] = network.description.map(DiffValue.text)
        let style = network.style
        fields["style.direction"] = style.direction.map(DiffValue.token)
        fields["style.font"] = style.font.map(DiffValue.text)
        func add(_ rule: StyleRule, at path: String) {
            fields["\(path).color"] = rule.color.map(DiffValue.token)
            fields["\(path).fill"] = rule.fill.map(DiffValue.token)
            fields["\(path).shape"] = rule.shape.map(DiffValue.token)
            fields["\(path).line"] = rule.line.map { .token($0.rawValue) }
            fields["\(path).font"] = rule.font.map(DiffValue.text)
            fields["\(path).font_color"] = rule.fontColor.map(DiffValue.token)
            fields["\(path).width"] = rule.width.map { .token(String($0)) }
            fields["\(path).arrow"] = rule.arrow.map(DiffValue.token)
        }
        for (kind, rule) in style.kinds { add(rule, at: "style.kinds.\(kind.rawValue)") }
        for (type, rule) in style.types { add(rule, at: "style.types.\(type)") }
        for (tag, rule) in style.tags { add(rule, at: "style.tags.\(tag)") }
        return [DiffRecord(key: "document", summary: network.title.map { "“\($0)”" } ?? "the document", fields: fields)]
    }

    // MARK: Values

    /// A list compared as a set: sorted in byte order; `nil` when empty.
    static func list(_ values: [String]) -> DiffValue? {
        values.isEmpty ? nil : .list(ByteOrder.sorted(Set(values)))
    }

    static func externalIDs(_ ids: [String: String]) -> DiffValue? {
        list(ids.map { "\($0.key): \($0.value)" })
    }
}
