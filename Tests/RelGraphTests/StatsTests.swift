import Foundation
import Testing
@testable import RelGraph

/// Two groups of three and one pair, an isolated entity, a symmetric relation,
/// relations with and without claims.
private let statsNetwork = Network(
    entities: [
        Entity(id: "hub", kind: .group, name: "Hub"),
        Entity(id: "a", kind: .agency, name: "Agency A"),
        Entity(id: "b", kind: .state, name: "State B"),
        Entity(id: "c", kind: .group, name: "Cell C"),
        Entity(id: "d", kind: .person, name: "Dee"),
        Entity(id: "e", kind: .person, name: "Eve"),
        Entity(id: "lonely", kind: .territory, name: "Lonely"),
    ],
    relations: [
        Relation(from: "a", type: "sponsors", to: "hub", confidence: .alleged, claims: [Claim(source: "s")]),
        Relation(from: "b", type: "harbors", to: "hub", confidence: .disputed, sources: ["s", "t"]),
        Relation(from: "hub", type: "allied-with", to: "c", confidence: .confirmed, claims: [Claim(source: "s")]),
        Relation(from: "a", type: "sponsors", to: "c", confidence: .reported),
        Relation(from: "d", type: "member-of", to: "e", claims: [Claim(source: "s")]),
    ])

@Suite("Stats")
struct StatsTests {
    let stats = NetworkStats(statsNetwork)

    @Test("counts by kind (kind order), type (most frequent first) and confidence (strongest first, all four)")
    func counts() {
        #expect(stats.entities == 7 && stats.relations == 5)
        #expect(stats.kinds.map { "\($0.name) \($0.count)" } == ["group 2", "agency 1", "state 1", "territory 1", "person 2"])
        #expect(stats.types.map { "\($0.name) \($0.count)" } == ["sponsors 2", "allied-with 1", "harbors 1", "member-of 1"])
        #expect(stats.confidences.map { "\($0.name) \($0.count)" } == ["confirmed 1", "reported 2", "alleged 1", "disputed 1"])
    }

    @Test("most connected: degree with out, in and undirected; ties by id; entities without relations left out")
    func mostConnected() {
        #expect(stats.mostConnected.map { "\($0.id) \($0.degree) \($0.outgoing)/\($0.incoming)/\($0.undirected)" }
            == ["hub 3 0/2/1", "a 2 2/0/0", "c 2 0/1/1", "b 1 1/0/0", "d 1 1/0/0", "e 1 0/1/0"])
        let many = Network(entities: (0..<15).map { Entity(id: "n\($0)", kind: .group, name: "N\($0)") },
                           relations: (1..<15).map { Relation(from: "n0", type: "allied-with", to: "n\($0)") })
        #expect(NetworkStats(many).mostConnected.count == 10)
        #expect(NetworkStats(many).mostConnected.first?.degree == 14)
    }

    @Test("connected components ignore direction, largest first, with members of small ones by name")
    func components() {
        #expect(stats.components.map(\.size) == [4, 2, 1])
        #expect(stats.components[0].members.map(\.name) == ["Agency A", "Cell C", "Hub", "State B"])
        #expect(stats.components[1].members.map(\.id) == ["d", "e"])
        let big = Network(entities: (0..<20).map { Entity(id: "n\($0)", kind: .group, name: "N\($0)") },
                          relations: (1..<20).map { Relation(from: "n\($0 - 1)", type: "allied-with", to: "n\($0)") })
        #expect(NetworkStats(big).components.map(\.size) == [20])
        #expect(NetworkStats(big).components[0].members.isEmpty)
    }

    @Test("isolated entities and relations without claims (with the sources they cite instead, if any)")
    func gaps() {
        #expect(stats.isolated.map(\.id) == ["lonely"])
        #expect(stats.withoutClaims.map(\.text) == ["Agency A sponsors Cell C", "State B harbors Hub"])
        #expect(stats.withoutClaims.map(\.sources) == [[], ["s", "t"]])
    }

    @Test("the text report lists everything, and the same network gives the same text whatever its order")
    func text() {
        let text = stats.text(title: "Stats", viewSummary: "focus Hub, depth 1")
        #expect(text.hasPrefix("Stats\nView: focus Hub, depth 1\n\nEntities: 7\n"))
        #expect(text.contains("   1. Hub (hub)"))
        #expect(text.contains("Connected components: 3 (sizes 4, 2, 1)"))
        #expect(text.contains("  4: Agency A, Cell C, Hub, State B"))
        #expect(text.contains("Isolated entities: 1\n  Lonely (territory, lonely)"))
        #expect(text.contains("Relations without claims: 2\n  Agency A sponsors Cell C (no source)\n  State B harbors Hub (sources: s, t)"))
        var shuffled = statsNetwork
        shuffled.entities.reverse()
        shuffled.relations.reverse()
        #expect(NetworkStats(shuffled) == stats)
        #expect(NetworkStats(shuffled).text() == stats.text())
        #expect(NetworkStats.summarised(["9", "3", "1", "1", "1", "1"]) == "9, 3, 1 ×4")
    }

    @Test("an empty network has zero of everything")
    func empty() {
        let empty = NetworkStats(Network())
        #expect(empty.entities == 0 && empty.components.isEmpty && empty.mostConnected.isEmpty)
        #expect(empty.text().contains("Most connected:\n  (no relations)"))
    }
}
