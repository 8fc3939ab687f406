/// Options of a STIX import.
public struct STIXImportOptions: Sendable, Hashable {
    /// Import revoked objects and ATT&CK's deprecated ones (`x_mitre_deprecated`)
    /// too, tagged `revoked` or `deprecated`. Off by default.
    public var includeRevoked: Bool
    /// A built-in kind `malware` and `tool` objects become instead (`--software-as`);
    /// `nil` (the default) imports them as the declared kind `software`.
    public var softwareKind: EntityKind?
    /// Leave out `malware`, `tool` and `infrastructure` objects (`--skip-software`),
    /// and so the relationships that involve them.
    public var skipSoftware: Bool
    /// The network's title; by default the bundle's only report's name, else
    /// "STIX bundle FILE".
    public var title: String?

    /// Kinds software may be imported as (actors that are not people or places).
    public static let softwareKinds: [EntityKind] = [.organization, .group, .agency, .publication]

    /// Creates options.
    public init(includeRevoked: Bool = false, softwareKind: EntityKind? = nil, skipSoftware: Bool = false, title: String? = nil) {
        self.includeRevoked = includeRevoked
        self.softwareKind = softwareKind
        self.skipSoftware = skipSoftware
        self.title = title
    }
}

/// What an import did, for the user: counts of what was imported, skipped and dropped.
public struct STIXImportReport: Sendable, Hashable {
    /// Objects in the bundle (one per id).
    public var objects = 0
    /// Imported entities by kind.
    public var entitiesByKind: [EntityKind: Int] = [:]
    /// Imported relations.
    public var relations = 0
    /// Sources created from external references and reports.
    public var sources = 0
    /// Custom relation types declared for STIX relationship types.
    public var declaredTypes: [String] = []
    /// Objects of types relgraph does not import, by type.
    public var skippedByType: [String: Int] = [:]
    /// `malware`, `tool` and `infrastructure` objects skipped (`skipSoftware`).
    public var skippedSoftware: [String: Int] = [:]
    /// Revoked or deprecated objects skipped.
    public var skippedRevoked = 0
    /// Relationships dropped because an end was skipped.
    public var droppedRelationships = 0
    /// Relationships dropped because an end is not in the bundle.
    public var danglingRelationships = 0
    /// Relationships without a `relationship_type`, `source_ref` or `target_ref`.
    public var malformedRelationships = 0
    /// Reports that became sources.
    public var reportsAsSources = 0
    /// Older versions of objects left out (same id, older `modified`).
    public var olderVersions = 0
    /// Objects that carried relgraph's own extension (from `relgraph export stix`).
    public var relgraphObjects = 0
    /// Opinions imported as claims (`disagree`: denials).
    public var opinions = 0

    /// The report as lines for standard error.
    public var lines: [String] {
        var lines: [String] = []
        let entityCount = entitiesByKind.values.reduce(0, +)
        let kinds = entitiesByKind.keys.sorted().map { "\(entitiesByKind[$0]!) \($0.rawValue)" }.joined(separator: ", ")
        var imported = "imported \(entityCount) entit\(entityCount == 1 ? "y" : "ies")"
        if !kinds.isEmpty { imported += " (\(kinds))" }
        imported += ", \(relations) relation\(relations == 1 ? "" : "s"), \(sources) source\(sources == 1 ? "" : "s")"
        if !declaredTypes.isEmpty {
            imported += ", \(declaredTypes.count) custom relation type\(declaredTypes.count == 1 ? "" : "s") (\(declaredTypes.joined(separator: ", ")))"
        }
        lines.append(imported + " from \(objects) object\(objects == 1 ? "" : "s")")
        if relgraphObjects > 0 { lines.append("\(relgraphObjects) objects carried relgraph's extension and were imported exactly") }
        if reportsAsSources > 0 { lines.append("\(reportsAsSources) report\(reportsAsSources == 1 ? "" : "s") became source\(reportsAsSources == 1 ? "" : "s")") }
        func breakdown(_ counts: [String: Int]) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        let skipped = skippedByType.values.reduce(0, +)
        if skipped > 0 { lines.append("skipped \(skipped) object\(skipped == 1 ? "" : "s") of types relgraph does not import: \(breakdown(skippedByType))") }
        let software = skippedSoftware.values.reduce(0, +)
        if software > 0 {
            lines.append("skipped \(software) software and infrastructure object\(software == 1 ? "" : "s") (\(breakdown(skippedSoftware))) as asked by --skip-software")
        }
        if skippedRevoked > 0 { lines.append("skipped \(skippedRevoked) revoked or deprecated object\(skippedRevoked == 1 ? "" : "s") (--include-revoked imports them)") }
        if droppedRelationships > 0 { lines.append("dropped \(droppedRelationships) relationship\(droppedRelationships == 1 ? "" : "s") whose source or target was skipped") }
        if danglingRelationships > 0 { lines.append("dropped \(danglingRelationships) relationship\(danglingRelationships == 1 ? "" : "s") whose source or target is not in the bundle") }
        if malformedRelationships > 0 { lines.append("dropped \(malformedRelationships) relationship\(malformedRelationships == 1 ? "" : "s") without relationship_type, source_ref or target_ref") }
        if opinions > 0 { lines.append("\(opinions) opinion\(opinions == 1 ? "" : "s") became claims (disagree: denials)") }
        if olderVersions > 0 { lines.append("left out \(olderVersions) older version\(olderVersions == 1 ? "" : "s") of objects (same id, older 'modified')") }
        return lines
    }
}

