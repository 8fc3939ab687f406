/// Makes synthetic relationship networks for benchmarks and stress tests.
///
/// The output is deterministic: the same entity count, relation count and seed
/// give the same bytes on every machine and in every process (a `SplitMix64`
/// drives every choice; no `Set` or `Dictionary` order reaches the output).
///
/// What a generated network looks like, so that it exercises what real ones do:
/// - a mix of every ``EntityKind`` (roughly: 22% people, 18% groups, 15%
///   territories, 14% events, 9% agencies, 9% organizations, 6% publications,
///   7% states), with names, some aliases, descriptions, tags, dates and links;
/// - a `within` hierarchy without cycles: territories within states or earlier
///   territories, agencies within states, some organizations within states or
///   territories, some groups within earlier groups;
/// - relations of every built-in type, weighted like an analyst's file
///   (`operates-in`, `supports`, `member-of`, `allied-with`… most often), each
///   between kinds its type allows, never an entity with itself, never twice the
///   same from/type/to (either direction for symmetric types);
/// - every entity in at least one relation when there are at least as many
///   relations as entities; confidence levels, Admiralty grades, date spans,
///   notes, tags, and claims citing a few sources (every source is cited when
///   there are enough relations), some by a named claimant.
///
/// The result validates with no errors under the built-in rules.
public struct NetworkGenerator: Sendable {
    /// Why a network cannot be generated.
    public struct GenerateError: Error, CustomStringConvertible, Equatable {
        /// What is wrong, in one sentence.
        public var description: String
    }

    /// Number of entities (at least 1).
    public var entityCount: Int
    /// Number of relations.
    public var relationCount: Int
    /// The seed: the same seed gives the same network.
    public var seed: UInt64

    /// Most entities accepted (the JSON stays well under ``ReadLimits``'s 256 MiB
    /// at three relations per entity).
    public static let maxEntities = 1_000_000
    /// Most relations per entity accepted.
    public static let maxRelationsPerEntity = 20

    /// Creates a generator.
    public init(entities: Int, relations: Int, seed: UInt64) {
        self.entityCount = entities
        self.relationCount = relations
        self.seed = seed
    }

    /// Checks the counts; the error says what is allowed.
    public func check() throws(GenerateError) {
        if entityCount < 1 || entityCount > Self.maxEntities {
            throw GenerateError(description: "--entities must be from 1 to \(Self.maxEntities), not \(entityCount)")
        }
        if relationCount < 0 {
            throw GenerateError(description: "--relations must be 0 or more, not \(relationCount)")
        }
        if entityCount < 2 && relationCount > 0 {
            throw GenerateError(description: "relations need at least 2 entities")
        }
        let limit = max(entityCount * Self.maxRelationsPerEntity, 50)
        if relationCount > limit {
            throw GenerateError(description: "--relations must be at most \(limit) for \(entityCount) entities (\(Self.maxRelationsPerEntity) per entity)")
        }
    }

    /// The network as a document tree, ready for `DocumentWriter`.
    package func document() throws(GenerateError) -> DocumentValue {
        try check()
        var state = State(generator: self)
        return try state.build()
    }

    /// The network as JSON bytes.
    public func json() throws(GenerateError) -> [UInt8] { DocumentWriter.json(try document()) }

    /// The network as YAML bytes.
    public func yaml() throws(GenerateError) -> [UInt8] { DocumentWriter.yaml(try document()) }

    // MARK: - Building

    private struct GeneratedEntity {
        var id: String
        var kind: EntityKind
        var name: String
        var fields: [(String, DocumentValue)]
    }

    /// Kind shares, in thousandths, in the order entities are made (containers first).
    private static let kindShares: [(EntityKind, Int)] = [
        (.state, 70), (.territory, 150), (.agency, 90), (.organization, 90), (.group, 180),
        (.person, 220), (.event, 140), (.publication, 60),
    ]

    private static let idPrefix: [EntityKind: String] = [
        .group: "grp", .agency: "agn", .state: "st", .territory: "ter", .person: "per", .event: "evt",
        .organization: "org", .publication: "pub",
    ]

