import Foundation
import Testing
@testable import RelGraph

/// Imports `json` and returns the result, or records the thrown diagnostic.
func importSTIX(_ json: String, options: STIXImportOptions = STIXImportOptions(), file: String = "test.json") throws(Diagnostic) -> STIXImportResult {
    try STIXImporter(options: options).importBundle(bytes: Array(json.utf8), file: file)
}

/// Writes `network` as YAML and loads it back, as `relgraph import` checks its output.
func reload(_ network: Network) throws -> LoadedNetwork {
    load(try NetworkYAMLWriter().string(for: network), file: "imported.yaml")
}

/// A STIX object as JSON text with the common properties filled in.
func stixObject(_ type: String, _ n: Int, _ extra: String = "") -> String {
    let id = "\(type)--00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(n).count))\(n)"
    return "{\"type\": \"\(type)\", \"spec_version\": \"2.1\", \"id\": \"\(id)\", \"created\": \"2020-01-01T00:00:00.000Z\", \"modified\": \"2020-01-01T00:00:00.000Z\"\(extra.isEmpty ? "" : ", " + extra)}"
}

func stixID(_ type: String, _ n: Int) -> String {
    "\(type)--00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(n).count))\(n)"
}

func stixBundle(_ objects: [String]) -> String {
    "{\"type\": \"bundle\", \"id\": \"bundle--00000000-0000-4000-8000-000000000000\", \"objects\": [\n" + objects.joined(separator: ",\n") + "\n]}"
}

func relationship(_ n: Int, _ type: String, _ from: String, _ to: String, _ extra: String = "") -> String {
    stixObject("relationship", n, "\"relationship_type\": \"\(type)\", \"source_ref\": \"\(from)\", \"target_ref\": \"\(to)\"\(extra.isEmpty ? "" : ", " + extra)")
}

@Suite("STIX import")
struct STIXImportTests {
    @Test("object types map to kinds as documented")
    func kinds() throws {
        let result = try importSTIX(stixBundle([
            stixObject("threat-actor", 1, "\"name\": \"Actor\""),
            stixObject("intrusion-set", 2, "\"name\": \"Set\""),
            stixObject("campaign", 3, "\"name\": \"Campaign\""),
            stixObject("incident", 4, "\"name\": \"Incident\""),
            stixObject("identity", 5, "\"name\": \"Person\", \"identity_class\": \"individual\""),
            stixObject("identity", 6, "\"name\": \"Crew\", \"identity_class\": \"group\""),
            stixObject("identity", 7, "\"name\": \"Company\", \"identity_class\": \"organization\""),
            stixObject("identity", 8, "\"name\": \"Everyone\", \"identity_class\": \"class\""),
            stixObject("location", 9, "\"name\": \"Ukraine\", \"country\": \"ua\""),
            stixObject("location", 10, "\"country\": \"PK\""),
            stixObject("location", 11, "\"name\": \"Kyiv\", \"country\": \"UA\", \"city\": \"Kyiv\""),
            stixObject("location", 12, "\"name\": \"Balochistan\", \"country\": \"PK\""),
            stixObject("location", 13, "\"region\": \"southern-asia\""),
            stixObject("malware", 14, "\"name\": \"Evil\", \"is_family\": true"),
            stixObject("attack-pattern", 15, "\"name\": \"Phishing\""),
        ]))
        let byName = Dictionary(uniqueKeysWithValues: result.network.entities.map { ($0.name, $0) })
        #expect(byName["Actor"]?.kind == .group)
        #expect(byName["Set"]?.kind == .group)
        #expect(byName["Campaign"]?.kind == .event)
        #expect(byName["Incident"]?.kind == .event)
        #expect(byName["Person"]?.kind == .person)
        #expect(byName["Crew"]?.kind == .group)
        #expect(byName["Company"]?.kind == .organization)
        #expect(byName["Everyone"]?.kind == .organization)
        #expect(byName["Ukraine"]?.kind == .state)
        #expect(byName["Pakistan"]?.kind == .state)  // named from its code
        #expect(byName["Kyiv"]?.kind == .territory)
        #expect(byName["Kyiv"]?.within == "ukraine")
        #expect(byName["Balochistan"]?.kind == .territory)
        #expect(byName["Balochistan"]?.within == "pakistan")
        #expect(byName["southern-asia"]?.kind == .territory)
        #expect(byName["Evil"]?.kind == STIXMapping.softwareKind)
        #expect(result.network.entityKinds[STIXMapping.softwareKind] == STIXMapping.declaredKinds[STIXMapping.softwareKind])
        #expect(result.report.skippedSoftware == [:])
        #expect(result.report.skippedByType == ["attack-pattern": 1])
        #expect(result.report.lines.contains("skipped 1 object of types relgraph does not import: 1 attack-pattern"))
        #expect(byName["Actor"]?.externalIDs == ["stix": stixID("threat-actor", 1)])
        #expect(byName["Actor"]?.tags == ["threat-actor"])
        #expect(try reload(result.network).errors.isEmpty)
    }

