import RelGraph
/// Both versions in one picture: every node, edge and cluster of either
/// version, each marked added, removed, changed or unchanged. The RelGraphviz
/// module draws it (added green, removed red and dashed, changed orange,
/// unchanged grey, with a legend).
///
/// Nothing here depends on Graphviz; ``make(_:model:context:)`` decides what is
/// drawn and with which status.
public struct DiffOverlay: Sendable, Hashable {
    /// One node of either version.
    public struct Node: Sendable, Hashable {
        /// The node's name (for networks: the entity id).
        public var name: String
        /// What happened to it.
        public var status: ChangeStatus
        /// Its attributes in the newest version that has it.
        public var attributes: [String: AttributeValue]
        /// The names of the fields that changed (for tooltips).
        public var changedFields: [String]
    }

    /// One edge of either version.
    public struct Edge: Sendable, Hashable {
        /// Unique among the overlay's edges: `a -> b [key]`, `a -> b #2`.
        public var id: String
        /// Tail node name.
        public var tail: String
        /// Head node name.
        public var head: String
        /// The edge's key (for networks: the relation key), if any.
        public var key: String?
        /// What happened to it.
        public var status: ChangeStatus
        /// Its attributes in the newest version that has it.
        public var attributes: [String: AttributeValue]
        /// The names of the fields that changed.
        public var changedFields: [String]
    }

    /// A cluster of either version, with the nodes drawn directly inside it.
    public struct Cluster: Sendable, Hashable {
        /// The cluster's name (`cluster_…`).
        public var name: String
        /// What happened to it.
        public var status: ChangeStatus
        /// Its attributes in the newest version that has it.
        public var attributes: [String: AttributeValue]
        /// Nodes drawn directly inside (not inside a nested cluster), sorted.
        public var nodes: [String]
        /// Nested clusters, sorted by name.
        public var children: [Cluster]
    }

    /// How many drawn items have each status.
    public struct Counts: Sendable, Hashable {
        public var added = 0, removed = 0, changed = 0, unchanged = 0

        package mutating func count(_ status: ChangeStatus) {
            switch status {
            case .added: added += 1
            case .removed: removed += 1
            case .changed: changed += 1
            case .unchanged: unchanged += 1
            }
        }
    }

    /// Names of the two versions.
    public var oldName: String
    public var newName: String
    /// Whether edges have a direction.
    public var directed: Bool
    /// The newer graph's `rankdir`, if it sets one.
    public var rankdir: String?
    /// Drawn nodes, by name (byte order).
    public var nodes: [Node]
    /// Drawn edges, by id (byte order).
    public var edges: [Edge]
    /// Top-level drawn clusters, by name.
    public var clusters: [Cluster]
    /// Counts of the drawn nodes and edges by status.
    public var counts: Counts
    /// Differences the picture cannot show: `graph attributes changed: rankdir`,
    /// `sources: 1 changed`.
    public var notDrawn: [String]
    /// With `--context N`: N; unchanged items further away are left out.
    public var context: Int?
    /// Nodes and edges left out by the context.
    public var hiddenCount: Int

    /// The overlay of a graph comparison.
    ///
    /// - Parameters:
    ///   - model: for two networks, the model-level report: entities then decide
    ///     the status of nodes (by id) and relations that of edges (by key), so the
    ///     picture says what the text report says (renaming an entity changes
    ///     its relations' tooltips, but not the relations).
    ///   - context: draw only changed items and their neighbours up to this many
    ///     steps away (`nil`: everything).
    public static func make(_ comparison: GraphComparison, model: DiffReport? = nil, context: Int? = nil) -> DiffOverlay {
        // Statuses.
        var nodes: [Node] = comparison.nodes.map { pair in
            var status = pair.status
            var fields = pair.item?.fields.map(\.field) ?? []
            if let model {
                let item = model.section("entities")?.item(pair.key)
                status = item?.status ?? (pair.old != nil && pair.new != nil ? .unchanged : pair.status)
                fields = item?.fields.map(\.field) ?? []
            }
            return Node(name: pair.key, status: status, attributes: pair.current.attributes, changedFields: fields)
        }
        var edges: [Edge] = comparison.edges.map { pair in
            let edge = pair.current
            var status = pair.status
            var fields = pair.item?.fields.map(\.field) ?? []
            if let model, let key = edge.key {
                let item = model.section("relations")?.item(key)
                status = item?.status ?? (pair.old != nil && pair.new != nil ? .unchanged : pair.status)
                fields = item?.fields.map(\.field) ?? []
            }
            return Edge(id: pair.key, tail: edge.tail, head: edge.head, key: edge.key, status: status,
                        attributes: edge.attributes, changedFields: fields)
        }
        let clusterPairs = comparison.subgraphs.filter { $0.current.isCluster }

        // Context: changed items and their neighbours.
        var hidden = 0
        if let context {
            var seeds = Set(nodes.filter { $0.status != .unchanged }.map(\.name))
            for edge in edges where edge.status != .unchanged { seeds.insert(edge.tail); seeds.insert(edge.head) }
            for pair in clusterPairs where pair.status != .unchanged { seeds.formUnion(pair.current.nodes) }
            var adjacency: [String: [String]] = [:]
            for edge in edges {
                adjacency[edge.tail, default: []].append(edge.head)
                adjacency[edge.head, default: []].append(edge.tail)
            }
            var reached = seeds
            var frontier = ByteOrder.sorted(seeds)
            for _ in 0..<max(0, context) where !frontier.isEmpty {
                var next: [String] = []
                for name in frontier {
                    for neighbour in adjacency[name] ?? [] where reached.insert(neighbour).inserted { next.append(neighbour) }
                }
                frontier = next
            }
            let before = nodes.count + edges.count
            nodes = nodes.filter { reached.contains($0.name) }
            edges = edges.filter { reached.contains($0.tail) && reached.contains($0.head) }
            hidden = before - nodes.count - edges.count
        }

        var counts = Counts()
        nodes.forEach { counts.count($0.status) }
        edges.forEach { counts.count($0.status) }

        let new = comparison.new
        let rankdir = (new.attributes["rankdir"] ?? comparison.old.attributes["rankdir"]).flatMap { $0.isHTML ? nil : $0.text }
        return DiffOverlay(
            oldName: comparison.report.old.name, newName: comparison.report.new.name,
            directed: new.directed, rankdir: rankdir, nodes: nodes, edges: edges,
            clusters: clusterTree(clusterPairs, comparison: comparison, drawn: Set(nodes.map(\.name))),
            counts: counts, notDrawn: notDrawn(comparison, model: model), context: context, hiddenCount: hidden)
    }

