import Foundation
import Testing

/// Runs the built `relgraph` binary, for exit statuses and what reaches the terminal.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `relgraph` executable next to the test bundle (or under .build/debug).
    static let binary: URL? = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here.appendingPathComponent("relgraph"), here.deletingLastPathComponent().appendingPathComponent("relgraph"),
                          packageRoot.appendingPathComponent(".build/debug/relgraph")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String = "") -> Result? {
        guard let binary else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        guard (try? process.run()) != nil else { return nil }
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        group.enter()
        DispatchQueue.global().async { out = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = error.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("Interop commands")
struct InteropCLITests {
    static let flagship = "graphs/iskp-isi-nexus.yaml"
    static let ics = CLI.packageRoot.appendingPathComponent("../shared/data/stix/mitre-ics-attack/ics-attack.json").standardizedFileURL.path

    @Test("import stix writes a valid network and says what it skipped")
    func importSTIX() throws {
        guard FileManager.default.fileExists(atPath: Self.ics) else { return }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ics.yaml").path
        guard let result = CLI.run(["import", "stix", Self.ics, "-o", out]) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("imported 22 entities (14 group, 7 event, 1 organization), 5 relations"))
        #expect(result.stderr.contains("skipped 397 objects of types relgraph does not import: 95 attack-pattern, 83 x-mitre-detection-strategy"))
        #expect(CLI.run(["validate", "-q", out])?.status == 0)
        let stdout = CLI.run(["import", "stix", "-q", Self.ics, "-o", "-"])
        #expect(stdout?.stdout == (try String(contentsOfFile: out, encoding: .utf8)))
        #expect(stdout?.stderr == "")
    }

    @Test("import stix: bad JSON exits 65 with the position, a missing file 66, a bad option 64")
    func importErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"type\": \"bundle\",\n  \"objects\": [}".utf8).write(to: bad)
        let out = dir.appendingPathComponent("out.yaml").path
        guard let result = CLI.run(["import", "stix", bad.path, "-o", out]) else { return }
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(bad.path):2:15: error: [syntax]"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(CLI.run(["import", "stix", "-", "-o", out], stdin: "[1]")?.status == 65)
        #expect(CLI.run(["import", "stix", dir.appendingPathComponent("none.json").path, "-o", out])?.status == 66)
        #expect(CLI.run(["import", "stix", bad.path, "-o", out, "--software-as", "person"])?.status == 64)
    }

    @Test("export stix is byte-identical twice and re-imports; invalid input exits 65; unwritable output 73")
    func exportSTIX() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let first = CLI.run(["export", "stix", Self.flagship, "-o", "-"]), let second = CLI.run(["export", "stix", Self.flagship, "-o", "-"]) else { return }
        #expect(first.status == 0 && !first.stdout.isEmpty && first.stdout == second.stdout)
        let back = CLI.run(["import", "stix", "-", "-o", "-", "-q"], stdin: first.stdout)
        #expect(back?.status == 0)
        let invalid = dir.appendingPathComponent("invalid.yaml")
        try Data("entities:\n  - {id: a, kind: gruop, name: A}\n".utf8).write(to: invalid)
        let failed = CLI.run(["export", "stix", invalid.path, "-o", dir.appendingPathComponent("x.json").path])
        #expect(failed?.status == 65)
        #expect(failed?.stderr.contains("[unknown-kind]") == true)
        let blocked = dir.appendingPathComponent("file")
        try Data().write(to: blocked)
        #expect(CLI.run(["export", "stix", Self.flagship, "-o", blocked.appendingPathComponent("x.json").path])?.status == 73)
    }

    @Test("import csv reports every bad row, exits 65 and leaves the output untouched")
    func importCSV() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entities = dir.appendingPathComponent("entities.csv")
        try Data("id,kind,name\nisi,agnecy,ISI\niskp,group,\n".utf8).write(to: entities)
        let out = dir.appendingPathComponent("net.yaml")
        try Data("previous\n".utf8).write(to: out)
        guard let result = CLI.run(["import", "csv", "--entities", entities.path, "-o", out.path]) else { return }
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(entities.path):2:5: error: [unknown-kind] column kind: unknown entity kind 'agnecy'\n  hint: did you mean 'agency'?"))
        #expect(result.stderr.contains("\(entities.path):3:12: error: [empty-value] column name: 'name' of entity 'iskp' is empty"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous\n")
        try Data("\u{FEFF}id,kind,name\r\nisi,agency,ISI\r\n".utf8).write(to: entities)
        let ok = CLI.run(["import", "csv", "--entities", entities.path, "-o", out.path])
        #expect(ok?.status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("- id: isi\n  kind: agency\n  name: ISI\n"))
    }

    @Test("schema prints the committed schema; render --format graphml writes GraphML")
    func schemaAndGraphML() throws {
        guard let schema = CLI.run(["schema"]) else { return }
        #expect(schema.status == 0)
        #expect(schema.stdout == (try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/relgraph.schema.json"), encoding: .utf8)))
        let graphml = CLI.run(["render", Self.flagship, "--format", "graphml", "-o", "-"])
        #expect(graphml?.status == 0)
        #expect(graphml?.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") == true)
        #expect(graphml?.stdout.contains("<node id=\"iskp\">") == true)
    }
}
