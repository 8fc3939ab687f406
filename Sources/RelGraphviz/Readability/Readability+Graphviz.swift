import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphDrawing

extension Readability {
    /// Measures the drawing of `spec` laid out by `engine` without writing its SVG:
    /// the same report as `measure(svg:page:screenColumn:)` of Graphviz's SVG of
    /// it (``GraphvizContext/render(_:engine:format:)``), for about a quarter of the work.
    /// - Returns: the report and Graphviz's warnings.
    static func measure(_ spec: GraphSpec, engine: LayoutEngine, page: PageSize, screenColumn: Double = Readability.screenColumn,
                        context: GraphvizContext = .shared) throws -> (report: ReadabilityReport, warnings: [GraphvizMessage]) {
        let recorded = try context.recordDrawing(spec, engine: engine)
        return (measure(recorded.drawing, page: page, screenColumn: screenColumn), recorded.warnings)
    }
}