    /// Built-in types with their weight in the mix.
    private static let typeWeights: [(String, Int)] = [
        ("operates-in", 10), ("supports", 8), ("member-of", 8), ("allied-with", 7), ("rival-of", 6),
        ("sponsors", 6), ("based-in", 6), ("funds", 5), ("targeted", 5), ("occurred-in", 5),
        ("trains", 4), ("leads", 4), ("citizen-of", 4), ("affiliate-of", 4), ("controls", 4),
        ("claimed", 4), ("perpetrated", 4), ("participated-in", 4), ("harbors", 3), ("part-of", 3),
        ("born-in", 3), ("published-by", 3), ("recruits-from", 3), ("splinter-of", 2), ("merged-into", 1),
        ("related-to", 2),
    ]

    private struct State {
        let generator: NetworkGenerator
        var random: SplitMix64
        var entities: [GeneratedEntity] = []
        var byKind: [[Int]] = Array(repeating: [], count: EntityKind.builtIn.count)
        var sourceIDs: [String] = []

        init(generator: NetworkGenerator) {
            self.generator = generator
            self.random = SplitMix64(seed: generator.seed ^ 0x7265_6C67_7261_7068)  // "relgraph"
        }

        static func kindIndex(_ kind: EntityKind) -> Int { EntityKind.builtIn.firstIndex(of: kind)! }

        mutating func build() throws(GenerateError) -> DocumentValue {
            let n = generator.entityCount
            let m = generator.relationCount
            let sourceCount = max(1, min(m == 0 ? 1 : m, min(500, max(3, n / 200))))
            let sources = makeSources(sourceCount)
            makeEntities(n)
            let relations = try makeRelations(m)
            let title = "Synthetic network: \(n) entities, \(m) relations (seed \(generator.seed))"
            return .map([
                ("title", .string(title)),
                ("description", .string("Generated by `relgraph generate --entities \(n) --relations \(m) --seed \(generator.seed)` for benchmarks and tests. Every name is invented.")),
                ("sources", .map(sources)),
                ("entities", .list(entities.map { .map($0.fields) })),
                ("relations", .list(relations)),
            ])
        }

        // MARK: Sources

        mutating func makeSources(_ count: Int) -> [(String, DocumentValue)] {
            var result: [(String, DocumentValue)] = []
            for i in 1...count {
                let id = "src-\(i)"
                sourceIDs.append(id)
                var fields: [(String, DocumentValue)] = [
                    ("title", .string("\(random.pick(Words.reportKinds)) \(place()) \(random.pick(Words.reportTopics))")),
                ]
                if random.chance(70) { fields.append(("author", .string(personName()))) }
                fields.append(("publisher", .string(random.pick(Words.publishers))))
                fields.append(("date", .string(date(years: 2000...2025, dayShare: 70).description)))
                if random.chance(40) { fields.append(("url", .string("https://example.org/reports/\(id)"))) }
                result.append((id, .map(fields)))
            }
            return result
        }

        // MARK: Entities

        mutating func makeEntities(_ n: Int) {
            // Deterministic counts per kind by largest remainder, at least one state when n >= 2.
            var counts = NetworkGenerator.kindShares.map { n * $0.1 / 1000 }
            var remaining = n - counts.reduce(0, +)
            var order = Array(NetworkGenerator.kindShares.indices)
            order.sort { (n * NetworkGenerator.kindShares[$0].1) % 1000 > (n * NetworkGenerator.kindShares[$1].1) % 1000 || ((n * NetworkGenerator.kindShares[$0].1) % 1000 == (n * NetworkGenerator.kindShares[$1].1) % 1000 && $0 < $1) }
            var k = 0
            while remaining > 0 {
                counts[order[k % order.count]] += 1
                remaining -= 1
                k += 1
            }
            if n >= 2, counts[0] == 0 {
                let donor = counts.indices.max { counts[$0] < counts[$1] }!
                counts[donor] -= 1
                counts[0] += 1
            }
            var serial = 0
            for (index, (kind, _)) in NetworkGenerator.kindShares.enumerated() {
                for _ in 0..<counts[index] {
                    serial += 1
                    let entity = makeEntity(kind: kind, serial: serial)
                    byKind[Self.kindIndex(kind)].append(entities.count)
                    entities.append(entity)
                }
            }
        }

