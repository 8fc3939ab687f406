import Foundation
import Testing

@Suite("Interop commands")
struct InteropCLITests {
    static let flagship = "graphs/iskp-isi-nexus.yaml"
    static let ics = CLI.sharedData.appendingPathComponent("stix/mitre-ics-attack/ics-attack.json").path

    @Test("import stix writes a valid network and says what it skipped (with the shared MITRE ICS bundle)",
          .enabled(if: FileManager.default.fileExists(atPath: InteropCLITests.ics), "needs ../shared/data/stix/mitre-ics-attack"))
    func importSTIX() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ics.yaml").path
        let result = try relgraph(["import", "stix", Self.ics, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("imported 45 entities (14 group, 7 event, 1 organization, 23 software), 26 relations"))
        #expect(result.stderr.contains("skipped 397 objects of types relgraph does not import: 95 attack-pattern, 83 x-mitre-detection-strategy"))
        #expect((try relgraph(["validate", "-q", out])).status == 0)
        let stdout = try relgraph(["import", "stix", "-q", Self.ics, "-o", "-"])
        #expect(stdout.stdout == (try String(contentsOfFile: out, encoding: .utf8)))
        #expect(stdout.stderr == "")
    }

    @Test("import stix: bad JSON exits 65 with the position, a missing file 66, a bad option 64")
    func importErrors() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"type\": \"bundle\",\n  \"objects\": [}".utf8).write(to: bad)
        let out = dir.appendingPathComponent("out.yaml").path
        let result = try relgraph(["import", "stix", bad.path, "-o", out])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(bad.path):2:15: error: [syntax]"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect((try relgraph(["import", "stix", "-", "-o", out], stdin: "[1]")).status == 65)
        #expect((try relgraph(["import", "stix", dir.appendingPathComponent("none.json").path, "-o", out])).status == 66)
        #expect((try relgraph(["import", "stix", bad.path, "-o", out, "--software-as", "person"])).status == 64)
    }

    @Test("export stix is byte-identical twice and re-imports; invalid input exits 65; unwritable output 73")
    func exportSTIX() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try relgraph(["export", "stix", Self.flagship, "-o", "-"])
        let second = try relgraph(["export", "stix", Self.flagship, "-o", "-"])
        #expect(first.status == 0 && !first.stdout.isEmpty && first.stdout == second.stdout)
        let back = try relgraph(["import", "stix", "-", "-o", "-", "-q"], stdin: first.stdout)
        #expect(back.status == 0)
        let invalid = dir.appendingPathComponent("invalid.yaml")
        try Data("entities:\n  - {id: a, kind: gruop, name: A}\n".utf8).write(to: invalid)
        let failed = try relgraph(["export", "stix", invalid.path, "-o", dir.appendingPathComponent("x.json").path])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("[unknown-kind]"))
        let blocked = dir.appendingPathComponent("file")
        try Data().write(to: blocked)
        #expect((try relgraph(["export", "stix", Self.flagship, "-o", blocked.appendingPathComponent("x.json").path])).status == 73)
    }

    @Test("import csv reports every bad row, exits 65 and leaves the output untouched")
    func importCSV() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entities = dir.appendingPathComponent("entities.csv")
        try Data("id,kind,name\nisi,agnecy,ISI\niskp,group,\n".utf8).write(to: entities)
        let out = dir.appendingPathComponent("net.yaml")
        try Data("previous\n".utf8).write(to: out)
        let result = try relgraph(["import", "csv", "--entities", entities.path, "-o", out.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(entities.path):2:5: error: [unknown-kind] column kind: unknown entity kind 'agnecy'\n  hint: did you mean 'agency'?"))
        #expect(result.stderr.contains("\(entities.path):3:12: error: [empty-value] column name: 'name' of entity 'iskp' is empty"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous\n")
        try Data("\u{FEFF}id,kind,name\r\nisi,agency,ISI\r\n".utf8).write(to: entities)
        let ok = try relgraph(["import", "csv", "--entities", entities.path, "-o", out.path])
        #expect(ok.status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("- id: isi\n  kind: agency\n  name: ISI\n"))
    }

    @Test("schema prints the committed schema; render --format graphml writes GraphML")
    func schemaAndGraphML() throws {
        let schema = try relgraph(["schema"])
        #expect(schema.status == 0)
        #expect(schema.stdout == (try String(contentsOf: packageRoot.appendingPathComponent("docs/relgraph.schema.json"), encoding: .utf8)))
        let graphml = try relgraph(["render", Self.flagship, "--format", "graphml", "-o", "-"])
        #expect(graphml.status == 0)
        #expect(graphml.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(graphml.stdout.contains("<node id=\"iskp\">"))
    }
}
