import RelGraph

/// Turns a ``Diagram`` into the ``GraphSpec`` that Graphviz draws: shapes, colours,
/// HTML-like labels, ids, classes, tooltips, clusters and the legend.
///
/// Every value that reaches Graphviz is made safe here: HTML labels are escaped,
/// plain labels have their backslashes doubled (Graphviz would read `\N`, `\G`…),
/// ids are XML names built from entity and relation ids (never numbering), and
/// links have passed ``URLPolicy``.
public enum DiagramGraph {
    /// The graph spec for `diagram`, drawn with `style` (the defaults, or what
    /// ``PageFit`` chose for a page), with `layoutAttributes` (e.g. an
    /// ``EngineChoice``'s) set over the root graph's own.
    public static func spec(for diagram: Diagram, style: DrawingStyle = DrawingStyle(),
                            layoutAttributes: GraphAttributes = [:]) -> GraphSpec {
        var diagram = diagram
        return spec(taking: &diagram, releasingEdges: false, style: style, layoutAttributes: layoutAttributes)
    }

    /// ``spec(for:style:layoutAttributes:)``, with nodes and edges from `objects`
    /// where it has made them before (a page fit's candidates share them).
    package static func spec(for diagram: Diagram, style: DrawingStyle, layoutAttributes: GraphAttributes,
                     objects: SpecObjects?) -> GraphSpec {
        var diagram = diagram
        return spec(taking: &diagram, releasingEdges: false, style: style, layoutAttributes: layoutAttributes, objects: objects)
    }

    /// ``spec(for:style:layoutAttributes:)`` of a diagram that is not needed after
    /// (DOT export): each edge of the diagram is let go once its edge in the spec
    /// is made, so the two do not both hold every tooltip at the end (hundreds of
    /// MB for 100,000 entities). `diagram` is left without edges.
    package static func spec(consuming diagram: consuming Diagram, style: DrawingStyle = DrawingStyle(),
                     layoutAttributes: GraphAttributes = [:]) -> GraphSpec {
        var diagram = diagram
        return spec(taking: &diagram, releasingEdges: true, style: style, layoutAttributes: layoutAttributes)
    }

