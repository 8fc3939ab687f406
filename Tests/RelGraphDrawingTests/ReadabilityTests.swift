import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing

/// The readability measure (`relgraph measure`, docs/readability.md) on drawings
/// whose answers are known.
@Suite("Readability measure")
struct ReadabilityTests {
    /// Four entities at the corners of a square.
    func square(graphvizTitles: Bool = true) -> ReadabilitySketch {
        var sketch = ReadabilitySketch()
        sketch.graphvizTitles = graphvizTitles
        sketch.entity("a", x: 50, y: 50)
        sketch.entity("b", x: 250, y: 250)
        sketch.entity("c", x: 250, y: 50)
        sketch.entity("d", x: 50, y: 250)
        return sketch
    }

    @Test("two lines crossing in the middle of a square cross once, wherever the titles name the ends or not", arguments: [true, false])
    func twoCrossingLines(graphvizTitles: Bool) throws {
        var sketch = square(graphvizTitles: graphvizTitles)
        sketch.line("a", "b")
        sketch.line("c", "d")
        let report = try Readability.measure(svg: sketch.svg())
        #expect(report.crossings == 1)
        #expect(report.entities == 4)
        #expect(report.edges == 2)
        let points = try Readability.crossingPoints(svg: sketch.svg())
        #expect(points.count == 1)
        #expect(abs(points[0].at.x - 150) < 0.01 && abs(points[0].at.y - 150) < 0.01)
    }

    @Test("lines that meet only at an entity they share do not cross")
    func sharedEndpoint() throws {
        var sketch = square()
        sketch.line("a", "b")
        sketch.line("a", "c")
        sketch.line("a", "d")
        sketch.line("b", "c")
        #expect(try Readability.measure(svg: sketch.svg()).crossings == 0)
    }

    @Test("lines sharing an entity that cross away from it do cross")
    func sharedEndpointCrossingElsewhere() throws {
        var sketch = square()
        sketch.line("a", "b")  // the diagonal y = x
        sketch.line("a", "c", via: (150, 250))  // from a below the diagonal, then up across it at (183, 183) to c
        let points = try Readability.crossingPoints(svg: sketch.svg())
        #expect(points.map { "\($0.first) × \($0.second)" } == ["a->b × a->c"])
        #expect(abs(points[0].at.x - 550.0 / 3) < 0.5 && abs(points[0].at.y - 550.0 / 3) < 0.5)
    }

    @Test("a line crossing another twice counts two crossings")
    func twoCrossingsOfOnePair() throws {
        var sketch = ReadabilitySketch()
        sketch.entity("a", x: 20, y: 150)
        sketch.entity("b", x: 380, y: 150)
        sketch.entity("c", x: 200, y: 20)
        sketch.entity("d", x: 200, y: 280)
        sketch.line("a", "b")
        sketch.line("c", "d", via: (100, 150))  // down to the left of the middle and back: two crossings
        // c→(100,150) crosses a→b once at (100,150) — the corner of the polyline — and
        // (100,150)→d is below it: so one crossing, found on two segments, counted once.
        #expect(try Readability.measure(svg: sketch.svg()).crossings == 1)
        var zigzag = ReadabilitySketch()
        zigzag.entity("a", x: 20, y: 150)
        zigzag.entity("b", x: 380, y: 150)
        zigzag.entity("c", x: 100, y: 20)
        zigzag.entity("d", x: 300, y: 20)
        zigzag.line("a", "b")
        zigzag.line("c", "d", via: (200, 280))  // down across a→b and back up across it
        #expect(try Readability.measure(svg: zigzag.svg()).crossings == 2)
    }

    @Test("a legend or caption drawn as nodes and edges is not part of the network")
    func legendLeftOut() throws {
        var sketch = square()
        sketch.line("a", "b")
        let plain = try Readability.measure(svg: sketch.svg())
        let legend = """
            <g id="rg-x-legend" class="cluster"><g class="node"><title>key</title><polygon points="0,0 400,0 400,300 0,300"/>
            <text x="5" y="5" font-size="2">tiny key</text></g>
            <g class="edge"><title>key line</title><path d="M0,300C100,200 300,100 400,0"/></g></g>
            <g class="node caption"><title>caption</title><text x="5" y="290" font-size="3">caption</text></g>
            """
        let svg = String(decoding: sketch.svg(), as: UTF8.self).replacingOccurrences(of: "</g>\n</svg>", with: legend + "</g>\n</svg>")
        #expect(svg.contains("tiny key"))
        #expect(try Readability.measure(svg: Data(svg.utf8)) == plain)
    }

