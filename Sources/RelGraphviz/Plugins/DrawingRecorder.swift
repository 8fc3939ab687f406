internal import CGraphviz
import Foundation
import RelGraph
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the ``Drawing`` that ``DrawingReader`` would read from Graphviz's SVG,
/// without writing or reading SVG: a render plugin (``format``) receives what
/// Graphviz draws (the same calls, with the same points, that its SVG renderer
/// receives) and this turns each call into what the SVG element it would write
/// reads back as.
///
/// Every number goes through what the SVG renderer does to it (coordinates
/// rounded to 2 decimals as `gvprintdouble` prints them, y negated, font sizes
/// printed `%.2f`, text and titles escaped as `xml_string0` escapes them) and
/// then through what ``DrawingReader`` does (the same sampling, text metrics and
/// transform), so the drawing, and ``Readability``'s numbers on it, are the
/// same as from the SVG (`RecordedMeasureTests` compares them). The page fit
/// (``PageFit``) measures its candidates this way: about a quarter of the work of
/// printing SVG and parsing it back.
///
/// Only used inside ``GraphvizContext``'s lock (the plugin state is global,
/// as Graphviz's is).
enum DrawingRecorder {
    /// The output format of the recording plugin.
    static let format = "relgraphmeasure"

    /// The drawing being recorded, while a recording runs.
    nonisolated(unsafe) static var builder: Builder?
    /// The plugin library, made once and handed to each new `GVC_t`.
    nonisolated(unsafe) private static var library: PluginLibrary?

    /// Adds the plugin to `gvc` (once).
    static func install(_ gvc: OpaquePointer) {
        let library = self.library ?? makeLibrary()
        self.library = library
        library.add(to: gvc)
    }

    /// What the SVG renderer and device declare (Graphviz's `core` plugin, the
    /// same from 2.42 to 14: render flags `Y_GOES_DOWN | DOES_TRANSFORM |
    /// DOES_LABELS | DOES_MAPS | DOES_TARGETS | DOES_TOOLTIPS`, pad 4, RGBA
    /// colours; device flags `DOES_LAYERS | DOES_TRUECOLOR`, 72 dpi): Graphviz
    /// then emits exactly what it emits for SVG. The point-list callbacks go
    /// through the shim's `relgraph_render_engine_t`, whose adapters take each
    /// Graphviz version's signature.
    private static func makeLibrary() -> PluginLibrary {
        let engine = UnsafeMutablePointer<relgraph_render_engine_t>.allocate(capacity: 1)
        engine.initialize(to: relgraph_render_engine_t())
        engine.pointee.engine.begin_graph = { job in DrawingRecorder.builder?.beginGraph(job!) }
        engine.pointee.engine.begin_page = { job in DrawingRecorder.builder?.beginPage(job!) }
        engine.pointee.engine.begin_node = { job in DrawingRecorder.builder?.beginNode(job!) }
        engine.pointee.engine.end_node = { _ in DrawingRecorder.builder?.endObject() }
        engine.pointee.engine.begin_edge = { job in DrawingRecorder.builder?.beginEdge(job!) }
        engine.pointee.engine.end_edge = { _ in DrawingRecorder.builder?.endObject() }
        engine.pointee.engine.textspan = { _, p, span in DrawingRecorder.builder?.text(p, span!) }
        engine.pointee.engine.ellipse = { _, a, _ in DrawingRecorder.builder?.ellipse(a!) }
        relgraph_render_engine_set_points(
            engine,
            { _, a, n in DrawingRecorder.builder?.polygon(a!, n) },
            { _, a, n in DrawingRecorder.builder?.polyline(a!, n) },
            { _, a, n in DrawingRecorder.builder?.bezier(a!, n) }
        )

        let renderFeatures = UnsafeMutablePointer<gvrender_features_t>.allocate(capacity: 1)
        renderFeatures.initialize(to: gvrender_features_t())
        renderFeatures.pointee.flags = Int32(GVRENDER_Y_GOES_DOWN | GVRENDER_DOES_TRANSFORM | GVRENDER_DOES_LABELS
            | GVRENDER_DOES_MAPS | GVRENDER_DOES_TARGETS | GVRENDER_DOES_TOOLTIPS)
        renderFeatures.pointee.default_pad = 4
        renderFeatures.pointee.color_type = RGBA_BYTE

        let deviceEngine = UnsafeMutablePointer<gvdevice_engine_t>.allocate(capacity: 1)
        deviceEngine.initialize(to: gvdevice_engine_t())
        let deviceFeatures = UnsafeMutablePointer<gvdevice_features_t>.allocate(capacity: 1)
        deviceFeatures.initialize(to: gvdevice_features_t())
        deviceFeatures.pointee.flags = Int32(GVDEVICE_DOES_LAYERS | GVDEVICE_DOES_TRUECOLOR)
        deviceFeatures.pointee.default_dpi = pointf(x: 72, y: 72)

        return PluginLibrary(package: "relgraph", plugins: [
            PluginLibrary.Plugin(api: API_render, type: format, quality: 1, engine: UnsafeMutableRawPointer(engine),
                                 features: UnsafeMutableRawPointer(renderFeatures)),
            PluginLibrary.Plugin(api: API_device, type: format + ":" + format, quality: 1,
                                 engine: UnsafeMutableRawPointer(deviceEngine), features: UnsafeMutableRawPointer(deviceFeatures)),
        ])
    }

