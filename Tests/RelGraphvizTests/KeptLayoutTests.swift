import Foundation
import Testing
import RelGraph
import RelGraphTestSupport
@testable import RelGraphDrawing
@testable import RelGraphviz

/// Versions that keep their picture (issue 23): `render --layout-from` and the
/// difference drawing of `diff`, on the flagship and an edit of it.
@Suite("Kept layout and the difference drawing")
struct KeptLayoutTests {
    /// The flagship with one entity added (tied to ISKP), one relation added
    /// (ISI related to al-Qaeda), ISI trains ISKP made reported, and one relation
    /// removed (ISI funds ISKP).
    static let edited: Network = {
        var text = try! String(contentsOf: TestPaths.flagship, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nrelations:\n", with: """

              - id: new-cell
                kind: group
                name: New cell
                sources: [asian-age-2025-10-09]

            relations:
              - from: new-cell
                type: affiliate-of
                to: iskp
                confidence: reported
                claims:
                  - source: asian-age-2025-10-09
                    quote: "ISKP"
              - from: isi
                type: related-to
                to: al-qaeda
                confidence: alleged
                claims:
                  - source: asian-age-2025-10-09
                    quote: "ISI"

            """)
        text = text.replacingOccurrences(of: "  - from: isi\n    type: trains\n    to: iskp\n    confidence: disputed",
                                          with: "  - from: isi\n    type: trains\n    to: iskp\n    confidence: reported")
        let loaded = NetworkLoader().load(bytes: Array(text.utf8), file: "edited.yaml", format: .yaml)
        precondition(!loaded.hasErrors, "the edited flagship must be valid: \(loaded.diagnostics.map(\.formatted))")
        var network = loaded.network
        network.relations.removeAll { $0.from == "isi" && $0.type == "funds" && $0.to == "iskp" }
        return network
    }()

    static func svgOptions() -> RenderOptions {
        var options = RenderOptions()
        options.format = .svg
        return options
    }

    /// The flagship drawn as `render` draws it, and read back.
    static let drawn: (data: Data, previous: PreviousDrawing) = {
        let data = try! Renderer().render(flagship, options: svgOptions()).data
        return (data, try! PreviousDrawing(svg: data))
    }()

    @Test("every drawing notes how it was laid out, and the note reads back the same")
    func layoutNote() throws {
        let text = String(decoding: Self.drawn.data, as: UTF8.self)
        #expect(text.contains("class=\"relgraph-layout\">relgraph-layout 1; engine="))
        let note = try #require(Self.drawn.previous.note)
        #expect(LayoutNote(text: note.text) == note)
        #expect(LayoutNote(text: "not a note") == nil)
    }

    @Test("the earlier drawing is read: every entity drawn, every line with its route")
    func readsPrevious() throws {
        let previous = Self.drawn.previous
        let diagram = DiagramBuilder(options: DiagramOptions()).build(try flagship.applying(ViewDefinition()), full: flagship)
        for node in diagram.nodes {
            #expect(previous.place(of: XMLName.make(node.isList ? "list" : "entity", node.id)) != nil, "\(node.id) is read")
        }
        for edge in diagram.edges { #expect(previous.lines[XMLName.make("relation", edge.key)] != nil, "\(edge.key) has a route") }
        #expect(throws: PreviousDrawing.Problem.self) { try PreviousDrawing(svg: Data("<html/>".utf8)) }
        #expect(throws: PreviousDrawing.Problem.self) { try PreviousDrawing(svg: Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><g class=\"graph\"/></svg>".utf8)) }
    }

    @Test("a new version keeps every entity where it was; the new one goes beside ISKP, touching nothing; the lines can be followed")
    func newVersionKeepsLayout() throws {
        var options = Self.svgOptions()
        options.layoutFrom = Self.drawn.previous
        let data = try Renderer().render(Self.edited, options: options).data
        let kept = try PreviousDrawing(svg: data)
        let stability = try #require(LayoutStability(old: Self.drawn.previous.centres, new: kept.centres))
        #expect(stability.shared == Self.drawn.previous.centres.count)
        #expect(stability.meanDisplacement < 0.001 && stability.movedFar == 0 && stability.ordersKept == 1)
        let cell = try #require(kept.place(of: "entity-new-cell"))
        let iskp = try #require(kept.place(of: "entity-iskp"))
        #expect(cell.centre.distance(to: iskp.centre) < 200, "the new entity is drawn near its neighbour")
        let report = try Readability.measure(svg: data, page: .a4)
        #expect(report.entityOverlaps == 0 && report.labelOverlaps == 0 && report.misplacedEnds == 0)
        // New lines are routed by neato -n2 around pinned entities: a few pass through one (2 on Graphviz 2.43, 3 on 14).
        #expect(report.linesThroughEntities <= 3)
        // Afresh, the same edit moves most of the drawing.
        let fresh = try PreviousDrawing(svg: try Renderer().render(Self.edited, options: Self.svgOptions()).data)
        let moved = try #require(LayoutStability(old: Self.drawn.previous.centres, new: fresh.centres))
        #expect(moved.movedFar > 0.2)
    }

    @Test("kept from itself, a drawing is the same picture; the same input gives the same bytes")
    func keptFromItself() throws {
        var options = Self.svgOptions()
        options.layoutFrom = Self.drawn.previous
        let once = try Renderer().render(flagship, options: options).data
        let twice = try Renderer().render(flagship, options: options).data
        #expect(once == twice)
        let kept = try PreviousDrawing(svg: once)
        let stability = try #require(LayoutStability(old: Self.drawn.previous.centres, new: kept.centres))
        #expect(stability.meanDisplacement < 0.001 && stability.ordersKept == 1)
    }

    @Test("the difference drawing: the old layout, render's ids, each change marked in colour, line and words")
    func differenceDrawing() throws {
        let report = NetworkDiff.compare(flagship, Self.edited, oldName: "old.yaml", newName: "new.yaml")
        var options = Self.svgOptions()
        options.svg.idPrefix = "rg-diff"
        let data = try DifferenceDrawing().render(old: flagship, new: Self.edited, report: report, options: options).data
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("id=\"rg-diff-entity-iskp\"") && text.contains("id=\"rg-diff-entity-new-cell\""))
        #expect(text.contains("Differences from old.yaml to new.yaml"))
        // The changed ISI → ISKP line says what changed; the legend says how changes are drawn.
        #expect(text.contains("disputed → reported"))
        #expect(text.contains("− funds"))
        for words in ["Changes", "added (thick)", "changed (double, says what)", "unchanged (thin, grey)"] {
            #expect(text.contains(words), "the legend has \(words)")
        }
        #expect(text.contains("change-added") && text.contains("change-changed") && text.contains("change-unchanged"))
        #expect(text.contains("<title>Added: "))
        // In the old drawing's layout.
        let drawnDiff = try PreviousDrawing(svg: data)
        let stability = try #require(LayoutStability(old: Self.drawn.previous.centres, new: drawnDiff.centres))
        #expect(stability.meanDisplacement < 0.001 && stability.ordersKept == 1)
        // Only the changes and their neighbours with a context.
        let cut = try DifferenceDrawing().render(old: flagship, new: Self.edited, report: report, context: 0, options: options).data
        let cutText = String(decoding: cut, as: UTF8.self)
        #expect(cutText.contains("rg-diff-entity-isi\"") && !cutText.contains("rg-diff-entity-mauritius\""))
    }
}
