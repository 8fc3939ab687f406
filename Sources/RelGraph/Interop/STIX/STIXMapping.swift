/// The fixed parts of relgraph's STIX 2.1 mapping: the namespace of its ids,
/// which STIX object types become which entity kinds and back, which relation
/// types correspond, and how confidence numbers map to relgraph's words.
/// `docs/interop.md` documents every table here.
public enum STIXMapping {
    /// The namespace of relgraph's version-5 UUIDs. Every exported id is
    /// `TYPE--UUIDv5(namespace, NAME)` with NAME `entity:ID`, `relation:KEY`,
    /// `report:network`, `bundle:TITLE`, `identity:relgraph` or `extension:relgraph`.
    public static let namespace = "e1b2c5ec-c4b6-417a-a2bf-8ef41cb0d521"

    /// `TYPE--UUIDv5(namespace, name)`.
    public static func id(_ type: String, _ name: String) -> String {
        "\(type)--\(UUIDv5.make(namespace: namespace, name: name)!)"
    }

    /// The identity that creates relgraph's extension definition.
    public static let relgraphIdentityID = id("identity", "identity:relgraph")
    /// The extension definition whose property extension carries relgraph's fields.
    public static let extensionID = id("extension-definition", "extension:relgraph")
    /// The creation time of the two objects above (they never change).
    static let definitionTimestamp = "2025-01-01T00:00:00.000Z"
    /// The timestamp of exported objects when the network cites no dated source.
    public static let epochTimestamp = "1970-01-01T00:00:00.000Z"

    // MARK: Kinds

    /// STIX object types the importer turns into entities of built-in kinds.
    public static let entityTypes: Set<String> = ["threat-actor", "intrusion-set", "campaign", "identity", "location", "incident"]
    /// STIX software types: imported as the declared kind ``softwareKind`` (or a
    /// built-in kind chosen with `--software-as`), left out with `--skip-software`.
    public static let softwareTypes: Set<String> = ["malware", "tool"]
    /// STIX `infrastructure`: imported as the declared kind ``infrastructureKind``,
    /// left out with `--skip-software`.
    public static let infrastructureType = "infrastructure"

    /// The kind the importer declares for malware and tools.
    public static let softwareKind = EntityKind("software")
    /// The kind the importer declares for infrastructure.
    public static let infrastructureKind = EntityKind("infrastructure")

    /// How the importer declares the kinds it adds (under `entity_kinds:`).
    public static let declaredKinds: [EntityKind: DeclaredKind] = [
        softwareKind: DeclaredKind(kind: softwareKind, description: "malware or a tool (STIX malware, tool)"),
        infrastructureKind: DeclaredKind(kind: infrastructureKind,
                                         description: "systems, networks and services used in attacks (STIX infrastructure)"),
    ]

    /// The kind of an imported `identity` by its `identity_class`.
    static func kind(identityClass: String?) -> EntityKind {
        switch identityClass {
        case "individual": return .person
        case "group": return .group
        default: return .organization  // organization, class, system, unknown, or none
        }
    }

    /// The STIX type relgraph exports a kind as, unless the entity keeps a fitting
    /// STIX id from an import.
    static func exportType(of kind: EntityKind) -> String {
        switch kind {
        case .group, .agency, .person, .organization, .publication: return "identity"
        case .state, .territory: return "location"
        case .event: return "incident"
        default: return "identity"  // a declared kind: an identity of class unknown
        }
    }

    /// STIX types an entity of `kind` may keep from its `external_ids.stix` on export.
    static func keptTypes(for kind: EntityKind) -> Set<String> {
        switch kind {
        case .group: return ["identity", "intrusion-set", "threat-actor", "malware", "tool"]
        case .agency, .organization, .publication: return ["identity", "threat-actor", "malware", "tool"]
        case .person: return ["identity", "threat-actor"]
        case .state, .territory: return ["location"]
        case .event: return ["incident", "campaign"]
        default: return ["identity", "malware", "tool", "infrastructure", "threat-actor", "intrusion-set"]
        }
    }

