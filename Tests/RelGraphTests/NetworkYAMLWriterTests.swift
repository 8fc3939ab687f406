import Foundation
import Testing
@testable import RelGraph

@Suite("YAML writer")
struct NetworkYAMLWriterTests {
    static let flagshipPath = packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path

    @Test("the flagship survives load, write and load unchanged")
    func flagshipRoundTrip() throws {
        let original = NetworkLoader().load(path: Self.flagshipPath)
        #expect(!original.hasErrors)
        let yaml = try NetworkYAMLWriter().string(for: original.network)
        let reloaded = load(yaml, file: "written.yaml")
        #expect(reloaded.diagnostics.map(\.formatted) == [])
        #expect(reloaded.network == original.network)
    }

    @Test("writing twice gives the same bytes, and writing the reloaded network too")
    func deterministic() throws {
        let network = NetworkLoader().load(path: Self.flagshipPath).network
        let first = try NetworkYAMLWriter().string(for: network)
        let second = try NetworkYAMLWriter().string(for: load(first, file: "w.yaml").network)
        #expect(first == second)
    }

    @Test("keys come in the documented order and dates are quoted")
    func order() throws {
        let yaml = try NetworkYAMLWriter().string(for: load(minimalYAML + "\n    since: 2015-01\n").network)
        let topKeys = yaml.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") }.map { $0.split(separator: ":")[0] }
        #expect(topKeys == ["title", "sources", "entities", "relations"])
        #expect(yaml.contains("since: \"2015-01\""))
        #expect(yaml.contains("date: \"2025-10-09\""))
        #expect(yaml.contains("- id: isi\n  kind: agency\n  name: ISI\n"))
    }

    /// Text that YAML could read as another type (null, a boolean, a number, a date, a
    /// flow collection, an alias…), each an entity's name, alias and description.
    static let hostileNames = ["null", "~", "yes", "No", "on", "true", "123", "1e3", "0x1F", "1:20", ".inf", "2015-01-09",
                               "-", "- a", "a: b", "#x", "x #y", "'q'", "\"dq\"", " lead", "trail ", "[a]", "{a}", "*a", "&a",
                               "!t", "%p", "@a", "`b", "|", ">", "?", "a\nb", "a\n", "\ta", "ü–ISKP", "a\u{7}b", "<<", "="]

    static func hostileYAML() throws -> String {
        var network = Network(title: "hostile")
        for (i, name) in hostileNames.enumerated() {
            network.entities.append(Entity(id: "e\(i)", kind: .group, name: name, aliases: [name], description: name))
        }
        return try NetworkYAMLWriter().string(for: network)
    }

    @Test("text that YAML could read as another type is quoted and reads back as text")
    func hostileText() throws {
        let names = Self.hostileNames
        let back = load(try Self.hostileYAML(), file: "h.yaml")
        #expect(back.errors.map(\.formatted) == [])
        #expect(back.network.entities.map(\.name) == names)
        #expect(back.network.entities.map(\.aliases) == names.map { [$0] })
        #expect(back.network.entities.map(\.description) == names)
    }

    @Test("Python's YAML 1.1 reader sees the same strings", .enabled(if: PythonCheck.available(["yaml"]), "needs Python with PyYAML"))
    func hostileTextInPython() throws {
        let python = try #require(PythonCheck.run("import sys, yaml, json; d = yaml.safe_load(sys.stdin); print(json.dumps([e['name'] for e in d['entities']]))",
                                                  input: try Self.hostileYAML(), modules: ["yaml"]))
        let decoded = try JSONDecoder().decode([String].self, from: Data(python.utf8))
        #expect(decoded == Self.hostileNames)
    }

    @Test("header comments are written as # lines")
    func header() throws {
        let yaml = try NetworkYAMLWriter(headerComments: ["Imported from x.json", "", "two"]).string(for: Network(title: "t"))
        #expect(yaml.hasPrefix("# Imported from x.json\n#\n# two\ntitle: t\n"))
    }
}
