import Foundation

/// The evidence behind a report's diagrams: every relation they draw, with its
/// confidence, grade, dates and claims, grouped by pair of entities; the index of
/// entities; and the list of sources. Pure data, in the analysts' words: the
/// HTML and Markdown writers only lay it out.
///
/// Numbering is stable for the same input: relations are numbered R1, R2… in the
/// order the diagrams draw lines (``DiagramBuilder``'s canonical order, grouped
/// by pair of entities), sources S1, S2… by id.
///
/// Nothing is made firmer than the data: a relation is always named with its
/// confidence and its qualifiers ("former", "denied by …"); a claim always says
/// whose it is ("According to …", "Denied by …").
public struct ReportEvidence: Sendable {
    /// One claim, as the report shows it.
    public struct ClaimEntry: Sendable, Hashable {
        /// The claim as the data has it.
        public var claim: Claim
        /// Who made it: its `by`, else its source's author, else "the source".
        public var claimant: String
        /// The number of its source in ``ReportEvidence/sources`` (1-based), if it cites a known one.
        public var sourceNumber: Int?

        /// "According to X" or "Denied by X".
        public var attribution: String {
            (claim.stance == .denies ? "Denied by " : "According to ") + claimant
        }
    }

    /// One relation: a row of the evidence table.
    public struct Row: Sendable {
        /// R-number, from 1.
        public var number: Int
        /// Its anchor in the document (`ev-r12`).
        public var anchor: String
        /// The relation, with the claims and sources the report's diagrams rest on.
        public var relation: Relation
        /// The sentence without qualifiers: "ISI sponsors ISKP".
        public var sentence: String
        /// What must never be separated from the sentence: confidence, "former",
        /// "denied by …" ("alleged; denied by Pakistan").
        public var qualifiers: [String]
        /// The dates as the data gives them: "2021-08–", "2015–2019 (former)",
        /// "ended, date unknown", "no dates given".
        public var dates: String
        /// "C3: fairly reliable, possibly true", when graded.
        public var grade: String?
        /// The claims, in document order.
        public var claims: [ClaimEntry]
        /// Sources cited without a claim (numbers in ``ReportEvidence/sources``).
        public var otherSources: [Int]
        /// The analyst's note.
        public var note: String?
        /// How many different sources support it (supporting claims' sources and its
        /// own `sources`; denials do not count).
        public var sourceCount: Int
        /// The index of its pair in ``ReportEvidence/pairs``.
        public var pair: Int
    }

    /// The relations between two entities: one line of a merged diagram.
    public struct Pair: Sendable {
        /// Its anchor (`ev-pair-3`).
        public var anchor: String
        /// "ISI — ISKP".
        public var title: String
        /// Indices into ``ReportEvidence/rows``.
        public var rows: [Int]
    }

    /// One entry of the index of entities.
    public struct EntityEntry: Sendable {
        /// The entity id.
        public var id: String
        /// Its name (cleaned).
        public var name: String
        /// Its kind's words ("group", "malware and tools").
        public var kind: String
        /// Its aliases (cleaned, in document order).
        public var aliases: [String]
        /// Its anchor (`ev-entity-4`).
        public var anchor: String
        /// Indices into ``ReportEvidence/rows`` of the relations it takes part in (none for
        /// an entity drawn alone).
        public var rows: [Int]
    }

    /// One source of the list of sources.
    public struct SourceEntry: Sendable {
        /// S-number, from 1.
        public var number: Int
        /// Its anchor (`ev-s1`).
        public var anchor: String
        /// The source as the data has it (texts cleaned).
        public var source: Source
        /// Its link, when it passes ``URLPolicy`` (percent-encoded), else `nil`.
        public var link: String?
        /// Indices into ``ReportEvidence/rows`` of the relations citing it.
        public var rows: [Int]
    }

    /// Every relation the diagrams draw, grouped by pair.
    public private(set) var rows: [Row] = []
    /// The pairs of entities, in the order of the names they show.
    public private(set) var pairs: [Pair] = []
    /// Every entity the diagrams draw, by name.
    public private(set) var entities: [EntityEntry] = []
    /// Every source cited by a row, by id.
    public private(set) var sources: [SourceEntry] = []

    private var rowByKey: [String: Int] = [:]
    private var entityByID: [String: Int] = [:]

