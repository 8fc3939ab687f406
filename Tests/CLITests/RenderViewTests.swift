import Foundation
import Testing

/// The text of an SVG's `<desc>`.
func svgDesc(_ svg: String) -> String? {
    guard let start = svg.range(of: "<desc"), let open = svg[start.upperBound...].firstIndex(of: ">"),
          let end = svg.range(of: "</desc>", range: open..<svg.endIndex) else { return nil }
    return String(svg[svg.index(after: open)..<end.lowerBound])
}

/// A small network file in a fresh directory.
func smallNetwork(_ yaml: String = smallNetworkYAML, name: String = "net.yaml") throws -> (dir: URL, file: URL) {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent(name)
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    return (dir, file)
}

let smallNetworkYAML = """
title: Small
sources:
  s: {title: A source}
entities:
  - {id: pakistan, kind: state, name: Pakistan}
  - {id: kp, kind: territory, name: Khyber Pakhtunkhwa, within: pakistan}
  - {id: isi, kind: agency, name: ISI, within: pakistan}
  - {id: iskp, kind: group, name: ISKP, since: 2015-01}
  - {id: ttp, kind: group, name: TTP}
relations:
  - {from: isi, type: sponsors, to: iskp, confidence: alleged, since: 2016, sources: [s]}
  - {from: iskp, type: based-in, to: kp, since: 2021, sources: [s]}
  - {from: ttp, type: rival-of, to: iskp, sources: [s]}
views:
  iskp-ties: {title: ISKP's ties, focus: [iskp]}
  early: {title: Early days, as_of: 2015-06}
  places: {title: Places, cluster: territories}
"""