    @Test("k lines between one pair of entities are k − 1 parallel lines, whichever way they point")
    func parallelLines() throws {
        var sketch = square()
        sketch.line("a", "b")
        sketch.line("a", "b", via: (200, 100))
        sketch.line("b", "a", via: (100, 200))
        sketch.line("a", "c")
        sketch.line("c", "a", via: (150, 20))
        sketch.line("c", "d")
        let report = try Readability.measure(svg: sketch.svg())
        #expect(report.parallelLines == 3)  // a–b: 3 lines (2 extra), a–c: 2 lines (1 extra)
        #expect(report.edges == 6)
    }

    @Test("labels overlapping an entity or another line's label are counted, one per pair")
    func labelOverlaps() throws {
        var sketch = square()
        sketch.line("a", "c", labels: [("on c", 250, 55, 14)])  // inside c's box
        sketch.line("a", "d", labels: [("free", 20, 150, 10)])
        sketch.line("a", "b", labels: [("first", 150, 150, 10)])
        sketch.line("c", "d", labels: [("second", 155, 152, 10)])  // over "first"
        sketch.line("b", "d", labels: [("line one", 150, 240, 8), ("line two", 150, 249, 8)])  // two lines of one label, touching
        let report = try Readability.measure(svg: sketch.svg())
        #expect(report.labelEntityOverlaps == 1)
        #expect(report.labelLabelOverlaps == 1)
        #expect(report.labelOverlaps == 2)
        #expect(report.entityOverlaps == 0)
    }

    @Test("overlapping entities are counted, touching ones are not")
    func entityOverlaps() throws {
        var sketch = ReadabilitySketch()
        sketch.entity("a", x: 50, y: 50)
        sketch.entity("b", x: 80, y: 55)  // overlaps a by 10 × 15
        sketch.entity("c", x: 200, y: 50)
        sketch.entity("d", x: 240, y: 50)  // touches c (shared side)
        #expect(try Readability.measure(svg: sketch.svg()).entityOverlaps == 1)
    }

    @Test("text size on the page: the drawing is fitted to the page, shrunk or enlarged; on screen it is only shrunk")
    func textSizes() throws {
        // Twice the A4 text area: everything is halved on the page.
        var big = ReadabilitySketch()
        big.width = 2 * PageSize.a4.width
        big.height = 2 * PageSize.a4.height
        big.entity("a", x: 100, y: 100, w: 120, h: 40, fontSize: 12, extraText: ("2021", 8))
        big.entity("b", x: 400, y: 400, w: 120, h: 40, fontSize: 16)
        big.entity("c", x: 600, y: 600, w: 120, h: 40, fontSize: 20)
        let report = try Readability.measure(svg: big.svg())
        #expect(abs(report.pageScale - 0.5) < 1e-9)
        #expect(abs(report.smallestEntityTextOnPage! - 4) < 1e-9)  // the 8 pt date
        #expect(abs(report.medianNameOnPage! - 8) < 1e-9)  // names 12, 16, 20: median 16
        let screenScale = 880 / (big.width * 4 / 3)
        #expect(abs(report.screenScale - screenScale) < 1e-9)
        #expect(abs(report.smallestEntityTextOnScreen! - 8 * 4 / 3 * screenScale) < 1e-9)
        #expect(abs(report.aspectRatio - PageSize.a4.width / PageSize.a4.height) < 1e-9)

        // A small drawing is enlarged to the page's width but not on screen.
        var small = ReadabilitySketch()
        small.width = 100
        small.height = 50
        small.entity("a", x: 50, y: 25, fontSize: 10)
        let fitted = try Readability.measure(svg: small.svg(), page: .letter)
        #expect(abs(fitted.pageScale - 4.68) < 1e-9)  // 468 pt / 100 pt
        #expect(abs(fitted.smallestEntityTextOnPage! - 46.8) < 1e-9)
        #expect(fitted.screenScale == 1)
        #expect(abs(fitted.smallestEntityTextOnScreen! - 40.0 / 3) < 1e-9)
    }

    @Test("names' share of the drawing: the boxes of each entity's largest text over the drawing's area")
    func nameCoverage() throws {
        var sketch = ReadabilitySketch()
        sketch.width = 100
        sketch.height = 100
        sketch.entity("WW", x: 50, y: 50, w: 60, h: 30, fontSize: 10, extraText: ("2021", 5))
        let report = try Readability.measure(svg: sketch.svg())
        let w = Geometry.TextMetrics.width(of: "WW", fontSize: 10)
        #expect(abs(w - 19.78) < 1e-9)  // W is 0.989 em in DejaVu Sans
        #expect(abs(report.nameCoverage - w * 12 / 10_000) < 1e-9)
        #expect(abs(report.entityCoverage - 0.18) < 1e-9)
    }

