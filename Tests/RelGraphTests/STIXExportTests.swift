import Foundation
import Testing
@testable import RelGraph

/// A network that uses every field relgraph has.
let everyFieldYAML = """
title: Every field
description: "Line one.\\nLine two."
sources:
  s1: {title: A report, author: A. Author, publisher: A paper, date: "2021-03", url: "https://example.org/a", reliability: B}
  s2: {title: Undated}
entity_kinds:
  software: {label: malware and tools, description: Code used in attacks., shape: box3d, color: teal}
  infrastructure: {}
relation_types:
  shadows:
    label: keeps an eye on
    description: Watches covertly.
    direction: directed
    from: [agency]
    to: [group, person, agency]
    allow_self: true
  twin-of: {direction: symmetric}
  deploys: {from: [group], to: [software, infrastructure]}
entities:
  - {id: pk, kind: state, name: Pakistan, aliases: [Islamic Republic of Pakistan], sources: [s1]}
  - {id: kp, kind: territory, name: Khyber Pakhtunkhwa, within: pk, sources: [s1]}
  - {id: kashmir, kind: territory, name: Kashmir, sources: [s1]}
  - {id: isi, kind: agency, name: ISI, since: "1948", url: "https://example.org/isi", tags: [intelligence], sources: [s1]}
  - {id: g, kind: group, name: The Group, aliases: [TG], since: "2015-01", until: "2020", sources: [s2], external_ids: {other: "x-1", csv: "7"}}
  - {id: p, kind: person, name: A Person, description: "Born somewhere.", ended: true, sources: [s1]}
  - {id: e, kind: event, name: An attack, since: "2016-05-04", tags: [attack], sources: [s1]}
  - {id: o, kind: organization, name: The UN, sources: [s1]}
  - {id: mag, kind: publication, name: A Magazine, sources: [s1]}
  - {id: imported, kind: group, name: From STIX, sources: [s1], external_ids: {stix: "intrusion-set--00000000-0000-4000-8000-000000000042"}}
  - {id: rat, kind: software, name: A RAT, sources: [s1], external_ids: {stix: "malware--00000000-0000-4000-8000-000000000044"}}
  - {id: c2, kind: infrastructure, name: A C2 server, sources: [s1]}
relations:
  - {from: isi, type: sponsors, to: g, since: "2015", until: "2019-06", confidence: alleged, grade: B3, note: "Per the paper.",
     tags: [covert], claims: [{source: s1, by: p, quote: "they did", date: "2021-03-02", credibility: 3}, {source: s2},
              {source: s1, by: pk, stance: denies, quote: "we never did", date: "2021-03-05", credibility: 6}]}
  - {from: isi, type: shadows, to: isi, confidence: disputed, sources: [s1]}
  - {from: g, type: twin-of, to: imported, confidence: confirmed, sources: [s2]}
  - {from: g, type: perpetrated, to: e, sources: [s1]}
  - {from: e, type: occurred-in, to: kp, sources: [s1]}
  - {from: g, type: based-in, to: kashmir, ended: true, sources: [s1]}
  - {from: g, type: targeted, to: o, sources: [s1]}
  - {from: g, type: related-to, to: mag, sources: [s1]}
  - {from: g, type: related-to, to: mag, id: second-link, since: "2018", sources: [s1],
     external_ids: {stix: "relationship--00000000-0000-4000-8000-000000000043"}}
  - {from: g, type: deploys, to: rat, sources: [s1]}
  - {from: g, type: deploys, to: c2, sources: [s1]}
  - {from: rat, type: related-to, to: c2, sources: [s1]}
style:
  direction: LR
  kinds: {group: {color: "#aa0000", width: 1.5}, software: {fill: "#eeeeee"}}
  types: {shadows: {line: dotted}}
  tags: {covert: {color: gray}}
views:
  ties: {title: Ties, focus: [g], depth: 2, direction: out, kinds: [group, agency], min_confidence: alleged}
  window: {between: ["2015", "2019-06"], exclude_types: [related-to], exclude_kinds: [infrastructure], cluster: territories, known_as_of: "2022", dated_only: true}
"""

@Suite("STIX export")
struct STIXExportTests {
    static let flagship = NetworkLoader().load(path: NetworkYAMLWriterTests.flagshipPath).network

    static func roundTrip(_ network: Network) throws -> (JSONValue, STIXImportResult) {
        let bytes = STIXExporter().data(for: network)
        let result = try STIXImporter().importBundle(bytes: bytes, file: "export.json")
        return (STIXExporter().bundle(for: network), result)
    }

