import Foundation

/// Options for turning a network into a ``Diagram``.
public struct DiagramOptions: Sendable, Hashable {
    /// The palette.
    public var theme: Theme = .light
    /// Whether to draw the legend.
    public var legend: Bool = true
    /// Clustering; `nil` takes the view's.
    public var cluster: ViewDefinition.Clustering?
    /// Longest line of a wrapped name, in characters: 13, so that names make
    /// narrow, taller boxes (a page is taller than wide; the page fit also tries
    /// 11 and 16).
    public var wrapWidth: Int = 13
    /// Longest name drawn, in characters (the tooltip keeps the whole name).
    public var maxLabelLength: Int = 120
    /// Longest tooltip, in characters.
    public var maxTooltipLength: Int = 2000
    /// Longest title and view summary in the caption, in characters. (Text wider than
    /// Graphviz 2.42's HTML tables can size, about 65,000 points, aborts the process
    /// in `pos_html_tbl`: see KNOWN_CRASH_PATHS.md.)
    public var maxTitleLength: Int = 300
    /// Whether relations between the same two entities are drawn as one line
    /// (`--no-merge` turns it off). See ``MergedRelations``.
    public var mergeRelations: Bool = true
    /// Whether many leaves tied to one entity the same way are folded into a
    /// list node (`--no-fold` turns it off). See ``FoldedLeaves``.
    public var foldLeaves: Bool = true
    /// How many such leaves make a list: 5.
    public var foldThreshold: Int = 5

    /// Default options.
    public init() {}
}

/// Builds a ``Diagram``: applies styles (theme, then the document's `style:` by
/// kind or type, then by tag), writes labels, titles and tooltips, and orders
/// everything canonically.
public struct DiagramBuilder: Sendable {
    /// The options.
    public var options: DiagramOptions

    /// Creates a builder.
    public init(options: DiagramOptions = DiagramOptions()) {
        self.options = options
    }

    /// The diagram of `result` (a view of `full`). `full` supplies names of
    /// claimants the view hides.
    public func build(_ result: ViewResult, full: Network) -> Diagram {
        let network = result.network
        let theme = options.theme.withDeclaredKinds(of: network)
        let names = full.entitiesByID.mapValues(\.name)
        let font = network.style.font ?? Theme.fontStack

        var nodes = network.entities.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.concurrentMap {
            node(for: $0, in: network, theme: theme, time: ViewTime(result.view))
        }
        let words = RelationText.Words(full: full, names: names)
        var edges = Self.edgeOrder(of: network.relations).concurrentMap {
            edge(for: network.relations[$0], in: network, full: full, words: words, theme: theme, time: ViewTime(result.view))
        }
        let clustering = options.cluster ?? result.view.cluster ?? .none
        let clusters = clustering == .territories ? Self.territoryClusters(network) : []
        if clusters.isEmpty {
            // Where each entity lies, under its name: without territory boxes a
            // `within` would show nowhere on the page ("in Pakistan").
            // Not where a line already joins the two (a `part-of` says as much).
            var joined = Set<[String]>()
            for relation in network.relations { joined.insert([min(relation.from, relation.to), max(relation.from, relation.to)]) }
            var within: [String: String] = [:]
            for entity in network.entities {
                if let container = entity.within, container != entity.id,
                   !joined.contains([min(entity.id, container), max(entity.id, container)]) {
                    within[entity.id] = container
                }
            }
            for index in nodes.indices {
                guard let container = within[nodes[index].id] else { continue }
                nodes[index].references.append("in " + LabelText.truncate(LabelText.clean(names[container] ?? container), to: options.maxLabelLength))
            }
        }

        if options.mergeRelations {
            edges = MergedRelations.merge(edges, names: names, neutralColor: theme.mutedText)
        }

        if options.foldLeaves {
            var clustered = Set<String>()
            func collect(_ cluster: Diagram.Cluster) {
                clustered.insert(cluster.id)
                clustered.formUnion(cluster.nodeIDs)
                cluster.children.forEach(collect)
            }
            clusters.forEach(collect)
            (nodes, edges) = FoldedLeaves.fold(nodes: nodes, edges: edges, clustered: clustered,
                                               threshold: options.foldThreshold, names: names)
        }
        var legend: Diagram.Legend?
        if options.legend {
            let kinds = Set(nodes.flatMap { (node: Diagram.Node) -> [EntityKind] in node.isList ? node.entries.map(\.kind) : [node.kind] }).sorted().map { kind in
                (kind, theme.kindStyle(kind, in: network).overridden(by: network.style.kinds[kind]))
            }
            let types = Self.legendFamilies(Set(edges.flatMap { $0.relations.map(\.type) }), network: network, theme: theme,
                                            maxLength: options.maxLabelLength)
            let confidences = Set(edges.map(\.confidence)).sorted(by: >)
            var marks: [Diagram.Legend.Mark] = []
            if edges.contains(where: \.former) { marks.append(.former) }
            if edges.contains(where: \.undated) { marks.append(.undated) }
            legend = Diagram.Legend(kinds: kinds, types: types, confidences: confidences,
                                    kindLabels: network.entityKinds.mapValues(\.label), marks: marks)
        }
        let title = LabelText.truncate(result.view.title ?? network.title ?? "Network", to: options.maxTitleLength)
        return Diagram(title: title, viewSummary: LabelText.truncate(result.summary, to: options.maxTitleLength),
                       summary: Self.summary(network: network, view: result, names: names),
                       nodes: nodes, edges: edges, clusters: clusters, legend: legend, theme: theme,
                       direction: network.style.direction ?? "LR", font: font)
    }

