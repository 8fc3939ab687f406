import Foundation
import Testing
@testable import RelGraph

// One line per pair of entities, and folded leaves (issue "Legible diagrams"):
// what the diagram says, before Graphviz draws it.

/// The diagram of the whole of `network` with `options`.
private func diagram(_ network: Network, _ configure: (inout DiagramOptions) -> Void = { _ in }) throws -> Diagram {
    var options = DiagramOptions()
    configure(&options)
    return DiagramBuilder(options: options).build(try network.applying(ViewDefinition()), full: network)
}

/// ISI and ISKP with three relations one way and one the other, plus a third entity.
private let pair = Network(
    entities: [
        Entity(id: "isi", kind: .agency, name: "ISI"),
        Entity(id: "iskp", kind: .group, name: "ISKP"),
        Entity(id: "pak", kind: .state, name: "Pakistan"),
    ],
    relations: [
        Relation(from: "isi", type: "sponsors", to: "iskp", confidence: .alleged),
        Relation(from: "isi", type: "funds", to: "iskp", confidence: .reported),
        Relation(from: "isi", type: "trains", to: "iskp", confidence: .confirmed),
        Relation(from: "iskp", type: "targeted", to: "isi", confidence: .confirmed),
        Relation(from: "isi", type: "part-of", to: "pak", confidence: .confirmed),
    ])

@Suite("One line per pair of entities")
struct MergedRelationTests {
    @Test("relations between the same two entities, either way, are one line")
    func oneLinePerPair() throws {
        let d = try diagram(pair)
        #expect(d.edges.count == 2)
        let line = try #require(d.edges.first { $0.relations.count == 4 })
        #expect(Set(line.relations.map(\.type)) == ["sponsors", "funds", "trains", "targeted"])
        // Three of four go ISI -> ISKP: the line points that way, with a tail arrow for the fourth.
        #expect(line.from == "isi" && line.to == "iskp")
        #expect(line.arrowTail != nil)
        #expect(line.label == "ISI: funds · sponsors · trains\nISKP: targeted")
    }

    @Test("a merged line is drawn in the style of its weakest relation, never firmer")
    func weakestStyle() throws {
        let d = try diagram(pair)
        let line = try #require(d.edges.first { $0.relations.count == 4 })
        #expect(line.confidence == .alleged)
        #expect(line.line == .dotted)
        #expect(line.classes.contains("confidence-alleged") && line.classes.contains("confidence-confirmed"))
        #expect(line.classes.contains("merged"))
        for type in ["sponsors", "funds", "trains", "targeted"] { #expect(line.classes.contains("type-\(type)")) }
    }

    @Test("the tooltip and title list every relation with its own confidence")
    func everyRelationInTooltip() throws {
        let d = try diagram(pair)
        let line = try #require(d.edges.first { $0.relations.count == 4 })
        #expect(line.title.contains("ISI sponsors ISKP (alleged)"))
        #expect(line.title.contains("ISI trains ISKP (confirmed)"))
        #expect(line.title.contains("ISKP targeted ISI (confirmed)"))
        for text in ["ISI sponsors ISKP\nalleged", "ISI funds ISKP\nreported", "ISI trains ISKP\nconfirmed"] {
            #expect(line.tooltip.contains(text))
        }
    }

    @Test("--no-merge keeps one line per relation")
    func noMerge() throws {
        let d = try diagram(pair) { $0.mergeRelations = false }
        #expect(d.edges.count == 5)
        #expect(d.edges.allSatisfy { $0.relations.count == 1 && $0.arrowTail == nil })
    }

    @Test("merging is the same whatever the order of the relations (shuffled input, same diagram)")
    func shuffleInvariant() throws {
        let reference = try diagram(pair)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            var shuffled = pair
            shuffled.relations.shuffle(using: &rng)
            shuffled.entities.shuffle(using: &rng)
            let shuffledDiagram = try diagram(shuffled)
            #expect(shuffledDiagram == reference)
        }
    }
}

/// A group with `n` tools (leaves) it uses, plus a rival with its own tie.
private func hub(_ n: Int) -> Network {
    var entities = [Entity(id: "g", kind: .group, name: "Group"), Entity(id: "r", kind: .group, name: "Rival")]
    var relations = [Relation(from: "g", type: "rival-of", to: "r", confidence: .reported)]
    for i in 1...n {
        let id = String(format: "t%02d", i)
        entities.append(Entity(id: id, kind: .organization, name: "Tool \(i)"))
        relations.append(Relation(from: "g", type: "controls", to: id, confidence: .alleged))
    }
    return Network(entities: entities, relations: relations)
}