    @Test("malware and tools import as the declared kind software, infrastructure as its own; --skip-software leaves them out")
    func declaredSoftware() throws {
        let json = stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Set\""),
            stixObject("malware", 2, "\"name\": \"Evil\", \"is_family\": true, \"x_mitre_aliases\": [\"Evil\", \"EvilRAT\"]"),
            stixObject("tool", 3, "\"name\": \"Scanner\""),
            stixObject("infrastructure", 6, "\"name\": \"Botnet\""),
            relationship(4, "uses", stixID("intrusion-set", 1), stixID("malware", 2)),
            relationship(5, "uses", stixID("intrusion-set", 1), stixID("tool", 3)),
            relationship(7, "uses", stixID("intrusion-set", 1), stixID("infrastructure", 6)),
        ])
        let result = try importSTIX(json)
        let kinds = Dictionary(uniqueKeysWithValues: result.network.entities.map { ($0.name, $0.kind.rawValue) })
        #expect(kinds == ["Set": "group", "Evil": "software", "Scanner": "software", "Botnet": "infrastructure"])
        #expect(result.network.entityKinds.keys.sorted() == [STIXMapping.infrastructureKind, STIXMapping.softwareKind])
        #expect(result.network.relations.count == 3)
        #expect(result.report.droppedRelationships == 0)
        let uses = try #require(result.network.relationTypes["uses"])
        #expect(uses.fromKinds == [.group] && uses.toKinds == [STIXMapping.softwareKind, STIXMapping.infrastructureKind])
        #expect(result.network.views["groups-events-software"]?.tags == ["intrusion-set", "malware", "tool", "infrastructure"])
        #expect(try reload(result.network).errors.isEmpty)

        let skipped = try importSTIX(json, options: STIXImportOptions(skipSoftware: true))
        #expect(skipped.network.entities.map(\.name) == ["Set"])
        #expect(skipped.network.entityKinds.isEmpty)
        #expect(skipped.network.relations.isEmpty)
        #expect(skipped.report.droppedRelationships == 3)
        #expect(skipped.report.skippedSoftware == ["malware": 1, "tool": 1, "infrastructure": 1])
        #expect(skipped.report.lines.contains("skipped 3 software and infrastructure objects (1 infrastructure, 1 malware, 1 tool) as asked by --skip-software"))
    }

    @Test("--software-as imports malware and tools as the chosen built-in kind")
    func software() throws {
        let json = stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Set\""),
            stixObject("malware", 2, "\"name\": \"Evil\", \"is_family\": true, \"x_mitre_aliases\": [\"Evil\", \"EvilRAT\"]"),
            stixObject("tool", 3, "\"name\": \"Scanner\""),
            relationship(4, "uses", stixID("intrusion-set", 1), stixID("malware", 2)),
            relationship(5, "uses", stixID("intrusion-set", 1), stixID("tool", 3)),
        ])
        let result = try importSTIX(json, options: STIXImportOptions(softwareKind: .organization))
        let evil = try #require(result.network.entities.first { $0.name == "Evil" })
        #expect(evil.kind == .organization)
        #expect(evil.aliases == ["EvilRAT"])
        #expect(evil.tags == ["malware"])
        #expect(result.network.relations.map(\.type) == ["uses", "uses"])
        let uses = try #require(result.network.relationTypes["uses"])
        #expect(uses.fromKinds == [.group] && uses.toKinds == [.organization] && !uses.symmetric)
        #expect(try reload(result.network).errors.isEmpty)
    }

    @Test("relationship types become built-in types when the kinds fit, custom types otherwise")
    func relationTypes() throws {
        let set = stixID("intrusion-set", 1), campaign = stixID("campaign", 2), place = stixID("location", 3)
        let person = stixID("identity", 4)
        let result = try importSTIX(stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Set\""),
            stixObject("campaign", 2, "\"name\": \"Op\""),
            stixObject("location", 3, "\"name\": \"France\", \"country\": \"FR\""),
            stixObject("identity", 4, "\"name\": \"Bob\", \"identity_class\": \"individual\""),
            relationship(10, "targets", set, place),
            relationship(11, "located-at", set, place),
            relationship(12, "located-at", campaign, place),
            relationship(13, "related-to", set, person),
            relationship(14, "attributed-to", campaign, set),
            relationship(15, "controls", campaign, set),
            relationship(16, "located-at", person, person),
            relationship(17, "Odd Type!", set, campaign),
        ]))
        let types = Dictionary(uniqueKeysWithValues: result.network.relations.map { ($0.externalIDs["stix"]!, $0.type) })
        #expect(types[stixID("relationship", 10)] == "targeted")
        #expect(types[stixID("relationship", 11)] == "based-in")
        #expect(types[stixID("relationship", 12)] == "occurred-in")
        #expect(types[stixID("relationship", 13)] == "related-to")
        #expect(types[stixID("relationship", 14)] == "attributed-to")
        #expect(types[stixID("relationship", 15)] == "stix-controls")
        #expect(types[stixID("relationship", 16)] == "located-at")
        #expect(types[stixID("relationship", 17)] == "stix-odd-type")
        #expect(result.network.relationTypes["located-at"]?.allowsSelf == true)
        #expect(result.report.declaredTypes == ["attributed-to", "located-at", "stix-controls", "stix-odd-type"])
        let reloaded = try reload(result.network)
        #expect(reloaded.errors.map(\.formatted) == [])
    }

    @Test("dates, confidence, notes, labels and references are carried over")
    func fields() throws {
        let result = try importSTIX(stixBundle([
            stixObject("campaign", 1, """
                "name": "Op", "aliases": ["Op", "Operation"], "first_seen": "2015-12-01T05:00:00.000Z", "last_seen": "2016-01-01T05:00:00Z",
                "description": "  What happened.  ", "labels": ["energy"],
                "external_references": [
                  {"source_name": "mitre-attack", "external_id": "C0028", "url": "https://attack.mitre.org/campaigns/C0028"},
                  {"source_name": "Operation", "description": "(Citation: Vendor 2016)"},
                  {"source_name": "Vendor 2016", "description": "Vendor. (2016). Report.", "url": "https://example.org/r"}
                ]
                """),
            stixObject("intrusion-set", 2, "\"name\": \"Set\", \"first_seen\": \"2017\", \"last_seen\": \"2010-01-01T00:00:00Z\""),
            relationship(3, "attributed-to", stixID("campaign", 1), stixID("intrusion-set", 2), """
                "confidence": 85, "start_time": "2015-12-23T00:00:00Z", "description": "Said by Vendor.", "labels": ["attribution"],
                "external_references": [{"source_name": "Vendor 2016", "description": "Vendor. (2016). Report.", "url": "https://example.org/r"}]
                """),
            relationship(4, "attributed-to", stixID("intrusion-set", 2), stixID("campaign", 1), "\"confidence\": 79"),
            relationship(5, "attributed-to", stixID("intrusion-set", 2), stixID("campaign", 1), "\"confidence\": 20"),
            relationship(6, "attributed-to", stixID("intrusion-set", 2), stixID("campaign", 1), "\"confidence\": 19"),
        ]))
        let op = try #require(result.network.entities.first { $0.name == "Op" })
        #expect(op.aliases == ["Operation"])
        #expect(op.since == PartialDate("2015-12-01") && op.until == PartialDate("2016-01-01"))
        #expect(op.description == "What happened.")
        #expect(op.tags == ["campaign", "energy"])
        #expect(op.url == "https://attack.mitre.org/campaigns/C0028")
        #expect(op.sources == ["mitre-attack-c0028", "vendor-2016"])  // the alias note is not a source
        #expect(result.network.sources["vendor-2016"] == Source(id: "vendor-2016", title: "Vendor. (2016). Report.", publisher: "Vendor 2016", url: "https://example.org/r"))
        #expect(result.network.sources["mitre-attack-c0028"]?.title == "mitre-attack C0028")
        let set = try #require(result.network.entities.first { $0.name == "Set" })
        #expect(set.since == nil && set.until == PartialDate("2010-01-01"))
        #expect(result.diagnostics.map { "\($0.code)@\($0.location!.line)" } == ["stix-value@9"])
        // Relations are sorted by their source entity: groups come before events.
        let relations = result.network.relations
        #expect(relations.map(\.confidence) == [.reported, .alleged, .disputed, .confirmed])
        #expect(relations[3].since == PartialDate("2015-12-23") && relations[3].note == "Said by Vendor.")
        #expect(relations[3].tags == ["attribution"] && relations[3].sources == ["vendor-2016"])
        // Three relations with the same ends and type: the second and third get ids.
        #expect(relations.map(\.id) == [nil, "set-attributed-to-op-2", "set-attributed-to-op-3", nil])
        #expect(try reload(result.network).errors.map(\.formatted) == [])
    }

    @Test("reports become sources cited by the objects they list")
    func reports() throws {
        let result = try importSTIX(stixBundle([
            stixObject("identity", 1, "\"name\": \"Vendor Inc.\", \"identity_class\": \"organization\""),
            stixObject("intrusion-set", 2, "\"name\": \"Set\""),
            stixObject("report", 3, "\"name\": \"The Set report\", \"published\": \"2013-02-19T00:00:00Z\", \"created_by_ref\": \"\(stixID("identity", 1))\", \"object_refs\": [\"\(stixID("intrusion-set", 2))\"]"),
        ]))
        #expect(result.network.title == "The Set report")
        #expect(result.network.sources["the-set-report"] == Source(id: "the-set-report", title: "The Set report", publisher: "Vendor Inc.", date: PartialDate("2013-02-19")))
        #expect(result.network.entities.first { $0.name == "Set" }?.sources == ["the-set-report"])
        #expect(result.report.reportsAsSources == 1)
    }

    @Test("revoked and deprecated objects are skipped unless asked for, and tagged then")
    func revoked() throws {
        let json = stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Old\", \"revoked\": true"),
            stixObject("intrusion-set", 2, "\"name\": \"Older\", \"x_mitre_deprecated\": true"),
            stixObject("intrusion-set", 3, "\"name\": \"Live\", \"revoked\": false, \"x_mitre_deprecated\": false"),
            relationship(4, "revoked-by", stixID("intrusion-set", 1), stixID("intrusion-set", 3)),
        ])
        let plain = try importSTIX(json)
        #expect(plain.network.entities.map(\.name) == ["Live"])
        #expect(plain.report.skippedRevoked == 2)
        #expect(plain.report.droppedRelationships == 1)
        let all = try importSTIX(json, options: STIXImportOptions(includeRevoked: true))
        #expect(all.network.entities.map(\.tags) == [["intrusion-set"], ["intrusion-set", "revoked"], ["intrusion-set", "deprecated"]])
        #expect(all.network.relations.count == 1)
    }

    @Test("ids are slugs of names, unique and independent of bundle order")
    func ids() throws {
        let objects = [
            stixObject("intrusion-set", 1, "\"name\": \"APT 1\""),
            stixObject("threat-actor", 2, "\"name\": \"apt-1\""),
            stixObject("intrusion-set", 3, "\"name\": \"APT.1\""),
            stixObject("identity", 4, "\"name\": \"中国\""),
            stixObject("identity", 5, "\"name\": \"   \""),
        ]
        let forward = try importSTIX(stixBundle(objects))
        let backward = try importSTIX(stixBundle(objects.reversed()))
        #expect(forward.network == backward.network)
        #expect(forward.network.entities.map(\.id) == ["apt-1", "apt-1-2", "apt-1-3", "identity-00000000", "identity-00000000-2"])
        #expect(forward.network.entities.map(\.externalIDs["stix"]) == [stixID("intrusion-set", 1), stixID("threat-actor", 2), stixID("intrusion-set", 3), stixID("identity", 5), stixID("identity", 4)])
    }

    @Test("older versions, dangling references and malformed objects are counted or reported")
    func oddities() throws {
        let result = try importSTIX(stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Old name\"").replacingOccurrences(of: "\"modified\": \"2020-01-01T00:00:00.000Z\"", with: "\"modified\": \"2019-01-01T00:00:00.000Z\""),
            stixObject("intrusion-set", 1, "\"name\": \"New name\""),
            "{\"type\": \"intrusion-set\", \"name\": \"no id\"}",
            "[1, 2]",
            relationship(2, "uses", stixID("intrusion-set", 1), stixID("malware", 99)),
            stixObject("relationship", 3, "\"source_ref\": \"\(stixID("intrusion-set", 1))\""),
        ]))
        #expect(result.network.entities.map(\.name) == ["New name"])
        #expect(result.report.olderVersions == 1)
        #expect(result.report.danglingRelationships == 1)
        #expect(result.report.malformedRelationships == 1)
        #expect(result.diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" } == ["stix-object@4:1", "stix-object@5:1", "stix-value@7:1"])
        #expect(!result.hasErrors)
    }

    @Test("bad JSON and JSON that is not a bundle are errors with a position")
    func notABundle() {
        func failure(_ json: String) -> String {
            do {
                _ = try importSTIX(json)
                return "no error"
            } catch {
                return "\(error.code)@\(error.location.map(\.description) ?? "-"): \(error.message)"
            }
        }
        #expect(failure("{\"type\": \"bundle\",\n \"objects\": [1,]}") .hasPrefix("syntax@2:16"))
        #expect(failure("[]") == "not-stix@1:1: the file holds a list, not a STIX bundle")
        #expect(failure("{\"id\": \"x\"}") == "not-stix@1:1: the JSON object has no \"type\"; it is not a STIX bundle")
        #expect(failure("{\n  \"type\": \"indicator\", \"id\": \"indicator--1\"}") == "not-stix@2:11: the top-level \"type\" is \"indicator\", not \"bundle\" (a single STIX object; wrap it in a bundle)")
        #expect(failure("{\"type\": \"bundle\", \"objects\": {}}") == "not-stix@1:31: \"objects\" is a mapping, not a list")
        #expect(failure("") .hasPrefix("empty-document@1:1"))
        #expect(failure("{\"type\": \"bundle\"}") == "no error")
    }
}