    private static func spec(taking diagram: inout Diagram, releasingEdges: Bool, style: DrawingStyle,
                             layoutAttributes: GraphAttributes, objects: SpecObjects? = nil) -> GraphSpec {
        let theme = diagram.theme
        var graph: GraphAttributes = [
            "bgcolor": .string(theme.background),
            "fontcolor": .string(theme.text),
            "fontname": .string(diagram.font),
            "fontsize": "12",
            "id": "diagram",
            "mclimit": .string(format(style.crossingEffort)),
            "nodesep": .string(format(style.nodeSeparation)),
            "outputorder": "edgesfirst",
            "overlap": "false",
            "pad": "0.1",
            "rankdir": .string(style.direction ?? diagram.direction),
            "ranksep": .string(format(style.rankSeparation)),
            "sep": "+4",
            "splines": "true",
        ]
        if !diagram.clusters.isEmpty {
            graph["newrank"] = "true"
        }
        if style.keyLabels && !style.edgeLabels {
            // A key label that would cover an entity is left out rather than drawn over it.
            // (Only then: a drawing re-routed with pinned entities, as a timeline frame
            // is, places its full labels the same way and would lose them.)
            graph["forcelabels"] = "false"
        }
        if !(diagram.title.isEmpty && diagram.viewSummary.isEmpty && diagram.legend == nil) {
            graph["label"] = .html(caption(for: diagram, legendColumns: style.legendColumns))
            graph["labeljust"] = "l"
            graph["labelloc"] = "b"
        }

        let nodeDefaults: GraphAttributes = [
            "fontname": .string(diagram.font),
            "fontsize": .string(format(nameSize)),
            "margin": "0.07,0.04",
            "penwidth": "1.2",
            "style": "filled",
        ]
        let edgeDefaults: GraphAttributes = [
            "arrowsize": "0.8",
            "fontname": .string(diagram.font),
            "fontsize": .string(format(edgeLabelSize)),
        ]
        let nameWidth = style.nameWidth, edgeLabels = style.edgeLabels, keyLabels = !style.edgeLabels && style.keyLabels
        // All nodes in one subgraph ("entities") first: agwrite then writes every node
        // statement in that block, before any edge, so adding an entity adds a line
        // there and moves no other line. (Without it, agwrite writes a head node
        // just before the first edge that reaches it.) A plain subgraph (not a cluster)
        // has no layout effect; an anonymous one would be skipped by agwrite.
        let subgraphs = [GraphSpec.Subgraph("entities", nodes: diagram.nodes.map(\.id))]
            + diagram.clusters.map { cluster($0, theme: theme, depth: 0) }
        let nodes: [GraphSpec.Node]
        let edges: [GraphSpec.Edge]
        if releasingEdges {
            // Each diagram edge (then node) goes as its spec object is made, so
            // the two never both hold every tooltip.
            let parallel = diagram.edges.count <= parallelReleasingLimit
            edges = converting(&diagram.edges, parallel: parallel) { edge($0, labels: edgeLabels, keyLabels: keyLabels) }
            nodes = converting(&diagram.nodes, parallel: parallel) { $0.isList ? listNode($0, theme: theme) : node($0, nameWidth: nameWidth) }
        } else if let objects {
            nodes = diagram.nodes.map { $0.isList ? listNode($0, theme: theme) : objects.node($0, nameWidth: nameWidth) }
            edges = diagram.edges.map { objects.edge($0, labels: edgeLabels, keyLabels: keyLabels) }
        } else {
            nodes = diagram.nodes.concurrentMap { $0.isList ? listNode($0, theme: theme) : node($0, nameWidth: nameWidth) }
            edges = diagram.edges.concurrentMap { edge($0, labels: edgeLabels, keyLabels: keyLabels) }
        }
        for (name, value) in layoutAttributes { graph[name] = value }
        return GraphSpec(name: "relgraph", directed: true, strict: false, attributes: graph,
                         nodeDefaults: nodeDefaults, edgeDefaults: edgeDefaults,
                         nodes: nodes, edges: edges, subgraphs: subgraphs)
    }

    /// Largest number of diagram edges whose spec, when the diagram is let go
    /// as the spec is made (DOT export), is made on every core. Above it the
    /// spec is made on this thread, in the malloc arena where the network that
    /// was just let go lies free to be reused (other threads' arenas cannot
    /// reuse it): 100,000 entities and 300,000 relations then peak at 1,008 MB
    /// instead of 1,045 MB, in about the same time; 10,000 / 30,000 gain about
    /// 5 % of their time on every core.
    package static let parallelReleasingLimit = 100_000

    /// `source` converted by `transform` a block at a time (each block on every
    /// core when `parallel`), taken from the end of a reversed copy (the only
    /// one: swapped out of `source`), so that each element is let go once it is
    /// converted.
    private static func converting<Element: Sendable, Result: Sendable>(
        _ source: inout [Element], parallel: Bool, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        var remaining: [Element] = []
        swap(&remaining, &source)
        remaining.reverse()
        var results: [Result] = []
        results.reserveCapacity(remaining.count)
        while !remaining.isEmpty {
            let block = Array(remaining.suffix(16_384).reversed())
            remaining.removeLast(block.count)
            results += parallel ? block.concurrentMap(transform) : block.map(transform)
        }
        return results
    }

    // MARK: Objects

