/// Turns a ``SyntaxNode`` tree into a ``Network`` and its ``SourceMap``,
/// reporting every problem of shape and value (cross-references are checked
/// afterwards by ``NetworkValidator``).
struct NetworkDecoder {
    static let topLevelKeys = ["title", "description", "sources", "entity_kinds", "entities", "relations", "relation_types", "style", "views"]
    static let entityKeys = ["id", "kind", "name", "aliases", "description", "since", "until", "ended", "within", "tags", "url", "sources", "external_ids"]
    static let relationKeys = ["from", "type", "to", "id", "since", "until", "ended", "confidence", "grade", "claims", "note", "tags", "sources", "external_ids"]
    static let sourceKeys = ["title", "author", "publisher", "date", "url", "reliability"]
    static let claimKeys = ["source", "by", "quote", "date", "stance", "credibility"]
    static let relationTypeKeys = ["label", "description", "direction", "from", "to", "allow_self", "family"]
    static let viewKeys = ["title", "description", "focus", "depth", "direction", "as_of", "between", "kinds", "exclude_kinds",
                           "types", "exclude_types", "tags", "exclude_tags", "min_confidence", "cluster",
                           "known_as_of", "dated_only", "page"]
    static let styleKeys = ["kinds", "types", "tags", "direction", "font"]
    static let styleRuleKeys = ["color", "fill", "shape", "line", "font", "font_color", "width", "arrow"]

    let context: DecodingContext

    func decode(_ root: SyntaxNode) -> (Network, SourceMap) {
        var network = Network()
        var map = SourceMap()
        map.root = root.location
        guard let top = context.mapping(root, what: "the document", allowedKeys: Self.topLevelKeys, ignoredKeys: ["$schema"],
                                        keyHint: "a network is a mapping with title, sources, entities and relations") else {
            return (network, map)
        }
        map.sections = top.itemLocations.fields
        network.title = text(top["title"], "title")
        network.description = text(top["description"], "description")
        if top.value("entities") == nil {
            context.error(.missingKey, "the document has no 'entities'", at: root.location,
                          hint: "add `entities:` with a list of entities (id, kind, name)")
        }
        if let node = top["entity_kinds"] { decodeEntityKinds(node, into: &network, map: &map) }
        if let node = top["sources"] { decodeSources(node, into: &network, map: &map) }
        if let node = top["relation_types"] { decodeRelationTypes(node, into: &network, map: &map) }
        // Each item goes straight into the network as it is decoded (a list of
        // the decoded items first would hold every relation twice at once).
        let entityNodes = elements(top["entities"], what: "'entities'")
        network.entities.reserveCapacity(entityNodes.count)
        map.entities.reserveCapacity(entityNodes.count)
        for (index, element) in entityNodes.enumerated() {
            guard let (result, locations) = decodeEntity(element, index: index) else { continue }
            switch result {
            case .success(let entity):
                network.entities.append(entity)
                map.entities.append(locations)
            case .failure(let rejected):
                if let id = rejected.id {
                    map.rejectedEntityIDs.insert(id)
                    if let kind = rejected.kind { map.rejectedEntityKinds[id] = kind }
                }
            }
        }
        let relationNodes = elements(top["relations"], what: "'relations'")
        network.relations.reserveCapacity(relationNodes.count)
        map.relations.reserveCapacity(relationNodes.count)
        for (index, element) in relationNodes.enumerated() {
            guard let (relation, locations) = decodeRelation(element, index: index) else { continue }
            network.relations.append(relation)
            map.relations.append(locations)
        }
        if let node = top["style"] { network.style = decodeStyle(node, map: &map) }
        if let node = top["views"] { decodeViews(node, into: &network, map: &map) }
        return (network, map)
    }

    // MARK: Helpers

    func text(_ node: SyntaxNode?, _ what: @autoclosure () -> String) -> String? {
        guard let node, let value = context.string(node, what()) else { return nil }
        context.checkText(value, what(), at: node.location)
        return value
    }

    /// The items of the list `node` (none when absent; reported when it is not a list).
    private func elements(_ node: SyntaxNode?, what: String) -> [SyntaxNode] {
        guard let node else { return [] }
        guard case .sequence(let elements) = node.value else {
            context.error(.wrongType, "\(what) must be a list, found \(node.typeDescription)", at: node.location,
                          hint: "start each item with `- ` (YAML) or use [ ... ] (JSON)")
            return []
        }
        return elements
    }

