import Foundation
import Testing

/// `relgraph diff` and the git integration, run as a user would: the built
/// binary in temporary directories and repositories.
@Suite("relgraph diff command", .serialized) struct DiffCommandTests {
    private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// (section, key, status) of every item of a JSON report.
    private func items(_ report: [String: Any]) -> [String] {
        ((report["sections"] as? [[String: Any]]) ?? []).flatMap { section in
            ((section["items"] as? [[String: Any]]) ?? []).map {
                "\(section["name"]!): \($0["status"]!) \($0["key"]!)"
            }
        }
    }

    // MARK: Exit status like diff(1)

    @Test("0 and nothing printed for no differences; 1 and a report for differences")
    func exitStatus() throws {
        let dir = try CLI.temporaryDirectory("diff-exit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
        let old = try write(yaml, "old.yaml", in: dir)
        let new = try write(editFlagship(yaml), "new.yaml", in: dir)

        let same = try CLI.relgraph(["diff", old, old])
        #expect(same.status == 0)
        #expect(same.stdout.isEmpty && same.stderr.isEmpty)

        let copy = try CLI.relgraph(["diff", old, try write(yaml, "copy.yaml", in: dir)])
        #expect(copy.status == 0 && copy.stdout.isEmpty)

        let different = try CLI.relgraph(["diff", old, new])
        #expect(different.status == 1)
        #expect(different.out.hasPrefix("--- \(old) (model)\n+++ \(new) (model)\n3 differences:"))
        #expect(different.stderr.isEmpty)
    }

    @Test("2 with a clear message: missing file, invalid network, bad DOT, usage")
    func trouble() throws {
        let dir = try CLI.temporaryDirectory("diff-trouble")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try write("entities:\n  - {id: a, kind: group, name: A}\n", "good.yaml", in: dir)
        let missing = try CLI.relgraph(["diff", good, dir.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml: no such file"))
        #expect(missing.stdout.isEmpty)

        let invalid = try write("entities:\n  - {id: a, kind: gruop, name: A}\n", "invalid.yaml", in: dir)
        let bad = try CLI.relgraph(["diff", good, invalid])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("invalid.yaml:2:"))
        #expect(bad.stderr.contains("error: [unknown-kind]"))
        #expect(bad.stderr.contains("invalid.yaml is not a valid network (1 error)"))

        let badDOT = try write("digraph { a -> }\n", "broken.gv", in: dir)
        let dot = try CLI.relgraph(["diff", badDOT, good])
        #expect(dot.status == 2)
        #expect(dot.stderr.contains("broken.gv: cannot be read as DOT: DOT syntax error: syntax error in line 1"))

        let two = try write("digraph a { x } digraph b { y }\n", "two.dot", in: dir)
        #expect(try CLI.relgraph(["diff", two, good]).stderr.contains("two.dot: cannot be read as DOT: the DOT text holds 2 graphs"))

        let usage = try CLI.relgraph(["diff", good, good, "--context", "1"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--context shapes the diagram"))
    }

    @Test("-o writes the report atomically, even without differences; --format from the extension")
    func outputFile() throws {
        let dir = try CLI.temporaryDirectory("diff-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
        let old = try write(yaml, "old.yaml", in: dir), new = try write(editFlagship(yaml), "new.yaml", in: dir)
        let out = dir.appendingPathComponent("report.json").path
        let result = try CLI.relgraph(["diff", old, new, "-o", out])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(try json(Data(contentsOf: URL(fileURLWithPath: out)))["differences"] as? Int == 3)

        // Issue 28: with -o, standard error says what was written (exit 1 alone read as a failure).
        #expect(result.stderr == "wrote \(out) (3 differences)\n", "\(result.stderr)")

        let none = try CLI.relgraph(["diff", old, old, "-o", out])
        #expect(none.status == 0)
        #expect(none.stderr == "wrote \(out) (no differences)\n")
        #expect(try json(Data(contentsOf: URL(fileURLWithPath: out)))["differences"] as? Int == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a network against DOT, and DOT against shuffled DOT, compare as graphs")
    func dotSides() throws {
        let dir = try CLI.temporaryDirectory("diff-dot")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = dir.appendingPathComponent("flagship.dot").path
        #expect(try CLI.relgraph(["render", CLI.flagship.path, "--format", "dot", "-o", dot]).status == 0)
        #expect(try CLI.relgraph(["diff", dot, CLI.flagship.path]).status == 0)

        let bare = dir.appendingPathComponent("bare.gv").path
        #expect(try CLI.relgraph(["render", CLI.flagship.path, "--no-legend", "-o", bare, "--format", "dot"]).status == 0)
        #expect(try CLI.relgraph(["diff", bare, CLI.flagship.path, "--no-legend"]).status == 0)
        let withLegend = try CLI.relgraph(["diff", bare, CLI.flagship.path])
        #expect(withLegend.status == 1)
        #expect(withLegend.out.contains("Graph: 1 changed"))

        // DOT relgraph did not write: Graphviz's clust4.gv (the clusters example of its
        // dot guide) against a reordered, reformatted copy (attribute statements stay
        // before the statements they apply to).
        let original = try write("""
            digraph G {

                subgraph cluster_0 {
                    style=filled;
                    color=lightgrey;
                    node [style=filled,color=white];
                    a0 -> a1 -> a2 -> a3;
                    label = "process #1";
                }

                subgraph cluster_1 {
                    node [style=filled];
                    b0 -> b1 -> b2 -> b3;
                    label = "process #2";
                    color=blue
                }
                start -> a0;
                start -> b0;
                a1 -> b3;
                b2 -> a3;
                a3 -> a0;
                a3 -> end;
                b3 -> end;

                start [shape=Mdiamond];
                end [shape=Msquare];
            }
            """, "clust4.gv", in: dir)
        let copy = try write("""
            digraph G {
              subgraph cluster_1 { color=blue; label="process #2"; node [style=filled]; b0 -> b1 -> b2 -> b3 }
              subgraph cluster_0 { node [color=white, style=filled]; a0 -> a1 -> a2 -> a3; label="process #1"; color=lightgrey; style=filled }
              end [shape=Msquare]; b3 -> end; a3 -> a0; start -> b0; a1 -> b3; start [shape=Mdiamond]; a3 -> end; b2 -> a3
              start -> a0
            }
            """, "clust4-reordered.txt", in: dir)
        let reordered = try CLI.relgraph(["diff", original, copy])
        #expect(reordered.status == 0, "\(reordered.out)")
        #expect(reordered.stdout.isEmpty)
        let moved = try write(try String(contentsOfFile: copy, encoding: .utf8).replacingOccurrences(of: "b3 -> end; ", with: ""), "less.gv", in: dir)
        let one = try CLI.relgraph(["diff", original, moved])
        #expect(one.status == 1)
        #expect(one.out.contains("1 difference: edges 1 removed\n\nEdges: 1 removed\n  - b3 -> end\n"))
    }

    @Test("the README's set -e example: diff -o says what it wrote, and exit 1 is accepted")
    func setEScript() throws {
        let dir = try CLI.temporaryDirectory("diff-set-e")
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
        _ = try write(yaml, "old.yaml", in: dir)
        _ = try write(editFlagship(yaml), "new.yaml", in: dir)
        let script = "set -e; \"$0\" diff old.yaml new.yaml -o changes.svg || [ $? -eq 1 ]; echo done"
        let result = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, try CLI.relgraph().path], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.out == "done\n")
        #expect(result.stderr.contains("wrote changes.svg (3 differences)"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("changes.svg").path))
    }

    // MARK: git

    @Test("git:REV:PATH outside a repository and with a bad revision: status 2 and what to do")
    func gitErrors() throws {
        let dir = try CLI.temporaryDirectory("diff-nogit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = try CLI.relgraph(["diff", "git:HEAD:graphs/x.yaml", CLI.flagship.path], in: dir)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not a git repository"))
        #expect(outside.stderr.contains("hint: run relgraph diff inside the git repository"))

        try CLI.git(["init", "-q"], in: dir)
        try CLI.git(["config", "user.name", "Test"], in: dir)
        try CLI.git(["config", "user.email", "test@example.org"], in: dir)
        _ = try write("entities:\n  - {id: a, kind: group, name: A}\n", "x.yaml", in: dir)
        try CLI.git(["add", "x.yaml"], in: dir)
        try CLI.git(["commit", "-q", "-m", "x"], in: dir)
        let badRevision = try CLI.relgraph(["diff", "git:no-such-branch:x.yaml", "x.yaml"], in: dir)
        #expect(badRevision.status == 2)
        #expect(badRevision.stderr.contains("git:no-such-branch:x.yaml: git show no-such-branch:x.yaml failed: fatal: invalid object name"))
        let badPath = try CLI.relgraph(["diff", "git:HEAD:y.yaml", "x.yaml"], in: dir)
        #expect(badPath.status == 2)
        #expect(badPath.stderr.contains("does not exist in 'HEAD'"))
        #expect(try CLI.relgraph(["diff", "git:HEAD:x.yaml", "x.yaml"], in: dir).status == 0)
    }

    /// The issue's "done when": a new user edits the flagship (adds an entity,
    /// changes a confidence, removes a relation), and `git diff` plus
    /// `relgraph diff` show exactly those three changes, in text and as a picture.
    @Test("git diff with the textconv and relgraph diff git:HEAD:… show exactly the three edits")
    func gitIntegration() throws {
        let repo = try CLI.temporaryDirectory("diff-git")
        defer { try? FileManager.default.removeItem(at: repo) }
        let relgraph = try CLI.relgraph().path
        try CLI.git(["init", "-q"], in: repo)
        try CLI.git(["config", "user.name", "Test"], in: repo)
        try CLI.git(["config", "user.email", "test@example.org"], in: repo)
        // The documented setup: the repository's .gitattributes line and the textconv command.
        let attributes = try String(contentsOf: CLI.packageRoot.appendingPathComponent(".gitattributes"), encoding: .utf8)
        #expect(attributes.contains("graphs/*.yaml diff=relgraph"))
        _ = try write(attributes, ".gitattributes", in: repo)
        try CLI.git(["config", "diff.relgraph.textconv", "\(relgraph) render --format dot --no-legend -o -"], in: repo)
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
        _ = try write(yaml, "graphs/iskp-isi-nexus.yaml", in: repo)
        try CLI.git(["add", "."], in: repo)
        try CLI.git(["commit", "-q", "-m", "flagship"], in: repo)

        let edited = editFlagship(yaml)
        #expect(edited != yaml)
        _ = try write(edited, "graphs/iskp-isi-nexus.yaml", in: repo)

        // git diff shows the canonical DOT diff: exactly the three statements.
        let diff = try CLI.git(["diff"], in: repo).out
        let changed = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { ($0.hasPrefix("+") && !$0.hasPrefix("+++")) || ($0.hasPrefix("-") && !$0.hasPrefix("---")) }
        let added = changed.filter { $0.hasPrefix("+") }, removed = changed.filter { $0.hasPrefix("-") }
        #expect(added.count == 2 && removed.count == 2, "\(diff)")
        #expect(added.contains { $0.hasPrefix("+\t\t\"zabihullah-mujahid\"\t[") })
        #expect(added.contains { $0.hasPrefix("+\tisi -> iskp\t[key=\"isi trains iskp\"") && $0.contains("confidence-reported") })
        #expect(removed.contains { $0.hasPrefix("-\tisi -> iskp\t[key=\"isi funds iskp\"") })
        #expect(removed.contains { $0.hasPrefix("-\tisi -> iskp\t[key=\"isi trains iskp\"") && $0.contains("confidence-disputed") })
        #expect(diff.contains("digraph relgraph {"))  // hunk headers name the graph: textconv was used

        // relgraph diff: exactly those three changes.
        let path = "graphs/iskp-isi-nexus.yaml"
        let report = try CLI.relgraph(["diff", "git:HEAD:\(path)", path, "--format", "json"], in: repo)
        #expect(report.status == 1)
        let object = try json(report.stdout)
        #expect(object["differences"] as? Int == 3)
        #expect(items(object) == [
            "entities: added zabihullah-mujahid",
            "relations: removed isi funds iskp",
            "relations: changed isi trains iskp",
        ])
        let text = try CLI.relgraph(["diff", "git:HEAD:\(path)", path], in: repo).out
        #expect(text.contains("~ isi trains iskp  ISI trains ISKP (reported)\n      confidence: disputed -> reported\n"))

        // As a picture.
        let svg = try CLI.relgraph(["diff", "git:HEAD:\(path)", path, "--format", "svg", "--context", "1"], in: repo)
        #expect(svg.status == 1)
        // In the old version's layout, with render's ids; the changed line says what changed.
        for words in ["Differences from git:HEAD:\(path) to \(path)", "added (thick)", "changed (double, says what)",
                      "id=\"rg-diff-entity-zabihullah-mujahid\"", "disputed → reported", "− funds"] {
            #expect(svg.out.contains(words), "\(words)")
        }

        // After committing, HEAD~1 against HEAD says the same.
        try CLI.git(["commit", "-q", "-a", "-m", "edit"], in: repo)
        let history = try CLI.relgraph(["diff", "git:HEAD~1:\(path)", "git:HEAD:\(path)", "--format", "json"], in: repo)
        #expect(items(try json(history.stdout)).count == 3)
    }

    @Test("render for textconv: the file as the last argument, only DOT on standard output")
    func renderForTextconv() throws {
        let dir = try CLI.temporaryDirectory("textconv")
        defer { try? FileManager.default.removeItem(at: dir) }
        // An isolated entity gives a warning: it must go to standard error, not into the DOT.
        let file = try write("entities:\n  - {id: a, kind: group, name: A}\n  - {id: b, kind: group, name: B}\n", "abc_x.yaml", in: dir)
        let result = try CLI.relgraph(["render", "--format", "dot", "--no-legend", "-o", "-", file])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("digraph relgraph {\n") && result.out.hasSuffix("}\n"))
        #expect(result.stderr.contains("warning"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("abc_x.dot").path))
    }
}
