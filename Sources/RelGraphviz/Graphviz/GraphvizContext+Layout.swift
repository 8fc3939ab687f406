internal import CGraphviz
import Foundation
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Layouts and drawings: render, layout, the geometry of a layout, a recorded drawing.
extension GraphvizContext {
    /// Lays out the graph built from `spec` with `engine` and renders it as
    /// `format`, in one critical section: `gvLayout`, `gvRenderData`,
    /// `gvFreeRenderData`, `gvFreeLayout`, `agclose`.
    ///
    /// As in ``writeDOT(_:)``, `linelength=0` is set on the graph, so the DOT
    /// family of outputs (`dot`, `xdot`, `canon`) never wraps long strings.
    /// Graphviz warnings (e.g. `nosuchcolor is not a known color.`) are returned
    /// in ``RenderResult/warnings``; any error-level message fails the call.
    ///
    /// - Throws: ``GraphvizError/unknownEngine(_:)``, ``GraphvizError/unknownFormat(_:)``,
    ///   ``GraphvizError/layoutFailed(message:)`` or ``GraphvizError/renderFailed(message:)``
    ///   (also when Graphviz reported an error but still returned success), or
    ///   ``GraphvizError/invalidSpec(_:)``.
    public func render(_ spec: GraphSpec, engine: LayoutEngine = .dot, format: OutputFormat) throws -> RenderResult {
        try render(spec, engine: engine, format: format, textCache: nil)
    }

