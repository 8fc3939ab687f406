import Foundation
import Testing
@testable import RelGraph
import RelGraphTestSupport

/// The flagship against the op-ed it encodes: every quote is the text's own
/// words, and each correction made after checking the text stays made.
@Suite("Flagship against its text")
struct FlagshipTextTests {
    /// The flagship network, loaded without errors.
    let flagship: Network = {
        let loaded = NetworkLoader().load(path: packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path)
        #expect(loaded.errors.map(\.formatted) == [])
        return loaded.network
    }()

    /// `text` with every run of white space (line breaks, the text's double spaces) as one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The fragments of `text` between double quotes, straight ("…") or curly (“…”).
    static func quotedFragments(_ text: String) -> [String] {
        var fragments: [String] = []
        var current: String?
        var closing: Character = "\""
        for character in text {
            if current != nil, character == closing {
                fragments.append(current!)
                current = nil
            } else if current == nil, character == "\"" || character == "“" {
                current = ""
                closing = character == "“" ? "”" : "\""
            } else {
                current?.append(character)
            }
        }
        return fragments
    }

    /// The relation of `key`.
    func relation(_ key: String) throws -> Relation {
        try #require(flagship.relations.first { $0.key == key }, "no relation \(key)")
    }

    @Test("every claim's quote is verbatim from the op-ed, and so is every quoted fragment of a note or description",
          .enabled(if: FileManager.default.fileExists(atPath: TestPaths.flagshipSeedText.path),
                   "needs shared/seed/asian-age-2025-10-09-iskp-isi.txt beside shared/data"))
    func quotesAreVerbatim() throws {
        let text = Self.collapsed(try String(contentsOf: TestPaths.flagshipSeedText, encoding: .utf8))
        let quotes = flagship.relations.flatMap { $0.claims.compactMap(\.quote) }
        #expect(quotes.count > 90)
        for quote in quotes {
            let verbatim = text.contains(Self.collapsed(quote))
            #expect(verbatim, "not in the op-ed: \(quote)")
        }
        // In notes and descriptions, words in double quotes are the op-ed's too; a
        // fragment that opens the analyst's sentence may capitalise its first letter.
        let remarks = flagship.relations.compactMap(\.note) + flagship.entities.compactMap(\.description)
        let fragments = remarks.flatMap(Self.quotedFragments)
        #expect(fragments.count > 30)
        for fragment in fragments {
            let words = Self.collapsed(fragment)
            let lowered = words.prefix(1).lowercased() + words.dropFirst()
            let verbatim = text.contains(words) || text.contains(lowered)
            #expect(verbatim, "not in the op-ed: \(fragment)")
        }
    }

    @Test("'reached out to defectors' is an attempt to recruit, the type India's relation uses, not recruitment")
    func outreachIsAnAttempt() throws {
        let india = try relation("iskp tries-to-recruit-from india")
        for group in ["ttp", "afghan-taliban"] {
            let outreach = try relation("isis tries-to-recruit-from \(group)")
            #expect(outreach.type == india.type)
            #expect(outreach.claims.allSatisfy { $0.quote?.contains("reached out to defectors") == true })
            #expect(!flagship.relations.contains { $0.key == "isis recruits-from \(group)" })
        }
    }