    /// `relations` sorted by ``edgeOrder(_:_:)``, with each relation's sort key
    /// computed once instead of at every comparison (the same comparisons, so the
    /// same order: the sort is stable).
    static func sortedForEdges(_ relations: [Relation]) -> [Relation] {
        edgeOrder(of: relations).map { relations[$0] }
    }

    /// The positions of `relations` in ``edgeOrder(_:_:)`` (what
    /// ``sortedForEdges(_:)`` sorts by): the diagram reads relations through them
    /// instead of holding a sorted copy of every relation beside the network's.
    static func edgeOrder(of relations: [Relation]) -> [Int] {
        // Common case: every part is ASCII without NUL. Then `!=` is byte inequality,
        // and comparing the parts joined by NUL (which sorts before every other
        // byte) gives the same answer as comparing them part by part, in one pass.
        // The joined keys sit end to end in one buffer; `ends[i]` is where key i ends.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(relations.count * 64)
        var ends: [Int] = []
        ends.reserveCapacity(relations.count)
        var plain = true
        func append(_ piece: String) {
            var piece = piece
            piece.withUTF8 { utf8 in
                for byte in utf8 where byte == 0 || byte >= 0x80 { plain = false }
                bytes.append(contentsOf: utf8)
            }
        }
        for r in relations {
            let since = r.since?.description ?? ""
            append(r.from)
            bytes.append(0)
            append(r.to)
            bytes.append(0)
            append(r.type)
            bytes.append(0)
            append(since)
            bytes.append(0)
            // The key, written as ``Relation/key`` spells it.
            if let id = r.id {
                append(id)
            } else {
                append(r.from)
                bytes.append(UInt8(ascii: " "))
                append(r.type)
                bytes.append(UInt8(ascii: " "))
                append(r.to)
                if !since.isEmpty {
                    bytes.append(UInt8(ascii: " "))
                    bytes.append(UInt8(ascii: "@"))
                    append(since)
                }
            }
            bytes.append(0)
            if !plain { break }
            ends.append(bytes.count)
        }
        if plain {
            let order = bytes.withUnsafeBufferPointer { all in
                relations.indices.sorted { i, j in
                    let a = i == 0 ? 0 : ends[i - 1], b = j == 0 ? 0 : ends[j - 1]
                    let (countA, countB) = (ends[i] - a, ends[j] - b)
                    let c = memcmp(all.baseAddress! + a, all.baseAddress! + b, min(countA, countB))
                    return c != 0 ? c < 0 : countA < countB
                }
            }
            return order
        }
        let keys = relations.map { r in [r.from, r.to, r.type, r.since?.description ?? "", r.key] }
        let order = relations.indices.sorted { i, j in
            for (x, y) in zip(keys[i], keys[j]) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            return false
        }
        return order
    }