    /// ``render(_:engine:format:)``, with text sizes from `textCache` where it has
    /// them (``TextMeasureCache``) when `format` is SVG (which, unlike PNG and PDF,
    /// draws no text with Pango's layouts).
    func render(_ spec: GraphSpec, engine: LayoutEngine, format: OutputFormat, textCache: TextMeasureCache?) throws -> RenderResult {
        try spec.validate()
        try Self.checkName(engine.rawValue, "engine")
        try Self.checkName(format.rawValue, "format")
        return try withSession(textCache: format == .svg ? textCache : nil) { session in
            let graph = try session.build(spec, extraGraphAttributes: ["linelength": "0"])
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: engine)
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            let status = format.rawValue.withCString { relgraph_render_data(session.gvc, graph, $0, &result, &length) }
            defer { if let result { gvFreeRenderData(result) } }
            let messages = session.messages()
            if status != 0 {
                // 2.42: "renderer for NAME is unavailable"; later: "Format: "NAME" not recognized...".
                if messages.contains(where: {
                    ($0.text.hasPrefix("Format:") && $0.text.contains("not recognized"))
                        || ($0.text.hasPrefix("renderer for") && $0.text.contains("unavailable"))
                }) {
                    throw GraphvizError.unknownFormat(format.rawValue)
                }
                throw GraphvizError.renderFailed(message: Self.text(of: messages, or: "gvRenderData returned \(status)"))
            }
            if messages.contains(where: { $0.level == .error }) {
                throw GraphvizError.renderFailed(message: Self.text(of: messages, or: ""))
            }
            let data = result.map { Data(bytes: $0, count: length) } ?? Data()
            return RenderResult(data: data, warnings: messages)
        }
    }

    /// Lays out the graph built from `spec` with `engine` and returns every
    /// node's centre and size and the graph's bounding box (points), then frees
    /// the layout.
    ///
    /// Use with ``GraphSpec/pinned(to:)`` and ``LayoutEngine/nop2`` to draw
    /// subsets of a graph with nodes at the same place (timeline frames).
    public func layout(_ spec: GraphSpec, engine: LayoutEngine = .dot) throws -> LayoutResult {
        try layout(spec, engine: engine, textCache: nil)
    }

    /// ``layout(_:engine:)``, with text sizes from `textCache` where it has them (``TextMeasureCache``).
    func layout(_ spec: GraphSpec, engine: LayoutEngine, textCache: TextMeasureCache?) throws -> LayoutResult {
        try withLayout(spec, engine: engine, textCache: textCache) { graph, session in
            var nodes: [LayoutResult.NodeLayout] = []
            var node = agfstnode(graph)
            while let current = node {
                nodes.append(LayoutResult.NodeLayout(
                    name: String(cString: agnameof(UnsafeMutableRawPointer(current))),
                    x: relgraph_nd_x(current),
                    y: relgraph_nd_y(current),
                    width: relgraph_nd_width(current) * 72,
                    height: relgraph_nd_height(current) * 72))
                node = agnxtnode(graph, current)
            }
            var box = (0.0, 0.0, 0.0, 0.0)
            relgraph_gd_bb(graph, &box.0, &box.1, &box.2, &box.3)
            return LayoutResult(
                nodes: nodes,
                boundingBox: LayoutResult.Box(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3),
                warnings: session.messages())
        }
    }

    /// Lays out the graph built from `spec` with `engine` and returns where
    /// Graphviz put everything, as its own attribute text: each node's `pos`,
    /// each edge's `pos` (its spline) and `lp` (its label's place), by the edge's
    /// `id` attribute, and the bounding box. Then frees the layout.
    ///
    /// Used to lay out the parts of a drawing separately and draw them together
    /// with ``LayoutEngine/nop2``, which takes node and edge positions as given.
    public func layoutGeometry(_ spec: GraphSpec, engine: LayoutEngine = .dot) throws -> LayoutGeometry {
        try layoutGeometry(spec, engine: engine, textCache: nil)
    }

    /// ``layoutGeometry(_:engine:)``, with text sizes from `textCache` where it has them (``TextMeasureCache``).
    func layoutGeometry(_ spec: GraphSpec, engine: LayoutEngine, textCache: TextMeasureCache?) throws -> LayoutGeometry {
        try withLayout(spec, engine: engine, textCache: textCache) { graph, _ in
            attach_attrs(graph)
            func value(_ object: UnsafeMutableRawPointer, _ name: String) -> String? {
                guard let text = name.withCString({ agget(object, UnsafeMutablePointer(mutating: $0)) }) else { return nil }
                let result = String(cString: text)
                return result.isEmpty ? nil : result
            }
            var geometry = LayoutGeometry()
            var node = agfstnode(graph)
            while let current = node {
                let object = UnsafeMutableRawPointer(current)
                if let pos = value(object, "pos") {
                    geometry.nodePositions[String(cString: agnameof(object))] = pos
                }
                var edge = agfstout(graph, current)
                while let e = edge {
                    let edgeObject = UnsafeMutableRawPointer(e)
                    if let id = value(edgeObject, "id"), let pos = value(edgeObject, "pos") {
                        geometry.edgeRoutes[id] = LayoutGeometry.Route(spline: pos, labelPosition: value(edgeObject, "lp"))
                    }
                    edge = agnxtout(graph, e)
                }
                node = agnxtnode(graph, current)
            }
            var box = (0.0, 0.0, 0.0, 0.0)
            relgraph_gd_bb(graph, &box.0, &box.1, &box.2, &box.3)
            geometry.boundingBox = LayoutResult.Box(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3)
            return geometry
        }
    }

    /// Lays out the graph built from `spec` with `engine` and records what
    /// Graphviz draws (``DrawingRecorder``) as the ``Drawing`` that
    /// ``DrawingReader`` reads from its SVG, without writing SVG.
    /// ``Readability`` measures it as it measures the SVG (see
    /// `Readability.measure(_:engine:page:context:)`).
    ///
    /// With `svg`, the same layout is also rendered as SVG (the bytes
    /// ``render(_:engine:format:)`` gives, for engines that do not lay a graph out
    /// the same way twice in one process, such as `neato` and `sfdp`).
    ///
    /// - Returns: the drawing, the SVG when asked for, and Graphviz's warnings
    ///   (those of the SVG rendering when there is one).
    /// Text sizes come from `textCache` where it has them (``TextMeasureCache``):
    /// neither the recording nor SVG draws with Pango's layouts.
    ///
    /// - Throws: as ``render(_:engine:format:)``, or ``Readability/Error`` when
    ///   the drawing has no usable size or is out of range (as reading its SVG would).
    func recordDrawing(_ spec: GraphSpec, engine: LayoutEngine = .dot, svg: Bool = false, textCache: TextMeasureCache? = nil)
        throws -> (drawing: Drawing, svg: Data?, warnings: [GraphvizMessage]) {
        try spec.validate()
        try Self.checkName(engine.rawValue, "engine")
        let directed = spec.directed
        let recorded: (drawing: Drawing, svg: Data?, warnings: [GraphvizMessage]) = try withSession(textCache: textCache) { session in
            let graph = try session.build(spec, extraGraphAttributes: ["linelength": "0"])
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: engine)
            var svgData: Data?
            var svgMessages: [GraphvizMessage] = []
            if svg {
                var result: UnsafeMutablePointer<CChar>?
                var length = 0
                let status = relgraph_render_data(session.gvc, graph, "svg", &result, &length)
                defer { if let result { gvFreeRenderData(result) } }
                svgMessages = session.messages()
                if status != 0 || svgMessages.contains(where: { $0.level == .error }) {
                    throw GraphvizError.renderFailed(message: Self.text(of: svgMessages, or: "gvRenderData returned \(status)"))
                }
                svgData = result.map { Data(bytes: $0, count: length) } ?? Data()
            }
            DrawingRecorder.install(session.gvc)
            let builder = DrawingRecorder.Builder(directed: directed)
            DrawingRecorder.builder = builder
            defer { DrawingRecorder.builder = nil }
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            let status = DrawingRecorder.format.withCString { relgraph_render_data(session.gvc, graph, $0, &result, &length) }
            if let result { gvFreeRenderData(result) }
            let messages = session.messages()
            if status != 0 || messages.contains(where: { $0.level == .error }) {
                throw GraphvizError.renderFailed(message: Self.text(of: messages, or: "gvRenderData returned \(status)"))
            }
            guard builder.sized else { throw Readability.Error.noSize }
            return (builder.drawing, svgData, svg ? svgMessages : messages)
        }
        try DrawingReader().check(recorded.drawing)
        return recorded
    }

    /// Builds the graph of `spec`, lays it out with `engine`, hands it to `body`,
    /// then frees the layout and the graph: one critical section. Text sizes come
    /// from `textCache` where it has them.
    func withLayout<T>(_ spec: GraphSpec, engine: LayoutEngine, textCache: TextMeasureCache? = nil,
                               _ body: (UnsafeMutablePointer<Agraph_t>, Session) throws -> T) throws -> T {
        try spec.validate()
        try Self.checkName(engine.rawValue, "engine")
        return try withSession(textCache: textCache) { session in
            let graph = try session.build(spec)
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: engine)
            return try body(graph, session)
        }
    }
}