    @Test("the measure does not depend on the order of the SVG's groups")
    func orderInvariance() throws {
        var sketch = square()
        sketch.entity("e", x: 150, y: 150)
        sketch.line("a", "b")
        sketch.line("c", "d", labels: [("over e", 150, 160, 12)])
        sketch.line("a", "c", via: (150, 200))
        sketch.line("b", "d", via: (150, 20))
        sketch.line("b", "a", via: (150, 100))
        let expected = try Readability.measure(svg: sketch.svg())
        var random = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let order = Array(sketch.groups.indices).shuffled(using: &random)
            #expect(try Readability.measure(svg: sketch.svg(order: order)) == expected)
        }

        // The flagship as drawn before issue 11, its entity and line groups reversed and shuffled.
        let svg = try String(contentsOf: Self.flagshipBefore, encoding: .utf8)
        let blocks = svg.components(separatedBy: "\n\n")
        let expectedFlagship = try Readability.measure(svg: Data(svg.utf8))
        for seed in 1...3 {
            var generator = SplitMix64(seed: UInt64(seed))
            let middle = Array(blocks.dropFirst().dropLast()).shuffled(using: &generator)
            let shuffled = ([blocks.first!] + middle + [blocks.last!]).joined(separator: "\n\n")
            #expect(shuffled != svg)
            #expect(try Readability.measure(svg: Data(shuffled.utf8)) == expectedFlagship)
        }
    }

    static let flagshipBefore = Paths.packageRoot.appendingPathComponent("Tests/RelGraphDrawingTests/Fixtures/readability/iskp-isi-nexus-before.svg")

    @Test("the flagship as drawn before issue 11 gives the issue's numbers: 89 crossings, 16 parallel lines, 2.3 pt on an A4 page")
    func flagshipBeforeIssue11() throws {
        let report = try Readability.measure(svg: Data(contentsOf: Self.flagshipBefore))
        #expect(report.entities == 54)
        #expect(report.edges == 78)
        #expect(report.crossings == 89)
        #expect(report.parallelLines == 16)
        #expect(report.labelOverlaps == 0)
        #expect(report.entityOverlaps == 0)
        #expect(abs(report.smallestEntityTextOnPage! - 2.3) < 0.05)
        #expect(abs(report.medianNameOnPage! - 2.9) < 0.05)
        #expect(report.smallestEntityTextOnScreen! < 6)  // "names under 6 px" in the README
        #expect(abs(report.entityCoverage - 0.06) < 0.005)  // "they cover 6 % of the drawing"
        #expect(abs(report.aspectRatio - 1578.0 / 1986) < 1e-6)
    }

    @Test("what is not a Graphviz SVG is refused with a reason")
    func errors() {
        #expect(throws: Readability.Error.notSVG("html")) { try Readability.measure(svg: Data("<html></html>".utf8)) }
        #expect(throws: Readability.Error.noSize) { try Readability.measure(svg: Data("<svg></svg>".utf8)) }
        #expect(throws: Readability.Error.self) { try Readability.measure(svg: Data("<svg width=".utf8)) }
        #expect(throws: Readability.Error.noSize) { try Readability.measure(svg: Data(#"<svg width="1e999pt" height="1pt" viewBox="0 0 1e999 1"/>"#.utf8)) }
        let huge = #"<svg width="9pt" height="9pt" viewBox="0 0 9 9"><g class="node"><title>a</title><text font-size="1e308" x="1" y="1">a</text></g></svg>"#
        #expect(throws: Readability.Error.outOfRange(10_000_000)) { try Readability.measure(svg: Data(huge.utf8)) }
        // Nesting deep enough to exhaust the stack is refused before it does.
        let deep = #"<svg width="9pt" height="9pt" viewBox="0 0 9 9">"# + String(repeating: "<g>", count: 100_000) + String(repeating: "</g>", count: 100_000) + "</svg>"
        #expect(throws: Readability.Error.unreadable("elements nested deeper than 256 at byte 813")) { try Readability.measure(svg: Data(deep.utf8)) }
    }

    @Test("XML names keep letters, digits, '-' and '.', double '_' and spell anything else as _hex_")
    func xmlNames() {
        #expect(XMLName.make("entity", "isis-k.2") == "entity-isis-k.2")
        #expect(XMLName.make("relation", "a_b:\u{E9}\u{1F600}\u{0}") == "relation-a__b_3a__e9__1f600__0_")
    }

    @Test("a text of only spaces and tabs (or other white space) is not measured; any other character is")
    func blankTexts() {
        for text in ["", " ", "\t \t", "\u{00A0}", " \u{2003} "] {
            #expect(DrawingReader.isBlank(text), "\(text.debugDescription)")
            #expect(DrawingReader.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty)
        }
        for text in ["a", " x ", "\n", "é", " \u{0301}", "\u{2003}b"] {
            #expect(!DrawingReader.isBlank(text), "\(text.debugDescription)")
            #expect(DrawingReader.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty)
        }
    }
}
