import Foundation
import RelGraph

/// Finishes Graphviz's SVG for reports: safe, self-contained, accessible, and free
/// of id clashes when several diagrams share a page.
///
/// - Only drawing elements survive (no `script`, `foreignObject`, `image`, `style`
///   other than relgraph's own, no `on*` attributes); links must pass ``URLPolicy``.
/// - Every id gets the prefix, and every internal reference (`#id`, `url(#id)`) follows.
/// - The root has `role="img"` and `aria-labelledby` pointing at a `<title>` (the
///   document title) and a `<desc>` (a one-paragraph summary).
/// - Node, edge and cluster `<title>`s are sentences ("ISI sponsors ISKP (alleged)"),
///   never ids or Graphviz's `%3`.
/// - A dashed or dotted path too short for two repeats of its pattern gets the
///   pattern scaled down until it repeats twice (``DashPattern``).
/// - The result is checked with an XML parser before it is returned.
package struct SVGPostProcessor {
    package let options: SVGOptions
    /// The document title (`<title>` of the root).
    package let title: String
    /// The one-paragraph summary (`<desc>` of the root).
    package let summary: String
    /// Sentences for `<title>`s, by the (unprefixed) id of the group they belong to.
    package let titles: [String: String]
    /// Exact tooltips, by the (unprefixed) id of the object they belong to.
    package let tooltips: [String: String]
    /// Entities drawn as cells of a list node (folded leaves), by their
    /// (unprefixed) group id `entity-ID`.
    package var listEntries: [String: Diagram.ListEntry] = [:]
    /// Links and source counts on lines (a report's), when asked for.
    package var lineMarks: LineEvidenceMarks?
    /// Classes naming each element's neighbours (``HoverHighlight``): on every
    /// network diagram, so that a line says which entities it joins (`t-A t-B`,
    /// read by `relgraph measure`); with ``SVGOptions/hover`` its stylesheet too.
    package var hover: HoverHighlight?
    /// Whether the hover stylesheet is written (``SVGOptions/hover``).
    package var hoverStyles = false

    /// Finishes the SVG of a network diagram. `extraTitles` gives `<title>` sentences
    /// for groups the diagram does not describe (a timeline's caption node), by
    /// unprefixed id.
    package init(options: SVGOptions, diagram: Diagram, extraTitles: [String: String] = [:]) {
        self.init(options: options, title: diagram.title, summary: diagram.summary,
                  titles: Self.titleMap(diagram).merging(extraTitles) { own, _ in own },
                  tooltips: Self.tooltipMap(diagram))
        for node in diagram.nodes {
            for entry in node.entries { listEntries[XMLName.make("entity", entry.id)] = entry }
        }
        let marks = LineEvidenceMarks(options: options, diagram: diagram)
        if !marks.isEmpty { lineMarks = marks }
        hover = HoverHighlight(diagram: diagram)
        hoverStyles = options.hover
    }

    /// Finishes any SVG relgraph draws (e.g. the overlay of `relgraph diff`):
    /// `titles` maps group ids (as given to Graphviz) to sentences, `tooltips` to
    /// the exact tooltip texts.
    package init(options: SVGOptions, title: String, summary: String, titles: [String: String], tooltips: [String: String] = [:]) {
        self.options = options
        self.title = title
        self.summary = summary
        self.titles = titles
        self.tooltips = tooltips
    }

    package static let allowedElements: Set<String> = [
        "svg", "g", "title", "desc", "a", "polygon", "polyline", "path", "ellipse", "circle", "rect", "line",
        "text", "tspan", "defs", "linearGradient", "radialGradient", "stop", "clipPath",
    ]

    package func process(_ data: Data) throws -> Data {
        let bytes = Data(try processTree(data, prefix: Self.sanitizePrefix(options.idPrefix)))
        try XMLCheck.verify(bytes)
        return bytes
    }

    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"

    /// Finishes by reading the whole tree, changing it and writing it.
    ///
    /// The one finisher. A streaming twin (`SVGStream`: one pass over the bytes,
    /// no tree) was removed in issue 27: it saved 0.6 % of a flagship render's
    /// instructions and 4.7 % of a 1,000-entity render's, and every budget of
    /// docs/performance.md is met without it ("Twin implementations"). Drawings with
    /// line marks need the tree anyway: their counts are placed by looking at the
    /// finished drawing.
    package func processTree(_ data: Data, prefix: String) throws -> [UInt8] {
        var root: XMLElement
        do {
            root = try XMLReader.parse(data)
        } catch {
            throw SVGError.unreadable("\(error)")
        }
        guard root.name == "svg" else { throw SVGError.unreadable("the root element is <\(root.name)>, not <svg>") }
        if !listEntries.isEmpty { root = rewriteListCells(root) }
        root = clean(root, prefix: prefix, titles: titles, tooltips: tooltips)
        finishRoot(&root, prefix: prefix)
        if let lineMarks { root = lineMarks.apply(to: root, prefix: prefix) }
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 4)
        if options.mode == .standalone { out.append(contentsOf: Self.declaration.utf8) }
        XMLWriter.write(root, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// A valid XML name prefix: letters, digits, `-`, `_`, `.`, starting with a letter.
    package static func sanitizePrefix(_ prefix: String) -> String {
        var out = ""
        for scalar in prefix.unicodeScalars where scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)) {
            out.unicodeScalars.append(scalar)
        }
        if out.isEmpty || !(out.unicodeScalars.first!.properties.isAlphabetic) { out = "rg" + out }
        return out
    }

    /// The cells of list nodes as entities: Graphviz writes a cell with a link
    /// as `<g id="a_entity-X"><a xlink:href=… xlink:title=…>`; each becomes
    /// `<g id="entity-X" class="entity kind-…"><title>sentence</title><a xlink:title=tooltip>`,
    /// with the entity's own link kept and the placeholder link dropped.
    private func rewriteListCells(_ element: XMLElement) -> XMLElement {
        var result = element
        result.children = element.children.map { child in
            guard case .element(let e) = child else { return child }
            if e.name == "g", let id = e[attribute: "id"], id.hasPrefix("a_"), let entry = listEntries[String(id.dropFirst(2))] {
                var group = XMLElement(name: "g", attributes: [("id", String(id.dropFirst(2))),
                                                               ("class", entry.classes.joined(separator: " "))], children: [])
                group.children.append(.element(XMLElement(name: "title", attributes: [], children: [.text(entry.title)])))
                for inner in e.children {
                    guard case .element(var anchor) = inner, anchor.name == "a" else { group.children.append(inner); continue }
                    Self.rewriteListAnchor(&anchor, entry: entry)
                    group.children.append(.element(anchor))
                }
                return .element(group)
            }
            return .element(rewriteListCells(e))
        }
        return result
    }

    /// A list cell's `<a>`: the placeholder link dropped, the entity's tooltip set.
    package static func rewriteListAnchor(_ anchor: inout XMLElement, entry: Diagram.ListEntry) {
        if anchor[attribute: "xlink:href"] == DiagramGraph.listCellLink { anchor[attribute: "xlink:href"] = nil }
        if anchor[attribute: "href"] == DiagramGraph.listCellLink { anchor[attribute: "href"] = nil }
        anchor[attribute: "xlink:title"] = entry.tooltip
    }

    /// Sentences for `<title>`s, by the (unprefixed) id of the group they belong to.
    private static func titleMap(_ diagram: Diagram) -> [String: String] {
        var map: [String: String] = ["diagram": diagram.title]
        for node in diagram.nodes {
            if node.isList {
                map[XMLName.make("list", node.id)] = node.title
                for entry in node.entries { map[XMLName.make("entity", entry.id)] = entry.title }
            } else {
                map[XMLName.make("entity", node.id)] = node.title
            }
        }
        for edge in diagram.edges { map[XMLName.make("relation", edge.key)] = edge.title }
        func add(_ cluster: Diagram.Cluster) {
            map[XMLName.make("cluster", cluster.id)] = "Within \(cluster.label)"
            cluster.children.forEach(add)
        }
        diagram.clusters.forEach(add)
        return map
    }

    /// Exact tooltips by the (unprefixed) id of the object they belong to. Graphviz
    /// 2.42 expands `\\N`, `\\G`, `\\L`… inside tooltips even when escaped, so the
    /// tooltip Graphviz wrote is replaced by relgraph's own text.
    private static func tooltipMap(_ diagram: Diagram) -> [String: String] {
        var map: [String: String] = [:]
        for node in diagram.nodes { map[XMLName.make(node.isList ? "list" : "entity", node.id)] = node.tooltip }
        for edge in diagram.edges { map[XMLName.make("relation", edge.key)] = edge.tooltip }
        func add(_ cluster: Diagram.Cluster) {
            map[XMLName.make("cluster", cluster.id)] = cluster.label
            cluster.children.forEach(add)
        }
        diagram.clusters.forEach(add)
        return map
    }

    /// The object an anchor group belongs to: `a_relation-x-label` → `relation-x`.
    package static func anchoredObject(_ groupID: String) -> String? {
        guard groupID.hasPrefix("a_") else { return nil }
        var id = String(groupID.dropFirst(2))
        for suffix in ["-label", "-headlabel", "-taillabel"] where id.hasSuffix(suffix) {
            id = String(id.dropLast(suffix.count))
        }
        return id
    }

    private func clean(_ element: XMLElement, prefix: String, titles: [String: String], tooltips: [String: String],
                       tooltip: String? = nil) -> XMLElement {
        var result = XMLElement(name: element.name, attributes: [], children: [])
        for (name, value) in element.attributes {
            if let cleaned = Self.cleanAttribute(name, value, prefix: prefix, isAnchor: element.name == "a", tooltip: tooltip) {
                result.attributes.append((name, cleaned))
            }
        }
        if element.name == "path", let dashes = result.attributes.firstIndex(where: { $0.0 == "stroke-dasharray" }),
           let d = result[attribute: "d"], let fitted = DashPattern.fitted(result.attributes[dashes].1, pathData: d) {
            result.attributes[dashes].1 = fitted
        }
        let groupID = element.name == "g" ? element[attribute: "id"] : nil
        if let groupID, let extra = hover?.classes[groupID] {
            if let index = result.attributes.firstIndex(where: { $0.0 == "class" }) {
                result.attributes[index].1 += " " + extra.joined(separator: " ")
            } else {
                result.attributes.append(("class", extra.joined(separator: " ")))
            }
        }
        let childTooltip = groupID.flatMap(Self.anchoredObject).flatMap { tooltips[$0] }
        for child in element.children {
            switch child {
            case .text(let text):
                result.children.append(.text(text))
            case .element(let e):
                guard Self.allowedElements.contains(e.name) else { continue }
                if e.name == "title", let groupID, let sentence = titles[groupID] {
                    result.children.append(.element(XMLElement(name: "title", attributes: [], children: [.text(sentence)])))
                    continue
                }
                result.children.append(.element(clean(e, prefix: prefix, titles: titles, tooltips: tooltips,
                                                      tooltip: e.name == "a" ? childTooltip : nil)))
            }
        }
        return result
    }

    /// The cleaned value of attribute `name` (`nil`: dropped): event handlers
    /// dropped, ids prefixed with internal references, links kept only on `<a>` and
    /// when ``URLPolicy`` allows them, tooltips replaced by `tooltip`.
    package static func cleanAttribute(_ name: String, _ value: String, prefix: String, isAnchor: Bool, tooltip: String?) -> String? {
        let lower = name.lowercased()
        if lower.hasPrefix("on") { return nil }
        switch lower {
        case "id":
            return "\(prefix)-\(value)"
        case "href", "xlink:href":
            if value.hasPrefix("#") {
                return "#\(prefix)-\(value.dropFirst())"
            } else if isAnchor, URLPolicy.isAllowed(value) {
                return value
            }
            return nil
        case "target":
            return ["_top", "_blank", "_self", "_parent"].contains(value) ? value : nil
        case "style":
            let l = value.lowercased()
            return !l.contains("url(") && !l.contains("expression") && !l.contains("@import") && !l.contains("javascript") ? value : nil
        case "fill", "stroke":
            // `transparent` is not SVG 1.1: some PDF and office converters draw it black.
            return value == "transparent" ? "none" : prefixReferences(value, prefix: prefix)
        case "xlink:title", "title":
            return tooltip ?? value
        default:
            return prefixReferences(value, prefix: prefix)
        }
    }

    /// `url(#x)` → `url(#prefix-x)` inside an attribute value.
    package static func prefixReferences(_ value: String, prefix: String) -> String {
        guard ByteSearch.contains(value, "url(#") else { return value }
        return value.replacingOccurrences(of: "url(#", with: "url(#\(prefix)-")
    }

    /// The root's attributes and the head of its children (title, description, style).
    package func finishRoot(_ root: inout XMLElement, prefix: String) {
        if root[attribute: "viewBox"] == nil,
           let width = root[attribute: "width"].flatMap(Self.points), let height = root[attribute: "height"].flatMap(Self.points) {
            root[attribute: "viewBox"] = "0 0 \(width) \(height)"
        }
        if options.responsive {
            root[attribute: "width"] = nil
            root[attribute: "height"] = nil
            root[attribute: "preserveAspectRatio"] = "xMidYMid meet"
        }
        root[attribute: "role"] = "img"
        root[attribute: "aria-labelledby"] = "\(prefix)-title \(prefix)-desc"
        root[attribute: "class"] = "relgraph"
        root[attribute: "id"] = "\(prefix)-root"
        var head: [XMLNode] = [
            .text("\n"),
            .element(XMLElement(name: "title", attributes: [("id", "\(prefix)-title")], children: [.text(title)])),
            .text("\n"),
            .element(XMLElement(name: "desc", attributes: [("id", "\(prefix)-desc")], children: [.text(summary)])),
        ]
        if let note = options.layoutNote {
            head.append(.text("\n"))
            head.append(.element(XMLElement(name: "metadata", attributes: [("id", "\(prefix)-layout"), ("class", "relgraph-layout")],
                                            children: [.text(note.text)])))
        }
        var css = options.autoTheme ? ThemeCSS.autoDark(scope: "#\(prefix)-root") : ""
        if let hover, hoverStyles { css += hover.css(scope: "#\(prefix)-root") }
        if !css.isEmpty {
            head.append(.text("\n"))
            head.append(.element(XMLElement(name: "style", attributes: [], children: [.text(css)])))
        }
        root.children.insert(contentsOf: head, at: 0)
    }

    /// "123pt" → "123"; plain numbers as they are.
    package static func points(_ text: String) -> String? {
        let number = text.hasSuffix("pt") ? String(text.dropLast(2)) : text
        return Double(number) != nil ? number : nil
    }
}

