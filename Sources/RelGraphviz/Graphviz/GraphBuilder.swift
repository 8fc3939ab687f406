import CGraphviz

/// Builds a cgraph graph from a ``GraphSpec`` with cgraph calls only.
/// Used under ``GraphvizContext``'s lock.
struct GraphBuilder {
    let discipline: UnsafeMutablePointer<Agdisc_t>

    /// Opens and fills a graph. The caller closes it with `agclose`.
    /// `extraGraphAttributes` override the spec's root attributes (e.g. `linelength`).
    func build(_ spec: GraphSpec, extraGraphAttributes: [String: String] = [:]) throws -> UnsafeMutablePointer<Agraph_t> {
        var desc = Agdesc_t()
        desc.directed = spec.directed ? 1 : 0
        desc.strict = spec.strict ? 1 : 0
        desc.maingraph = 1
        guard let graph = withMutableCString(spec.name, { agopen($0, desc, discipline) }) else {
            throw GraphvizError.invalidSpec("Graphviz could not open a graph named '\(spec.name)'")
        }
        do {
            try fill(graph, spec, extraGraphAttributes)
        } catch {
            agclose(graph)
            throw error
        }
        return graph
    }

    private func fill(_ graph: UnsafeMutablePointer<Agraph_t>, _ spec: GraphSpec, _ extra: [String: String]) throws {
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

        var nodeNames = Set(spec.nodeDefaults.keys)
        for node in spec.nodes { nodeNames.formUnion(node.attributes.keys) }
        let nodeSymbols = try declare(graph, kind: Int32(AGNODE), names: nodeNames, defaults: spec.nodeDefaults)

        var edgeNames = Set(spec.edgeDefaults.keys)
        for edge in spec.edges { edgeNames.formUnion(edge.attributes.keys) }
        let edgeSymbols = try declare(graph, kind: Int32(AGEDGE), names: edgeNames, defaults: spec.edgeDefaults)

        // Nodes, in array order.
        var nodesByName: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        for node in spec.nodes {
            guard let created = withMutableCString(node.name, { agnode(graph, $0, 1) }) else {
                throw GraphvizError.invalidSpec("Graphviz could not create node '\(node.name)'")
            }
            nodesByName[node.name] = created
            try set(node.attributes, on: UnsafeMutableRawPointer(created), symbols: nodeSymbols, graph: graph)
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

        // Edges, in array order.
        for edge in spec.edges {
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
            try set(edge.attributes, on: UnsafeMutableRawPointer(created), symbols: edgeSymbols, graph: graph)
        }
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
    private func set(
        _ attributes: GraphAttributes, on object: UnsafeMutableRawPointer,
        symbols: Symbols, graph: UnsafeMutablePointer<Agraph_t>
    ) throws {
        if attributes.isEmpty { return }
        var matched = 0
        for (name, symbol) in symbols.sorted {
            guard let value = attributes[name] else { continue }
            _ = agxset(object, symbol, intern(value, in: graph))
            matched += 1
            if matched == attributes.count { return }
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
