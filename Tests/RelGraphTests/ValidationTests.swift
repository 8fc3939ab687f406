import Testing
@testable import RelGraph

/// Every diagnostic relgraph reports, each asserted with its code and its line:column.
@Suite("Validation diagnostics")
struct ValidationTests {
    @Test("the minimal document is valid with no diagnostics")
    func minimalIsValid() {
        #expect(codes(minimalYAML) == [])
    }

    @Test("the flagship example validates with zero errors and zero warnings")
    func flagship() throws {
        let loaded = NetworkLoader().load(path: packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path)
        #expect(loaded.diagnostics.map(\.formatted) == [])
        #expect(loaded.network.entities.count > 40)
        #expect(loaded.network.relations.count > 60)
    }

    @Test("YAML syntax errors carry the parser's position")
    func yamlSyntax() {
        #expect(codes("title: a\nentities:\n  - id: x\n   kind: group\n") == ["syntax@4:4"])
        #expect(codes("title: \"unclosed\nentities: []\n") == ["syntax@3:1"])
        #expect(codes("a: 1\n---\nb: 2\n") == ["syntax@2:1"])
    }

    @Test("JSON syntax errors carry the reader's position")
    func jsonSyntax() {
        #expect(codes("{\n  \"title\": \"x\",\n  \"entities\": [,]\n}", file: "t.json") == ["syntax@3:16"])
    }

    @Test("unknown keys get a did-you-mean suggestion")
    func unknownKey() {
        let yaml = minimalYAML.replacingOccurrences(of: "  - {id: iskp, kind: group, name: ISKP}", with: "  - {id: iskp, kindd: group, kind: group, name: ISKP}")
        let loaded = load(yaml)
        let d = loaded.diagnostics.first
        #expect(d?.code == .unknownKey)
        #expect(d?.location == SourceLocation(line: 6, column: 16))
        #expect(d?.hint?.hasPrefix("did you mean 'kind'?") == true)
        #expect(codes("titel: x\nentities: []\n") == ["unknown-key@1:1"])
        #expect(load("titel: x\nentities: []\n").diagnostics[0].hint?.hasPrefix("did you mean 'title'?") == true)
    }

    @Test("missing required keys point at the item")
    func missingKeys() {
        #expect(codes("title: x\n") == ["missing-key@1:1"])
        #expect(codes("entities:\n  - id: a\n    kind: group\n") == ["missing-key@2:5"])
        let missingTo = minimalYAML.replacingOccurrences(of: "    to: iskp\n", with: "")
        #expect(load(missingTo).errors.map(\.code) == [.missingKey])
        #expect(load(missingTo).errors.first?.location == SourceLocation(line: 8, column: 5))
    }

    @Test("wrong value types are reported where the value is")
    func wrongTypes() {
        #expect(codes("entities: {a: 1}\n") == ["wrong-type@1:11"])
        #expect(codes("entities:\n  - id: a\n    kind: group\n    name: [A, B]\n") == ["wrong-type@4:11"])
        #expect(codes("entities:\n  - id: a\n    kind: group\n    name: A\n    tags: proxy\n") .contains("wrong-type@5:11"))
        #expect(codes("entities:\n  - just-a-string\n") == ["wrong-type@2:5"])
    }

    @Test("duplicate keys in one mapping")
    func duplicateKeys() {
        #expect(codes("title: a\ntitle: b\nentities: []\n") == ["duplicate-key@2:1"])
    }

    @Test("empty required values")
    func emptyValues() {
        #expect(codes("entities:\n  - id: a\n    kind: group\n    name: \"  \"\n") == ["empty-value@4:11"])
        #expect(codes("entities:\n  - id: a\n    kind: group\n    name:\n") == ["empty-value@4:10"])
    }

    @Test("unknown kind, with a suggestion")
    func unknownKind() {
        let loaded = load("entities:\n  - {id: a, kind: gruop, name: A}\n")
        #expect(loaded.diagnostics.map(\.code) == [.unknownKind])
        #expect(loaded.diagnostics[0].location == SourceLocation(line: 2, column: 19))
        #expect(loaded.diagnostics[0].hint?.hasPrefix("did you mean 'group'?") == true)
    }