/// The outcome of a STIX import.
public struct STIXImportResult: Sendable {
    /// The network (valid unless ``diagnostics`` has errors).
    public var network: Network
    /// What was imported and what was not.
    public var report: STIXImportReport
    /// Problems in the bundle: warnings for objects that could not be read, errors
    /// only when relgraph's own extension data is invalid.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}

/// Turns a STIX 2.1 (or 2.0) bundle into a relgraph network.
///
/// Threat actors and intrusion sets become groups, campaigns and incidents
/// events, identities people, groups or organizations by `identity_class`,
/// locations states (a country and nothing finer) or territories; reports and
/// external references become sources; relationships become relations, with
/// STIX types that have no built-in counterpart declared as custom types. Every
/// entity and relation keeps its STIX id in `external_ids.stix`. Objects that
/// carry relgraph's own extension (written by ``STIXExporter``) are read back
/// exactly. `docs/interop.md` has the tables.
public struct STIXImporter: Sendable {
    /// The options.
    public var options: STIXImportOptions

    /// Creates an importer.
    public init(options: STIXImportOptions = STIXImportOptions()) {
        self.options = options
    }

    /// Imports the bundle in `bytes`; `file` names it in diagnostics. Throws when the
    /// bytes are not JSON or not a bundle (with the position).
    public func importBundle(bytes: [UInt8], file: String) throws(Diagnostic) -> STIXImportResult {
        let bundle = try STIXBundle.read(bytes, file: file)
        var run = ImportRun(options: options, file: file, bundle: bundle)
        return run.run()
    }
}

/// One import: the state shared by its steps.
struct ImportRun {
    let options: STIXImportOptions
    let file: String
    let bundle: STIXBundle
    var report = STIXImportReport()
    var diagnostics: [Diagnostic] = []

    init(options: STIXImportOptions, file: String, bundle: STIXBundle) {
        self.options = options
        self.file = file
        self.bundle = bundle
        diagnostics = bundle.diagnostics
        report.objects = bundle.objects.count
        report.olderVersions = bundle.olderVersions
    }

    /// An entity to be: its object, kind and (for relgraph's own objects) extension data.
    struct Candidate {
        var object: STIXObject
        var kind: EntityKind
        var extensionData: [String: SyntaxNode]?
        var id = ""
    }

    // Classified objects.
    var candidates: [Candidate] = []
    var relationships: [STIXObject] = []
    var reports: [STIXObject] = []
    var networkExtension: SyntaxNode?
    var objectsByID: [String: STIXObject] = [:]
    var opinions: [STIXObject] = []

    // Results.
    var entityByStixID: [String: (id: String, kind: EntityKind)] = [:]
    var network = Network()
    var sourceIDs = UniqueIDs()
    var sourceByKey: [String: String] = [:]
    var reportSources: [String: [String]] = [:]  // STIX id → source ids of reports that list it
    var customTypes: [String: RelationType] = [:]