    /// `identity_class` of an exported identity.
    static func identityClass(of kind: EntityKind) -> String {
        switch kind {
        case .person: return "individual"
        case .group: return "group"
        case _ where !kind.isBuiltIn: return "unknown"
        default: return "organization"
        }
    }

    // MARK: Relation types

    /// STIX relationship types and the built-in relation types they become on
    /// import, tried in order; the first whose kinds fit is used, otherwise the
    /// STIX type is declared as a custom type.
    public static let importedTypes: [String: [String]] = [
        "targets": ["targeted"],
        "located-at": ["based-in", "occurred-in"],
        "related-to": ["related-to"],
        "controls": ["controls"],
    ]

    /// Built-in relation types with a STIX name of their own; every other type is
    /// exported under its own name (a custom STIX relationship type).
    public static let exportedTypes: [String: String] = [
        "targeted": "targets",
        "based-in": "located-at",
        "occurred-in": "located-at",
    ]

    /// Custom types the importer had to rename (`stix-controls` when STIX's
    /// `controls` joins kinds the built-in `controls` does not allow).
    static let renamedPrefix = "stix-"

    /// The STIX `relationship_type` of a relgraph type: the table above, else the
    /// name lowercased with every character other than a–z, 0–9 and `-` as `-`.
    public static func stixRelationshipType(for type: String) -> String {
        if let mapped = exportedTypes[type] { return mapped }
        var name = type
        if name.hasPrefix(renamedPrefix), RelationType.builtInByName[String(name.dropFirst(renamedPrefix.count))] != nil {
            name = String(name.dropFirst(renamedPrefix.count))
        }
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-": out.unicodeScalars.append(scalar)
            default: out += "-"
            }
        }
        return out.isEmpty ? "related-to" : out
    }

    // MARK: Confidence

    /// STIX confidence (0–100) to relgraph, after the STIX 2.1 Admiralty
    /// credibility scale (Appendix A): 80–100 confirmed (1), 40–79 reported
    /// (2–3, probably or possibly true), 20–39 alleged (4, doubtful), 0–19
    /// disputed (5, improbable).
    public static func confidence(stix value: Int) -> Confidence {
        switch value {
        case 80...: return .confirmed
        case 40..<80: return .reported
        case 20..<40: return .alleged
        default: return .disputed
        }
    }

    /// relgraph confidence to STIX: the middle of each band (90, 60, 30, 10), which
    /// imports back to the same word.
    public static func stixConfidence(_ confidence: Confidence) -> Int {
        switch confidence {
        case .confirmed: return 90
        case .reported: return 60
        case .alleged: return 30
        case .disputed: return 10
        }
    }

    // MARK: Dates

    /// The calendar day of a STIX timestamp (`2015-12-01T05:00:00.000Z` → 2015-12-01),
    /// or `nil` when it does not start with a valid `YYYY-MM-DD`.
    static func date(timestamp: String) -> PartialDate? {
        guard timestamp.utf8.count >= 10 else { return nil }
        let day = String(timestamp.prefix(10))
        guard let date = PartialDate(day), date.precision == .day else { return nil }
        let rest = timestamp.dropFirst(10)
        guard rest.isEmpty || rest.first == "T" || rest.first == "t" || rest.first == " " else { return nil }
        return date
    }

    /// The first moment of a date's span: `2015` → `2015-01-01T00:00:00.000Z`.
    static func startTimestamp(_ date: PartialDate) -> String { "\(date.firstDay)T00:00:00.000Z" }

    /// The last moment of a date's span: `2015` → `2015-12-31T23:59:59.999Z`.
    static func endTimestamp(_ date: PartialDate) -> String { "\(date.lastDay)T23:59:59.999Z" }
}
