import Foundation
import RelGraph

/// The parts of a Graphviz SVG that readability is measured on: entities (node
/// groups), lines (edge groups), their text, and the drawing's size.
package struct Drawing {
    package struct Text {
        package var content: String
        package var box: Geometry.Box
        /// Font size in the drawing's user units (after transforms).
        package var fontSize: Double

        /// Creates a value from its parts.
        package init(content: String, box: Geometry.Box, fontSize: Double) {
            self.content = content
            self.box = box
            self.fontSize = fontSize
        }
    }

    package struct Entity {
        package var title: String
        package var box: Geometry.Box?
        package var texts: [Text] = []
        /// The outlines of its shapes (closed polygons; ellipses as 24-gons).
        package var outlines: [[Geometry.Point]] = []
        /// The token relgraph's SVG names it by (its `n-TOKEN` class; a list node's
        /// entries carry the list's), which lines name their ends by.
        package var token: String?
        /// The node group's id (relgraph's `PREFIX-entity-ID`, `PREFIX-list-ID`).
        package var id: String = ""

        /// Creates a value from its parts.
        package init(title: String, box: Geometry.Box? = nil, texts: [Text] = [], outlines: [[Geometry.Point]] = [], token: String? = nil, id: String = "") {
            self.title = title
            self.box = box
            self.texts = texts
            self.outlines = outlines
            self.token = token
            self.id = id
        }
    }

    package struct Line {
        package var title: String
        /// The edge group's id.
        package var id: String = ""
        package var polylines: [[Geometry.Point]] = []
        /// The points of its arrowheads and other end marks (polygons, polylines, ellipse boxes).
        package var marks: [[Geometry.Point]] = []
        package var labels: [Text] = []
        /// The tokens of the entities it joins (its `t-TOKEN` classes in relgraph's SVG).
        package var endTokens: [String] = []

        /// Creates a value from its parts.
        package init(title: String, id: String = "", polylines: [[Geometry.Point]] = [], marks: [[Geometry.Point]] = [], labels: [Text] = [], endTokens: [String] = []) {
            self.title = title
            self.id = id
            self.polylines = polylines
            self.marks = marks
            self.labels = labels
            self.endTokens = endTokens
        }
    }

    package var entities: [Entity] = []
    package var lines: [Line] = []
    /// The drawing's size in user units (the viewBox), and points per user unit.
    package var width: Double
    package var height: Double
    package var pointsPerUnit: Double
    /// The scale of the graph group's transform (Graphviz scales the whole
    /// drawing there when it is fitted to a `size`): layout units to user units.
    package var layoutScale = 1.0
    /// The drawing's size in points (the root's `width` and `height`).
    package var widthPoints: Double
    package var heightPoints: Double

    /// Creates a value from its parts.
    package init(entities: [Entity] = [], lines: [Line] = [], width: Double, height: Double, pointsPerUnit: Double, widthPoints: Double, heightPoints: Double) {
        self.entities = entities
        self.lines = lines
        self.width = width
        self.height = height
        self.pointsPerUnit = pointsPerUnit
        self.widthPoints = widthPoints
        self.heightPoints = heightPoints
    }
}

