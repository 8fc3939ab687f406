import Foundation
import Testing
@testable import RelGraph

// Small hand-made networks, one per group of rules, built in code so each test
// says exactly what it starts from.

private func date(_ text: String) -> PartialDate { PartialDate(text)! }

/// The entity ids a view keeps, sorted.
private func ids(_ result: ViewResult) -> [String] {
    result.network.entities.map(\.id).sorted()
}

/// The relations a view keeps as `from type to`, sorted.
private func edges(_ result: ViewResult) -> [String] {
    result.network.relations.map { "\($0.from) \($0.type) \($0.to)" }.sorted()
}

/// a→b→c→d (sponsors), e allied-with a (symmetric), f funds a, b related-to f
/// (symmetric), x isolated.
private let chain = Network(
    entities: [
        Entity(id: "a", kind: .group, name: "Alpha"),
        Entity(id: "b", kind: .group, name: "Bravo"),
        Entity(id: "c", kind: .group, name: "Charlie"),
        Entity(id: "d", kind: .group, name: "Delta"),
        Entity(id: "e", kind: .group, name: "Echo"),
        Entity(id: "f", kind: .agency, name: "Foxtrot"),
        Entity(id: "x", kind: .group, name: "X-ray"),
    ],
    relations: [
        Relation(from: "a", type: "sponsors", to: "b"),
        Relation(from: "b", type: "sponsors", to: "c"),
        Relation(from: "c", type: "sponsors", to: "d"),
        Relation(from: "e", type: "allied-with", to: "a"),
        Relation(from: "f", type: "funds", to: "a"),
        Relation(from: "b", type: "related-to", to: "f"),
    ],
    views: ["a-ties": ViewDefinition(name: "a-ties", focus: ["a"]), "whole": ViewDefinition(name: "whole")])

/// Entities whose dates sit around 2015, each in one relation to `hub` (undated).
private let dated = Network(
    entities: [
        Entity(id: "hub", kind: .state, name: "Hub"),
        Entity(id: "old", kind: .group, name: "Old", since: date("2010"), until: date("2014")),
        Entity(id: "y2015", kind: .group, name: "Year 2015", since: date("2015")),
        Entity(id: "m2015", kind: .group, name: "June 2015", since: date("2015-06")),
        Entity(id: "d2015", kind: .group, name: "10 March 2015", since: date("2015-03-10")),
        Entity(id: "ends2015", kind: .group, name: "Ends 2015", until: date("2015")),
        Entity(id: "lonely", kind: .territory, name: "Lonely"),
    ],
    relations: ["old", "y2015", "m2015", "d2015", "ends2015"].map { Relation(from: $0, type: "operates-in", to: "hub") })

/// Kinds, tags and confidences to filter on.
private let mixed = Network(
    entities: [
        Entity(id: "g1", kind: .group, name: "G1", tags: ["proxy"]),
        Entity(id: "g2", kind: .group, name: "G2"),
        Entity(id: "ag", kind: .agency, name: "Agency", tags: ["state-run"]),
        Entity(id: "st", kind: .state, name: "State"),
        Entity(id: "p", kind: .person, name: "Person", tags: ["proxy"]),
    ],
    relations: [
        Relation(from: "ag", type: "sponsors", to: "g1", confidence: .alleged),
        Relation(from: "ag", type: "sponsors", to: "g2", confidence: .confirmed, tags: ["contested"]),
        Relation(from: "g1", type: "allied-with", to: "g2", confidence: .reported),
        Relation(from: "st", type: "harbors", to: "g1", confidence: .disputed),
        Relation(from: "p", type: "member-of", to: "g1", confidence: .confirmed),
    ])

@Suite("Views")
struct ViewEngineTests {
    // MARK: Focus

    @Test("focus, depth 0: only the focus")
    func depthZero() throws {
        let r = try chain.applying(ViewDefinition(focus: ["a"], depth: 0))
        #expect(ids(r) == ["a"])
        #expect(edges(r) == [])
    }