/// The stylesheet of `--theme auto`: every light-palette colour is swapped for its
/// dark counterpart, matched by the `fill`/`stroke` presentation attributes
/// Graphviz writes, when
/// - the system is dark (`prefers-color-scheme: dark`) and no ancestor of the SVG
///   sets the page light (``pageLight``), or
/// - an ancestor sets the page dark (``pageDark``): a page's own theme switch,
///   whatever the system says.
///
/// Besides relgraph's own `data-theme="dark"` and class `dark`, the page switch
/// knows the marks the common report toolchains put on `<html>` or `<body>`:
/// MkDocs Material's palette (`data-md-color-scheme="slate"` / `"default"`, always
/// set, toggle or not), MkDocs' own theme and Bootstrap 5.3 (`data-bs-theme`) and
/// Quarto's dark-mode toggle (class `quarto-dark` / `quarto-light`).
///
/// Every rule is scoped to this SVG's root id: an inline `<style>` applies to the
/// whole HTML page, and must not recolour the other diagrams on it. The page-switch
/// rules are nested under one selector (CSS nesting: `[fill="…"]{…}` inside it) to
/// keep them short; browsers without nesting follow the system setting only.
package enum ThemeCSS {
    package static func autoDark(scope: String) -> String {
        let light = Theme.light, dark = Theme.dark
        var pairs: [(String, String)] = [
            (light.background, dark.background), (light.text, dark.text), (light.mutedText, dark.mutedText),
            (light.clusterBorder, dark.clusterBorder), (light.clusterFill, dark.clusterFill),
        ]
        for (l, d) in EntityKind.builtIn.map({ (light.kinds[$0]!, dark.kinds[$0]!) }) + zip(light.declaredKindStyles, dark.declaredKindStyles) {
            pairs += [(l.color!, d.color!), (l.fill!, d.fill!), (l.fontColor!, d.fontColor!)]
        }
        for family in RelationFamily.allCases {
            pairs.append((light.color(for: family), dark.color(for: family)))
            pairs.append((light.formerColor(for: family), dark.formerColor(for: family)))
        }
        var seen = Set<String>()
        var pairsSeen: [(String, String)] = []
        for (l, d) in pairs where seen.insert(l).inserted { pairsSeen.append((l, d)) }
        func rules(_ scope: String) -> String {
            pairsSeen.map { l, d in "\(scope)[fill=\"\(l)\"]{fill:\(d)}\(scope)[stroke=\"\(l)\"]{stroke:\(d)}" }
                .joined(separator: "\n")
        }
        return "\n@media (prefers-color-scheme: dark){\(rules("\(scope):not(\(pageLight) *) "))}\n"
            + "\(pageDark) \(scope){\(rules(""))}\n"
    }

    /// An ancestor that sets the page light: `data-theme="light"`, class `light`, or a
    /// toolchain's light mark (MkDocs Material, MkDocs/Bootstrap, Quarto).
    package static let pageLight = ":is([data-theme=light],.light,[data-md-color-scheme=default],[data-bs-theme=light],.quarto-light)"
    /// An ancestor that sets the page dark: `data-theme="dark"`, class `dark`, or a
    /// toolchain's dark mark (MkDocs Material's `slate`, MkDocs/Bootstrap, Quarto).
    package static let pageDark = ":is([data-theme=dark],.dark,[data-md-color-scheme=slate],[data-bs-theme=dark],.quarto-dark)"
}