    /// Canonical edge order: from, to, type, since, key (byte order, so the same in every process).
    static func edgeOrder(_ a: Relation, _ b: Relation) -> Bool {
        let ka = [a.from, a.to, a.type, a.since?.description ?? "", a.key]
        let kb = [b.from, b.to, b.type, b.since?.description ?? "", b.key]
        for (x, y) in zip(ka, kb) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
        return false
    }

    // MARK: Nodes

    private func node(for entity: Entity, in network: Network, theme: Theme, time: ViewTime? = nil) -> Diagram.Node {
        let text = EntityText(entity: entity, time: time, endedBy: network.endingSaid(of: entity))
        var style = theme.kindStyle(entity.kind, in: network)
        style.line = .solid
        style.width = 1.2
        style = style.overridden(by: network.style.kinds[entity.kind])
        for tag in entity.tags.sorted() { style = style.overridden(by: network.style.tags[tag]) }
        let name = LabelText.clean(entity.name)
        let dates = LabelText.span(since: entity.since, until: entity.until, isEvent: entity.kind == .event)
        var tooltip = ["\(name) (\(entity.kind.rawValue))"]
        let aliases = entity.aliases.map(LabelText.clean).sorted()
        if !aliases.isEmpty { tooltip.append("Also known as: \(aliases.joined(separator: "; "))") }
        if let dates { tooltip.append(entity.kind == .event ? "Date: \(dates)" : "Dates: \(dates)") }
        tooltip += text.tooltipLines
        if let description = entity.description { tooltip.append(LabelText.clean(description)) }
        let title = text.title(name: name, dates: dates)
        return Diagram.Node(
            id: entity.id, kind: entity.kind,
            nameLines: LabelText.wrapName(LabelText.truncate(name, to: options.maxLabelLength), width: options.wrapWidth),
            name: LabelText.truncate(name, to: options.maxLabelLength),
            detail: text.detail(dates: dates), style: style,
            doubleBorder: entity.kind == .state && network.style.kinds[.state]?.shape == nil,
            rounded: entity.kind == .person && network.style.kinds[.person]?.shape == nil,
            cornerMarks: entity.kind == .event && network.style.kinds[.event]?.shape == nil,
            title: LabelText.truncate(title, to: options.maxTooltipLength),
            tooltip: LabelText.truncate(tooltip.joined(separator: "\n"), to: options.maxTooltipLength),
            url: entity.url.flatMap { URLPolicy.isAllowed($0) ? URLPolicy.encoded($0) : nil },
            classes: ["entity", "kind-\(CSSName.make(entity.kind.rawValue))"] + text.extraClasses + entity.tags.sorted().map { "tag-\(CSSName.make($0))" })
    }

    // MARK: Edges

    private static let confidenceLines: [Confidence: (LineStyle, Double, Bool)] = [
        .confirmed: (.solid, 1.6, false),
        .reported: (.dashed, 1.3, false),
        .alleged: (.dotted, 1.7, false),
        .disputed: (.dashed, 1.0, true),
    ]

