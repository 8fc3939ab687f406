/// Checks what decoding cannot: references between items, endpoint kinds,
/// duplicates, date order, `within` cycles; and warns about unsupported
/// relations and isolated entities.
struct NetworkValidator {
    let network: Network
    let map: SourceMap
    let context: DecodingContext

    func validate() {
        let entityIDs = checkEntities()
        checkWithin(entityIDs)
        checkRelations(entityIDs)
        checkIsolated()
        checkSources()
        checkViews(entityIDs)
        checkStyle()
    }

    private var entityIDList: [String] { network.entities.map(\.id) }

    private func unknownEntity(_ id: String, role: String, at location: SourceLocation, candidates: [String]) {
        // An entity that was declared but rejected has had its own error already.
        if map.rejectedEntityIDs.contains(id) { return }
        var hint = Suggestions.didYouMean(id, in: candidates) ?? ""
        if hint.isEmpty { hint = "add an entity with `id: \(id)`, or fix the reference" }
        context.error(.unknownEntity, "\(role) '\(id)' is not an entity of this network", at: location, hint: hint)
    }

    private func unknownSource(_ id: String, at location: SourceLocation) {
        var hint = Suggestions.didYouMean(id, in: network.sources.keys) ?? ""
        if hint.isEmpty { hint = "add it under `sources:` (title, author, publisher, date, url)" }
        context.error(.unknownSource, "source '\(id)' is not defined under 'sources'", at: location, hint: hint)
    }

    private func checkDates(since: PartialDate?, until: PartialDate?, what: @autoclosure () -> String, at location: SourceLocation) {
        if let since, let until, since.firstDayNumber > until.lastDayNumber {
            context.error(.dateOrder, "\(what()) has since \(since) after until \(until)", at: location,
                          hint: "swap them, or fix the year")
        }
    }

    // MARK: Entities

    /// Reports duplicate ids and bad references; returns the set of entity ids.
    private func checkEntities() -> Set<String> {
        var first: [String: SourceLocation] = [:]
        for (entity, locations) in zip(network.entities, map.entities) {
            if let previous = first[entity.id] {
                context.error(.duplicateEntity, "duplicate entity id '\(entity.id)'", at: locations["id"],
                              hint: "the first '\(entity.id)' is at line \(previous.line), column \(previous.column); ids must be unique")
            } else {
                first[entity.id] = locations["id"]
            }
            checkDates(since: entity.since, until: entity.until, what: "entity '\(entity.id)'", at: locations["until"])
            for source in entity.sources where network.sources[source] == nil {
                unknownSource(source, at: locations["sources"])
            }
        }
        return Set(first.keys)
    }

    private static let containers: [EntityKind: Set<EntityKind>] = [
        .territory: [.territory, .state],
        .agency: [.state, .agency],
        .organization: [.organization, .state, .territory],
        .group: [.group],
    ]