        mutating func makeEntity(kind: EntityKind, serial: Int) -> GeneratedEntity {
            let id = "\(NetworkGenerator.idPrefix[kind]!)-\(serial)"
            let name: String
            var aliases: [String] = []
            var description: String?
            var since: PartialDate?
            var until: PartialDate?
            var within: String?
            var tags: [String] = []
            switch kind {
            case .state:
                let p = place()
                name = random.chance(50) ? "Republic of \(p)" : p
                if name != p { aliases.append(p) }
            case .territory:
                name = "\(place()) \(random.pick(Words.territoryKinds))"
                // Within a state or an earlier territory: parents come first, so no cycle.
                let states = byKind[Self.kindIndex(.state)], territories = byKind[Self.kindIndex(.territory)]
                if random.chance(75), !(states.isEmpty && territories.isEmpty) {
                    let useTerritory = !territories.isEmpty && (states.isEmpty || random.chance(40))
                    within = entities[random.pick(useTerritory ? territories : states)].id
                }
                if random.chance(10) { tags.append(random.pick(["border", "region", "disputed"])) }
            case .agency:
                name = "\(place()) \(random.pick(Words.agencyNames))"
                let states = byKind[Self.kindIndex(.state)]
                if random.chance(70), !states.isEmpty { within = entities[random.pick(states)].id }
                if random.chance(30) { aliases.append(acronym(name)) }
            case .organization:
                name = "\(random.pick(Words.orgAdjectives)) \(random.pick(Words.orgNouns))"
                let places = byKind[Self.kindIndex(.state)] + byKind[Self.kindIndex(.territory)]
                if random.chance(25), !places.isEmpty { within = entities[random.pick(places)].id }
                if random.chance(40) { since = date(years: 1950...2024, dayShare: 10) }
            case .group:
                name = "\(random.pick(Words.groupPrefixes)) \(random.pick(Words.groupCores))"
                let groups = byKind[Self.kindIndex(.group)]
                if random.chance(8), !groups.isEmpty { within = entities[random.pick(groups)].id }
                if random.chance(60) {
                    since = date(years: 1980...2024, dayShare: 20)
                    if random.chance(15) { until = later(than: since!, maxYears: 15) }
                }
                if random.chance(35) { aliases.append(acronym(name)) }
                if random.chance(20) { tags.append(random.pick(["proxy", "jihadist", "separatist", "designated"])) }
            case .person:
                name = personName()
                if random.chance(20) { aliases.append("\(random.pick(Words.honorifics)) \(name)") }
                if random.chance(30) { since = date(years: 1940...2000, dayShare: 30) }
            case .event:
                name = "\(place()) \(random.pick(Words.eventKinds))"
                since = date(years: 1990...2025, dayShare: 60)
                tags.append(random.pick(["attack", "agreement", "statement", "speech"]))
            case .publication:
                name = random.chance(50) ? "Voice of \(place())" : "\(place()) \(random.pick(Words.publicationNouns))"
            default:
                preconditionFailure("the generator makes built-in kinds only, not '\(kind)'")
            }
            if random.chance(30) {
                description = "\(random.pick(Words.descriptionOpeners)) \(name)\(random.pick(Words.descriptionEndings))"
            }
            var fields: [(String, DocumentValue)] = [("id", .word(id)), ("kind", .word(kind.rawValue)), ("name", .string(name))]
            if !aliases.isEmpty { fields.append(("aliases", .list(aliases.map(DocumentValue.string)))) }
            if let description { fields.append(("description", .string(description))) }
            if let since { fields.append(("since", .string(since.description))) }
            if let until { fields.append(("until", .string(until.description))) }
            if let within { fields.append(("within", .word(within))) }
            if !tags.isEmpty { fields.append(("tags", .list(tags.map(DocumentValue.word)))) }
            if random.chance(5) { fields.append(("url", .string("https://example.org/entities/\(id)"))) }
            if random.chance(25) { fields.append(("sources", .list([.word(random.pick(sourceIDs))]))) }
            return GeneratedEntity(id: id, kind: kind, name: name, fields: fields)
        }

