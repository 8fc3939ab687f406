extension AtlasPlan {
    /// A page's heading: "p. 3 of 7: Wizard Spider, Conti and 10 more" (the
    /// network's title goes in the line under it, which wraps: a long heading would
    /// widen the page and shrink every name on it).
    public func heading(page: Int) -> String {
        let name = page == 1 ? "overview" : pages.first { $0.number == page }?.name ?? ""
        return "p. \(page) of \(pageCount): \(name)"
    }

    /// The diagram of detail page `page` of `result`: its members and the lines
    /// between them (merged and folded as any diagram). A member with lines to
    /// entities on other pages says so under its name, one line per far page
    /// ("→ p. 4: Wizard Spider +2"; more than three pages: "→ also p. 8, 9"), and
    /// its title and tooltip name every such relation.
    public func diagram(for page: Page, of result: ViewResult, full: Network, options: DiagramOptions) -> Diagram {
        let members = Set(page.members)
        var inside = result.network
        inside.entities = result.network.entities.filter { members.contains($0.id) }
        inside.relations = result.network.relations.filter { members.contains($0.from) && members.contains($0.to) }
        let pageResult = ViewResult(view: result.view, network: inside, summary: result.summary, notes: result.notes)
        var diagram = DiagramBuilder(options: options).build(pageResult, full: full)

        var names: [String: String] = [:]
        for entity in full.entities { names[entity.id] = LabelText.clean(entity.name) }
        var titles: [String: String] = [:]
        let keys = Set(page.exits.flatMap(\.relations))
        for relation in result.network.relations where keys.contains(relation.key) {
            let type = result.network.relationType(named: relation.type)?.label ?? relation.type
            titles[relation.key] = "\(names[relation.from] ?? relation.from) \(type) \(names[relation.to] ?? relation.to)"
        }
        var references: [String: [String]] = [:], leaving: [String: [String]] = [:]
        for member in page.members {
            let exits = page.exits.filter { $0.member == member }
            guard !exits.isEmpty else { continue }
            var lines = exits.prefix(exits.count > 3 ? 2 : 3).map { exit -> String in
                let far = exit.entities.map { names[$0] ?? $0 }
                return "→ p. \(exit.page): \(far[0])" + (far.count > 1 ? " +\(far.count - 1)" : "")
            }
            if exits.count > 3 { lines.append("→ also p. " + exits.dropFirst(2).map { String($0.page) }.joined(separator: ", ")) }
            references[member] = lines
            leaving[member] = exits.map { exit in
                "On p. \(exit.page): " + exit.relations.compactMap { titles[$0] }.joined(separator: "; ")
            }
        }
        func describe(_ id: String, tooltip: String) -> String {
            guard let lines = leaving[id] else { return tooltip }
            return LabelText.truncate(tooltip + "\nLines to other pages:\n" + lines.joined(separator: "\n"), to: options.maxTooltipLength)
        }
        for index in diagram.nodes.indices {
            let id = diagram.nodes[index].id
            if let lines = references[id] {
                diagram.nodes[index].references += lines
                diagram.nodes[index].tooltip = describe(id, tooltip: diagram.nodes[index].tooltip)
                diagram.nodes[index].classes.append("atlas-exits")
            }
            for entry in diagram.nodes[index].entries.indices {
                let entryID = diagram.nodes[index].entries[entry].id
                guard let lines = references[entryID] else { continue }
                let detail = diagram.nodes[index].entries[entry].detail
                diagram.nodes[index].entries[entry].detail = ([detail].compactMap { $0 } + lines).joined(separator: " ")
                diagram.nodes[index].entries[entry].tooltip = describe(entryID, tooltip: diagram.nodes[index].entries[entry].tooltip)
            }
        }
        diagram.viewSummary = LabelText.truncate(
            [diagram.title, diagram.viewSummary, "Under a name, → p. N names an entity on page N it has lines to"]
                .filter { !$0.isEmpty }.joined(separator: ". ") + ".", to: options.maxTitleLength)
        diagram.title = LabelText.truncate(heading(page: page.number), to: options.maxTitleLength)
        return diagram
    }

    /// The overview's lines: each page's ``overviewTies`` strongest ties to other
    /// pages (most relations first; ties by page number), so that a page tied to
    /// every other does not make the overview a tangle. Every tie is in the plan
    /// (``bridges``) and on the detail pages' notes.
    public var strongestBridges: [Bridge] {
        var kept = Set<[Int]>()
        for page in pages {
            let ties = bridges.filter { $0.from == page.number || $0.to == page.number }
                .sorted { ($1.relations, $0.from, $0.to) < ($0.relations, $1.from, $1.to) }
            for tie in ties.prefix(overviewTies) { kept.insert([tie.from, tie.to]) }
        }
        return bridges.filter { kept.contains([$0.from, $0.to]) }
    }

    /// How many of each page's ties the overview draws.
    public static let overviewBridges = 3

    /// How many of each page's ties this atlas's overview draws: ``overviewBridges``,
    /// or two above ``overviewShortNames`` pages (a 500-entity atlas of 72 pages:
    /// 173 lines left its names at 5.3 pt with 1.05 shallow crossings a line; 118
    /// lines, 6.2 pt and 0.85).
    public var overviewTies: Int { pages.count > Self.overviewShortNames ? 2 : Self.overviewBridges }

    /// Every page's diagram, in page order: the overview (page 1), then each detail
    /// page (``overview(of:full:options:)``, ``diagram(for:of:full:options:)``).
    public func diagrams(of result: ViewResult, full: Network, options: DiagramOptions) -> [(number: Int, diagram: Diagram)] {
        [(1, overview(of: result, full: full, options: options))]
            + pages.map { ($0.number, diagram(for: $0, of: result, full: full, options: options)) }
    }

    /// Pages above which the overview names each page after its most connected
    /// member only ("p. 37: Noor Jafari +6", not "p. 37 (7): Noor Jafari, Jabhat
    /// al-Sham and 5 more"): 30. A 500-entity atlas has about 70 pages, and boxes of
    /// five lines left the overview's names at 4.4 pt on A4.
    public static let overviewShortNames = 30

    /// The overview: one box per detail page, named after its most connected members
    /// with its page number and size, and a line between two pages for the
    /// relations that join their members, as thick as there are relations (each
    /// page's ``overviewTies`` strongest ties).
    public func overview(of result: ViewResult, full: Network, options: DiagramOptions) -> Diagram {
        var empty = result.network
        empty.entities = []
        empty.relations = []
        var noLegend = options
        noLegend.legend = false
        var diagram = DiagramBuilder(options: noLegend).build(ViewResult(view: result.view, network: empty, summary: result.summary), full: full)
        let theme = diagram.theme
        let largest = Double(pages.map(\.members.count).max() ?? 1)
        let short = pages.count > Self.overviewShortNames
        for page in pages {
            let label = short ? "p. \(page.number): \(page.lead)" + (page.members.count > 1 ? " +\(page.members.count - 1)" : "")
                : "p. \(page.number) (\(page.members.count)): \(page.name)"
            diagram.nodes.append(Diagram.Node(
                id: "atlas-page:\(page.number)", kind: .organization,
                nameLines: LabelText.wrapName(label, width: 22),
                name: label, detail: nil,
                style: StyleRule(color: theme.mutedText, fill: theme.clusterFill, shape: "box", fontColor: theme.text,
                                 width: 1 + 2 * Double(page.members.count) / largest),
                doubleBorder: false, rounded: true, title: "Page \(page.number): \(page.name) (\(page.members.count) entities)",
                tooltip: "Page \(page.number): \(page.members.count) entities\n" + page.members.prefix(40).map { id in
                    full.entities.first { $0.id == id }.map { LabelText.clean($0.name) } ?? id
                }.joined(separator: ", ") + (page.members.count > 40 ? "…" : ""),
                url: nil, classes: ["atlas-page"]))
        }
        let drawn = strongestBridges
        let heaviest = Double(drawn.map(\.relations).max() ?? 1)
        for bridge in drawn {
            let words = "\(bridge.relations) relation\(bridge.relations == 1 ? "" : "s")"
            diagram.edges.append(Diagram.Edge(
                key: "atlas-bridge:\(bridge.from)-\(bridge.to)", from: "atlas-page:\(bridge.from)", to: "atlas-page:\(bridge.to)",
                type: "atlas-bridge", label: "", confidence: .confirmed, color: theme.mutedText, line: .solid, doubleLine: false,
                width: 1 + 5 * Double(bridge.relations) / heaviest, arrow: "none", symmetric: true, font: nil,
                title: "Pages \(bridge.from) and \(bridge.to): \(words)", tooltip: "Pages \(bridge.from) and \(bridge.to): \(words)",
                classes: ["atlas-bridge"]))
        }
        diagram.viewSummary = LabelText.truncate(
            [diagram.title, diagram.viewSummary, "An atlas of \(pageCount) pages: each box is one page, each line the relations between two pages, as thick as there are relations"]
                .filter { !$0.isEmpty }.joined(separator: ". ") + ".", to: options.maxTitleLength)
        diagram.title = LabelText.truncate(heading(page: 1), to: options.maxTitleLength)
        diagram.summary = "Overview of an atlas of \(pageCount) pages of \(result.network.entities.count) entities and \(result.network.relations.count) relations."
        return diagram
    }
}