    /// Nested clusters holding the drawn nodes: each node goes into the
    /// innermost cluster that holds it in the newest version that has it (or,
    /// when it is in none now, into the removed cluster that held it).
    package static func clusterTree(_ pairs: [GraphComparison.Pair<NormalizedGraph.Subgraph>], comparison: GraphComparison,
                            drawn: Set<String>) -> [Cluster] {
        guard !pairs.isEmpty else { return [] }
        let byName = Dictionary(pairs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var home: [String: String] = [:]
        for pair in comparison.nodes where drawn.contains(pair.key) {
            let inNew = pair.new != nil
            var holders = pairs.filter { p in
                let version = inNew ? p.new : p.old
                return version?.nodes.contains(pair.key) ?? false
            }
            if holders.isEmpty && inNew {
                // Outside any cluster now, but inside one that was removed: drawn in
                // that (red, dashed) cluster, so the removal can be seen.
                holders = pairs.filter { $0.status == .removed && $0.old?.nodes.contains(pair.key) == true }
            }
            // Innermost: fewest nodes, then byte order.
            if let inner = holders.min(by: { a, b in
                let (x, y) = (a.current.nodes.count, b.current.nodes.count)
                return x != y ? x < y : ByteOrder.less(a.key, b.key)
            }) {
                home[pair.key] = inner.key
            }
        }
        var members: [String: [String]] = [:]
        for (node, cluster) in home { members[cluster, default: []].append(node) }
        var children: [String: [String]] = [:]
        var roots: [String] = []
        for pair in pairs {
            if let parent = pair.current.parent, byName[parent] != nil, parent != pair.key {
                children[parent, default: []].append(pair.key)
            } else {
                roots.append(pair.key)
            }
        }
        var visiting = Set<String>()
        func build(_ name: String) -> Cluster? {
            guard visiting.insert(name).inserted, let pair = byName[name] else { return nil }
            defer { visiting.remove(name) }
            let nested = ByteOrder.sorted(children[name] ?? []).compactMap(build)
            let direct = ByteOrder.sorted(members[name] ?? [])
            if nested.isEmpty && direct.isEmpty { return nil }
            return Cluster(name: name, status: pair.status, attributes: pair.current.attributes, nodes: direct, children: nested)
        }
        return ByteOrder.sorted(roots).compactMap(build)
    }

    /// Differences that have no place in the picture.
    package static func notDrawn(_ comparison: GraphComparison, model: DiffReport?) -> [String] {
        if let model {
            return model.sections.filter { !$0.items.isEmpty && $0.name != "entities" && $0.name != "relations" }.map {
                "\($0.name): \(DiffReport.counts($0))"
            }
        }
        var notes: [String] = []
        if let graph = comparison.report.section("graph")?.items.first {
            notes.append("graph: \(graph.fields.map(\.field).joined(separator: ", "))")
        }
        let subgraphs = comparison.subgraphs.filter { !$0.current.isCluster && $0.status != .unchanged }
        if !subgraphs.isEmpty {
            notes.append("subgraphs (not clusters): \(subgraphs.count) changed, added or removed")
        }
        return notes
    }

    /// A one-paragraph description for screen readers and the SVG's `<desc>`.
    public var summary: String {
        var text = "Differences from \(oldName) to \(newName): \(counts.added) added, \(counts.removed) removed, "
            + "\(counts.changed) changed, \(counts.unchanged) unchanged (nodes and edges drawn)."
        if let context { text += " Only changes and their neighbours within \(context) step\(context == 1 ? "" : "s") are drawn." }
        if !notDrawn.isEmpty { text += " Not drawn: \(notDrawn.joined(separator: "; "))." }
        return text
    }
}
