import Foundation
import RelGraph
import RelGraphDrawing

extension DiffGraph {
    /// The graph that `parsed` describes, for comparison: effective node and edge
    /// attributes as cgraph resolved them, edge keys, and the clusters and
    /// attribute-setting subgraphs (flattened, each with its nearest kept parent).
    /// Subgraphs that set nothing, such as relgraph's `entities` block, only
    /// group statements and are left out.
    public init(_ parsed: ParsedGraph) {
        func values(_ attributes: GraphAttributes) -> [String: Value] {
            attributes.mapValues { Value($0.text, isHTML: $0.isHTML) }
        }
        var subgraphs: [Subgraph] = []
        func walk(_ list: [ParsedGraph.Subgraph], parent: String?) {
            for subgraph in list {
                let kept = subgraph.isCluster || !subgraph.attributes.isEmpty
                if kept {
                    subgraphs.append(Subgraph(
                        name: subgraph.name, parent: parent, attributes: values(subgraph.attributes),
                        nodes: Set(subgraph.nodes).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }))
                }
                walk(subgraph.subgraphs, parent: kept ? (subgraph.name ?? parent) : parent)
            }
        }
        walk(parsed.subgraphs, parent: nil)
        self.init(
            name: parsed.name, directed: parsed.directed, strict: parsed.strict,
            attributes: values(parsed.attributes),
            nodes: parsed.nodes.map { Node(name: $0.name, attributes: values($0.attributes)) },
            edges: parsed.edges.map { Edge(tail: $0.tail, head: $0.head, key: $0.key, attributes: values($0.attributes)) },
            subgraphs: subgraphs)
    }
}

/// Makes the graphs that `relgraph diff` compares.
public enum DiffGraphs {
    /// The graph in DOT text, read by cgraph (`agread` on an in-memory stream,
    /// the parser behind `agmemread`; see ``GraphvizContext/readDOT(_:)``), with
    /// the warnings Graphviz gave while reading.
    /// - Throws: ``GraphvizError`` (syntax errors carry Graphviz's message).
    public static func read(dot: Data, context: GraphvizContext = .shared) throws -> (graph: DiffGraph, warnings: [GraphvizMessage]) {
        let parsed = try context.readDOT(dot)
        return (DiffGraph(parsed), parsed.warnings)
    }

    /// The canonical graph of a network: drawn as `relgraph render --format dot`
    /// draws it (whole network, no view) and read back, so that it compares with
    /// DOT files relgraph wrote. Nodes are entity ids, edge keys relation keys.
    public static func canonical(_ network: Network, options: DiagramOptions = DiagramOptions(),
                                 context: GraphvizContext = .shared) throws -> DiffGraph {
        var renderOptions = RenderOptions()
        renderOptions.format = .dot
        renderOptions.diagram = options
        let dot = try Renderer(context: context).render(network, options: renderOptions).data
        return DiffGraph(try context.readDOT(dot))
    }
}