    @Test("unknown relation type, with a suggestion")
    func unknownRelationType() {
        let yaml = minimalYAML.replacingOccurrences(of: "type: sponsors", with: "type: sponsor")
        #expect(codes(yaml) == ["unknown-relation-type@9:11"])
        #expect(load(yaml).diagnostics[0].hint?.hasPrefix("did you mean 'sponsors'?") == true)
    }

    @Test("bad confidence and bad grade")
    func confidenceAndGrade() {
        let yaml = minimalYAML.replacingOccurrences(of: "confidence: alleged", with: "confidence: alledged\n    grade: G7")
        #expect(codes(yaml) == ["bad-confidence@11:17", "bad-grade@12:12"])
        #expect(load(yaml).diagnostics[0].hint?.hasPrefix("did you mean 'alleged'?") == true)
        #expect(AdmiraltyGrade("B2")?.description == "B2")
        #expect(AdmiraltyGrade("b2") == nil)
        #expect(AdmiraltyGrade("A0") == nil)
    }

    @Test("bad ids")
    func badIDs() {
        #expect(codes("entities:\n  - {id: \"has space\", kind: group, name: A}\n") == ["bad-id@2:10"])
        #expect(IDPolicy.slug(from: "Islamic State (ISIS)") == "islamic-state-isis")
    }

    @Test("duplicate entity ids: the second is reported, the hint names the first")
    func duplicateEntities() {
        let yaml = minimalYAML.replacingOccurrences(of: "  - {id: iskp, kind: group, name: ISKP}",
                                                    with: "  - {id: iskp, kind: group, name: ISKP}\n  - {id: iskp, kind: group, name: Other}")
        let loaded = load(yaml)
        #expect(loaded.diagnostics.map(\.code) == [.duplicateEntity])
        #expect(loaded.diagnostics[0].location == SourceLocation(line: 7, column: 10))
        #expect(loaded.diagnostics[0].hint?.contains("line 6") == true)
    }

    @Test("duplicate relations: same from/type/to/since without an id")
    func duplicateRelations() {
        let relation = "  - from: isi\n    type: sponsors\n    to: iskp\n    claims: [{source: op-ed}]\n"
        #expect(codes(minimalYAML + "\n" + relation) == ["duplicate-relation@14:5"])
        // A distinct id makes them two relations; a distinct since too.
        #expect(codes(minimalYAML + "\n" + relation.replacingOccurrences(of: "    to: iskp\n", with: "    to: iskp\n    id: second\n")) == [])
        #expect(codes(minimalYAML + "\n" + relation.replacingOccurrences(of: "    to: iskp\n", with: "    to: iskp\n    since: 2021\n")) == [])
        // Symmetric types are the same in both directions.
        let allies = "entities:\n  - {id: a, kind: group, name: A}\n  - {id: b, kind: group, name: B}\nrelations:\n"
            + "  - {from: a, type: allied-with, to: b, sources: [s]}\n  - {from: b, type: allied-with, to: a, sources: [s]}\nsources: {s: {title: S}}\n"
        #expect(codes(allies) == ["duplicate-relation@6:5"])
    }

    @Test("references to missing entities and sources")
    func missingReferences() {
        let yaml = """
        sources:
          s: {title: S}
        entities:
          - {id: a, kind: territory, name: A, within: nowhere, sources: [t]}
          - {id: b, kind: group, name: B}
        relations:
          - from: b
            type: operates-in
            to: aa
            claims:
              - {source: ss, by: bb}
        """
        #expect(codes(yaml) == ["unused-source@2:3", "unknown-entity@4:47", "unknown-source@4:65", "unknown-entity@9:9", "unknown-source@11:18", "unknown-entity@11:26"])
        let d = load(yaml).diagnostics
        #expect(d[3].hint == "did you mean 'a'?")
        #expect(d[2].hint == "did you mean 's'?")
    }

