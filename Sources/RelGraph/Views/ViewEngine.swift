/// The outcome of applying a view: the network cut down to what the view shows,
/// a sentence saying what was applied, and notes for the user.
public struct ViewResult: Sendable {
    /// The view that was applied.
    public var view: ViewDefinition
    /// The entities and relations the view keeps (sources, types, style and views unchanged).
    public var network: Network
    /// What the view applied, for legends and `<desc>`: "focus ISKP, depth 2; as of 2021-08-15".
    /// Empty when the view filters nothing.
    public var summary: String
    /// Warnings: an empty result, a focus entity hidden by another filter.
    public var notes: [String]

    /// Creates a result (``Network/applying(_:)`` makes them; timelines combine them).
    public init(view: ViewDefinition, network: Network, summary: String, notes: [String] = []) {
        self.view = view
        self.network = network
        self.summary = summary
        self.notes = notes
    }
}

/// Problems that stop a view from being applied.
public enum ViewError: Error, Equatable, CustomStringConvertible {
    /// No view of that name; with the closest name, if any.
    case unknownView(String, suggestion: String?, available: [String])
    /// Focus ids that are not entities of the network.
    case unknownFocus([String], suggestions: [String: String])
    /// A depth below zero.
    case badDepth(Int)
    /// Kinds (in `kinds` or `exclude_kinds`) the network neither builds in nor declares; with the closest known ones.
    case unknownKinds([String], suggestions: [String: String], known: [String])

    public var description: String {
        switch self {
        case .unknownView(let name, let suggestion, let available):
            var text = "no view named '\(name)'"
            if let suggestion { text += "; did you mean '\(suggestion)'?" }
            text += available.isEmpty ? " (the file defines no views)" : " (views: \(available.joined(separator: ", ")))"
            return text
        case .unknownFocus(let ids, let suggestions):
            let parts = ids.map { id in suggestions[id].map { "'\(id)' (did you mean '\($0)'?)" } ?? "'\(id)'" }
            return "focus names unknown entit\(ids.count == 1 ? "y" : "ies") \(parts.joined(separator: ", "))"
        case .badDepth(let depth):
            return "depth must be 0 or more, not \(depth)"
        case .unknownKinds(let names, let suggestions, let known):
            let parts = names.map { name in suggestions[name].map { "'\(name)' (did you mean '\($0)'?)" } ?? "'\(name)'" }
            return "unknown entity kind\(names.count == 1 ? "" : "s") \(parts.joined(separator: ", ")); kinds: \(known.joined(separator: ", "))"
        }
    }
}

extension Network {
    /// The named view `name`.
    public func view(named name: String) throws(ViewError) -> ViewDefinition {
        if let view = views[name] { return view }
        let names = views.keys.sorted()
        throw .unknownView(name, suggestion: Suggestions.closest(to: name, in: names), available: names)
    }