    private func edge(for relation: Relation, in network: Network, full: Network, words: RelationText.Words,
                      theme: Theme, time: ViewTime? = nil) -> Diagram.Edge {
        let type = network.relationType(named: relation.type)
        let symmetric = type?.symmetric ?? false
        let typeLabel = LabelText.truncate(LabelText.clean(type?.label ?? relation.type), to: options.maxLabelLength)
        let (line, width, double) = Self.confidenceLines[relation.confidence]!
        let family = network.family(ofType: relation.type)
        let text = RelationText(relation: relation, typeLabel: typeLabel, full: full, words: words, time: time)
        let former = text.isFormer
        var style = StyleRule(color: former ? theme.formerColor(for: family) : theme.color(for: family), line: line, width: width,
                              arrow: symmetric ? "none" : family.arrow)
        style = style.overridden(by: network.style.types[relation.type])
        for tag in relation.tags.sorted() { style = style.overridden(by: network.style.tags[tag]) }
        let (title, tooltip) = text.titleAndTooltip
        let key = relation.key
        let shortTitle = LabelText.truncate(title, to: options.maxTooltipLength)
        return Diagram.Edge(
            key: key, from: relation.from, to: relation.to, type: relation.type,
            label: text.label,
            confidence: relation.confidence, color: style.color!, line: style.line!, doubleLine: double,
            width: style.width!, arrow: style.arrow!, symmetric: symmetric, font: style.font,
            title: shortTitle,
            tooltip: LabelText.truncate(tooltip, to: options.maxTooltipLength),
            classes: ["relation", "type-\(CSSName.make(relation.type))", "family-\(family.rawValue)", "confidence-\(relation.confidence.rawValue)"]
                + text.extraClasses + relation.tags.sorted().map { "tag-\(CSSName.make($0))" },
            relations: [Diagram.RelationRef(key: key, from: relation.from, to: relation.to, type: relation.type,
                                            confidence: relation.confidence, title: shortTitle)],
            family: family, former: former, undated: text.isUndated, attribution: text.attribution)
    }

    /// The legend's lines: one entry per family drawn (``RelationFamily``), in
    /// family order, naming its types ("backing: sponsors, funds, trains"); a type
    /// the document's `style:` gives a colour or arrowhead of its own has an entry
    /// of its own.
    static func legendFamilies(_ types: Set<String>, network: Network, theme: Theme, maxLength: Int) -> [Diagram.Legend.TypeEntry] {
        func label(_ type: String) -> String { LabelText.clean(network.relationType(named: type)?.label ?? type) }
        let ordered = types.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let styled = ordered.filter { network.style.types[$0]?.color != nil || network.style.types[$0]?.arrow != nil }
        var entries: [Diagram.Legend.TypeEntry] = []
        for family in RelationFamily.allCases {
            let members = ordered.filter { network.family(ofType: $0) == family && !styled.contains($0) }
            guard !members.isEmpty else { continue }
            let symmetric = members.allSatisfy { network.relationType(named: $0)?.symmetric ?? false }
            let text = "\(family.rawValue): " + members.map(label).joined(separator: ", ")
            entries.append(Diagram.Legend.TypeEntry(name: family.rawValue, label: LabelText.truncate(text, to: maxLength),
                                                    color: theme.color(for: family), arrow: symmetric ? "none" : family.arrow,
                                                    symmetric: symmetric))
        }
        for type in styled {
            let family = network.family(ofType: type)
            let symmetric = network.relationType(named: type)?.symmetric ?? false
            entries.append(Diagram.Legend.TypeEntry(name: type, label: LabelText.truncate(label(type), to: maxLength),
                                                    color: network.style.types[type]?.color ?? theme.color(for: family),
                                                    arrow: network.style.types[type]?.arrow ?? (symmetric ? "none" : family.arrow),
                                                    symmetric: symmetric))
        }
        return entries
    }

    // MARK: Clusters

