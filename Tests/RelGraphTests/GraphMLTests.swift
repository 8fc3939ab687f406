import Foundation
import Testing
@testable import RelGraph

@Suite("GraphML")
struct GraphMLTests {
    @Test("every entity and relation field becomes typed data, lists joined with ;")
    func fields() throws {
        let network = load(everyFieldYAML).network
        let xml = GraphMLWriter().string(for: network)
        #expect(xml.contains("<key id=\"n.since_year\" for=\"node\" attr.name=\"since_year\" attr.type=\"int\"/>"))
        #expect(xml.contains("<key id=\"e.symmetric\" for=\"edge\" attr.name=\"symmetric\" attr.type=\"boolean\"/>"))
        #expect(xml.contains("<node id=\"g\">\n      <data key=\"n.label\">The Group</data>\n      <data key=\"n.kind\">group</data>"))
        #expect(xml.contains("<data key=\"e.claim_by\">p;;pk</data>"))
        #expect(xml.contains("<data key=\"e.claim_stances\">supports;supports;denies</data>"))
        #expect(xml.contains("<edge id=\"isi sponsors g @2015\" source=\"isi\" target=\"g\">"))
        #expect(GraphMLWriter.joined(["a;b", "c\\d", ""]) == "a\\;b;c\\\\d")
        #expect(GraphMLWriter.joined(["", "x"], keepEmpty: true) == ";x")
        // Attribute values are double-quoted: `'` needs no escape there (one escaper, XMLText).
        #expect(GraphMLWriter.escape("<a & 'b' \"c\"\u{1}>") == "&lt;a &amp; 'b' &quot;c&quot;&gt;")
        #expect(GraphMLWriter.escape("'b' \"c\"", attribute: false) == "'b' \"c\"")
        // Every field name the format has is declared once.
        let names = GraphMLWriter.keys.map(\.id)
        #expect(Set(names).count == names.count)
        #expect(GraphMLWriter().string(for: network) == xml)
    }

    @Test("networkx reads the flagship with the declared types", .enabled(if: PythonCheck.available(["networkx"]), "needs Python's networkx"))
    func networkx() throws {
        let network = NetworkLoader().load(path: NetworkYAMLWriterTests.flagshipPath).network
        let xml = GraphMLWriter().string(for: network)
        let script = """
            import sys, json, networkx as nx
            g = nx.read_graphml(sys.stdin)
            years = [d["since_year"] for _, d in g.nodes(data=True) if "since_year" in d]
            sym = [d["symmetric"] for _, _, d in g.edges(data=True)]
            counts = [d["claim_count"] for _, _, d in g.edges(data=True)]
            print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "directed": g.is_directed(),
                              "multi": g.is_multigraph(), "title": g.graph.get("title"),
                              "kind": g.nodes["iskp"]["kind"], "aliases": g.nodes["iskp"].get("aliases"),
                              "year_types": sorted({type(y).__name__ for y in years}),
                              "sym_types": sorted({type(s).__name__ for s in sym}), "symmetric": sum(sym),
                              "count_types": sorted({type(c).__name__ for c in counts}), "claims": sum(counts)}))
            """
        let output = try #require(PythonCheck.run(script, input: xml, modules: ["networkx"]))
        struct Summary: Decodable, Equatable {
            var nodes: Int, edges: Int, directed: Bool, multi: Bool, title: String?, kind: String, aliases: String?
            var year_types: [String], sym_types: [String], symmetric: Int, count_types: [String], claims: Int
        }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(output.utf8))
        #expect(summary.nodes == network.entities.count)
        #expect(summary.edges == network.relations.count)
        #expect(summary.directed)
        #expect(summary.title == network.title)
        #expect(summary.kind == "group" && summary.aliases == "Islamic State–Khorasan Province")
        #expect(summary.year_types == ["int"] && summary.sym_types == ["bool"] && summary.count_types == ["int"])
        let symmetric = network.relations.filter { network.relationType(named: $0.type)?.symmetric == true }.count
        #expect(summary.symmetric == symmetric)
        #expect(summary.claims == network.relations.map(\.claims.count).reduce(0, +))
    }
}
