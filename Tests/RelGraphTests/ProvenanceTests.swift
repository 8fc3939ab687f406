import Foundation
import Testing
@testable import RelGraph

/// A network with an allegation and its denial, an ended role, an undated
/// relation claimed in 2022, and a dated one.
private let provenanceYAML = """
title: Provenance
sources:
  op-ed: {title: An op-ed, author: A. Author, publisher: A paper, date: "2025-10-09", reliability: C}
  magazine: {title: A magazine, publisher: Voice, date: "2022"}
entities:
  - {id: isi, kind: agency, name: ISI}
  - {id: iskp, kind: group, name: ISKP, since: "2015"}
  - {id: pakistan, kind: state, name: Pakistan}
  - {id: hsk, kind: person, name: Hafiz Saeed Khan}
  - {id: old-group, kind: group, name: Old Group, ended: true}
relations:
  - from: isi
    type: sponsors
    to: iskp
    confidence: alleged
    claims:
      - {source: op-ed, quote: "ISI backs ISKP", credibility: 3}
      - {source: op-ed, by: pakistan, stance: denies, quote: "Pakistan denies it"}
  - {from: hsk, type: leads, to: iskp, ended: true, claims: [{source: op-ed, quote: "ISKP's first emir"}]}
  - {from: isi, type: trains, to: iskp, claims: [{source: magazine, quote: "trained", date: "2022"}]}
  - {from: pakistan, type: controls, to: isi, since: "2000", claims: [{source: op-ed, quote: "controls"}]}
  - {from: old-group, type: allied-with, to: iskp, since: "2016", claims: [{source: op-ed, quote: "allied"}]}
"""

private func network(_ text: String = provenanceYAML) -> Network {
    let loaded = load(text)
    #expect(loaded.errors.map(\.formatted) == [])
    return loaded.network
}

/// The diagram with one line per relation (these tests read each relation's own wording;
/// merged lines are tested in LegibleDiagramTests).
private func diagram(_ view: ViewDefinition = ViewDefinition()) throws -> Diagram {
    let network = network()
    var options = DiagramOptions()
    options.mergeRelations = false
    return DiagramBuilder(options: options).build(try network.applying(view), full: network)
}

private func edge(_ diagram: Diagram, _ key: String) -> Diagram.Edge? {
    diagram.edges.first { $0.key == key }
}

@Suite("Provenance: stance, ended, undated, known-as-of, reliability")
struct ProvenanceTests {
    // MARK: Stance

    @Test("a denial is a claim on the same relation; the title says who denies it and the tooltip lists the denial")
    func denialWording() throws {
        let sponsors = try #require(edge(try diagram(), "isi sponsors iskp"))
        #expect(sponsors.title == "ISI sponsors ISKP (alleged; denied by Pakistan)")
        #expect(sponsors.tooltip.contains("Denied by Pakistan — A paper, 2025-10-09 (source C: fairly reliable): “Pakistan denies it”"))
        #expect(sponsors.tooltip.contains("According to A. Author — A paper, 2025-10-09 (source C: fairly reliable, information 3: possibly true): “ISI backs ISKP”"))
        #expect(sponsors.classes.contains("denied"))
    }

    @Test("stance is supports or denies, with did-you-mean")
    func badStance() {
        let text = minimalYAML.replacingOccurrences(of: "quote: \"deep ties\"", with: "quote: \"deep ties\", stance: denied")
        let diagnostics = load(text).diagnostics
        #expect(diagnostics.map(\.code) == [.badValue])
        #expect(diagnostics.first?.hint?.contains("did you mean 'denies'?") == true)
        #expect(diagnostics.first?.location?.line == 13)
    }

    @Test("a confirmed relation that a claim denies is a warning at its confidence")
    func confirmedDenied() {
        let text = provenanceYAML.replacingOccurrences(of: "confidence: alleged", with: "confidence: confirmed")
        #expect(codes(text) == ["denied-confirmed@15:17"])
    }

    @Test("stats count denied relations and name who denies them")
    func statsCountDenials() {
        let stats = NetworkStats(network())
        #expect(stats.denied.map(\.text) == ["ISI sponsors ISKP"])
        #expect(stats.denied.first?.deniedBy == ["Pakistan"])
        #expect(stats.text().contains("Denied relations: 1\n  ISI sponsors ISKP (denied by Pakistan)"))
    }

    @Test("diff shows a claim whose stance changed")
    func diffShowsStance() {
        let old = network(provenanceYAML.replacingOccurrences(of: ", stance: denies", with: ""))
        let text = NetworkDiff.compare(old, network()).text()
        #expect(text.contains("stance"))
        #expect(text.contains("denied by pakistan"))
        #expect(text.contains("(by pakistan, denies)"))
    }