/// Reads a ``Drawing`` from SVG as Graphviz writes it (relgraph's or plain `dot -Tsvg`).
package struct DrawingReader {
    /// Samples per Bézier segment.
    package var samples = 16

    package func read(_ data: Data) throws(Readability.Error) -> Drawing {
        let root: XMLElement
        do {
            root = try XMLReader.parse(data)
        } catch {
            throw .unreadable("\(error)")
        }
        guard root.name == "svg" else { throw .notSVG(root.name) }
        let viewBox = root[attribute: "viewBox"].map(Geometry.SVGPathData.numbers) ?? []
        let widthPt = root[attribute: "width"].flatMap(Self.points)
        let heightPt = root[attribute: "height"].flatMap(Self.points)
        var drawing: Drawing
        if viewBox.count == 4, viewBox[2] > 0, viewBox[3] > 0 {
            // Without a width or height (relgraph's --responsive), a unit is a point, as Graphviz lays out.
            let perUnit = widthPt.map { $0 / viewBox[2] } ?? heightPt.map { $0 / viewBox[3] } ?? 1
            drawing = Drawing(
                width: viewBox[2], height: viewBox[3], pointsPerUnit: perUnit,
                widthPoints: widthPt ?? viewBox[2] * perUnit, heightPoints: heightPt ?? viewBox[3] * perUnit)
        } else if let widthPt, let heightPt, widthPt > 0, heightPt > 0 {
            drawing = Drawing(width: widthPt / 0.75, height: heightPt / 0.75, pointsPerUnit: 0.75, widthPoints: widthPt, heightPoints: heightPt)
        } else {
            throw .noSize
        }
        walk(root, transform: .identity, into: &drawing, entity: nil, line: nil)
        try check(drawing)
        return drawing
    }

    /// The entities and lines inside `group` (a graph group), in its own
    /// coordinates: its transform is not applied. Sizes are left at zero.
    package func parts(of group: XMLElement) -> Drawing {
        var drawing = Drawing(width: 0, height: 0, pointsPerUnit: 1, widthPoints: 0, heightPoints: 0)
        for case .element(let child) in group.children {
            walk(child, transform: .identity, into: &drawing, entity: nil, line: nil)
        }
        return drawing
    }

    /// The largest coordinate or size accepted, in user units: far beyond any
    /// drawing Graphviz makes, small enough that areas and products stay finite.
    package static let limit = 10_000_000.0

    /// Refuses sizes, coordinates and font sizes that are not finite or beyond ``limit``.
    package func check(_ drawing: Drawing) throws(Readability.Error) {
        func ok(_ v: Double) -> Bool { v.isFinite && abs(v) <= Self.limit }
        func ok(_ b: Geometry.Box) -> Bool { ok(b.minX) && ok(b.minY) && ok(b.maxX) && ok(b.maxY) }
        guard ok(drawing.widthPoints), ok(drawing.heightPoints), drawing.widthPoints > 0, drawing.heightPoints > 0,
            ok(drawing.width), ok(drawing.height)
        else { throw .noSize }
        let texts = drawing.entities.flatMap(\.texts) + drawing.lines.flatMap(\.labels)
        let fine =
            drawing.entities.allSatisfy { $0.box.map(ok) ?? true } && texts.allSatisfy { ok($0.box) && ok($0.fontSize) && $0.fontSize >= 0 }
            && drawing.lines.allSatisfy { $0.polylines.allSatisfy { $0.allSatisfy { ok($0.x) && ok($0.y) } } }
        guard fine else { throw .outOfRange(Self.limit) }
    }

    /// A length of the root's `width`/`height` in points (no unit means px).
    package static func points(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("pt", 1), ("px", 0.75), ("in", 72), ("cm", 72 / 2.54), ("mm", 7.2 / 2.54), ("pc", 12)]
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            return Double(trimmed.dropLast(unit.count)).map { $0 * factor }
        }
        return Double(trimmed).map { $0 * 0.75 }
    }

    private func walk(_ element: XMLElement, transform outer: Geometry.Transform, into drawing: inout Drawing, entity: Int?, line: Int?) {
        let transform = element[attribute: "transform"].map { outer.concatenating(Geometry.Transform(svg: $0)) } ?? outer
        var entity = entity, line = line
        switch element.name {
        case "g" where entity == nil && line == nil:
            let classes = (element[attribute: "class"] ?? "").split(separator: " ")
            let id = element[attribute: "id"] ?? ""
            // A legend or caption drawn as nodes and edges is not part of the network.
            if classes.contains(where: { ByteSearch.contains($0, "legend") || ByteSearch.contains($0, "caption") })
                || ByteSearch.contains(id, "legend") || ByteSearch.contains(id, "caption") {
                return
            }
            let title = Self.title(of: element)
            if classes.first == "graph", drawing.entities.isEmpty, drawing.lines.isEmpty, transform.scale > 0 {
                drawing.layoutScale = transform.scale
            }
            if classes.first == "node" {
                drawing.entities.append(Drawing.Entity(title: title, token: Self.token(of: element), id: id))
                entity = drawing.entities.count - 1
            } else if classes.first == "edge" {
                let ends = classes.filter { $0.hasPrefix("t-") }.map { String($0.dropFirst(2)) }
                drawing.lines.append(Drawing.Line(title: title, id: id, endTokens: ends))
                line = drawing.lines.count - 1
            }
        case "text":
            if let text = Self.text(element, transform: transform) {
                if let entity { drawing.entities[entity].texts.append(text) } else if let line { drawing.lines[line].labels.append(text) }
            }
            return
        case "path":
            let d = element[attribute: "d"] ?? ""
            if let line {
                let polylines = Geometry.SVGPathData.polylines(d, samples: samples).map { $0.map(transform.apply) }
                drawing.lines[line].polylines += polylines
            } else if let entity {
                let points = Geometry.SVGPathData.polylines(d, samples: 4).joined().map(transform.apply)
                grow(&drawing.entities[entity], by: points, outline: points)
            }
        case "polygon", "polyline":
            let points = Geometry.SVGPathData.points(element[attribute: "points"] ?? "").map(transform.apply)
            if let entity { grow(&drawing.entities[entity], by: points, outline: points) } else if let line { drawing.lines[line].marks.append(points) }
        case "ellipse", "circle", "rect":
            if let corners = Self.corners(of: element)?.map(transform.apply) {
                if let entity {
                    grow(&drawing.entities[entity], by: corners, outline: Self.outline(of: element)?.map(transform.apply) ?? [])
                } else if let line {
                    drawing.lines[line].marks.append(corners)
                }
            }
        case "title", "desc", "defs", "style", "script", "metadata":
            return
        default:
            break
        }
        for case .element(let child) in element.children {
            walk(child, transform: transform, into: &drawing, entity: entity, line: line)
        }
    }

    private func grow(_ entity: inout Drawing.Entity, by points: [Geometry.Point], outline: [Geometry.Point]) {
        guard let box = Geometry.Box(points: points) else { return }
        entity.box = entity.box?.union(box) ?? box
        if outline.count >= 3 { entity.outlines.append(outline) }
    }

    /// The `n-TOKEN` class of a node group, or of the first element inside it that
    /// has one (a list node's entries carry the list's token).
    private static func token(of element: XMLElement) -> String? {
        if let own = (element[attribute: "class"] ?? "").split(separator: " ").first(where: { $0.hasPrefix("n-") }) {
            return String(own.dropFirst(2))
        }
        for case .element(let child) in element.children {
            if let token = token(of: child) { return token }
        }
        return nil
    }

    /// The outline of an `ellipse`, `circle` (24-gons) or `rect`.
    private static func outline(of element: XMLElement) -> [Geometry.Point]? {
        switch element.name {
        case "rect":
            guard let w = number(element, "width"), let h = number(element, "height") else { return nil }
            let x = number(element, "x") ?? 0, y = number(element, "y") ?? 0
            return [.init(x: x, y: y), .init(x: x + w, y: y), .init(x: x + w, y: y + h), .init(x: x, y: y + h)]
        default:
            let cx = number(element, "cx") ?? 0, cy = number(element, "cy") ?? 0
            guard let rx = number(element, element.name == "circle" ? "r" : "rx") else { return nil }
            let ry = element.name == "circle" ? rx : number(element, "ry") ?? rx
            return Geometry.LineChecks.ellipse(cx: cx, cy: cy, rx: rx, ry: ry)
        }
    }

    private static func title(of element: XMLElement) -> String {
        for case .element(let child) in element.children where child.name == "title" { return child.text }
        return ""
    }

    private static func number(_ element: XMLElement, _ name: String) -> Double? {
        element[attribute: name].flatMap { Geometry.SVGPathData.numbers($0).first }
    }

    /// The corners of the box of an `ellipse`, `circle` or `rect`.
    private static func corners(of element: XMLElement) -> [Geometry.Point]? {
        switch element.name {
        case "rect":
            guard let w = number(element, "width"), let h = number(element, "height") else { return nil }
            let x = number(element, "x") ?? 0, y = number(element, "y") ?? 0
            return [.init(x: x, y: y), .init(x: x + w, y: y), .init(x: x, y: y + h), .init(x: x + w, y: y + h)]
        default:
            let cx = number(element, "cx") ?? 0, cy = number(element, "cy") ?? 0
            guard let rx = number(element, element.name == "circle" ? "r" : "rx") else { return nil }
            let ry = element.name == "circle" ? rx : number(element, "ry") ?? rx
            return [.init(x: cx - rx, y: cy - ry), .init(x: cx + rx, y: cy - ry), .init(x: cx - rx, y: cy + ry), .init(x: cx + rx, y: cy + ry)]
        }
    }

    /// A `<text>` element's estimated box, in transformed coordinates.
    private static func text(_ element: XMLElement, transform: Geometry.Transform) -> Drawing.Text? {
        let content = allText(element)
        guard !isBlank(content) else { return nil }
        let fontSize = number(element, "font-size") ?? 14
        let weight = element[attribute: "font-weight"] ?? ""
        // ASCII text: a byte match is Foundation's match (no combining marks).
        let bold = weight.utf8.allSatisfy { $0 < 0x80 } ? ByteSearch.contains(weight, "bold") : weight.contains("bold")
        let box = Geometry.TextMetrics.box(
            of: content, x: number(element, "x") ?? 0, baseline: number(element, "y") ?? 0, fontSize: fontSize,
            anchor: element[attribute: "text-anchor"] ?? "start", bold: bold)
        guard let transformed = Geometry.Box(points: [box.minX, box.maxX].flatMap { x in [box.minY, box.maxY].map { transform.apply(.init(x: x, y: $0)) } })
        else { return nil }
        return Drawing.Text(content: content, box: transformed, fontSize: fontSize * transform.scale)
    }

    /// Whether `text` is only white space (`CharacterSet.whitespaces`). ASCII text
    /// is decided on bytes (its only such characters are space and tab, every page
    /// fit candidate reads every text); other text goes through Foundation.
    package static func isBlank(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte != 0x20 && byte != 0x09 { return false }
        }
        return ascii || text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    private static func allText(_ element: XMLElement) -> String {
        element.children.map { child in
            switch child {
            case .text(let t): t
            case .element(let e): allText(e)
            }
        }.joined()
    }

    /// Creates a value from its parts.
    package init() {

    }
}
