import Foundation
import RelGraph

/// The look of the overlay: one colour per status, named in the legend.
package enum OverlayPalette {
    /// Line, fill and text colours of one status.
    package struct Colors: Sendable, Hashable {
        package var line: String
        package var fill: String
        package var text: String
        /// The colour's name in the legend ("green").
        package var name: String
    }

    /// Added: green. Removed: red (drawn dashed). Changed: orange. Unchanged: grey.
    package static func colors(_ status: ChangeStatus) -> Colors {
        switch status {
        case .added: Colors(line: "#1a7f37", fill: "#dafbe1", text: "#0f5323", name: "green")
        case .removed: Colors(line: "#cf222e", fill: "#ffebe9", text: "#82071e", name: "red, dashed")
        case .changed: Colors(line: "#bc4c00", fill: "#fff1e5", text: "#762c00", name: "orange")
        case .unchanged: Colors(line: "#8c959f", fill: "#f6f8fa", text: "#57606a", name: "grey")
        }
    }
}

/// Turns a ``DiffOverlay`` into the ``GraphSpec`` Graphviz draws.
///
/// Only attributes that shape or name things are kept from the compared graphs
/// (labels, shapes and their geometry, ports, arrowheads, `dir`, `rankdir`); the
/// overlay sets every colour and line style itself. Nothing that reads files
/// (`image`, `shapefile`, HTML `<IMG>`) or links (`URL`, `href`) is passed on:
/// the compared DOT may come from anywhere.
package enum OverlayGraph {
    /// The spec of `overlay`.
    package static func spec(for overlay: DiffOverlay) -> GraphSpec {
        let font = Theme.fontStack
        var graph: GraphAttributes = [
            "bgcolor": "#ffffff",
            "fontcolor": "#1b1f24",
            "fontname": .string(font),
            "fontsize": "10",
            "id": "diff",
            "label": .html(legend(for: overlay)),
            "labeljust": "l",
            "labelloc": "t",
            // The compact settings of relgraph's diagrams (``DrawingStyle``).
            "mclimit": .string(DiagramGraph.format(DrawingStyle().crossingEffort)),
            "nodesep": .string(DiagramGraph.format(DrawingStyle().nodeSeparation)),
            "outputorder": "edgesfirst",
            "pad": "0.1",
            "ranksep": .string(DiagramGraph.format(DrawingStyle().rankSeparation)),
        ]
        if let rankdir = overlay.rankdir, ["TB", "LR", "BT", "RL"].contains(rankdir) { graph["rankdir"] = .string(rankdir) }
        if !overlay.clusters.isEmpty { graph["newrank"] = "true" }
        let nodes = overlay.nodes.map(node)
        let edges = overlay.edges.map(edge)
        return GraphSpec(
            name: "relgraph_diff", directed: overlay.directed, strict: false, attributes: graph,
            nodeDefaults: ["fontname": .string(font), "fontsize": .string(DiagramGraph.format(DiagramGraph.nameSize)), "margin": "0.07,0.04"],
            edgeDefaults: ["arrowsize": "0.75", "fontname": .string(font), "fontsize": "8"],
            nodes: nodes, edges: edges,
            // As in relgraph's diagrams: one plain subgraph holding every node makes
            // agwrite write all node statements before the edges.
            subgraphs: [GraphSpec.Subgraph("nodes", nodes: overlay.nodes.map(\.name))] + overlay.clusters.map(cluster))
    }

    // MARK: Objects

    package static let nodeGeometry: Set<String> = ["sides", "skew", "distortion", "orientation", "regular", "peripheries",
                                            "width", "height", "fixedsize", "fontsize"]
    package static let shapes: Set<String> = Set(StylePolicy.shapes).union([
        "record", "Mrecord", "Mdiamond", "Msquare", "Mcircle", "none", "polygon", "larrow", "rarrow", "lpromoter",
        "rpromoter", "promoter", "terminator", "utr", "primersite", "restrictionsite", "fivepoverhang",
        "threepoverhang", "noverhang", "assembly", "insulator", "ribosite", "rnastab", "proteasesite", "proteinstab",
    ])

    package static func node(_ node: DiffOverlay.Node) -> GraphSpec.Node {
        let colors = OverlayPalette.colors(node.status)
        var attributes: GraphAttributes = [
            "class": .string("diff-node diff-\(node.status.rawValue)"),
            "color": .string(colors.line),
            "fillcolor": .string(colors.fill),
            "fontcolor": .string(colors.text),
            "id": .string(XMLName.make("node", node.name)),
            "penwidth": node.status == .unchanged ? "1" : "2.4",
            "tooltip": DiagramGraph.tooltip(tooltip(node.name, node.status, node.changedFields)),
        ]
        if let label = node.attributes["label"].flatMap(safeLabel) { attributes["label"] = label }
        if let shape = node.attributes["shape"], !shape.isHTML, shapes.contains(shape.text) {
            attributes["shape"] = .string(shape.text)
        }
        for name in nodeGeometry {
            if let value = node.attributes[name], !value.isHTML, isPlainNumberish(value.text) {
                attributes[name] = .string(value.text)
            }
        }
        var styles = ["filled"]
        if node.attributes["style"]?.text.contains("rounded") == true { styles.append("rounded") }
        if node.status == .removed { styles.append("dashed") }
        attributes["style"] = .string(styles.joined(separator: ","))
        return GraphSpec.Node(node.name, attributes: attributes)
    }

    package static func edge(_ edge: DiffOverlay.Edge) -> GraphSpec.Edge {
        let colors = OverlayPalette.colors(edge.status)
        var attributes: GraphAttributes = [
            "class": .string("diff-edge diff-\(edge.status.rawValue)"),
            "color": .string(colors.line),
            "fontcolor": .string(colors.text),
            "id": .string(XMLName.make("edge", edge.id)),
            "penwidth": edge.status == .unchanged ? "1" : "2",
            "tooltip": DiagramGraph.tooltip(tooltip(edge.id, edge.status, edge.changedFields)),
        ]
        if edge.status == .removed { attributes["style"] = "dashed" }
        if let label = edge.attributes["label"].flatMap(safeLabel) { attributes["label"] = label }
        if let dir = edge.attributes["dir"], !dir.isHTML, ["forward", "back", "both", "none"].contains(dir.text) {
            attributes["dir"] = .string(dir.text)
        }
        for name in ["arrowhead", "arrowtail"] {
            if let value = edge.attributes[name], !value.isHTML, isWord(value.text, extra: "") {
                attributes[name] = .string(value.text)
            }
        }
        for name in ["tailport", "headport"] {
            if let value = edge.attributes[name], !value.isHTML, isWord(value.text, extra: "_:") {
                attributes[name] = .string(value.text)
            }
        }
        return GraphSpec.Edge(edge.tail, edge.head, key: edge.key, attributes: attributes)
    }

    package static func cluster(_ cluster: DiffOverlay.Cluster) -> GraphSpec.Subgraph {
        let colors = OverlayPalette.colors(cluster.status)
        var styles = ["rounded"]
        if cluster.status == .removed { styles.append("dashed") }
        return GraphSpec.Subgraph(
            cluster.name,
            attributes: [
                "class": .string("diff-cluster diff-\(cluster.status.rawValue)"),
                "color": .string(colors.line),
                "fontcolor": .string(colors.text),
                "id": .string(XMLName.make("cluster", cluster.name)),
                // Always set: the root's label (the legend) would be inherited otherwise.
                "label": cluster.attributes["label"].flatMap(safeLabel) ?? "",
                "labeljust": "l",
                "penwidth": cluster.status == .unchanged ? "1" : "2",
                "style": .string(styles.joined(separator: ",")),
                "tooltip": DiagramGraph.tooltip(tooltip(cluster.name, cluster.status, [])),
            ],
            nodes: cluster.nodes,
            subgraphs: cluster.children.map(self.cluster))
    }

    // MARK: Values

    /// A label that is safe to draw: plain text as it was (Graphviz escapes such
    /// as `\n` keep their meaning), HTML without `<IMG>` (which reads files).
    package static func safeLabel(_ value: AttributeValue) -> AttributeValue? {
        if !value.isHTML {
            // A line break typed into the string means what `\n` means; keep every statement on one line.
            return .string(value.text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "\\n"))
        }
        if value.text.range(of: "<img", options: .caseInsensitive) != nil { return DiagramGraph.label(HTMLText.plain(value.text)) }
        return .html(value.text)
    }

    package static func isPlainNumberish(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && text.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter || ".-,".contains($0)) }
    }

    package static func isWord(_ text: String, extra: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || extra.contains($0)) }
    }

    /// `iskp: changed (description, since)`.
    package static func tooltip(_ name: String, _ status: ChangeStatus, _ fields: [String]) -> String {
        var text = "\(name): \(status.rawValue)"
        if status == .changed, !fields.isEmpty { text += " (\(fields.joined(separator: ", ")))" }
        return text
    }

    // MARK: Legend

    /// The legend: what the colours mean, the counts, the context and what the
    /// picture does not show.
    package static func legend(for overlay: DiffOverlay) -> String {
        let counts = overlay.counts
        var rows: [String] = []
        rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"4\"><FONT POINT-SIZE=\"13\"><B>Differences</B></FONT>"
            + "<FONT POINT-SIZE=\"10\"> from \(HTMLText.escape(overlay.oldName)) to \(HTMLText.escape(overlay.newName))</FONT></TD></TR>")
        let cells = [(ChangeStatus.added, counts.added), (.removed, counts.removed), (.changed, counts.changed),
                     (.unchanged, counts.unchanged)].map { status, count -> String in
            let c = OverlayPalette.colors(status)
            return "<TD BGCOLOR=\"\(c.fill)\" COLOR=\"\(c.line)\" BORDER=\"1\" CELLPADDING=\"4\">"
                + "<FONT COLOR=\"\(c.text)\">\(status.rawValue.capitalized): \(count) (\(c.name))</FONT></TD>"
        }
        rows.append("<TR>" + cells.joined() + "</TR>")
        let lines = [ChangeStatus.added, .removed, .changed, .unchanged].map { status -> String in
            let c = OverlayPalette.colors(status)
            let glyph = status == .removed ? "╌╌╌" : "━━━"
            return "<TD ALIGN=\"LEFT\"><FONT COLOR=\"\(c.line)\">\(glyph)</FONT><FONT POINT-SIZE=\"9\"> \(status.rawValue)</FONT></TD>"
        }
        rows.append("<TR>" + lines.joined() + "</TR>")
        var notes: [String] = []
        if let context = overlay.context {
            notes.append("Only changes and their neighbours within \(context) step\(context == 1 ? "" : "s") "
                + "(\(overlay.hiddenCount) unchanged node\(overlay.hiddenCount == 1 ? "" : "s") and edges left out).")
        }
        if !overlay.notDrawn.isEmpty {
            notes.append("Not drawn (see the text report): \(overlay.notDrawn.joined(separator: "; ")).")
        }
        for note in notes {
            rows.append("<TR><TD ALIGN=\"LEFT\" COLSPAN=\"4\"><FONT POINT-SIZE=\"9\" COLOR=\"#57606a\">\(HTMLText.escape(note))</FONT></TD></TR>")
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">\(rows.joined())</TABLE>"
    }

    /// Sentences for the SVG's `<title>`s, by Graphviz id.
    package static func titles(for overlay: DiffOverlay) -> [String: String] {
        var titles: [String: String] = ["diff": "Differences from \(overlay.oldName) to \(overlay.newName)"]
        for node in overlay.nodes { titles[XMLName.make("node", node.name)] = tooltip(node.name, node.status, node.changedFields) }
        for edge in overlay.edges { titles[XMLName.make("edge", edge.id)] = tooltip(edge.id, edge.status, edge.changedFields) }
        func add(_ cluster: DiffOverlay.Cluster) {
            titles[XMLName.make("cluster", cluster.name)] = tooltip(cluster.name, cluster.status, [])
            cluster.children.forEach(add)
        }
        overlay.clusters.forEach(add)
        return titles
    }
}

extension HTMLText {
    /// The text of an HTML-like label: tags dropped, `<BR/>` as a line break,
    /// the five XML entities decoded.
    package static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    if tag.lowercased().hasPrefix("br") { out += "\n" }
                } else {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
                tag = ""
            } else {
                out.append(character)
            }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