    /// Spec nodes and edges already made from one diagram's nodes and edges: a
    /// page fit draws the same diagram (and its parts) many times, with a few name
    /// widths and with and without edge labels, and ``node(_:nameWidth:)`` and
    /// ``edge(_:labels:)`` depend on nothing else. Each entry keeps the diagram
    /// object it was made from and is used only for an equal one. Not thread-safe:
    /// one page fit's.
    package final class SpecObjects {
        /// Creates an empty store.
        package init() {}
        private struct NodeKey: Hashable {
            package var id: String
            package var nameWidth: Int?
        }
        private struct EdgeKey: Hashable {
            package var key: String
            package var labels: Bool
            package var keyLabels: Bool
        }
        private var nodes: [NodeKey: (source: Diagram.Node, made: GraphSpec.Node)] = [:]
        private var edges: [EdgeKey: (source: Diagram.Edge, made: GraphSpec.Edge)] = [:]

        /// ``DiagramGraph/node(_:nameWidth:)``, made once.
        package func node(_ node: Diagram.Node, nameWidth: Int?) -> GraphSpec.Node {
            let key = NodeKey(id: node.id, nameWidth: nameWidth)
            if let known = nodes[key], known.source == node { return known.made }
            let made = DiagramGraph.node(node, nameWidth: nameWidth)
            nodes[key] = (node, made)
            return made
        }

        /// ``DiagramGraph/edge(_:labels:)``, made once.
        package func edge(_ edge: Diagram.Edge, labels: Bool, keyLabels: Bool = false) -> GraphSpec.Edge {
            let key = EdgeKey(key: edge.key, labels: labels, keyLabels: keyLabels)
            if let known = edges[key], known.source == edge { return known.made }
            let made = DiagramGraph.edge(edge, labels: labels, keyLabels: keyLabels)
            edges[key] = (edge, made)
            return made
        }
    }

    package static func node(_ node: Diagram.Node, nameWidth: Int? = nil) -> GraphSpec.Node {
        var node = node
        if let nameWidth, !node.name.isEmpty { node.nameLines = LabelText.wrapName(node.name, width: nameWidth) }
        let style = node.style
        var attributes: GraphAttributes = [
            "class": .string(node.classes.joined(separator: " ")),
            "color": .string(style.color ?? "#333333"),
            "fillcolor": .string(style.fill ?? "#ffffff"),
            "fontcolor": .string(style.fontColor ?? "#000000"),
            "id": .string(XMLName.make("entity", node.id)),
            "label": .html(nodeLabel(node, width: nameWidth)),
            "shape": .string(style.shape ?? "box"),
            "tooltip": tooltip(node.tooltip),
        ]
        var styles = ["filled"]
        if node.rounded { styles.append("rounded") }
        if node.cornerMarks { styles.append("diagonals") }
        switch style.line ?? .solid {
        case .solid: break
        case .bold: styles.append("bold")
        case .dashed: styles.append("dashed")
        case .dotted: styles.append("dotted")
        }
        attributes["style"] = .string(styles.joined(separator: ","))
        if node.doubleBorder { attributes["peripheries"] = "2" }
        // Graphviz 2.42 sizes `cds` to the label with no vertical room (it ignores the
        // minimum height), so multi-line names would touch its edges.
        if style.shape == "cds" { attributes["margin"] = "0.15,0.08" }
        if let width = style.width, width != 1.2 { attributes["penwidth"] = .string(format(width)) }
        if let font = style.font { attributes["fontname"] = .string(font) }
        if let url = node.url { attributes["URL"] = .string(url) }
        return GraphSpec.Node(node.id, attributes: attributes)
    }

    /// `arrow` with the marks of a former line (a bar) and an undated one (a
    /// hollow circle) behind it, away from the entity (Graphviz draws a composite
    /// arrow's first shape nearest the node).
    package static func marked(_ arrow: String, former: Bool, undated: Bool) -> String {
        var shapes = arrow == "none" ? "" : arrow
        if former { shapes += "tee" }
        if undated { shapes += "odot" }
        return shapes.isEmpty ? "none" : shapes
    }

