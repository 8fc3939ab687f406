import Testing
import RelGraph

@Suite("Page sizes")
struct PageSizeTests {
    @Test("a4 is the 16 × 24 cm text area of an A4 page, letter 6.5 × 9 in", arguments: [
        ("a4", 453.543, 680.315), ("A4", 453.543, 680.315), ("letter", 468.0, 648.0),
        ("16x24cm", 453.543, 680.315), ("160x240mm", 453.543, 680.315), ("6.5x9in", 468.0, 648.0),
        ("450x680pt", 450.0, 680.0), (" 16 × 24 cm ", 453.543, 680.315),
    ])
    func sizes(text: String, width: Double, height: Double) throws {
        let page = try PageSize(parsing: text)
        #expect(abs(page.width - width) < 0.001 && abs(page.height - height) < 0.001)
    }

    @Test("what is not a page size is refused, saying what is wrong and what to write", arguments: [
        ("", "it is empty"), ("a5", "it does not end in a unit"), ("16x24", "it does not end in a unit"),
        ("16cm", "it is not WIDTHxHEIGHT"), ("16x24x3cm", "it is not WIDTHxHEIGHT"), ("axbcm", "'a' is not a number"),
        ("0x24cm", "sides must be greater than 0"), ("-1x2in", "sides must be greater than 0"),
        ("300x2in", "sides must be at most 200 in (14400 pt)"), ("nanx2in", "'nan' is not a number"),
    ])
    func errors(text: String, reason: String) {
        #expect(throws: PageSize.ParseError(text: text, reason: reason)) { try PageSize(parsing: text) }
        let description = PageSize.ParseError(text: text, reason: reason).description
        #expect(description.contains("write a4, letter, or WIDTHxHEIGHT with a unit cm, mm, in or pt"))
    }
}

@Suite("Geometry for measuring drawings")
struct ReadabilityGeometryTests {
    typealias P = Geometry.Point

    @Test("segments cross at one point; parallel, collinear and apart ones do not")
    func segments() {
        let a = Geometry.Segment(P(x: 0, y: 0), P(x: 10, y: 10))
        #expect(a.intersection(with: .init(P(x: 0, y: 10), P(x: 10, y: 0))) == P(x: 5, y: 5))
        #expect(a.intersection(with: .init(P(x: 1, y: 0), P(x: 11, y: 10))) == nil)  // parallel
        #expect(a.intersection(with: .init(P(x: 5, y: 5), P(x: 20, y: 20))) == nil)  // collinear, overlapping
        #expect(a.intersection(with: .init(P(x: 6, y: 0), P(x: 20, y: 0))) == nil)  // apart
        #expect(a.intersection(with: .init(P(x: 10, y: 10), P(x: 20, y: 0))) == P(x: 10, y: 10))  // at an end
    }

    @Test("path data: Graphviz's M…C splines, relative and smooth commands, and closing")
    func paths() {
        let spline = Geometry.SVGPathData.polylines("M0,0C10,10 20,10 30,0 40,-10 50,-10 60,0", samples: 4)
        #expect(spline.count == 1)
        #expect(spline[0].count == 9)  // the start and 4 samples per cubic segment
        #expect(spline[0].last == P(x: 60, y: 0))
        // A straight cubic, as Graphviz draws straight lines, is one segment.
        #expect(Geometry.SVGPathData.polylines("M0,0C10,0 20,0 30,0", samples: 4) == [[P(x: 0, y: 0), P(x: 30, y: 0)]])
        let box = Geometry.SVGPathData.polylines("m10 10 h20 v-5 l-20 0 z M100,100 L110,110", samples: 4)
        #expect(box.count == 2)
        #expect(box[0] == [P(x: 10, y: 10), P(x: 30, y: 10), P(x: 30, y: 5), P(x: 10, y: 5), P(x: 10, y: 10)])
        #expect(box[1] == [P(x: 100, y: 100), P(x: 110, y: 110)])
        let smooth = Geometry.SVGPathData.polylines("M0,0 C0,10 10,10 10,0 S20,-10 20,0", samples: 2)
        #expect(smooth[0] == [P(x: 0, y: 0), P(x: 5, y: 7.5), P(x: 10, y: 0), P(x: 15, y: -7.5), P(x: 20, y: 0)])
        #expect(Geometry.SVGPathData.polylines("M1,2 C3", samples: 2).isEmpty)  // broken data ends the path
        #expect(Geometry.SVGPathData.points("1,2 3,4 5") == [P(x: 1, y: 2), P(x: 3, y: 4)])
        #expect(Geometry.SVGPathData.numbers("1e2,-3.5.5") == [100, -3.5, 0.5])
    }

    @Test("transforms as Graphviz writes them: scale, rotate(0), translate")
    func transforms() {
        let t = Geometry.Transform(svg: "scale(0.5 0.5) rotate(0) translate(4 760)")
        #expect(t.apply(P(x: 0, y: -760)) == P(x: 2, y: 0))
        #expect(t.scale == 0.5)
        let r = Geometry.Transform(svg: "rotate(90)")
        let p = r.apply(P(x: 1, y: 0))
        #expect(abs(p.x) < 1e-12 && abs(p.y - 1) < 1e-12)
    }

    @Test("text widths: DejaVu Sans advances, bold wider; boxes follow text-anchor")
    func text() {
        #expect(Geometry.TextMetrics.width(of: "ISKP", fontSize: 10) == (0.295 + 0.635 + 0.656 + 0.603) * 10)
        #expect(Geometry.TextMetrics.width(of: "ISKP", fontSize: 10, bold: true) > Geometry.TextMetrics.width(of: "ISKP", fontSize: 10))
        let middle = Geometry.TextMetrics.box(of: "mm", x: 100, baseline: 50, fontSize: 10, anchor: "middle")
        #expect(abs(middle.minX - (100 - 9.74)) < 1e-9 && abs(middle.maxX - (100 + 9.74)) < 1e-9)
        #expect(abs(middle.minY - 40.5) < 1e-9 && abs(middle.height - 12) < 1e-9)
        let end = Geometry.TextMetrics.box(of: "mm", x: 100, baseline: 50, fontSize: 10, anchor: "end")
        #expect(abs(end.maxX - 100) < 1e-9)
    }

    @Test("crossings: once per point, none near an entity both lines join")
    func crossings() {
        let diagonal = Geometry.Crossings.Line(polylines: [[P(x: 0, y: 0), P(x: 5, y: 5), P(x: 10, y: 10)]], ends: [0, 1])
        let other = Geometry.Crossings.Line(polylines: [[P(x: 0, y: 10), P(x: 10, y: 0)]], ends: [2, 3])
        let boxes = [P(x: 0, y: 0), P(x: 10, y: 10), P(x: 0, y: 10), P(x: 10, y: 0)].map { Geometry.Box(minX: $0.x - 1, minY: $0.y - 1, maxX: $0.x + 1, maxY: $0.y + 1) }
        // The crossing is at the diagonal's corner (5, 5): found on two of its segments, counted once.
        #expect(Geometry.Crossings.count([diagonal, other], entityBoxes: boxes) == 1)
        let sharing = Geometry.Crossings.Line(polylines: [[P(x: 0, y: 0), P(x: 10, y: 0)]], ends: [0, 3])
        #expect(Geometry.Crossings.count([diagonal, sharing], entityBoxes: boxes) == 0)
    }
}
