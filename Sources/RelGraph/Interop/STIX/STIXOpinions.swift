/// Denials in STIX: a claim with `stance: denies` is exported as an `opinion`
/// object (`opinion: disagree`) on the relationship, and opinions in a bundle
/// are imported back as claims on the relations they refer to.
///
/// Export: one opinion per denial, with the denier's name in `authors` (and in
/// `created_by_ref` when the denier is exported as an `identity`), the quote as
/// `explanation`, the claim's source as an external reference, and the claim
/// itself in relgraph's extension (`{claim: {...}}`). The relationship's own
/// extension still lists every claim in order, so a relgraph bundle reads back
/// exactly and its opinions are not added twice.
///
/// Import (bundles from elsewhere): `disagree` and `strongly-disagree` become
/// denials, `agree` and `strongly-agree` supporting claims; `neutral` opinions
/// and opinions on objects that are not imported relationships are counted
/// as skipped. A claim's source is the opinion's first external reference, or
/// else a source made for the opinion itself.
extension STIXExporter {
    /// The opinion objects for the denials of `relation` (exported as `relationshipID`).
    func opinionObjects(for relation: Relation, relationshipID: String, network: Network, stixIDs: [String: String],
                        timestamp: String) -> [JSONValue] {
        let byID = network.entitiesByID
        return relation.claims.enumerated().filter { $0.element.stance == .denies }.map { index, claim in
            var o = common("opinion", STIXMapping.id("opinion", "claim:\(relation.key)#\(index + 1)"), timestamp)
            o.set("opinion", "disagree")
            o.set("object_refs", .array([.string(relationshipID)]))
            o.set("explanation", claim.quote)
            if let by = claim.by {
                o.set("authors", .array([.string(byID[by]?.name ?? by)]))
                if let stixID = stixIDs[by], Self.type(ofSTIXID: stixID) == "identity" { o.set("created_by_ref", .string(stixID)) }
            }
            if let source = claim.source.flatMap({ network.sources[$0] }) {
                o.set("external_references", .array([externalReference(for: source)]))
            }
            o.set("extensions", extensions("claim", NetworkDocument.claim(claim)))
            return o.value
        }
    }
}

extension ImportRun {
    /// The stance an opinion value stands for; `nil` for `neutral` and unknown values.
    static func stance(ofOpinion value: String) -> Stance? {
        switch value {
        case "disagree", "strongly-disagree": .denies
        case "agree", "strongly-agree": .supports
        default: nil
        }
    }

    /// Adds the bundle's opinions as claims on the relations they refer to.
    mutating func importOpinions() {
        guard !opinions.isEmpty else { return }
        var relationIndex: [String: [Int]] = [:]
        for (index, relation) in network.relations.enumerated() {
            if let stixID = relation.externalIDs["stix"] { relationIndex[stixID, default: []].append(index) }
        }
        for object in opinions {
            // relgraph's own: the relationship's extension already lists the claim.
            if Self.extensionData(of: object)?["claim"] != nil {
                report.relgraphObjects += 1
                continue
            }
            let targets = object.strings("object_refs").flatMap { relationIndex[$0] ?? [] }
            guard let stance = object.string("opinion").flatMap(Self.stance(ofOpinion:)), !targets.isEmpty else {
                report.skippedByType["opinion", default: 0] += 1
                continue
            }
            var claim = Claim(quote: object.text("explanation"), date: object.string("created").flatMap(STIXMapping.date(timestamp:)),
                              stance: stance)
            if let creator = object.string("created_by_ref") { claim.by = entityByStixID[creator]?.id }
            claim.source = sources(of: object).first ?? opinionSource(object)
            for index in targets { network.relations[index].claims.append(claim) }
            report.opinions += 1
        }
    }

    /// A source standing for the opinion itself: "Opinion of AUTHORS", dated when it was made.
    private mutating func opinionSource(_ object: STIXObject) -> String {
        let authors = object.strings("authors")
        let title = authors.isEmpty ? "STIX opinion \(object.uuid.prefix(8))" : "Opinion of \(authors.joined(separator: ", "))"
        let id = sourceIDs.make(IDPolicy.slug(from: title) ?? "opinion")
        network.sources[id] = Source(id: id, title: title, author: authors.isEmpty ? nil : authors.joined(separator: ", "),
                                     date: object.string("created").flatMap(STIXMapping.date(timestamp:)))
        return id
    }
}
