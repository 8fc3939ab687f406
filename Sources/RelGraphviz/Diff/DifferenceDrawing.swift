import Foundation
import RelGraph
import RelGraphDrawing

/// The difference between two versions of a network drawn in the layout of the
/// old version's drawing (`relgraph diff OLD NEW -o d.svg`): the picture the
/// reader knows, with what was added, removed and changed marked on it.
///
/// - Entities and relations of both versions are drawn: the old drawing's
///   entities where they were (removed ones too), new ones next to their
///   neighbours (`KeptPlacement`).
/// - Added: green and thick; removed: red and dashed; changed: orange and
///   doubled, with what changed written on the line (`alleged → reported`) or
///   next to the entity; unchanged: thin and grey. The legend gains a "Changes" row.
/// - Ids are the ones `render` gives (`PREFIX-entity-ID`, `PREFIX-relation-KEY`),
///   and every title says the change ("Added: ISI funds ISKP (alleged)").
public struct DifferenceDrawing: Sendable {
    /// The Graphviz context used (the process-wide one by default).
    public var context: GraphvizContext

    /// Creates a drawing.
    public init(context: GraphvizContext = .shared) {
        self.context = context
    }

    /// Draws the differences `report` lists from `old` to `new` (the report of
    /// ``NetworkDiff/compare(_:_:oldName:newName:)`` on the two) as `options.format`
    /// (svg, png or pdf). `previous` is the drawing whose layout is kept; without
    /// it the old version is drawn as `render` draws it with `options`, and that
    /// layout is kept. `context` keeps only the changes and their neighbours up to
    /// that many relation steps away.
    public func render(old: Network, new: Network, report: DiffReport, context steps: Int? = nil,
                       previous: PreviousDrawing? = nil, options: RenderOptions) throws -> RenderOutput {
        // `auto` picks for the old version, as `render OLD` would.
        var options = options.resolvingEngine(nodes: old.entities.count, edges: old.relations.count)
        var drawnOld = options
        drawnOld.format = .svg
        drawnOld.layoutFrom = nil
        let layout = try previous ?? PreviousDrawing(svg: Renderer(context: context).render(old, options: drawnOld).data)
        let diagram = Self.diagram(old: old, new: new, report: report, context: steps, options: options.diagram)
        options.layoutFrom = layout
        let kept = try KeptLayout(context: context).spec(for: diagram, previous: layout, options: options)
        var spec = kept.spec
        Self.mark(&spec, diagram: diagram)
        options.svg.layoutNote = kept.note
        return try Renderer(context: context).draw(diagram, spec: spec, engine: .nop2, options: options)
    }

    // MARK: The diagram

    /// What happened to each entity (by id) and relation (by key).
    struct Statuses {
        var entities: [String: ChangeStatus] = [:]
        var relations: [String: DiffItem] = [:]

        init(_ report: DiffReport) {
            for item in report.section("entities")?.items ?? [] { entities[item.key] = item.status }
            for item in report.section("relations")?.items ?? [] { relations[item.key] = item }
        }

        func entity(_ id: String) -> ChangeStatus { entities[id] ?? .unchanged }
        func relation(_ key: String) -> ChangeStatus { relations[key]?.status ?? .unchanged }
    }