    mutating func run() -> STIXImportResult {
        classify()
        decodeRelgraphObjects()
        importReports()
        importEntities()
        importRelationships()
        importOpinions()
        finish()
        return STIXImportResult(network: network, report: report, diagnostics: Diagnostic.sortedByPosition(diagnostics))
    }

    func warn(_ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(file: file, location: location, severity: .warning, code: "stix-value", message: message, hint: hint)
    }

    static func extensionData(of object: STIXObject) -> [String: SyntaxNode]? {
        guard let extensions = object.object("extensions"), let node = extensions[STIXMapping.extensionID] else { return nil }
        return STIXObject.members(node)
    }

    // MARK: Classifying

    mutating func classify() {
        for object in bundle.objects {
            objectsByID[object.id] = object
            if object.id == STIXMapping.relgraphIdentityID || object.id == STIXMapping.extensionID { continue }
            let data = Self.extensionData(of: object)
            if object.type == "report", let network = data?["network"] {
                networkExtension = network
                report.relgraphObjects += 1
                continue
            }
            if object.type == "opinion" { opinions.append(object); continue }
            let isEntityType = STIXMapping.entityTypes.contains(object.type)
            let isSoftware = STIXMapping.softwareTypes.contains(object.type) || object.type == STIXMapping.infrastructureType
            guard isEntityType || isSoftware || object.type == "relationship" || object.type == "report" else {
                report.skippedByType[object.type, default: 0] += 1
                continue
            }
            if isSoftware && options.skipSoftware && data?["entity"] == nil {
                report.skippedSoftware[object.type, default: 0] += 1
                continue
            }
            if (object.isRevoked || object.isDeprecated) && !options.includeRevoked {
                report.skippedRevoked += 1
                continue
            }
            switch object.type {
            case "relationship": relationships.append(object)
            case "report": reports.append(object)
            default:
                if let entity = data?["entity"], let fields = STIXObject.members(entity) {
                    let kind = STIXObject.string(fields["kind"]).flatMap(EntityKind.init(rawValue:)) ?? .organization
                    candidates.append(Candidate(object: object, kind: kind, extensionData: fields))
                    report.relgraphObjects += 1
                } else {
                    candidates.append(Candidate(object: object, kind: kind(of: object)))
                }
            }
        }
    }

    func kind(of object: STIXObject) -> EntityKind {
        switch object.type {
        case "threat-actor", "intrusion-set": return .group
        case "campaign", "incident": return .event
        case "identity": return STIXMapping.kind(identityClass: object.string("identity_class"))
        case "location": return isState(object) ? .state : .territory
        case STIXMapping.infrastructureType: return STIXMapping.infrastructureKind
        default: return options.softwareKind ?? STIXMapping.softwareKind  // malware, tool
        }
    }

    /// A location is a state when it names a country and nothing finer, and its
    /// name (if any) is that country's.
    func isState(_ object: STIXObject) -> Bool {
        guard let country = object.text("country")?.uppercased() else { return false }
        let finer = ["administrative_area", "city", "street_address", "postal_code", "latitude", "longitude"]
        if finer.contains(where: { object.fields[$0] != nil }) { return false }
        guard let name = object.text("name") else { return true }
        return name.uppercased() == country || CountryCodes.code(forName: name) == country
    }

    // MARK: relgraph's own objects