    @Test("SHA-1 and UUIDv5 match the published test vectors")
    func hashes() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(SHA1.digest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_URL, "Ünïcode/ü")
        #expect(UUIDv5.make(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(UUIDv5.make(namespace: "6ba7b811-9dad-11d1-80b4-00c04fd430c8", name: "Ünïcode/ü") == "ccc9a158-e524-5621-b5f1-e569ac62938e")
        #expect(UUIDv5.make(namespace: "not a uuid", name: "x") == nil)
        #expect(STIXMapping.id("identity", "entity:iskp") == "identity--" + UUIDv5.make(namespace: STIXMapping.namespace, name: "entity:iskp")!)
    }

    @Test("exporting the flagship twice gives identical bytes")
    func deterministic() throws {
        let first = STIXExporter().data(for: Self.flagship)
        let reloaded = NetworkLoader().load(path: NetworkYAMLWriterTests.flagshipPath).network
        #expect(STIXExporter().data(for: reloaded) == first)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\"created\": \"2025-10-09T00:00:00.000Z\""))  // the newest source date, not today
    }

    @Test("the bundle is well formed STIX 2.1")
    func wellFormed() throws {
        let bundle = STIXExporter().bundle(for: Self.flagship)
        #expect(bundle["type"] == "bundle")
        guard case .array(let objects) = bundle["objects"] else { Issue.record("no objects"); return }
        var ids = Set<String>()
        let stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
        for object in objects {
            guard case .string(let type) = object["type"], case .string(let id) = object["id"] else { Issue.record("no type or id"); continue }
            #expect(id.hasPrefix(type + "--"))
            #expect(STIXExporter.type(ofSTIXID: id) == type)
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            #expect(object["spec_version"] == "2.1")
            for key in ["created", "modified", "first_seen", "last_seen", "start_time", "stop_time", "published"] {
                if case .string(let value) = object[key] { #expect(value.wholeMatch(of: stamp) != nil, "\(key) \(value)") }
            }
            if type == "relationship", case .string(let name) = object["relationship_type"] {
                #expect(name.wholeMatch(of: /[a-z0-9-]+/) != nil)
            }
            if type == "location" { #expect(object["country"] != nil || object["region"] != nil) }
        }
        let types = objects.compactMap { if case .string(let t) = $0["type"] { t } else { nil } }
        #expect(Set(types) == ["identity", "extension-definition", "report", "location", "incident", "relationship", "opinion"])
        // Pakistan's denial is an opinion that disagrees with the relationship it is about.
        let opinion = try #require(objects.first { $0["type"] == "opinion" })
        #expect(opinion["opinion"] == "disagree")
        #expect(opinion["authors"] == .array(["Pakistan"]))
        let pakistan = objects.first { $0["name"] == "Pakistan" }
        #expect(pakistan?["country"] == "PK")
        #expect(objects.first { $0["name"] == "Nangarhar" }?["country"] == "AF")  // within Afghanistan
    }

    @Test("export then import gives back the flagship")
    func flagshipRoundTrip() throws {
        let (_, result) = try Self.roundTrip(Self.flagship)
        #expect(result.diagnostics.map(\.formatted) == [])
        #expect(result.network == Self.flagship)
    }

    @Test("export then import keeps every field of every item")
    func everyField() throws {
        let original = load(everyFieldYAML, file: "every.yaml")
        #expect(original.errors.map(\.formatted) == [])
        let (bundle, result) = try Self.roundTrip(original.network)
        #expect(result.diagnostics.map(\.formatted) == [])
        #expect(result.network == original.network)
        // Kept STIX ids are reused when their type fits the kind.
        guard case .array(let objects) = bundle["objects"] else { Issue.record("the bundle has no objects array"); return }
        #expect(objects.contains { $0["id"] == "intrusion-set--00000000-0000-4000-8000-000000000042" && $0["name"] == "From STIX" })
        #expect(objects.contains { $0["id"] == "relationship--00000000-0000-4000-8000-000000000043" })
        let sponsors = objects.first { $0["relationship_type"] == "sponsors" }
        #expect(sponsors?["confidence"] == 30)
        #expect(sponsors?["start_time"] == "2015-01-01T00:00:00.000Z")
        #expect(sponsors?["stop_time"] == "2019-06-30T23:59:59.999Z")
        #expect(objects.contains { $0["relationship_type"] == "targets" })
        // A declared kind keeps a fitting STIX id; without one it is an identity of class unknown.
        #expect(objects.contains { $0["id"] == "malware--00000000-0000-4000-8000-000000000044" && $0["is_family"] == true })
        #expect(objects.contains { $0["type"] == "identity" && $0["name"] == "A C2 server" && $0["identity_class"] == "unknown" })
        #expect(objects.filter { $0["relationship_type"] == "located-at" }.count == 2)
    }

    @Test("an edited relgraph bundle is checked like a YAML file, at positions in the bundle")
    func editedBundle() throws {
        let text = String(decoding: STIXExporter().data(for: Self.flagship), as: UTF8.self)
            .replacingOccurrences(of: "\"kind\": \"group\"", with: "\"kind\": \"gruop\"")
            .replacingOccurrences(of: "\"within\": \"khyber-pakhtunkhwa\"", with: "\"within\": \"nowhere\"")
        let result = try STIXImporter().importBundle(bytes: Array(text.utf8), file: "edited.json")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(result.hasErrors)
        #expect(Set(result.diagnostics.map(\.code)) == [.unknownKind, .unknownEntity])
        for diagnostic in result.diagnostics {
            let line = String(lines[diagnostic.location!.line - 1])
            #expect(line.contains("gruop") || line.contains("nowhere"), "\(diagnostic.formatted)")
        }
    }

    @Test("without relgraph's extension a bundle still imports by the generic mapping")
    func withoutExtension() throws {
        func strip(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members): return .object(members.filter { $0.0 != "extensions" }.map { ($0.0, strip($0.1)) })
            case .array(let items): return .array(items.map(strip))
            default: return value
            }
        }
        let bundle = strip(STIXExporter().bundle(for: Self.flagship))
        let result = try STIXImporter().importBundle(bytes: Array(bundle.serialized().utf8), file: "plain.json")
        #expect(result.network.entities.count == Self.flagship.entities.count)
        #expect(result.network.relations.count == Self.flagship.relations.count)
        let kinds = Dictionary(uniqueKeysWithValues: result.network.entities.map { ($0.name, $0.kind) })
        for entity in Self.flagship.entities {
            let expected: EntityKind = [.agency, .publication].contains(entity.kind) ? .organization : entity.kind
            #expect(kinds[entity.name] == expected, "\(entity.name)")
        }
        #expect(try reload(result.network).errors.map(\.formatted) == [])
    }

    @Test("an imported ATT&CK network exports with ATT&CK's ids and comes back unchanged",
          .enabled(if: SharedData.has("mitre-ics-attack/ics-attack.json"), "needs ../shared/data/stix/mitre-ics-attack/ics-attack.json"))
    func attackRoundTrip() throws {
        let path = try #require(SharedData.stixBundle("mitre-ics-attack/ics-attack.json"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let imported = try STIXImporter().importBundle(bytes: bytes, file: "ics.json").network
        #expect(imported.entityKinds[STIXMapping.softwareKind] != nil)
        let (bundle, result) = try Self.roundTrip(imported)
        #expect(result.network == imported)
        guard case .array(let objects) = bundle["objects"] else { Issue.record("the bundle has no objects array"); return }
        #expect(objects.contains { $0["id"] == "intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192" && $0["name"] == "Sandworm Team" })
        #expect(objects.contains { $0["type"] == "campaign" && $0["name"] == "2015 Ukraine Electric Power Attack" })
        #expect(objects.contains { $0["type"] == "malware" && $0["name"] == "BlackEnergy" && $0["is_family"] == true })
    }

    @Test("the official STIX validator accepts the flagship export", .enabled(if: PythonCheck.available(["stix2validator"]), "needs Python's stix2-validator"))
    func officialValidator() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-flagship-\(getpid()).json")
        try Data(STIXExporter().data(for: Self.flagship)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys
            from stix2validator import validate_file, ValidationOptions
            result = validate_file(sys.argv[1], ValidationOptions(version="2.1"))
            for o in result.object_results:
                for e in o.errors: print("error:", o.object_id, e)
            print("valid" if result.is_valid else "invalid")
            """
        let output = try #require(PythonCheck.run(script, input: "", arguments: [file.path], modules: ["stix2validator"]))
        #expect(output.hasSuffix("valid\n") && !output.contains("invalid"), "\(output)")
    }
}