    /// Nested clusters from `within` (territories and states that contain
    /// something), with entities `based-in` a territory or state, and events that
    /// `occurred-in` one, placed inside it. An entity with several such places goes
    /// into the most deeply nested one (ties: the first id in byte order); its own
    /// `within` wins over both.
    static func territoryClusters(_ network: Network) -> [Diagram.Cluster] {
        let byID = network.entitiesByID
        func isContainer(_ id: String?) -> Bool {
            guard let id, let e = byID[id] else { return false }
            return e.kind == .territory || e.kind == .state
        }
        var parent: [String: String] = [:]
        for entity in network.entities {
            if let within = entity.within, isContainer(within) { parent[entity.id] = within }
        }
        func depth(_ id: String) -> Int {
            var seen: Set<String> = [id]
            var current = parent[id]
            var n = 0
            while let c = current, seen.insert(c).inserted { n += 1; current = parent[c] }
            return n
        }
        var places: [String: [String]] = [:]
        for relation in network.relations where isContainer(relation.to) && !isContainer(relation.from) {
            let placed = relation.type == "based-in"
                || (relation.type == "occurred-in" && byID[relation.from]?.kind == .event)
            if placed && parent[relation.from] == nil { places[relation.from, default: []].append(relation.to) }
        }
        for (id, candidates) in places {
            parent[id] = candidates.min { a, b in
                let (da, db) = (depth(a), depth(b))
                return da != db ? da > db : a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        }
        // Guard against cycles (validation reports them): drop links that loop.
        // In byte order: which link of a cycle is dropped must not depend on hashing.
        for id in parent.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var seen: Set<String> = [id]
            var current = parent[id]
            while let c = current {
                if !seen.insert(c).inserted { parent[id] = nil; break }
                current = parent[c]
            }
        }
        var children: [String: [String]] = [:]
        for (child, p) in parent { children[p, default: []].append(child) }
        func cluster(_ id: String) -> Diagram.Cluster {
            let kids = (children[id] ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let nested = kids.filter { children[$0] != nil }.map(cluster)
            let leaves = [id] + kids.filter { children[$0] == nil }
            return Diagram.Cluster(id: id, label: LabelText.clean(byID[id]?.name ?? id),
                                   nodeIDs: leaves.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, children: nested)
        }
        let roots = children.keys.filter { parent[$0] == nil }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return roots.map(cluster)
    }

    // MARK: Summary

    static func summary(network: Network, view: ViewResult, names: [String: String]) -> String {
        var kinds: [EntityKind: Int] = [:]
        for entity in network.entities { kinds[entity.kind, default: 0] += 1 }
        let kindText = kinds.keys.sorted().map { kind -> String in
            let n = kinds[kind]!
            // A declared kind's label may not take an -s ("software"): "software: 23".
            if !kind.isBuiltIn { return "\(network.entityKinds[kind]?.label ?? kind.rawValue): \(n)" }
            let plural: String = switch kind {
            case .agency: n == 1 ? "agency" : "agencies"
            case .territory: n == 1 ? "territory" : "territories"
            case .person: n == 1 ? "person" : "people"
            default: n == 1 ? kind.rawValue : kind.rawValue + "s"
            }
            return "\(n) \(plural)"
        }.joined(separator: ", ")
        var confidences: [Confidence: Int] = [:]
        for relation in network.relations { confidences[relation.confidence, default: 0] += 1 }
        let confidenceText = confidences.keys.sorted(by: >).map { "\(confidences[$0]!) \($0.rawValue)" }.joined(separator: ", ")
        var degree: [String: Int] = [:]
        for relation in network.relations {
            degree[relation.from, default: 0] += 1
            degree[relation.to, default: 0] += 1
        }
        // The three first in (degree descending, id) order, kept while counting
        // rather than by sorting every entity.
        func before(_ a: (key: String, value: Int), _ b: (key: String, value: Int)) -> Bool {
            a.value != b.value ? a.value > b.value : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }
        var leaders: [(key: String, value: Int)] = []
        for entry in degree where leaders.count < 3 || before(entry, leaders[leaders.count - 1]) {
            leaders.insert(entry, at: leaders.firstIndex { before(entry, $0) } ?? leaders.count)
            if leaders.count > 3 { leaders.removeLast() }
        }
        let top = leaders.map { "\(LabelText.truncate(LabelText.clean(names[$0.key] ?? $0.key), to: 60)) (\($0.value))" }
        let n = network.entities.count
        var text = "A network of \(n) entit\(n == 1 ? "y" : "ies")"
        if !kindText.isEmpty { text += " (\(kindText))" }
        text += " and \(network.relations.count) relation\(network.relations.count == 1 ? "" : "s")"
        if !confidenceText.isEmpty { text += " (\(confidenceText))" }
        text += "."
        if !top.isEmpty { text += " Most connected: \(top.joined(separator: ", "))." }
        if !view.summary.isEmpty { text += " View: \(view.summary)." }
        return text
    }
}