@Suite("STIX real bundles")
struct STIXRealBundleTests {
    @Test("MITRE ATT&CK ICS imports to a valid network of its groups and campaigns",
          .enabled(if: SharedData.has("mitre-ics-attack/ics-attack.json"), "needs ../shared/data/stix/mitre-ics-attack/ics-attack.json"))
    func attackICS() throws {
        let path = try #require(SharedData.stixBundle("mitre-ics-attack/ics-attack.json"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let result = try STIXImporter().importBundle(bytes: bytes, file: "ics-attack.json")
        #expect(!result.hasErrors)
        // Every relationship between the groups, campaigns and malware the bundle
        // has (and that are not revoked or deprecated) is kept: 16 intrusion-set uses
        // malware, 5 campaign uses malware, 5 campaign attributed-to intrusion-set.
        #expect(result.report.entitiesByKind == [.group: 14, .event: 7, .organization: 1, STIXMapping.softwareKind: 23])
        #expect(result.report.relations == 26)
        #expect(Dictionary(grouping: result.network.relations, by: \.type).mapValues(\.count) == ["uses": 21, "attributed-to": 5])
        #expect(result.report.skippedByType["attack-pattern"] == 95)
        #expect(result.report.skippedSoftware == [:])
        #expect(result.report.skippedRevoked == 10)
        #expect(result.network.views["groups-events-software"]?.tags == ["intrusion-set", "campaign", "malware"])
        #expect(result.network.entities.allSatisfy { $0.externalIDs["stix"] != nil })
        #expect(result.network.views["groups-and-events"]?.kinds == [.group, .event])
        let sandworm = try #require(result.network.entities.first { $0.name == "Sandworm Team" })
        #expect(sandworm.id == "sandworm-team" && sandworm.aliases.contains("APT44") && sandworm.url == "https://attack.mitre.org/groups/G0034")
        let yaml = try NetworkYAMLWriter().string(for: result.network)
        let loaded = load(yaml, file: "ics.yaml")
        #expect(loaded.errors.map(\.formatted) == [])
        #expect(loaded.network == result.network)
        // The same bundle always gives the same file.
        let again = try STIXImporter().importBundle(bytes: bytes, file: "ics-attack.json")
        #expect(try NetworkYAMLWriter().string(for: again.network) == yaml)

        // --skip-software: what relgraph imported before it had declared kinds.
        let skipped = try STIXImporter(options: STIXImportOptions(skipSoftware: true)).importBundle(bytes: bytes, file: "ics-attack.json")
        #expect(skipped.report.entitiesByKind == [.group: 14, .event: 7, .organization: 1])
        #expect(skipped.report.relations == 5)
        #expect(skipped.report.skippedSoftware == ["malware": 30])
        #expect(skipped.report.skippedRevoked == 3)
        #expect(skipped.network.relations.allSatisfy { $0.type == "attributed-to" })
        #expect(skipped.network.views["groups-events-software"] == nil)

        let software = try STIXImporter(options: STIXImportOptions(includeRevoked: true, softwareKind: .organization)).importBundle(bytes: bytes, file: "ics-attack.json")
        #expect(software.report.entitiesByKind[.organization] == 31)
        #expect(software.report.entitiesByKind[.group] == 16)
        #expect(software.network.entityKinds.isEmpty)
        #expect(software.network.views["groups-events-software"]?.tags == ["intrusion-set", "campaign", "malware"])
        #expect(try reload(software.network).errors.map(\.formatted) == [])
    }

