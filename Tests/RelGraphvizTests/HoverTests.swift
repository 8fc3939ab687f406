import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// `render --hover`: classes that name each element's neighbours, and CSS that
/// dims what does not touch the hovered entity or line. (The browser behaviour is
/// checked in Chromium by `HoverBrowserTests`.)
@Suite("Hover highlighting")
struct HoverTests {
    /// The hub network: one group and 50 tools, folded into one list node.
    static let hub: Network = {
        let loaded = NetworkLoader().load(path: Paths.packageRoot.appendingPathComponent("Tests/RelGraphvizTests/Fixtures/hub-50.yaml").path)
        precondition(!loaded.hasErrors)
        return loaded.network
    }()

    /// The `class` of the element with id `id`.
    func classes(_ svg: SVGInventory, _ id: String) throws -> Set<String> {
        let element = try #require(svg.elements.first { $0.attributes["id"] == id }, "no element \(id)")
        return Set((element.attributes["class"] ?? "").split(separator: " ").map(String.init))
    }

    /// The classes naming each line's ends are on every drawing (``Readability``
    /// reads which entities a line joins from them); only the stylesheet needs --hover.
    @Test("off by default: no stylesheet; the classes naming each line's ends are there")
    func offByDefault() throws {
        let text = try svg(flagship).text
        #expect(!text.contains("<style"))
        #expect(text.contains(" t-iskp"))
    }

    @Test("an entity names itself and its neighbours; a merged line names its two ends")
    func classesOfEntitiesAndLines() throws {
        let data = try svg(flagship) { $0.hover = true; $0.svg.idPrefix = "f" }
        let inventory = SVGInventory(data)
        #expect(inventory.ok)
        let isi = try classes(inventory, "f-entity-isi")
        #expect(isi.isSuperset(of: ["entity", "n-isi", "t-iskp", "t-india"]))
        #expect(!isi.contains("t-isi"))
        // Five relations between ISI and ISKP on one line: one pair of ends.
        let merged = try #require(inventory.elements.first {
            $0.attributes["class"]?.contains("merged") == true && $0.attributes["id"]?.hasPrefix("f-relation-isi_20_allied-with") == true
        })
        let mergedClasses = Set(merged.attributes["class"]!.split(separator: " ").map(String.init))
        #expect(Set(mergedClasses.filter { $0.hasPrefix("t-") }) == Set(["t-isi", "t-iskp"]))
    }

    @Test("the entities of a folded list are lit by the list's line and light its hub")
    func foldedList() throws {
        let data = try svg(Self.hub) { $0.hover = true; $0.svg.idPrefix = "h" }
        let inventory = SVGInventory(data)
        let diagram = DiagramBuilder(options: DiagramOptions()).build(try Self.hub.applying(ViewDefinition()), full: Self.hub)
        let list = try #require(diagram.nodes.first { $0.isList })
        let listToken = HoverHighlight.listToken(list.id)
        #expect(listToken.count == 18)
        let tool = try classes(inventory, "h-entity-tool-01")
        #expect(tool.isSuperset(of: ["entity", "n-\(listToken)", "t-hub-group"]))
        let hub = try classes(inventory, "h-entity-hub-group")
        #expect(hub.isSuperset(of: ["n-hub-group", "t-\(listToken)"]))
        let text = data.text
        #expect(text.contains("#h-root:has(.n-\(listToken):hover) .t-\(listToken)"))
        #expect(text.contains("#h-root:has(.t-\(listToken).t-hub-group:hover) :is(.n-\(listToken),.n-hub-group)")
            || text.contains("#h-root:has(.t-hub-group.t-\(listToken):hover) :is(.n-hub-group,.n-\(listToken))"))
    }

    @Test("every selector starts with the diagram's own root id")
    func scoped() throws {
        let text = try svg(flagship) { $0.hover = true; $0.svg.idPrefix = "fig1" }.text
        let css = try #require(text.range(of: "<style>").flatMap { start in
            text.range(of: "</style>").map { String(text[start.upperBound..<$0.lowerBound]) }
        })
        let selectors = css.split(separator: "{").map { $0.split(separator: "}").last.map(String.init) ?? "" }
            .flatMap { $0.split(separator: ",\n") }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && !$0.hasPrefix("opacity") }
        #expect(selectors.count > 100)
        for selector in selectors { #expect(selector.hasPrefix("#fig1-root"), "\(selector)") }
        #expect(css.contains("#fig1-root:has(.n-iskp:hover) .t-iskp"))
        #expect(css.contains("#fig1-root:has(.t-isi.t-iskp:hover) :is(.n-isi,.n-iskp)"))
    }

    @Test("entity ids become CSS names that need no escaping, one name per id")
    func tokens() {
        #expect(HoverHighlight.token("al-qaeda") == "al-qaeda")
        #expect(HoverHighlight.token("a.b") == "a_2e_b")
        #expect(HoverHighlight.token("a_b") == "a__b")
        #expect(HoverHighlight.token("x:y/z@w+v") == "x_3a_y_2f_z_40_w_2b_v")
        #expect(HoverHighlight.token("a.b") != HoverHighlight.token("a_2e_b"))
    }

    @Test("with the theme: one stylesheet; the auto theme follows a page's own switch")
    func withAutoTheme() throws {
        let text = try svg(flagship) { $0.hover = true; $0.svg.autoTheme = true }.text
        #expect(text.components(separatedBy: "<style>").count == 2)
        #expect(text.contains("@media (prefers-color-scheme: dark){#rg-root:not(:is([data-theme=light],.light,[data-md-color-scheme=default],[data-bs-theme=light],.quarto-light) *) [fill=\"#ffffff\"]{fill:#0d1117}"))
        #expect(text.contains(":is([data-theme=dark],.dark,[data-md-color-scheme=slate],[data-bs-theme=dark],.quarto-dark) #rg-root{[fill=\"#ffffff\"]{fill:#0d1117}"))
    }

    @Test("same input, same bytes")
    func deterministic() throws {
        #expect(try svg(flagship) { $0.hover = true } == svg(flagship) { $0.hover = true })
    }
}
