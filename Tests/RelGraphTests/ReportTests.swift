import Foundation
import Testing
@testable import RelGraph

/// An allegation with its denial, an ended role, an undated relation, a graded
/// one, two sources, a relation citing a source without a claim, and a hostile
/// source (a `<script>` quote, a `javascript:` link).
private let reportYAML = """
title: Report <test>
description: A network for the report's tests & nothing else.
sources:
  op-ed: {title: An op-ed, author: A. Author, publisher: A paper, date: "2025-10-09", reliability: C, url: "https://example.org/op-ed"}
  hostile: {title: "<script>alert(1)</script>", publisher: "Evil & Co", url: "javascript:alert(1)"}
entities:
  - {id: isi, kind: agency, name: ISI}
  - {id: iskp, kind: group, name: ISKP, since: "2015"}
  - {id: pakistan, kind: state, name: Pakistan}
  - {id: hsk, kind: person, name: Hafiz Saeed Khan}
  - {id: lone, kind: person, name: Lone Wolf}
relations:
  - from: isi
    type: sponsors
    to: iskp
    confidence: alleged
    grade: C3
    claims:
      - {source: op-ed, quote: "ISI backs ISKP", credibility: 3}
      - {source: op-ed, by: pakistan, stance: denies, quote: "Pakistan denies it"}
  - {from: isi, type: trains, to: iskp, confidence: alleged, claims: [{source: hostile, quote: "<script>alert('x')</script>", date: "2024"}]}
  - {from: hsk, type: leads, to: iskp, ended: true, claims: [{source: op-ed, quote: "ISKP's first emir"}]}
  - {from: pakistan, type: controls, to: isi, since: "2000", until: "2020", sources: [op-ed]}
"""

private func network() -> Network {
    let loaded = load(reportYAML)
    #expect(loaded.errors.map(\.formatted) == [])
    return loaded.network
}

private func evidence(_ view: ViewDefinition = ViewDefinition()) throws -> (Network, ReportEvidence) {
    let net = network()
    return (net, ReportEvidence(full: net, shown: [try net.applying(view)]))
}

/// A report of the whole network with a stand-in figure (the SVG is RelGraphviz's job).
private func report() throws -> Report {
    let (net, evidence) = try evidence()
    let figure = ReportFigure(title: "Report <test>", svg: "<svg id=\"rg-x-root\"></svg>",
                              lineIDs: Dictionary(uniqueKeysWithValues: net.relations.map { ($0.key, "rg-x-root") }))
    return Report(title: "Report <test>", description: net.description, figures: [figure], evidence: evidence)
}

@Suite("Report: the evidence behind the diagrams")
struct ReportEvidenceTests {
    @Test("every relation is a row, grouped by pair, numbered R1… in the order of the names shown")
    func rowsByPair() throws {
        let (_, evidence) = try evidence()
        #expect(evidence.rows.count == 4)
        #expect(evidence.rows.map(\.number) == [1, 2, 3, 4])
        #expect(evidence.pairs.map(\.title) == ["Hafiz Saeed Khan — ISKP", "ISI — ISKP", "Pakistan — ISI"])
        #expect(evidence.pairs[1].rows.map { evidence.rows[$0].sentence } == ["ISI sponsors ISKP", "ISI trains ISKP"])
    }

    @Test("nothing firmer than the data: confidence, former and denials stay with the sentence; dates as given")
    func qualifiers() throws {
        let (_, evidence) = try evidence()
        let sponsors = try #require(evidence.row(forKey: "isi sponsors iskp"))
        #expect(sponsors.qualifiers == ["alleged", "denied by Pakistan"])
        #expect(sponsors.grade == "C3: fairly reliable, possibly true")
        #expect(sponsors.dates == "no dates given")
        #expect(sponsors.claims.map(\.attribution) == ["According to A. Author", "Denied by Pakistan"])
        let leads = try #require(evidence.row(forKey: "hsk leads iskp"))
        #expect(leads.qualifiers == ["reported", "former"])
        #expect(leads.dates == "former: ended, date unknown")
        let controls = try #require(evidence.row(forKey: "pakistan controls isi @2000"))
        #expect(controls.dates == "2000–2020 (former)")
        #expect(controls.claims.isEmpty && controls.otherSources == [2])
    }

