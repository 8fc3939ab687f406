import Foundation
import Testing
@testable import RelGraph

@Suite("JSON Schema")
struct InputSchemaTests {
    static let committed = packageRoot.appendingPathComponent("docs/relgraph.schema.json")

    @Test("docs/relgraph.schema.json is what `relgraph schema` prints (regenerate: relgraph schema -o docs/relgraph.schema.json)")
    func inSync() throws {
        let text = try String(contentsOf: Self.committed, encoding: .utf8)
        #expect(text == InputSchema.text)
    }

    @Test("the schema lists exactly the decoder's keys, in its order")
    func keys() {
        func names(_ properties: [(String, JSONValue)]) -> [String] { properties.map(\.0) }
        #expect(names(InputSchema.documentProperties) == NetworkDecoder.topLevelKeys)
        #expect(names(InputSchema.entityProperties) == NetworkDecoder.entityKeys)
        #expect(names(InputSchema.relationProperties) == NetworkDecoder.relationKeys)
        #expect(names(InputSchema.sourceProperties) == NetworkDecoder.sourceKeys)
        #expect(names(InputSchema.claimProperties) == NetworkDecoder.claimKeys)
        #expect(names(InputSchema.relationTypeProperties) == NetworkDecoder.relationTypeKeys)
        #expect(names(InputSchema.entityKindProperties) == NetworkDecoder.entityKindKeys)
        #expect(names(InputSchema.viewProperties) == NetworkDecoder.viewKeys)
        #expect(names(InputSchema.styleProperties) == NetworkDecoder.styleKeys)
        #expect(names(InputSchema.styleRuleProperties) == NetworkDecoder.styleRuleKeys)
    }

    @Test("the patterns agree with relgraph's own checks")
    func patterns() throws {
        let id = try Regex(InputSchema.idPattern), date = try Regex(InputSchema.datePattern), grade = try Regex(InputSchema.gradePattern)
        for text in ["iskp", "a", "_x", "A1", "x-y_z.w:v/u@t+s", "-x", ".x", "a b", "é", "x\"", ""] {
            #expect((text.wholeMatch(of: id) != nil) == IDPolicy.isValid(text), "\(text)")
        }
        for text in ["2015", "2015-01", "2015-01-09", "2015-13", "2015-1", "15", "2015-01-32", "2015-00-01"] {
            #expect((text.wholeMatch(of: date) != nil) == (PartialDate(text) != nil), "\(text)")
        }
        for text in ["A1", "F6", "G1", "A7", "a1", "A"] {
            #expect((text.wholeMatch(of: grade) != nil) == (AdmiraltyGrade(text) != nil), "\(text)")
        }
    }

    /// Validates YAML documents against the schema with Python's `jsonschema`; the
    /// error messages of each, or `nil` when Python, yaml or jsonschema is missing.
    static func pythonErrors(_ documents: [String]) -> [[String]]? {
        let script = """
            import sys, json, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            out = []
            for text in json.load(sys.stdin):
                doc = yaml.safe_load(text)
                out.append(sorted(e.message for e in validator.iter_errors(doc)))
            print(json.dumps(out))
            """
        let input = String(decoding: try! JSONEncoder().encode(documents), as: UTF8.self)
        guard let output = PythonCheck.run(script, input: input, arguments: [committed.path], modules: ["yaml", "jsonschema"]) else { return nil }
        return try? JSONDecoder().decode([[String]].self, from: Data(output.utf8))
    }

    @Test("the flagship and a document using every key validate with Python's jsonschema; wrong ones do not",
          .enabled(if: PythonCheck.available(["yaml", "jsonschema"]), "needs Python with PyYAML and jsonschema"))
    func pythonJSONSchema() throws {
        let flagship = try String(contentsOfFile: NetworkYAMLWriterTests.flagshipPath, encoding: .utf8)
        let bad = [
            "entities: [{id: a, kind: 'gr oup', name: A}]",
            "entity_kinds: {group: {}}\nentities: []",
            "entity_kinds: {software: {shape: blob}}\nentities: []",
            "entity_kinds: {software: {colour: red}}\nentities: []",
            "entities: [{id: a, kind: group, name: A, since: '2015-13'}]",
            "entities: [{id: 'a b', kind: group, name: A}]",
            "entities: [{id: a, kind: group}]",
            "titel: x\nentities: []",
            "entities: []\nrelations: [{from: a, type: sponsors, to: b, grade: G9}]",
            "entities: []\nrelations: [{from: a, type: sponsors, to: b, confidence: sure}]",
            "entities: []\nrelation_types: {sponsors: {direction: directed}}",
            "entities: []\nstyle: {kinds: {group: {color: transparent}}}",
        ]
        let results = try #require(Self.pythonErrors([flagship, everyFieldYAML, "entities: []\n"] + bad))
        #expect(results[0] == [])
        #expect(results[1] == [])
        #expect(results[2] == [])
        for (doc, errors) in zip(bad, results.dropFirst(3)) {
            #expect(!errors.isEmpty, "schema accepted: \(doc)")
            #expect(load(doc).hasErrors, "relgraph accepted: \(doc)")
        }
    }

    @Test("the writer's output validates against the schema too",
          .enabled(if: PythonCheck.available(["yaml", "jsonschema"]), "needs Python with PyYAML and jsonschema"))
    func writerOutput() throws {
        let yaml = try NetworkYAMLWriter().string(for: load(everyFieldYAML).network)
        let results = try #require(Self.pythonErrors([yaml]))
        #expect(results == [[]])
    }
}