    @Test("focus, depth 1 (the default), both ways: neighbours, and every relation among them")
    func depthOne() throws {
        let r = try chain.applying(ViewDefinition(focus: ["a"]))
        #expect(ids(r) == ["a", "b", "e", "f"])
        #expect(edges(r) == ["a sponsors b", "b related-to f", "e allied-with a", "f funds a"])
        #expect(try chain.applying(ViewDefinition(focus: ["a"], depth: 1, direction: .both)).network == r.network)
    }

    @Test("focus, depth 2: two steps; the isolated entity is gone")
    func depthTwo() throws {
        let r = try chain.applying(ViewDefinition(focus: ["a"], depth: 2))
        #expect(ids(r) == ["a", "b", "c", "e", "f"])
        #expect(edges(r) == ["a sponsors b", "b related-to f", "b sponsors c", "e allied-with a", "f funds a"])
    }

    @Test("direction out follows relations leaving the focus; symmetric types count both ways")
    func directionOut() throws {
        #expect(ids(try chain.applying(ViewDefinition(focus: ["a"], depth: 1, direction: .out))) == ["a", "b", "e"])
        // b related-to f is symmetric, so f is reached out of b.
        #expect(ids(try chain.applying(ViewDefinition(focus: ["a"], depth: 2, direction: .out))) == ["a", "b", "c", "e", "f"])
        #expect(ids(try chain.applying(ViewDefinition(focus: ["c"], depth: 5, direction: .out))) == ["c", "d"])
    }

    @Test("direction in follows relations arriving at the focus; symmetric types count both ways")
    func directionIn() throws {
        #expect(ids(try chain.applying(ViewDefinition(focus: ["a"], depth: 1, direction: .in))) == ["a", "e", "f"])
        // f ← b through the symmetric related-to.
        let two = try chain.applying(ViewDefinition(focus: ["a"], depth: 2, direction: .in))
        #expect(ids(two) == ["a", "b", "e", "f"])
        #expect(edges(two) == ["a sponsors b", "b related-to f", "e allied-with a", "f funds a"])
        #expect(ids(try chain.applying(ViewDefinition(focus: ["d"], depth: 9, direction: .in))) == ["a", "b", "c", "d", "e", "f"])
    }

    @Test("several focus entities: the union of their neighbourhoods")
    func severalFocus() throws {
        #expect(ids(try chain.applying(ViewDefinition(focus: ["d", "e"], depth: 1))) == ["a", "c", "d", "e"])
    }

    @Test("a focus hidden by another filter is a note, and the result is empty")
    func focusHidden() throws {
        let r = try chain.applying(ViewDefinition(focus: ["f"], kinds: [.group]))
        #expect(ids(r) == [])
        #expect(r.notes == ["focus 'f' is hidden by the view's other filters", "the view leaves nothing to draw"])
    }

    @Test("an isolated focus stays, alone")
    func isolatedFocus() throws {
        let r = try chain.applying(ViewDefinition(focus: ["x"], depth: 3))
        #expect(ids(r) == ["x"])
        #expect(r.notes.isEmpty)
    }

    // MARK: Time

    @Test("as_of honours date precision: since 2015 is alive on 2015-01-01 (the documented benefit of the doubt)")
    func asOfPrecision() throws {
        func alive(_ asOf: String) throws -> [String] {
            ids(try dated.applying(ViewDefinition(asOf: date(asOf)))).filter { $0 != "hub" && $0 != "lonely" }
        }
        #expect(try alive("2015-01-01") == ["ends2015", "y2015"])
        #expect(try alive("2015-03-09") == ["ends2015", "y2015"])
        #expect(try alive("2015-03-10") == ["d2015", "ends2015", "y2015"])
        #expect(try alive("2015-06-01") == ["d2015", "ends2015", "m2015", "y2015"])
        #expect(try alive("2015-05") == ["d2015", "ends2015", "y2015"])
        // until 2014 covers the whole of 2014; until 2015 the whole of 2015.
        #expect(try alive("2014-12-31") == ["ends2015", "old"])
        #expect(try alive("2015-12-31") == ["d2015", "ends2015", "m2015", "y2015"])
        #expect(try alive("2016-01-01") == ["d2015", "m2015", "y2015"])
        // A partial as_of means "at some time in 2015".
        #expect(try alive("2015") == ["d2015", "ends2015", "m2015", "y2015"])
        #expect(try alive("2009") == ["ends2015"])
    }

