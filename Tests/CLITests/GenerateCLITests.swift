import Foundation
import Testing

/// `relgraph generate` from the command line, in a child process (so the 100,000-entity
/// case does not weigh on the memory measured by other tests).
@Suite("generate (CLI)")
struct GenerateCLITests {
    @Test("100,000 entities and 300,000 relations generate and validate with no errors")
    func large() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("generate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("n100000.json").path
        let generated = try run(relgraph, ["generate", "--entities", "100000", "--seed", "1", "-o", file, "-q"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let validated = try run(relgraph, ["validate", "-q", file])
        #expect(validated.status == 0, "\(validated.stdout.prefix(2000))")
        #expect(validated.stdout.isEmpty)
    }

    @Test("-o - writes the same JSON as a .json file; YAML follows the extension")
    func stdoutAndFormats() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("generate-small")
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("n.json").path, yaml = dir.appendingPathComponent("n.yml").path
        let piped = try run(relgraph, ["generate", "--entities", "50", "--seed", "5", "-o", "-"])
        #expect(piped.status == 0)
        try run(relgraph, ["generate", "--entities", "50", "--seed", "5", "-o", json, "-q"])
        #expect(try String(contentsOfFile: json, encoding: .utf8) == piped.stdout)
        try run(relgraph, ["generate", "--entities", "50", "--seed", "5", "-o", yaml, "-q"])
        #expect(try String(contentsOfFile: yaml, encoding: .utf8).hasPrefix("title: "))
        #expect(try run(relgraph, ["validate", "-q", yaml]).status == 0)
        let bad = try run(relgraph, ["generate", "--entities", "50", "-o", dir.appendingPathComponent("n.txt").path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains(".json, .yaml or .yml"))
    }
}
