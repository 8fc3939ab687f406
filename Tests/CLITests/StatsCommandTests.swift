import Foundation
import Testing

@Suite("relgraph stats")
struct StatsCommandTests {
    @Test("text: counts, most connected, components, isolated, relations without claims")
    func text() throws {
        let run = try relgraph(["stats", "graphs/iskp-isi-nexus.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("The ISKP–ISI nexus, as argued in The Asian Age (9 October 2025) (graphs/iskp-isi-nexus.yaml)\n"))
        for heading in ["Entities: ", "Relations: ", "  by type:", "  by confidence:", "Most connected:",
                        "Connected components: ", "Isolated entities: ", "Relations without claims: "] {
            #expect(run.stdout.contains(heading), "\(heading)")
        }
        #expect(run.stdout.contains("   1. ISKP (iskp)"))
    }

    @Test("--view and view flags cut the network first; the view is named in the output")
    func views() throws {
        let run = try relgraph(["stats", "graphs/iskp-isi-nexus.yaml", "--view", "iskp-ties", "--min-confidence", "confirmed"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ISKP's web of ties (graphs/iskp-isi-nexus.yaml)\nView: focus ISKP, depth 1; only confirmed relations\n"))
        #expect(run.stdout.contains("    alleged     ") && run.stdout.contains("Connected components: 1"))
    }

    @Test("--format json is stable, sorted and complete")
    func json() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["stats", file.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(object["title"] as? String == "Small")
        #expect(object["view"] == nil)
        let stats = try #require(object["stats"] as? [String: Any])
        #expect(stats["entities"] as? Int == 5 && stats["relations"] as? Int == 3)
        for key in ["kinds", "types", "confidences", "mostConnected", "components", "isolated", "withoutClaims"] {
            #expect(stats[key] is [Any], "\(key)")
        }
        let top = try #require((stats["mostConnected"] as? [[String: Any]])?.first)
        #expect(top["id"] as? String == "iskp" && top["degree"] as? Int == 3)
        let unclaimed = try #require(stats["withoutClaims"] as? [[String: Any]])
        #expect(unclaimed.count == 3)
        #expect(try relgraph(["stats", file.path, "--format", "json"]).stdoutData == run.stdoutData)
    }

    @Test("errors: unknown view 64, invalid input 65, missing file 66")
    func errors() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = try relgraph(["stats", file.path, "--view", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no view named 'nope'"))
        #expect(try relgraph(["stats", "no/such.yaml"]).status == 66)
        try "entities: [{id: a, kind: gruop, name: A}]\n".write(to: file, atomically: true, encoding: .utf8)
        let invalid = try relgraph(["stats", file.path])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("[unknown-kind]"))
    }
}
