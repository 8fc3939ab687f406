import Foundation
import Testing

/// A small network with one declared kind.
private let declaredKindYAML = """
title: Declared kinds
sources:
  r: {title: A report}
entity_kinds:
  software: {label: malware and tools, description: Code used in attacks.}
relation_types:
  deploys: {from: [group], to: [software]}
entities:
  - {id: g, kind: group, name: A Group}
  - {id: rat, kind: software, name: A RAT}
relations:
  - {from: g, type: deploys, to: rat, sources: [r]}
"""

@Suite("Declared kinds on the command line")
struct DeclaredKindCLITests {
    static let ics = CLI.sharedData.appendingPathComponent("stix/mitre-ics-attack/ics-attack.json").path

    /// A temporary directory holding the network above as `net.yaml`.
    func networkFile() throws -> (dir: URL, file: URL) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("net.yaml")
        try Data(declaredKindYAML.utf8).write(to: file)
        return (dir, file)
    }

    @Test("types --file lists the file's declared kinds after the built-in ones")
    func types() throws {
        let (dir, file) = try networkFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["types", "--file", file.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("  publication   magazine, outlet\n  software      Code used in attacks.  (declared)\n"))
        #expect(run.stdout.contains("  deploys         group -> software  (declared)"))
        #expect(run.stdout.contains("  related-to      any <-> any"))
    }

    @Test("--kinds takes declared kinds; an unknown one exits 64 with the closest kind and writes nothing")
    func kindsFlag() throws {
        let (dir, file) = try networkFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("out.svg")
        let run = try relgraph(["render", file.path, "--kinds", "group,software", "-o", svg.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.contains("kind-software"))
        #expect(text.contains("malware and tools"))  // the legend shows the declared label
        let bad = dir.appendingPathComponent("bad.svg")
        let typo = try relgraph(["render", file.path, "--exclude-kinds", "softwre", "-o", bad.path])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown entity kind 'softwre' (did you mean 'software'?)"))
        #expect(!FileManager.default.fileExists(atPath: bad.path))
    }

    @Test("import stix keeps ATT&CK's software and all its relationships; --skip-software leaves them out",
          .enabled(if: FileManager.default.fileExists(atPath: ics), "needs ../shared/data/stix/mitre-ics-attack"))
    func importSoftware() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ics.yaml").path
        let run = try relgraph(["import", "stix", Self.ics, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("imported 45 entities (14 group, 7 event, 1 organization, 23 software), 26 relations"))
        #expect(!run.stderr.contains("dropped 0"))
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("entity_kinds:\n  software:\n    description: malware or a tool (STIX malware, tool)\n"))
        #expect(try relgraph(["validate", "-q", out]).status == 0)
        let png = dir.appendingPathComponent("software.png").path
        #expect(try relgraph(["render", out, "--view", "groups-events-software", "-o", png]).status == 0)

        let skipped = try relgraph(["import", "stix", Self.ics, "--skip-software", "-o", "-"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("imported 22 entities (14 group, 7 event, 1 organization), 5 relations"))
        #expect(skipped.stderr.contains("skipped 30 software and infrastructure objects (30 malware) as asked by --skip-software"))
        #expect(!skipped.stdout.contains("entity_kinds:"))
        let both = try relgraph(["import", "stix", Self.ics, "--skip-software", "--software-as", "organization", "-o", "-"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--software-as and --skip-software cannot be used together"))
    }
}