    /// Decodes the objects carrying relgraph's extension as one relgraph document,
    /// so they go through the same decoder and checks as a YAML file.
    mutating func decodeRelgraphObjects() {
        let relgraphEntities = candidates.indices.filter { candidates[$0].extensionData != nil }
        guard networkExtension != nil || !relgraphEntities.isEmpty else { return }
        func key(_ name: String, at location: SourceLocation) -> SyntaxNode { SyntaxNode(.scalar(name, .quoted), at: location) }
        var top: [SyntaxPair] = []
        if let node = networkExtension, case .mapping(let pairs) = node.value {
            top = pairs.filter { ["title", "description", "sources", "entity_kinds", "relation_types", "style", "views"].contains($0.keyText ?? "") }
        }
        var entityNodes: [SyntaxNode] = []
        var ids = Set<String>()
        for index in relgraphEntities {
            let candidate = candidates[index]
            guard let node = Self.extensionData(of: candidate.object)?["entity"], case .mapping(let pairs) = node.value else { continue }
            var entityPairs = pairs.filter { $0.keyText != "name" && $0.keyText != "description" }
            for field in ["name", "description"] {
                if let value = candidate.object.fields[field] { entityPairs.append(SyntaxPair(key: key(field, at: value.location), value: value)) }
            }
            entityNodes.append(SyntaxNode(.mapping(entityPairs), at: candidate.object.location))
            let id = STIXObject.string(candidate.extensionData?["id"]) ?? candidate.object.id
            candidates[index].id = id
            ids.insert(id)
            entityByStixID[candidate.object.id] = (id, candidate.kind)
        }
        var relationNodes: [SyntaxNode] = []
        var remaining: [STIXObject] = []
        for object in relationships {
            guard let node = Self.extensionData(of: object)?["relation"], case .mapping(let pairs) = node.value else {
                remaining.append(object)
                continue
            }
            report.relgraphObjects += 1
            guard let from = object.string("source_ref"), let to = object.string("target_ref") else {
                report.malformedRelationships += 1
                continue
            }
            guard let fromID = entityByStixID[from]?.id, let toID = entityByStixID[to]?.id else {
                if objectsByID[from] == nil || objectsByID[to] == nil { report.danglingRelationships += 1 } else { report.droppedRelationships += 1 }
                continue
            }
            var relationPairs = pairs.filter { !["from", "to", "note"].contains($0.keyText ?? "") }
            relationPairs.insert(SyntaxPair(key: key("from", at: object.fields["source_ref"]!.location),
                                            value: SyntaxNode(.scalar(fromID, .quoted), at: object.fields["source_ref"]!.location)), at: 0)
            relationPairs.insert(SyntaxPair(key: key("to", at: object.fields["target_ref"]!.location),
                                            value: SyntaxNode(.scalar(toID, .quoted), at: object.fields["target_ref"]!.location)), at: 1)
            if let note = object.fields["description"] { relationPairs.append(SyntaxPair(key: key("note", at: note.location), value: note)) }
            relationNodes.append(SyntaxNode(.mapping(relationPairs), at: object.location))
        }
        relationships = remaining
        let start = networkExtension?.location ?? .start
        top.append(SyntaxPair(key: key("entities", at: start), value: SyntaxNode(.sequence(entityNodes), at: start)))
        top.append(SyntaxPair(key: key("relations", at: start), value: SyntaxNode(.sequence(relationNodes), at: start)))
        let context = DecodingContext(file: file)
        let (decoded, map) = NetworkDecoder(context: context).decode(SyntaxNode(.mapping(top), at: start))
        // When everything is relgraph's own, references are checked here too, so an
        // edited bundle is reported at its positions (errors only: warnings such as
        // isolated entities are counted when the network is written).
        if candidates.allSatisfy({ $0.extensionData != nil }) && remaining.isEmpty {
            let checks = DecodingContext(file: file)
            NetworkValidator(network: decoded, map: map, context: checks).validate()
            diagnostics += checks.diagnostics.filter(\.isError)
        }
        diagnostics += context.diagnostics
        network = decoded
        for source in decoded.sources.keys { _ = sourceIDs.reserve(source) }
        for entity in decoded.entities { report.entitiesByKind[entity.kind, default: 0] += 1 }
        report.relations += decoded.relations.count
    }

    // MARK: Sources

    /// Reports become sources; the objects they list cite them.
    mutating func importReports() {
        for object in reports {
            let name = object.text("name") ?? "Report \(object.uuid.prefix(8))"
            warnIfUnreadableName(object, usedInstead: name)
            let id = sourceIDs.make(IDPolicy.slug(from: name) ?? "report")
            var source = Source(id: id, title: name)
            source.date = object.string("published").flatMap(STIXMapping.date(timestamp:))
            source.url = object.objects("external_references").lazy.compactMap { STIXObject.string($0["url"]) }.first
            if let creator = object.string("created_by_ref"), let identity = objectsByID[creator] {
                source.publisher = identity.text("name")
            }
            network.sources[id] = source
            report.reportsAsSources += 1
            for ref in object.strings("object_refs") { reportSources[ref, default: []].append(id) }
        }
    }

