import CGraphviz

/// Copies a cgraph graph into a ``ParsedGraph``. Used under ``GraphvizContext``'s lock.
enum GraphReader {
    static func extract(_ graph: UnsafeMutablePointer<Agraph_t>, warnings: [GraphvizMessage]) -> ParsedGraph {
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

        var nodes: [ParsedGraph.Node] = []
        var edges: [ParsedGraph.Edge] = []
        var node = agfstnode(graph)
        while let current = node {
            let nodeName = text(agnameof(UnsafeMutableRawPointer(current)))
            var attributes: GraphAttributes = [:]
            for symbol in nodeSymbols {
                guard let value = value(of: UnsafeMutableRawPointer(current), symbol), !value.text.isEmpty else { continue }
                let attributeName = name(of: symbol)
                if attributeName == "label", value == .string("\\N") { continue }
                attributes[attributeName] = value
            }
            nodes.append(ParsedGraph.Node(name: nodeName, attributes: attributes))
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
                edges.append(ParsedGraph.Edge(
                    tail: text(agnameof(UnsafeMutableRawPointer(relgraph_agtail(e)))),
                    head: text(agnameof(UnsafeMutableRawPointer(relgraph_aghead(e)))),
                    key: agnameof(UnsafeMutableRawPointer(e)).map { String(cString: $0) },
                    attributes: attributes))
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, current)
        }

        func subgraphs(of parent: UnsafeMutablePointer<Agraph_t>) -> [ParsedGraph.Subgraph] {
            var result: [ParsedGraph.Subgraph] = []
            var sub = agfstsubg(parent)
            while let current = sub {
                var attributes: GraphAttributes = [:]
                for symbol in graphSymbols {
                    let own = value(of: UnsafeMutableRawPointer(current), symbol) ?? .string("")
                    let inherited = value(of: UnsafeMutableRawPointer(parent), symbol) ?? .string("")
                    if own != inherited { attributes[name(of: symbol)] = own }
                }
                var members: [String] = []
                var member = agfstnode(current)
                while let m = member {
                    members.append(text(agnameof(UnsafeMutableRawPointer(m))))
                    member = agnxtnode(current, m)
                }
                result.append(ParsedGraph.Subgraph(
                    name: graphName(current, table: table), attributes: attributes,
                    nodes: members, subgraphs: subgraphs(of: current)))
                sub = agnxtsubg(current)
            }
            return result
        }

        return ParsedGraph(
            name: graphName(graph, table: table),
            directed: agisdirected(graph) != 0,
            strict: agisstrict(graph) != 0,
            attributes: rootAttributes,
            nodes: nodes,
            edges: edges,
            subgraphs: subgraphs(of: graph),
            warnings: warnings)
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