    @Test("a source count counts different supporting sources; a denial does not count")
    func sourceCounts() throws {
        let (_, evidence) = try evidence()
        #expect(evidence.row(forKey: "isi sponsors iskp")?.sourceCount == 1)
        let refs = ["isi sponsors iskp", "isi trains iskp"].map {
            Diagram.RelationRef(key: $0, from: "isi", to: "iskp", type: "", confidence: .alleged, title: "")
        }
        #expect(evidence.sourceCount(for: refs) == 2)
    }

    @Test("a line links to its row, a merged line to its pair, a folded list to the entity it shares")
    func lineTargets() throws {
        let (_, evidence) = try evidence()
        func ref(_ key: String, _ from: String, _ to: String) -> Diagram.RelationRef {
            Diagram.RelationRef(key: key, from: from, to: to, type: "", confidence: .reported, title: "")
        }
        let sponsors = ref("isi sponsors iskp", "isi", "iskp"), trains = ref("isi trains iskp", "isi", "iskp")
        let leads = ref("hsk leads iskp", "hsk", "iskp")
        #expect(evidence.target(for: [sponsors]) == evidence.row(forKey: "isi sponsors iskp")?.anchor)
        #expect(evidence.target(for: [sponsors, trains]) == evidence.pairs[1].anchor)
        #expect(evidence.target(for: [sponsors, leads]) == evidence.entity("iskp")?.anchor)
        #expect(evidence.target(for: [ref("missing", "a", "b")]) == nil)
    }

    @Test("known_as_of: the evidence keeps only the claims the view rests on")
    func knownAsOf() throws {
        var view = ViewDefinition()
        view.knownAsOf = PartialDate("2024")
        let (_, evidence) = try evidence(view)
        #expect(evidence.rows.map(\.sentence) == ["ISI trains ISKP"])
    }

    @Test("every entity drawn and every source cited is indexed, with the rows that name them")
    func indexes() throws {
        let (_, evidence) = try evidence()
        #expect(evidence.entities.map(\.name) == ["Hafiz Saeed Khan", "ISI", "ISKP", "Lone Wolf", "Pakistan"])
        #expect(evidence.entity("lone")?.rows == [], "an entity drawn alone is in the index too")
        #expect(evidence.entity("iskp")?.rows.count == 3)
        #expect(evidence.sources.map(\.source.id) == ["hostile", "op-ed"])
        #expect(evidence.sources[0].link == nil, "a javascript: link is never written")
        #expect(evidence.sources[1].link == "https://example.org/op-ed")
    }
}

