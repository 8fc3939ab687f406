import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults around `relgraph render`: killed mid-write, a full disk, a read-only
/// folder, Graphviz trouble. The old output must survive every failure.
@Suite("faults (CLI)", .serialized)
struct FaultTests {
    /// A generated network big enough that writing its DOT takes a while.
    func bigInput(in dir: URL, relgraph: String, entities: Int = 3000) throws -> String {
        let input = dir.appendingPathComponent("net.json").path
        let generated = try run(relgraph, ["generate", "--entities", "\(entities)", "--seed", "2", "-o", input, "-q"])
        #expect(generated.status == 0, "\(generated.stderr)")
        return input
    }

    func otherFiles(in dir: URL, keeping: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !keeping.contains($0) }.sorted()
    }

    @Test("SIGKILL at random moments leaves either the old output or the complete new one")
    func killedMidWrite() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try bigInput(in: dir, relgraph: relgraph)
        let expectedPath = dir.appendingPathComponent("expected.dot").path
        let started = Date()
        #expect(try run(relgraph, ["render", input, "--format", "dot", "-o", expectedPath, "-q"]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let expected = try Data(contentsOf: URL(fileURLWithPath: expectedPath))
        let old = Data("digraph old { a -> b }\n".utf8)
        let output = dir.appendingPathComponent("out.dot")
        var outcomes: [String] = []
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<12 {
            try old.write(to: output)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: relgraph)
            process.arguments = ["render", input, "--format", "dot", "-o", output.path, "-q"]
            process.environment = ["SWIFT_BACKTRACE": "enable=no"]
            try process.run()
            // Spread the kills over the whole run, the last ones near its end (the write).
            let fraction = attempt < 6 ? Double.random(in: 0...1, using: &random) : Double.random(in: 0.9...1.6, using: &random)
            usleep(UInt32(duration * fraction * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: output)
            #expect(now == old || now == expected, "attempt \(attempt): \(now.count) bytes, neither old (\(old.count)) nor new (\(expected.count))")
            outcomes.append(now == old ? "old" : "new")
        }
        print("killed relgraph render 12 times over \(String(format: "%.1f", duration)) s runs: outputs \(outcomes.joined(separator: " "))")
    }

    @Test("a full disk (write fails with EFBIG) gives exit 73, a clear error, the old file untouched, no temporary file")
    func fullDisk() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("full")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try bigInput(in: dir, relgraph: relgraph, entities: 500)
        let output = dir.appendingPathComponent("out.dot")
        let old = Data("old\n".utf8)
        try old.write(to: output)
        // RLIMIT_FSIZE of 16 blocks, SIGXFSZ ignored: write() fails with EFBIG as on a full disk.
        let result = try run("/bin/sh", ["-c", "ulimit -f 16 && trap '' XFSZ && exec \"$0\" \"$@\"",
                                         relgraph, "render", input, "--format", "dot", "-o", output.path])
        #expect(result.status == 73, "status \(result.status), signal \(String(describing: result.signal)): \(result.stderr)")
        #expect(result.stderr.contains("cannot write \(output.path)"), "\(result.stderr)")
        #expect(try Data(contentsOf: output) == old)
        #expect(otherFiles(in: dir, keeping: ["net.json", "out.dot"]).isEmpty)
    }

    @Test("a read-only output folder gives exit 73 and a clear error, the old file untouched")
    func readOnlyFolder() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("readonly")
        defer {
            chmod(dir.appendingPathComponent("out").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        chmod(dir.path, 0o755)
        let input = try bigInput(in: dir, relgraph: relgraph, entities: 50)
        chmod(input, 0o644)
        let folder = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("net.dot")
        try Data("old\n".utf8).write(to: output)
        chmod(output.path, 0o644)
        chmod(folder.path, 0o555)
        // Root ignores permission bits: run as nobody then.
        let arguments = ["render", input, "--format", "dot", "-o", output.path]
        let result = getuid() == 0
            ? try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", relgraph] + arguments)
            : try run(relgraph, arguments)
        #expect(result.status == 73, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("permission denied"), "\(result.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
        #expect(otherFiles(in: folder, keeping: ["net.dot"]).isEmpty)
    }

    /// Regression: a 16,000-character relation type label (or title) reached the
    /// legend's HTML table and aborted Graphviz 2.42 (`htmltable.c:1761 pos_html_tbl:
    /// Assertion delx >= 0`). Labels and titles are now cut (DiagramOptions).
    @Test("an edge label or title wider than Graphviz's limits is drawn or reported, never a crash",
          arguments: ["label", "title"])
    func hugeLabel(_ which: String) throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("label")
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "W", count: 20_000)
        let label = which == "label" ? long : "huge"
        let yaml = """
        title: \(which == "title" ? long : "t")
        sources:
          s: {title: S}
        relation_types:
          huge: {label: "\(label)", from: [group], to: [group]}
        entities:
          - {id: a, kind: group, name: A}
          - {id: b, kind: group, name: B}
        relations:
          - {from: a, type: huge, to: b, claims: [{source: s}]}
          - {from: b, type: huge, to: a, claims: [{source: s}]}
        """
        let input = dir.appendingPathComponent("label.yaml")
        try yaml.write(to: input, atomically: true, encoding: .utf8)
        for format in ["svg", "png"] {
            let result = try run(relgraph, ["render", input.path, "--format", format, "-o", dir.appendingPathComponent("out.\(format)").path, "-q"])
            #expect(result.signal == nil, "\(format): killed by signal \(String(describing: result.signal))")
            #expect([0, 70].contains(result.status), "\(format): \(result.status) \(result.stderr)")
        }
    }
}
