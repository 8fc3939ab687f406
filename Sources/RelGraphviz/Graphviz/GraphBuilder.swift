import RelGraphDrawing
internal import CGraphviz

/// Builds a cgraph graph from a ``GraphSpec`` with cgraph calls only.
/// Used under ``GraphvizContext``'s lock.
struct GraphBuilder {
    let discipline: UnsafeMutablePointer<Agdisc_t>

    /// Opens and fills a graph. The caller closes it with `agclose`.
    /// `extraGraphAttributes` override the spec's root attributes (e.g. `linelength`).
    /// `releasingAsBuilt`: each node's and edge's attributes are let go once
    /// cgraph holds them, so that the spec shrinks while the graph grows (hand
    /// over the only copy of the spec: a shared one would be copied instead).
    func build(_ spec: consuming GraphSpec, extraGraphAttributes: [String: String] = [:],
               releasingAsBuilt: Bool = false) throws -> UnsafeMutablePointer<Agraph_t> {
        var spec = spec
        var desc = Agdesc_t()
        desc.directed = spec.directed ? 1 : 0
        desc.strict = spec.strict ? 1 : 0
        desc.maingraph = 1
        guard let graph = withMutableCString(spec.name, { agopen($0, desc, discipline) }) else {
            throw GraphvizError.invalidSpec("Graphviz could not open a graph named '\(spec.name)'")
        }
        do {
            try fill(graph, &spec, extraGraphAttributes, releasing: releasingAsBuilt)
        } catch {
            agclose(graph)
            throw error
        }
        return graph
    }

    private func fill(_ graph: UnsafeMutablePointer<Agraph_t>, _ spec: inout GraphSpec, _ extra: [String: String],
                      releasing: Bool) throws {
        // Declare every attribute once, in sorted order, with its default.
        var rootValues = spec.attributes
        for (name, value) in extra { rootValues[name] = .string(value) }
        var graphNames = Set(rootValues.keys)
        func collect(_ subgraph: GraphSpec.Subgraph) {
            graphNames.formUnion(subgraph.attributes.keys)
            subgraph.subgraphs.forEach(collect)
        }
        spec.subgraphs.forEach(collect)
        let graphSymbols = try declare(graph, kind: Int32(AGRAPH), names: graphNames, defaults: rootValues)

        var nodeNames = NameCollector(spec.nodeDefaults.keys)
        for node in spec.nodes { nodeNames.add(node.attributes.keys) }
        let nodeSymbols = try declare(graph, kind: Int32(AGNODE), names: nodeNames.names, defaults: spec.nodeDefaults)

        var edgeNames = NameCollector(spec.edgeDefaults.keys)
        for edge in spec.edges { edgeNames.add(edge.attributes.keys) }
        let edgeSymbols = try declare(graph, kind: Int32(AGEDGE), names: edgeNames.names, defaults: spec.edgeDefaults)

        // Nodes, in array order.
        var nodesByName: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        for index in spec.nodes.indices {
            let node = spec.nodes[index]
            if releasing { spec.nodes[index].attributes = [:] }
            guard let created = withMutableCString(node.name, { agnode(graph, $0, 1) }) else {
                throw GraphvizError.invalidSpec("Graphviz could not create node '\(node.name)'")
            }
            nodesByName[node.name] = created
            try set(node.attributes, on: UnsafeMutableRawPointer(created), symbols: nodeSymbols, graph: graph, once: true)
        }

        // Subgraphs, depth first in array order; attributes before children so they inherit.
        func make(_ subgraph: GraphSpec.Subgraph, in parent: UnsafeMutablePointer<Agraph_t>) throws {
            let created: UnsafeMutablePointer<Agraph_t>?
            if let name = subgraph.name {
                created = withMutableCString(name) { agsubg(parent, $0, 1) }
            } else {
                created = agsubg(parent, nil, 1)
            }
            guard let created else {
                throw GraphvizError.invalidSpec("Graphviz could not create subgraph '\(subgraph.name ?? "(anonymous)")'")
            }
            try set(subgraph.attributes, on: UnsafeMutableRawPointer(created), symbols: graphSymbols, graph: graph)
            for member in subgraph.nodes {
                guard let node = nodesByName[member] else {
                    throw GraphvizError.invalidSpec("subgraph lists the undeclared node '\(member)'")
                }
                _ = agsubnode(created, node, 1)
            }
            for child in subgraph.subgraphs { try make(child, in: created) }
        }
        for subgraph in spec.subgraphs { try make(subgraph, in: graph) }

        // Edges, in array order. Each one is a new edge, set once, unless the graph
        // is strict or two edges share a key (cgraph then hands back the first).
        var keys = Set<String>()
        keys.reserveCapacity(spec.edges.count)
        let edgesSetOnce = !spec.strict && spec.edges.allSatisfy { $0.key.map { keys.insert($0).inserted } ?? true }
        keys = []
        for index in spec.edges.indices {
            let edge = spec.edges[index]
            if releasing { spec.edges[index].attributes = [:] }
            guard let tail = nodesByName[edge.tail], let head = nodesByName[edge.head] else {
                throw GraphvizError.invalidSpec("edge '\(edge.tail)' -> '\(edge.head)' uses an undeclared node")
            }
            let created: UnsafeMutablePointer<Agedge_t>?
            if let key = edge.key {
                created = withMutableCString(key) { agedge(graph, tail, head, $0, 1) }
            } else {
                created = agedge(graph, tail, head, nil, 1)
            }
            guard let created else {
                throw GraphvizError.invalidSpec(
                    "Graphviz refused edge '\(edge.tail)' -> '\(edge.head)'\(edge.key.map { " (key '\($0)')" } ?? "")"
                        + (spec.strict ? ": a strict graph allows one edge per node pair" : ""))
            }
            try set(edge.attributes, on: UnsafeMutableRawPointer(created), symbols: edgeSymbols, graph: graph, once: edgesSetOnce)
        }
    }

