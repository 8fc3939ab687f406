import Foundation
import RelGraph

/// An earlier drawing of a network, read back from the SVG relgraph wrote: where
/// each entity and folded list sat, how large it was, and the drawing settings
/// (its ``LayoutNote``). ``Renderer`` draws a new version in this layout when
/// ``RenderOptions/layoutFrom`` is set (`render --layout-from OLD.svg`).
///
/// Positions are Graphviz points with y up, as Graphviz lays out: the SVG's
/// coordinates with its transform undone. Entities are found by the ids relgraph
/// gives their groups (`PREFIX-entity-ID`, `PREFIX-list-ID`), whatever the
/// prefix; an entity shown inside a folded list is found at the list's place.
public struct PreviousDrawing: Sendable, Equatable {
    /// Where an entity or list was.
    public struct Placed: Sendable, Equatable {
        /// Its centre, in points (y up).
        public var centre: Geometry.Point
        /// Its size, in points.
        public var width: Double
        public var height: Double

        /// Creates a value from its parts.
        package init(centre: Geometry.Point, width: Double, height: Double) {
            self.centre = centre
            self.width = width
            self.height = height
        }
    }

    /// Entities and lists by their group id without the drawing's prefix
    /// (`entity-ID`, `list-ID`, as `XMLName` writes them).
    public var nodes: [String: Placed]
    /// The group ids (`entity-ID`) of entities drawn inside a list, and the list's.
    public var listOf: [String: String]
    /// The settings it was drawn with, when it says (relgraph 0.2 and later).
    public var note: LayoutNote?

    /// Why an SVG cannot be read as an earlier drawing.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// A line as it was drawn: its spline and the tips of its end marks, in points (y up).
    public struct Route: Sendable, Equatable {
        /// The Bézier points Graphviz drew: a start and three more per segment.
        public var points: [Geometry.Point]
        /// The tip of the mark at the tail (`s,x,y` of Graphviz's `pos`), when it has one.
        public var start: Geometry.Point?
        /// The tip of the arrowhead (`e,x,y`), when it has one.
        public var end: Geometry.Point?

        /// Graphviz's `pos` for an edge drawn this way.
        public var pos: String {
            func text(_ p: Geometry.Point) -> String { "\(GraphSpec.number(PreviousDrawing.round(p.x))),\(GraphSpec.number(PreviousDrawing.round(p.y)))" }
            var parts: [String] = []
            if let start { parts.append("s,\(text(start))") }
            if let end { parts.append("e,\(text(end))") }
            return (parts + points.map(text)).joined(separator: " ")
        }
    }

    /// Lines by their group id without the prefix (`relation-KEY`).
    public var lines: [String: Route] = [:]

    /// Reads `svg`.
    /// - Throws: ``Problem`` when it is not SVG, or has no entity relgraph drew.
    public init(svg: Data) throws {
        let root: XMLElement
        do {
            root = try XMLReader.parse(svg)
        } catch {
            throw Problem(description: "cannot read the earlier drawing: \(error)")
        }
        guard root.name == "svg" else { throw Problem(description: "the earlier drawing is not SVG (its root is <\(root.name)>)") }
        let rootID = root[attribute: "id"] ?? ""
        let prefix = rootID.hasSuffix("-root") ? String(rootID.dropLast(5)) + "-" : ""
        func own(_ id: String) -> String? {
            let stripped = !prefix.isEmpty && id.hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
            return stripped.hasPrefix("entity-") || stripped.hasPrefix("list-") || stripped.hasPrefix("relation-") ? stripped : nil
        }
        var note: LayoutNote?
        var graph: XMLElement?
        for case .element(let child) in root.children {
            if child.name == "metadata", child[attribute: "class"] == "relgraph-layout" { note = note ?? LayoutNote(text: child.text) }
            if child.name == "g", graph == nil, (child[attribute: "class"] ?? "").split(separator: " ").first == "graph" { graph = child }
        }
        guard let graph else { throw Problem(description: "the earlier drawing has no graph group (<g class=\"graph\">): is it an SVG relgraph or Graphviz wrote?") }

        // The graph group's own coordinates are Graphviz's with y negated: its
        // transform (scale, translate) only places the drawing on the canvas.
        let drawing = DrawingReader().parts(of: graph)
        var nodes: [String: Placed] = [:]
        for entity in drawing.entities {
            guard let id = own(entity.id), let box = entity.box else { continue }
            nodes[id] = Placed(centre: Geometry.Point(x: box.center.x, y: -box.center.y), width: box.width, height: box.height)
        }
        guard !nodes.isEmpty else {
            throw Problem(description: "the earlier drawing has no entity drawn by relgraph (groups with ids like rg-entity-ID)")
        }
        var listOf: [String: String] = [:]
        var lines: [String: Route] = [:]
        func walk(_ element: XMLElement, list: String?) {
            var list = list
            if element.name == "g", let id = element[attribute: "id"].flatMap(own) {
                if id.hasPrefix("list-") {
                    list = id
                } else if let list, id.hasPrefix("entity-") {
                    listOf[id] = list
                } else if id.hasPrefix("relation-"), (element[attribute: "class"] ?? "").hasPrefix("edge") {
                    if let route = Self.route(of: element) { lines[id] = route }
                    return
                }
            }
            for case .element(let child) in element.children { walk(child, list: list) }
        }
        walk(graph, list: nil)
        self.nodes = nodes
        self.listOf = listOf
        self.lines = lines
        self.note = note
    }