    @Test("endpoint kinds the relation type does not allow")
    func kindNotAllowed() {
        let yaml = """
        sources: {s: {title: S}}
        entities:
          - {id: attack, kind: event, name: An attack}
          - {id: someone, kind: person, name: Someone}
        relations:
          - {from: attack, type: occurred-in, to: someone, sources: [s]}
        """
        #expect(codes(yaml) == ["kind-not-allowed@6:43"])
        #expect(load(yaml).diagnostics[0].hint == "'occurred-in' goes to: state, territory; to join other kinds use `related-to`, or declare a relation type of your own under `relation_types:`")
    }

    @Test("since after until, and impossible dates")
    func dates() {
        let yaml = """
        entities:
          - {id: a, kind: group, name: A, since: 2021, until: 2019-06}
          - {id: b, kind: group, name: B, since: 2023-02-30}
          - {id: c, kind: group, name: C, since: 15-01-2020}
        """
        #expect(codes(yaml).filter { !$0.hasPrefix("isolated") } == ["date-order@2:55", "bad-date@3:42", "bad-date@4:42"])
        let messages = load(yaml).diagnostics.map(\.message)
        #expect(messages.contains("since: '2023-02-30' is not a day on the calendar: 2023-02 has 28 days"))
        // Precision: since 2015-06 and until 2015 overlap, so they are in order.
        #expect(codes("entities:\n  - {id: a, kind: group, name: A, since: 2015-06, until: 2015}\n") == ["isolated-entity@2:5"])
    }

    @Test("within cycles are reported once, at the first entity of the cycle")
    func withinCycle() {
        let yaml = """
        entities:
          - {id: a, kind: territory, name: A, within: b}
          - {id: b, kind: territory, name: B, within: c}
          - {id: c, kind: territory, name: C, within: a}
          - {id: d, kind: territory, name: D, within: d}
        """
        #expect(codes(yaml) == ["within-cycle@2:47", "within-cycle@5:47"])
        #expect(load(yaml).diagnostics[0].message == "'within' forms a cycle: a → b → c → a")
    }

    @Test("within must point at something that can contain the entity")
    func withinKind() {
        let yaml = """
        entities:
          - {id: p, kind: person, name: P, within: k}
          - {id: k, kind: territory, name: K}
        """
        #expect(codes(yaml) == ["within-kind@2:44"])
    }

    @Test("self-relations are refused where the type forbids them")
    func selfRelation() {
        let yaml = """
        sources: {s: {title: S}}
        entities:
          - {id: a, kind: group, name: A}
        relations:
          - {from: a, type: rival-of, to: a, sources: [s]}
        """
        #expect(codes(yaml) == ["self-relation@5:35"])
        let custom = yaml.replacingOccurrences(of: "rival-of", with: "mirrors") + "\nrelation_types:\n  mirrors: {allow_self: true}\n"
        #expect(codes(custom) == [])
    }

    @Test("declared relation types work, and built-in ones cannot be redeclared")
    func customTypes() {
        let yaml = """
        sources: {s: {title: S}}
        relation_types:
          used-against: {label: used against, direction: directed, from: [group], to: [group, state]}
          sponsors: {label: pays}
        entities:
          - {id: a, kind: group, name: A}
          - {id: b, kind: state, name: B}
        relations:
          - {from: a, type: used-against, to: b, sources: [s]}
          - {from: b, type: used-against, to: a, sources: [s]}
        """
        #expect(codes(yaml) == ["redefined-type@4:3", "kind-not-allowed@10:12"])
    }