    /// The attribute names of every node (or edge): the same dozen names, met
    /// hundreds of thousands of times. While there are few, a new name is looked
    /// for in a short list (comparing short strings costs less than hashing them).
    private struct NameCollector {
        private var list: [String] = []
        private var hashed: Set<String>?

        init(_ names: some Sequence<String>) {
            add(names)
        }

        mutating func add(_ names: some Sequence<String>) {
            for name in names {
                if hashed != nil {
                    hashed!.insert(name)
                } else if !list.contains(where: { GraphBuilder.sameName($0, name) }) {
                    list.append(name)
                    if list.count > 32 { hashed = Set(list) }
                }
            }
        }

        var names: Set<String> { hashed ?? Set(list) }
    }

    /// `a == b` for attribute names, which mostly differ in length: lengths
    /// are compared first (a stored count), so most names that differ are told
    /// apart without comparing their text.
    @inline(__always)
    fileprivate static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    /// The declared attributes of one kind: by name, and in sorted name order.
    private struct Symbols {
        var byName: [String: UnsafeMutablePointer<Agsym_t>] = [:]
        var sorted: [(name: String, symbol: UnsafeMutablePointer<Agsym_t>)] = []
    }

    private func declare(
        _ graph: UnsafeMutablePointer<Agraph_t>, kind: Int32, names: Set<String>, defaults: GraphAttributes
    ) throws -> Symbols {
        var symbols = Symbols()
        for name in names.sorted() {
            let value = intern(defaults[name] ?? .string(""), in: graph)
            guard let symbol = withMutableCString(name, { agattr(graph, kind, $0, value) }) else {
                throw GraphvizError.invalidSpec("Graphviz could not declare attribute '\(name)'")
            }
            symbols.byName[name] = symbol
            symbols.sorted.append((name, symbol))
        }
        return symbols
    }

    /// Sets `attributes` on `object` in attribute-name order (walking the declared
    /// names, which are sorted, rather than sorting each object's keys).
    ///
    /// `once`: `object` is new and no attribute of it will be set again. Its plain
    /// values then go to `agxset` as they are (which interns them itself), not
    /// interned first: the extra reference that interning leaves in the pool only
    /// matters when a value is replaced (it keeps the string, and so its plain or
    /// HTML flag, from being freed), and these never are.
    private func set(
        _ attributes: GraphAttributes, on object: UnsafeMutableRawPointer,
        symbols: Symbols, graph: UnsafeMutablePointer<Agraph_t>, once: Bool = false
    ) throws {
        if attributes.isEmpty { return }
        func apply(_ value: AttributeValue, _ symbol: UnsafeMutablePointer<Agsym_t>) {
            if once, case .string(let text) = value {
                _ = withMutableCString(text) { agxset(object, symbol, $0) }
            } else {
                _ = agxset(object, symbol, intern(value, in: graph))
            }
        }
        if attributes.count <= 16, symbols.sorted.count <= 32 {
            // Few names (every node and edge): each attribute finds its symbol's
            // place in a short scan of the sorted names (comparing short strings
            // costs less than hashing them), then the values are set in that order.
            let done = withUnsafeTemporaryAllocation(of: GraphAttributes.Index?.self, capacity: symbols.sorted.count) { slots in
                _ = slots.initialize(from: repeatElement(nil, count: slots.count))
                defer { slots.deinitialize() }
                var matched = 0
                var position = attributes.startIndex
                while position != attributes.endIndex {
                    let name = attributes[position].key
                    if let index = symbols.sorted.firstIndex(where: { Self.sameName($0.name, name) }) {
                        slots[index] = position
                        matched += 1
                    }
                    attributes.formIndex(after: &position)
                }
                for index in slots.indices {
                    if let position = slots[index] { apply(attributes[position].value, symbols.sorted[index].symbol) }
                }
                return matched == attributes.count
            }
            if done { return }
        } else {
            var matched = 0
            for (name, symbol) in symbols.sorted {
                guard let value = attributes[name] else { continue }
                apply(value, symbol)
                matched += 1
                if matched == attributes.count { return }
            }
        }
        for name in attributes.keys.sorted() where symbols.byName[name] == nil {
            throw GraphvizError.invalidSpec("attribute '\(name)' was not declared")
        }
    }

    /// The value as a string of the graph's pool, flagged HTML for `.html`.
    /// (One reference stays until `agclose` frees the pool.)
    private func intern(_ value: AttributeValue, in graph: UnsafeMutablePointer<Agraph_t>) -> UnsafeMutablePointer<CChar> {
        switch value {
        case .string(let text):
            return withMutableCString(text) { agstrdup(graph, $0) }
        case .html(let text):
            return withMutableCString(text) { agstrdup_html(graph, $0) }
        }
    }
}

/// Calls `body` with a mutable C copy of `text` (Graphviz 2.42 takes `char *`
/// where newer versions take `const char *`; it never writes through it).
func withMutableCString<R>(_ text: String, _ body: (UnsafeMutablePointer<CChar>) throws -> R) rethrows -> R {
    // No copy for native strings: Graphviz only reads (and copies) what it is given.
    try text.withCString { try body(UnsafeMutablePointer(mutating: $0)) }
}