    /// Applies `view` to the network.
    ///
    /// The rules, in order (documented in docs/views.md):
    /// 1. Time: with `as_of`, entities and relations alive on that date; with
    ///    `between`, those alive at some time in the window. An item is alive from
    ///    the first day its `since` covers to the last day its `until` covers, so
    ///    `since: 2015` is alive on 2015-01-01 (the benefit of the doubt). A partial
    ///    `as_of` (`2020`) means "at some time in 2020". With both `as_of` and
    ///    `between`, only what was alive in both; when they do not overlap, nothing.
    /// 2. Entity filters: `kinds`, `exclude_kinds`, `tags` (keep entities carrying
    ///    one of them), `exclude_tags` (drop entities and relations carrying one).
    /// 3. Relation filters: `types`, `exclude_types`, `min_confidence`, and
    ///    `exclude_tags` on relations. A relation is kept only when both its ends are kept.
    /// 4. Focus: the entities within `depth` relation steps of the focus, following
    ///    relations `out` of, `in` to, or `both` ways from them (symmetric relations
    ///    go both ways), with every kept relation among them.
    /// 5. Entities that lost all their relations to the view (to a relation filter,
    ///    the time filter, the focus, or because every entity they were related to
    ///    is hidden) are dropped. Entities that had no relation to begin with stay
    ///    (unless a focus is set), and so do the focus itself and the territories
    ///    and states that contain (`within`, at any depth) an entity that stays.
    ///
    /// Two more time rules: with `known_as_of`, each relation keeps only the claims
    /// made by that date (see ``Claim/madeOn(in:)``) and is kept only when one of
    /// them supports it (a relation without claims, when one of its `sources` is
    /// dated by then). With `dated_only`, relations and entities that have neither
    /// `since` nor `until` are left out (an undated entity stays while a kept
    /// relation or the focus needs it). Without `dated_only`, a time view keeps
    /// them and the diagram marks them "date unknown".
    public func applying(_ view: ViewDefinition) throws(ViewError) -> ViewResult {
        let byID = entitiesByID
        let unknown = view.focus.filter { byID[$0] == nil }
        if !unknown.isEmpty {
            var suggestions: [String: String] = [:]
            for id in unknown {
                suggestions[id] = Suggestions.closest(to: id, in: entities.map(\.id))
                    ?? entities.first { $0.name.lowercased() == id.lowercased() }?.id
            }
            throw .unknownFocus(unknown, suggestions: suggestions)
        }
        if let depth = view.depth, depth < 0 { throw .badDepth(depth) }
        let unknownKinds = (view.kinds + view.excludeKinds).filter { !knows($0) }.map(\.rawValue)
        if !unknownKinds.isEmpty {
            let known = kinds.map(\.rawValue)
            var suggestions: [String: String] = [:]
            for name in unknownKinds { suggestions[name] = Suggestions.closest(to: name, in: known) }
            throw .unknownKinds(unknownKinds, suggestions: suggestions, known: known)
        }
        // A view that filters nothing keeps the network as it is, when every
        // relation joins two of its entities (what the steps below would find,
        // without sets of every id).
        if view.filtersNothing, relations.allSatisfy({ byID[$0.from] != nil && byID[$0.to] != nil }) {
            return ViewResult(view: view, network: self, summary: summary(of: view),
                              notes: entities.isEmpty ? ["the view leaves nothing to draw"] : [])
        }
        return applyingFilters(view, byID: byID)
    }