    @Test("OASIS example reports import without errors",
          .enabled(if: SharedData.has("oasis-examples/apt1.json") && SharedData.has("oasis-examples/poisonivy.json"), "needs ../shared/data/stix/oasis-examples/"))
    func oasis() throws {
        for (name, persons) in [("apt1.json", 4), ("poisonivy.json", 0)] {
            let path = try #require(SharedData.stixBundle("oasis-examples/\(name)"))
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            for options in [STIXImportOptions(), STIXImportOptions(softwareKind: .organization), STIXImportOptions(skipSoftware: true)] {
                let result = try STIXImporter(options: options).importBundle(bytes: bytes, file: name)
                #expect(!result.hasErrors)
                #expect(result.report.entitiesByKind[.person, default: 0] == persons)
                #expect(result.report.reportsAsSources == 1)
                #expect(try reload(result.network).errors.map(\.formatted) == [], "\(name)")
            }
        }
    }
}

/// Issue 28: ids for many relationships between the same two objects are found
/// in linear time, and invalid values are reported with the object's id.
@Suite("STIX import: unique ids and invalid values")
struct STIXFaultTests {
    @Test("n ids from one stem take about 2n probes (was n²/2), and are the same ids as before")
    func uniqueIDsAreLinear() {
        var ids = UniqueIDs()
        _ = ids.reserve("a-uses-b-5")  // taken beforehand: skipped, as before
        let made = (0..<20_000).map { _ in ids.make("a-uses-b", first: 2) }
        #expect(made.prefix(4) == ["a-uses-b-2", "a-uses-b-3", "a-uses-b-4", "a-uses-b-6"])
        #expect(made.last == "a-uses-b-20002")
        #expect(Set(made).count == made.count)
        #expect(ids.probes <= 2 * made.count + 2, "\(ids.probes) probes for \(made.count) ids")
        // Without `first`, the stem itself comes first.
        var plain = UniqueIDs()
        #expect((0..<3).map { _ in plain.make("x") } == ["x", "x-2", "x-3"])
    }

