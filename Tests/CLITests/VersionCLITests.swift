import Foundation
import Testing
import RelGraphTestSupport

/// `relgraph --version --verbose`: the Graphviz relgraph runs with, and whether the
/// text-measure cache is on (`RELGRAPH_TEXT_CACHE=off` turns it off).
@Suite("relgraph --version --verbose")
struct VersionCLITests {
    @Test("names the Graphviz at run time and the headers it was built against, and the cache")
    func verbose() throws {
        let run = try relgraph(["--version", "--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("relgraph ") == true)
        #expect(lines.contains { $0.hasPrefix("Graphviz ") && $0.contains("(libgvc at run time), built against ") && $0.contains("plugin API ") })
        #expect(lines.contains("text-measure cache: on"))
        #expect(try relgraph(["--version"]).stdout.split(separator: "\n").count == 1, "plain --version is one line")
    }

    @Test("RELGRAPH_TEXT_CACHE=off turns the cache off, says so, and changes no byte of a render")
    func cacheOff() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["RELGRAPH_TEXT_CACHE"] = "off"
        let run = try relgraph(["--version", "--verbose"], environment: environment)
        #expect(run.stdout.contains("text-measure cache: off (turned off by RELGRAPH_TEXT_CACHE=off)"), "\(run.stdout)")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("trace.dot")
        let off = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", "-", "-q", "--trace-layouts", trace.path], environment: environment)
        #expect(try String(contentsOf: trace, encoding: .utf8).hasPrefix(
            "// relgraph page-fit trace: Graphviz \(TestGraphviz.relgraphVersion ?? "?"); text-measure cache off (turned off by RELGRAPH_TEXT_CACHE=off)\n"))
        let on = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", "-", "-q", "--trace-layouts", trace.path])
        #expect(try String(contentsOf: trace, encoding: .utf8).hasPrefix("// relgraph page-fit trace: Graphviz "))
        #expect(try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").first?.hasSuffix("text-measure cache on") == true)
        #expect(off.status == 0 && on.status == 0)
        #expect(off.stdoutData == on.stdoutData)
    }
}