    /// The evidence of `shown` (one view result per diagram) in `full`. A relation
    /// drawn by several diagrams is one row; its claims are those any of the
    /// diagrams rests on (a `known_as_of` view keeps fewer), in document order.
    public init(full: Network, shown: [ViewResult]) {
        let names = full.entitiesByID.mapValues { LabelText.clean($0.name) }
        var relations: [String: Relation] = [:]
        var claimsShown: [String: Set<Claim>] = [:]
        var order: [Relation] = []
        for result in shown {
            for relation in result.network.relations {
                if relations[relation.key] == nil {
                    relations[relation.key] = relation
                    order.append(relation)
                }
                claimsShown[relation.key, default: []].formUnion(relation.claims)
            }
        }
        let fullByKey = Dictionary(full.relations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = DiagramBuilder.sortedForEdges(order)

        // Sources: every one cited by a row, numbered by id.
        var cited = Set<String>()
        var prepared: [Relation] = []
        for var relation in sorted {
            let all = fullByKey[relation.key]?.claims ?? relation.claims
            let keep = claimsShown[relation.key] ?? []
            relation.claims = all.filter { keep.contains($0) }
            cited.formUnion(relation.citedSources.filter { full.sources[$0] != nil })
            prepared.append(relation)
        }
        let sourceIDs = cited.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var sourceNumber: [String: Int] = [:]
        for (index, id) in sourceIDs.enumerated() {
            sourceNumber[id] = index + 1
            var source = full.sources[id]!
            source.title = source.title.map(LabelText.clean)
            source.author = source.author.map(LabelText.clean)
            source.publisher = source.publisher.map(LabelText.clean)
            let link = source.url.flatMap { URLPolicy.isAllowed($0) ? URLPolicy.encoded($0) : nil }
            sources.append(SourceEntry(number: index + 1, anchor: "ev-s\(index + 1)", source: source, link: link, rows: []))
        }

        // Pairs in the order of the names they show (as a reader looks them up:
        // "Assimi Goïta — FAMa" before "FAMa — Wagner"); within a pair, relations in
        // drawing order; rows numbered through the pairs.
        var pairMembers: [String: [Relation]] = [:]
        var pairTitles: [String: String] = [:]
        for relation in prepared {
            let key = MergedRelations.pairKey(relation.from, relation.to)
            if pairMembers[key] == nil {
                pairTitles[key] = "\(names[relation.from] ?? relation.from) — \(names[relation.to] ?? relation.to)"
            }
            pairMembers[key, default: []].append(relation)
        }
        let pairOrder = Self.inNameOrder(Array(pairTitles.keys)) { pairTitles[$0]! }
        let words = RelationText.Words(full: full, names: names)
        for key in pairOrder {
            let members = pairMembers[key]!
            let pairIndex = pairs.count
            var pair = Pair(anchor: "ev-pair-\(pairIndex + 1)", title: pairTitles[key]!, rows: [])
            for relation in members {
                let rowIndex = rows.count
                rows.append(Self.row(relation, number: rowIndex + 1, pair: pairIndex, full: full, words: words,
                                     sourceNumber: sourceNumber))
                rowByKey[relation.key] = rowIndex
                pair.rows.append(rowIndex)
                for id in relation.citedSources { if let n = sourceNumber[id] { sources[n - 1].rows.append(rowIndex) } }
            }
            pairs.append(pair)
        }

        // The index of entities: every entity a diagram draws (with the rows it takes part in), by name then id.
        let entitiesByID = full.entitiesByID
        var rowsOf: [String: [Int]] = [:]
        for result in shown { for entity in result.network.entities { rowsOf[entity.id] = [] } }
        for (index, row) in rows.enumerated() {
            rowsOf[row.relation.from, default: []].append(index)
            if row.relation.to != row.relation.from { rowsOf[row.relation.to, default: []].append(index) }
        }
        let ids = Self.inNameOrder(Array(rowsOf.keys)) { names[$0] ?? $0 }
        for (index, id) in ids.enumerated() {
            let entity = entitiesByID[id]
            let kind = entity.map { full.entityKinds[$0.kind]?.label ?? $0.kind.rawValue } ?? "entity"
            entityByID[id] = index
            entities.append(EntityEntry(id: id, name: names[id] ?? id, kind: LabelText.clean(kind),
                                        aliases: (entity?.aliases ?? []).map(LabelText.clean), anchor: "ev-entity-\(index + 1)",
                                        rows: rowsOf[id]!))
        }
    }

    /// `items` in the order of their names as readers look them up: case and
    /// accents ignored ("Assimi Goïta" before "FAMa", "Émir" among the E), then
    /// the exact name, then the item's own key (byte order), so the order is the
    /// same on every machine whatever its locale.
    static func inNameOrder(_ items: [String], name: (String) -> String) -> [String] {
        let keyed = items.map { item -> (folded: String, name: String, item: String) in
            let shown = name(item)
            return (shown.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil), shown, item)
        }
        return keyed.sorted { a, b in
            if a.folded != b.folded { return a.folded < b.folded }
            if a.name != b.name { return a.name < b.name }
            return a.item.utf8.lexicographicallyPrecedes(b.item.utf8)
        }.map(\.item)
    }