    @Test("the manual (docs/views.md) documents the 2015-01-01 choice the engine makes")
    func readmeSaysSo() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("docs/views.md"), encoding: .utf8)
        #expect(readme.contains("so an entity with `since: 2015` **is** alive\non 2015-01-01"))
        #expect(readme.contains("a partial `as_of: 2020` means \"at\nsome time in 2020\""))
        #expect(PartialDate("2015")!.firstDay == PartialDate("2015-01-01")!)
    }

    @Test("between keeps what was alive at some time in the window")
    func between() throws {
        func alive(_ from: String, _ to: String) throws -> [String] {
            ids(try dated.applying(ViewDefinition(between: (date(from), date(to))))).filter { $0 != "hub" && $0 != "lonely" }
        }
        #expect(try alive("2014-06", "2015-02") == ["ends2015", "old", "y2015"])
        #expect(try alive("2015-03-10", "2015-05-31") == ["d2015", "ends2015", "y2015"])
        #expect(try alive("2016", "2020") == ["d2015", "m2015", "y2015"])
        #expect(try alive("2011", "2011") == ["ends2015", "old"])
    }

    @Test("as_of and between together: only what was alive in both; disjoint windows show nothing")
    func asOfAndBetween() throws {
        let overlap = try dated.applying(ViewDefinition(asOf: date("2015"), between: (date("2010"), date("2015-02"))))
        #expect(ids(overlap) == ["ends2015", "hub", "lonely", "y2015"])
        let disjoint = try dated.applying(ViewDefinition(asOf: date("2020"), between: (date("2010"), date("2012"))))
        #expect(ids(disjoint) == [])
        #expect(disjoint.notes == ["the view leaves nothing to draw"])
    }

    @Test("relations have dates too; entities that lost all their relations to time are dropped, never-related ones stay")
    func datedRelations() throws {
        let network = Network(
            entities: [Entity(id: "a", kind: .agency, name: "A"), Entity(id: "b", kind: .group, name: "B"),
                       Entity(id: "c", kind: .territory, name: "C")],
            relations: [Relation(from: "a", type: "sponsors", to: "b", since: date("2018"), until: date("2020-06"))])
        #expect(ids(try network.applying(ViewDefinition(asOf: date("2017-12-31")))) == ["c"])
        #expect(edges(try network.applying(ViewDefinition(asOf: date("2018-01-01")))) == ["a sponsors b"])
        #expect(edges(try network.applying(ViewDefinition(asOf: date("2020-06-30")))) == ["a sponsors b"])
        #expect(ids(try network.applying(ViewDefinition(asOf: date("2020-07-01")))) == ["c"])
    }

    // MARK: Kinds, types, tags, confidence

    @Test("kinds and exclude_kinds; hidden entities drop with their relations")
    func kinds() throws {
        let groups = try mixed.applying(ViewDefinition(kinds: [.group]))
        #expect(ids(groups) == ["g1", "g2"])
        #expect(edges(groups) == ["g1 allied-with g2"])
        let noAgency = try mixed.applying(ViewDefinition(excludeKinds: [.agency]))
        #expect(ids(noAgency) == ["g1", "g2", "p", "st"])
        #expect(edges(noAgency) == ["g1 allied-with g2", "p member-of g1", "st harbors g1"])
        #expect(try mixed.applying(ViewDefinition(kinds: [.group, .agency], excludeKinds: [.agency])).network.entities.map(\.id) == ["g1", "g2"])
    }

    @Test("types and exclude_types; entities that lost all their relations to them are dropped")
    func types() throws {
        let sponsors = try mixed.applying(ViewDefinition(types: ["sponsors"]))
        #expect(ids(sponsors) == ["ag", "g1", "g2"])
        #expect(edges(sponsors) == ["ag sponsors g1", "ag sponsors g2"])
        let noSponsors = try mixed.applying(ViewDefinition(excludeTypes: ["sponsors"]))
        #expect(ids(noSponsors) == ["g1", "g2", "p", "st"])
    }

    @Test("tags keep entities carrying one; exclude_tags drops entities and relations carrying one")
    func tags() throws {
        let proxies = try mixed.applying(ViewDefinition(tags: ["proxy"]))
        #expect(ids(proxies) == ["g1", "p"])
        #expect(edges(proxies) == ["p member-of g1"])
        // st lost its only relation (to g1, hidden by the tag): it goes too.
        let noProxies = try mixed.applying(ViewDefinition(excludeTags: ["proxy"]))
        #expect(ids(noProxies) == ["ag", "g2"])
        #expect(edges(noProxies) == ["ag sponsors g2"])
        // A relation's tag: the relation goes, its ends keep their other relations.
        let uncontested = try mixed.applying(ViewDefinition(excludeTags: ["contested"]))
        #expect(!edges(uncontested).contains("ag sponsors g2"))
        #expect(ids(uncontested) == ["ag", "g1", "g2", "p", "st"])
    }

    @Test("min_confidence hides weaker relations: reported hides alleged and disputed")
    func minConfidence() throws {
        let reported = try mixed.applying(ViewDefinition(minConfidence: .reported))
        #expect(edges(reported) == ["ag sponsors g2", "g1 allied-with g2", "p member-of g1"])
        #expect(ids(reported) == ["ag", "g1", "g2", "p"])  // st lost its only (disputed) relation
        let confirmed = try mixed.applying(ViewDefinition(minConfidence: .confirmed))
        #expect(edges(confirmed) == ["ag sponsors g2", "p member-of g1"])
        let all = try mixed.applying(ViewDefinition(minConfidence: .disputed))
        #expect(all.network == mixed)
    }

    @Test("an entity the view strands is dropped, whichever filter took its relations; one that never had any stays")
    func stranded() throws {
        // st and p were related only to g1: hiding groups strands them.
        #expect(ids(try mixed.applying(ViewDefinition(kinds: [.state, .person]))) == [])
        #expect(ids(try mixed.applying(ViewDefinition(excludeKinds: [.group]))) == [])
        // g1 and g2 lost their only relation among groups to min_confidence.
        #expect(ids(try mixed.applying(ViewDefinition(kinds: [.group], minConfidence: .confirmed))) == [])
        var withLoner = mixed
        withLoner.entities.append(Entity(id: "loner", kind: .state, name: "Loner"))
        #expect(ids(try withLoner.applying(ViewDefinition(kinds: [.state, .person]))) == ["loner"])
    }

    @Test("containers of what stays stay, up the within chain")
    func containers() throws {
        let network = Network(
            entities: [
                Entity(id: "country", kind: .state, name: "Country"),
                Entity(id: "province", kind: .territory, name: "Province", within: "country"),
                Entity(id: "agency", kind: .agency, name: "Agency", within: "province"),
                Entity(id: "group", kind: .group, name: "Group"),
            ],
            relations: [
                Relation(from: "agency", type: "sponsors", to: "group", confidence: .confirmed),
                Relation(from: "country", type: "harbors", to: "group", confidence: .alleged),
                Relation(from: "province", type: "related-to", to: "group", confidence: .alleged),
            ])
        let r = try network.applying(ViewDefinition(minConfidence: .confirmed))
        #expect(ids(r) == ["agency", "country", "group", "province"])
        #expect(edges(r) == ["agency sponsors group"])
        let noAgency = try network.applying(ViewDefinition(excludeKinds: [.agency], minConfidence: .confirmed))
        #expect(ids(noAgency) == [])
    }

    @Test("a view that filters nothing returns the network unchanged")
    func emptyView() throws {
        let r = try mixed.applying(ViewDefinition())
        #expect(r.network == mixed)
        #expect(r.summary == "")
        #expect(r.notes.isEmpty)
        #expect(ViewDefinition().isEmpty)
    }

    // MARK: Summary, errors

    @Test("the summary sentence names the focus and lists what was applied")
    func summary() throws {
        let iskp = Network(entities: [Entity(id: "iskp", kind: .group, name: "ISKP"), Entity(id: "isi", kind: .agency, name: "ISI")],
                           relations: [Relation(from: "isi", type: "sponsors", to: "iskp")])
        #expect(try iskp.applying(ViewDefinition(focus: ["iskp"], depth: 2, asOf: date("2021-08-15"))).summary
            == "focus ISKP, depth 2; as of 2021-08-15")
        #expect(iskp.summary(of: ViewDefinition(focus: ["iskp", "isi"], direction: .out)) == "focus ISKP, ISI, depth 1, outgoing relations")
        #expect(iskp.summary(of: ViewDefinition(focus: ["iskp"], direction: .in)) == "focus ISKP, depth 1, incoming relations")
        #expect(iskp.summary(of: ViewDefinition(between: (date("2015"), date("2021-08")))) == "between 2015 and 2021-08")
        #expect(iskp.summary(of: ViewDefinition(kinds: [.group, .agency], excludeKinds: [.person]))
            == "only group, agency entities; no person entities")
        #expect(iskp.summary(of: ViewDefinition(types: ["sponsors"], excludeTypes: ["funds", "trains"]))
            == "only sponsors relations; no funds, trains relations")
        #expect(iskp.summary(of: ViewDefinition(tags: ["a", "b"], excludeTags: ["c"])) == "tagged a or b; not tagged c")
        #expect(iskp.summary(of: ViewDefinition(minConfidence: .reported)) == "only confirmed and reported relations")
        #expect(iskp.summary(of: ViewDefinition(minConfidence: .disputed)) == "")
        #expect(iskp.summary(of: ViewDefinition(cluster: .territories)) == "grouped by territory")
    }

    @Test("an unknown view name is an error with a suggestion and the list of views")
    func unknownView() throws {
        let error = #expect(throws: ViewError.self) { try chain.view(named: "a-tie") }
        #expect(error == .unknownView("a-tie", suggestion: "a-ties", available: ["a-ties", "whole"]))
        #expect(error?.description == "no view named 'a-tie'; did you mean 'a-ties'? (views: a-ties, whole)")
        let none = #expect(throws: ViewError.self) { try mixed.view(named: "x") }
        #expect(none?.description == "no view named 'x' (the file defines no views)")
        #expect(try chain.view(named: "a-ties").focus == ["a"])
    }

    @Test("an unknown focus id is an error, suggesting an id or the entity with that name")
    func unknownFocus() throws {
        let typo = #expect(throws: ViewError.self) { try chain.applying(ViewDefinition(focus: ["a", "bb", "zzzzzz"])) }
        #expect(typo == .unknownFocus(["bb", "zzzzzz"], suggestions: ["bb": "b"]))
        #expect(typo?.description == "focus names unknown entities 'bb' (did you mean 'b'?), 'zzzzzz'")
        let byName = #expect(throws: ViewError.self) { try chain.applying(ViewDefinition(focus: ["X-RAY"])) }
        #expect(byName == .unknownFocus(["X-RAY"], suggestions: ["X-RAY": "x"]))
        #expect(byName?.description == "focus names unknown entity 'X-RAY' (did you mean 'x'?)")
    }

    @Test("a negative depth is an error")
    func badDepth() {
        #expect(throws: ViewError.badDepth(-1)) { try chain.applying(ViewDefinition(focus: ["a"], depth: -1)) }
    }

    @Test("command-line flags override a named view's options, one by one")
    func overriding() {
        let named = ViewDefinition(name: "n", title: "T", focus: ["a"], depth: 2, asOf: date("2020"), kinds: [.group])
        let flags = ViewDefinition(depth: 1, minConfidence: .confirmed)
        let merged = named.overridden(by: flags)
        #expect(merged.name == "n" && merged.title == "T" && merged.focus == ["a"] && merged.kinds == [.group])
        #expect(merged.depth == 1 && merged.asOf == date("2020") && merged.minConfidence == .confirmed)
    }

    @Test("a view that filters nothing keeps exactly what the filtering steps keep")
    func viewThatFiltersNothing() throws {
        let flagship = NetworkLoader().load(path: packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path).network
        var dangling = chain
        dangling.relations.append(Relation(from: "a", type: "sponsors", to: "nowhere"))
        for network in [chain, dated, mixed, flagship, dangling, Network(entities: [], relations: [])] {
            for view in [ViewDefinition(), ViewDefinition(name: "whole", title: "All"), ViewDefinition(cluster: .territories)] {
                #expect(view.filtersNothing)
                let fast = try network.applying(view)
                let steps = network.applyingFilters(view, byID: network.entitiesByID)
                #expect(fast.network == steps.network)
                #expect(fast.notes == steps.notes)
                #expect(fast.summary == steps.summary)
            }
        }
        #expect(try dangling.applying(ViewDefinition()).network.relations.count == chain.relations.count)
        #expect(!ViewDefinition(datedOnly: true).filtersNothing && !ViewDefinition(focus: ["a"]).filtersNothing)
    }

    @Test("views from a file: the flagship's named views apply without notes")
    func flagshipViews() throws {
        let loaded = NetworkLoader().load(path: packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path)
        #expect(!loaded.hasErrors)
        let network = loaded.network
        #expect(!network.views.isEmpty)
        for name in network.views.keys.sorted() {
            let result = try network.applying(try network.view(named: name))
            #expect(result.notes.isEmpty, "\(name): \(result.notes)")
            #expect(!result.network.entities.isEmpty, "\(name)")
        }
    }
}

