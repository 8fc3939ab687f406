import Foundation
import Testing
import RelGraph
import RelGraphTestSupport

private func corpus(_ name: String) -> Network {
    NetworkLoader().load(path: TestPaths.packageRoot.appendingPathComponent("graphs/corpus/\(name).yaml").path).network
}

/// An atlas: communities (Louvain, deterministic), pages, and the notes of lines leaving a page.
@Suite("Atlas: communities and pages")
struct AtlasTests {
    /// Two cliques of five joined by one line, and two entities without lines.
    let cliques: [Communities.Link] = {
        var links: [Communities.Link] = []
        for base in [0, 5] {
            for a in base..<base + 5 { for b in a + 1..<base + 5 { links.append(.init(a, b)) } }
        }
        links.append(.init(4, 5))
        return links
    }()

    @Test("two cliques joined by one line are two communities; entities without lines are kept together")
    func cliquesSplit() {
        let found = Communities.detect(count: 12, links: cliques, maxSize: 40, minSize: 2)
        #expect(found == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]])
        #expect(Communities.modularity(count: 12, links: cliques, communities: Array(found.prefix(2))) > 0.4)
    }

    @Test("the same network gives the same communities whatever the order of its lines")
    func deterministic() {
        let network = corpus("les-miserables")
        let first = AtlasPlan.groups(network, pageSize: 30)
        var shuffled = network
        var rng = SystemRandomNumberGenerator()
        shuffled.relations.shuffle(using: &rng)
        shuffled.entities.shuffle(using: &rng)
        #expect(AtlasPlan.groups(shuffled, pageSize: 30) == first)
    }

    @Test("no community is larger than a page; small ones join their neighbours")
    func bounded() {
        let found = Communities.detect(count: 12, links: cliques, maxSize: 3, minSize: 1)
        #expect(found.allSatisfy { $0.count <= 3 })
        #expect(Set(found.flatMap { $0 }) == Set(0..<12))
        let absorbed = Communities.detect(count: 10, links: cliques, maxSize: 40, minSize: 6)
        #expect(absorbed == [Array(0..<10)])
    }

    @Test("Zachary's karate club: Louvain's modularity, as published (about 0.42)")
    func karate() {
        let network = corpus("karate-club")
        let groups = AtlasPlan.groups(network, pageSize: 40)
        let ids = network.entities.map(\.id).sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let links = network.relations.map { Communities.Link(index[$0.from]!, index[$0.to]!) }
        let q = Communities.modularity(count: ids.count, links: links, communities: groups.map { $0.map { index[$0]! } })
        #expect(q > 0.38 && q < 0.43, "modularity \(q)")
        #expect(groups.count >= 2 && groups.count <= 5)
    }

    @Test("every entity is on exactly one detail page; every line between pages is a note on both sides and a tie on the overview")
    func plan() {
        let network = corpus("attack-groups-shared-software")
        let plan = AtlasPlan(network, pageSize: 40)
        let members = plan.pages.flatMap(\.members)
        #expect(members.count == network.entities.count)
        #expect(Set(members) == Set(network.entities.map(\.id)))
        #expect(plan.pages.map(\.number) == Array(2...plan.pageCount))
        #expect(plan.pages.allSatisfy { $0.members.count <= 40 })
        let page = plan.pageOfEntity
        let crossing = network.relations.filter { page[$0.from] != page[$0.to] }
        let noted = plan.pages.flatMap { p in p.exits.flatMap { exit in exit.relations.map { "\(p.number) \($0)" } } }
        #expect(noted.count == 2 * crossing.count)
        for relation in crossing {
            #expect(noted.contains("\(page[relation.from]!) \(relation.key)") && noted.contains("\(page[relation.to]!) \(relation.key)"))
        }
        #expect(plan.bridges.reduce(0) { $0 + $1.relations } == crossing.count)
        // The overview draws each page's three strongest ties at least.
        for p in plan.pages {
            let ties = plan.bridges.filter { $0.from == p.number || $0.to == p.number }.count
            #expect(plan.strongestBridges.filter { $0.from == p.number || $0.to == p.number }.count >= min(ties, 3))
        }
    }

    @Test("a page's diagram: its members only, each member's ties to other pages under its name")
    func pageDiagram() throws {
        let network = corpus("attack-40-groups-software")
        let plan = AtlasPlan(network, pageSize: 40)
        let result = try network.applying(ViewDefinition())
        let page = try #require(plan.pages.first)
        let diagram = plan.diagram(for: page, of: result, full: network, options: DiagramOptions())
        let drawn = Set(diagram.nodes.flatMap { $0.isList ? $0.entries.map(\.id) : [$0.id] })
        #expect(drawn == Set(page.members))
        #expect(diagram.title == "p. 2 of \(plan.pageCount): \(page.name)")
        let withExits = Set(page.exits.map(\.member))
        let noted = diagram.nodes.filter { !$0.references.isEmpty }.map(\.id)
        #expect(noted.allSatisfy { withExits.contains($0) })
        for node in diagram.nodes where !node.references.isEmpty {
            #expect(node.references.allSatisfy { $0.hasPrefix("→ p. ") || $0.hasPrefix("→ also p. ") })
            #expect(node.references.count <= 3)
        }
        let overview = plan.overview(of: result, full: network, options: DiagramOptions())
        #expect(overview.nodes.count == plan.pages.count)
        #expect(overview.title == "p. 1 of \(plan.pageCount): overview")
    }

    @Test("an overview of more than 30 pages names each page after its most connected member only ('p. 5: APT28 +9') and draws its two strongest ties")
    func shortOverviewNames() throws {
        let network = corpus("attack-groups-shared-software")
        let result = try network.applying(ViewDefinition())
        let few = AtlasPlan(network, pageSize: 40)
        #expect(few.pages.count <= AtlasPlan.overviewShortNames)
        let long = few.overview(of: result, full: network, options: DiagramOptions())
        #expect(long.nodes.map(\.name) == few.pages.map { "p. \($0.number) (\($0.members.count)): \($0.name)" })
        let many = AtlasPlan(network, pageSize: 6)
        #expect(many.pages.count > AtlasPlan.overviewShortNames)
        let short = many.overview(of: result, full: network, options: DiagramOptions())
        for (node, page) in zip(short.nodes, many.pages) {
            #expect(page.name.hasPrefix(page.lead))
            #expect(node.name == "p. \(page.number): \(page.lead)" + (page.members.count > 1 ? " +\(page.members.count - 1)" : ""))
        }
        // Two ties a page, not three: fewer lines on a crowded overview.
        #expect(many.overviewTies == 2 && few.overviewTies == 3)
        for p in many.pages {
            let ties = many.bridges.filter { $0.from == p.number || $0.to == p.number }.count
            #expect(many.strongestBridges.filter { $0.from == p.number || $0.to == p.number }.count >= min(ties, 2))
        }
        #expect(many.strongestBridges.count < many.bridges.count)
    }

    @Test("by kind and by territory: every entity on one page")
    func groupings() {
        let network = corpus("south-asia-territories")
        for grouping in AtlasPlan.Grouping.allCases {
            let plan = AtlasPlan(network, grouping: grouping, pageSize: 40)
            #expect(plan.pages.flatMap(\.members).sorted() == network.entities.map(\.id).sorted(), "\(grouping)")
        }
        let byKind = AtlasPlan(network, grouping: .kind, pageSize: 1000)
        #expect(byKind.pages.allSatisfy { page in Set(page.members.compactMap { id in network.entities.first { $0.id == id }?.kind }).count == 1 })
    }
}
