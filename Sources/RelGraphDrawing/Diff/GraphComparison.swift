import RelGraph
/// Two graphs compared by meaning, not by text: the order of statements, the
/// layout of the file and the way attributes are given (`node [color=red]; a`
/// or `a [color=red]`) make no difference.
///
/// - Nodes are matched by name and compared by effective attributes.
/// - Edges with a key are matched by (tail, head, key): the key tells parallel
///   edges apart. Edges without a key are matched within each (tail, head) pair:
///   equal attribute sets first, then the remaining ones pairwise, the pair that
///   shares most attribute values first; what is left is added or removed.
/// - In an undirected graph `a -- b` and `b -- a` are the same edge (end-specific
///   attributes such as `tailport`/`headport` are swapped to match).
/// - Clusters and attribute-setting subgraphs are matched by name (anonymous ones
///   by their set of nodes) and compared by attributes, enclosing subgraph and
///   nodes (cluster membership).
/// - The graph's kind (`digraph`, `strict graph`…), name and attributes are one item.
public struct GraphComparison: Sendable {
    /// One element present in the old version, the new one, or both.
    public struct Pair<Element: Sendable & Hashable>: Sendable, Hashable {
        /// The key shown in reports (`a`, `a -> b [k]`, `cluster_x`).
        public var key: String
        /// The old version, if any.
        public var old: Element?
        /// The new version, if any.
        public var new: Element?
        /// Added, removed, changed or unchanged.
        public var status: ChangeStatus
        /// The report item (`nil` when unchanged).
        public var item: DiffItem?

        /// The newest version there is.
        public var current: Element { (new ?? old)! }
    }

    /// The old graph.
    public var old: NormalizedGraph
    /// The new graph.
    public var new: NormalizedGraph
    /// Every node of either version, by name (byte order).
    public var nodes: [Pair<NormalizedGraph.Node>]
    /// Every edge of either version, by key (byte order). Undirected edges are
    /// written with their ends in byte order.
    public var edges: [Pair<NormalizedGraph.Edge>]
    /// Every kept subgraph of either version, by key.
    public var subgraphs: [Pair<NormalizedGraph.Subgraph>]
    /// The differences, as sections `graph`, `nodes`, `edges`, `subgraphs`.
    public var report: DiffReport

    /// Compares `old` with `new`; `oldSide`/`newSide` name them in the report.
    public init(old: NormalizedGraph, new: NormalizedGraph,
                oldSide: DiffReport.Side = .init(name: "old", kind: "dot"),
                newSide: DiffReport.Side = .init(name: "new", kind: "dot")) {
        self.old = old
        self.new = new
        nodes = Self.matchNodes(old, new)
        edges = Self.matchEdges(old, new)
        subgraphs = Self.matchSubgraphs(old, new)
        let graphItem = RecordComparison.item(old: Self.graphRecord(old), new: Self.graphRecord(new),
                                              order: FieldOrder(["graph kind", "graph name"]))
        report = DiffReport(old: oldSide, new: newSide, level: .graph, sections: [
            DiffSection(name: "graph", singular: "graph", items: graphItem.map { [$0] } ?? []),
            DiffSection(name: "nodes", singular: "node", items: nodes.compactMap(\.item)),
            DiffSection(name: "edges", singular: "edge", items: edges.compactMap(\.item)),
            DiffSection(name: "subgraphs", singular: "subgraph", items: subgraphs.compactMap(\.item)),
        ])
    }

    // MARK: Graph

    package static func graphRecord(_ graph: NormalizedGraph) -> DiffRecord {
        var fields = values(graph.attributes)
        fields["graph kind"] = .token(graph.kindName)
        if let name = graph.name { fields["graph name"] = .text(name) }
        return DiffRecord(key: "graph", summary: "\(graph.kindName) \(graph.name ?? "(anonymous)")", fields: fields)
    }

    package static func values(_ attributes: [String: AttributeValue]) -> [String: DiffValue] {
        attributes.mapValues(\.diffValue)
    }

    // MARK: Nodes

    package static func matchNodes(_ old: NormalizedGraph, _ new: NormalizedGraph) -> [Pair<NormalizedGraph.Node>] {
        var oldByName: [String: NormalizedGraph.Node] = [:]
        for node in old.nodes where oldByName[node.name] == nil { oldByName[node.name] = node }
        var newByName: [String: NormalizedGraph.Node] = [:]
        for node in new.nodes where newByName[node.name] == nil { newByName[node.name] = node }
        return ByteOrder.sorted(Set(oldByName.keys).union(newByName.keys)).map { name in
            let o = oldByName[name], n = newByName[name]
            return pair(key: name, old: o, new: n, record: { node in
                DiffRecord(key: name, summary: summary(of: node.attributes, name: name), fields: values(node.attributes))
            })
        }
    }

    /// A node's or edge's plain label when it says more than its name.
    package static func summary(of attributes: [String: AttributeValue], name: String?) -> String {
        guard let label = attributes["label"], !label.isHTML, label.text != name, label.text != "\\N", label.text != "\\E" else {
            return ""
        }
        return "“\(label.text)”"
    }

    package static func pair<T: Sendable & Hashable>(key: String, old: T?, new: T?, record: (T) -> DiffRecord) -> Pair<T> {
        let item = RecordComparison.item(old: old.map(record), new: new.map(record))
        let status: ChangeStatus = item?.status ?? .unchanged
        return Pair(key: key, old: old, new: new, status: status, item: item.map { var i = $0; i.key = key; return i })
    }

    // MARK: Edges