    // MARK: Ended

    @Test("ended: true is former in every view, as-of included: class ended, 'former' in title and label")
    func endedIsFormer() throws {
        for view in [ViewDefinition(), ViewDefinition(asOf: PartialDate("2016")!)] {
            let d = try diagram(view)
            let leads = try #require(edge(d, "hsk leads iskp"))
            #expect(leads.classes.contains("ended"))
            #expect(leads.label.hasPrefix("leads (former)"))
            #expect(leads.title.contains("former"))
            #expect(leads.tooltip.contains("ended, date unknown"))
            let group = try #require(d.nodes.first { $0.id == "old-group" })
            #expect(group.classes.contains("ended"))
            #expect(group.title == "Old Group (group, former\(view.asOf == nil ? "" : ", date unknown"))")
        }
    }

    @Test("a relation with until is former only in views that reach past its end")
    func untilIsFormerAfterItsEnd() throws {
        let text = provenanceYAML.replacingOccurrences(of: "since: \"2000\"", with: "since: \"2000\", until: \"2010\"")
        let n = network(text)
        func controls(_ view: ViewDefinition) throws -> Diagram.Edge? {
            DiagramBuilder().build(try n.applying(view), full: n).edges.first { $0.type == "controls" }
        }
        #expect(try controls(ViewDefinition())?.classes.contains("ended") == true)
        #expect(try controls(ViewDefinition(asOf: PartialDate("2005")!))?.classes.contains("ended") == false)
        #expect(try controls(ViewDefinition(between: (PartialDate("2005")!, PartialDate("2015")!)))?.classes.contains("ended") == true)
    }

    @Test("ended: false beside until is an error; ended must be true or false")
    func endedFalseWithUntil() {
        let text = minimalYAML + "\n    until: \"2020\"\n    ended: false"
        #expect(codes(text) == ["bad-value@15:12"])
        #expect(codes(minimalYAML + "\n    ended: yes") == ["bad-value@14:12"])
    }

    // MARK: Undated

    @Test("in a time view an undated relation is marked undated, with 'claimed 2022' in its label")
    func undatedInTimeViews() throws {
        let d = try diagram(ViewDefinition(asOf: PartialDate("2020")!))
        let trains = try #require(edge(d, "isi trains iskp"))
        #expect(trains.classes.contains("undated"))
        #expect(trains.label == "trains, undated, claimed 2022")
        #expect(trains.tooltip.contains("date unknown"))
        #expect(trains.tooltip.contains("(claimed 2022)"))
        #expect(try #require(edge(d, "pakistan controls isi @2000")).classes.contains("undated") == false)
        // Outside time views nothing is marked undated.
        #expect(try #require(edge(try diagram(), "isi trains iskp")).classes.contains("undated") == false)
    }

    @Test("dated_only leaves out undated relations and the undated entities they stranded")
    func datedOnly() throws {
        let result = try network().applying(ViewDefinition(asOf: PartialDate("2020")!, datedOnly: true))
        #expect(result.network.relations.map(\.key) == ["pakistan controls isi @2000", "old-group allied-with iskp @2016"])
        #expect(Set(result.network.entities.map(\.id)) == ["isi", "iskp", "pakistan", "old-group"])
        #expect(result.summary == "as of 2020; dated items only")
    }

    // MARK: Known as of

    @Test("known_as_of keeps the claims made by then (claim date, else source date) and the relations they support")
    func knownAsOf() throws {
        let result = try network().applying(ViewDefinition(knownAsOf: PartialDate("2023")!))
        #expect(result.network.relations.map(\.key) == ["isi trains iskp"])
        let later = try network().applying(ViewDefinition(knownAsOf: PartialDate("2025-10-09")!))
        #expect(later.network.relations.count == 5)
        #expect(later.summary == "as known on 2025-10-09")
    }

    @Test("a denial made by then does not keep a relation no supporting claim has made yet")
    func knownDenialAlone() throws {
        let text = provenanceYAML.replacingOccurrences(of: "quote: \"Pakistan denies it\"", with: "quote: \"Pakistan denies it\", date: \"2020\"")
            .replacingOccurrences(of: "quote: \"ISI backs ISKP\"", with: "quote: \"ISI backs ISKP\", date: \"2024\"")
        let n = network(text)
        let known = try n.applying(ViewDefinition(knownAsOf: PartialDate("2024")!)).network.relations
        let sponsors = try #require(known.first { $0.type == "sponsors" })
        #expect(sponsors.claims.map(\.stance) == [.supports, .denies])
        #expect(try n.applying(ViewDefinition(knownAsOf: PartialDate("2021")!)).network.relations.contains { $0.type == "sponsors" } == false)
    }