    /// ``applying(_:)``'s steps, once the view is known to be sound.
    func applyingFilters(_ view: ViewDefinition, byID: [String: Entity]) -> ViewResult {
        var notes: [String] = []

        // 1–2. Entities.
        let window = view.timeWindow
        let includeKinds = Set(view.kinds), excludeKinds = Set(view.excludeKinds)
        let includeTags = Set(view.tags), excludeTags = Set(view.excludeTags)
        var kept = Set<String>()
        for entity in entities {
            if let window, !window.contains(since: entity.since, until: entity.until) { continue }
            if !includeKinds.isEmpty && !includeKinds.contains(entity.kind) { continue }
            if excludeKinds.contains(entity.kind) { continue }
            if !includeTags.isEmpty && includeTags.isDisjoint(with: entity.tags) { continue }
            if !excludeTags.isDisjoint(with: entity.tags) { continue }
            kept.insert(entity.id)
        }
        // 3. Relations.
        let includeTypes = Set(view.types), excludeTypes = Set(view.excludeTypes)
        let datedOnly = view.datedOnly == true
        var relationsKept: [Relation] = knownRelations(as: view.knownAsOf).filter { relation in
            guard kept.contains(relation.from), kept.contains(relation.to) else { return false }
            if datedOnly && relation.since == nil && relation.until == nil { return false }
            if let window, !window.contains(since: relation.since, until: relation.until) { return false }
            if !includeTypes.isEmpty && !includeTypes.contains(relation.type) { return false }
            if excludeTypes.contains(relation.type) { return false }
            if let minimum = view.minConfidence, relation.confidence < minimum { return false }
            if !excludeTags.isDisjoint(with: relation.tags) { return false }
            return true
        }
        // 4. Focus.
        if !view.focus.isEmpty {
            for id in view.focus where !kept.contains(id) {
                notes.append("focus '\(id)' is hidden by the view's other filters")
            }
            let depth = view.depth ?? 1
            let direction = view.direction ?? .both
            var adjacency: [String: [String]] = [:]
            for relation in relationsKept {
                let symmetric = relationType(named: relation.type)?.symmetric ?? false
                if direction != .in || symmetric { adjacency[relation.from, default: []].append(relation.to) }
                if direction != .out || symmetric { adjacency[relation.to, default: []].append(relation.from) }
            }
            var reached = Set(view.focus.filter { kept.contains($0) })
            var frontier = view.focus.filter { kept.contains($0) }
            for _ in 0..<depth where !frontier.isEmpty {
                var next: [String] = []
                for id in frontier {
                    for neighbour in adjacency[id] ?? [] where reached.insert(neighbour).inserted {
                        next.append(neighbour)
                    }
                }
                frontier = next
            }
            kept = reached
            relationsKept = relationsKept.filter { kept.contains($0.from) && kept.contains($0.to) }
        }
        // 5. Drop entities the view stranded: they had relations and have none left.
        var hadRelations = Set<String>(), hasRelations = Set<String>()
        for relation in relations {
            hadRelations.insert(relation.from)
            hadRelations.insert(relation.to)
        }
        for relation in relationsKept {
            hasRelations.insert(relation.from)
            hasRelations.insert(relation.to)
        }
        let focus = Set(view.focus)
        var survivors = kept.filter { id in
            if focus.contains(id) || hasRelations.contains(id) { return true }
            if hadRelations.contains(id) { return false }
            // An isolated entity stays, unless `dated_only` and it has no dates.
            return !(datedOnly && byID[id].map { $0.since == nil && $0.until == nil } == true)
        }
        for id in survivors {
            // Keep the containers of what stays, up the `within` chain (cycles are validation errors; stop on one).
            var seen: Set<String> = [id]
            var current = byID[id]?.within
            while let container = current, seen.insert(container).inserted {
                if kept.contains(container) { survivors.insert(container) }
                current = byID[container]?.within
            }
        }
        kept = survivors
        var result = self
        // A view that keeps everything shares the network's arrays instead of
        // holding a second copy of them (the whole network of a large file).
        if !entities.allSatisfy({ kept.contains($0.id) }) {
            result.entities = entities.filter { kept.contains($0.id) }
        }
        if view.knownAsOf != nil || relationsKept.count != relations.count {
            result.relations = relationsKept
        }
        if result.entities.isEmpty { notes.append("the view leaves nothing to draw") }
        return ViewResult(view: view, network: result, summary: summary(of: view), notes: notes)
    }

    /// A sentence describing what `view` applies, using entity names.
    public func summary(of view: ViewDefinition) -> String {
        let byID = entitiesByID
        var parts: [String] = []
        if !view.focus.isEmpty {
            let names = view.focus.map { byID[$0]?.name ?? $0 }
            var text = "focus \(names.joined(separator: ", ")), depth \(view.depth ?? 1)"
            switch view.direction ?? .both {
            case .out: text += ", outgoing relations"
            case .in: text += ", incoming relations"
            case .both: break
            }
            parts.append(text)
        }
        if let asOf = view.asOf { parts.append("as of \(asOf)") }
        if let between = view.between { parts.append("between \(between.from) and \(between.to)") }
        if !view.kinds.isEmpty { parts.append("only \(view.kinds.map(\.rawValue).joined(separator: ", ")) entities") }
        if !view.excludeKinds.isEmpty { parts.append("no \(view.excludeKinds.map(\.rawValue).joined(separator: ", ")) entities") }
        if !view.types.isEmpty { parts.append("only \(view.types.joined(separator: ", ")) relations") }
        if !view.excludeTypes.isEmpty { parts.append("no \(view.excludeTypes.joined(separator: ", ")) relations") }
        if !view.tags.isEmpty { parts.append("tagged \(view.tags.joined(separator: " or "))") }
        if !view.excludeTags.isEmpty { parts.append("not tagged \(view.excludeTags.joined(separator: " or "))") }
        if let minimum = view.minConfidence, minimum != .disputed {
            let shown = Confidence.allCases.filter { $0 >= minimum }.reversed().map(\.rawValue)
            parts.append("only \(shown.joined(separator: " and ")) relations")
        }
        if view.cluster == .territories { parts.append("grouped by territory") }
        if let known = view.knownAsOf { parts.append("as known on \(known)") }
        if view.datedOnly == true { parts.append("dated items only") }
        return parts.joined(separator: "; ")
    }
}