        // MARK: Relations

        /// For each kind, the (type, anchor-is-from) choices with their weights.
        func options() -> [[(type: RelationType, anchorIsFrom: Bool, weight: Int)]] {
            var table: [[(type: RelationType, anchorIsFrom: Bool, weight: Int)]] = Array(repeating: [], count: EntityKind.builtIn.count)
            let present = Set(EntityKind.builtIn.filter { !byKind[Self.kindIndex($0)].isEmpty })
            for (name, weight) in NetworkGenerator.typeWeights {
                let type = RelationType.builtInByName[name]!
                for kind in EntityKind.builtIn where present.contains(kind) {
                    // The other end needs an entity of an allowed kind that is not the anchor.
                    func otherExists(_ kinds: AllowedKinds) -> Bool {
                        EntityKind.builtIn.contains { k in
                            guard kinds.contains(k) else { return false }
                            let count = byKind[Self.kindIndex(k)].count
                            return k == kind ? count > 1 : count > 0
                        }
                    }
                    if type.fromKinds.contains(kind), otherExists(type.toKinds) {
                        table[Self.kindIndex(kind)].append((type, true, weight))
                    }
                    if !type.symmetric, type.toKinds.contains(kind), otherExists(type.fromKinds) {
                        table[Self.kindIndex(kind)].append((type, false, weight))
                    }
                }
            }
            return table
        }

        mutating func makeRelations(_ m: Int) throws(GenerateError) -> [DocumentValue] {
            guard m > 0 else { return [] }
            let table = options()
            let n = entities.count
            // Anchors: every entity once (shuffled), then random ones.
            var anchors = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { anchors.swapAt(i, random.below(i + 1)) }
            var seen = Set<RelationKey>()
            seen.reserveCapacity(m)
            var result: [DocumentValue] = []
            result.reserveCapacity(m)
            var attempts = 0
            let maxAttempts = 50 * m + 10_000
            let persons = byKind[Self.kindIndex(.person)]
            while result.count < m {
                attempts += 1
                if attempts > maxAttempts {
                    throw GenerateError(description: "could only place \(result.count) distinct relations among \(n) entities; ask for fewer relations or more entities")
                }
                let anchor = result.count < n && attempts <= 50 * (result.count + 1) ? anchors[result.count] : random.below(n)
                let choices = table[Self.kindIndex(entities[anchor].kind)]
                guard !choices.isEmpty else { continue }
                let total = choices.reduce(0) { $0 + $1.weight }
                var roll = random.below(total)
                var choice = choices[0]
                for c in choices {
                    if roll < c.weight { choice = c; break }
                    roll -= c.weight
                }
                let otherKinds = choice.anchorIsFrom ? choice.type.toKinds : choice.type.fromKinds
                guard let other = pickEntity(kinds: otherKinds, excluding: anchor) else { continue }
                let (from, to) = choice.anchorIsFrom ? (anchor, other) : (other, anchor)
                let typeIndex = NetworkGenerator.typeWeights.firstIndex { $0.0 == choice.type.name }!
                let key = choice.type.symmetric
                    ? RelationKey(a: min(from, to), b: max(from, to), type: typeIndex)
                    : RelationKey(a: from, b: to, type: typeIndex)
                guard seen.insert(key).inserted else { continue }
                result.append(makeRelation(from: from, to: to, type: choice.type, index: result.count, persons: persons))
            }
            return result
        }

        /// A random entity of one of `kinds` other than `excluding`, each kind
        /// weighted by how many entities it has.
        mutating func pickEntity(kinds: AllowedKinds, excluding: Int) -> Int? {
            let pools = EntityKind.builtIn.filter { kinds.contains($0) }.map { byKind[Self.kindIndex($0)] }
            let total = pools.reduce(0) { $0 + $1.count }
            guard total > 1 || (total == 1 && !pools.contains([excluding])) else { return nil }
            for _ in 0..<8 {
                var roll = random.below(total)
                for pool in pools {
                    if roll < pool.count {
                        let picked = pool[roll]
                        if picked != excluding { return picked }
                        break
                    }
                    roll -= pool.count
                }
            }
            return nil
        }

