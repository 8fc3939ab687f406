/// Folded leaves: when an entity has many neighbours that have no other line in
/// the view and are tied to it the same way (same relation types, same
/// direction, same confidence), they are drawn as one list node — a table of
/// names joined to the entity by one line — instead of a fan of separate lines.
///
/// Each name in the list keeps its own id (`entity-ID`), sentence, tooltip, link
/// and classes in the SVG. Entities inside territory clusters are never folded
/// (their box says where they are). ``DiagramOptions/foldThreshold`` sets how
/// many leaves make a list; `--no-fold` turns folding off.
enum FoldedLeaves {
    /// `nodes` and `edges` (lines, after merging) with each group of at least
    /// `threshold` leaves folded into a list node. Node order stays by id (list
    /// nodes sort among them by their own id); a folded line takes the place of the
    /// group's first line.
    static func fold(nodes: [Diagram.Node], edges: [Diagram.Edge], clustered: Set<String>, threshold: Int,
                     names: [String: String]) -> (nodes: [Diagram.Node], edges: [Diagram.Edge]) {
        guard threshold >= 2 else { return (nodes, edges) }
        var degree: [String: Int] = [:]
        for edge in edges {
            degree[edge.from, default: 0] += 1
            degree[edge.to, default: 0] += 1
        }
        struct GroupKey: Hashable {
            var hub: String
            var outward: Bool
            /// The line's classes but its tags: types, confidence, states (`ended`, `undated`…).
            var types: [String]
            var confidence: Confidence
        }
        var groups: [GroupKey: [Int]] = [:]
        var order: [GroupKey] = []
        for (index, edge) in edges.enumerated() where edge.from != edge.to && edge.arrowTail == nil {
            let fromIsLeaf = degree[edge.from] == 1 && !clustered.contains(edge.from)
            let toIsLeaf = degree[edge.to] == 1 && !clustered.contains(edge.to)
            guard fromIsLeaf != toIsLeaf else { continue }
            let key = GroupKey(hub: toIsLeaf ? edge.from : edge.to, outward: toIsLeaf,
                               types: edge.classes.filter { !$0.hasPrefix("tag-") }, confidence: edge.confidence)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        let nodesByID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        var foldedNodes: Set<String> = []
        var replacement: [Int: Diagram.Edge] = [:]
        var dropped: Set<Int> = []
        var lists: [Diagram.Node] = []
        for key in order {
            let indices = groups[key]!
            guard indices.count >= threshold else { continue }
            let lines = indices.map { edges[$0] }
            let leafIDs = lines.map { key.outward ? $0.to : $0.from }
            let leaves = leafIDs.compactMap { nodesByID[$0] }.sorted {
                let a = $0.nameLines.joined(separator: " "), b = $1.nameLines.joined(separator: " ")
                return a != b ? a.utf8.lexicographicallyPrecedes(b.utf8) : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
            }
            guard leaves.count == lines.count else { continue }
            let listID = "[list] \(key.hub) \(key.outward ? "out" : "in") \(key.types.filter { $0 != "relation" }.joined(separator: ",")) \(key.confidence.rawValue)"
            let hub = LabelText.clean(names[key.hub] ?? key.hub)
            let type = typeLabel(lines[0])
            let sentence = key.outward ? "\(hub) \(type) \(leaves.count) entities" : "\(leaves.count) entities \(type) \(hub)"
            let list = listNode(id: listID, leaves: leaves, sentence: sentence)
            lists.append(list)
            foldedNodes.formUnion(leafIDs)
            replacement[indices[0]] = foldedLine(lines, list: list, hub: key.hub, outward: key.outward, sentence: sentence)
            dropped.formUnion(indices.dropFirst())
        }
        guard !lists.isEmpty else { return (nodes, edges) }
        let keptNodes = (nodes.filter { !foldedNodes.contains($0.id) } + lists)
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var keptEdges: [Diagram.Edge] = []
        for (index, edge) in edges.enumerated() where !dropped.contains(index) {
            keptEdges.append(replacement[index] ?? edge)
        }
        return (keptNodes, keptEdges)
    }

    /// The type part of a line's label: "sponsors, 2021–" → "sponsors"; a merged
    /// label's first line as it is.
    static func typeLabel(_ edge: Diagram.Edge) -> String {
        let first = edge.label.split(separator: "\n").first.map(String.init) ?? edge.label
        return edge.relations.count == 1 ? String(first.split(separator: ",").first ?? Substring(first)) : first
    }

    /// Columns for `count` names of about `longest` characters: the table comes
    /// out roughly square on the page (a cell is about 7 points a character wide
    /// and 22 points high).
    static func columns(count: Int, longest: Int) -> Int {
        let cellWidth = Double(max(4, longest)) * 7 + 14
        let cellHeight = 22.0
        let columns = (Double(count) * cellHeight / cellWidth).squareRoot().rounded()
        return max(1, min(count, Int(columns)))
    }

    static func listNode(id: String, leaves: [Diagram.Node], sentence: String) -> Diagram.Node {
        let entries = leaves.map { leaf in
            Diagram.ListEntry(id: leaf.id, kind: leaf.kind, name: leaf.nameLines.joined(separator: " "), detail: leaf.detail,
                              title: leaf.title, tooltip: leaf.tooltip, url: leaf.url, classes: leaf.classes, style: leaf.style)
        }
        let kinds = Set(leaves.map(\.kind))
        let listed = entries.map(\.name).joined(separator: ", ")
        return Diagram.Node(
            id: id, kind: leaves[0].kind, nameLines: [], detail: nil, style: leaves[0].style,
            doubleBorder: false, rounded: false,
            title: "List of \(entries.count): \(listed)",
            tooltip: "\(sentence):\n" + entries.map(\.name).joined(separator: "\n"),
            url: nil,
            classes: ["entity-list"] + (kinds.count == 1 ? ["kind-\(leaves[0].kind.rawValue)"] : []),
            entries: entries,
            listColumns: columns(count: entries.count, longest: entries.map(\.name.count).max() ?? 8))
    }

    static func foldedLine(_ lines: [Diagram.Edge], list: Diagram.Node, hub: String, outward: Bool, sentence: String) -> Diagram.Edge {
        let first = lines[0]
        let classes = ["relation", "folded"] + MergedRelations.unionOfClasses(lines)
        let label = "\(typeLabel(first)) (\(lines.count))"
        return Diagram.Edge(
            key: "\(list.id)", from: outward ? hub : list.id, to: outward ? list.id : hub, type: first.type,
            label: label, confidence: first.confidence, color: first.color, line: first.line,
            doubleLine: first.doubleLine, width: first.width, arrow: first.arrow, arrowTail: nil,
            symmetric: first.symmetric, font: first.font,
            title: "\(sentence) (\(first.confidence.rawValue))",
            tooltip: lines.map(\.tooltip).joined(separator: "\n\n"),
            classes: classes, relations: lines.flatMap(\.relations),
            family: first.family, former: first.former, undated: first.undated)
    }
}