    /// The source ids of an object's external references (one source per distinct
    /// reference) and of the reports that list it.
    mutating func sources(of object: STIXObject) -> [String] {
        var ids: [String] = []
        let names = Set(([object.string("name")] + object.strings("aliases").map(Optional.some) + object.strings("x_mitre_aliases").map(Optional.some))
            .compactMap { $0?.trimmingWhitespace.lowercased() })
        for reference in object.objects("external_references") {
            let name = STIXObject.string(reference["source_name"])?.trimmingWhitespace
            let url = STIXObject.string(reference["url"])?.trimmingWhitespace
            let externalID = STIXObject.string(reference["external_id"])?.trimmingWhitespace
            let description = STIXObject.string(reference["description"])?.trimmingWhitespace
            // ATT&CK notes where an alias comes from as a reference named after the alias,
            // with neither url nor external_id: a note about a name, not a document.
            if let name, url == nil, externalID == nil, names.contains(name.lowercased()) { continue }
            let key = [name, url, externalID, description].map { $0 ?? "\u{0}" }.joined(separator: "\u{1}")
            if let id = sourceByKey[key] {
                if !ids.contains(id) { ids.append(id) }
                continue
            }
            let label = [name, externalID].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " ")
            let base = IDPolicy.slug(from: label.isEmpty ? (url ?? "") : label) ?? "reference"
            let id = sourceIDs.make(base)
            var title = description.flatMap { $0.isEmpty ? nil : $0 } ?? (label.isEmpty ? (url ?? "") : label)
            if title.isEmpty { title = "reference" }
            network.sources[id] = Source(id: id, title: title, publisher: name?.isEmpty == false ? name : nil, url: url?.isEmpty == false ? url : nil)
            sourceByKey[key] = id
            ids.append(id)
        }
        for id in reportSources[object.id] ?? [] where !ids.contains(id) { ids.append(id) }
        return ids
    }

    // MARK: Entities

    mutating func importEntities() {
        // By kind, then lowercased name, then STIX id (each lowercased name made once).
        let generic = candidates.filter { $0.extensionData == nil }
            .map { (candidate: $0, name: name(of: $0.object).lowercased()) }
            .sorted { a, b in
                if a.candidate.kind != b.candidate.kind { return a.candidate.kind < b.candidate.kind }
                if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
                return a.candidate.object.id.utf8.lexicographicallyPrecedes(b.candidate.object.id.utf8)
            }
            .map(\.candidate)
        var entityIDs = UniqueIDs()
        for entity in network.entities { _ = entityIDs.reserve(entity.id) }
        var statesByCountry: [String: [String]] = [:]
        var entities: [Entity] = []
        for candidate in generic {
            let object = candidate.object
            let name = name(of: object)
            warnIfUnreadableName(object, usedInstead: name)
            let id = entityIDs.make(IDPolicy.slug(from: name) ?? "\(object.type)-\(object.uuid.prefix(8))")
            entityByStixID[object.id] = (id, candidate.kind)
            var entity = Entity(id: id, kind: candidate.kind, name: name)
            var aliases: [String] = []
            for alias in object.strings("aliases") + object.strings("x_mitre_aliases") {
                let trimmed = alias.trimmingWhitespace
                if !trimmed.isEmpty, trimmed != name, !aliases.contains(trimmed) { aliases.append(trimmed) }
            }
            entity.aliases = aliases
            entity.description = object.text("description")
            (entity.since, entity.until) = dates(object, "first_seen", "last_seen")
            var tags = [object.type]
            for label in object.strings("labels") {
                let trimmed = label.trimmingWhitespace
                if !trimmed.isEmpty, !tags.contains(trimmed) { tags.append(trimmed) }
            }
            if object.isRevoked { tags.append("revoked") }
            if object.isDeprecated { tags.append("deprecated") }
            entity.tags = tags
            entity.url = object.objects("external_references").first { STIXObject.string($0["external_id"]) != nil && STIXObject.string($0["url"]) != nil }
                .flatMap { STIXObject.string($0["url"]) }
            entity.sources = sources(of: object)
            entity.externalIDs = ["stix": object.id]
            if candidate.kind == .state, let country = object.text("country")?.uppercased() {
                statesByCountry[country, default: []].append(id)
            }
            entities.append(entity)
            report.entitiesByKind[candidate.kind, default: 0] += 1
            if !candidate.kind.isBuiltIn, network.entityKinds[candidate.kind] == nil {
                network.entityKinds[candidate.kind] = STIXMapping.declaredKinds[candidate.kind] ?? DeclaredKind(kind: candidate.kind)
            }
        }
        // Territories inside a country lie within that country's state, when there is exactly one.
        for (i, candidate) in generic.enumerated() where candidate.kind == .territory {
            if let country = candidate.object.text("country")?.uppercased(), let states = statesByCountry[country], states.count == 1 {
                entities[i].within = states[0]
            }
        }
        network.entities += entities
    }