    func checkID(_ id: String, _ what: String, at location: SourceLocation) -> Bool {
        if IDPolicy.isValid(id) { return true }
        context.error(.badID, "\(what) '\(id)' is not a valid id", at: location,
                      hint: "ids are slugs: letters, digits and - _ . : / @ +, starting with a letter or digit" +
                            (IDPolicy.slug(from: id).map { ", e.g. '\($0)'" } ?? ""))
        return false
    }

    private func url(_ node: SyntaxNode?, _ what: String) -> String? {
        guard let node, let value = context.string(node, what) else { return nil }
        if let problem = URLPolicy.problem(with: value) {
            context.warning(.badURL, "\(what) '\(String(value.prefix(80)))' \(problem)", at: node.location,
                            hint: "links must be http, https or mailto URLs; relgraph will not link it")
        }
        return value
    }

    /// `ended: true|false`; `until` implies `true`, so `ended: false` beside an `until` is an error.
    private func ended(_ fields: DecodingContext.Fields, _ what: @autoclosure () -> String) -> Bool {
        let value = context.boolean(fields["ended"], "ended")
        if value == false, fields["until"] != nil, let node = fields["ended"] {
            context.error(.badValue, "\(what()) has an 'until' date, so it has ended; 'ended: false' contradicts it",
                          at: node.location, hint: "remove `ended: false`, or remove `until` if it has not ended")
        }
        return value ?? false
    }

    /// A source's Admiralty reliability letter, `A` to `F`.
    private func reliability(_ node: SyntaxNode?) -> String? {
        guard let node, let text = context.string(node, "reliability") else { return nil }
        if text.count == 1, "ABCDEF".contains(text) { return text }
        let hint = text.count == 1 && "abcdef".contains(text)
            ? "did you mean '\(text.uppercased())'? Letters are capitals, as in grades"
            : "A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged"
        context.error(.badGrade, "reliability '\(text)' is not an Admiralty letter A–F", at: node.location, hint: hint)
        return nil
    }

    private func externalIDs(_ node: SyntaxNode?) -> [String: String] {
        guard let node, let fields = context.mapping(node, what: "'external_ids'", allowedKeys: ["stix", "csv", "other"]) else { return [:] }
        var ids: [String: String] = [:]
        for (key, value) in fields.entries where !value.isNull {
            if let text = context.string(value, "external id '\(key)'") { ids[key] = text }
        }
        return ids
    }

    // MARK: Sources

