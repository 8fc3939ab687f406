import Foundation
import Testing
import RelGraphTestSupport
@testable import RelGraphDrawing
@testable import RelGraphviz

/// What differs between the Graphviz versions relgraph builds against (2.42 to 14),
/// checked on whichever this run has; `make test` runs them on both.
@Suite("Graphviz versions")
struct GraphvizVersionTests {
    @Test("relgraph runs with the Graphviz its headers are from, and says which")
    func runtimeMatchesHeaders() throws {
        let report = try gv.runtimeReport()
        #expect(report.running == graphvizVersion)
        #expect(GraphvizVersions.major(of: report.built) == GraphvizVersions.major(of: report.running))
        #expect(report.pluginAPI == (GraphvizVersions.major(of: report.running)! >= 13 ? 8 : 6))
        #expect(report.lines.first?.hasPrefix("Graphviz \(report.running) (libgvc at run time)") == true)
    }

    @Test("a libgvc of another major version than the headers is refused with what to do")
    func mismatchIsAnError() {
        #expect(GraphvizVersions.mismatch(built: "2.43.0", running: "2.43.0") == nil)
        #expect(GraphvizVersions.mismatch(built: "14.1.4~dev.20260315.2220", running: "14.0.1") == nil)
        let error = GraphvizVersions.mismatch(built: "14.1.4", running: "2.43.0")
        #expect(error == .versionMismatch(built: "14.1.4", running: "2.43.0"))
        #expect(error.map { "\($0)" }?.contains("rebuild relgraph against this Graphviz") == true)
    }

    @Test("the text-measure cache is on with the Graphviz the tests run with (found by its plugin API version)")
    func textCacheOn() throws {
        #expect(try gv.runtimeReport().textMeasureCacheOff == nil)
        #expect(TextMeasureCache.pangoPluginName.contains("gvplugin_pango"))
        #expect(TextMeasureCache.pangoPluginName.contains(String(try gv.runtimeReport().pluginAPI)))
    }

    // MARK: Where each graph ends (DOTSource)

    func ends(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var start = 0
        return DOTSource.graphEnds(in: bytes).map { end in
            defer { start = end }
            return String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test("a graph ends at the } that closes it, whatever braces its strings and comments hold")
    func graphEnds() {
        #expect(ends("digraph A { a } graph C { c -- d }") == ["digraph A { a }", "graph C { c -- d }"])
        #expect(ends("digraph { subgraph s { a } { b } a -> b } digraph { x }") == ["digraph { subgraph s { a } { b } a -> b }", "digraph { x }"])
        #expect(ends(#"digraph { a [label="}\"}"] } digraph { b }"#) == [#"digraph { a [label="}\"}"] }"#, "digraph { b }"])
        #expect(ends("digraph { a [label=<<b>}</b>>] } digraph { b }") == ["digraph { a [label=<<b>}</b>>] }", "digraph { b }"])
        #expect(ends("digraph { /* } */ a // }\n # }\n } digraph { b }") == ["digraph { /* } */ a // }\n # }\n }", "digraph { b }"])
        #expect(ends("digraph { a ") == [])
        #expect(ends("} } digraph { a }") == ["} } digraph { a }"])
    }

    @Test("reading gives out lines, each ending at a graph's end at the latest")
    func sourceReads() {
        let source = DOTSource("digraph A { a } digraph B { b }\nx".utf8)
        var buffer = [CChar](repeating: 0, count: 64)
        var pieces: [String] = []
        while buffer.withUnsafeMutableBufferPointer({ source.read(into: $0.baseAddress!, size: $0.count) }) > 0 {
            pieces.append(String(cString: buffer))
        }
        #expect(pieces == ["digraph A { a }", " digraph B { b }", "\n", "x"])
        let short = DOTSource("digraph { abcdef }".utf8)
        var small = [CChar](repeating: 0, count: 5)
        #expect(small.withUnsafeMutableBufferPointer { short.read(into: $0.baseAddress!, size: $0.count) } == 4)
        #expect(String(cString: small) == "digr")
    }
}