    /// `x` as `gvprintdouble` prints it (`%.02f`, 0 within 1e-8) and a reader reads it back.
    static func printed(_ x: Double) -> Double {
        if x > -1e-8 && x < 1e-8 { return 0 }
        return fixed(x)
    }

    /// `x` printed `%g` (six significant digits) and read back.
    static func general(_ x: Double) -> Double {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%g", $0) }
        return strtod(buffer, nil)
    }

    /// `x` printed `%.2f` and read back.
    static func fixed(_ x: Double) -> Double {
        // printf rounds the exact value of x to hundredths; unless x * 100 lies near a
        // half (where the rounding of the product could matter), that is the integer
        // nearest the product, and reading "whole/100" back is the one correctly rounded
        // division whole / 100. Below 1e9 the product is within 1e-7 of the exact value.
        let scaled = x * 100
        let whole = scaled.rounded()
        if abs(abs(scaled - whole) - 0.5) > 1e-6, abs(scaled) < 1e9 { return whole / 100 }
        // Halfway cases (and anything near them) are left to printf's exact rounding.
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.2f", $0) }
        return strtod(buffer, nil)
    }

    /// `text` as `xml_string0` writes it (`raw`: every `&` escaped; else entities
    /// are kept) and ``XMLReader`` reads it back: the second and later of
    /// consecutive spaces become no-break spaces.
    static func roundTrip(_ text: String, raw: Bool) -> String {
        var plain = true
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "&") || (byte == 0x20 && previous == 0x20) || byte == 0x0D { plain = false; break }
            previous = byte
        }
        if plain { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "&") where raw || !isEntity(bytes, at: i): out += Array("&amp;".utf8)
            case 0x20 where i > 0 && bytes[i - 1] == 0x20: out += Array("&#160;".utf8)
            case 0x0A where raw: out += Array("&#10;".utf8)
            case 0x0D where raw: out += Array("&#13;".utf8)
            default: out.append(byte)
            }
        }
        return XMLReader.decode(out[...])
    }

    /// Whether an entity reference starts at `i` (Graphviz's `xml_isentity`).
    private static func isEntity(_ bytes: [UInt8], at i: Int) -> Bool {
        var j = i + 1
        guard j < bytes.count else { return false }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f")) }
        func isAlpha(_ b: UInt8) -> Bool { b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z") }
        if bytes[j] == UInt8(ascii: "#") {
            j += 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X") {
                j += 1
                while j < bytes.count, isHex(bytes[j]) { j += 1 }
            } else {
                while j < bytes.count, isDigit(bytes[j]) { j += 1 }
            }
        } else {
            while j < bytes.count, isAlpha(bytes[j]) { j += 1 }
        }
        return j < bytes.count && bytes[j] == UInt8(ascii: ";")
    }

    /// Turns the plugin's calls into a ``Drawing``, element by element as
    /// ``DrawingReader`` walks the SVG.
    final class Builder {
        var drawing = Drawing(width: 0, height: 0, pointsPerUnit: 1, widthPoints: 0, heightPoints: 0)
        /// Whether the SVG had a usable size.
        var sized = false
        /// The graph group's transform (the root `<svg>` has none).
        var transform = Geometry.Transform.identity
        /// Whether the graph group is left out (its id names a legend or caption).
        var skipped = false
        var entity: Int?
        var line: Int?
        let directed: Bool

        init(directed: Bool) {
            self.directed = directed
        }

        /// The root `<svg>`: `width="%dpt" height="%dpt"` and `viewBox="%.2f %.2f %.2f %.2f"`.
        func beginGraph(_ job: UnsafeMutablePointer<GVJ_t>) {
            var width: UInt32 = 0, height: UInt32 = 0
            var box = [0.0, 0.0, 0.0, 0.0]
            relgraph_job_header(job, &width, &height, &box)
            let viewBox = box.map(DrawingRecorder.fixed)
            let widthPt = Double(width), heightPt = Double(height)
            if viewBox[2] > 0, viewBox[3] > 0 {
                let perUnit = widthPt / viewBox[2]
                drawing = Drawing(width: viewBox[2], height: viewBox[3], pointsPerUnit: perUnit, widthPoints: widthPt, heightPoints: heightPt)
                sized = true
            } else if widthPt > 0, heightPt > 0 {
                drawing = Drawing(width: widthPt / 0.75, height: heightPt / 0.75, pointsPerUnit: 0.75, widthPoints: widthPt, heightPoints: heightPt)
                sized = true
            }
        }

        /// The graph group: `transform="scale(S S) rotate(R) translate(X Y)"`.
        func beginPage(_ job: UnsafeMutablePointer<GVJ_t>) {
            var values = [0.0, 0.0, 0.0, 0.0]
            var rotation: Int32 = 0, scalePrecise: Int32 = 0
            relgraph_job_transform(job, &values, &rotation, &scalePrecise)
            let s = values.indices.map { i in
                i < 2 && scalePrecise != 0 ? DrawingRecorder.general(values[i]) : DrawingRecorder.printed(i == 3 ? -values[i] : values[i])
            }
            let text = "scale(\(s[0]) \(s[1])) rotate(\(-rotation)) translate(\(s[2]) \(s[3]))"
            transform = Geometry.Transform.identity.concatenating(Geometry.Transform(svg: text))
            let id = relgraph_job_object_id(job).map { String(cString: $0) } ?? ""
            if Self.namesLegend(id) || Self.namesLegend(className(job)) {
                skipped = true
            } else if transform.scale > 0 {
                drawing.layoutScale = transform.scale
            }
        }

        private func className(_ job: UnsafeMutablePointer<GVJ_t>) -> String {
            guard let object = relgraph_job_object(job), let value = withMutableCString("class", { agget(object, $0) }) else { return "" }
            return String(cString: value)
        }

        private static func namesLegend(_ text: String) -> Bool {
            ByteSearch.contains(text, "legend") || ByteSearch.contains(text, "caption")
        }

        private func skips(_ job: UnsafeMutablePointer<GVJ_t>) -> Bool {
            let id = relgraph_job_object_id(job).map { String(cString: $0) } ?? ""
            return skipped || Self.namesLegend(id) || Self.namesLegend(className(job))
        }

        func beginNode(_ job: UnsafeMutablePointer<GVJ_t>) {
            guard !skips(job), let node = relgraph_job_object(job) else { return }
            let title = DrawingRecorder.roundTrip(String(cString: agnameof(node)), raw: false)
            drawing.entities.append(Drawing.Entity(title: title))
            entity = drawing.entities.count - 1
        }

        func beginEdge(_ job: UnsafeMutablePointer<GVJ_t>) {
            guard !skips(job), let object = relgraph_job_object(job) else { return }
            let edge = object.assumingMemoryBound(to: Agedge_t.self)
            func end(_ node: UnsafeMutablePointer<Agnode_t>?, _ port: UnsafePointer<CChar>?) -> String {
                var name = node.map { String(cString: agnameof(UnsafeMutableRawPointer($0))) } ?? ""
                if let port, port.pointee != 0 { name += ":" + String(cString: port) }
                return name
            }
            let title = end(relgraph_agtail(edge), relgraph_ed_tail_port(edge)) + (directed ? "->" : "--")
                + end(relgraph_aghead(edge), relgraph_ed_head_port(edge))
            let id = relgraph_job_object_id(job).map { String(cString: $0) } ?? ""
            drawing.lines.append(Drawing.Line(title: DrawingRecorder.roundTrip(title, raw: false), id: DrawingRecorder.roundTrip(id, raw: false)))
            line = drawing.lines.count - 1
        }

        func endObject() {
            entity = nil
            line = nil
        }

        private func point(_ p: pointf) -> Geometry.Point {
            Geometry.Point(x: DrawingRecorder.printed(p.x), y: DrawingRecorder.printed(-p.y))
        }

        /// `<text>`: anchor, x and y (baseline), font weight and size, content.
        func text(_ p: pointf, _ span: UnsafeMutablePointer<textspan_t>) {
            guard entity != nil || line != nil, let str = span.pointee.str else { return }
            let content = DrawingRecorder.roundTrip(String(cString: str), raw: true)
            guard !DrawingReader.isBlank(content) else { return }
            let anchor = switch UInt8(bitPattern: span.pointee.just) {
            case UInt8(ascii: "l"): "start"
            case UInt8(ascii: "r"): "end"
            default: "middle"
            }
            let x = DrawingRecorder.printed(p.x)
            let y = DrawingRecorder.printed(-(p.y + span.pointee.yoffset_centerline))
            var weight: String?
            if relgraph_span_has_alias(span) != 0, let w = relgraph_span_alias_weight(span) { weight = String(cString: w) }
            if weight == nil, relgraph_span_bold_flag(span) != 0 { weight = "bold" }
            let bold = weight.map { w in w.utf8.allSatisfy { $0 < 0x80 } ? ByteSearch.contains(w, "bold") : w.contains("bold") } ?? false
            let fontSize = DrawingRecorder.fixed(relgraph_span_size(span))
            let box = Geometry.TextMetrics.box(of: content, x: x, baseline: y, fontSize: fontSize, anchor: anchor, bold: bold)
            guard let transformed = Geometry.Box(points: [box.minX, box.maxX].flatMap { x in
                [box.minY, box.maxY].map { transform.apply(.init(x: x, y: $0)) }
            }) else { return }
            let text = Drawing.Text(content: content, box: transformed, fontSize: fontSize * transform.scale)
            if let entity { drawing.entities[entity].texts.append(text) } else if let line { drawing.lines[line].labels.append(text) }
        }

        /// `<path d="M…C…">` (the sampling of ``Geometry/SVGPathData/polylines(_:samples:)``).
        func bezier(_ a: UnsafeMutablePointer<pointf>, _ n: Int) {
            guard entity != nil || line != nil, n > 0 else { return }
            let samples = line != nil ? 16 : 4
            var current = [point(a[0])]
            var i = 1
            while i + 2 < n {
                current += Geometry.Bezier.sampleCubic(point(a[i - 1]), point(a[i]), point(a[i + 1]), point(a[i + 2]), samples: samples)
                i += 3
            }
            let polylines = current.count > 1 ? [current.map(transform.apply)] : []
            if let line {
                drawing.lines[line].polylines += polylines
            } else if let entity {
                let points = polylines.joined().map { $0 }
                grow(entity, by: points, outline: points)
            }
        }

        /// `<polygon points="…">` (the first point repeated at the end).
        func polygon(_ a: UnsafeMutablePointer<pointf>, _ n: Int) {
            guard entity != nil || line != nil, n > 0 else { return }
            var points = (0..<n).map { point(a[$0]) }
            points.append(points[0])
            shape(points.map(transform.apply))
        }

        /// `<polyline points="…">`.
        func polyline(_ a: UnsafeMutablePointer<pointf>, _ n: Int) {
            guard entity != nil || line != nil else { return }
            shape((0..<n).map { transform.apply(point(a[$0])) })
        }

        /// `<ellipse cx cy rx ry>`: A[0] is the centre, A[1] a corner.
        func ellipse(_ a: UnsafeMutablePointer<pointf>) {
            guard entity != nil || line != nil else { return }
            let cx = DrawingRecorder.printed(a[0].x), cy = DrawingRecorder.printed(-a[0].y)
            let rx = DrawingRecorder.printed(a[1].x - a[0].x), ry = DrawingRecorder.printed(a[1].y - a[0].y)
            let corners: [Geometry.Point] = [.init(x: cx - rx, y: cy - ry), .init(x: cx + rx, y: cy - ry),
                                             .init(x: cx - rx, y: cy + ry), .init(x: cx + rx, y: cy + ry)]
            if let entity {
                grow(entity, by: corners.map(transform.apply),
                     outline: Geometry.LineChecks.ellipse(cx: cx, cy: cy, rx: rx, ry: ry).map(transform.apply))
            } else if let line {
                drawing.lines[line].marks.append(corners.map(transform.apply))
            }
        }

        private func shape(_ points: [Geometry.Point]) {
            if let entity { grow(entity, by: points, outline: points) } else if let line { drawing.lines[line].marks.append(points) }
        }

        private func grow(_ entity: Int, by points: [Geometry.Point], outline: [Geometry.Point]) {
            guard let box = Geometry.Box(points: points) else { return }
            drawing.entities[entity].box = drawing.entities[entity].box?.union(box) ?? box
            if outline.count >= 3 { drawing.entities[entity].outlines.append(outline) }
        }
    }
}