    package static func matchEdges(_ old: NormalizedGraph, _ new: NormalizedGraph) -> [Pair<NormalizedGraph.Edge>] {
        let normalize = !old.directed && !new.directed
        let op = new.edgeOperator
        func prepared(_ graph: NormalizedGraph) -> [NormalizedGraph.Edge] {
            normalize ? graph.edges.map { $0.normalizedUndirected() } : graph.edges
        }
        let oldEdges = prepared(old), newEdges = prepared(new)

        func endsKey(_ e: NormalizedGraph.Edge) -> String { e.tail + "\u{0}" + e.head }
        func record(_ key: String) -> (NormalizedGraph.Edge) -> DiffRecord {
            { edge in DiffRecord(key: key, summary: summary(of: edge.attributes, name: nil), fields: values(edge.attributes)) }
        }

        var pairs: [Pair<NormalizedGraph.Edge>] = []

        // Keyed edges: by (tail, head, key).
        var oldKeyed: [String: NormalizedGraph.Edge] = [:], newKeyed: [String: NormalizedGraph.Edge] = [:]
        for edge in oldEdges { if let key = edge.key { oldKeyed[endsKey(edge) + "\u{0}" + key] = edge } }
        for edge in newEdges { if let key = edge.key { newKeyed[endsKey(edge) + "\u{0}" + key] = edge } }
        for id in Set(oldKeyed.keys).union(newKeyed.keys) {
            let any = (newKeyed[id] ?? oldKeyed[id])!
            let key = "\(any.tail) \(op) \(any.head) [\(any.key!)]"
            pairs.append(pair(key: key, old: oldKeyed[id], new: newKeyed[id], record: record(key)))
        }

        // Edges without a key: within each (tail, head) group.
        var oldGroups: [String: [NormalizedGraph.Edge]] = [:], newGroups: [String: [NormalizedGraph.Edge]] = [:]
        for edge in oldEdges where edge.key == nil { oldGroups[endsKey(edge), default: []].append(edge) }
        for edge in newEdges where edge.key == nil { newGroups[endsKey(edge), default: []].append(edge) }
        for ends in Set(oldGroups.keys).union(newGroups.keys) {
            let matched = matchGroup(old: oldGroups[ends] ?? [], new: newGroups[ends] ?? [])
            let any = (matched[0].0 ?? matched[0].1)!
            let base = "\(any.tail) \(op) \(any.head)"
            for (index, (o, n)) in matched.enumerated() {
                let key = matched.count > 1 ? "\(base) #\(index + 1)" : base
                pairs.append(pair(key: key, old: o, new: n, record: record(key)))
            }
        }
        // Sort by key; "#10" after "#9" is not needed for meaning, only stability.
        return pairs.sorted { ByteOrder.less($0.key, $1.key) }
    }

    /// Pairs the key-less edges between the same two nodes.
    package static func matchGroup(old: [NormalizedGraph.Edge], new: [NormalizedGraph.Edge]) -> [(NormalizedGraph.Edge?, NormalizedGraph.Edge?)] {
        func canonical(_ edge: NormalizedGraph.Edge) -> String {
            edge.attributes.keys.sorted(by: ByteOrder.less).map { name in
                let value = edge.attributes[name]!
                return "\(name)=\(value.isHTML ? "<" : "\"")\(value.text)"
            }.joined(separator: "\u{0}")
        }
        let oldSorted = old.sorted { ByteOrder.less(canonical($0), canonical($1)) }
        var newLeft = new.sorted { ByteOrder.less(canonical($0), canonical($1)) }
        var result: [(NormalizedGraph.Edge?, NormalizedGraph.Edge?)] = []
        var oldLeft: [NormalizedGraph.Edge] = []
        // Equal attribute sets first.
        for edge in oldSorted {
            if let index = newLeft.firstIndex(where: { $0.attributes == edge.attributes }) {
                result.append((edge, newLeft.remove(at: index)))
            } else {
                oldLeft.append(edge)
            }
        }
        // Then the pair that shares most attribute values.
        for edge in oldLeft {
            guard !newLeft.isEmpty else {
                result.append((edge, nil))
                continue
            }
            var best = 0, bestScore = -1
            for (index, candidate) in newLeft.enumerated() {
                let score = edge.attributes.reduce(0) { $0 + (candidate.attributes[$1.key] == $1.value ? 1 : 0) }
                if score > bestScore { best = index; bestScore = score }
            }
            result.append((edge, newLeft.remove(at: best)))
        }
        for edge in newLeft { result.append((nil, edge)) }
        return result
    }

    // MARK: Subgraphs

    package static func matchSubgraphs(_ old: NormalizedGraph, _ new: NormalizedGraph) -> [Pair<NormalizedGraph.Subgraph>] {
        func keyed(_ graph: NormalizedGraph) -> [String: NormalizedGraph.Subgraph] {
            var result: [String: NormalizedGraph.Subgraph] = [:]
            for subgraph in graph.subgraphs {
                let base = subgraph.name ?? "{\(subgraph.nodes.joined(separator: " "))}"
                var key = base
                var n = 2
                while result[key] != nil { key = "\(base) #\(n)"; n += 1 }
                result[key] = subgraph
            }
            return result
        }
        let oldByKey = keyed(old), newByKey = keyed(new)
        return ByteOrder.sorted(Set(oldByKey.keys).union(newByKey.keys)).map { key in
            pair(key: key, old: oldByKey[key], new: newByKey[key], record: { subgraph in
                var fields = values(subgraph.attributes)
                fields["(nodes)"] = .list(subgraph.nodes)
                if let parent = subgraph.parent { fields["(inside)"] = .token(parent) }
                let label = subgraph.attributes["label"].map { " “\($0.text)”" } ?? ""
                return DiffRecord(key: key, summary: (subgraph.isCluster ? "cluster" : "subgraph") + label, fields: fields)
            })
        }
    }
}
