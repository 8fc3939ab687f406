/// Writes a ``Network`` as a STIX 2.1 bundle.
///
///     let bytes = STIXExporter().data(for: network)
///
/// The same network always gives the same bytes: ids are version-5 UUIDs of the
/// relgraph ids in ``STIXMapping/namespace`` (or the STIX ids an import kept in
/// `external_ids.stix`), keys are sorted, and every `created`/`modified` is the
/// newest source date of the network (or ``STIXMapping/epochTimestamp``), never
/// the time of the export.
///
/// Entities become identities (groups, agencies, organizations, publications,
/// people), locations (states with their ISO country code, territories) or
/// incidents (events); relations become relationships, under STIX's name where
/// one exists (`targets`, `located-at`, `related-to`) and under relgraph's own
/// otherwise. Sources become external references. relgraph's fields that STIX
/// has no place for (kinds, partial dates, claims, grades, `within`, custom
/// types, views, style) travel in a property extension defined in the bundle, so
/// ``STIXImporter`` reads the bundle back to the same network.
public struct STIXExporter: Sendable {
    /// Creates an exporter.
    public init() {}

    /// The bundle as sorted-key JSON bytes, ending with a newline.
    public func data(for network: Network) -> [UInt8] {
        Array(bundle(for: network).serialized(JSONValue.Format(sortedKeys: true, indent: 2)).utf8)
    }

    /// The bundle as a JSON value. The network should be valid (as loaded without
    /// errors); relations whose ends are not entities are left out.
    public func bundle(for network: Network) -> JSONValue {
        var objects: [JSONValue] = [relgraphIdentity, extensionDefinition]
        let timestamp = network.sources.values.compactMap(\.date).max().map { "\($0.firstDay)T00:00:00.000Z" } ?? STIXMapping.epochTimestamp
        var used = Set<String>([STIXMapping.relgraphIdentityID, STIXMapping.extensionID])
        let byID = network.entitiesByID

        // Ids first: relations refer to entities.
        var stixIDs: [String: String] = [:]
        for entity in network.entities where stixIDs[entity.id] == nil {
            var id: String
            if let kept = entity.externalIDs["stix"], let type = Self.type(ofSTIXID: kept), STIXMapping.keptTypes(for: entity.kind).contains(type),
               !used.contains(kept) {
                id = kept
            } else {
                id = STIXMapping.id(STIXMapping.exportType(of: entity.kind), "entity:\(entity.id)")
                var n = 2
                while used.contains(id) { id = STIXMapping.id(STIXMapping.exportType(of: entity.kind), "entity:\(entity.id)#\(n)"); n += 1 }
            }
            used.insert(id)
            stixIDs[entity.id] = id
        }

        var entityObjects: [JSONValue] = []
        var seenEntities = Set<String>()
        for entity in network.entities where seenEntities.insert(entity.id).inserted {
            entityObjects.append(object(for: entity, id: stixIDs[entity.id]!, network: network, byID: byID, timestamp: timestamp))
        }
        var relationObjects: [JSONValue] = []
        var opinionObjects: [JSONValue] = []
        for relation in network.relations {
            guard let from = stixIDs[relation.from], let to = stixIDs[relation.to] else { continue }
            var id: String
            if let kept = relation.externalIDs["stix"], Self.type(ofSTIXID: kept) == "relationship", !used.contains(kept) {
                id = kept
            } else {
                id = STIXMapping.id("relationship", "relation:\(relation.key)")
                var n = 2
                while used.contains(id) { id = STIXMapping.id("relationship", "relation:\(relation.key)#\(n)"); n += 1 }
            }
            used.insert(id)
            relationObjects.append(object(for: relation, id: id, from: from, to: to, network: network, timestamp: timestamp))
            opinionObjects += self.opinionObjects(for: relation, relationshipID: id, network: network, stixIDs: stixIDs, timestamp: timestamp)
        }

        // The network itself: a report of everything, carrying what is not per item.
        let reportID = STIXMapping.id("report", "network:\(network.title ?? "")")
        var report = common("report", reportID, timestamp)
        report.set("name", .string(network.title ?? "relgraph network"))
        report.set("description", network.description)
        report.set("published", .string(timestamp))
        let refs = (entityObjects + relationObjects).compactMap { $0["id"] }
        report.set("object_refs", .array(refs.isEmpty ? [.string(STIXMapping.relgraphIdentityID)] : refs))
        let references = NetworkDocument.sorted(network.sources).map { externalReference(for: $0.1) }
        if !references.isEmpty { report.set("external_references", .array(references)) }
        var networkFields = JSONObjectBuilder()
        if case .object(let members) = NetworkDocument.tree(of: network) {
            for (key, value) in members where key != "entities" && key != "relations" { networkFields.set(key, value) }
        }
        report.set("extensions", extensions("network", networkFields.value))
        objects.append(report.value)
        objects += entityObjects
        objects += relationObjects
        objects += opinionObjects

        return .object([
            ("type", "bundle"),
            ("id", .string(STIXMapping.id("bundle", "bundle:\(network.title ?? "")"))),
            ("objects", .array(objects)),
        ])
    }

    /// The type part of a STIX id whose UUID part is well formed.
    static func type(ofSTIXID id: String) -> String? {
        guard let range = id.range(of: "--") else { return nil }
        let uuid = String(id[range.upperBound...])
        guard UUIDv5.bytes(of: uuid) != nil, uuid == uuid.lowercased() else { return nil }
        return String(id[..<range.lowerBound])
    }

    // MARK: Parts