    @Test("'In March 2020' dates ISKP's claim of responsibility (the relation), not the author's 2025 claim; known as of 2021 the op-ed is not there")
    func gurdwaraDate() throws {
        let claimed = try relation("iskp claimed kabul-gurdwara-attack @2020-03")
        #expect(claimed.since == PartialDate("2020-03"))
        #expect(claimed.claims.allSatisfy { $0.date == nil && $0.madeOn(in: flagship) == PartialDate("2025-10-09") })
        let attack = try #require(flagship.entities.first { $0.id == "kabul-gurdwara-attack" })
        #expect(attack.description?.contains("inferred") == true)
        // A claim's own date is when a claimant the op-ed reports made it (Naseem Baloch, Voice of Khorasan);
        // the author's claims are the op-ed's, of 2025-10-09. So nothing was known by July 2021.
        #expect(flagship.relations.flatMap(\.claims).filter { $0.date != nil }.allSatisfy { $0.by != nil })
        let known = try flagship.applying(ViewDefinition(knownAsOf: PartialDate("2021-07-31")!))
        #expect(known.network.relations.isEmpty)
        let asOf = try flagship.applying(ViewDefinition(asOf: PartialDate("2021-07-31")!))
        #expect(asOf.network.relations.contains { $0.key == claimed.key })
    }

    @Test("Pakistan's deflection of 'accusations of supporting ISKP' is on every relation accusing Pakistan or its ISI of backing ISKP, each disputed")
    func denialWhereTheTextPutsIt() throws {
        let backing = flagship.relations.filter { ["isi", "pakistan"].contains($0.from) && $0.to == "iskp" }
        #expect(Set(backing.map(\.key)) == [
            "isi sponsors iskp", "isi funds iskp", "isi trains iskp", "isi harbors iskp", "isi allied-with iskp",
            "pakistan sponsors iskp", "pakistan harbors iskp @2021-08", "pakistan trains iskp",
        ])
        for relation in backing {
            let denials = relation.claims.filter { $0.stance == .denies }
            #expect(denials.count == 1, "\(relation.key)")
            #expect(denials.allSatisfy { $0.by == "pakistan" && $0.quote?.hasPrefix("Pakistan has attempted to deflect accusations of supporting ISKP") == true },
                    "\(relation.key)")
            #expect(relation.confidence == .disputed, "\(relation.key)")
        }
        // The text accuses the ISI itself: "ISI has bolstered ISKP".
        #expect(try relation("isi sponsors iskp").claims.contains { $0.stance == .supports && $0.quote?.contains("ISI has bolstered ISKP") == true })
        // What ISKP is used against, and the agreement, are not what the deflection answers.
        let undenied = flagship.relations.filter { $0.type == "proxy-against" || $0.to == "dabori-agreement" }
        #expect(undenied.count == 5)
        #expect(undenied.allSatisfy { !$0.isDenied })
    }

    @Test("'could destabilize … potentially Europe' is a possible future of Pakistan's patronage: kept in a note, not drawn as a tie")
    func europeIsARiskNotATie() throws {
        #expect(!flagship.entities.contains { $0.id == "europe" })
        #expect(!flagship.relations.contains { $0.claims.contains { $0.quote?.contains("potentially Europe") == true } })
        let note = try #require(try relation("pakistan sponsors iskp").note)
        #expect(note.contains("\"risks creating sanctuaries for extremists that could destabilize not only South Asia but also Central Asia, Russia, and potentially Europe\""))
        #expect(note.contains("not drawn as a tie"))
    }

    @Test("'the early leaders … were Pakistani nationals' says who ISKP's early leaders were, not that it recruits in Pakistan")
    func earlyLeaders() throws {
        let leaders = try relation("iskp early-leaders-from pakistan")
        #expect(leaders.claims.map(\.quote) == ["Most of the early leaders of ISKP, including its first four Emirs, were Pakistani nationals, underlining the group’s dependence on Pakistani networks"])
        #expect(leaders.note?.contains("early leaders") == true)
        #expect(flagship.relationType(named: "early-leaders-from")?.label == "had early leaders from")
        // No relation of the flagship says that anyone recruits: the text says only that some tried.
        #expect(!flagship.relations.contains { $0.type == "recruits-from" })
    }

    @Test("quoted fragments: straight and curly quotes, in order")
    func fragments() {
        #expect(Self.quotedFragments("a \"b c\" d “e” f \"g\"") == ["b c", "e", "g"])
        #expect(Self.quotedFragments("no quotes’ here") == [])
    }
}
