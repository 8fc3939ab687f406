import RelGraphDrawing
internal import CGraphviz

/// Copies a cgraph graph into a ``DOTReading``. Used under ``GraphvizContext``'s lock.
///
/// Values are read by meaning, the way Graphviz's own writer (`agwrite`, `dot -Tcanon`)
/// treats them, so that a graph and the same graph written by Graphviz read the same:
/// - An empty value is no value (Graphviz draws it with its built-in default).
/// - A node default a subgraph declares (`node [shape=box]`) holds for every node of
///   the subgraph that has no value of its own, also for nodes named before the
///   declaration: Graphviz writes a subgraph's defaults before all its nodes.
/// - A subgraph's graph attribute counts when it differs from the enclosing graph's
///   value and is not empty, or is empty because the subgraph itself says so
///   (`label=""`), not because the enclosing graph set it after the subgraph began.
enum GraphReader {
    static func extract(_ graph: UnsafeMutablePointer<Agraph_t>, warnings: [GraphvizMessage]) -> DOTReading {
        let table = IdTable.of(graph)
        let graphSymbols = symbols(graph, kind: Int32(AGRAPH))
        let nodeSymbols = symbols(graph, kind: Int32(AGNODE))
        let edgeSymbols = symbols(graph, kind: Int32(AGEDGE))

        var rootAttributes: GraphAttributes = [:]
        for symbol in graphSymbols {
            if let value = value(of: UnsafeMutableRawPointer(graph), symbol), !value.text.isEmpty {
                rootAttributes[name(of: symbol)] = value
            }
        }

        let subgraphDefaults = nodeDefaultsFromSubgraphs(graph, symbols: nodeSymbols)
        var nodes: [GraphSpec.Node] = []
        var edges: [GraphSpec.Edge] = []
        var node = agfstnode(graph)
        while let current = node {
            let nodeName = text(agnameof(UnsafeMutableRawPointer(current)))
            var attributes: GraphAttributes = [:]
            let defaults = subgraphDefaults[nodeName] ?? [:]
            for symbol in nodeSymbols {
                let attributeName = name(of: symbol)
                guard let value = nonEmpty(value(of: UnsafeMutableRawPointer(current), symbol)) ?? defaults[attributeName] else { continue }
                if attributeName == "label", value == .string("\\N") { continue }
                attributes[attributeName] = value
            }
            nodes.append(GraphSpec.Node(nodeName, attributes: attributes))
            node = agnxtnode(graph, current)
        }
        node = agfstnode(graph)
        while let current = node {
            var edge = agfstout(graph, current)
            while let e = edge {
                var attributes: GraphAttributes = [:]
                for symbol in edgeSymbols {
                    if let value = value(of: UnsafeMutableRawPointer(e), symbol), !value.text.isEmpty {
                        attributes[name(of: symbol)] = value
                    }
                }
                edges.append(GraphSpec.Edge(
                    text(agnameof(UnsafeMutableRawPointer(relgraph_agtail(e)))),
                    text(agnameof(UnsafeMutableRawPointer(relgraph_aghead(e)))),
                    key: agnameof(UnsafeMutableRawPointer(e)).map { String(cString: $0) },
                    attributes: attributes))
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, current)
        }

        func subgraphs(of parent: UnsafeMutablePointer<Agraph_t>) -> [GraphSpec.Subgraph] {
            var result: [GraphSpec.Subgraph] = []
            var sub = agfstsubg(parent)
            while let current = sub {
                var attributes: GraphAttributes = [:]
                for symbol in graphSymbols {
                    let own = value(of: UnsafeMutableRawPointer(current), symbol) ?? .string("")
                    let inherited = value(of: UnsafeMutableRawPointer(parent), symbol) ?? .string("")
                    guard own != inherited else { continue }
                    // An empty value left from the subgraph's creation (the enclosing graph
                    // set the attribute later) is no setting; `label=""` written in the
                    // subgraph is one (it clears an inherited title).
                    if own.text.isEmpty && !declaresLocally(current, parent: parent, symbol) { continue }
                    attributes[name(of: symbol)] = own
                }
                var members: [String] = []
                var member = agfstnode(current)
                while let m = member {
                    members.append(text(agnameof(UnsafeMutableRawPointer(m))))
                    member = agnxtnode(current, m)
                }
                result.append(GraphSpec.Subgraph(
                    graphName(current, table: table), attributes: attributes,
                    nodes: members, subgraphs: subgraphs(of: current)))
                sub = agnxtsubg(current)
            }
            return result
        }

        let read = GraphSpec(
            name: graphName(graph, table: table) ?? "",
            directed: agisdirected(graph) != 0,
            strict: agisstrict(graph) != 0,
            attributes: rootAttributes,
            nodes: nodes,
            edges: edges,
            subgraphs: subgraphs(of: graph))
        return DOTReading(graph: read, warnings: warnings)
    }