/// The days a view's time filter covers: inclusive day numbers, empty when
/// `as_of` and `between` do not overlap.
struct TimeWindow: Hashable, Sendable {
    var first: Int
    var last: Int

    /// Whether something with these dates is alive at some time in the window.
    func contains(since: PartialDate?, until: PartialDate?) -> Bool {
        if first > last { return false }
        if let since, since.firstDayNumber > last { return false }
        if let until, until.lastDayNumber < first { return false }
        return true
    }
}

extension ViewDefinition {
    /// The days the view's time filter covers, if it has one.
    /// Whether the view keeps every entity and relation (it may still cluster).
    var filtersNothing: Bool {
        focus.isEmpty && asOf == nil && between == nil && kinds.isEmpty && excludeKinds.isEmpty && types.isEmpty
            && excludeTypes.isEmpty && tags.isEmpty && excludeTags.isEmpty && minConfidence == nil
            && knownAsOf == nil && datedOnly != true
    }

    var timeWindow: TimeWindow? {
        switch (asOf, between) {
        case (let asOf?, let between?):
            return TimeWindow(first: max(asOf.firstDayNumber, between.from.firstDayNumber),
                              last: min(asOf.lastDayNumber, between.to.lastDayNumber))
        case (let asOf?, nil): return TimeWindow(first: asOf.firstDayNumber, last: asOf.lastDayNumber)
        case (nil, let between?): return TimeWindow(first: between.from.firstDayNumber, last: between.to.lastDayNumber)
        case (nil, nil): return nil
        }
    }

    /// This view with every option `other` sets taken from `other` (command-line flags over a named view).
    public func overridden(by other: ViewDefinition) -> ViewDefinition {
        var v = self
        if other.title != nil { v.title = other.title }
        if other.description != nil { v.description = other.description }
        if !other.focus.isEmpty { v.focus = other.focus }
        if other.depth != nil { v.depth = other.depth }
        if other.direction != nil { v.direction = other.direction }
        if other.asOf != nil { v.asOf = other.asOf }
        if other.between != nil { v.between = other.between }
        if !other.kinds.isEmpty { v.kinds = other.kinds }
        if !other.excludeKinds.isEmpty { v.excludeKinds = other.excludeKinds }
        if !other.types.isEmpty { v.types = other.types }
        if !other.excludeTypes.isEmpty { v.excludeTypes = other.excludeTypes }
        if !other.tags.isEmpty { v.tags = other.tags }
        if !other.excludeTags.isEmpty { v.excludeTags = other.excludeTags }
        if other.minConfidence != nil { v.minConfidence = other.minConfidence }
        if other.cluster != nil { v.cluster = other.cluster }
        if other.knownAsOf != nil { v.knownAsOf = other.knownAsOf }
        if other.datedOnly != nil { v.datedOnly = other.datedOnly }
        if other.page != nil { v.page = other.page }
        return v
    }
}

extension Claim {
    /// When the claim was made: its own `date`, else the date of its source in `network`.
    public func madeOn(in network: Network) -> PartialDate? {
        date ?? source.flatMap { network.sources[$0]?.date }
    }
}

extension Network {
    /// The relations as the record stood on `known` (all of them when `nil`): each
    /// with only the claims made by then (a claim made at some time in a month or
    /// year counts from its first day), kept when one of those supports it. A
    /// relation without claims is kept when one of its `sources` is dated by then.
    /// A claim or source with no date is not known to have been made by then.
    func knownRelations(as known: PartialDate?) -> [Relation] {
        guard let known else { return relations }
        let last = known.lastDayNumber
        func isKnown(_ date: PartialDate?) -> Bool { date.map { $0.firstDayNumber <= last } ?? false }
        return relations.compactMap { relation in
            guard !relation.claims.isEmpty else {
                return relation.sources.contains { isKnown(sources[$0]?.date) } ? relation : nil
            }
            var cut = relation
            cut.claims = relation.claims.filter { isKnown($0.madeOn(in: self)) }
            return cut.claims.contains { $0.stance == .supports } ? cut : nil
        }
    }
}