@Suite("Report: HTML and Markdown")
struct ReportDocumentTests {
    @Test("the HTML holds every quote, escaped, and no script or javascript: link")
    func html() throws {
        let text = String(decoding: try report().html(), as: UTF8.self)
        for quote in ["ISI backs ISKP", "Pakistan denies it", "ISKP&#39;s first emir", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"] {
            #expect(text.contains(quote), "\(quote)")
        }
        #expect(!text.contains("<script"))
        #expect(!text.lowercased().contains("javascript:"))
        #expect(text.contains("<title>Report &lt;test&gt;</title>"))
        #expect(text.contains("According to A. Author") && text.contains("Denied by Pakistan"))
        #expect(text.contains("ISI sponsors ISKP <span class=\"qualifiers\">(alleged; denied by Pakistan)</span>"))
        #expect(text.contains("break-inside: avoid") && text.contains("@page { size: A4"))
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" data-theme=\"light\">"),
                "the page is light, so diagrams with the auto theme stay light on it")
    }

    @Test("every link inside the HTML report resolves to an id, and no id repeats")
    func anchors() throws {
        let text = String(decoding: try report().html(), as: UTF8.self)
        let ids = matches(of: ##" id="([^"]+)""##, in: text)
        let refs = Set(matches(of: ##"href="#([^"]+)""##, in: text))
        #expect(ids.count == Set(ids).count)
        #expect(refs.subtracting(ids).isEmpty, "\(refs.subtracting(ids).sorted())")
        #expect(refs.contains("ev-r1") && refs.contains("ev-s1") && refs.contains("rg-x-root"))
    }

    @Test("Markdown escapes what could become markup, and keeps the figure's file beside it")
    func markdown() throws {
        var report = try report()
        report.figures[0].fileName = "net.svg"
        let text = String(decoding: report.markdown(), as: UTF8.self)
        #expect(text.hasPrefix("# Report &lt;test&gt;\n"))
        #expect(text.contains("![Report &lt;test&gt;](net.svg)"))
        #expect(!text.contains("<script"))
        #expect(!text.lowercased().contains("javascript:"))
        #expect(text.contains("[link](<https://example.org/op-ed>)"))
        #expect(MarkdownText.escape("[x](javascript:y) *a* | b\nc") == "\\[x\\](javascript:y) \\*a\\* \\| b c")
        #expect(MarkdownText.escape("- item") == "\\- item")
    }

    @Test("figure id prefixes are unique and never start like the report's own ids")
    func prefixes() {
        #expect(Report.figurePrefixes(base: "rg-net", views: [nil, "a b", "a-b"]) == ["rg-net", "rg-net-a-b", "rg-net-a-b-2"])
        #expect(Report.figurePrefixes(base: "ev", views: [nil]) == ["rg-ev"])
        #expect(Report.figurePrefixes(base: "1x", views: [nil]) == ["rg-1x"])
    }
}

private func matches(of pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
}

/// Issue 28: the evidence is grouped in the order of the names a reader sees, and
/// a relation that cites a source without a claim says so.
@Suite("Report: order of the evidence, and sources cited without a claim")
struct ReportOrderTests {
    static let yaml = """
    title: Mali
    sources:
      s1: {title: A report}
    entities:
      - {id: fama, kind: agency, name: FAMa}
      - {id: goita, kind: person, name: Assimi Goïta}
      - {id: emir, kind: person, name: Émir Test}
      - {id: zed, kind: group, name: zed group}
      - {id: russia, kind: state, name: Russia}
    relations:
      - {from: russia, type: trains, to: fama, sources: [s1]}
      - {from: fama, type: allied-with, to: zed, claims: [{source: s1, quote: "q"}]}
      - {from: goita, type: leads, to: fama, claims: [{source: s1, quote: "q"}]}
      - {from: emir, type: allied-with, to: russia, claims: [{source: s1}]}
    """

    @Test("evidence groups and the entity index sort by the names shown, ignoring case and accents")
    func nameOrder() throws {
        let loaded = load(Self.yaml)
        #expect(loaded.errors.map(\.formatted) == [])
        let evidence = ReportEvidence(full: loaded.network, shown: [try loaded.network.applying(ViewDefinition())])
        #expect(evidence.pairs.map(\.title) == ["Assimi Goïta — FAMa", "Émir Test — Russia", "FAMa — zed group", "Russia — FAMa"])
        #expect(evidence.rows.map(\.number) == [1, 2, 3, 4])
        #expect(evidence.rows.map(\.sentence).first == "Assimi Goïta leads FAMa")
        #expect(evidence.entities.map(\.name) == ["Assimi Goïta", "Émir Test", "FAMa", "Russia", "zed group"])
    }

    @Test("a relation citing a source without a claim says so, in HTML and Markdown; 'No claim recorded' is gone")
    func citedWithoutClaim() throws {
        let loaded = load(Self.yaml)
        let evidence = ReportEvidence(full: loaded.network, shown: [try loaded.network.applying(ViewDefinition())])
        let report = Report(title: "Mali", description: nil, figures: [], evidence: evidence)
        let html = String(decoding: report.html(), as: UTF8.self)
        let markdown = String(decoding: report.markdown(), as: UTF8.self)
        #expect(html.contains("Cited without a claim or quote: <a href=\"#ev-s1\">S1</a>"), "\(html)")
        #expect(markdown.contains("- Cited without a claim or quote: [S1](#ev-s1)"))
        #expect(!html.contains("No claim recorded") && !html.contains("Also cited"))
        #expect(markdown.components(separatedBy: "Cited without a claim").count == 2)
    }
}