    /// Node name → the node defaults declared by the subgraphs holding it (a value
    /// that differs from the enclosing graph's default), the innermost subgraph's
    /// winning; walked in cgraph's subgraph order.
    private static func nodeDefaultsFromSubgraphs(
        _ graph: UnsafeMutablePointer<Agraph_t>, symbols: [UnsafeMutablePointer<Agsym_t>]
    ) -> [String: GraphAttributes] {
        var result: [String: GraphAttributes] = [:]
        func walk(_ parent: UnsafeMutablePointer<Agraph_t>) {
            var sub = agfstsubg(parent)
            while let current = sub {
                var declared: GraphAttributes = [:]
                for symbol in symbols {
                    let attributeName = name(of: symbol)
                    guard let own = agattr(current, Int32(AGNODE), symbol.pointee.name, nil),
                          let ownDefault = own.pointee.defval, ownDefault.pointee != 0 else { continue }
                    let inherited = agattr(parent, Int32(AGNODE), symbol.pointee.name, nil)?.pointee.defval
                    if let inherited, strcmp(inherited, ownDefault) == 0 { continue }
                    declared[attributeName] = aghtmlstr(ownDefault) != 0
                        ? .html(String(cString: ownDefault)) : .string(String(cString: ownDefault))
                }
                if !declared.isEmpty {
                    var member = agfstnode(current)
                    while let m = member {
                        result[text(agnameof(UnsafeMutableRawPointer(m))), default: [:]].merge(declared) { _, deeper in deeper }
                        member = agnxtnode(current, m)
                    }
                }
                walk(current)
                sub = agnxtsubg(current)
            }
        }
        walk(graph)
        return result
    }

    /// Whether `subgraph` declares `symbol` itself (`color=x` or `graph [color=x]`
    /// inside it) rather than seeing its enclosing graph's declaration.
    private static func declaresLocally(_ subgraph: UnsafeMutablePointer<Agraph_t>, parent: UnsafeMutablePointer<Agraph_t>,
                                        _ symbol: UnsafeMutablePointer<Agsym_t>) -> Bool {
        agattr(subgraph, Int32(AGRAPH), symbol.pointee.name, nil) != agattr(parent, Int32(AGRAPH), symbol.pointee.name, nil)
    }

    private static func nonEmpty(_ value: AttributeValue?) -> AttributeValue? {
        guard let value, !value.text.isEmpty else { return nil }
        return value
    }

    /// The name of a graph or subgraph; `nil` when cgraph made it up (`%N`).
    private static func graphName(_ graph: UnsafeMutablePointer<Agraph_t>, table: IdTable?) -> String? {
        let raw = UnsafeMutableRawPointer(graph)
        let id = relgraph_agid(raw)
        let name = text(agnameof(raw))
        if table?.name(objtype: Int32(AGRAPH), id: id) != nil { return name }
        return name == "%\(id)" ? nil : name
    }

    private static func symbols(_ graph: UnsafeMutablePointer<Agraph_t>, kind: Int32) -> [UnsafeMutablePointer<Agsym_t>] {
        var result: [UnsafeMutablePointer<Agsym_t>] = []
        var symbol = agnxtattr(graph, kind, nil)
        while let current = symbol {
            result.append(current)
            symbol = agnxtattr(graph, kind, current)
        }
        return result
    }

    private static func name(of symbol: UnsafeMutablePointer<Agsym_t>) -> String {
        text(symbol.pointee.name)
    }

    private static func value(of object: UnsafeMutableRawPointer, _ symbol: UnsafeMutablePointer<Agsym_t>) -> AttributeValue? {
        guard let raw = agxget(object, symbol) else { return nil }
        let string = String(cString: raw)
        return aghtmlstr(raw) != 0 ? .html(string) : .string(string)
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
