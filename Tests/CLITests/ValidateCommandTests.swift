import Foundation
import Testing

@Suite("relgraph validate")
struct ValidateCommandTests {
    @Test("the flagship is valid: exit 0 and a summary line")
    func flagship() throws {
        let run = try relgraph(["validate", "graphs/iskp-isi-nexus.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("graphs/iskp-isi-nexus.yaml: valid ("))
    }

    @Test("a file with several mistakes lists each at its line and column, and exits 65")
    func severalMistakes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("net.yaml")
        try """
        title: Mistakes
        entities:
          - {id: a, kindd: group, kind: group, name: A}
          - {id: b, kind: gruop, name: B}
        relations:
          - {from: a, type: sponsor, to: b}
        """.write(to: file, atomically: true, encoding: .utf8)
        let run = try relgraph(["validate", file.path])
        #expect(run.status == 65)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("net.yaml:3:13: error: [unknown-key] unknown key 'kindd' in an entity") })
        #expect(lines.contains { $0.hasSuffix("net.yaml:4:19: error: [unknown-kind] unknown entity kind 'gruop'") })
        #expect(lines.contains { $0.hasSuffix("net.yaml:6:21: error: [unknown-relation-type] unknown relation type 'sponsor'") })
        #expect(lines.contains { $0 == "  hint: did you mean 'sponsors'? Use a built-in type (see `relgraph types`) or declare it under `relation_types:`" })
    }

    @Test("a missing file exits 66; bad usage exits 64")
    func exitCodes() throws {
        let missing = try relgraph(["validate", "no/such/file.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stdout.contains("no/such/file.yaml: error: [unreadable] no such file"))
        #expect(try relgraph(["validate"]).status == 64)
        #expect(try relgraph(["validate", "--bogus", "x.yaml"]).status == 64)
    }

    @Test("all files are checked in one run; JSON output for editors")
    func jsonOutput() throws {
        let run = try relgraph(["validate", "--format", "json", "graphs/iskp-isi-nexus.yaml", "-"], stdin: "entities:\n  - {id: a, kind: group}\n")
        #expect(run.status == 65)
        let object = try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        #expect(files?.count == 2)
        #expect(files?.first?["valid"] as? Bool == true)
        let diagnostics = object?["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["code"] as? String == "missing-key")
        #expect(diagnostics?.first?["file"] as? String == "-")
        #expect(diagnostics?.first?["line"] as? Int == 2)
        #expect(diagnostics?.first?["column"] as? Int == 5)
    }

    @Test("--strict turns warnings into a failing exit status")
    func strict() throws {
        let yaml = "entities:\n  - {id: a, kind: group, name: A}\n"
        #expect(try relgraph(["validate", "-"], stdin: yaml).status == 0)
        #expect(try relgraph(["validate", "--strict", "-"], stdin: yaml).status == 65)
    }
}
