/// Figures about a network (or a view of one) for `relgraph stats`: counts by
/// kind, type and confidence, the most connected entities, connected
/// components, isolated entities, and relations that cite no claim.
///
/// Pure and deterministic: every list has a fixed order (ties broken by id in
/// byte order), so text and JSON output are the same from run to run.
public struct NetworkStats: Sendable, Equatable, Encodable {
    /// A name and how many.
    public struct Count: Sendable, Equatable, Encodable {
        /// The kind, type or confidence.
        public var name: String
        /// How many entities or relations have it.
        public var count: Int
    }

    /// An entity, by id and name.
    public struct EntityRef: Sendable, Equatable, Encodable {
        /// The entity's id.
        public var id: String
        /// Its name.
        public var name: String
        /// Its kind (`group`, `state`…).
        public var kind: String
    }

    /// An entity's number of relations.
    public struct Degree: Sendable, Equatable, Encodable {
        /// The entity's id.
        public var id: String
        /// Its name.
        public var name: String
        /// All relations it takes part in (a relation with itself counts twice).
        public var degree: Int
        /// Directed relations from it.
        public var outgoing: Int
        /// Directed relations to it.
        public var incoming: Int
        /// Relations of symmetric types (`allied-with`, `related-to`…).
        public var undirected: Int
    }

    /// A set of entities joined by relations (directions ignored).
    public struct Component: Sendable, Equatable, Encodable {
        /// How many entities.
        public var size: Int
        /// The members, by name order, when the component is small
        /// (at most ``NetworkStats/smallComponent`` entities); empty otherwise.
        public var members: [EntityRef]
    }

    /// A relation that cites no claim.
    public struct RelationRef: Sendable, Equatable, Encodable {
        /// The relation's key (its id, or `from type to [@since]`).
        public var key: String
        /// "Shantanu Mukharji member of IPS" (the type's label).
        public var text: String
        /// Source ids it cites directly (`sources:`), sorted; empty when it has no support at all.
        public var sources: [String]
    }

    /// A relation one of its claims denies.
    public struct DeniedRelation: Sendable, Equatable, Encodable {
        /// The relation's key.
        public var key: String
        /// "Pakistan sponsors ISKP" (the type's label).
        public var text: String
        /// Names of those who deny it, in claim order.
        public var deniedBy: [String]
    }

    /// Number of entities.
    public var entities: Int
    /// Number of relations.
    public var relations: Int
    /// Entities by kind, in kind order (built-in kinds, then declared ones by name; only kinds present).
    public var kinds: [Count]
    /// Relations by type, most frequent first (ties by name).
    public var types: [Count]
    /// Relations by confidence, strongest first, all four levels.
    public var confidences: [Count]
    /// The ten entities with the most relations (ties by id); entities with none are left out.
    public var mostConnected: [Degree]
    /// Connected components, largest first (ties by their first member's id); isolated entities included.
    public var components: [Component]
    /// Entities in no relation, by id.
    public var isolated: [EntityRef]
    /// Relations without claims, in canonical order (from, to, type, since, key).
    public var withoutClaims: [RelationRef]
    /// Relations that some claim denies (`stance: denies`), in canonical order.
    public var denied: [DeniedRelation]

    /// Components up to this size list their members.
    public static let smallComponent = 8
    /// How many entities ``mostConnected`` lists.
    public static let topCount = 10