    /// A line group's route: its first path (Graphviz's spline, `M` then `C`
    /// with three points a segment) and the tips of the marks at either end, each
    /// the farthest its marks reach along the spline's direction there.
    package static func route(of group: XMLElement) -> Route? {
        var path: [Geometry.Point]?
        var marks: [Geometry.Point] = []
        func collect(_ element: XMLElement) {
            switch element.name {
            case "path":
                let d = element[attribute: "d"] ?? ""
                if path == nil, d.first == "M", d.allSatisfy({ !"LlHhVvSsQqTtAaZzm".contains($0) }) {
                    let numbers = Geometry.SVGPathData.numbers(d.replacingOccurrences(of: "M", with: " ").replacingOccurrences(of: "C", with: " "))
                    if numbers.count >= 8, numbers.count % 2 == 0, (numbers.count / 2 - 1) % 3 == 0 {
                        path = stride(from: 0, to: numbers.count, by: 2).map { Geometry.Point(x: numbers[$0], y: numbers[$0 + 1]) }
                    }
                }
            case "polygon", "polyline":
                marks += Geometry.SVGPathData.points(element[attribute: "points"] ?? "")
            case "ellipse", "circle":
                let cx = element[attribute: "cx"].flatMap(Double.init) ?? 0, cy = element[attribute: "cy"].flatMap(Double.init) ?? 0
                let rx = (element[attribute: element.name == "circle" ? "r" : "rx"]).flatMap(Double.init) ?? 0
                let ry = element.name == "circle" ? rx : element[attribute: "ry"].flatMap(Double.init) ?? rx
                marks += [.init(x: cx - rx, y: cy), .init(x: cx + rx, y: cy), .init(x: cx, y: cy - ry), .init(x: cx, y: cy + ry)]
            case "text", "title":
                return
            default:
                break
            }
            for case .element(let child) in element.children { collect(child) }
        }
        collect(group)
        guard let path, path.count >= 4 else { return nil }
        func tip(at end: Geometry.Point, from before: Geometry.Point) -> Geometry.Point? {
            let dx = end.x - before.x, dy = end.y - before.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 1e-6 else { return nil }
            let u = Geometry.Point(x: dx / length, y: dy / length)
            // Marks within 24 pt of this end, reaching past it.
            let reach = marks.filter { $0.distance(to: end) <= 24 }.map { ($0.x - end.x) * u.x + ($0.y - end.y) * u.y }.max() ?? 0
            return reach > 0.5 ? Geometry.Point(x: end.x + u.x * reach, y: end.y + u.y * reach) : nil
        }
        func flipped(_ p: Geometry.Point) -> Geometry.Point { Geometry.Point(x: p.x, y: -p.y) }
        let last = path.count - 1
        let end = tip(at: path[last], from: path[last - 1])
        let start = tip(at: path[0], from: path[1])
        return Route(points: path.map(flipped), start: start.map(flipped), end: end.map(flipped))
    }

    /// Where the node with group id `id` (`entity-ID` or `list-ID`) was: its own
    /// place, or its list's when it was folded into one.
    public func place(of id: String) -> Placed? {
        nodes[id] ?? listOf[id].flatMap { nodes[$0] }
    }

    /// The width of the entities' drawing (from the left edge of the leftmost to
    /// the right edge of the rightmost), in points; `nil` when none was read.
    public var width: Double? {
        guard let minX = nodes.values.map({ $0.centre.x - $0.width / 2 }).min(),
              let maxX = nodes.values.map({ $0.centre.x + $0.width / 2 }).max() else { return nil }
        return maxX - minX
    }

    /// The centres of the entities drawn on their own, by entity group id: what
    /// ``LayoutStability`` compares.
    public var centres: [String: Geometry.Point] {
        nodes.filter { $0.key.hasPrefix("entity-") }.mapValues(\.centre)
    }
}

extension PreviousDrawing {
    /// A coordinate rounded to hundredths of a point, as positions are written.
    package static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
