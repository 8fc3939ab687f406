import Foundation
import Testing
import RelGraphTestSupport

let datedNetworkYAML = """
title: Dated
sources:
  s: {title: A source}
entities:
  - {id: hub, kind: state, name: Hub}
  - {id: old, kind: group, name: Old, since: 2014, until: 2016}
  - {id: mid, kind: group, name: Mid, since: 2018-03}
  - {id: new, kind: agency, name: New, since: 2021-08-01}
relations:
  - {from: old, type: operates-in, to: hub, sources: [s]}
  - {from: mid, type: operates-in, to: hub, sources: [s]}
  - {from: new, type: sponsors, to: mid, sources: [s]}
views:
  mid-ties: {focus: [mid]}
  dated: {as_of: 2020}
"""

/// Node.js, when installed (an optional tool).
private let nodePath = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("relgraph timeline")
struct TimelineCommandTests {
    @Test("--dates writes numbered, dated frames and an index.html that references each")
    func explicitDates() throws {
        let (dir, file) = try smallNetwork(datedNetworkYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tl")
        let run = try relgraph(["timeline", file.path, "--dates", "2015,2018-06,2021-08-15", "--out-dir", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [".relgraph-timeline.json", "frame-001-2015.svg", "frame-002-2018-06.svg", "frame-003-2021-08-15.svg", "index.html"])
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        for name in names where name.hasSuffix(".svg") { #expect(html.contains(name)) }
        let first = try String(contentsOf: out.appendingPathComponent("frame-001-2015.svg"), encoding: .utf8)
        let last = try String(contentsOf: out.appendingPathComponent("frame-003-2021-08-15.svg"), encoding: .utf8)
        #expect(first.contains("id=\"rg-net-2015-entity-old\"") && !first.contains("entity-new\""))
        #expect(last.contains("id=\"rg-net-2021-08-15-entity-new\"") && !last.contains("entity-old\""))
        #expect(run.stderr.contains("wrote \(out.path)/index.html and 3 frames (2015 to 2021-08-15)"))
    }

    @Test("--every year runs over the data's dates by default; --from/--to bound it; old frames are removed")
    func everyYear() throws {
        let (dir, file) = try smallNetwork(datedNetworkYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tl")
        let run = try relgraph(["timeline", file.path, "--every", "year", "--out-dir", out.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(names == (2014...2021).enumerated().map { "frame-00\($0.offset + 1)-\($0.element).svg" })
        let bounded = try relgraph(["timeline", file.path, "--every", "month", "--from", "2021-06", "--to", "2021-08", "--out-dir", out.path])
        #expect(bounded.status == 0, "\(bounded.stderr)")
        let after = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(after == ["frame-001-2021-06.svg", "frame-002-2021-07.svg", "frame-003-2021-08.svg"])
        #expect(bounded.stderr.contains("removed \(out.path)/frame-008-2021.svg"))
    }

    @Test("the default directory is INPUT-DIR/STEM-timeline, and views apply to every frame")
    func defaultsAndViews() throws {
        let (dir, file) = try smallNetwork(datedNetworkYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["timeline", file.path, "--view", "mid-ties", "--dates", "2019,2022"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = dir.appendingPathComponent("net-timeline")
        let frame = try String(contentsOf: out.appendingPathComponent("frame-002-2022.svg"), encoding: .utf8)
        #expect(frame.contains(">View: focus Mid, depth 1; as of 2022</text>"))
        #expect(frame.contains("id=\"rg-net-mid-ties-2022-entity-new\""))
    }

    @Test("bad usage exits 64 with a clear message")
    func usage() throws {
        let (dir, file) = try smallNetwork(datedNetworkYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tl").path
        let cases: [([String], String)] = [
            (["--view", "dated", "--dates", "2020"], "view 'dated' sets as_of or between; a timeline sets the date of each frame"),
            (["--as-of", "2020", "--dates", "2020"], "the view sets as_of or between"),
            (["--every", "year", "--dates", "2020"], "use either --every or --dates, not both"),
            (["--dates", "2020-13"], "--dates: '2020-13' is not a valid month: months run from 01 to 12"),
            (["--every", "week"], "week"),
            (["--from", "2022", "--to", "2020"], "--from (2022) is after --to (2020)"),
            (["--view", "nope"], "no view named 'nope'"),
        ]
        for (arguments, message) in cases {
            let run = try relgraph(["timeline", file.path, "--out-dir", out] + arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a network without dates needs --dates or --from/--to")
    func undated() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let undatedYAML = smallNetworkYAML.replacingOccurrences(of: ", since: 2015-01", with: "")
            .replacingOccurrences(of: ", since: 2016", with: "").replacingOccurrences(of: ", since: 2021", with: "")
        try undatedYAML.write(to: file, atomically: true, encoding: .utf8)
        let run = try relgraph(["timeline", file.path, "--out-dir", dir.appendingPathComponent("tl").path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("the network has no dates to take a range from; give --from and --to, or --dates"))
        let bounded = try relgraph(["timeline", file.path, "--from", "2020", "--to", "2021", "--out-dir", dir.appendingPathComponent("tl").path])
        #expect(bounded.status == 0, "\(bounded.stderr)")
    }

    @Test("invalid input exits 65, a missing file 66")
    func inputErrors() throws {
        let (dir, file) = try smallNetwork("entities:\n  - {id: a, kind: gruop, name: A}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try relgraph(["timeline", file.path, "--dates", "2020", "--out-dir", dir.path]).status == 65)
        #expect(try relgraph(["timeline", "no/such.yaml", "--dates", "2020"]).status == 66)
    }

    @Test("the page's script parses (with node)", .enabled(if: nodePath != nil, "needs node (Node.js)"))
    func scriptParses() throws {
        let (dir, file) = try smallNetwork(datedNetworkYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tl")
        #expect(try relgraph(["timeline", file.path, "--dates", "2015,2019", "--out-dir", out.path]).status == 0)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let script = try #require(html.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
        let scriptFile = dir.appendingPathComponent("page.js")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let node = try #require(nodePath)
        let check = try ProcessRunner.run(URL(fileURLWithPath: node), ["--check", scriptFile.path])
        #expect(check.status == 0, "\(check.stderr)")
    }
}

extension TimelineCommandTests {
    @Test("--engine auto draws the timeline (dot for a small union), as render's --engine auto does")
    func engineAuto() throws {
        let (dir, file) = try smallNetwork(datedNetworkYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let auto = dir.appendingPathComponent("auto"), dot = dir.appendingPathComponent("dot")
        let run = try relgraph(["timeline", file.path, "--dates", "2015,2021", "--engine", "auto", "--out-dir", auto.path])
        #expect(run.status == 0, "\(run.stderr)")
        let reference = try relgraph(["timeline", file.path, "--dates", "2015,2021", "--engine", "dot", "--out-dir", dot.path])
        #expect(reference.status == 0, "\(reference.stderr)")
        for name in ["frame-001-2015.svg", "frame-002-2021.svg", "index.html"] {
            #expect(try Data(contentsOf: auto.appendingPathComponent(name)) == Data(contentsOf: dot.appendingPathComponent(name)), "\(name)")
        }
        let bad = try relgraph(["timeline", file.path, "--engine", "osage"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown engine 'osage'; engines: auto, dot, neato, fdp, sfdp, circo, twopi"))
    }
}
