import Foundation
import Testing
import RelGraphTestSupport
import RelGraph
@testable import RelGraphDrawing

/// Every line of every committed relgraph drawing, read from its SVG: its
/// confidence style shows (a dashed or dotted path repeats its pattern at least
/// twice) and its arrowheads show (none invisible, two on a two-way line).
@Suite("The lines of the committed drawings")
struct CommittedLinesTests {
    /// A committed relgraph drawing: its path, and the network and view it draws
    /// when the tests know them (graphs/NAME.svg: graphs/NAME.yaml; graphs/views/STEM.VIEW.svg:
    /// view VIEW of graphs/STEM.yaml).
    struct Drawing: CustomTestStringConvertible {
        var path: String
        var network: String?
        var view: String?
        var testDescription: String { path }
    }

    /// Committed SVGs that are relgraph drawings but not drawings of today's relgraph:
    /// the readability fixture is the flagship as drawn before the page fit, kept as a
    /// record to measure against.
    static let records: Set<String> = ["Tests/RelGraphDrawingTests/Fixtures/readability/iskp-isi-nexus-before.svg"]

    /// Every `.svg` under graphs/, docs/ and Tests/ whose root is a relgraph drawing
    /// (`class="relgraph"`), but the records.
    static let drawings: [Drawing] = {
        var found: [Drawing] = []
        let root = Paths.packageRoot
        for folder in ["graphs", "docs", "Tests"] {
            guard let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".svg") {
                let path = folder + "/" + relative
                guard !records.contains(path), let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                      String(decoding: data.prefix(4096), as: UTF8.self).contains("class=\"relgraph\"") else { continue }
                var drawing = Drawing(path: path)
                let name = (relative as NSString).lastPathComponent.dropLast(4)
                if folder == "graphs", !relative.contains("/") {
                    drawing.network = "graphs/\(name).yaml"
                } else if folder == "graphs", relative.hasPrefix("views/"), let dot = name.firstIndex(of: ".") {
                    drawing.network = "graphs/\(name[..<dot]).yaml"
                    drawing.view = String(name[name.index(after: dot)...])
                }
                found.append(drawing)
            }
        }
        return found.sorted { $0.path < $1.path }
    }()

    /// One line of a drawing: its id without the drawing's prefix, its paths and the
    /// shapes drawn with it (arrowheads and their marks).
    struct Line {
        var id: String
        var paths: [(dashes: String?, d: String, points: [Geometry.Point])]
        var shapes: [XMLElement]
    }

    /// The lines (groups of class `edge`) of the drawing at `path`.
    static func lines(_ path: String) throws -> [Line] {
        let root = try XMLReader.parse(try Data(contentsOf: Paths.packageRoot.appendingPathComponent(path)))
        let prefix = try #require(root[attribute: "id"]?.replacingOccurrences(of: "-root", with: ""), "\(path) has a root id")
        var lines: [Line] = []
        func elements(_ element: XMLElement) -> [XMLElement] {
            element.children.flatMap { node -> [XMLElement] in
                guard case .element(let child) = node else { return [] }
                return [child] + elements(child)
            }
        }
        for group in elements(root) where group.name == "g" && (group[attribute: "class"] ?? "").split(separator: " ").contains("edge") {
            let id = group[attribute: "id"] ?? ""
            let inside = elements(group)
            let paths = inside.filter { $0.name == "path" }.map { path in
                let d = path[attribute: "d"] ?? ""
                return (path[attribute: "stroke-dasharray"], d, Geometry.SVGPathData.polylines(d, samples: 64).flatMap { $0 })
            }
            lines.append(Line(id: id.hasPrefix(prefix + "-") ? String(id.dropFirst(prefix.count + 1)) : id, paths: paths,
                              shapes: inside.filter { ["polygon", "polyline", "ellipse"].contains($0.name) }))
        }
        return lines
    }

    /// The drawings the flagship's `make flagship` writes must be among them: a
    /// missing one fails, it is not skipped.
    @Test("the flagship and each of its views are committed drawings")
    func flagshipDrawingsExist() {
        let paths = Set(Self.drawings.map(\.path))
        #expect(paths.contains("graphs/iskp-isi-nexus.svg"))
        for view in flagship.views.keys {
            #expect(paths.contains("graphs/views/iskp-isi-nexus.\(view).svg"), "graphs/views/iskp-isi-nexus.\(view).svg is missing: run `make flagship`")
        }
    }

    /// The length of a path's points.
    static func length(_ points: [Geometry.Point]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    @Test("every dashed or dotted line repeats its pattern at least twice", arguments: drawings)
    func dashesShow(drawing: Drawing) throws {
        var patterned = 0
        for line in try Self.lines(drawing.path) {
            for path in line.paths {
                guard let dashes = path.dashes else { continue }
                let values = dashes.split(separator: ",").compactMap { Double($0) }
                let period = values.reduce(0, +) * (values.count % 2 == 0 ? 1 : 2)
                patterned += 1
                #expect(period > 0 && Self.length(path.points) >= 2 * period - 1e-9,
                        "\(drawing.path): \(line.id): a path of \(Self.length(path.points)) pt with pattern \(dashes)")
            }
        }
        if drawing.network != nil { #expect(patterned > 0, "\(drawing.path) has dashed or dotted lines to check") }
    }

    /// Whether `shape` is drawn at all: a fill or a stroke that is a colour.
    static func visible(_ shape: XMLElement) -> Bool {
        func paints(_ attribute: String, default value: String) -> Bool {
            let paint = (shape[attribute: attribute] ?? value).lowercased()
            let opacity = Double(shape[attribute: attribute + "-opacity"] ?? "1") ?? 1
            return !["none", "transparent", "invis"].contains(paint) && opacity > 0
        }
        let width = Double(shape[attribute: "stroke-width"] ?? "1") ?? 1
        return paints("fill", default: "black") || (paints("stroke", default: "none") && width > 0)
    }

    /// The points of `shape`: a polygon's or polyline's corners, 32 points around an ellipse.
    static func points(_ shape: XMLElement) -> [Geometry.Point] {
        if shape.name == "ellipse" {
            let value = { (key: String) in Double(shape[attribute: key] ?? "0") ?? 0 }
            return (0..<32).map { k in
                let angle = Double(k) * .pi / 16
                return Geometry.Point(x: value("cx") + value("rx") * cos(angle), y: value("cy") + value("ry") * sin(angle))
            }
        }
        return Geometry.SVGPathData.points(shape[attribute: "points"] ?? "")
    }

    /// Whether a visible shape of `line` touches (within 3 pt) one of `ends`: an
    /// arrowhead, or the mark Graphviz draws nearest the line, starts where the line stops.
    static func head(of line: Line, at ends: [Geometry.Point]) -> Bool {
        line.shapes.contains { shape in
            visible(shape) && points(shape).contains { point in ends.contains { $0.distance(to: point) <= 3 } }
        }
    }

    @Test("no arrowhead or mark is invisible; every line with an arrowhead shows it, a two-way line (dir=both) at both ends",
          arguments: drawings)
    func arrowheadsShow(drawing: Drawing) throws {
        let lines = try Self.lines(drawing.path)
        for line in lines {
            for shape in line.shapes {
                #expect(Self.visible(shape), "\(drawing.path): \(line.id): an invisible \(shape.name) \(shape.attributes)")
            }
        }
        // What each line should show, from the network it draws.
        guard let file = drawing.network else { return }
        let loaded = NetworkLoader().load(path: Paths.packageRoot.appendingPathComponent(file).path)
        try #require(!loaded.hasErrors, "\(file) is valid")
        let network = loaded.network
        let view = try drawing.view.map { try network.view(named: $0) } ?? ViewDefinition()
        let diagram = DiagramBuilder(options: DiagramOptions()).build(try network.applying(view), full: network)
        let byID = Dictionary(lines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var twoWay = 0
        for edge in diagram.edges {
            let id = XMLName.make("relation", edge.key)
            let line = try #require(byID[id], "\(drawing.path) draws \(edge.title)")
            let starts = line.paths.compactMap(\.points.first), ends = line.paths.compactMap(\.points.last)
            try #require(!starts.isEmpty, "\(drawing.path): \(id) has a path")
            let headDrawn = DiagramGraph.marked(edge.arrow, former: edge.former, undated: edge.undated) != "none"
            if headDrawn { #expect(Self.head(of: line, at: ends), "\(drawing.path): \(edge.title): no visible arrowhead at its head") }
            if edge.arrowTail != nil {
                twoWay += 1
                #expect(Self.head(of: line, at: ends) && Self.head(of: line, at: starts),
                        "\(drawing.path): \(edge.title): a two-way line without a visible arrowhead at each end")
            }
        }
        print("\(drawing.path): \(lines.count) lines, \(twoWay) two-way, \(lines.reduce(0) { $0 + $1.shapes.count }) arrowhead shapes")
        if drawing.path == "graphs/iskp-isi-nexus.svg" { #expect(twoWay > 0, "the flagship has two-way lines to check") }
    }
}