@Suite("date series: the dates a timeline is drawn on")
struct DateSeriesTests {
    private let network = load("""
        title: Dated
        sources:
          s: {title: A source}
        entities:
          - {id: a, kind: state, name: A, since: 2014}
          - {id: b, kind: group, name: B, since: 2016-03, until: 2017}
        relations:
          - {from: b, type: operates-in, to: a, sources: [s]}
        """).network

    @Test("every year over the network's own dates by default; listed dates as given")
    func defaults() throws {
        #expect(try DateSeries.dates(listed: nil, every: nil, from: nil, to: nil, in: network).map(\.description) == ["2014", "2015", "2016", "2017"])
        let listed = [PartialDate("2020")!, PartialDate("2015-06")!]
        #expect(try DateSeries.dates(listed: listed, every: .month, from: nil, to: nil, in: network) == listed)
        #expect(try DateSeries.dates(listed: nil, every: .month, from: PartialDate("2016-11"), to: PartialDate("2017-02"), in: network)
                    .map(\.description) == ["2016-11", "2016-12", "2017-01", "2017-02"])
    }

    @Test("an undated network without --from/--to, and --from after --to, are problems that say what to do")
    func problems() {
        let undated = load(minimalYAML).network
        #expect(throws: DateSeries.Problem.undatedNetwork) { try DateSeries.dates(listed: nil, every: .year, from: nil, to: nil, in: undated) }
        #expect { try DateSeries.dates(listed: nil, every: .year, from: PartialDate("2020"), to: PartialDate("2019"), in: network) } throws: { error in
            "\(error)" == "--from (2020) is after --to (2019)"
        }
        #expect(DateSeries.dates(every: .month, from: PartialDate("1900")!, to: PartialDate("2100")!).count == DateSeries.maximumCount + 1)
    }
}