    private func checkWithin(_ ids: Set<String>) {
        let byID = network.entitiesByID
        for (entity, locations) in zip(network.entities, map.entities) {
            guard let parentID = entity.within else { continue }
            guard let parent = byID[parentID] else {
                unknownEntity(parentID, role: "within", at: locations["within"], candidates: entityIDList)
                continue
            }
            if parentID == entity.id {
                context.error(.withinCycle, "entity '\(entity.id)' is within itself", at: locations["within"])
                continue
            }
            let allowed = Self.containers[entity.kind] ?? []
            if !allowed.contains(parent.kind) {
                let hint = allowed.isEmpty
                    ? "\(entity.kind.rawValue) entities are not contained; use a relation such as based-in or operates-in"
                    : "a \(entity.kind.rawValue) can be within: \(allowed.sorted().map(\.rawValue).joined(separator: ", "))"
                context.error(.withinKind, "\(entity.kind.rawValue) '\(entity.id)' cannot be within \(parent.kind.rawValue) '\(parentID)'",
                              at: locations["within"], hint: hint)
            }
        }
        // Cycles: follow `within` from every entity; report each cycle once, at its first entity in the file.
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        let order = Dictionary(network.entities.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for entity in network.entities where state[entity.id] == nil {
            var path: [String] = []
            var current: String? = entity.id
            while let id = current, state[id] == nil, byID[id] != nil {
                state[id] = 1
                path.append(id)
                current = byID[id]?.within
                if current == id { current = nil }
            }
            if let id = current, state[id] == 1, let start = path.firstIndex(of: id) {
                let cycle = Array(path[start...])
                let firstInFile = cycle.min { order[$0]! < order[$1]! }!
                let rotated = Array(cycle[cycle.firstIndex(of: firstInFile)!...] + cycle[..<cycle.firstIndex(of: firstInFile)!])
                let description = (rotated + [firstInFile]).joined(separator: " → ")
                context.error(.withinCycle, "'within' forms a cycle: \(description)", at: map.entities[order[firstInFile]!]["within"],
                              hint: "containment must be a tree; remove one of these 'within' links")
            }
            for id in path { state[id] = 2 }
        }
    }

    // MARK: Relations

    private func checkRelations(_ ids: Set<String>) {
        let byID = network.entitiesByID
        var seenKeys: [String: SourceLocation] = [:]
        var seenIDs: [String: SourceLocation] = [:]
        let knownTypes = Array(RelationType.builtInByName.keys) + Array(network.relationTypes.keys)
        for (relation, locations) in zip(network.relations, map.relations) {
            func label() -> String { "relation \(relation.from) \(relation.type) \(relation.to)" }
            let from = byID[relation.from]
            let to = byID[relation.to]
            if from == nil { unknownEntity(relation.from, role: "from", at: locations["from"], candidates: entityIDList) }
            if to == nil { unknownEntity(relation.to, role: "to", at: locations["to"], candidates: entityIDList) }
            let type = network.relationType(named: relation.type)
            if type == nil {
                var hint = Suggestions.didYouMean(relation.type, in: knownTypes) ?? ""
                hint += (hint.isEmpty ? "" : " ") + "Use a built-in type (see `relgraph types`) or declare it under `relation_types:`"
                context.error(.unknownRelationType, "unknown relation type '\(relation.type)'", at: locations["type"], hint: hint)
            }
            if let type, let from, let to {
                checkKinds(relation, type: type, from: from, to: to, locations: locations)
            }
            if relation.from == relation.to, let type, !type.allowsSelf {
                context.error(.selfRelation, "'\(relation.from)' \(relation.type) itself", at: locations["to"],
                              hint: "a '\(relation.type)' relation needs two different entities")
            }
            checkDates(since: relation.since, until: relation.until, what: label(), at: locations["until"])
            for source in relation.sources where network.sources[source] == nil {
                unknownSource(source, at: locations["sources"])
            }
            for (i, claim) in relation.claims.enumerated() {
                if let source = claim.source, network.sources[source] == nil {
                    unknownSource(source, at: locations["claims[\(i)].source"])
                }
                if let by = claim.by, byID[by] == nil {
                    unknownEntity(by, role: "claimant (by)", at: locations["claims[\(i)].by"], candidates: entityIDList)
                }
            }
            // Duplicates: explicit ids must be unique; relations without an id must differ in from/type/to/since.
            if let id = relation.id {
                if let previous = seenIDs[id] {
                    context.error(.duplicateRelation, "duplicate relation id '\(id)'", at: locations["id"],
                                  hint: "the first is at line \(previous.line); relation ids must be unique")
                } else {
                    seenIDs[id] = locations["id"]
                }
            } else {
                var ends = [relation.from, relation.to]
                if type?.symmetric == true { ends.sort() }
                let key = "\(ends[0])\u{1}\(relation.type)\u{1}\(ends[1])\u{1}\(relation.since?.description ?? "")"
                if let previous = seenKeys[key] {
                    context.error(.duplicateRelation, "duplicate relation: \(label())\(relation.since.map { " since \($0)" } ?? "") is already at line \(previous.line)",
                                  at: locations.start,
                                  hint: "merge the two (combine their claims), or give each a distinct `id:` if they are different relations")
                } else {
                    seenKeys[key] = locations.start
                }
            }
            if relation.confidence == .confirmed, let i = relation.claims.firstIndex(where: { $0.stance == .denies }) {
                context.warning(.deniedConfirmed, "\(label()) is 'confirmed' but claim \(i + 1) denies it", at: locations["confidence"],
                                hint: "a relation one side denies is usually 'disputed' or 'alleged'; keep 'confirmed' only if the denial is refuted")
            }
            if relation.claims.isEmpty && relation.sources.isEmpty {
                context.warning(.unsupportedRelation, "\(label()) has no claim and no source", at: locations.start,
                                hint: "add `claims: [{source: SOURCE-ID, quote: \"...\"}]` so readers can see who says so")
            }
        }
    }

    private func checkKinds(_ relation: Relation, type: RelationType, from: Entity, to: Entity, locations: ItemLocations) {
        let forward = type.fromKinds.contains(from.kind) && type.toKinds.contains(to.kind)
        let backward = type.symmetric && type.fromKinds.contains(to.kind) && type.toKinds.contains(from.kind)
        if forward || backward { return }
        if !type.fromKinds.contains(from.kind) {
            context.error(.kindNotAllowed, "'\(type.name)' cannot start at \(from.kind.rawValue) '\(from.id)'", at: locations["from"],
                          hint: "'\(type.name)' goes from: \(type.fromKinds.names(separator: ", "))")
        }
        if !type.toKinds.contains(to.kind) {
            context.error(.kindNotAllowed, "'\(type.name)' cannot end at \(to.kind.rawValue) '\(to.id)'", at: locations["to"],
                          hint: "'\(type.name)' goes to: \(type.toKinds.names(separator: ", "))")
        }
    }

    // MARK: Warnings

    private func checkIsolated() {
        var connected = Set<String>()
        for relation in network.relations {
            connected.insert(relation.from)
            connected.insert(relation.to)
        }
        for entity in network.entities {
            if let within = entity.within {
                connected.insert(entity.id)
                connected.insert(within)
            }
        }
        for (entity, locations) in zip(network.entities, map.entities) where !connected.contains(entity.id) {
            context.warning(.isolatedEntity, "entity '\(entity.id)' takes part in no relation", at: locations.start,
                            hint: "add a relation for it, or remove it")
        }
    }

    private func checkSources() {
        var cited = Set<String>()
        for entity in network.entities { cited.formUnion(entity.sources) }
        for relation in network.relations { cited.formUnion(relation.citedSources) }
        for id in network.sources.keys.sorted() where !cited.contains(id) {
            context.warning(.unusedSource, "source '\(id)' is cited by nothing", at: map.sources[id]?.start,
                            hint: "cite it in a claim or an entity's `sources`, or remove it")
        }
    }

    private func checkViews(_ ids: Set<String>) {
        let knownTypes = Set(RelationType.builtInByName.keys).union(network.relationTypes.keys)
        for name in network.views.keys.sorted() {
            guard let view = network.views[name], let locations = map.views[name] else { continue }
            for (i, id) in view.focus.enumerated() where !ids.contains(id) {
                unknownEntity(id, role: "focus of view '\(name)'", at: locations.location(of: "focus[\(i)]") ?? locations["focus"],
                              candidates: entityIDList)
            }
            for type in view.types + view.excludeTypes where !knownTypes.contains(type) {
                context.error(.unknownRelationType, "view '\(name)' names unknown relation type '\(type)'",
                              at: locations[view.types.contains(type) ? "types" : "exclude_types"],
                              hint: Suggestions.didYouMean(type, in: knownTypes))
            }
        }
    }

    private func checkStyle() {
        let knownTypes = Set(RelationType.builtInByName.keys).union(network.relationTypes.keys)
        for type in network.style.types.keys.sorted() where !knownTypes.contains(type) {
            context.warning(.unknownRelationType, "style for unknown relation type '\(type)'",
                            at: map.styleRules["types.\(type)"]?.start, hint: Suggestions.didYouMean(type, in: knownTypes))
        }
    }
}