    /// The spec edge of `edge`: with its label (`labels`), or, with `keyLabels`,
    /// only with its short label when it has one (``Diagram/Edge/keyLabel``).
    package static func edge(_ edge: Diagram.Edge, labels: Bool = true, keyLabels: Bool = false) -> GraphSpec.Edge {
        var attributes: GraphAttributes = [
            "arrowhead": .string(marked(edge.arrow, former: edge.former, undated: edge.undated)),
            "class": .string(edge.classes.joined(separator: " ")),
            // A doubled line (disputed) is two lines of one colour: Graphviz draws the
            // tail's arrowhead in the second colour of a list, so no `invis` between them.
            "color": .string(edge.doubleLine ? "\(edge.color):\(edge.color)" : edge.color),
            "fontcolor": .string(edge.color),
            "id": .string(XMLName.make("relation", edge.key)),
            "penwidth": .string(format(edge.width)),
            "tooltip": tooltip(edge.tooltip),
        ]
        if labels {
            attributes["label"] = label(edge.label)
        } else if keyLabels, let short = edge.keyLabel {
            // Placed once the layout is done (an external label): a label would make
            // `dot` double its ranks for every line.
            attributes["xlabel"] = label(short)
        }
        if edge.line != .solid { attributes["style"] = .string(edge.line.rawValue) }
        if let tail = edge.arrowTail {
            attributes["dir"] = "both"
            attributes["arrowtail"] = .string(tail)
        } else if edge.symmetric && !edge.former && !edge.undated {
            attributes["dir"] = "none"
        }
        if let font = edge.font { attributes["fontname"] = .string(font) }
        return GraphSpec.Edge(edge.from, edge.to, key: edge.key, attributes: attributes)
    }

    /// A territory cluster; nested ones alternate between the cluster fill and the
    /// background, so each level stands out from the one around it.
    package static func cluster(_ cluster: Diagram.Cluster, theme: Theme, depth: Int) -> GraphSpec.Subgraph {
        GraphSpec.Subgraph(
            "cluster_\(cluster.id)",
            attributes: [
                "class": "territory",  // Graphviz writes class="cluster territory"
                "color": .string(theme.clusterBorder),
                "fillcolor": .string(depth % 2 == 0 ? theme.clusterFill : theme.background),
                "fontcolor": .string(theme.mutedText),
                "fontsize": "10",
                "id": .string(XMLName.make("cluster", cluster.id)),
                "label": AttributeValue.escapedText(cluster.label),
                "labeljust": "l",
                "labelloc": "t",
                "style": "rounded,filled",
                "tooltip": AttributeValue.escapedText(cluster.label),
            ],
            nodes: cluster.nodeIDs,
            subgraphs: cluster.children.map { self.cluster($0, theme: theme, depth: depth + 1) })
    }

    // MARK: Labels

    /// Size of entity names, in points: the text a reader must be able to read
    /// on the page. Spacing between entities is fixed in points, so larger names
    /// make a denser, more legible drawing at the same page size.
    package static let nameSize = 13.0
    /// Size of an entity's dates: as large as its name (regular, not bold). Dates
    /// are evidence too: "since 2015" must be as readable as the name it qualifies.
    package static let detailSize = 13.0
    /// Size of edge labels.
    package static let edgeLabelSize = 10.0
    /// Size of the legend's words: the legend is how a reader tells types apart
    /// when lines carry no labels, so it must stay readable on the page too.
    package static let legendSize = 11.0

    /// The name (bold), the dates, and the lines under it (italic), each wrapped at
    /// `width` characters (the name's width in this drawing; 14 at least for the
    /// lines under it, whose words are long: "in Khyber Pakhtunkhwa").
    package static func nodeLabel(_ node: Diagram.Node, width: Int? = nil) -> String {
        var parts = node.nameLines.map { "<B>\(HTMLText.escape($0))</B>" }
        if let detail = node.detail {
            parts.append("<FONT POINT-SIZE=\"\(format(detailSize))\">\(HTMLText.escape(detail))</FONT>")
        }
        for reference in node.references {
            for line in LabelText.wrapName(reference, width: max(width ?? 14, 14)) {
                parts.append("<FONT POINT-SIZE=\"\(format(detailSize))\"><I>\(HTMLText.escape(line))</I></FONT>")
            }
        }
        return parts.joined(separator: "<BR/>")
    }

    /// Placeholder link of a list cell: Graphviz 2.42 writes a cell's id and
    /// tooltip only for a cell with a link. The SVG post-processor removes it.
    package static let listCellLink = "#relgraph-list-cell"

