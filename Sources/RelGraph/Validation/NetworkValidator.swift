/// Checks what decoding cannot: references between items, endpoint kinds,
/// duplicates, date order, `within` cycles; and warns about unsupported
/// relations and isolated entities.
struct NetworkValidator {
    let network: Network
    let map: SourceMap
    let context: DecodingContext

    func validate() {
        let entities = checkEntities()
        checkWithin(entities)
        let connected = checkRelations(entities)
        checkIsolated(entities, connected: connected)
        checkSources()
        checkViews(entities)
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

    private func checkDates(since: PartialDate?, until: PartialDate?, what: @autoclosure () -> String,
                            at location: @autoclosure () -> SourceLocation) {
        if let since, let until, since.firstDayNumber > until.lastDayNumber {
            context.error(.dateOrder, "\(what()) has since \(since) after until \(until)", at: location(),
                          hint: "swap them, or fix the year")
        }
    }

    // MARK: Entities

    /// The entities by id, as positions in ``Network/entities``: every later check
    /// looks entities up here, and reads what it needs (a kind, a parent) from the
    /// array, instead of copying whole entities out of a dictionary.
    struct EntityIndex {
        /// The position of the first entity with each id.
        var first: [String: Int] = [:]
        /// For each entity, the position of the first entity with its id (itself
        /// unless its id repeats an earlier one).
        var canonical: [Int] = []

        /// The position of the (first) entity with `id`, if there is one.
        subscript(id: String) -> Int? { first[id] }
    }

    /// Reports duplicate ids and bad references; returns the entities by id.
    private func checkEntities() -> EntityIndex {
        var index = EntityIndex()
        index.first.reserveCapacity(network.entities.count)
        index.canonical.reserveCapacity(network.entities.count)
        for (position, (entity, locations)) in zip(network.entities, map.entities).enumerated() {
            if let previous = index.first[entity.id] {
                let first = map.entities[previous]["id"]
                context.error(.duplicateEntity, "duplicate entity id '\(entity.id)'", at: locations["id"],
                              hint: "the first '\(entity.id)' is at line \(first.line), column \(first.column); ids must be unique")
                index.canonical.append(previous)
            } else {
                index.first[entity.id] = position
                index.canonical.append(position)
            }
            checkDates(since: entity.since, until: entity.until, what: "entity '\(entity.id)'", at: locations["until"])
            for source in entity.sources where network.sources.index(forKey: source) == nil {
                unknownSource(source, at: locations["sources"])
            }
        }
        return index
    }

    private static let containers: [EntityKind: Set<EntityKind>] = [
        .territory: [.territory, .state],
        .agency: [.state, .agency],
        .organization: [.organization, .state, .territory],
        .group: [.group],
    ]

    private func checkWithin(_ index: EntityIndex) {
        let entities = network.entities
        // The position of each entity's parent (`nil` without `within`, or when
        // the parent is unknown).
        var parents = [Int?](repeating: nil, count: entities.count)
        for (position, locations) in map.entities.enumerated() {
            guard let parentID = entities[position].within else { continue }
            guard let parent = index[parentID] else {
                unknownEntity(parentID, role: "within", at: locations["within"], candidates: entityIDList)
                continue
            }
            parents[position] = parent
            let entity = entities[position]
            if parentID == entity.id {
                context.error(.withinCycle, "entity '\(entity.id)' is within itself", at: locations["within"])
                continue
            }
            let parentKind = entities[parent].kind
            let allowed = Self.containers[entity.kind] ?? []
            if !allowed.contains(parentKind) {
                let hint = allowed.isEmpty
                    ? "\(entity.kind.rawValue) entities are not contained; use a relation such as based-in or operates-in"
                    : "a \(entity.kind.rawValue) can be within: \(allowed.sorted().map(\.rawValue).joined(separator: ", "))"
                context.error(.withinKind, "\(entity.kind.rawValue) '\(entity.id)' cannot be within \(parentKind.rawValue) '\(parentID)'",
                              at: locations["within"], hint: hint)
            }
        }
        // Cycles: follow `within` from every entity; report each cycle once, at its
        // first entity in the file. Entities are followed by their first position,
        // so a repeated id is one entity here, as it is for references.
        var state = [UInt8](repeating: 0, count: entities.count)  // 1 visiting, 2 done
        for start in index.canonical where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let position = current, state[position] == 0 {
                state[position] = 1
                path.append(position)
                current = parents[position]
                if current == position { current = nil }
            }
            if let position = current, state[position] == 1, let cycleStart = path.firstIndex(of: position) {
                let cycle = path[cycleStart...]
                let firstInFile = cycle.min()!
                let at = cycle.firstIndex(of: firstInFile)!
                let rotated = Array(cycle[at...] + cycle[..<at])
                let description = (rotated + [firstInFile]).map { entities[$0].id }.joined(separator: " → ")
                context.error(.withinCycle, "'within' forms a cycle: \(description)", at: map.entities[firstInFile]["within"],
                              hint: "containment must be a tree; remove one of these 'within' links")
            }
            for position in path { state[position] = 2 }
        }
    }