    /// The new version with what the old one had and the new one lost (entities
    /// and relations), cut to `steps` around the changes, as a diagram whose
    /// entities and lines are styled by their change.
    static func diagram(old: Network, new: Network, report: DiffReport, context steps: Int?, options: DiagramOptions) -> Diagram {
        let statuses = Statuses(report)
        var union = new
        let newIDs = Set(new.entities.map(\.id)), newKeys = Set(new.relations.map(\.key))
        union.entities += old.entities.filter { !newIDs.contains($0.id) }
        union.relations += old.relations.filter { !newKeys.contains($0.key) }
        for (id, source) in old.sources where union.sources[id] == nil { union.sources[id] = source }
        for (name, type) in old.relationTypes where union.relationTypes[name] == nil { union.relationTypes[name] = type }
        for (kind, declared) in old.entityKinds where union.entityKinds[kind] == nil { union.entityKinds[kind] = declared }
        union.title = "Differences from \(report.old.name) to \(report.new.name)"
        if let steps { union = around(union, statuses: statuses, steps: steps) }

        // Every relation shown, whatever its date: a difference drawing is not a view.
        var diagram = DiagramBuilder(options: options).build(ViewResult(view: ViewDefinition(), network: union, summary: ""), full: union)
        diagram.title = union.title ?? ""
        diagram.viewSummary = report.isEmpty ? "no differences" : report.countSummary()
        var shown = Set<ChangeStatus>()
        for index in diagram.nodes.indices {
            let node = diagram.nodes[index]
            let ids = node.isList ? node.entries.map(\.id) : [node.id]
            let status = combined(ids.map { statuses.entity($0) })
            style(&diagram.nodes[index], status: status)
            shown.insert(status)
        }
        for index in diagram.edges.indices {
            let edge = diagram.edges[index]
            let keys = edge.relations.isEmpty ? [edge.key] : edge.relations.map(\.key)
            let status = combined(keys.map { statuses.relation($0) })
            style(&diagram.edges[index], status: status, note: note(keys: keys, statuses: statuses))
            shown.insert(status)
        }
        if diagram.legend != nil {
            // Colours say the change here, not the kind or the type: their rows would mislead.
            diagram.legend!.kinds = []
            diagram.legend!.types = []
            diagram.legend!.changes = ChangeStatus.allCases.filter(shown.contains)
        }
        return diagram
    }

    /// `network` cut to the entities within `steps` relations of a change (an
    /// entity added, removed or changed, or an end of such a relation), and the
    /// relations between them.
    static func around(_ network: Network, statuses: Statuses, steps: Int) -> Network {
        var neighbours: [String: Set<String>] = [:]
        var reached = Set<String>()
        for relation in network.relations {
            neighbours[relation.from, default: []].insert(relation.to)
            neighbours[relation.to, default: []].insert(relation.from)
            if statuses.relation(relation.key) != .unchanged { reached.formUnion([relation.from, relation.to]) }
        }
        for entity in network.entities where statuses.entity(entity.id) != .unchanged { reached.insert(entity.id) }
        var frontier = reached
        for _ in 0..<steps {
            frontier = Set(frontier.flatMap { neighbours[$0] ?? [] }).subtracting(reached)
            reached.formUnion(frontier)
        }
        var cut = network
        cut.entities = network.entities.filter { reached.contains($0.id) }
        cut.relations = network.relations.filter { reached.contains($0.from) && reached.contains($0.to) }
        return cut
    }

    /// One status for a line or list that stands for several: unchanged when all
    /// are, added or removed when all are, else changed.
    static func combined(_ statuses: [ChangeStatus]) -> ChangeStatus {
        let changes = Set(statuses).subtracting([.unchanged])
        if changes.isEmpty { return .unchanged }
        if changes.count == 1, statuses.allSatisfy({ $0 != .unchanged }) { return changes.first! }
        return .changed
    }

    /// The class that carries a status (`change-added`…).
    static func className(_ status: ChangeStatus) -> String { "change-\(status.rawValue)" }

    static func style(_ node: inout Diagram.Node, status: ChangeStatus) {
        let look = DifferenceLook(status)
        node.classes.append(className(status))
        switch status {
        case .unchanged:
            node.style.color = look.color
            node.style.fontColor = "#57606a"
            node.style.fill = "#f6f8fa"
        case .added:
            node.style.color = look.color
            node.style.width = 3.5
            node.style.line = .solid
        case .removed:
            node.style.color = look.color
            node.style.width = 2
            node.style.line = .dashed
            node.style.fill = "#ffffff"
        case .changed:
            node.style.color = look.color
            node.style.width = 2.5
            node.style.line = .dotted
        }
        if status != .unchanged {
            node.title = "\(status.rawValue.prefix(1).uppercased())\(status.rawValue.dropFirst()): \(node.title)"
            node.tooltip = node.title + "\n" + node.tooltip
        }
    }