    /// A list node (folded leaves): a table of names, one cell per entity, each
    /// cell carrying the entity's id, tooltip and link, coloured by its kind.
    package static func listNode(_ node: Diagram.Node, theme: Theme) -> GraphSpec.Node {
        let columns = max(1, node.listColumns)
        var rows: [String] = []
        var index = 0
        while index < node.entries.count {
            let cells = node.entries[index..<min(node.entries.count, index + columns)].map { entry -> String in
                let fill = entry.style.fill ?? "#ffffff"
                let border = entry.style.color ?? "#333333"
                let link = entry.url ?? listCellLink
                var text = "<B>\(HTMLText.escape(entry.name))</B>"
                if let detail = entry.detail {
                    text += " <FONT POINT-SIZE=\"\(format(detailSize))\">\(HTMLText.escape(detail))</FONT>"
                }
                return "<TD ID=\"\(HTMLText.escape(XMLName.make("entity", entry.id)))\" HREF=\"\(HTMLText.escape(link))\""
                    + " TOOLTIP=\"\(HTMLText.escape(LabelText.truncate(entry.tooltip, to: 500)))\""
                    + " BGCOLOR=\"\(fill)\" COLOR=\"\(border)\" ALIGN=\"LEFT\">"
                    + "<FONT COLOR=\"\(entry.style.fontColor ?? "#000000")\">\(text)</FONT></TD>"
            }
            rows.append("<TR>" + cells.joined() + "</TR>")
            index += columns
        }
        let table = "<TABLE BORDER=\"1\" COLOR=\"\(theme.mutedText)\" STYLE=\"ROUNDED\" CELLBORDER=\"1\" CELLSPACING=\"3\" CELLPADDING=\"3\">"
            + rows.joined() + "</TABLE>"
        let attributes: GraphAttributes = [
            "class": .string(node.classes.joined(separator: " ")),
            "id": .string(XMLName.make("list", node.id)),
            "label": .html(table),
            "shape": "plain",
            "style": "solid",
            "tooltip": tooltip(node.tooltip),
        ]
        return GraphSpec.Node(node.id, attributes: attributes)
    }