    @Test("known_as_of combines with as_of: what was known on K about the situation on V")
    func knownCombinesWithAsOf() throws {
        let result = try network().applying(ViewDefinition(asOf: PartialDate("2020")!, knownAsOf: PartialDate("2023")!))
        #expect(result.network.relations.map(\.key) == ["isi trains iskp"])
        #expect(result.summary == "as of 2020; as known on 2023")
    }

    // MARK: Reliability and credibility

    @Test("reliability is a capital A–F and credibility 1–6, at their positions with a hint")
    func badGrading() {
        let lower = minimalYAML.replacingOccurrences(of: "date: 2025-10-09}", with: "date: 2025-10-09, reliability: b}")
        let diagnostics = load(lower).diagnostics
        #expect(diagnostics.map(\.code) == [.badGrade])
        #expect(diagnostics.first?.hint?.contains("did you mean 'B'?") == true)
        #expect(codes(minimalYAML.replacingOccurrences(of: "quote: \"deep ties\"", with: "quote: \"deep ties\", credibility: 0")) == ["bad-value@13:58"])
    }

    @Test("the YAML and JSON writers keep stance, credibility, ended, reliability and the new view keys")
    func writersKeepFields() throws {
        let original = load(everyFieldYAML).network
        let yaml = try NetworkYAMLWriter().string(for: original)
        #expect(load(yaml).network == original)
        #expect(yaml.contains("stance: denies"))
        #expect(yaml.contains("reliability: B"))
    }

    // MARK: STIX

    @Test("a denial exports as an opinion (disagree) on the relationship and reads back exactly")
    func stixOpinionRoundTrip() throws {
        let original = network()
        let bundle = STIXExporter().bundle(for: original)
        var objects: [JSONValue] = []
        if case .array(let list)? = bundle["objects"] { objects = list }
        #expect(objects.count > 2)
        let opinions = objects.filter { $0["type"] == "opinion" }
        #expect(opinions.count == 1)
        #expect(opinions.first?["opinion"] == "disagree")
        #expect(opinions.first?["explanation"] == "Pakistan denies it")
        let sponsorsID = objects.first { $0["relationship_type"] == "sponsors" }?["id"]
        #expect(opinions.first?["object_refs"] == .array([try #require(sponsorsID)]))
        let back = try STIXImporter().importBundle(bytes: STIXExporter().data(for: original), file: "export.json")
        #expect(back.diagnostics.map(\.formatted) == [])
        #expect(back.network == original)
    }

    @Test("an opinion from elsewhere imports as a claim on its relationship: disagree is a denial")
    func stixForeignOpinion() throws {
        let bundle = """
        {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000001", "objects": [
          {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--00000000-0000-4000-8000-000000000002",
           "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z", "name": "APT X"},
          {"type": "identity", "spec_version": "2.1", "id": "identity--00000000-0000-4000-8000-000000000003",
           "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z", "name": "Agency Y", "identity_class": "organization"},
          {"type": "relationship", "spec_version": "2.1", "id": "relationship--00000000-0000-4000-8000-000000000004",
           "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z", "relationship_type": "targets",
           "source_ref": "intrusion-set--00000000-0000-4000-8000-000000000002", "target_ref": "identity--00000000-0000-4000-8000-000000000003"},
          {"type": "opinion", "spec_version": "2.1", "id": "opinion--00000000-0000-4000-8000-000000000005",
           "created": "2021-05-01T00:00:00.000Z", "modified": "2021-05-01T00:00:00.000Z", "opinion": "strongly-disagree",
           "explanation": "Never happened.", "authors": ["Agency Y"], "created_by_ref": "identity--00000000-0000-4000-8000-000000000003",
           "object_refs": ["relationship--00000000-0000-4000-8000-000000000004"]},
          {"type": "opinion", "spec_version": "2.1", "id": "opinion--00000000-0000-4000-8000-000000000006",
           "created": "2021-05-01T00:00:00.000Z", "modified": "2021-05-01T00:00:00.000Z", "opinion": "neutral",
           "object_refs": ["relationship--00000000-0000-4000-8000-000000000004"]}
        ]}
        """
        let result = try STIXImporter().importBundle(bytes: Array(bundle.utf8), file: "b.json")
        let relation = try #require(result.network.relations.first)
        #expect(relation.claims.count == 1)
        let claim = try #require(relation.claims.first)
        #expect(claim.stance == .denies)
        #expect(claim.quote == "Never happened.")
        #expect(claim.date == PartialDate("2021-05-01"))
        #expect(claim.by == result.network.entities.first { $0.name == "Agency Y" }?.id)
        #expect(result.network.sources[try #require(claim.source)]?.title == "Opinion of Agency Y")
        #expect(result.report.opinions == 1)
        #expect(result.report.skippedByType["opinion"] == 1)
    }
}