    /// The row of the relation keyed `key`, if the report shows it.
    public func row(forKey key: String) -> Row? {
        rowByKey[key].map { rows[$0] }
    }

    /// The entry of entity `id` in the index, if a diagram draws it.
    public func entity(_ id: String) -> EntityEntry? {
        entityByID[id].map { entities[$0] }
    }

    /// Where a line standing for `relations` links to: the relation's row for one
    /// relation; the pair's group for several between the same two entities (every
    /// one of them is there); for a folded list, the index entry of the entity all
    /// of them share (it links every one of its relations). `nil` when none is shown.
    public func target(for relations: [Diagram.RelationRef]) -> String? {
        let rowsDrawn = relations.compactMap { rowByKey[$0.key] }
        guard let first = rowsDrawn.first else { return nil }
        if rowsDrawn.count == 1 { return rows[first].anchor }
        let pairsDrawn = Set(rowsDrawn.map { rows[$0].pair })
        if pairsDrawn.count == 1 { return pairs[rows[first].pair].anchor }
        let ends = relations.map { Set([$0.from, $0.to]) }
        if let hub = ends.dropFirst().reduce(ends[0], { $0.intersection($1) }).sorted().first, let entry = entity(hub) {
            return entry.anchor
        }
        return rows[first].anchor
    }

    /// How many different sources support the relations of a line (see ``Row/sourceCount``).
    public func sourceCount(for relations: [Diagram.RelationRef]) -> Int {
        var ids = Set<String>()
        for ref in relations {
            guard let row = row(forKey: ref.key) else { continue }
            ids.formUnion(Self.supportingSources(of: row.relation))
        }
        return ids.count
    }

    /// The number every line would show when it cannot differ from line to line:
    /// every relation has that many supporting sources and, together, they cite at
    /// most one source (a report on one article). Then a count on each line tells
    /// the reader nothing the report's key cannot say once, and the diagrams leave
    /// it out. `nil` when lines can differ (or nothing is drawn).
    public var uniformSourceCount: Int? {
        let counts = Set(rows.map(\.sourceCount))
        guard counts.count == 1,
              Set(rows.flatMap { Self.supportingSources(of: $0.relation) }).count <= 1 else { return nil }
        return counts.first
    }

    /// Source ids that support `relation`: its supporting claims' sources and its own `sources`.
    static func supportingSources(of relation: Relation) -> Set<String> {
        Set(relation.claims.filter { $0.stance == .supports }.compactMap(\.source) + relation.sources)
    }

    private static func row(_ relation: Relation, number: Int, pair: Int, full: Network, words: RelationText.Words,
                            sourceNumber: [String: Int]) -> Row {
        let typeLabel = LabelText.clean(full.relationType(named: relation.type)?.label ?? relation.type)
        let text = RelationText(relation: relation, typeLabel: typeLabel, full: full, words: words)
        var dates: String
        if let span = text.span {
            dates = span
            if text.isFormer { dates += " (former)" }
        } else if relation.ended {
            dates = "former: ended, date unknown"
        } else {
            dates = "no dates given"
        }
        let claims = relation.claims.map { claim in
            ClaimEntry(claim: Claim(source: claim.source, by: claim.by, quote: claim.quote.map(LabelText.clean), date: claim.date,
                                    stance: claim.stance, credibility: claim.credibility),
                       claimant: text.claimant(claim), sourceNumber: claim.source.flatMap { sourceNumber[$0] })
        }
        let direct = relation.sources.compactMap { sourceNumber[$0] }.sorted()
        return Row(number: number, anchor: "ev-r\(number)", relation: relation,
                   sentence: "\(text.fromName) \(typeLabel) \(text.toName)", qualifiers: text.qualifiers, dates: dates,
                   grade: relation.grade.map { "\($0): \($0.reliabilityMeaning), \($0.credibilityMeaning)" },
                   claims: claims, otherSources: Array(Set(direct)).sorted(), note: relation.note.map(LabelText.clean),
                   sourceCount: supportingSources(of: relation).count, pair: pair)
    }
}