    /// The caption under the diagram: title, view, and the legend of kinds,
    /// relation types and confidence levels actually drawn, laid out in wide
    /// rows so the legend stays short under a tall diagram.
    package static func caption(for diagram: Diagram, legendColumns: Int = 5) -> String {
        let theme = diagram.theme
        let muted = theme.mutedText
        var rows: [String] = []
        rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT POINT-SIZE=\"15\"><B>\(HTMLText.escape(diagram.title))</B></FONT></TD></TR>")
        if !diagram.viewSummary.isEmpty {
            // Wrapped, so a long view (many types) does not widen the caption and stretch the legend.
            let lines = LabelText.wrap("View: " + diagram.viewSummary, width: viewLineWidth).map(HTMLText.escape)
            rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT COLOR=\"\(muted)\">\(lines.joined(separator: "<BR ALIGN=\"LEFT\"/>"))<BR ALIGN=\"LEFT\"/></FONT></TD></TR>")
        }
        func section(_ name: String, _ cells: [String], perRow: Int) -> String {
            var lines: [String] = []
            var index = 0
            while index < cells.count {
                lines.append("<TR>" + cells[index..<min(cells.count, index + perRow)].joined() + "</TR>")
                index += perRow
            }
            let inner = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">\(lines.joined())</TABLE>"
            return "<TR><TD ALIGN=\"LEFT\" VALIGN=\"TOP\"><FONT COLOR=\"\(muted)\" POINT-SIZE=\"\(format(legendSize))\"><B>\(name)</B></FONT></TD>"
                + "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\">\(inner)</TD></TR>"
        }
        if let legend = diagram.legend {
            if !legend.kinds.isEmpty {
                let cells = legend.kinds.map { kind, style in
                    "<TD BGCOLOR=\"\(style.fill ?? "#ffffff")\" COLOR=\"\(style.color ?? "#333333")\" BORDER=\"1\" CELLPADDING=\"3\">"
                        + "<FONT COLOR=\"\(style.fontColor ?? "#000000")\" POINT-SIZE=\"\(format(legendSize))\">\(HTMLText.escape(legend.label(of: kind)))</FONT></TD>"
                }
                rows.append(section("Entities", cells, perRow: max(legendColumns, min(8, legendColumns + 4))))
            }
            // A line sample and its words in cells of their own, 4 pt apart: a space
            // between two text runs is dropped by SVG renderers ("– – –reported").
            func entry(_ sample: String, color: String, _ words: String) -> String {
                let lines = LabelText.wrap(words, width: legendEntryWidth).map(HTMLText.escape)
                return "<TD ALIGN=\"RIGHT\" VALIGN=\"TOP\"><FONT COLOR=\"\(color)\">\(sample)</FONT></TD>"
                    + "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\"><FONT POINT-SIZE=\"\(format(legendSize))\">"
                    + lines.joined(separator: "<BR/>") + "</FONT></TD>"
            }
            if !legend.types.isEmpty {
                let cells = legend.types.map { entry("━━\(arrowGlyph($0.arrow, symmetric: $0.symmetric))", color: $0.color, $0.label) }
                rows.append(section("Relations", cells, perRow: legendColumns))
            }
            // Confidence and the marks of former and undated lines share one row.
            let lineCells = legend.confidences.map { entry(lineGlyph($0), color: theme.text, $0.rawValue) }
                + legend.marks.map { mark in
                    switch mark {
                    case .former: entry("━┫", color: theme.mutedText, "former (lighter)")
                    case .undated: entry("━○", color: theme.mutedText, "undated")
                    }
                }
            if !lineCells.isEmpty {
                rows.append(section("Lines", lineCells, perRow: 6))
            }
            if !legend.changes.isEmpty {
                let cells = legend.changes.map { status in
                    let look = DifferenceLook(status)
                    return entry(look.sample, color: look.color(theme), look.words)
                }
                rows.append(section("Changes", cells, perRow: 4))
            }
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">\(rows.joined())</TABLE>"
    }

    /// Longest line of a legend entry's words, in characters: a family names all
    /// its types ("backing: funds, harbors, sponsors, supports, trains"), wrapped.
    package static let legendEntryWidth = 30

    /// Longest line of the caption's "View: …" text, in characters.
    package static let viewLineWidth = 100

    package static func arrowGlyph(_ arrow: String, symmetric: Bool) -> String {
        if symmetric { return "━" }
        switch arrow {
        case "none": return "━"
        case "onormal", "empty", "invempty": return "▷"
        case "dot": return "●"
        case "odot": return "○"
        case "tee": return "┫"
        case "vee", "open", "halfopen": return "›"
        default: return "▶"
        }
    }

    package static func lineGlyph(_ confidence: Confidence) -> String {
        switch confidence {
        case .confirmed: "━━━━"
        case .reported: "– – –"
        case .alleged: "· · · · ·"
        case .disputed: "═ ═ ═"
        }
    }

    /// A plain label: backslashes doubled (so `\\N`, `\\G` show as typed), line breaks as `\\n`,
    /// which keeps every DOT statement on one line.
    package static func label(_ text: String) -> AttributeValue {
        .string(escapeLabel(text))
    }

    /// The escaping of ``label(_:)``, byte for byte what
    /// `replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")`
    /// gives (the oracle it is tested against: `LabelEscapeOracle` in
    /// Tests/RelGraphTestSupport/Oracles), without Foundation's cost: every label and
    /// tooltip of every relation comes here (docs/performance.md, "Twin implementations").
    ///
    /// Foundation's search compares whole characters, so it leaves a backslash or line
    /// feed alone when a combining mark (or any other non-ASCII scalar that extends it)
    /// follows. Text with such a pair, rare in practice, takes Foundation's path: not a
    /// second implementation kept for speed, but the simplest way to give exactly those bytes.
    package static func escapeLabel(_ text: String) -> String {
        // One pass over the UTF-8 (contiguous when it can: every label and tooltip of
        // every relation goes through here): what to escape, and whether Foundation's
        // path is needed.
        func scan(_ bytes: some Sequence<UInt8>) -> (count: Int, foundation: Bool) {
            var count = 0
            var previousWasSpecial = false
            for byte in bytes {
                if previousWasSpecial, byte >= 0x80 { return (count, true) }
                previousWasSpecial = byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n")
                if previousWasSpecial { count += 1 }
            }
            return (count, false)
        }
        let (count, foundation) = text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
        if foundation { return escapeLabelWithFoundation(text) }
        if count == 0 { return text }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { source in
            String(unsafeUninitializedCapacity: source.count + count) { buffer in
                // Copy the runs between backslashes and newlines whole.
                var i = 0, o = 0
                while i < source.count {
                    var j = i
                    while j < source.count, source[j] != UInt8(ascii: "\\"), source[j] != UInt8(ascii: "\n") { j += 1 }
                    if j > i {
                        (buffer.baseAddress! + o).update(from: source.baseAddress! + i, count: j - i)
                        o += j - i
                    }
                    guard j < source.count else { break }
                    buffer[o] = UInt8(ascii: "\\")
                    buffer[o + 1] = source[j] == UInt8(ascii: "\n") ? UInt8(ascii: "n") : UInt8(ascii: "\\")
                    o += 2
                    i = j + 1
                }
                return o
            }
        }!
    }

    /// ``escapeLabel(_:)`` by Foundation's search, for text where it differs from a byte
    /// replacement (a backslash or line feed followed by a non-ASCII byte).
    private static func escapeLabelWithFoundation(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A tooltip, encoded like ``label(_:)``. (Graphviz 2.42 still expands `\\N` in
    /// tooltips; the SVG post-processor writes the exact text back, so SVG tooltips are exact.)
    package static func tooltip(_ text: String) -> AttributeValue {
        label(text)
    }

    package static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Escaping for Graphviz HTML-like labels (an XML dialect).
package enum HTMLText {
    /// `text` with `& < > " '` replaced by entities, and characters XML cannot hold removed.
    package static func escape(_ text: String) -> String {
        XMLEscape.escape(text, context: .htmlLabel)
    }
}

/// XML ids made from entity and relation ids: injective (different ids give
/// different names) and stable (no numbering).
package enum XMLName {
    /// `prefix-` followed by `id` with `[A-Za-z0-9.-]` kept, `_` doubled, and every
    /// other character written `_HEX_`.
    package static func make(_ prefix: String, _ id: String) -> String {
        // Common case: only letters, digits, '-' and '.': the id is kept as it is.
        if id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x2E }) {
            return prefix + "-" + id
        }
        // Built as bytes in place (every id of every page-fit candidate, and every
        // relation key, which has spaces, comes here): at most 8 bytes per scalar.
        let capacity = prefix.utf8.count + 1 + 8 * id.utf8.count
        return String(unsafeUninitializedCapacity: capacity) { out in
            var n = 0
            for byte in prefix.utf8 { out[n] = byte; n += 1 }
            out[n] = UInt8(ascii: "-"); n += 1
            let hex: StaticString = "0123456789abcdef"
            for scalar in id.unicodeScalars {
                let v = scalar.value
                if (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x2D || v == 0x2E {
                    out[n] = UInt8(v); n += 1
                } else if v == 0x5F {
                    out[n] = UInt8(ascii: "_"); out[n + 1] = UInt8(ascii: "_"); n += 2
                } else {
                    // "_" + lowercase hex without leading zeros + "_", as String(v, radix: 16).
                    out[n] = UInt8(ascii: "_"); n += 1
                    var digits = 1
                    while v >> (4 * digits) != 0 { digits += 1 }
                    for d in stride(from: digits - 1, through: 0, by: -1) {
                        out[n] = hex.utf8Start[Int((v >> (4 * d)) & 0xF)]; n += 1
                    }
                    out[n] = UInt8(ascii: "_"); n += 1
                }
            }
            return n
        }
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    package static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
