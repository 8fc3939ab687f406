/// Writes a ``Network`` as GraphML, for Gephi, yEd, Cytoscape and networkx.
///
///     let graphml = GraphMLWriter().string(for: network)
///
/// Every entity is a `<node>` (id: the entity id) and every relation an `<edge>`
/// (id: the relation's ``Relation/key``), in document order; every field is a
/// typed `<data>` declared by a `<key>`: text as `string`, years and counts as
/// `int`, `symmetric` as `boolean`. Lists (aliases, tags, sources) are joined with
/// `;`, with `\;` for a semicolon and `\\` for a backslash inside an item. A
/// relation's claims become parallel lists with one item per claim
/// (`claim_sources`, `claim_by`, `claim_quotes`, `claim_dates`, `claim_stances`,
/// `claim_credibility`; an item is empty
/// when the claim lacks it). Absent values have no `<data>`. The same network
/// always gives the same bytes.
public struct GraphMLWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// A GraphML attribute: its id, name, type and what it belongs to.
    public struct Key: Sendable, Hashable {
        /// `graph`, `node` or `edge`.
        public var domain: String
        /// The attribute's name (`attr.name`).
        public var name: String
        /// `string`, `int` or `boolean` (`attr.type`).
        public var type: String
        /// What the attribute holds, for the documentation.
        public var summary: String

        /// The key's XML id: `n.kind`, `e.type`, `g.title`.
        public var id: String { "\(domain.prefix(1)).\(name)" }
    }

    /// Every key, in the order they are declared.
    public static let keys: [Key] = [
        Key(domain: "graph", name: "title", type: "string", summary: "the network's title"),
        Key(domain: "graph", name: "description", type: "string", summary: "the network's description"),
        Key(domain: "node", name: "label", type: "string", summary: "the name (Gephi and yEd show `label`)"),
        Key(domain: "node", name: "kind", type: "string", summary: "group, agency, state, territory, person, event, organization, publication, or a kind the document declares"),
        Key(domain: "node", name: "name", type: "string", summary: "display name"),
        Key(domain: "node", name: "aliases", type: "string", summary: "other names (list)"),
        Key(domain: "node", name: "description", type: "string", summary: "description"),
        Key(domain: "node", name: "since", type: "string", summary: "start date, YYYY[-MM[-DD]]"),
        Key(domain: "node", name: "until", type: "string", summary: "end date, YYYY[-MM[-DD]]"),
        Key(domain: "node", name: "ended", type: "boolean", summary: "over, date unknown (only when true and without until)"),
        Key(domain: "node", name: "since_year", type: "int", summary: "year of `since` (for timeline filters)"),
        Key(domain: "node", name: "until_year", type: "int", summary: "year of `until`"),
        Key(domain: "node", name: "within", type: "string", summary: "id of the containing territory or state"),
        Key(domain: "node", name: "tags", type: "string", summary: "tags (list)"),
        Key(domain: "node", name: "url", type: "string", summary: "link"),
        Key(domain: "node", name: "sources", type: "string", summary: "source ids (list)"),
        Key(domain: "node", name: "external_ids.stix", type: "string", summary: "STIX id"),
        Key(domain: "node", name: "external_ids.csv", type: "string", summary: "spreadsheet id"),
        Key(domain: "node", name: "external_ids.other", type: "string", summary: "id in another system"),
        Key(domain: "edge", name: "label", type: "string", summary: "the relation type's label"),
        Key(domain: "edge", name: "type", type: "string", summary: "the relation type"),
        Key(domain: "edge", name: "symmetric", type: "boolean", summary: "whether the type has no direction"),
        Key(domain: "edge", name: "relation_id", type: "string", summary: "the relation's own id, when it has one"),
        Key(domain: "edge", name: "since", type: "string", summary: "start date"),
        Key(domain: "edge", name: "until", type: "string", summary: "end date"),
        Key(domain: "edge", name: "ended", type: "boolean", summary: "over, date unknown (only when true and without until)"),
        Key(domain: "edge", name: "since_year", type: "int", summary: "year of `since`"),
        Key(domain: "edge", name: "until_year", type: "int", summary: "year of `until`"),
        Key(domain: "edge", name: "confidence", type: "string", summary: "confirmed, reported, alleged or disputed"),
        Key(domain: "edge", name: "grade", type: "string", summary: "Admiralty grade, e.g. B2"),
        Key(domain: "edge", name: "claim_count", type: "int", summary: "number of claims"),
        Key(domain: "edge", name: "claim_sources", type: "string", summary: "source of each claim (parallel list)"),
        Key(domain: "edge", name: "claim_by", type: "string", summary: "claimant of each claim (parallel list)"),
        Key(domain: "edge", name: "claim_quotes", type: "string", summary: "quote of each claim (parallel list)"),
        Key(domain: "edge", name: "claim_dates", type: "string", summary: "date of each claim (parallel list)"),
        Key(domain: "edge", name: "claim_stances", type: "string", summary: "supports or denies, for each claim (parallel list)"),
        Key(domain: "edge", name: "claim_credibility", type: "string", summary: "Admiralty credibility 1–6 of each claim (parallel list)"),
        Key(domain: "edge", name: "note", type: "string", summary: "the analyst's note"),
        Key(domain: "edge", name: "tags", type: "string", summary: "tags (list)"),
        Key(domain: "edge", name: "sources", type: "string", summary: "source ids cited directly (list)"),
        Key(domain: "edge", name: "external_ids.stix", type: "string", summary: "STIX id"),
        Key(domain: "edge", name: "external_ids.csv", type: "string", summary: "spreadsheet id"),
        Key(domain: "edge", name: "external_ids.other", type: "string", summary: "id in another system"),
    ]

    /// The GraphML document as UTF-8 bytes.
    public func data(for network: Network) -> [UInt8] { Array(string(for: network).utf8) }

    /// The GraphML document.
    public func string(for network: Network) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Written by relgraph. Lists are joined with ";" (\\; and \\\\ escape a semicolon and a backslash);
                 claim_* hold one item per claim. See docs/interop.md. -->
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for key in Self.keys {
            out += "  <key id=\"\(Self.escape(key.id))\" for=\"\(key.domain)\" attr.name=\"\(Self.escape(key.name))\" attr.type=\"\(key.type)\"/>\n"
        }
        out += "  <graph id=\"network\" edgedefault=\"directed\">\n"
        var graphData: [(String, String)] = []
        if let title = network.title { graphData.append(("title", title)) }
        if let description = network.description { graphData.append(("description", description)) }
        for (name, value) in graphData { out += "    <data key=\"g.\(name)\">\(Self.escape(value, attribute: false))</data>\n" }

        var seen = Set<String>()
        for entity in network.entities where seen.insert(entity.id).inserted {
            out += "    <node id=\"\(Self.escape(entity.id))\">\n"
            for (name, value) in Self.fields(of: entity) {
                out += "      <data key=\"n.\(name)\">\(Self.escape(value, attribute: false))</data>\n"
            }
            out += "    </node>\n"
        }
        for relation in network.relations where seen.contains(relation.from) && seen.contains(relation.to) {
            out += "    <edge id=\"\(Self.escape(relation.key))\" source=\"\(Self.escape(relation.from))\" target=\"\(Self.escape(relation.to))\">\n"
            for (name, value) in Self.fields(of: relation, type: network.relationType(named: relation.type)) {
                out += "      <data key=\"e.\(name)\">\(Self.escape(value, attribute: false))</data>\n"
            }
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    static func fields(of e: Entity) -> [(String, String)] {
        var f: [(String, String)] = [("label", e.name), ("kind", e.kind.rawValue), ("name", e.name)]
        if !e.aliases.isEmpty { f.append(("aliases", joined(e.aliases))) }
        if let v = e.description { f.append(("description", v)) }
        if let v = e.since { f.append(("since", v.description)) }
        if let v = e.until { f.append(("until", v.description)) }
        if e.ended && e.until == nil { f.append(("ended", "true")) }
        if let v = e.since { f.append(("since_year", String(v.year))) }
        if let v = e.until { f.append(("until_year", String(v.year))) }
        if let v = e.within { f.append(("within", v)) }
        if !e.tags.isEmpty { f.append(("tags", joined(e.tags))) }
        if let v = e.url { f.append(("url", v)) }
        if !e.sources.isEmpty { f.append(("sources", joined(e.sources))) }
        for name in ["stix", "csv", "other"] { if let v = e.externalIDs[name] { f.append(("external_ids.\(name)", v)) } }
        return f
    }

    static func fields(of r: Relation, type: RelationType?) -> [(String, String)] {
        var f: [(String, String)] = [("label", type?.label ?? r.type), ("type", r.type), ("symmetric", type?.symmetric == true ? "true" : "false")]
        if let v = r.id { f.append(("relation_id", v)) }
        if let v = r.since { f.append(("since", v.description)) }
        if let v = r.until { f.append(("until", v.description)) }
        if r.ended && r.until == nil { f.append(("ended", "true")) }
        if let v = r.since { f.append(("since_year", String(v.year))) }
        if let v = r.until { f.append(("until_year", String(v.year))) }
        f.append(("confidence", r.confidence.rawValue))
        if let v = r.grade { f.append(("grade", v.description)) }
        f.append(("claim_count", String(r.claims.count)))
        if !r.claims.isEmpty {
            f.append(("claim_sources", joined(r.claims.map { $0.source ?? "" }, keepEmpty: true)))
            f.append(("claim_by", joined(r.claims.map { $0.by ?? "" }, keepEmpty: true)))
            f.append(("claim_quotes", joined(r.claims.map { $0.quote ?? "" }, keepEmpty: true)))
            f.append(("claim_dates", joined(r.claims.map { $0.date?.description ?? "" }, keepEmpty: true)))
            f.append(("claim_stances", joined(r.claims.map(\.stance.rawValue), keepEmpty: true)))
            if r.claims.contains(where: { $0.credibility != nil }) {
                f.append(("claim_credibility", joined(r.claims.map { $0.credibility.map { String($0) } ?? "" }, keepEmpty: true)))
            }
        }
        if let v = r.note { f.append(("note", v)) }
        if !r.tags.isEmpty { f.append(("tags", joined(r.tags))) }
        if !r.sources.isEmpty { f.append(("sources", joined(r.sources))) }
        for name in ["stix", "csv", "other"] { if let v = r.externalIDs[name] { f.append(("external_ids.\(name)", v)) } }
        return f
    }

    /// Items joined with `;`, escaping `\` and `;` inside them.
    static func joined(_ items: [String], keepEmpty: Bool = false) -> String {
        items.filter { keepEmpty || !$0.isEmpty }
            .map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }
            .joined(separator: ";")
    }

    /// Text for XML content (or, with `attribute`, attribute values), by `XMLText`.
    static func escape(_ text: String, attribute: Bool = true) -> String {
        XMLText.escape(text, context: attribute ? .attribute : .text)
    }
}