    /// Warns when an object has a `name` that is not a non-empty string (`{}`,
    /// `42`, `""`): it is not silently replaced by `usedInstead`.
    mutating func warnIfUnreadableName(_ object: STIXObject, usedInstead name: String) {
        guard let node = object.fields["name"], object.text("name") == nil else { return }
        let found = STIXObject.string(node) != nil ? "an empty string" : node.typeDescription
        diagnostics.append(warn("\(object.type) \(object.id): 'name' is \(found), not a name", at: node.location,
                                hint: "STIX names are non-empty strings; it is named '\(name)' instead"))
    }

    /// The entity name of an object: its `name`, else what a location says about
    /// itself, else its type and id.
    func name(of object: STIXObject) -> String {
        if let name = object.text("name") { return name }
        if object.type == "location" {
            for key in ["city", "administrative_area"] { if let text = object.text(key) { return text } }
            if let country = object.text("country") { return CountryCodes.name(forCode: country) ?? country.uppercased() }
            if let region = object.text("region") { return region }
        }
        return "\(object.type) \(object.uuid.prefix(8))"
    }

    /// Two timestamps as dates; a range that ends before it starts keeps its start only.
    mutating func dates(_ object: STIXObject, _ startKey: String, _ endKey: String) -> (PartialDate?, PartialDate?) {
        func read(_ key: String) -> PartialDate? {
            guard let node = object.fields[key] else { return nil }
            if let text = STIXObject.string(node), let date = STIXMapping.date(timestamp: text) { return date }
            diagnostics.append(warn("\(object.type) \(object.id): '\(key)' is not a STIX timestamp", at: node.location,
                                    hint: "timestamps look like 2016-01-01T00:00:00.000Z; the date is left out"))
            return nil
        }
        let start = read(startKey)
        var end = read(endKey)
        if let s = start, let e = end, s > e {
            diagnostics.append(warn("\(object.type) \(object.id): '\(endKey)' (\(e)) is before '\(startKey)' (\(s))",
                                    at: object.fields[endKey]?.location, hint: "the end date is left out"))
            end = nil
        }
        return (start, end)
    }

    // MARK: Relationships