    // MARK: Relations

    /// What tells two relations without an id apart: their ends (in a canonical
    /// order for symmetric types), type and start date. Ends and type are
    /// positions in the entity and type tables when all three are known, so the
    /// common case hashes four numbers rather than three strings.
    private enum RelationKey: Hashable {
        case resolved(Int, Int, Int, PartialDate?)
        case written(String, String, String, PartialDate?)
    }

    /// Checks every relation; returns, for each entity position, whether a
    /// relation starts or ends at it.
    private func checkRelations(_ index: EntityIndex) -> [Bool] {
        let entities = network.entities
        var connected = [Bool](repeating: false, count: entities.count)
        var seenKeys: [RelationKey: SourceLocation] = [:]
        seenKeys.reserveCapacity(network.relations.count)
        var seenIDs: [String: SourceLocation] = [:]
        // Every type a relation may name, declared ones first (as in
        // ``Network/relationType(named:)``), looked up by position.
        var types: [RelationType] = []
        var typeIndex: [String: Int] = [:]
        for (name, type) in network.relationTypes {
            typeIndex[name] = types.count
            types.append(type)
        }
        for type in RelationType.builtIn where typeIndex[type.name] == nil {
            typeIndex[type.name] = types.count
            types.append(type)
        }
        let knownTypes = Array(RelationType.builtInByName.keys) + Array(network.relationTypes.keys)
        // Whether a type may join the kinds at both ends is worked out once per
        // type and pair of kinds (numbered as first met), not per relation.
        var kindNumbers: [EntityKind: Int] = [:]
        let entityKindNumbers = entities.map { entity in
            if let number = kindNumbers[entity.kind] { return number }
            kindNumbers[entity.kind] = kindNumbers.count
            return kindNumbers.count - 1
        }
        var fitsByCombination: [Int: Bool] = [:]
        for (relation, locations) in zip(network.relations, map.relations) {
            func label() -> String { "relation \(relation.from) \(relation.type) \(relation.to)" }
            let from = index[relation.from]
            let to = index[relation.to]
            if let from { connected[from] = true }
            if let to { connected[to] = true }
            if from == nil { unknownEntity(relation.from, role: "from", at: locations["from"], candidates: entityIDList) }
            if to == nil { unknownEntity(relation.to, role: "to", at: locations["to"], candidates: entityIDList) }
            let typePosition = typeIndex[relation.type]
            if typePosition == nil {
                var hint = Suggestions.didYouMean(relation.type, in: knownTypes) ?? ""
                hint += (hint.isEmpty ? "" : " ") + "Use a built-in type (see `relgraph types`) or declare it under `relation_types:`"
                context.error(.unknownRelationType, "unknown relation type '\(relation.type)'", at: locations["type"], hint: hint)
            }
            if let typePosition, let from, let to {
                let kindCount = kindNumbers.count
                let combination = (typePosition * kindCount + entityKindNumbers[from]) * kindCount + entityKindNumbers[to]
                let fits: Bool
                if let known = fitsByCombination[combination] {
                    fits = known
                } else {
                    fits = Self.kindsFit(types[typePosition], from: entities[from].kind, to: entities[to].kind)
                    fitsByCombination[combination] = fits
                }
                if !fits {
                    checkKinds(relation, type: types[typePosition], from: entities[from].kind, to: entities[to].kind, locations: locations)
                }
            } else if let typePosition, let fromKind = from.map({ entities[$0].kind }) ?? map.rejectedEntityKinds[relation.from]?.kind,
                      let toKind = to.map({ entities[$0].kind }) ?? map.rejectedEntityKinds[relation.to]?.kind {
                // An end whose entity was rejected (a missing name, a misspelt kind) is
                // checked with its kind, so that fixing the entity brings no new error.
                checkKinds(relation, type: types[typePosition], from: fromKind, to: toKind, locations: locations,
                           assumed: (from == nil ? map.rejectedEntityKinds[relation.from]?.written : nil,
                                     to == nil ? map.rejectedEntityKinds[relation.to]?.written : nil))
            }
            if relation.from == relation.to, let typePosition, !types[typePosition].allowsSelf {
                context.error(.selfRelation, "'\(relation.from)' \(relation.type) itself", at: locations["to"],
                              hint: "a '\(relation.type)' relation needs two different entities")
            }
            checkDates(since: relation.since, until: relation.until, what: label(), at: locations["until"])
            for source in relation.sources where network.sources.index(forKey: source) == nil {
                unknownSource(source, at: locations["sources"])
            }
            for (i, claim) in relation.claims.enumerated() {
                if let source = claim.source, network.sources.index(forKey: source) == nil {
                    unknownSource(source, at: locations["claims[\(i)].source"])
                }
                if let by = claim.by, index[by] == nil {
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
                let symmetric = typePosition.map { types[$0].symmetric } ?? false
                let key: RelationKey
                if let from, let to, let typePosition {
                    key = .resolved(symmetric ? min(from, to) : from, typePosition, symmetric ? max(from, to) : to, relation.since)
                } else {
                    let swap = symmetric && relation.to < relation.from
                    key = .written(swap ? relation.to : relation.from, relation.type, swap ? relation.from : relation.to, relation.since)
                }
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
        return connected
    }

    /// Whether `type` may join an entity of kind `from` to one of kind `to`
    /// (either way round for symmetric types).
    private static func kindsFit(_ type: RelationType, from: EntityKind, to: EntityKind) -> Bool {
        let forward = type.fromKinds.contains(from) && type.toKinds.contains(to)
        let backward = type.symmetric && type.fromKinds.contains(to) && type.toKinds.contains(from)
        return forward || backward
    }

    /// Reports the kinds at both ends that `type` does not allow, with the way
    /// out: `related-to`, or a relation type of the document's own. `assumed` holds,
    /// for an end whose kind was misspelt, the kind as written (its closest kind is
    /// the one checked).
    private func checkKinds(_ relation: Relation, type: RelationType, from fromKind: EntityKind, to toKind: EntityKind,
                            locations: ItemLocations, assumed: (from: String?, to: String?) = (nil, nil)) {
        if Self.kindsFit(type, from: fromKind, to: toKind) { return }
        func reading(_ written: String?, _ kind: EntityKind) -> String {
            written.map { " (its kind '\($0)', read as '\(kind.rawValue)')" } ?? ""
        }
        let workaround = "; to join other kinds use `related-to`, or declare a relation type of your own under `relation_types:`"
        if !type.fromKinds.contains(fromKind) {
            context.error(.kindNotAllowed, "'\(type.name)' cannot start at \(fromKind.rawValue) '\(relation.from)'\(reading(assumed.from, fromKind))",
                          at: locations["from"], hint: "'\(type.name)' goes from: \(type.fromKinds.names(separator: ", "))" + workaround)
        }
        if !type.toKinds.contains(toKind) {
            context.error(.kindNotAllowed, "'\(type.name)' cannot end at \(toKind.rawValue) '\(relation.to)'\(reading(assumed.to, toKind))",
                          at: locations["to"], hint: "'\(type.name)' goes to: \(type.toKinds.names(separator: ", "))" + workaround)
        }
    }

    // MARK: Warnings

    /// Warns about entities that no relation and no `within` touches; `connected`
    /// marks the entity positions that relations reach.
    private func checkIsolated(_ index: EntityIndex, connected: [Bool]) {
        var connected = connected
        for (position, entity) in network.entities.enumerated() {
            if let within = entity.within {
                connected[index.canonical[position]] = true
                if let parent = index[within] { connected[parent] = true }
            }
        }
        for (position, locations) in map.entities.enumerated() where !connected[index.canonical[position]] {
            let entity = network.entities[position]
            context.warning(.isolatedEntity, "entity '\(entity.id)' takes part in no relation", at: locations.start,
                            hint: "add a relation for it, or remove it")
        }
    }

    private func checkSources() {
        // The sources nothing has cited yet; the search stops once every one is.
        var uncited = Set(network.sources.keys)
        entities: for entity in network.entities {
            if uncited.isEmpty { break entities }
            for id in entity.sources { uncited.remove(id) }
        }
        relations: for relation in network.relations {
            if uncited.isEmpty { break relations }
            for id in relation.sources { uncited.remove(id) }
            for claim in relation.claims { if let id = claim.source { uncited.remove(id) } }
        }
        for id in uncited.sorted() {
            context.warning(.unusedSource, "source '\(id)' is cited by nothing", at: map.sources[id]?.start,
                            hint: "cite it in a claim or an entity's `sources`, or remove it")
        }
    }

    private func checkViews(_ index: EntityIndex) {
        let knownTypes = Set(RelationType.builtInByName.keys).union(network.relationTypes.keys)
        for name in network.views.keys.sorted() {
            guard let view = network.views[name], let locations = map.views[name] else { continue }
            for (i, id) in view.focus.enumerated() where index[id] == nil {
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