    @Test("8,000 relationships between the same two objects import with ids -2 … -8000")
    func samePair() throws {
        let relationships = (0..<8_000).map { relationship(100 + $0, "uses", stixID("intrusion-set", 1), stixID("malware", 2)) }
        let result = try importSTIX(stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Alpha\""),
            stixObject("malware", 2, "\"name\": \"Beta\", \"is_family\": true"),
        ] + relationships))
        let ids = result.network.relations.compactMap(\.id)
        #expect(ids.count == 7_999)
        #expect(Set(ids) == Set((2...8_000).map { "alpha-uses-beta-\($0)" }))
    }

    @Test("a confidence outside 0–100 or not a number, and a name that is not text, are warned about with the object's id")
    func invalidValuesWarned() throws {
        let result = try importSTIX(stixBundle([
            stixObject("intrusion-set", 1, "\"name\": \"Alpha\""),
            stixObject("intrusion-set", 2, "\"name\": {}"),
            relationship(3, "related-to", stixID("intrusion-set", 1), stixID("intrusion-set", 2), "\"confidence\": -5"),
            relationship(4, "related-to", stixID("intrusion-set", 2), stixID("intrusion-set", 1), "\"confidence\": \"high\""),
            relationship(5, "uses", stixID("intrusion-set", 1), stixID("intrusion-set", 2), "\"confidence\": 85"),
        ]))
        let warnings = result.diagnostics.map(\.message)
        #expect(warnings.contains("intrusion-set \(stixID("intrusion-set", 2)): 'name' is a mapping, not a name"), "\(warnings)")
        #expect(warnings.contains("relationship \(stixID("relationship", 3)): confidence -5 is not a STIX confidence (an integer from 0 to 100)"))
        #expect(warnings.contains("relationship \(stixID("relationship", 4)): confidence \"high\" is not a STIX confidence (an integer from 0 to 100)"))
        #expect(result.diagnostics.allSatisfy { !$0.isError })
        let byStix = Dictionary(uniqueKeysWithValues: result.network.relations.map { ($0.externalIDs["stix"]!, $0.confidence) })
        #expect(byStix[stixID("relationship", 3)] == .reported)  // left out, not guessed as disputed
        #expect(byStix[stixID("relationship", 5)] == .confirmed)
        #expect(result.network.entities.map(\.name).sorted() == ["Alpha", "intrusion-set 00000000"])
    }
}