    mutating func importRelationships() {
        struct Pending {
            var relation: Relation
            var fromIndex: Int
            var toIndex: Int
        }
        let order = Dictionary(network.entities.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var pending: [Pending] = []
        for object in relationships {
            guard let stixType = object.text("relationship_type"), let from = object.string("source_ref"), let to = object.string("target_ref") else {
                report.malformedRelationships += 1
                diagnostics.append(warn("relationship \(object.id) has no relationship_type, source_ref or target_ref", at: object.location,
                                        hint: "the relationship is skipped"))
                continue
            }
            guard let source = entityByStixID[from], let target = entityByStixID[to] else {
                if objectsByID[from] == nil || objectsByID[to] == nil { report.danglingRelationships += 1 } else { report.droppedRelationships += 1 }
                continue
            }
            let type = relationType(for: stixType, from: source.kind, to: target.kind, isSelf: source.id == target.id)
            var relation = Relation(from: source.id, type: type, to: target.id)
            (relation.since, relation.until) = dates(object, "start_time", "stop_time")
            if let node = object.fields["confidence"] {
                // STIX confidence is an integer from 0 to 100; anything else is reported
                // and left out (the relation keeps relgraph's default), never guessed.
                if let value = object.integer("confidence"), (0...100).contains(value) {
                    relation.confidence = STIXMapping.confidence(stix: value)
                } else {
                    let found = object.integer("confidence").map(String.init) ?? STIXObject.string(node).map { "\"\($0)\"" } ?? node.typeDescription
                    diagnostics.append(warn("relationship \(object.id): confidence \(found) is not a STIX confidence (an integer from 0 to 100)",
                                            at: node.location, hint: "it is left out: the relation gets relgraph's default, '\(Confidence.default.rawValue)'"))
                }
            }
            relation.note = object.text("description")
            var tags: [String] = []
            for label in object.strings("labels") {
                let trimmed = label.trimmingWhitespace
                if !trimmed.isEmpty, !tags.contains(trimmed) { tags.append(trimmed) }
            }
            if object.isRevoked { tags.append("revoked") }
            if object.isDeprecated { tags.append("deprecated") }
            relation.tags = tags
            relation.sources = sources(of: object)
            relation.externalIDs = ["stix": object.id]
            pending.append(Pending(relation: relation, fromIndex: order[source.id] ?? 0, toIndex: order[target.id] ?? 0))
        }
        pending.sort { a, b in
            if a.fromIndex != b.fromIndex { return a.fromIndex < b.fromIndex }
            if a.relation.type != b.relation.type { return a.relation.type.utf8.lexicographicallyPrecedes(b.relation.type.utf8) }
            if a.toIndex != b.toIndex { return a.toIndex < b.toIndex }
            return (a.relation.externalIDs["stix"] ?? "").utf8.lexicographicallyPrecedes((b.relation.externalIDs["stix"] ?? "").utf8)
        }
        // Relations that repeat from, type, to and since get ids, as relgraph requires.
        var seenKeys = Set<String>()
        var relationIDs = UniqueIDs()
        for relation in network.relations {
            if let id = relation.id { _ = relationIDs.reserve(id) } else { seenKeys.insert(duplicateKey(relation)) }
        }
        for item in pending {
            var relation = item.relation
            if !seenKeys.insert(duplicateKey(relation)).inserted {
                relation.id = relationIDs.make(IDPolicy.slug(from: "\(relation.from) \(relation.type) \(relation.to)") ?? "relation", first: 2)
            }
            network.relations.append(relation)
        }
        report.relations += pending.count
    }

    /// The key relgraph's validator uses to find duplicate relations.
    func duplicateKey(_ relation: Relation) -> String {
        var ends = [relation.from, relation.to]
        if network.relationType(named: relation.type)?.symmetric == true || customTypes[relation.type]?.symmetric == true { ends.sort() }
        return "\(ends[0])\u{1}\(relation.type)\u{1}\(ends[1])\u{1}\(relation.since?.description ?? "")"
    }

    /// The relgraph type of a STIX relationship: a built-in one from the table when
    /// the kinds fit, else a declared type named after the STIX type.
    mutating func relationType(for stixType: String, from: EntityKind, to: EntityKind, isSelf: Bool) -> String {
        func fits(_ type: RelationType) -> Bool {
            (isSelf ? type.allowsSelf : true) && type.fromKinds.contains(from) && type.toKinds.contains(to)
        }
        for name in STIXMapping.importedTypes[stixType] ?? [] {
            if let type = RelationType.builtInByName[name], fits(type) { return name }
        }
        var name = IDPolicy.isValid(stixType) ? stixType : STIXMapping.renamedPrefix + (IDPolicy.slug(from: stixType) ?? "relationship")
        if RelationType.builtInByName[name] != nil { name = STIXMapping.renamedPrefix + name }
        if let declared = network.relationTypes[name] {
            if fits(declared) { return name }
            name = STIXMapping.renamedPrefix + name
            while network.relationTypes[name] != nil { name = STIXMapping.renamedPrefix + name }
        }
        var type = customTypes[name] ?? RelationType(name: name, description: "STIX relationship type '\(stixType)'", from: [], to: [])
        type.fromKinds.insert(from)
        type.toKinds.insert(to)
        if isSelf { type.allowsSelf = true }
        customTypes[name] = type
        return name
    }

    // MARK: Finishing

    mutating func finish() {
        for (name, type) in customTypes { network.relationTypes[name] = type }
        report.declaredTypes = customTypes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        report.sources = network.sources.count
        let base = file == "-" ? "standard input" : String(file.split(separator: "/").last ?? Substring(file))
        if let title = options.title { network.title = title }
        // A relgraph export says everything about itself; other bundles get a title,
        // a description and a view of their groups and events.
        guard networkExtension == nil else { return }
        if options.title == nil {
            network.title = reports.count == 1 ? (reports[0].text("name") ?? "STIX bundle \(base)") : "STIX bundle \(base)"
        }
        if network.description == nil {
            network.description = "Converted by `relgraph import stix` from \(base)\(bundle.id.map { " (\($0))" } ?? ""). "
                + (options.skipSoftware ? "Threat actors, intrusion sets, campaigns, incidents, identities and locations"
                                        : "Threat actors, intrusion sets, campaigns, incidents, identities, locations, malware, tools and infrastructure")
                + " became entities, "
                + "reports and external references sources; other STIX objects were left out (see docs/interop.md)."
        }
        let kinds = Set(network.entities.map(\.kind))
        guard network.views.isEmpty, kinds.contains(.group) else { return }
        if kinds.contains(.event) {
            network.views["groups-and-events"] = ViewDefinition(name: "groups-and-events", title: "Groups and events",
                                                                description: "Groups (intrusion sets, threat actors) and events (campaigns, incidents).",
                                                                kinds: [.group, .event])
        }
        // With software imported, a view of groups, events and software, chosen by
        // the STIX type each entity carries as a tag (so identities stay out).
        let softwareTypes = STIXMapping.softwareTypes.union([STIXMapping.infrastructureType])
        if network.entities.contains(where: { $0.tags.first.map(softwareTypes.contains) == true }) {
            let wanted = ["intrusion-set", "threat-actor", "campaign", "incident", "malware", "tool", "infrastructure"]
            let present = Set(network.entities.compactMap(\.tags.first))
            network.views["groups-events-software"] = ViewDefinition(
                name: "groups-events-software", title: "Groups, events and software",
                description: "Groups, events and the malware, tools and infrastructure they use (entities tagged with these STIX types).",
                tags: wanted.filter(present.contains))
        }
    }
}

/// Hands out unique ids: `base`, then `base-2`, `base-3`… in the order asked.
///
/// Each stem remembers the lowest suffix that may still be free, so that n ids
/// from one stem (n relationships between the same two objects) take n probes,
/// not n²/2: every suffix below it was found taken, and taken ids stay taken.
struct UniqueIDs {
    private var used = Set<String>()
    /// For each stem, a suffix such that every one from 2 up to it is taken.
    private var nextSuffix: [String: Int] = [:]
    /// Ids tried so far (for tests: it grows linearly with the ids made).
    private(set) var probes = 0

    /// Marks `id` as taken; returns whether it was free.
    mutating func reserve(_ id: String) -> Bool { used.insert(id).inserted }

    /// A free id made from `base` (suffixes start at `first`, or none when free).
    mutating func make(_ base: String, first: Int? = nil) -> String {
        let stem = String(base.prefix(IDPolicy.maxLength - 8))
        probes += 1
        if first == nil, used.insert(stem).inserted { return stem }
        let known = nextSuffix[stem] ?? 2
        let start = first ?? 2
        // Suffixes below `known` are all taken: start there when the search would
        // otherwise go over them again (the same answer, without the probes).
        var n = start <= known ? known : start
        while true {
            probes += 1
            if used.insert("\(stem)-\(n)").inserted { break }
            n += 1
        }
        if start <= known { nextSuffix[stem] = n + 1 }
        return "\(stem)-\(n)"
    }
}