    func common(_ type: String, _ id: String, _ timestamp: String) -> JSONObjectBuilder {
        var o = JSONObjectBuilder()
        o.set("type", .string(type))
        o.set("spec_version", "2.1")
        o.set("id", .string(id))
        o.set("created", .string(timestamp))
        o.set("modified", .string(timestamp))
        return o
    }

    func extensions(_ key: String, _ value: JSONValue) -> JSONValue {
        .object([(STIXMapping.extensionID, .object([("extension_type", "property-extension"), (key, value)]))])
    }

    private var relgraphIdentity: JSONValue {
        var o = common("identity", STIXMapping.relgraphIdentityID, STIXMapping.definitionTimestamp)
        o.set("name", "relgraph")
        o.set("identity_class", "system")
        o.set("description", "relgraph, the tool that turns relationship networks into diagrams; it defines the extension that carries its own fields.")
        return o.value
    }

    private var extensionDefinition: JSONValue {
        var o = common("extension-definition", STIXMapping.extensionID, STIXMapping.definitionTimestamp)
        o.set("created_by_ref", .string(STIXMapping.relgraphIdentityID))
        o.set("name", "relgraph network fields")
        o.set("description", "relgraph's fields that STIX has no property for: on entities {entity: {id, kind, aliases, since, until, within, tags, url, sources, external_ids}}, on relationships {relation: {type, id, since, until, confidence, grade, claims, tags, sources, external_ids}}, on the network's report {network: {title, description, sources, entity_kinds, relation_types, style, views}}; keys and values as in relgraph's YAML format.")
        o.set("schema", "relgraph docs/interop.md, 'The relgraph extension', and docs/relgraph.schema.json (the same keys and values)")
        o.set("version", "1.0.0")
        o.set("extension_types", ["property-extension"])
        return o.value
    }

    func externalReference(for source: Source) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("source_name", .string(source.id))
        let parts = [source.author, source.title, source.publisher, source.date?.description].compactMap { $0 }
        if !parts.isEmpty { o.set("description", .string(parts.joined(separator: ". ") + ".")) }
        o.set("url", source.url)
        return o.value
    }

    private func references(citing ids: [String], url: String?, network: Network) -> JSONValue? {
        var list: [JSONValue] = []
        var urls = Set<String>()
        for id in ids {
            guard let source = network.sources[id] else { continue }
            list.append(externalReference(for: source))
            if let url = source.url { urls.insert(url) }
        }
        if let url, !urls.contains(url) { list.append(.object([("source_name", "url"), ("url", .string(url))])) }
        return list.isEmpty ? nil : .array(list)
    }

    private func object(for entity: Entity, id: String, network: Network, byID: [String: Entity], timestamp: String) -> JSONValue {
        let type = Self.type(ofSTIXID: id) ?? STIXMapping.exportType(of: entity.kind)
        var o = common(type, id, timestamp)
        o.set("name", .string(entity.name))
        o.set("description", entity.description)
        switch type {
        case "identity":
            o.set("identity_class", .string(STIXMapping.identityClass(of: entity.kind)))
        case "location":
            if let code = countryCode(of: entity, byID: byID) {
                o.set("country", .string(code))
            } else {
                o.set("region", .string(IDPolicy.slug(from: entity.name).map { $0.lowercased() } ?? "unknown"))
            }
        case "intrusion-set", "threat-actor", "campaign", "malware", "tool", "infrastructure":
            o.set("aliases", strings: entity.aliases)
            if type == "malware" { o.set("is_family", .bool(true)) }
            if type != "tool" {
                if let since = entity.since { o.set("first_seen", .string(STIXMapping.startTimestamp(since))) }
                if let until = entity.until { o.set("last_seen", .string(STIXMapping.endTimestamp(until))) }
            }
        default:
            break
        }
        o.set("labels", strings: entity.tags)
        if let refs = references(citing: entity.sources, url: entity.url, network: network) { o.set("external_references", refs) }
        var fields = JSONObjectBuilder()
        if case .object(let members) = NetworkDocument.entity(entity) {
            for (key, value) in members where key != "name" && key != "description" { fields.set(key, value) }
        }
        o.set("extensions", extensions("entity", fields.value))
        return o.value
    }

    /// A state's ISO code by its name or aliases; a territory's is that of the
    /// first state up its `within` chain.
    private func countryCode(of entity: Entity, byID: [String: Entity]) -> String? {
        var current: Entity? = entity
        var seen = Set<String>()
        while let e = current, seen.insert(e.id).inserted {
            if e.kind == .state {
                return ([e.name] + e.aliases).lazy.compactMap(CountryCodes.code(forName:)).first
            }
            current = e.within.flatMap { byID[$0] }
        }
        return nil
    }

    private func object(for relation: Relation, id: String, from: String, to: String, network: Network, timestamp: String) -> JSONValue {
        var o = common("relationship", id, timestamp)
        o.set("relationship_type", .string(STIXMapping.stixRelationshipType(for: relation.type)))
        o.set("source_ref", .string(from))
        o.set("target_ref", .string(to))
        o.set("description", relation.note)
        if let since = relation.since { o.set("start_time", .string(STIXMapping.startTimestamp(since))) }
        if let until = relation.until { o.set("stop_time", .string(STIXMapping.endTimestamp(until))) }
        o.set("confidence", .int(STIXMapping.stixConfidence(relation.confidence)))
        o.set("labels", strings: relation.tags)
        if let refs = references(citing: relation.citedSources, url: nil, network: network) { o.set("external_references", refs) }
        var fields = JSONObjectBuilder()
        if case .object(let members) = NetworkDocument.relation(relation) {
            for (key, value) in members where !["from", "to", "note"].contains(key) { fields.set(key, value) }
        }
        o.set("extensions", extensions("relation", fields.value))
        return o.value
    }
}
