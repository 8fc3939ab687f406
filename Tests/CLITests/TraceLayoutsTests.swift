import Foundation
import Testing
import RelGraphTestSupport

/// `render --trace-layouts FILE` (hidden; for `make bench`): every graph the
/// render laid out, as DOT Graphviz's CLI reads and lays out with the same engines.
@Suite("relgraph render --trace-layouts")
struct TraceLayoutsTests {

    /// The engines of the traced graphs, in order (`\tgraph [layout=ENGINE];`, first line after each `digraph … {`).
    static func engines(_ trace: String) -> [String] {
        let lines = trace.split(separator: "\n", omittingEmptySubsequences: false)
        var engines: [String] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("digraph ") || line.hasPrefix("strict digraph ") {
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            engines.append(next.hasPrefix("\tgraph [layout=") ? String(next.dropFirst(15).dropLast(2)) : "?")
        }
        return engines
    }

    @Test("the page fit's layouts are written with their engines, and the SVG is the one drawn without tracing")
    func pageFit() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("layouts.dot")
        let svg = dir.appendingPathComponent("traced.svg")
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", svg.path, "--trace-layouts", trace.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let engines = Self.engines(try String(contentsOf: trace, encoding: .utf8))
        // Candidates' parts laid out with dot, the packed candidates and the chosen one drawn with nop2.
        #expect(engines.count > 8)
        // dot, and neato (an alternative tried when dot misses the goals), each drawn with nop2.
        #expect(Set(engines).isSubset(of: ["dot", "neato", "nop2"]) && Set(engines).isSuperset(of: ["dot", "nop2"]))
        let plain = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", "-", "-q"])
        #expect(try Data(contentsOf: svg) == plain.stdoutData)
    }

    @Test("without a page fit there is one layout")
    func oneLayout() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("layouts.dot")
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--page", "none", "-o", dir.appendingPathComponent("x.svg").path,
                                "--trace-layouts", trace.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.engines(try String(contentsOf: trace, encoding: .utf8)) == ["dot"])
    }

    @Test("Graphviz's CLI lays out and draws every traced graph",
          .enabled(if: TestGraphviz.cliMatchesRelgraph, TestGraphviz.cliMismatch(TestGraphviz.relgraphVersion)))
    func cliReadsIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("layouts.dot")
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", dir.appendingPathComponent("x.svg").path,
                              "--trace-layouts", trace.path, "-q"]).status == 0)
        let count = Self.engines(try String(contentsOf: trace, encoding: .utf8)).count
        let cli = try run(try #require(TestPaths.dotCLI).path, ["-Tsvg", trace.path])
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(cli.stdout.components(separatedBy: "</svg>").count - 1 == count)
    }

    @Test("is refused with a directory, --check, or standard output twice")
    func refused() throws {
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--check", "--trace-layouts", "/tmp/x.dot"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--trace-layouts traces one render of one file"))
        let directory = try relgraph(["render", "graphs", "--out-dir", "/tmp/relgraph-never-written", "--trace-layouts", "/tmp/x.dot"])
        #expect(directory.status == 64)
        #expect(directory.stderr.contains("--trace-layouts traces one render of one file"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/relgraph-never-written"))
        let both = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", "-", "--trace-layouts", "-"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("would both write to standard output"))
    }
}
