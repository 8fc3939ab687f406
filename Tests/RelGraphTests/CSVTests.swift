import Foundation
import Testing
@testable import RelGraph

private func read(_ text: String) throws(SyntaxError) -> [[String]] {
    try CSVReader().read(Array(text.utf8)).records.map { $0.map(\.text) }
}

private func csvImport(entities: String, relations: String? = nil, sources: String? = nil, types: String? = nil) -> CSVImportResult {
    CSVImporter().importTables(
        entities: CSVInput(file: "e.csv", bytes: Array(entities.utf8)),
        relations: relations.map { CSVInput(file: "r.csv", bytes: Array($0.utf8)) },
        sources: sources.map { CSVInput(file: "s.csv", bytes: Array($0.utf8)) },
        relationTypes: types.map { CSVInput(file: "t.csv", bytes: Array($0.utf8)) })
}

/// Diagnostics as `file:line:column code message`.
private func problems(_ result: CSVImportResult) -> [String] {
    result.diagnostics.map { "\($0.file):\($0.location.map(\.description) ?? "-") \($0.code) \($0.message)" }
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("RFC 4180: commas, doubled quotes and line breaks inside quotes; CRLF or LF; BOM")
    func rfc4180() throws {
        #expect(try read("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try read("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try read("\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n") == [["a", "b"], ["x, y", "say \"hi\""]])
        #expect(try read("a\n\"line one\r\nline two\"\n") == [["a"], ["line one\nline two"]])
        #expect(try read("a,b") == [["a", "b"]])
        #expect(try read("a,\n,\n") == [["a", ""], ["", ""]])
        #expect(try read("a\n\n\nb\n") == [["a"], ["b"]])
        #expect(try read("\"\"\n") == [[""]])
        #expect(try read("") == [])
        #expect(try read("é,ü\n") == [["é", "ü"]])
    }

    @Test("fields know their line and column (in Unicode scalars, after a BOM)")
    func positions() throws {
        let table = try CSVReader().read(Array("\u{FEFF}id,name\n\"a\nb\",ü,c\n".utf8))
        #expect(table.records.map { $0.map(\.location.description) } == [["1:1", "1:4"], ["2:1", "3:4", "3:6"]])
    }

    @Test("broken quoting and bad bytes are errors with a position")
    func errors() {
        func failure(_ bytes: [UInt8]) -> String {
            do { _ = try CSVReader().read(bytes); return "ok" } catch { return "\(error.code)@\(error.location?.description ?? "-")" }
        }
        #expect(failure(Array("a,b\n\"open,c\n".utf8)) == "syntax@2:1")
        #expect(failure(Array("a,\"b\"c\n".utf8)) == "syntax@1:6")
        #expect(failure([0x61, 0x2C, 0xFF, 0x0A]) == "encoding@1:3")
        #expect(failure([0xFF, 0xFE, 0x61, 0x00]) == "encoding@1:1")
    }
}

@Suite("CSV import")
struct CSVImportTests {
    static let entities = """
        id,kind,name,aliases,since,within,tags,sources,external_ids.other
        isi,agency,ISI,Inter-Services Intelligence,1948,,,op-ed,
        iskp,group,"ISKP, the Khorasan branch",IS-K;ISIS-K,2015-01,,proxy; jihadist ,op-ed,Q123
        pk,state,Pakistan,,,,,op-ed,
        kp,territory,Khyber Pakhtunkhwa,KP,,pk,a\\;b,op-ed,

        """
    static let relations = """
        from,type,to,id,since,confidence,grade,claim.source,claim.by,claim.quote,claim.date,note
        isi,sponsors,iskp,,2016,alleged,C3,op-ed,,"deep ""covert"" ties",2025-10-09,The author's claim.
        isi,sponsors,iskp,,2016,,,op-ed,pk,we deny it,,
        iskp,operates-in,kp,,,,,op-ed,,,,
        isi,watches,iskp,w1,,,,op-ed,,,,
        """
    static let sources = "id,title,author,publisher,date,url\nop-ed,An op-ed,A. Author,The Asian Age,2025-10-09,https://example.org\n"
    static let types = "name,label,description,direction,from,to,allow_self\nwatches,keeps an eye on,Surveillance.,directed,agency;state,group,false\n"

    @Test("tables become the same network as the equivalent YAML")
    func network() throws {
        let result = csvImport(entities: Self.entities, relations: Self.relations, sources: Self.sources, types: Self.types)
        #expect(problems(result) == [])
        let yaml = """
            title: Network from e.csv
            sources:
              op-ed: {title: An op-ed, author: A. Author, publisher: The Asian Age, date: "2025-10-09", url: "https://example.org"}
            relation_types:
              watches: {label: keeps an eye on, description: Surveillance., direction: directed, from: [agency, state], to: [group], allow_self: false}
            entities:
              - {id: isi, kind: agency, name: ISI, aliases: [Inter-Services Intelligence], since: "1948", sources: [op-ed]}
              - {id: iskp, kind: group, name: "ISKP, the Khorasan branch", aliases: [IS-K, ISIS-K], since: "2015-01", tags: [proxy, jihadist], sources: [op-ed], external_ids: {other: Q123}}
              - {id: pk, kind: state, name: Pakistan, sources: [op-ed]}
              - {id: kp, kind: territory, name: Khyber Pakhtunkhwa, aliases: [KP], within: pk, tags: [a;b], sources: [op-ed]}
            relations:
              - from: isi
                type: sponsors
                to: iskp
                since: "2016"
                confidence: alleged
                grade: C3
                claims:
                  - {source: op-ed, quote: 'deep "covert" ties', date: "2025-10-09"}
                  - {source: op-ed, by: pk, quote: we deny it}
                note: The author's claim.
              - {from: iskp, type: operates-in, to: kp, claims: [{source: op-ed}]}
              - {from: isi, type: watches, to: iskp, id: w1, claims: [{source: op-ed}]}
            """
        let expected = load(yaml)
        #expect(expected.diagnostics.map(\.formatted) == [])
        #expect(result.network == expected.network)
        #expect(result.rows == ["entities": 4, "relations": 4, "sources": 1, "relation types": 1])
    }