        mutating func makeRelation(from: Int, to: Int, type: RelationType, index: Int, persons: [Int]) -> DocumentValue {
            var fields: [(String, DocumentValue)] = [
                ("from", .word(entities[from].id)), ("type", .word(type.name)), ("to", .word(entities[to].id)),
            ]
            var since: PartialDate?
            if random.chance(55) {
                since = date(years: 1990...2025, dayShare: 25)
                fields.append(("since", .string(since!.description)))
                if random.chance(15) { fields.append(("until", .string(later(than: since!, maxYears: 10).description))) }
            }
            let roll = random.below(100)
            let confidence: Confidence? = roll < 20 ? .confirmed : roll < 65 ? nil : roll < 90 ? .alleged : .disputed
            if let confidence { fields.append(("confidence", .word(confidence.rawValue))) }
            if random.chance(30) {
                fields.append(("grade", .word("\(random.pick(Array("ABCDEF")))\(random.int(in: 1...6))")))
            }
            // Sources: the first relations cite each source in turn, so every source is used.
            let firstSource = index < sourceIDs.count ? sourceIDs[index] : random.pick(sourceIDs)
            if random.chance(10) && index >= sourceIDs.count {
                fields.append(("sources", .list([.word(firstSource)])))
            } else {
                var claims: [DocumentValue] = []
                let count = random.chance(25) ? 2 : 1
                for c in 0..<count {
                    var claim: [(String, DocumentValue)] = [("source", .word(c == 0 ? firstSource : random.pick(sourceIDs)))]
                    if random.chance(15), !persons.isEmpty { claim.append(("by", .word(entities[random.pick(persons)].id))) }
                    claim.append(("quote", .string(quote(from: entities[from].name, type: type, to: entities[to].name))))
                    if random.chance(20) { claim.append(("date", .string(date(years: 2000...2025, dayShare: 50).description))) }
                    claims.append(.map(claim))
                }
                fields.append(("claims", .list(claims)))
            }
            if random.chance(10) { fields.append(("note", .string(random.pick(Words.notes)))) }
            if random.chance(10) { fields.append(("tags", .list([.word(random.pick(["proxy", "financial", "cross-border", "historical", "propaganda"]))]))) }
            return .map(fields)
        }

        // MARK: Words

        mutating func place() -> String {
            var name = random.pick(Words.placeStarts) + random.pick(Words.placeMiddles)
            if random.chance(60) { name += random.pick(Words.placeEnds) }
            return name
        }

        mutating func personName() -> String {
            "\(random.pick(Words.givenNames)) \(random.pick(Words.familyNames))"
        }

        func acronym(_ name: String) -> String {
            String(name.split(separator: " ").compactMap { $0.first(where: \.isLetter) }.map { Character($0.uppercased()) })
        }

        mutating func quote(from: String, type: RelationType, to: String) -> String {
            "\(random.pick(Words.quoteOpeners)) \(from) \(type.label) \(to)"
        }

        mutating func date(years: ClosedRange<Int>, dayShare: Int) -> PartialDate {
            let year = random.int(in: years)
            let roll = random.below(100)
            if roll < dayShare {
                let month = random.int(in: 1...12)
                return PartialDate(year: year, month: month, day: random.int(in: 1...PartialDate.daysIn(month: month, year: year)))!
            }
            if roll < dayShare + (100 - dayShare) / 2 { return PartialDate(year: year, month: random.int(in: 1...12))! }
            return PartialDate(year: year)!
        }

        /// A date at least as late as the last day `date` covers, at the same precision or coarser.
        mutating func later(than date: PartialDate, maxYears: Int) -> PartialDate {
            let year = min(9999, date.year + random.int(in: 1...maxYears))
            return PartialDate(year: year)!
        }
    }

    /// Identity of a relation for duplicate checks (never iterated).
    private struct RelationKey: Hashable {
        var a: Int
        var b: Int
        var type: Int
    }
}