    @Test("warnings: relations with no claim or source, isolated entities, unused sources")
    func warnings() {
        let yaml = """
        sources: {s: {title: S}, unused: {title: U}}
        entities:
          - {id: a, kind: group, name: A, sources: [s]}
          - {id: b, kind: group, name: B}
          - {id: lonely, kind: group, name: Lonely}
        relations:
          - {from: a, type: rival-of, to: b}
        """
        let loaded = load(yaml)
        #expect(codes(yaml) == ["unused-source@1:26", "isolated-entity@5:5", "unsupported-relation@7:5"])
        #expect(!loaded.hasErrors)
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("suspicious text (bidi overrides, control characters) is a warning")
    func suspiciousText() {
        let yaml = minimalYAML.replacingOccurrences(of: "name: ISKP}", with: "name: \"IS\\u202EKP\"}")
        #expect(codes(yaml) == ["suspicious-text@6:35"])
    }

    @Test("links other than http, https, mailto and relative ones are warned about")
    func urls() {
        let yaml = minimalYAML.replacingOccurrences(of: "name: ISKP}", with: "name: ISKP, url: \"javascript:alert(1)\"}")
        #expect(codes(yaml) == ["bad-url@6:46"])
        for url in ["JaVaScRiPt:alert(1)", "java\tscript:x", "&#106;avascript:x", "jav&#x09;ascript:x", " javascript:x", "data:text/html,x", "vbscript:x"] {
            #expect(!URLPolicy.isAllowed(url), "\(url)")
        }
        for url in ["https://example.org/a?b=1&c=2", "http://x", "mailto:a@b.c", "#frag", "page.html", "../a:b"] {
            #expect(URLPolicy.isAllowed(url), "\(url)")
        }
    }

    @Test("views and styles are read and checked")
    func viewsAndStyles() {
        let yaml = minimalYAML + """

        views:
          ties: {title: Ties, focus: [iskp, nobody], depth: 2, direction: sideways, min_confidence: reported}
          window: {between: [2021, 2015]}
        style:
          kinds:
            group: {color: "#aa0000", shape: hexagon}
            agnecy: {color: red}
          types:
            sponsors: {line: wavy, color: transparent}
        """
        #expect(codes(yaml) == ["unknown-entity@15:37", "bad-value@15:67", "date-order@16:21", "unknown-kind@20:5", "bad-value@22:22", "bad-value@22:35"])
    }

    @Test("all problems of a file are reported in one run, sorted by position")
    func manyProblems() {
        let yaml = """
        title: Several mistakes
        sources:
          s: {title: S}
        entities:
          - {id: isi, kind: agency, name: ISI, kindd: agency}
          - {id: iskp, kind: gruop, name: ISKP}
          - {id: isi, kind: agency, name: Duplicate}
        relations:
          - {from: isi, type: sponsor, to: iskp, sources: [s]}
          - {from: isi, type: sponsors, to: ghost, confidence: sure, sources: [s]}
        """
        // iskp is declared (with a bad kind), so references to it are not reported again.
        #expect(codes(yaml) == ["unknown-key@5:40", "unknown-kind@6:22", "duplicate-entity@7:10", "unknown-relation-type@9:23", "unknown-entity@10:37", "bad-confidence@10:56"])
    }

    @Test("the same document in JSON gives the same positions' diagnostics")
    func jsonDiagnostics() {
        let json = """
        {
          "title": "x",
          "entities": [
            {"id": "a", "kind": "gruop", "name": "A"}
          ]
        }
        """
        #expect(codes(json, file: "t.json") == ["unknown-kind@4:25"])
    }

    // MARK: Issue 28: a new user's papercuts

    /// A network written from scratch with eight mistakes, the last one of which
    /// (`harbors` to an entity whose kind is misspelt) used to show only once the
    /// kind was fixed.
    static let newUserYAML = """
    title: Mali, 2021
    sources:
      rfi: {title: A report}
    entities:
      - {id: russia, kind: state, name: Russia}
      - {id: fama, kind: agncy, name: FAMa}
      - {kind: person, name: Assimi Goïta}
      - {id: wagner, kind: group, name: Wagner}
      - {id: jnim, kind: group}
      - {id: bamako, kind: territory, name: Bamako, since: 2021-13}
    relations:
      - {from: russia, type: trains, to: fama, claims: [{source: rfi}]}
      - {from: wagner, type: harbors, to: fama, claims: [{source: rfi, stance: deny}]}
      - {from: russia, type: harbors, to: jnim, confidence: sure, claims: [{source: rfi}]}
      - {from: jnim, type: occurred-in, to: bamako, claims: [{source: rfi}]}
      - {from: wagner, type: sponsor, to: jnim, claims: [{source: rfi}]}
    """

    @Test("every problem comes in one run: a misspelt kind still lets its relations be checked, read as the closest kind")
    func everyProblemInOneRun() {
        let loaded = load(Self.newUserYAML)
        #expect(loaded.errors.map { "\($0.code.rawValue)@\($0.location!.line)" } == [
            "unknown-kind@6", "missing-key@7", "missing-key@9", "bad-date@10",
            "kind-not-allowed@13", "bad-value@13", "bad-confidence@14", "kind-not-allowed@15", "unknown-relation-type@16",
        ])
        let harbors = loaded.errors.first { $0.code == .kindNotAllowed && $0.location?.line == 13 }
        #expect(harbors?.message == "'harbors' cannot end at agency 'fama' (its kind 'agncy', read as 'agency')")
        // jnim has no name but a known kind: its relations are checked as any other's.
        let occurred = loaded.errors.first { $0.code == .kindNotAllowed && $0.location?.line == 15 }
        #expect(occurred?.message == "'occurred-in' cannot start at group 'jnim'")
        // Fixing what was reported brings no new error.
        let fixed = Self.newUserYAML
            .replacingOccurrences(of: "kind: agncy", with: "kind: agency")
            .replacingOccurrences(of: "  - {kind: person, name: Assimi Goïta}", with: "  - {id: assimi-goita, kind: person, name: Assimi Goïta}")
            .replacingOccurrences(of: "{id: jnim, kind: group}", with: "{id: jnim, kind: group, name: JNIM}")
            .replacingOccurrences(of: "since: 2021-13", with: "since: 2021-12")
            .replacingOccurrences(of: "type: harbors, to: fama", with: "type: related-to, to: fama")
            .replacingOccurrences(of: "stance: deny", with: "stance: denies")
            .replacingOccurrences(of: "confidence: sure, ", with: "")
            .replacingOccurrences(of: "{from: jnim, type: occurred-in, to: bamako,", with: "{from: jnim, type: operates-in, to: bamako,")
            .replacingOccurrences(of: "type: sponsor,", with: "type: sponsors,")
        #expect(load(fixed).errors.map(\.formatted) == [])
    }

    @Test("an agency is also an armed force: trained, funded, supported, broken away from; a kind a type refuses names the way out")
    func agencyAsArmedForce() {
        let yaml = """
        sources: {s: {title: S}}
        entities:
          - {id: russia, kind: state, name: Russia}
          - {id: fama, kind: agency, name: FAMa}
          - {id: fsa, kind: group, name: Free army}
        relations:
          - {from: russia, type: trains, to: fama, sources: [s]}
          - {from: russia, type: funds, to: fama, sources: [s]}
          - {from: russia, type: supports, to: fama, sources: [s]}
          - {from: fsa, type: splinter-of, to: fama, sources: [s]}
        """
        #expect(load(yaml).diagnostics.map(\.formatted) == [])
        let harbors = load(yaml + "\n  - {from: russia, type: harbors, to: fama, sources: [s]}\n").errors
        #expect(harbors.map(\.code) == [.kindNotAllowed])
        #expect(harbors.first?.hint?.hasSuffix("use `related-to`, or declare a relation type of your own under `relation_types:`") == true,
                "\(String(describing: harbors.first?.hint))")
    }

    @Test("stance: deny suggests 'denies'; a missing id suggests a slug of the entity's own name")
    func suggestions() {
        let loaded = load(Self.newUserYAML)
        #expect(loaded.errors.first { $0.code == .badValue }?.hint?.hasPrefix("did you mean 'denies'?") == true)
        let missing = loaded.errors.filter { $0.code == .missingKey && $0.message.contains("no 'id'") }
        #expect(missing.map(\.hint) == ["add `id: assimi-goita`"])
        #expect(Suggestions.closest(to: "deny", in: ["supports", "denies"]) == "denies")
        #expect(Suggestions.closest(to: "supported", in: ["supports", "denies"]) == "supports")
        #expect(Suggestions.closest(to: "den", in: ["supports", "denies"]) == "denies")
        #expect(Suggestions.closest(to: "xyz", in: ["supports", "denies"]) == nil)
    }
}