@Suite("Folded leaves")
struct FoldedLeavesTests {
    @Test("five or more leaves tied the same way become one list node joined by one line")
    func folds() throws {
        let d = try diagram(hub(12))
        let list = try #require(d.nodes.first{ $0.isList })
        #expect(list.entries.count == 12)
        #expect(list.entries.map(\.id) == (1...12).map { String(format: "t%02d", $0) }.sorted { a, b in
            "Tool \(Int(a.dropFirst())!)".utf8.lexicographicallyPrecedes("Tool \(Int(b.dropFirst())!)".utf8) })
        #expect(d.nodes.count == 3)  // group, rival, list
        let line = try #require(d.edges.first { $0.to == list.id })
        #expect(line.relations.count == 12)
        #expect(line.classes.contains("folded") && line.classes.contains("type-controls"))
        #expect(line.label == "controls (12)")
        // Each name keeps its own sentence and tooltip.
        #expect(list.entries.allSatisfy { $0.title.hasSuffix("(organization)") && !$0.tooltip.isEmpty })
    }

    @Test("fewer leaves than the threshold stay separate entities")
    func belowThreshold() throws {
        let d = try diagram(hub(4))
        #expect(!d.nodes.contains{ $0.isList })
        #expect(d.nodes.count == 6)
    }

    @Test("leaves with a different confidence are not folded with the others")
    func confidenceSplits() throws {
        var network = hub(6)
        network.relations[3].confidence = .confirmed
        let d = try diagram(network)
        let list = try #require(d.nodes.first{ $0.isList })
        #expect(list.entries.count == 5)
        #expect(d.nodes.count == 4)
    }

    @Test("--no-fold keeps every entity")
    func noFold() throws {
        let d = try diagram(hub(12)) { $0.foldLeaves = false }
        #expect(!d.nodes.contains{ $0.isList })
        #expect(d.nodes.count == 14)
    }

    @Test("fifty leaves are laid out in a roughly square table")
    func columns() throws {
        let d = try diagram(hub(50))
        let list = try #require(d.nodes.first{ $0.isList })
        #expect((3...6).contains(list.listColumns))
    }

    @Test("the legend still names every kind and type drawn inside a list")
    func legend() throws {
        let d = try diagram(hub(12))
        let legend = try #require(d.legend)
        #expect(legend.kinds.map(\.kind) == [.group, .organization])
        #expect(legend.types.map(\.name) == ["hostility", "structure"])
        #expect(legend.types.map(\.label) == ["hostility: rival of", "structure: controls"])
    }
}

@Suite("page: in a view")
struct ViewPageTests {
    @Test("a view names its page; a bad page is an error at its line and column")
    func readsPage() {
        let text = minimalYAML + """

        views:
          wide: {title: Wide, page: 30x10cm}
          letter: {page: letter}
          bad: {page: a5}
        """
        let loaded = load(text)
        #expect(loaded.network.views["wide"]?.page == PageSize(width: 30 * PageSize.pointsPerCentimetre, height: 10 * PageSize.pointsPerCentimetre, name: "30x10cm"))
        #expect(loaded.network.views["letter"]?.page == .letter)
        #expect(codes(text) == ["bad-value@17:15"])
    }

    @Test("flags over a view: a page given on the command line wins")
    func override() {
        let view = ViewDefinition(page: .letter)
        #expect(view.overridden(by: ViewDefinition()).page == .letter)
        #expect(view.overridden(by: ViewDefinition(page: .a4)).page == .a4)
    }
}

@Suite("Wrapping names")
struct NameWrappingTests {
    @Test("names wrap at the width, but a word is cut only when it is longer than 22 characters")
    func wordsStayWhole() {
        #expect(LabelText.wrapName("Triton Safety Instrumented System Attack", width: 13)
                == ["Triton Safety", "Instrumented", "System Attack"])
        #expect(LabelText.wrapName("Backdoor.Oldrea", width: 13) == ["Backdoor.Oldrea"])
        #expect(LabelText.wrapName("a INCONTROLLER b", width: 13) == ["a", "INCONTROLLER", "b"])
        #expect(LabelText.wrapName(String(repeating: "x", count: 30), width: 13)
                == [String(repeating: "x", count: 22), String(repeating: "x", count: 8)])
        // Plain wrapping still cuts at the width.
        #expect(LabelText.wrap("Backdoor.Oldrea", width: 13) == ["Backdoor.Oldr", "ea"])
    }
}