/// Word lists for invented names. Nothing here names a real group or person.
private enum Words {
    static let placeStarts = ["Kar", "Zan", "Mir", "Tal", "Qor", "Vesh", "Dar", "Bal", "Sur", "Nor", "Ash", "Kel",
                              "Rud", "Sar", "Hel", "Jor", "Lam", "Pash", "Ghaz", "Ost", "Ulm", "Yar", "Bek", "Ḥam"]
    static let placeMiddles = ["a", "i", "o", "u", "e", "ab", "an", "ir", "os", "um", "el", "ar"]
    static let placeEnds = ["stan", "bad", "pur", "grad", "ia", "kent", "abad", "shahr", "dor", "via", "mar", "ganj"]
    static let territoryKinds = ["province", "district", "valley", "city", "region", "border area", "oblast", "governorate"]
    static let agencyNames = ["Intelligence Directorate", "Border Guard", "Security Service", "Army", "Counter-Terrorism Department",
                              "Military Intelligence", "Interior Ministry Police", "Special Branch"]
    static let orgAdjectives = ["United", "International", "Regional", "National", "Democratic", "Popular", "Humanitarian", "Islamic"]
    static let orgNouns = ["Relief Council", "Movement", "Party", "Foundation", "Trust", "Assembly", "Commission", "Front for Justice"]
    static let groupPrefixes = ["Harakat", "Jamaat", "Lashkar", "Tehreek", "Jaish", "Ansar", "Hizb", "Katibat", "Liwa", "Jabhat",
                                "Brigade of", "Front of", "Army of", "Sons of"]
    static let groupCores = ["al-Furqan", "al-Nasr", "ul-Mujahideen", "e-Inqilab", "al-Haqq", "al-Sham", "al-Khorasan", "al-Bayan",
                             "the North", "the Mountains", "the Faithful", "the Valley", "al-Tawhid", "al-Ḥuda"]
    static let givenNames = ["Ahmad", "Omar", "Fatima", "Yusuf", "Aisha", "Karim", "Leila", "Hamid", "Zainab", "Tariq", "Nadia",
                             "Rashid", "Samir", "Mariam", "Bilal", "Farah", "Idris", "Noor", "Anwar", "Salma", "Viktor", "Elena",
                             "John", "Maria", "Chen", "Priya", "Arjun", "Sofia", "Dmitri", "Amina"]
    static let familyNames = ["Khan", "Rahman", "Haddad", "Qureshi", "Baloch", "Yusufzai", "Karimi", "Nazari", "Sadiq", "Farooqi",
                              "Petrov", "Smith", "Ivanova", "Li", "Sharma", "Mansour", "Hussaini", "Durrani", "Azizi", "Malik",
                              "Osmani", "Rostami", "Jafari", "Saleh", "Zahir"]
    static let honorifics = ["Dr", "General", "Sheikh", "Mullah", "Colonel", "Emir"]
    static let eventKinds = ["bombing", "accord", "summit", "raid", "assassination", "ceasefire", "conference", "hostage crisis",
                             "speech", "statement", "prison break", "market attack"]
    static let publicationNouns = ["Herald", "Dispatch", "Review", "Bulletin", "Monitor", "Gazette"]
    static let publishers = ["The Daily Monitor", "Regional Affairs Review", "Global Security Weekly", "The Frontier Post",
                             "Conflict Research Institute", "UN Panel of Experts", "Open Source Observatory"]
    static let reportKinds = ["A report on", "An analysis of", "Field notes on", "A briefing on", "An investigation into", "A dossier on"]
    static let reportTopics = ["militancy", "border security", "proxy networks", "financing", "recruitment", "propaganda"]
    static let descriptionOpeners = ["Little is known about", "Open sources describe", "Analysts disagree about", "Reports first mention"]
    static let descriptionEndings = [".", " before the 2010s.", " in the border areas.", " as a front for others.", " only in passing."]
    static let quoteOpeners = ["Officials say that", "According to the report,", "Witnesses claim that", "The author writes that",
                               "Leaked documents suggest that", "It is alleged that"]
    static let notes = ["Dated from the report's publication.", "The sources disagree on the start date.",
                        "Inferred from two separate claims.", "Denied by the government concerned.",
                        "Only one source; treat with caution."]
}
