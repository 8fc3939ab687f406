import RelGraph

/// Links lines to the page around the SVG and draws a small count on them
/// (``SVGOptions/lineLinks``, ``SVGOptions/lineBadges``): a report's lines link
/// to their evidence and show how many sources support them.
///
/// - A link goes on every `<a>` of the line (the line itself and its label), so a
///   click anywhere on the line follows it. Target ids lie outside the SVG and are
///   not prefixed; only ids of letters, digits and `- _ .` are written.
/// - A count is a small white disc with the number, inside the line's `<a>`. It
///   sits on the line at the first of the places along it, every 5 % from the
///   middle out to 10 % from either end, where it touches no entity, no text and
///   no other count; failing that, at such a place just beside the line; failing
///   that, where it overlaps least.
package struct LineEvidenceMarks {
    /// Links by unprefixed line group id (`relation-…`).
    package var links: [String: String]
    /// Counts by unprefixed line group id.
    package var badges: [String: Int]
    /// The drawing's colours: disc fill, its border, the number.
    package var colors: (fill: String, border: String, text: String)
    /// The font family of the drawing.
    package var font: String

    /// Radius of a count's disc, in points.
    package static let radius = 6.5
    /// Size of the number, in points.
    package static let fontSize = 9.0
    /// Where along the line a count is tried, as fractions of its length.
    package static let places: [Double] = [0.5] + stride(from: 0.05, through: 0.4, by: 0.05).flatMap { [0.5 - $0, 0.5 + $0] }

    /// Marks for `diagram`'s lines from `options`, keyed by the lines' group ids.
    package init(options: SVGOptions, diagram: Diagram) {
        var links: [String: String] = [:], badges: [String: Int] = [:]
        for edge in diagram.edges {
            let id = XMLName.make("relation", edge.key)
            if let target = options.lineLinks[edge.key], Self.isSafeID(target) { links[id] = target }
            if let count = options.lineBadges[edge.key] { badges[id] = count }
        }
        self.links = links
        self.badges = badges
        colors = (diagram.theme.background, diagram.theme.mutedText, diagram.theme.text)
        font = diagram.font
    }

    /// Whether `id` may be written as `#id`: letters, digits, `-`, `_`, `.`.
    package static func isSafeID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    package var isEmpty: Bool { links.isEmpty && badges.isEmpty }

    /// `root` (a finished SVG whose ids carry `prefix`) with the links and counts added.
    package func apply(to root: XMLElement, prefix: String) -> XMLElement {
        var root = root
        for (index, child) in root.children.enumerated() {
            guard case .element(var graph) = child, graph.name == "g", graph[attribute: "class"] == "graph" else { continue }
            let positions = place(in: graph, prefix: prefix)
            graph.children = graph.children.map { node in
                guard case .element(let e) = node, e.name == "g", let id = e[attribute: "id"], id.hasPrefix(prefix + "-") else { return node }
                let own = String(id.dropFirst(prefix.count + 1))
                guard links[own] != nil || positions[own] != nil else { return node }
                return .element(mark(e, link: links[own], badge: positions[own].map { ($0, badges[own]!) }))
            }
            root.children[index] = .element(graph)
        }
        return root
    }

    /// The line group `line` with its link set on each `<a>`, and the count drawn in its first `<a>`.
    private func mark(_ line: XMLElement, link: String?, badge: ((x: Double, y: Double), Int)?) -> XMLElement {
        var badge = badge
        func visit(_ element: XMLElement) -> XMLElement {
            var result = element
            if element.name == "a" {
                if let link { result[attribute: "xlink:href"] = "#" + link }
                if let (point, count) = badge {
                    result.children.append(.element(disc(at: point, count: count)))
                    badge = nil
                }
                return result
            }
            result.children = element.children.map { node in
                guard case .element(let e) = node else { return node }
                return .element(visit(e))
            }
            return result
        }
        return visit(line)
    }

    private func disc(at point: (x: Double, y: Double), count: Int) -> XMLElement {
        let circle = XMLElement(name: "circle", attributes: [
            ("cx", Self.format(point.x)), ("cy", Self.format(point.y)), ("r", Self.format(Self.radius)),
            ("fill", colors.fill), ("stroke", colors.border), ("stroke-width", "0.8"),
        ], children: [])
        let text = XMLElement(name: "text", attributes: [
            ("text-anchor", "middle"), ("x", Self.format(point.x)), ("y", Self.format(point.y + Self.fontSize * 0.35)),
            ("font-family", font), ("font-weight", "bold"), ("font-size", Self.format(Self.fontSize)), ("fill", colors.text),
        ], children: [.text(String(count))])
        return XMLElement(name: "g", attributes: [("class", "sources-count")],
                          children: [.element(circle), .element(text)])
    }

    /// Where each count goes, by unprefixed line id, in the graph group's coordinates.
    private func place(in graph: XMLElement, prefix: String) -> [String: (x: Double, y: Double)] {
        guard !badges.isEmpty else { return [:] }
        let drawing = DrawingReader().parts(of: graph)
        var obstacles = BoxGrid()
        drawing.entities.compactMap { $0.box?.inset(by: 1) }.forEach { obstacles.insert($0) }
        (drawing.entities.flatMap(\.texts) + drawing.lines.flatMap(\.labels)).forEach { obstacles.insert($0.box.inset(by: 0.5)) }
        var placed: [String: (x: Double, y: Double)] = [:]
        for line in drawing.lines {
            let own = line.id.hasPrefix(prefix + "-") ? String(line.id.dropFirst(prefix.count + 1)) : line.id
            guard badges[own] != nil, let path = line.polylines.max(by: { Self.length($0) < Self.length($1) }), path.count > 1 else { continue }
            var best: (point: Geometry.Point, overlap: Double)?
            // On the line first; where the line leaves no room, just beside it.
            search: for offset in [0.0, Self.radius + 2, -(Self.radius + 2)] {
                for fraction in Self.places {
                    let point = Self.point(along: path, at: fraction, offset: offset)
                    let box = Geometry.Box(minX: point.x - Self.radius, minY: point.y - Self.radius,
                                           maxX: point.x + Self.radius, maxY: point.y + Self.radius)
                    let overlap = obstacles.overlap(with: box)
                    if best == nil || overlap < best!.overlap { best = (point, overlap) }
                    if overlap == 0 { break search }
                }
            }
            guard let best else { continue }
            placed[own] = (best.point.x, best.point.y)
            obstacles.insert(Geometry.Box(minX: best.point.x - Self.radius - 1, minY: best.point.y - Self.radius - 1,
                                          maxX: best.point.x + Self.radius + 1, maxY: best.point.y + Self.radius + 1))
        }
        return placed
    }

    package static func length(_ path: [Geometry.Point]) -> Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    /// The point `fraction` of the way along `path`, moved `offset` to its left
    /// (negative: to its right).
    package static func point(along path: [Geometry.Point], at fraction: Double, offset: Double = 0) -> Geometry.Point {
        var remaining = length(path) * fraction
        for (a, b) in zip(path, path.dropFirst()) {
            let step = a.distance(to: b)
            if step >= remaining, step > 0 {
                let t = remaining / step
                let (nx, ny) = (-(b.y - a.y) / step, (b.x - a.x) / step)
                return Geometry.Point(x: a.x + (b.x - a.x) * t + nx * offset, y: a.y + (b.y - a.y) * t + ny * offset)
            }
            remaining -= step
        }
        return path[path.count - 1]
    }

    package static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Boxes filed by the cells of a square grid, so that finding what overlaps a
/// small box looks at its neighbours only (a drawing of 30,000 lines has tens of
/// thousands of obstacles).
package struct BoxGrid {
    /// The side of a cell, in the drawing's units.
    package static let cell = 48.0
    private var boxes: [Geometry.Box] = []
    private var cells: [Int64: [Int]] = [:]

    private static func range(_ low: Double, _ high: Double) -> ClosedRange<Int64> {
        let a = Int64((max(-1e9, min(1e9, low)) / cell).rounded(.down)), b = Int64((max(-1e9, min(1e9, high)) / cell).rounded(.down))
        return a...max(a, b)
    }

    private static func key(_ x: Int64, _ y: Int64) -> Int64 { (x &* 73_856_093) ^ (y &* 19_349_663) }

    /// Files `box`.
    package mutating func insert(_ box: Geometry.Box) {
        let index = boxes.count
        boxes.append(box)
        for x in Self.range(box.minX, box.maxX) {
            for y in Self.range(box.minY, box.maxY) { cells[Self.key(x, y), default: []].append(index) }
        }
    }

    /// The total area by which `box` overlaps the boxes filed.
    package func overlap(with box: Geometry.Box) -> Double {
        var seen = Set<Int>()
        var total = 0.0
        for x in Self.range(box.minX, box.maxX) {
            for y in Self.range(box.minY, box.maxY) {
                for index in cells[Self.key(x, y)] ?? [] where seen.insert(index).inserted {
                    total += box.intersection(boxes[index])?.area ?? 0
                }
            }
        }
        return total
    }
}