    private func decodeSources(_ node: SyntaxNode, into network: inout Network, map: inout SourceMap) {
        guard case .mapping(let pairs) = node.value else {
            context.error(.wrongType, "'sources' must be a mapping from source id to its details, found \(node.typeDescription)",
                          at: node.location, hint: "sources:\n    my-source: {title: ..., publisher: ..., date: 2025-10-09}")
            return
        }
        var seen: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let id = context.string(pair.key, "a source id") else { continue }
            if let first = seen[id] {
                context.error(.duplicateKey, "duplicate source id '\(id)'", at: pair.key.location,
                              hint: "'\(id)' is already defined at line \(first.line); rename one")
                continue
            }
            seen[id] = pair.key.location
            _ = checkID(id, "source id", at: pair.key.location)
            guard let fields = context.mapping(pair.value, what: "source '\(id)'", allowedKeys: Self.sourceKeys) else { continue }
            var source = Source(id: id)
            source.title = context.requiredString(fields, "title", in: "source '\(id)'", example: "\"Article title\"")
            source.author = text(fields["author"], "author")
            source.publisher = text(fields["publisher"], "publisher")
            source.date = context.date(fields["date"], "date")
            source.url = url(fields["url"], "url")
            source.reliability = reliability(fields["reliability"])
            network.sources[id] = source
            var locations = fields.itemLocations
            locations.start = pair.key.location
            map.sources[id] = locations
        }
    }

    // MARK: Entities

    /// An entity that could not be decoded; its id (if it had one) still counts as
    /// declared, and its kind (if known or guessed) still checks its relations.
    struct RejectedEntity: Error {
        var id: String?
        var kind: SourceMap.RejectedKind?
    }

    private func decodeEntity(_ node: SyntaxNode, index: Int) -> (Result<Entity, RejectedEntity>, ItemLocations)? {
        guard let fields = context.mapping(node, what: "an entity", allowedKeys: Self.entityKeys) else { return nil }
        // A missing id is shown as a slug of the entity's own name.
        let nameText = fields.value("name").flatMap { node -> String? in
            if case .scalar(let text, _) = node.value { return text }
            return nil
        }
        let id = context.requiredString(fields, "id", in: "entity #\(index + 1)",
                                        example: nameText.flatMap(IDPolicy.suggestedID(forName:)) ?? "iskp")
        func label() -> String { id.map { "entity '\($0)'" } ?? "entity #\(index + 1)" }
        let kindText = context.requiredString(fields, "kind", in: label(), example: "group")
        let name = context.requiredString(fields, "name", in: label(), example: "\"Islamic State–Khorasan Province\"")
        var valid = id != nil && kindText != nil && name != nil
        if let id, !checkID(id, "entity id", at: fields.value("id")!.location) { valid = false }
        var kind: EntityKind?
        if kindText != nil {
            kind = self.kind(fields.value("kind"), "kind")
            if kind == nil { valid = false }
        }
        if let name, let node = fields.value("name") { context.checkText(name, "name of \(label())", at: node.location) }
        let aliases = context.stringList(fields["aliases"], "'aliases'")
        if let node = fields["aliases"] { aliases.forEach { context.checkText($0, "an alias of \(label())", at: node.location) } }
        let entity = Entity(
            id: id ?? "", kind: kind ?? .group, name: name ?? "",
            aliases: aliases,
            description: text(fields["description"], "description"),
            since: context.date(fields["since"], "since"),
            until: context.date(fields["until"], "until"),
            ended: ended(fields, label()),
            within: context.string(fields["within"], "within"),
            tags: context.stringList(fields["tags"], "'tags'"),
            url: url(fields["url"], "url"),
            sources: context.stringList(fields["sources"], "'sources'"),
            externalIDs: externalIDs(fields["external_ids"]))
        guard valid else {
            var rejectedKind = kind.map { SourceMap.RejectedKind(kind: $0, written: nil) }
            if kind == nil, let text = kindText, let closest = Suggestions.closest(to: text, in: context.kindNames) {
                rejectedKind = SourceMap.RejectedKind(kind: EntityKind(closest), written: text)
            }
            return (.failure(RejectedEntity(id: id, kind: rejectedKind)), fields.itemLocations)
        }
        return (.success(entity), fields.itemLocations)
    }

    // MARK: Relations

    private func decodeRelation(_ node: SyntaxNode, index: Int) -> (Relation, ItemLocations)? {
        func what() -> String { "relation #\(index + 1)" }
        guard let fields = context.mapping(node, what: "a relation", allowedKeys: Self.relationKeys) else { return nil }
        let from = context.requiredString(fields, "from", in: what(), example: "isi")
        let type = context.requiredString(fields, "type", in: what(), example: "sponsors")
        let to = context.requiredString(fields, "to", in: what(), example: "iskp")
        var locations = fields.itemLocations
        let id = context.string(fields["id"], "id")
        if let id, let node = fields.value("id") { _ = checkID(id, "relation id", at: node.location) }
        var confidence = Confidence.default
        if let node = fields["confidence"] {
            confidence = context.choice(node, "confidence", as: Confidence.self, code: .badConfidence) ?? .default
        }
        var grade: AdmiraltyGrade?
        if let node = fields["grade"], let text = context.string(node, "grade") {
            grade = AdmiraltyGrade(text)
            if grade == nil {
                context.error(.badGrade, "grade '\(text)' is not an Admiralty code", at: node.location,
                              hint: "a letter A–F (source reliability) then a digit 1–6 (information credibility), e.g. B2")
            }
        }
        var claims: [Claim] = []
        if let node = fields["claims"] {
            if case .sequence(let elements) = node.value {
                claims.reserveCapacity(elements.count)
                // Room for every claim's position and its fields' at once (keys a
                // claim repeats or does not allow are counted too: an upper bound).
                locations.reserveClaimCapacity(elements.reduce(0) { count, element in
                    if case .mapping(let pairs) = element.value { return count + pairs.count + 1 }
                    return count + 1
                })
                for (i, element) in elements.enumerated() {
                    guard let claimFields = context.mapping(element, what: "a claim", allowedKeys: Self.claimKeys,
                                                            keyHint: "a claim is `{source: SOURCE-ID, by: ENTITY-ID, quote: \"...\", date: YYYY-MM-DD}`")
                    else { continue }
                    let claim = Claim(
                        source: context.requiredString(claimFields, "source", in: "a claim", example: "asian-age-2025-10-09"),
                        by: context.string(claimFields["by"], "by"),
                        quote: text(claimFields["quote"], "quote"),
                        date: context.date(claimFields["date"], "date"),
                        stance: context.choice(claimFields["stance"], "stance", as: Stance.self) ?? .default,
                        credibility: context.integer(claimFields["credibility"], "credibility", range: 1...6))
                    claims.append(claim)
                    for (key, value) in claimFields.entries { locations.addClaim(i, field: key, at: value.location) }
                    locations.addClaim(i, field: nil, at: element.location)
                }
            } else {
                context.error(.wrongType, "'claims' must be a list, found \(node.typeDescription)", at: node.location,
                              hint: "claims:\n      - {source: SOURCE-ID, by: ENTITY-ID, quote: \"...\"}")
            }
        }
        guard let from, let type, let to else { return nil }
        let relation = Relation(
            id: id, from: from, type: type, to: to,
            since: context.date(fields["since"], "since"),
            until: context.date(fields["until"], "until"),
            ended: ended(fields, "relation \(from) \(type) \(to)"),
            confidence: confidence, grade: grade, claims: claims,
            note: text(fields["note"], "note"),
            tags: context.stringList(fields["tags"], "'tags'"),
            sources: context.stringList(fields["sources"], "'sources'"),
            externalIDs: externalIDs(fields["external_ids"]))
        locations.start = node.location
        return (relation, locations)
    }

    // MARK: Relation types

    private func decodeRelationTypes(_ node: SyntaxNode, into network: inout Network, map: inout SourceMap) {
        guard case .mapping(let pairs) = node.value else {
            context.error(.wrongType, "'relation_types' must be a mapping from type name to its definition, found \(node.typeDescription)",
                          at: node.location, hint: "relation_types:\n    used-against: {direction: directed, from: [agency], to: [group]}")
            return
        }
        var seen = Set<String>()
        for pair in pairs {
            guard let name = context.string(pair.key, "a relation type name") else { continue }
            guard seen.insert(name).inserted else {
                context.error(.duplicateKey, "relation type '\(name)' is declared twice", at: pair.key.location)
                continue
            }
            if RelationType.builtInByName[name] != nil {
                context.error(.redefinedType, "relation type '\(name)' is built in and cannot be redeclared", at: pair.key.location,
                              hint: "use the built-in '\(name)' as it is, or give your type another name")
                continue
            }
            _ = checkID(name, "relation type name", at: pair.key.location)
            guard let fields = context.mapping(pair.value, what: "relation type '\(name)'", allowedKeys: Self.relationTypeKeys) else { continue }
            var direction = "directed"
            if let d = fields["direction"], let text = context.string(d, "direction") {
                if text == "directed" || text == "symmetric" {
                    direction = text
                } else {
                    context.error(.badValue, "direction '\(text)' must be 'directed' or 'symmetric'", at: d.location)
                }
            }
            let from = kinds(fields["from"], "from")
            let to = kinds(fields["to"], "to")
            var family: RelationFamily?
            if let f = fields["family"], let text = context.string(f, "family") {
                family = RelationFamily(rawValue: text)
                if family == nil {
                    let names = RelationFamily.allCases.map(\.rawValue)
                    context.error(.badValue, "family '\(text)' is not one of \(names.joined(separator: ", "))", at: f.location,
                                  hint: Suggestions.closest(to: text, in: names).map { "did you mean '\($0)'?" }
                                      ?? "families group types for drawing: \(names.joined(separator: ", "))")
                }
            }
            let type = RelationType(
                name: name,
                label: text(fields["label"], "label"),
                description: text(fields["description"], "description") ?? "declared by the document",
                symmetric: direction == "symmetric",
                from: AllowedKinds(from),
                to: AllowedKinds(to),
                allowsSelf: context.boolean(fields["allow_self"], "allow_self") ?? false,
                family: family)
            network.relationTypes[name] = type
            var locations = fields.itemLocations
            locations.start = pair.key.location
            map.relationTypes[name] = locations
        }
    }

    private func kinds(_ node: SyntaxNode?, _ what: String) -> [EntityKind] {
        guard let node else { return [] }
        guard case .sequence(let elements) = node.value else {
            context.error(.wrongType, "'\(what)' must be a list of kinds, found \(node.typeDescription)", at: node.location,
                          hint: "e.g. `\(what): [group, agency]`")
            return []
        }
        return elements.compactMap { kind($0, "'\(what)'") }
    }

    // MARK: Style

    private func decodeStyle(_ node: SyntaxNode, map: inout SourceMap) -> StyleSheet {
        var sheet = StyleSheet()
        guard let fields = context.mapping(node, what: "'style'", allowedKeys: Self.styleKeys) else { return sheet }
        if let d = fields["direction"], let text = context.string(d, "direction") {
            if ["TB", "LR", "BT", "RL"].contains(text) {
                sheet.direction = text
            } else {
                context.error(.badValue, "style direction '\(text)' must be TB, LR, BT or RL", at: d.location,
                              hint: "TB draws top to bottom, LR left to right")
            }
        }
        if let f = fields["font"], let text = context.string(f, "font") { sheet.font = checkFont(text, at: f.location) }
        for (section, node) in [("kinds", fields["kinds"]), ("types", fields["types"]), ("tags", fields["tags"])] {
            guard let node else { continue }
            guard case .mapping(let pairs) = node.value else {
                context.error(.wrongType, "style '\(section)' must be a mapping, found \(node.typeDescription)", at: node.location)
                continue
            }
            for pair in pairs {
                guard let name = context.string(pair.key, "a style key"), let rule = styleRule(pair.value, "style for \(section).\(name)") else { continue }
                map.styleRules["\(section).\(name)"] = ItemLocations(start: pair.key.location)
                switch section {
                case "kinds":
                    if let kind = kind(pair.key, "style kinds") {
                        sheet.kinds[kind] = rule
                    }
                case "types": sheet.types[name] = rule
                default: sheet.tags[name] = rule
                }
            }
        }
        return sheet
    }

    private func styleRule(_ node: SyntaxNode, _ what: String) -> StyleRule? {
        guard let fields = context.mapping(node, what: what, allowedKeys: Self.styleRuleKeys) else { return nil }
        var rule = StyleRule()
        rule.color = color(fields["color"], "color")
        rule.fill = color(fields["fill"], "fill")
        rule.fontColor = color(fields["font_color"], "font_color")
        if let n = fields["shape"], let text = context.string(n, "shape") {
            if StylePolicy.shapes.contains(text) { rule.shape = text } else {
                context.error(.badValue, "unknown shape '\(text)'", at: n.location,
                              hint: (Suggestions.didYouMean(text, in: StylePolicy.shapes) ?? "") + " Shapes: \(StylePolicy.shapes.joined(separator: ", "))")
            }
        }
        if let n = fields["arrow"], let text = context.string(n, "arrow") {
            if StylePolicy.arrows.contains(text) { rule.arrow = text } else {
                context.error(.badValue, "unknown arrowhead '\(text)'", at: n.location,
                              hint: (Suggestions.didYouMean(text, in: StylePolicy.arrows) ?? "") + " Arrowheads: \(StylePolicy.arrows.joined(separator: ", "))")
            }
        }
        rule.line = context.choice(fields["line"], "line", as: LineStyle.self)
        if let n = fields["font"], let text = context.string(n, "font") { rule.font = checkFont(text, at: n.location) }
        rule.width = context.number(fields["width"], "width", range: 0.1...20)
        return rule
    }

    func color(_ node: SyntaxNode?, _ what: String) -> String? {
        guard let node, let text = context.string(node, what) else { return nil }
        if StylePolicy.isValidColor(text) { return text.lowercased() }
        context.error(.badValue, "\(what) '\(text)' is not a colour relgraph can draw", at: node.location,
                      hint: "use #rrggbb, #rgb or an SVG 1.1 colour name such as 'firebrick' (not 'transparent')")
        return nil
    }

    private func checkFont(_ text: String, at location: SourceLocation) -> String? {
        if StylePolicy.isValidFont(text) { return text }
        context.error(.badValue, "font name '\(text)' has characters relgraph does not allow", at: location,
                      hint: "font names are letters, digits, spaces and , - _ (e.g. 'DejaVu Sans')")
        return nil
    }

    // MARK: Views

    private func decodeViews(_ node: SyntaxNode, into network: inout Network, map: inout SourceMap) {
        guard case .mapping(let pairs) = node.value else {
            context.error(.wrongType, "'views' must be a mapping from view name to options, found \(node.typeDescription)",
                          at: node.location, hint: "views:\n    iskp-ties: {title: \"ISKP's ties\", focus: [iskp], depth: 1}")
            return
        }
        var seen: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let name = context.string(pair.key, "a view name") else { continue }
            if let first = seen[name] {
                context.error(.duplicateKey, "view '\(name)' is defined twice", at: pair.key.location,
                              hint: "the first is at line \(first.line); rename one")
                continue
            }
            seen[name] = pair.key.location
            _ = checkID(name, "view name", at: pair.key.location)
            guard let fields = context.mapping(pair.value, what: "view '\(name)'", allowedKeys: Self.viewKeys) else { continue }
            var view = ViewDefinition(name: name)
            view.title = text(fields["title"], "title")
            view.description = text(fields["description"], "description")
            view.focus = context.stringList(fields["focus"], "'focus'")
            var itemLocations: [String: SourceLocation] = [:]
            if let f = fields["focus"], case .sequence(let elements) = f.value {
                for (i, element) in elements.enumerated() { itemLocations["focus[\(i)]"] = element.location }
            }
            view.depth = context.integer(fields["depth"], "depth", range: 0...100)
            view.direction = context.choice(fields["direction"], "direction", as: ViewDefinition.Direction.self)
            view.asOf = context.date(fields["as_of"], "as_of")
            if let b = fields["between"] {
                let dates = context.stringList(b, "'between'")
                if dates.count == 2, let from = PartialDate(dates[0]), let to = PartialDate(dates[1]) {
                    view.between = (from, to)
                    if from.firstDayNumber > to.lastDayNumber {
                        context.error(.dateOrder, "'between' starts (\(from)) after it ends (\(to))", at: b.location)
                    }
                } else if case .sequence = b.value {
                    context.error(.badDate, "'between' must be two dates [FROM, TO]", at: b.location, hint: "e.g. `between: [2015, 2021-08]`")
                }
            }
            view.kinds = kindList(fields["kinds"], "kinds")
            view.excludeKinds = kindList(fields["exclude_kinds"], "exclude_kinds")
            view.types = context.stringList(fields["types"], "'types'")
            view.excludeTypes = context.stringList(fields["exclude_types"], "'exclude_types'")
            view.tags = context.stringList(fields["tags"], "'tags'")
            view.excludeTags = context.stringList(fields["exclude_tags"], "'exclude_tags'")
            view.minConfidence = context.choice(fields["min_confidence"], "min_confidence", as: Confidence.self, code: .badConfidence)
            view.cluster = context.choice(fields["cluster"], "cluster", as: ViewDefinition.Clustering.self)
            view.knownAsOf = context.date(fields["known_as_of"], "known_as_of")
            view.datedOnly = context.boolean(fields["dated_only"], "dated_only")
            view.page = context.page(fields["page"], "page")
            network.views[name] = view
            var locations = fields.itemLocations
            locations.start = pair.key.location
            locations.fields.merge(itemLocations) { a, _ in a }
            map.views[name] = locations
        }
    }

    private func kindList(_ node: SyntaxNode?, _ what: String) -> [EntityKind] {
        guard let node else { return [] }
        guard case .sequence(let elements) = node.value else {
            context.error(.wrongType, "'\(what)' must be a list of kinds, found \(node.typeDescription)", at: node.location)
            return []
        }
        return elements.compactMap { kind($0, "'\(what)'") }
    }
}
