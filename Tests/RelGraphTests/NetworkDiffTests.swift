import Foundation
import Testing
@testable import RelGraph

private func network(_ text: String) -> Network {
    let loaded = load(text)
    #expect(!loaded.hasErrors, "\(loaded.errors.map(\.formatted))")
    return loaded.network
}

private let base = minimalYAML + """

views:
  ties:
    title: Ties
    focus: [iskp]
"""

@Suite("network diff") struct NetworkDiffTests {
    @Test("the same network, reordered and reformatted, has no differences")
    func reorderedIsEqual() {
        let reordered = """
        relations:
          - {type: sponsors, confidence: alleged, to: iskp, from: isi, claims: [{quote: "deep ties", source: op-ed}]}
        entities:
          - {name: ISKP, kind: group, id: iskp}
          - {kind: agency, id: isi, name: ISI}
        sources: {op-ed: {date: 2025-10-09, publisher: A paper, title: An op-ed}}
        views: {ties: {focus: [iskp], title: Ties}}
        title: Minimal
        """
        let report = NetworkDiff.compare(network(base), network(reordered))
        #expect(report.isEmpty)
        #expect(report.text() == "")
    }

    @Test("entities added, removed and changed, each changed field as old -> new")
    func entities() {
        let old = network(base)
        var new = old
        new.entities[0].description = "Pakistan's Inter-Services Intelligence."
        new.entities[0].aliases = ["Inter-Services Intelligence"]
        new.entities.remove(at: 1)
        new.entities.append(Entity(id: "taliban", kind: .group, name: "Taliban"))
        new.relations = []
        let report = NetworkDiff.compare(old, new)
        let entities = report.section("entities")!
        #expect(entities.items.map(\.key) == ["isi", "iskp", "taliban"])
        #expect(entities.items.map(\.status) == [.changed, .removed, .added])
        #expect(entities.item("isi")?.fields == [
            FieldChange(field: "aliases", old: nil, new: .list(["Inter-Services Intelligence"])),
            FieldChange(field: "description", old: nil, new: .text("Pakistan's Inter-Services Intelligence.")),
        ])
        #expect(entities.item("taliban")?.summary == "Taliban (group)")
        #expect(entities.item("taliban")?.fields.first == FieldChange(field: "kind", old: nil, new: .token("group")))
    }

    @Test("relations are matched by key; confidence, claims and notes are fields")
    func relations() {
        let old = network(base)
        var new = old
        new.relations[0].confidence = .reported
        new.relations[0].claims.append(Claim(source: "op-ed", by: "isi", quote: "we deny", date: PartialDate("2025")))
        new.relations.append(Relation(from: "isi", type: "funds", to: "iskp"))
        let report = NetworkDiff.compare(old, new)
        let relations = report.section("relations")!
        #expect(relations.items.map(\.key) == ["isi funds iskp", "isi sponsors iskp"])
        #expect(relations.item("isi funds iskp")?.status == .added)
        #expect(relations.item("isi sponsors iskp")?.fields == [
            FieldChange(field: "confidence", old: .token("alleged"), new: .token("reported")),
            FieldChange(field: "claim 2", old: nil, new: .text("op-ed (by isi, 2025): “we deny”")),
        ])
        #expect(relations.item("isi sponsors iskp")?.summary == "ISI sponsors ISKP (reported)")
    }

    @Test("a dated relation without id is keyed with @since: a new date is one removed and one added")
    func datedRelationKey() {
        let old = network(base)
        var new = old
        new.relations[0].since = PartialDate("2021")
        let relations = NetworkDiff.compare(old, new).section("relations")!
        #expect(relations.items.map(\.key) == ["isi sponsors iskp", "isi sponsors iskp @2021"])
        #expect(relations.items.map(\.status) == [.removed, .added])

        // With an id, the relation is followed across the edit.
        var oldWithID = old, newWithID = new
        oldWithID.relations[0].id = "isi-backs-iskp"
        newWithID.relations[0].id = "isi-backs-iskp"
        let followed = NetworkDiff.compare(oldWithID, newWithID).section("relations")!
        #expect(followed.items.map(\.status) == [.changed])
        #expect(followed.items.first?.fields == [FieldChange(field: "since", old: nil, new: .token("2021"))])
    }

    @Test("lists whose order means nothing are compared as sets; claims in order")
    func listsAsSets() {
        var old = network(base)
        old.entities[0].aliases = ["a", "b"]
        old.entities[0].tags = ["x", "y"]
        var new = old
        new.entities[0].aliases = ["b", "a"]
        new.entities[0].tags = ["y", "x"]
        #expect(NetworkDiff.compare(old, new).isEmpty)

        old.relations[0].claims.append(Claim(source: "op-ed", quote: "second"))
        new = old
        new.relations[0].claims.reverse()
        let changed = NetworkDiff.compare(old, new).section("relations")!.items.first!
        #expect(changed.fields.map(\.field) == ["claim 1", "claim 2"])
    }

    @Test("sources, declared types, views and the document are compared too")
    func otherSections() {
        let old = network(base)
        var new = old
        new.title = "Minimal, revised"
        new.style.direction = "TB"
        new.sources["op-ed"]?.date = PartialDate("2025-10-10")
        new.relationTypes["proxy-against"] = RelationType(name: "proxy-against", description: "used against")
        new.views["ties"]?.depth = 2
        let report = NetworkDiff.compare(old, new)
        #expect(report.section("sources")?.item("op-ed")?.fields == [
            FieldChange(field: "date", old: .token("2025-10-09"), new: .token("2025-10-10")),
        ])
        #expect(report.section("relation types")?.item("proxy-against")?.status == .added)
        #expect(report.section("views")?.item("ties")?.fields == [FieldChange(field: "depth", old: nil, new: .token("2"))])
        #expect(report.section("document")?.item("document")?.fields == [
            FieldChange(field: "title", old: .text("Minimal"), new: .text("Minimal, revised")),
            FieldChange(field: "style.direction", old: nil, new: .token("TB")),
        ])
        #expect(report.differenceCount == 4)
    }

    @Test("the text report reads like a review; nothing is printed for no differences")
    func textReport() {
        let old = network(base)
        var new = old
        new.relations[0].confidence = .reported
        new.entities.append(Entity(id: "taliban", kind: .group, name: "Taliban"))
        let text = NetworkDiff.compare(old, new, oldName: "git:HEAD:x.yaml", newName: "x.yaml").text()
        #expect(text == """
            --- git:HEAD:x.yaml (model)
            +++ x.yaml (model)
            2 differences: entities 1 added; relations 1 changed

            Entities: 1 added
              + taliban  Taliban (group)
                  kind: group
                  name: "Taliban"

            Relations: 1 changed
              ~ isi sponsors iskp  ISI sponsors ISKP (reported)
                  confidence: alleged -> reported

            """)
    }

    @Test("long values are shown on two lines; control characters never break a line")
    func textValues() {
        let long = String(repeating: "word ", count: 30)
        let lines = DiffReport.lines(for: FieldChange(field: "description", old: .text("short"), new: .text(long)), status: .changed)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("        - \"short\""))
        #expect(DiffReport.show(.text("a\nb\u{202E}c\"")) == "\"a\\nb\\u{202e}c\\\"\"")
        #expect(DiffReport.show(.list(["x", "a b"])) == "[x, \"a b\"]")
        #expect(DiffReport.show(nil) == "(none)")
        #expect(DiffReport.printable("a\nb") == "a\\u{a}b")
    }

    @Test("JSON has every section with counts, nulls for unset fields, sorted keys")
    func json() throws {
        let old = network(base)
        var new = old
        new.relations[0].note = "new note"
        let data = NetworkDiff.compare(old, new).json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["differences"] as? Int == 1)
        #expect(object["level"] as? String == "model")
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections.map { $0["name"] as? String } == ["entities", "relations", "sources", "entity kinds", "relation types", "views", "document"])
        let relations = sections[1]
        #expect(relations["changed"] as? Int == 1)
        let field = try #require(((relations["items"] as? [[String: Any]])?.first?["fields"] as? [[String: Any]])?.first)
        #expect(field["field"] as? String == "note")
        #expect(field["old"] is NSNull)
        #expect(field["new"] as? String == "new note")
        #expect(String(decoding: data, as: UTF8.self).hasSuffix("}\n"))
        #expect(data == NetworkDiff.compare(old, new).json())
    }
}

@Suite("diff inputs") struct DiffInputTests {
    @Test("DOT is told from YAML and JSON by extension, else by content")
    func kinds() {
        #expect(DiffInput(name: "a.gv", path: "a.gv", bytes: Array("anything".utf8)).kind == .dot)
        #expect(DiffInput(name: "a.DOT", path: "a.DOT", bytes: []).kind == .dot)
        #expect(DiffInput(name: "a.yaml", path: "a.yaml", bytes: Array("digraph { }".utf8)).kind == .model)
        #expect(DiffInput(name: "-", path: "", bytes: Array("/* c */ strict digraph G { a }".utf8)).kind == .dot)
        #expect(DiffInput(name: "-", path: "", bytes: Array("# comment\ngraph{a--b}".utf8)).kind == .dot)
        #expect(DiffInput(name: "-", path: "", bytes: Array("graph: not dot\n".utf8)).kind == .model)
        #expect(DiffInput(name: "-", path: "", bytes: Array("{\"entities\": []}".utf8)).kind == .model)
        #expect(DiffInput(name: "x.txt", path: "x.txt", bytes: Array("\u{FEFF}digraph \"G\" {}".utf8)).kind == .dot)
    }

    @Test("git:REV:PATH splits at the first colon after git:")
    func gitSyntax() {
        #expect(GitRevisionFile.parse("git:HEAD~1:graphs/x.yaml")! == ("HEAD~1", "graphs/x.yaml"))
        #expect(GitRevisionFile.parse("git:main:dir/a:b.gv")! == ("main", "dir/a:b.gv"))
        #expect(GitRevisionFile.parse("graphs/x.yaml") == nil)
        #expect(GitRevisionFile.parse("git:HEAD") == nil)
    }

    @Test("a missing file, a revision starting with '-' and an empty path are clear errors")
    func errors() {
        #expect {
            _ = try DiffInput.read("/nonexistent/net.yaml")
        } throws: { error in
            "\(error)".contains("/nonexistent/net.yaml: no such file") && "\(error)".contains("git:REV:PATH")
        }
        #expect {
            _ = try DiffInput.read("git:--output=/tmp/x:graphs/x.yaml")
        } throws: { error in
            "\(error)".contains("starts with '-'")
        }
        #expect {
            _ = try DiffInput.read("git:HEAD:")
        } throws: { error in
            "\(error)".contains("the path is empty")
        }
    }

    @Test("outside a git repository, git:REV:PATH says so and how to fix it")
    func outsideARepository() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-nogit-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect {
            _ = try DiffInput.read("git:HEAD:x.yaml", directory: directory.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("git:HEAD:x.yaml: git show HEAD:x.yaml failed") && text.contains("not a git repository")
                && text.contains("hint: run relgraph diff inside the git repository")
        }
    }
}
