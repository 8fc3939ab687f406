import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz
import RelGraphTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG read back with libxml2 (Foundation's XMLParser): every element with its attributes.
final class SVGInventory: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String }
    var elements: [Element] = []
    private var stack: [Int] = []
    var ok = false

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        ok = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let top = stack.last { elements[top].text += string }
    }

    var ids: [String] { elements.compactMap { $0.attributes["id"] } }
    func first(_ name: String, where predicate: (Element) -> Bool = { _ in true }) -> Element? { elements.first { $0.name == name && predicate($0) } }
}

let hostile: Network = {
    let loaded = NetworkLoader().load(path: Paths.packageRoot.appendingPathComponent("Tests/RelGraphvizTests/Fixtures/hostile.yaml").path)
    precondition(!loaded.hasErrors, "\(loaded.errors.map(\.formatted))")
    return loaded.network
}()

func svg(_ network: Network, view: ViewDefinition = ViewDefinition(), configure: (inout RenderOptions) -> Void = { _ in }) throws -> Data {
    var options = RenderOptions()
    options.format = .svg
    configure(&options)
    return try Renderer().render(network, view: view, options: options).data
}

/// Runs a program; nil when it is not installed.
func run(_ program: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String)? {
    let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    let path = searchPath.map { $0 + "/" + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else { return nil }
    let result = try ProcessRunner.run(URL(fileURLWithPath: path), arguments, stdin: input)
    return (result.status, result.stdout + result.stderr)
}

@Suite("Report-ready SVG: safe")
struct SVGSafetyTests {
    static let allowed: Set<String> = ["svg", "g", "title", "desc", "a", "polygon", "polyline", "path", "ellipse", "text", "style", "metadata"]

    @Test("hostile names and links render to well-formed SVG with no injected element or attribute")
    func hostileCorpus() throws {
        let data = try svg(hostile)
        let inventory = SVGInventory(data)
        #expect(inventory.ok)
        #expect(Set(inventory.elements.map(\.name)).isSubset(of: Self.allowed), "\(Set(inventory.elements.map(\.name)))")
        for element in inventory.elements {
            for (name, value) in element.attributes {
                #expect(!name.lowercased().hasPrefix("on"), "\(element.name) has \(name)")
                if name == "href" || name == "xlink:href" {
                    #expect(value.hasPrefix("#") || value.hasPrefix("https://") || value.hasPrefix("http://") || value.hasPrefix("mailto:"), "\(value)")
                }
                #expect(!value.lowercased().contains("javascript:") || name == "xlink:title", "\(name)=\(value)")
            }
        }
        // Exactly the three allowed links survive, percent-encoded where needed.
        let links = inventory.elements.compactMap { $0.attributes["xlink:href"] }.filter { !$0.hasPrefix("#") }.sorted()
        #expect(links == [
            "https://example.org/?a=1&b=2%22onmouseover=%22alert(1)",
            "https://example.org/path%20with%20spaces/%3Ctag%3E",
            "mailto:desk@example.org?subject=a&body=b",
        ])
    }

    @Test("tooltips and titles keep the exact text, with Graphviz's \\N and \\G escapes not expanded")
    func exactText() throws {
        let inventory = SVGInventory(try svg(hostile))
        let tooltips = inventory.elements.compactMap { $0.attributes["xlink:title"] }
        #expect(tooltips.contains("Back\\slash \\N \\G \\L \\n \\ (group)"))
        #expect(inventory.elements.contains { $0.name == "title" && $0.text == "Back\\slash \\N \\G \\L \\n \\ (group)" })
        // Bidi overrides and control characters are gone; Arabic script and emoji stay.
        let texts = inventory.elements.filter { $0.name == "text" }.map(\.text).joined(separator: " ")
        #expect(!texts.unicodeScalars.contains { TextPolicy.isInvisibleOrControl($0) })
        #expect(texts.contains("خراسان") && texts.contains("پاکستان") && texts.contains("ننګرهار") && texts.contains("🔥"))
        // The 10,000-character name is cut in its label and kept (up to 2,000 characters) in its tooltip.
        #expect(texts.contains("…"))
    }

    @Test("xmllint accepts the hostile SVG")
    func xmllint() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(getpid()).svg")
        try svg(hostile).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try #require(try run("xmllint", ["--noout", file.path]), "xmllint is missing: `make test` installs libxml2-utils")
        #expect(result.status == 0, "\(result.output)")
    }

    /// Whether python3 runs with html5lib.
    static let html5lib = (try? run("python3", ["-c", "import html5lib"]))??.status == 0

    @Test("an HTML5 parser sees no injected element when two hostile diagrams are inlined in one page",
          .enabled(if: html5lib, "needs python3 with html5lib (`make test` installs it: python3 -m pip install html5lib)"))
    func html5() throws {
        let a = try svg(hostile) { $0.svg.mode = .inline; $0.svg.idPrefix = "first" }
        let b = try svg(hostile) { $0.svg.mode = .inline; $0.svg.idPrefix = "second" }
        let page = "<!DOCTYPE html><html><head><title>t</title></head><body>" + a.text + b.text + "</body></html>"
        let script = """
        import sys, html5lib
        doc = html5lib.parse(sys.stdin.read(), namespaceHTMLElements=False)
        names = set(); bad = []; ids = []
        for el in doc.iter():
            tag = el.tag.split('}')[-1] if isinstance(el.tag, str) else ''
            names.add(tag)
            for k, v in el.attrib.items():
                k = k.split('}')[-1]
                if k.lower().startswith('on'): bad.append(k)
                if k == 'id': ids.append(v)
        print(sorted(names)); print('bad', bad); print('dups', len(ids) - len(set(ids)))
        """
        let result = try #require(try run("python3", ["-c", script], input: Data(page.utf8)), "python3 is missing")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3, "\(result.output)")
        let names = String(lines.first ?? "")
        for forbidden in ["'script'", "'foreignObject'", "'img'", "'iframe'", "'style'"] { #expect(!names.contains(forbidden), "\(names)") }
        #expect(lines.dropFirst().first == "bad []")
        #expect(lines.last == "dups 0")
    }

    @Test("no active content ever: no script, foreignObject or event handlers in the flagship either")
    func flagshipHasNoActiveContent() throws {
        let text = try svg(flagship).text
        for needle in ["<script", "<foreignObject", " onload=", " onclick=", "javascript:", "<!--", "<!DOCTYPE", "%3"] {
            #expect(!text.contains(needle), "\(needle)")
        }
    }
}

