import Foundation
import RelGraph
import RelGraphDrawing

extension NormalizedGraph {
    /// The graph in DOT text, read by cgraph (`agread` on an in-memory stream,
    /// the parser behind `agmemread`; see ``GraphvizContext/readDOT(_:)``), in
    /// normal form, with the warnings Graphviz gave while reading.
    /// - Throws: ``GraphvizError`` (syntax errors carry Graphviz's message).
    public static func read(dot: Data, context: GraphvizContext = .shared) throws -> (graph: NormalizedGraph, warnings: [GraphvizMessage]) {
        let reading = try context.readDOT(dot)
        return (reading.graph.normalized(), reading.warnings)
    }

    /// The canonical graph of a network: drawn as `relgraph render --format dot`
    /// draws it (whole network, no view) and read back, so that it compares with
    /// DOT files relgraph wrote. Nodes are entity ids, edge keys relation keys.
    public static func canonical(_ network: Network, options: DiagramOptions = DiagramOptions(),
                                 context: GraphvizContext = .shared) throws -> NormalizedGraph {
        var renderOptions = RenderOptions()
        renderOptions.format = .dot
        renderOptions.diagram = options
        let dot = try Renderer(context: context).render(network, options: renderOptions).data
        return try context.readDOT(dot).graph.normalized()
    }
}