@Suite("relgraph render: views")
struct RenderViewTests {
    @Test("--view NAME renders one named view; the legend and <desc> carry its summary")
    func namedView() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ties.svg")
        let run = try relgraph(["render", file.path, "--view", "iskp-ties", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(svgDesc(svg)?.hasSuffix(" View: focus ISKP, depth 1.") == true, "\(svgDesc(svg) ?? "")")
        #expect(svg.contains(">View: focus ISKP, depth 1</text>"))
        #expect(svg.contains("<title id=\"rg-net-iskp-ties-title\">ISKP&#39;s ties</title>") || svg.contains("ISKP's ties</title>"))
        #expect(svg.contains("id=\"rg-net-iskp-ties-entity-iskp\""))
        #expect(!svg.contains("entity-pakistan\""))  // not within one step of ISKP
    }

    @Test("view flags apply on top of a named view, and the summary says so")
    func flagsOverView() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ties.svg")
        let run = try relgraph(["render", file.path, "--view", "iskp-ties", "--as-of", "2020", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(svg.contains(">View: focus ISKP, depth 1; as of 2020</text>"))
        #expect(!svg.contains("entity-kp\""))  // based in KP only since 2021
        #expect(svg.contains("entity-isi\""))
    }

    @Test("--dated-only leaves out undated relations; without it they are drawn marked undated; --known-as-of cuts claims")
    func datedOnlyAndKnownAsOf() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let marked = dir.appendingPathComponent("marked.svg"), dated = dir.appendingPathComponent("dated.svg")
        let first = try relgraph(["render", file.path, "--as-of", "2020", "-o", marked.path])
        #expect(first.status == 0, "\(first.stderr)")
        let markedSVG = try String(contentsOf: marked, encoding: .utf8)
        #expect(markedSVG.contains("relation type-rival-of family-hostility confidence-reported undated"))
        // On paper too: a hollow circle at its end, named in the legend.
        #expect(markedSVG.contains(">undated</text>"))
        let second = try relgraph(["render", file.path, "--as-of", "2020", "--dated-only", "-o", dated.path])
        #expect(second.status == 0, "\(second.stderr)")
        let datedSVG = try String(contentsOf: dated, encoding: .utf8)
        #expect(!datedSVG.contains("type-rival-of"))
        #expect(datedSVG.contains(">View: as of 2020; dated items only</text>"))
        // The sources carry no dates: nothing is known to have been claimed by 2020.
        let known = try relgraph(["render", file.path, "--known-as-of", "2020", "-o", dir.appendingPathComponent("k.svg").path])
        #expect(known.status == 0)
        let knownSVG = try String(contentsOf: dir.appendingPathComponent("k.svg"), encoding: .utf8)
        #expect(!knownSVG.contains("class=\"edge"))
        #expect(knownSVG.contains(">View: as known on 2020</text>"))
        let bad = try relgraph(["render", file.path, "--known-as-of", "2020-13", "-o", dir.appendingPathComponent("x.svg").path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--known-as-of"))
    }

    @Test("--all-views --out-dir DIR writes DIR/STEM.NAME.svg for each view, as a batch render names them")
    func allViews() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outDir = dir.appendingPathComponent("views")
        let run = try relgraph(["render", file.path, "--all-views", "--out-dir", outDir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: outDir.path).sorted()
        #expect(names == ["net.early.svg", "net.iskp-ties.svg", "net.places.svg"])
        let early = try String(contentsOf: outDir.appendingPathComponent("net.early.svg"), encoding: .utf8)
        #expect(svgDesc(early)?.hasSuffix(" View: as of 2015-06.") == true)
        #expect(early.contains("id=\"rg-net-early-title\""))
        let places = try String(contentsOf: outDir.appendingPathComponent("net.places.svg"), encoding: .utf8)
        #expect(places.contains("id=\"rg-net-places-cluster-pakistan\""))
        #expect(places.contains("id=\"rg-net-places-cluster-kp\""))
        #expect(run.stderr.contains("wrote \(outDir.path)/net.iskp-ties.svg"))
    }

    @Test("the flagship's views all render with --all-views")
    func flagshipAllViews() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--all-views", "--out-dir", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["after-august-2021", "before-august-2021", "iskp-ties", "territorial-footprint"].map { "iskp-isi-nexus.\($0).svg" })
        #expect(!run.stderr.contains("warning"))
    }

    @Test("an unknown view name exits 64 with the closest name and writes nothing")
    func unknownView() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.svg")
        let run = try relgraph(["render", file.path, "--view", "iskp-tie", "-o", out.path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no view named 'iskp-tie'; did you mean 'iskp-ties'? (views: early, iskp-ties, places)"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("an unknown focus id exits 64 with a suggestion")
    func unknownFocus() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", file.path, "--focus", "iskpp", "-o", dir.appendingPathComponent("x.svg").path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("focus names unknown entity 'iskpp' (did you mean 'iskp'?)"))
    }

    @Test("--all-views on a file without views is bad usage")
    func noViews() throws {
        let (dir, file) = try smallNetwork(smallNetworkYAML.components(separatedBy: "views:")[0])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["render", file.path, "--all-views", "--out-dir", dir.path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("defines no views"))
    }

    @Test("a view that leaves nothing to draw is a warning; the (empty) diagram is still written")
    func emptyResult() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("empty.svg")
        let run = try relgraph(["render", file.path, "--kinds", "event", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("relgraph: warning: the view leaves nothing to draw"))
        #expect(FileManager.default.fileExists(atPath: out.path))
    }

    @Test("--cluster territories warns with an engine that ignores clusters, not with dot or fdp")
    func clusterEngines() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        for engine in ["neato", "circo", "twopi", "sfdp"] {
            let run = try relgraph(["render", file.path, "--cluster", "territories", "--engine", engine, "-o", dir.appendingPathComponent("\(engine).svg").path])
            #expect(run.status == 0)
            #expect(run.stderr.contains("relgraph: warning: territory clusters are drawn only by the dot and fdp engines; \(engine) ignores them"))
        }
        for engine in ["dot", "fdp"] {
            let run = try relgraph(["render", file.path, "--cluster", "territories", "--engine", engine, "-o", dir.appendingPathComponent("\(engine).svg").path])
            #expect(run.status == 0)
            #expect(!run.stderr.contains("warning"), "\(run.stderr)")
            let svg = try String(contentsOf: dir.appendingPathComponent("\(engine).svg"), encoding: .utf8)
            #expect(svg.contains("id=\"rg-net-cluster-pakistan\""))
        }
        // From a named view too.
        let run = try relgraph(["render", file.path, "--view", "places", "--engine", "neato", "-o", dir.appendingPathComponent("v.svg").path])
        #expect(run.stderr.contains("relgraph: warning: view 'places': territory clusters are drawn only by the dot and fdp engines; neato ignores them"))
    }
}