    @Test("every bad row is reported at its cell with the column's name")
    func badRows() {
        let result = csvImport(
            entities: "id,kind,name,since,within\nisi,agnecy,ISI,1948,\n,group,No id,,\nx y,group,Bad,2015-13,\ng,group,G,,nowhere\ng,group,Again,,\n",
            relations: "from,type,to,grade,confidence,sources\ng,sponsor,nobody,Z9,sure,ghost\n")
        #expect(problems(result) == [
            "e.csv:2:5 unknown-kind column kind: unknown entity kind 'agnecy'",
            "e.csv:3:1 empty-value column id: 'id' of entity #2 is empty",
            "e.csv:4:1 bad-id column id: entity id 'x y' is not a valid id",
            "e.csv:4:15 bad-date column since: '2015-13' is not a valid month: months run from 01 to 12",
            "e.csv:5:12 unknown-entity column within: within 'nowhere' is not an entity of this network",
            "e.csv:6:1 duplicate-entity column id: duplicate entity id 'g'",
            "r.csv:2:3 unknown-relation-type column type: unknown relation type 'sponsor'",
            "r.csv:2:11 unknown-entity column to: to 'nobody' is not an entity of this network",
            "r.csv:2:18 bad-grade column grade: grade 'Z9' is not an Admiralty code",
            "r.csv:2:21 bad-confidence column confidence: confidence 'sure' is not one of relgraph's values",
            "r.csv:2:26 unknown-source column sources: source 'ghost' is not defined under 'sources'",
        ])
        #expect(result.hasErrors)
        #expect(result.diagnostics.first?.hint?.hasPrefix("did you mean 'agency'?") == true)
        let formatted = result.diagnostics.first!.formatted
        #expect(formatted.hasPrefix("e.csv:2:5: error: [unknown-kind] column kind: unknown entity kind 'agnecy'\n  hint: "))
    }

    @Test("header problems: unknown, repeated and missing columns")
    func header() {
        #expect(problems(csvImport(entities: "id,kind,nmae,kind\n")) == [
            "e.csv:1:1 missing-key the entities table has no 'name' column",
            "e.csv:1:9 unknown-key column nmae: unknown column",
            "e.csv:1:14 duplicate-key column kind: appears twice in the header",
        ])
        #expect(csvImport(entities: "id,kind,nmae\n").diagnostics.first { $0.code == .unknownKey }?.hint?.hasPrefix("did you mean 'name'?") == true)
        #expect(problems(csvImport(entities: "")) == ["e.csv:1:1 empty-document the file is empty; the entities table needs a header line"])
        #expect(problems(csvImport(entities: "id,kind,name\na,group,A,extra\n")) == ["e.csv:2:11 bad-value row has 4 fields but the header has 3 columns"])
    }

    @Test("short rows leave cells empty; required ones are reported")
    func shortRows() {
        #expect(problems(csvImport(entities: "id,kind,name,description\na,group\n")) == ["e.csv:2:1 empty-value 'name' of entity 'a' is empty"])
        #expect(problems(csvImport(entities: "id,kind,name,description\na,group,A\n")) == ["e.csv:2:1 isolated-entity entity 'a' takes part in no relation"])
    }
}

@Suite("CSV import: provenance columns")
struct CSVProvenanceTests {
    @Test("claim.stance and claim.credibility, ended, and a source's reliability come in as in YAML; a repeated row adds the denial")
    func provenanceColumns() {
        let result = csvImport(
            entities: "id,kind,name,ended\nisi,agency,ISI,\niskp,group,ISKP,\npk,state,Pakistan,\nold,group,Old,true\n",
            relations: "from,type,to,ended,claim.source,claim.by,claim.quote,claim.stance,claim.credibility\n"
                + "isi,sponsors,iskp,,op,,ties,,3\n"
                + "isi,sponsors,iskp,,op,pk,we deny,denies,\n"
                + "old,allied-with,iskp,true,op,,allied,,\n"
                + "pk,controls,isi,,op,,controls,,\n",
            sources: "id,title,date,reliability\nop,An op-ed,2025,C\n")
        #expect(problems(result) == [])
        let sponsors = result.network.relations.first { $0.type == "sponsors" }
        #expect(sponsors?.claims.map(\.stance) == [.supports, .denies])
        #expect(sponsors?.claims.first?.credibility == 3)
        #expect(result.network.relations.first { $0.type == "allied-with" }?.ended == true)
        #expect(result.network.entities.first { $0.id == "old" }?.ended == true)
        #expect(result.network.sources["op"]?.reliability == "C")
    }
}