@Suite("Report-ready SVG: embeddable")
struct SVGEmbedTests {
    @Test("inline SVG starts with <svg and has no declaration, DOCTYPE or comments")
    func inline() throws {
        let text = try svg(flagship) { $0.svg.mode = .inline }.text
        #expect(text.hasPrefix("<svg "))
        #expect(!text.contains("<?xml") && !text.contains("<!DOCTYPE") && !text.contains("<!--"))
    }

    @Test("every id carries the prefix, and every internal reference follows it")
    func prefixedIDs() throws {
        let inventory = SVGInventory(try svg(flagship) { $0.svg.idPrefix = "fig1" })
        #expect(!inventory.ids.isEmpty)
        #expect(Set(inventory.ids).count == inventory.ids.count, "duplicate ids")
        let unprefixed = inventory.ids.filter { !$0.hasPrefix("fig1-") }
        #expect(unprefixed == [])
        let ids = Set(inventory.ids)
        for element in inventory.elements {
            for (name, value) in element.attributes {
                if name.hasSuffix("href"), value.hasPrefix("#") { #expect(ids.contains(String(value.dropFirst())), "\(value)") }
                if let range = value.range(of: "url(#") {
                    let target = value[range.upperBound...].prefix { $0 != ")" }
                    #expect(ids.contains(String(target)), "\(value)")
                }
            }
            if let labelledBy = element.attributes["aria-labelledby"] {
                for id in labelledBy.split(separator: " ") { #expect(ids.contains(String(id))) }
            }
        }
    }

    @Test("two diagrams on one page share no id")
    func twoDiagrams() throws {
        let a = SVGInventory(try svg(flagship) { $0.svg.idPrefix = "rg-iskp" })
        let b = SVGInventory(try svg(flagship, view: ViewDefinition(focus: ["isi"])) { $0.svg.idPrefix = "rg-isi" })
        #expect(Set(a.ids).isDisjoint(with: Set(b.ids)))
    }

    @Test("ids come from entity and relation ids: adding an entity changes no other element's id")
    func stableIDs() throws {
        var bigger = flagship
        bigger.entities.append(Entity(id: "aaa-new", kind: .group, name: "A new group"))
        bigger.relations.append(Relation(from: "aaa-new", type: "rival-of", to: "iskp", sources: ["asian-age-2025-10-09"]))
        let before = Set(SVGInventory(try svg(flagship)).ids)
        let after = Set(SVGInventory(try svg(bigger)).ids)
        #expect(before.isSubset(of: after))
        let added = after.subtracting(before)
        #expect(added.contains("rg-entity-aaa-new") && added.contains("rg-relation-aaa-new_20_rival-of_20_iskp"))
        #expect(added.allSatisfy { $0.contains("aaa-new") }, "\(added)")
    }

    @Test("viewBox is always present; --responsive drops the fixed size")
    func viewBox() throws {
        let fixed = try #require(SVGInventory(try svg(flagship)).first("svg"))
        #expect(fixed.attributes["viewBox"] != nil && fixed.attributes["width"] != nil)
        let responsive = try #require(SVGInventory(try svg(flagship) { $0.svg.responsive = true }).first("svg"))
        #expect(responsive.attributes["viewBox"] != nil)
        #expect(responsive.attributes["width"] == nil && responsive.attributes["height"] == nil)
    }
}

@Suite("Report-ready SVG: meaningful and accessible")
struct SVGAccessibilityTests {
    @Test("the root is an image labelled by the document title and a text summary")
    func root() throws {
        let inventory = SVGInventory(try svg(flagship) { $0.svg.idPrefix = "p" })
        let root = try #require(inventory.first("svg"))
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "p-title p-desc")
        #expect(inventory.first("title") { $0.attributes["id"] == "p-title" }?.text == flagship.title)
        let desc = try #require(inventory.first("desc") { $0.attributes["id"] == "p-desc" }?.text)
        #expect(desc.hasPrefix("A network of 54 entities (5 groups, 3 agencies, 7 states, 18 territories, 6 people, 12 events, 2 organizations, 1 publication) and 78 relations"))
        #expect(desc.contains("Most connected: ISKP ("))
    }

    @Test("node and edge titles are sentences, never ids or %3")
    func titles() throws {
        let inventory = SVGInventory(try svg(flagship))
        let titles = inventory.elements.filter { $0.name == "title" }.map(\.text)
        // Relations between the same two entities share one line; its title names each.
        #expect(titles.contains { $0.contains("ISI sponsors ISKP (disputed; denied by Pakistan)") })
        #expect(titles.contains("ISKP affiliate of ISIS (confirmed)"))
        #expect(titles.contains("ISKP (group, 2015-01–)"))
        #expect(!titles.contains("%3") && !titles.contains("iskp") && !titles.contains { $0.contains("->") })
    }

    @Test("tooltips: an entity shows name, aliases, kind and dates; a relation type, dates, confidence, grade and claims")
    func tooltips() throws {
        let inventory = SVGInventory(try svg(flagship))
        let tips = inventory.elements.compactMap { $0.attributes["xlink:title"] }
        #expect(tips.contains { $0.hasPrefix("ISKP (group)\nAlso known as: Islamic State–Khorasan Province\nDates: 2015-01–") })
        // ISI's five relations to ISKP share one line: its tooltip has a paragraph each.
        let line = try #require(tips.first { $0.contains("ISI sponsors ISKP\n") })
        let sponsor = try #require(line.components(separatedBy: "\n\n").first { $0.hasPrefix("ISI sponsors ISKP\n") })
        #expect(sponsor.contains("disputed · grade C3: fairly reliable, possibly true"))
        let dabori = try #require(tips.first { $0.hasPrefix("ISI participated in Dabori agreement\n") })
        #expect(dabori.contains("According to Ehsanullah Ehsan — The Asian Age, 2025-10-09 (source C: fairly reliable): “"))
        let denied = try #require(tips.flatMap { $0.components(separatedBy: "\n\n") }.first { $0.hasPrefix("Pakistan sponsors ISKP\n") })
        #expect(denied.contains("\nDenied by Pakistan — The Asian Age, 2025-10-09 (source C: fairly reliable): “Pakistan has attempted to deflect"))
    }

    @Test("groups carry classes for kind, tags, type and confidence")
    func classes() throws {
        let inventory = SVGInventory(try svg(flagship))
        let classes = Set(inventory.elements.filter { $0.name == "g" }.compactMap { $0.attributes["class"] })
        let expected = ["node entity kind-group", "node entity kind-event tag-attack",
                        "edge relation type-affiliate-of family-structure confidence-confirmed",
                        "edge relation type-leads family-structure confidence-confirmed ended"]
        // A line that stands for several relations names every type, confidence and tag.
        let tokens = classes.map { Set($0.split(separator: " ").map(String.init)) }
        for c in expected {
            // Besides these, a group names its neighbours (`n-`/`t-` classes).
            let wanted = Set(c.split(separator: " ").map(String.init))
            #expect(tokens.contains { $0.filter { !$0.hasPrefix("t-") && !$0.hasPrefix("n-") } == wanted }, "missing class \(c)")
        }
        for wanted: Set<String> in [["edge", "relation", "merged", "type-sponsors", "type-funds", "confidence-disputed", "denied", "tag-nexus"],
                                    ["edge", "relation", "merged", "type-sponsors", "confidence-disputed", "denied"]] {
            #expect(tokens.contains { wanted.isSubset(of: $0) }, "no group has the classes \(wanted.sorted())")
        }
    }

    @Test("an entity's url becomes its link")
    func links() throws {
        var network = flagship
        let index = try #require(network.entities.firstIndex { $0.id == "iskp" })
        network.entities[index].url = "https://example.org/iskp"
        let inventory = SVGInventory(try svg(network))
        #expect(inventory.elements.contains { $0.name == "a" && $0.attributes["xlink:href"] == "https://example.org/iskp" })
    }
}

@Suite("Report-ready SVG: light and dark, deterministic")
struct SVGThemeTests {
    @Test("dark theme draws on a dark background; auto embeds a prefers-color-scheme stylesheet")
    func themes() throws {
        let dark = try svg(flagship) { $0.diagram.theme = .dark }.text
        #expect(dark.contains("fill=\"\(Theme.dark.background)\""))
        let auto = try svg(flagship) { $0.svg.autoTheme = true }.text
        #expect(auto.contains("@media (prefers-color-scheme: dark)"))
        #expect(auto.contains("#rg-root:not(:is([data-theme=light],.light,[data-md-color-scheme=default],[data-bs-theme=light],.quarto-light) *) [fill=\"#ffffff\"]{fill:#0d1117}"))
        // Every rule is scoped to its own SVG, so it cannot recolour other diagrams on the page:
        // the system's setting, unless the page is set light…
        let css = try #require(auto.range(of: "@media").map { String(auto[$0.lowerBound...].prefix { $0 != "<" }) })
        let split = try #require(css.range(of: "}\n:is("))
        let (system, page) = (String(css[..<split.lowerBound]), String(css[split.lowerBound...].dropFirst(2)).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(system.split(separator: "}").filter { $0.contains("[") }.allSatisfy { $0.contains("#rg-root:not(:is([data-theme=light],.light,[data-md-color-scheme=default],[data-bs-theme=light],.quarto-light) *) [") })
        // …and the page's own switch, every rule nested in the scope.
        #expect(page.hasPrefix(":is([data-theme=dark],.dark,[data-md-color-scheme=slate],[data-bs-theme=dark],.quarto-dark) #rg-root{[fill="))
        #expect(page.filter { $0 == "{" }.count == page.filter { $0 == "}" }.count)
    }

    @Test("only SVG 1.1 colours: no 'transparent' in any theme", arguments: ["light", "dark", "auto"])
    func noTransparent(theme: String) throws {
        let text = try svg(flagship) { options in
            options.diagram.theme = theme == "dark" ? .dark : .light
            options.svg.autoTheme = theme == "auto"
        }.text
        #expect(!text.contains("transparent"))
    }

    @Test("rsvg-convert turns each theme into a PDF", arguments: ["light", "dark", "auto"])
    func pdfConversion(theme: String) throws {
        let data = try svg(flagship) { options in
            options.diagram.theme = theme == "dark" ? .dark : .light
            options.svg.autoTheme = theme == "auto"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(theme)-\(getpid()).svg")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try #require(try run("rsvg-convert", ["-f", "pdf", file.path]), "rsvg-convert is missing: `make test` installs librsvg2-bin")
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("%PDF"))
    }

    @Test("same input, byte-identical SVG in one process")
    func deterministic() throws {
        #expect(try svg(hostile) == svg(hostile))
        #expect(try svg(flagship) { $0.svg.autoTheme = true } == svg(flagship) { $0.svg.autoTheme = true })
    }
}
