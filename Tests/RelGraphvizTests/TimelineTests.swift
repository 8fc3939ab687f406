import Foundation
import Testing
@testable import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// A network that grows: `old` ends in 2016, `mid` starts in 2017, `new` in 2020,
/// and `hub` is always there.
let growingYAML = """
title: Growing
sources:
  s: {title: A source}
entities:
  - {id: hub, kind: state, name: Hub}
  - {id: old, kind: group, name: Old, since: 2012, until: 2016}
  - {id: mid, kind: group, name: Mid, since: 2017-03}
  - {id: new, kind: agency, name: New, since: 2020-06-15}
  - {id: place, kind: territory, name: Place, within: hub}
relations:
  - {from: old, type: operates-in, to: hub, sources: [s]}
  - {from: mid, type: operates-in, to: hub, sources: [s]}
  - {from: new, type: sponsors, to: mid, since: 2021, sources: [s]}
  - {from: mid, type: based-in, to: place, sources: [s]}
"""

private func date(_ text: String) -> PartialDate { PartialDate(text)! }

private func options() -> RenderOptions {
    var options = RenderOptions()
    options.svg.idPrefix = "rg-g"
    return options
}

@Suite("Timeline")
struct TimelineTests {
    let network = loadNetwork(growingYAML)

    @Test("--every year and month make inclusive ranges; partial bounds cover their whole year")
    func dates() {
        #expect(Timeline.dates(every: .year, from: date("2015-06"), to: date("2017")) == [date("2015"), date("2016"), date("2017")])
        #expect(Timeline.dates(every: .month, from: date("2015-11-20"), to: date("2016-02")).map(\.description)
            == ["2015-11", "2015-12", "2016-01", "2016-02"])
        #expect(Timeline.dates(every: .month, from: date("2015"), to: date("2015")).count == 12)
        #expect(Timeline.dates(every: .year, from: date("2020"), to: date("2019")).isEmpty)
        #expect(Timeline.dates(every: .month, from: date("1000"), to: date("2000")).count == Timeline.maximumFrames + 1)
    }

    @Test("the data's date range runs from the earliest since/until to the latest")
    func dateRange() throws {
        let range = try #require(Timeline.dateRange(of: network))
        #expect(range.from == date("2012") && range.to == date("2021"))
        #expect(Timeline.dateRange(of: Network(entities: [Entity(id: "a", kind: .group, name: "A")])) == nil)
    }

    @Test("frame file names are numbered and dated, and recognised")
    func fileNames() {
        #expect(Timeline.fileName(index: 0, date: date("2015")) == "frame-001-2015.svg")
        #expect(Timeline.fileName(index: 41, date: date("2018-06")) == "frame-042-2018-06.svg")
        #expect(Timeline.isFrameFileName("frame-001-2021-08-15.svg"))
        #expect(!Timeline.isFrameFileName("frame-001-notadate.svg"))
        #expect(!Timeline.isFrameFileName("index.html") && !Timeline.isFrameFileName("frame-1-2015.svg"))
    }

    @Test("frames show what existed on each date, with every node at the same coordinates in every frame")
    func fixedPositions() throws {
        let timeline = try Timeline().render(network, dates: [date("2021"), date("2014"), date("2018-06")], options: options())
        #expect(timeline.frames.map(\.fileName) == ["frame-001-2014.svg", "frame-002-2018-06.svg", "frame-003-2021.svg"])
        let ids = timeline.frames.map { $0.result.network.entities.map(\.id).sorted() }
        // In 2014 `place` is gone with its only relation (mid is not there yet) and contains nothing.
        #expect(ids == [["hub", "old"], ["hub", "mid", "place"], ["hub", "mid", "new", "place"]])

        let boxes = try timeline.frames.map { try shapeBoxes($0.svg) }
        func box(_ frame: Int, _ entity: String) -> String? {
            boxes[frame]["rg-g-\(timeline.frames[frame].date)-entity-\(entity)"].map { "\($0)" }
        }
        // Same place in every frame that shows it.
        #expect(box(0, "hub") != nil && box(0, "hub") == box(1, "hub") && box(1, "hub") == box(2, "hub"))
        #expect(box(1, "mid") != nil && box(1, "mid") == box(2, "mid"))
        #expect(box(1, "place") != nil && box(1, "place") == box(2, "place"))
        // Frames differ in which nodes they show.
        #expect(box(0, "old") != nil && box(1, "old") == nil && box(2, "old") == nil)
        #expect(box(0, "new") == nil && box(1, "new") == nil && box(2, "new") != nil)
        // And the positions are the union layout's (SVG y is flipped).
        let hub = try #require(timeline.layout.node(named: "hub"))
        let hubBox = try #require(boxes[0]["rg-g-2014-entity-hub"])
        #expect(abs((hubBox.minX + hubBox.maxX) / 2 - hub.x) < 1.5)
        // Same canvas: same size and the same translation.
        let heads = timeline.frames.map { frame in
            frame.svg.text.components(separatedBy: "\n").first { $0.hasPrefix("<svg") }?.components(separatedBy: " xmlns=").first
        }
        #expect(heads[0]?.contains("viewBox=") == true)
        #expect(Set(heads).count == 1)
        let transforms = timeline.frames.map { $0.svg.text.components(separatedBy: "\n").first { $0.contains("class=\"graph\"") } }
        #expect(Set(transforms.map { $0?.components(separatedBy: "transform=").last }).count == 1)
    }

    @Test("each frame carries its date in the caption, <desc> and ids; the caption stays put; no script")
    func captions() throws {
        let timeline = try Timeline().render(network, view: ViewDefinition(focus: ["mid"], depth: 1),
                                             dates: [date("2018"), date("2022")], options: options())
        #expect(timeline.viewSummary == "focus Mid, depth 1")
        for frame in timeline.frames {
            let text = frame.svg.text
            #expect(text.contains(">View: focus Mid, depth 1; as of \(frame.date)</text>"))
            #expect(text.contains("View: focus Mid, depth 1; as of \(frame.date).</desc>"))
            #expect(text.contains("id=\"rg-g-\(frame.date)-caption\""))
            #expect(text.contains("<title>Growing. View: focus Mid, depth 1; as of \(frame.date)</title>"))
            #expect(!text.lowercased().contains("<script"))
            #expect(throws: Never.self) { try XMLCheck.verify(frame.svg) }
        }
        let captions = try timeline.frames.map { try shapeBoxes($0.svg)["rg-g-\($0.date)-caption"].map { "\($0.minX),\($0.minY)" } }
        #expect(captions[0] != nil && captions[0] == captions[1])
        // The legend is the union's in every frame: `sponsors` (2021 on) is listed, in its family, in 2018 too.
        #expect(timeline.frames[0].svg.text.contains(">backing: sponsors</text>"))
    }

    @Test("territory clusters keep the union's boxes in every frame")
    func clusters() throws {
        let timeline = try Timeline().render(network, view: ViewDefinition(cluster: .territories),
                                             dates: [date("2018"), date("2022")], options: options())
        let first = try shapeBoxes(timeline.frames[0].svg)["rg-g-2018-cluster-hub"]
        let second = try shapeBoxes(timeline.frames[1].svg)["rg-g-2022-cluster-hub"]
        #expect(first != nil)
        #expect(first.map { "\($0)" } == second.map { "\($0)" })
    }

    /// Graphviz 2.43 draws every frame with no line through an entity and none
    /// ending at the wrong one; Graphviz 14 lays the union out a little tighter and
    /// routes the one merged line the union does not have straight (its entities
    /// "touch"), and one arrowhead shorter in a frame than in the union stops short:
    /// at most one of each a frame. Before, frames had up to 22 lines through entities.
    @Test("every frame of the flagship's timeline draws each line as the whole network does: at most one through an entity or ending at the wrong one")
    func flagshipFramesCanBeFollowed() throws {
        let dates = Timeline.dates(every: .year, from: date("2011"), to: date("2025"))
        let timeline = try Timeline().render(flagship, dates: dates, options: options())
        #expect(timeline.frames.count == 15)
        for frame in timeline.frames {
            let report = try Readability.measure(svg: frame.svg, page: .a4)
            #expect(report.linesThroughEntities <= 1 && report.misplacedEnds <= 1,
                    "\(frame.fileName): \(report.linesThroughEntities) through, \(report.misplacedEnds) misplaced")
            #expect(report.labelOverlaps == 0 && report.entityOverlaps == 0, "\(frame.fileName)")
        }
    }

    @Test("a view that sets a date cannot be a timeline's base; nor can an empty list of dates")
    func problems() {
        #expect(throws: Timeline.Problem.viewSetsTime(view: "x")) {
            try Timeline().render(network, view: ViewDefinition(name: "x", asOf: date("2020")), dates: [date("2020")], options: options())
        }
        #expect(throws: Timeline.Problem.noDates) { try Timeline().render(network, dates: [], options: options()) }
    }

    @Test("--axis known steps the record's date: each frame keeps the claims made by then, and may sit on an as-of view")
    func knownAxis() throws {
        let text = """
        title: Record
        sources:
          early: {title: Early, date: "2016"}
          late: {title: Late, date: "2022"}
        entities:
          - {id: a, kind: agency, name: A}
          - {id: g, kind: group, name: G, since: "2015"}
        relations:
          - {from: a, type: sponsors, to: g, claims: [{source: late, quote: "sponsors"}]}
          - {from: a, type: funds, to: g, since: "2015", claims: [{source: early, quote: "funds"}]}
        """
        let record = loadNetwork(text)
        #expect(Timeline.dateRange(of: record, axis: .known).map { "\($0.from)…\($0.to)" } == "2016…2022")
        let timeline = try Timeline().render(record, view: ViewDefinition(asOf: date("2018")), dates: [date("2017"), date("2023")],
                                             options: options(), axis: .known)
        #expect(timeline.frames.map { $0.result.network.relations.map(\.type) } == [["funds"], ["sponsors", "funds"]])
        #expect(timeline.frames[0].result.summary == "as of 2018; as known on 2017")
        // In the as-of view the undated sponsors relation is marked, with when it was claimed.
        let svg = String(decoding: timeline.frames[1].svg, as: UTF8.self)
        #expect(svg.contains("sponsors, undated, claimed 2022"))
        let page = String(decoding: TimelinePage.html(for: timeline), as: UTF8.self)
        #expect(page.contains("alt=\"Record, as known on 2017\""))
        #expect(page.contains("what was on record on each date"))
        #expect(throws: Timeline.Problem.viewSetsKnown(view: "")) {
            try Timeline().render(record, view: ViewDefinition(knownAsOf: date("2020")), dates: [date("2020")], options: options(), axis: .known)
        }
    }

    @Test("the same input gives the same frames and page, byte for byte")
    func deterministic() throws {
        let a = try Timeline().render(network, dates: [date("2014"), date("2021")], options: options())
        let b = try Timeline().render(network, dates: [date("2014"), date("2021")], options: options())
        #expect(a.frames.map(\.svg) == b.frames.map(\.svg))
        #expect(TimelinePage.html(for: a) == TimelinePage.html(for: b))
    }

    @Test("the page references every frame, has the controls, and escapes what it shows")
    func page() throws {
        let timeline = try Timeline().render(network, dates: [date("2014"), date("2018-06"), date("2021")], options: options())
        let html = TimelinePage.html(for: timeline).text
        for frame in timeline.frames {
            #expect(html.contains("\"src\":\"\(frame.fileName)\""))
            #expect(html.contains("<a href=\"\(frame.fileName)\""))
        }
        #expect(html.contains("<img id=\"frame\" src=\"frame-001-2014.svg\""))
        for control in ["id=\"prev\"", "id=\"next\"", "type=\"range\"", "ArrowLeft", "ArrowRight"] {
            #expect(html.contains(control), "\(control)")
        }
        let hostile = TimelinePage.html(title: "</script><script>alert(1)</script> & co", viewSummary: "",
                                        entries: [.init(fileName: "a\".svg", date: "2015", counts: "1 entity, 0 relations")]).text
        #expect(!hostile.contains("<script>alert"))
        #expect(hostile.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(hostile.contains("\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 co\""))
        #expect(hostile.components(separatedBy: "<script>").count == 2)  // only the page's own
    }
}