    /// The figures of `network`.
    public init(_ network: Network) {
        let byID = network.entitiesByID
        func name(_ id: String) -> String { byID[id]?.name ?? id }
        func ref(_ id: String) -> EntityRef { EntityRef(id: id, name: name(id), kind: byID[id]?.kind.rawValue ?? "") }
        func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

        entities = network.entities.count
        relations = network.relations.count

        var kindCounts: [EntityKind: Int] = [:]
        for entity in network.entities { kindCounts[entity.kind, default: 0] += 1 }
        kinds = kindCounts.keys.sorted().map { Count(name: $0.rawValue, count: kindCounts[$0]!) }

        var typeCounts: [String: Int] = [:]
        var confidenceCounts: [Confidence: Int] = [:]
        for relation in network.relations {
            typeCounts[relation.type, default: 0] += 1
            confidenceCounts[relation.confidence, default: 0] += 1
        }
        types = typeCounts.map { Count(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : precedes($0.name, $1.name) }
        confidences = Confidence.allCases.reversed().map { Count(name: $0.rawValue, count: confidenceCounts[$0] ?? 0) }

        // Degrees.
        var degrees: [String: Degree] = [:]
        func bump(_ id: String, _ change: (inout Degree) -> Void) {
            var d = degrees[id] ?? Degree(id: id, name: name(id), degree: 0, outgoing: 0, incoming: 0, undirected: 0)
            change(&d)
            degrees[id] = d
        }
        for relation in network.relations {
            if network.relationType(named: relation.type)?.symmetric ?? false {
                bump(relation.from) { $0.degree += 1; $0.undirected += 1 }
                bump(relation.to) { $0.degree += 1; $0.undirected += 1 }
            } else {
                bump(relation.from) { $0.degree += 1; $0.outgoing += 1 }
                bump(relation.to) { $0.degree += 1; $0.incoming += 1 }
            }
        }
        mostConnected = Array(degrees.values
            .sorted { $0.degree != $1.degree ? $0.degree > $1.degree : precedes($0.id, $1.id) }
            .prefix(Self.topCount))

        // Components (union–find over entity ids, relations undirected).
        var parent: [String: String] = [:]
        for entity in network.entities { parent[entity.id] = entity.id }
        func root(_ id: String) -> String {
            var current = id
            while let p = parent[current], p != current { current = p }
            var walker = id
            while let p = parent[walker], p != current { parent[walker] = current; walker = p }
            return current
        }
        for relation in network.relations where parent[relation.from] != nil && parent[relation.to] != nil {
            let (a, b) = (root(relation.from), root(relation.to))
            if a != b { if precedes(a, b) { parent[b] = a } else { parent[a] = b } }
        }
        var groups: [String: [String]] = [:]
        for entity in network.entities { groups[root(entity.id), default: []].append(entity.id) }
        let sortedGroups = groups.values.map { $0.sorted(by: precedes) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : precedes($0[0], $1[0]) }
        components = sortedGroups.map { members in
            Component(size: members.count,
                      members: members.count <= Self.smallComponent
                        ? members.map(ref).sorted { $0.name != $1.name ? precedes($0.name, $1.name) : precedes($0.id, $1.id) }
                        : [])
        }

        isolated = network.entities.filter { degrees[$0.id] == nil }.map(\.id).sorted(by: precedes).map(ref)

        withoutClaims = network.relations.filter(\.claims.isEmpty).sorted(by: Self.relationOrder).map { relation in
            let label = network.relationType(named: relation.type)?.label ?? relation.type
            return RelationRef(key: relation.key, text: "\(name(relation.from)) \(label) \(name(relation.to))",
                               sources: Array(Set(relation.sources)).sorted(by: precedes))
        }
        denied = network.relations.filter(\.isDenied).sorted(by: Self.relationOrder).map { relation in
            let label = network.relationType(named: relation.type)?.label ?? relation.type
            var seen = Set<String>()
            let deniers = relation.denials.map { $0.by.map(name) ?? $0.source ?? "a source" }.filter { seen.insert($0).inserted }
            return DeniedRelation(key: relation.key, text: "\(name(relation.from)) \(label) \(name(relation.to))", deniedBy: deniers)
        }
    }

    /// Canonical relation order: from, to, type, since, key (byte order).
    static func relationOrder(_ a: Relation, _ b: Relation) -> Bool {
        let ka = [a.from, a.to, a.type, a.since?.description ?? "", a.key]
        let kb = [b.from, b.to, b.type, b.since?.description ?? "", b.key]
        for (x, y) in zip(ka, kb) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
        return false
    }

    /// The figures as text, for a terminal.
    public func text(title: String? = nil, viewSummary: String = "") -> String {
        var lines: [String] = []
        if let title { lines.append(title) }
        if !viewSummary.isEmpty { lines.append("View: \(viewSummary)") }
        if !lines.isEmpty { lines.append("") }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        func number(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let countWidth = max(3, String(max(entities, relations)).count)

        lines.append("Entities: \(entities)")
        let kindWidth = (kinds.map(\.name.count).max() ?? 0) + 2
        for kind in kinds { lines.append("  " + pad(kind.name, kindWidth) + number(kind.count, countWidth)) }
        lines.append("Relations: \(relations)")
        if !types.isEmpty {
            lines.append("  by type:")
            let typeWidth = (types.map(\.name.count).max() ?? 0) + 2
            for type in types { lines.append("    " + pad(type.name, typeWidth) + number(type.count, countWidth)) }
            lines.append("  by confidence:")
            for confidence in confidences {
                lines.append("    " + pad(confidence.name, typeWidth) + number(confidence.count, countWidth))
            }
        }

        lines.append("")
        lines.append("Most connected:")
        if mostConnected.isEmpty { lines.append("  (no relations)") }
        let nameWidth = (mostConnected.map { $0.name.count + $0.id.count + 3 }.max() ?? 0) + 2
        for (index, d) in mostConnected.enumerated() {
            var parts: [String] = []
            if d.outgoing > 0 { parts.append("out \(d.outgoing)") }
            if d.incoming > 0 { parts.append("in \(d.incoming)") }
            if d.undirected > 0 { parts.append("undirected \(d.undirected)") }
            lines.append(number(index + 1, 4) + ". " + pad("\(d.name) (\(d.id))", nameWidth) + number(d.degree, countWidth)
                + "  " + parts.joined(separator: ", "))
        }

        lines.append("")
        let sizes = components.map { String($0.size) }
        lines.append("Connected components: \(components.count)" + (components.isEmpty ? "" : " (sizes \(Self.summarised(sizes)))"))
        for component in components where !component.members.isEmpty && component.size > 1 {
            lines.append("  \(component.size): " + component.members.map(\.name).joined(separator: ", "))
        }

        lines.append("")
        lines.append("Isolated entities: \(isolated.count)")
        for entity in isolated { lines.append("  \(entity.name) (\(entity.kind), \(entity.id))") }

        lines.append("")
        lines.append("Relations without claims: \(withoutClaims.count)")
        for relation in withoutClaims {
            let support = relation.sources.isEmpty ? "no source" : "sources: " + relation.sources.joined(separator: ", ")
            lines.append("  \(relation.text) (\(support))")
        }

        lines.append("")
        lines.append("Denied relations: \(denied.count)")
        for relation in denied { lines.append("  \(relation.text) (denied by \(relation.deniedBy.joined(separator: ", ")))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `52, 4, 1 ×3`: runs of equal sizes folded.
    static func summarised(_ sizes: [String]) -> String {
        var parts: [String] = []
        var index = 0
        while index < sizes.count {
            var end = index
            while end + 1 < sizes.count, sizes[end + 1] == sizes[index] { end += 1 }
            let run = end - index + 1
            parts.append(run > 2 ? "\(sizes[index]) ×\(run)" : Array(repeating: sizes[index], count: run).joined(separator: ", "))
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}
