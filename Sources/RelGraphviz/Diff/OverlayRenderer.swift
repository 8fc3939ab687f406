import Foundation
import RelGraph
import RelGraphDrawing

/// Draws the overlay of `relgraph diff` through the same path as network
/// diagrams: ``GraphvizContext`` for layout and rendering, ``CanonicalDOT`` for
/// DOT, and relgraph's SVG post-processing (safe elements only, prefixed ids,
/// `role="img"`, sentences as `<title>`s, XML-checked).
public struct OverlayRenderer: Sendable {
    /// The Graphviz context used (the process-wide one by default).
    public var context: GraphvizContext

    /// Creates a renderer.
    public init(context: GraphvizContext = .shared) {
        self.context = context
    }

    /// The overlay as `format` (`dot` is canonical DOT without layout).
    public func render(_ overlay: DiffOverlay, format: RenderFormat, engine: LayoutEngine = .dot,
                       svg: SVGOptions = SVGOptions()) throws -> RenderOutput {
        let spec = OverlayGraph.spec(for: overlay)
        switch format {
        case .dot:
            return RenderOutput(data: try context.writeCanonicalDOT(spec), warnings: [])
        case .svg:
            let result = try context.render(spec, engine: engine, format: .svg)
            let processor = SVGPostProcessor(
                options: svg, title: "Differences from \(overlay.oldName) to \(overlay.newName)",
                summary: overlay.summary, titles: OverlayGraph.titles(for: overlay))
            return RenderOutput(data: try processor.process(result.data), warnings: result.warnings.map(\.text))
        case .png, .pdf:
            let result = try context.render(spec, engine: engine, format: OutputFormat(rawValue: format.rawValue))
            return RenderOutput(data: result.data, warnings: result.warnings.map(\.text))
        case .graphml:
            throw GraphvizError.unknownFormat("graphml (an overlay is drawn as dot, svg, png or pdf)")
        }
    }
}