    static func style(_ edge: inout Diagram.Edge, status: ChangeStatus, note: String?) {
        let look = DifferenceLook(status)
        edge.classes.append(className(status))
        edge.color = look.color
        edge.keyLabel = nil
        switch status {
        case .unchanged:
            edge.width = 1
        case .added:
            edge.width = 3
            edge.keyLabel = "added"
        case .removed:
            edge.width = 2
            edge.line = .dashed
            edge.doubleLine = false
            edge.keyLabel = "removed"
        case .changed:
            edge.width = 1.5
            edge.doubleLine = true
            edge.keyLabel = note ?? "changed"
        }
        if status != .unchanged {
            let words = note.map { " (\($0))" } ?? ""
            edge.title = "\(status.rawValue.prefix(1).uppercased())\(status.rawValue.dropFirst())\(words): \(edge.title)"
            edge.tooltip = edge.title + "\n" + edge.tooltip
        }
    }

    /// What changed on a line, in a few words: `alleged → reported`, `+ funds`,
    /// `− trains`, `claim 2 changed`; at most three, then `+N more`.
    static func note(keys: [String], statuses: Statuses) -> String? {
        var parts: [String] = []
        for key in keys {
            guard let item = statuses.relations[key] else { continue }
            let type = item.fields.first { $0.field == "type" }.flatMap { ($0.new ?? $0.old).map(short) } ?? ""
            switch item.status {
            case .added where keys.count > 1: parts.append("+ \(type)")
            case .removed where keys.count > 1: parts.append("− \(type)")
            case .changed:
                for field in item.fields {
                    switch field.field {
                    case "confidence", "stance", "since", "until", "ended", "grade":
                        let from = field.old.map(short) ?? "–", to = field.new.map(short) ?? "–"
                        parts.append(field.field == "confidence" ? "\(from) → \(to)" : "\(field.field) \(from) → \(to)")
                    default:
                        let verb = field.old == nil ? "added" : field.new == nil ? "removed" : "changed"
                        parts.append("\(field.field) \(verb)")
                    }
                }
            default: break
            }
        }
        var unique: [String] = []
        for part in parts where !unique.contains(part) { unique.append(part) }
        guard !unique.isEmpty else { return nil }
        return unique.count <= 3 ? unique.joined(separator: "; ") : unique.prefix(3).joined(separator: "; ") + "; +\(unique.count - 3) more"
    }

    static func short(_ value: DiffValue) -> String {
        switch value {
        case .token(let text): return text
        case .text(let text): return text.count <= 24 ? text : String(text.prefix(22)) + "…"
        case .html: return "label"
        case .list(let items): return items.joined(separator: ", ")
        }
    }

    // MARK: The spec

    /// Key labels on the changed lines only (never the old drawing's type
    /// labels), and every line's label in the change's colour.
    static func mark(_ spec: inout GraphSpec, diagram: Diagram) {
        let notes = Dictionary(diagram.edges.map { (XMLName.make("relation", $0.key), $0) }, uniquingKeysWith: { a, _ in a })
        for index in spec.edges.indices {
            guard let id = spec.edges[index].attributes["id"]?.text, let edge = notes[id] else { continue }
            spec.edges[index].attributes["label"] = nil
            if let note = edge.keyLabel {
                spec.edges[index].attributes["xlabel"] = DiagramGraph.label(note)
                spec.edges[index].attributes["fontcolor"] = .string(edge.color)
            } else {
                spec.edges[index].attributes["xlabel"] = nil
            }
        }
        spec.attributes["forcelabels"] = "true"
    }
}
