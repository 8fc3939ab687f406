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

    @Test("ended: true is former in the whole network and in every view that reaches its sources' date; the tooltip gives that date")
    func endedIsFormer() throws {
        // "hsk leads iskp" rests on the op-ed of 2025-10-09: ended by then.
        let reaching: [ViewDefinition] = [
            ViewDefinition(), ViewDefinition(asOf: PartialDate("2025-10-09")!), ViewDefinition(asOf: PartialDate("2025-10")!),
            ViewDefinition(asOf: PartialDate("2030")!), ViewDefinition(between: (PartialDate("2016")!, PartialDate("2025")!)),
            ViewDefinition(knownAsOf: PartialDate("2025-10-09")!),
        ]
        for view in reaching {
            let d = try diagram(view)
            let leads = try #require(edge(d, "hsk leads iskp"))
            #expect(leads.classes.contains("ended"))
            #expect(leads.label.hasPrefix("leads (former)"))
            #expect(leads.title == "Hafiz Saeed Khan leads ISKP (reported; former)")
            #expect(leads.tooltip.contains("\nreported · ended by 2025-10-09, date unknown\n"))
            // An entity ended with nothing dated behind it is former in every view.
            let group = try #require(d.nodes.first { $0.id == "old-group" })
            #expect(group.classes.contains("ended"))
            #expect(group.title == "Old Group (group, former\(view.timeWindow == nil ? "" : ", date unknown"))")
        }
    }

    @Test("in a view that ends before its sources' date, an ended relation is 'ended by DATE, date unknown', drawn as possibly current")
    func endedBySourceDate() throws {
        let before: [ViewDefinition] = [
            ViewDefinition(asOf: PartialDate("2016")!), ViewDefinition(asOf: PartialDate("2025-10-08")!),
            ViewDefinition(between: (PartialDate("2016")!, PartialDate("2020")!)),
        ]
        for view in before {
            let leads = try #require(edge(try diagram(view), "hsk leads iskp"))
            #expect(!leads.classes.contains("ended"))
            #expect(leads.title == "Hafiz Saeed Khan leads ISKP (reported; ended by 2025-10-09, date unknown)")
            #expect(leads.label.hasPrefix("leads (ended by 2025-10-09)"))
            #expect(leads.tooltip.contains("\nreported · ended by 2025-10-09, date unknown\n"))
        }
        // In a time view it has no dates of its own, so it is undated as well.
        let asOf2016 = try #require(edge(try diagram(ViewDefinition(asOf: PartialDate("2016")!)), "hsk leads iskp"))
        #expect(asOf2016.label == "leads (ended by 2025-10-09), undated, claimed 2025")
        #expect(asOf2016.classes.contains("undated"))
    }

    @Test("the ending's source date is the latest of its backing claims and sources; a known_as_of view that cuts claims keeps it")
    func endedByIsTheLatestBackingDate() throws {
        // Backed by the magazine (2022) and the op-ed (2025-10-09): only by 2025-10-09
        // had every source said its piece, so as of 2023 it may still hold.
        let text = provenanceYAML.replacingOccurrences(
            of: "{from: hsk, type: leads, to: iskp, ended: true, claims: [{source: op-ed, quote: \"ISKP's first emir\"}]}",
            with: "{from: hsk, type: leads, to: iskp, ended: true, claims: [{source: magazine, quote: \"leads\"}, "
                + "{source: op-ed, quote: \"ISKP's first emir\"}, {source: op-ed, by: pakistan, stance: denies, quote: \"no\", date: \"2030\"}]}")
        let n = network(text)
        let leadsRelation = try #require(n.relations.first { $0.key == "hsk leads iskp" })
        #expect(n.endingSaid(of: leadsRelation) == PartialDate("2025-10-09"))
        func leads(_ view: ViewDefinition) throws -> Diagram.Edge {
            var options = DiagramOptions()
            options.mergeRelations = false
            return try #require(DiagramBuilder(options: options).build(try n.applying(view), full: n).edges.first { $0.key == "hsk leads iskp" })
        }
        #expect(try leads(ViewDefinition(asOf: PartialDate("2023")!)).title == "Hafiz Saeed Khan leads ISKP (reported; ended by 2025-10-09, date unknown; denied by Pakistan)")
        // Known as of 2023, the relation keeps only the magazine's claim; its ending is still dated by the whole record.
        let known = try leads(ViewDefinition(knownAsOf: PartialDate("2023")!))
        #expect(!known.classes.contains("ended"))
        #expect(known.title.contains("ended by 2025-10-09, date unknown"))
        #expect(try leads(ViewDefinition(asOf: PartialDate("2026")!)).classes.contains("ended"))
    }

    @Test("with nothing dated behind it, an ended item stays former in every view: no date says it was not yet over")
    func endedWithoutDatedSourceStaysFormer() throws {
        let text = """
        title: Undated ending
        sources:
          dated: {title: Dated, date: "2020"}
          undated: {title: Undated}
        entities:
          - {id: a, kind: person, name: A}
          - {id: b, kind: group, name: B}
          - {id: c, kind: group, name: C, ended: true, sources: [undated]}
          - {id: d, kind: group, name: D, ended: true, sources: [dated]}
        relations:
          - {from: a, type: leads, to: b, ended: true, claims: [{source: undated, quote: "former leader"}]}
          - {from: a, type: member-of, to: c, ended: true, claims: [{source: dated, quote: "member"}, {source: undated, quote: "former member"}]}
          - {from: a, type: member-of, to: d, ended: true}
        """
        let n = network(text)
        #expect(n.relations.allSatisfy { n.endingSaid(of: $0) == nil })
        #expect(n.endingSaid(of: try #require(n.entities.first { $0.id == "c" })) == nil)
        // Known as of 2021, "a member-of c" keeps only its dated claim; its undated one still leaves its ending undated.
        for view in [ViewDefinition(), ViewDefinition(asOf: PartialDate("2010")!), ViewDefinition(knownAsOf: PartialDate("2021")!)] {
            let d = DiagramBuilder().build(try n.applying(view), full: n)
            #expect(!d.edges.isEmpty)
            for edge in d.edges {
                #expect(edge.classes.contains("ended"), "\(edge.key)")
                #expect(edge.tooltip.contains("ended, date unknown"), "\(edge.key)")
                #expect(!edge.title.contains("ended by"), "\(edge.key)")
            }
            #expect(try #require(d.nodes.first { $0.id == "c" }).classes.contains("ended"))
        }
    }

    @Test("an ended entity is 'ended by' its sources' date in a view before it: title, detail and tooltip")
    func entityEndedBy() throws {
        let text = """
        title: Entity ending
        sources:
          report: {title: A report, date: "2020-06"}
        entities:
          - {id: a, kind: person, name: A}
          - {id: g, kind: group, name: Gone, since: "2010", ended: true, sources: [report]}
        relations:
          - {from: a, type: leads, to: g, since: "2012", sources: [report]}
        """
        let n = network(text)
        func gone(_ view: ViewDefinition) throws -> Diagram.Node {
            try #require(DiagramBuilder().build(try n.applying(view), full: n).nodes.first { $0.id == "g" })
        }
        let before = try gone(ViewDefinition(asOf: PartialDate("2015")!))
        #expect(before.title == "Gone (group, 2010–, ended by 2020-06, date unknown)")
        #expect(before.detail == "2010– (ended by 2020-06)")
        #expect(before.tooltip.contains("\nEnded by 2020-06, date unknown"))
        #expect(!before.classes.contains("ended"))
        let after = try gone(ViewDefinition(asOf: PartialDate("2020-06-30")!))
        #expect(after.title == "Gone (group, 2010–, former)")
        #expect(after.detail == "2010– (ended)")
        #expect(after.classes.contains("ended"))
        #expect(try gone(ViewDefinition()).tooltip.contains("\nEnded by 2020-06, date unknown"))
    }

    @Test("the flagship: 'ISKP controls Nangarhar' is ended by the op-ed's date, possibly current before August 2021, former as of the op-ed")
    func flagshipNangarhar() throws {
        let flagship = NetworkLoader().load(path: packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path).network
        func nangarhar(_ view: String) throws -> Diagram.Edge {
            var options = DiagramOptions()
            options.mergeRelations = false
            let diagram = DiagramBuilder(options: options).build(try flagship.applying(try flagship.view(named: view)), full: flagship)
            return try #require(diagram.edges.first { $0.key == "iskp controls nangarhar" })
        }
        let before = try nangarhar("before-august-2021")
        #expect(before.title == "ISKP controls Nangarhar (reported; ended by 2025-10-09, date unknown)")
        #expect(!before.classes.contains("ended"))
        let after = try nangarhar("after-august-2021")
        #expect(after.title == "ISKP controls Nangarhar (reported; former)")
        #expect(after.classes.contains("ended"))
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
