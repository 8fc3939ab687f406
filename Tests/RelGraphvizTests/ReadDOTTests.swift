import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

private func read(_ text: String) throws -> GraphSpec {
    try gv.readDOT(Data(text.utf8)).graph
}

private func syntaxMessage(_ text: String) -> String? {
    do {
        _ = try read(text)
        return nil
    } catch GraphvizError.syntax(let message) {
        return message
    } catch {
        return "unexpected \(error)"
    }
}

extension GraphvizTests {
    @Suite("readDOT") struct ReadDOT {
        @Test func defaultsApplyLikeOwnAttributes() throws {
            let graph = try read("""
                digraph G {
                  node [color=red]; edge [style=dashed];
                  a; b [color=blue];
                  a -> b; b -> a [style=bold];
                  subgraph s { node [shape=box]; c }
                  node [color=green]; d
                }
                """)
            #expect(graph.node(named: "a")?.attributes == ["color": "red"])
            #expect(graph.node(named: "b")?.attributes == ["color": "blue"])
            #expect(graph.node(named: "c")?.attributes == ["color": "red", "shape": "box"])
            #expect(graph.node(named: "d")?.attributes == ["color": "green"])
            #expect(graph.edges.map(\.attributes) == [["style": "dashed"], ["style": "bold"]])
            // Same as writing the attribute on the node itself.
            let explicit = try read("digraph G { a [color=red] }")
            let viaDefault = try read("digraph G { node [color=red]; a }")
            #expect(explicit.nodes == viaDefault.nodes)
        }

        @Test func portsBecomeTailportAndHeadport() throws {
            let graph = try read("digraph { a:p1 -> b:p2:n; c -> d:sw }")
            #expect(graph.edges[0].attributes == ["tailport": "p1", "headport": "p2:n"])
            #expect(graph.edges[1].attributes == ["headport": "sw"])
            #expect(graph.nodes.map(\.name) == ["a", "b", "c", "d"])
        }

        @Test func undirectedStrictAndMultiEdges() throws {
            let undirected = try read("graph U { a -- b; b -- c }")
            #expect(!undirected.directed)
            #expect(!undirected.strict)
            #expect(undirected.edges.map { "\($0.tail)-\($0.head)" } == ["a-b", "b-c"])

            let strict = try read("strict digraph S { a -> b; a -> b [color=red]; b -> b }")
            #expect(strict.strict)
            #expect(strict.edges.count == 2)
            #expect(strict.edges[0].attributes == ["color": "red"])

            let multi = try read("digraph M { a -> b; a -> b; a -> b [key=x]; a -> b [key=x, color=red] }")
            #expect(multi.edges.map(\.key) == [nil, nil, "x"])
            #expect(multi.edges[2].attributes == ["color": "red"])
        }

        @Test func htmlLabelsAreTypedHTML() throws {
            let graph = try read("digraph { a [label=<<b>x</b>&amp;y>]; b [label=\"<b>x</b>\"] }")
            #expect(graph.node(named: "a")?.attributes["label"] == .html("<b>x</b>&amp;y"))
            #expect(graph.node(named: "b")?.attributes["label"] == .string("<b>x</b>"))
        }

        @Test func anonymousGraphAndSubgraphsHaveNoName() throws {
            let graph = try read("digraph { {rank=same; a b} subgraph { c } subgraph named { d } }")
            #expect(graph.name == "")
            #expect(graph.subgraphs.map(\.name) == [nil, nil, "named"])
            #expect(graph.subgraphs[0].attributes == ["rank": "same"])
            #expect(graph.subgraphs[0].nodes == ["a", "b"])
        }

        @Test func subgraphAttributesAreTheirOwnSettings() throws {
            let graph = try read("""
                digraph G {
                  label="Title"; fontname=Helvetica;
                  subgraph cluster_a { a; subgraph cluster_b { color=blue; b } }
                  subgraph cluster_c { label=""; c }
                  subgraph cluster_d { label="D"; d }
                }
                """)
            #expect(graph.attributes == ["label": "Title", "fontname": "Helvetica"])
            #expect(graph.subgraphs.map(\.name) == ["cluster_a", "cluster_c", "cluster_d"])
            #expect(graph.subgraphs[0].attributes == [:])  // inherits label and font
            #expect(graph.subgraphs[0].nodes == ["a", "b"])  // nested members included
            #expect(graph.subgraphs[0].subgraphs[0].attributes == ["color": "blue"])
            #expect(graph.subgraphs[1].attributes == ["label": ""])
            #expect(graph.subgraphs[2].attributes == ["label": "D"])
            #expect(graph.subgraphs.allSatisfy { $0.isCluster })
        }

        @Test func syntaxErrorsCarryGraphvizMessage() {
            let message = syntaxMessage("digraph G {\n  a -> b\n  c -> ;\n}")
            #expect(message == "syntax error in line 3 near ';'")
            // Line numbers restart for each input (2.42 keeps a global counter).
            #expect(syntaxMessage("digraph G {\n  a -> b\n  c -> ;\n}") == message)
            #expect(syntaxMessage("digraph { a -> }") == "syntax error in line 1 near '}'")
            let unterminated = syntaxMessage("digraph { a [label=\"open ] }")
            #expect(unterminated?.hasPrefix("syntax error in line 1 scanning a quoted string") == true)
        }

        /// Inputs that leave 2.42's flex lexer in a bad state (stuck inside a
        /// comment, a quoted or HTML string, or with a second graph in its buffer):
        /// the next read must still work.
        @Test(arguments: [
            "digraph A { a [label=\"unterminated }",
            "digraph A { a } /* unterminated comment",
            "digraph A { a [label=<<<<b>x</b> ] }",
            "digraph A { a [label=<x>] } <<<",
            "digraph A { a } digraph C { c }",
            "digraph A { a } garbage -> ;",
            "digraph A { a -> ; }",
            "/* only a comment */",
            "digraph A { a } \"",
        ])
        func nextReadWorksAfterABadInput(bad: String) throws {
            _ = try? read(bad)
            let good = try read("digraph B {\n  b -> c\n}")
            #expect(good.name == "B")
            #expect(good.edges.map { "\($0.tail)->\($0.head)" } == ["b->c"])
            // And a syntax error after it is still reported on the right line.
            #expect(syntaxMessage("digraph {\n\n x -> ; }") == "syntax error in line 3 near ';'")
        }

        @Test func severalGraphsAndEmptyInput() throws {
            #expect(throws: GraphvizError.multipleGraphs(count: 2)) { try read("digraph A { a } graph C { c }") }
            let graphs = try gv.readDOTGraphs(Data("digraph A { a } graph C { c -- d }".utf8))
            #expect(graphs.map(\.graph.name) == ["A", "C"])
            #expect(graphs.map(\.graph.directed) == [true, false])
            #expect(throws: GraphvizError.emptyInput) { try read("") }
            #expect(throws: GraphvizError.emptyInput) { try read("  \n\t ") }
            #expect(throws: GraphvizError.emptyInput) { try read("/* nothing */ // here") }
        }

        @Test func warningsAreReturnedNotPrinted() throws {
            var graph: DOTReading?
            let printed = try capturingStderr { graph = try gv.readDOT(Data("digraph { 1a -> b }".utf8)) }
            #expect(graph?.warnings.map(\.level) == [.warning])
            #expect(graph?.warnings.first?.text.contains("badly delimited number '1a'") == true)
            #expect(!printed.contains("badly delimited"))
        }

        @Test(.enabled(if: Paths.hasDotData, Paths.noDotData)) func recordsClustersAndHTMLFromGraphvizTestFiles() throws {
            let structs = try gv.readDOT(try Data(contentsOf: Paths.dotData.appendingPathComponent("structs.gv"))).graph
            #expect(structs.node(named: "struct1")?.attributes["shape"] == "record")
            #expect(structs.edges.first?.attributes == ["tailport": "f1", "headport": "f0"])
            let clusters = try gv.readDOT(try Data(contentsOf: Paths.dotData.appendingPathComponent("clust4.gv"))).graph
            #expect(clusters.subgraphs.map(\.name) == ["cluster_0", "cluster_1"])
            #expect(clusters.subgraphs[0].attributes["label"] == "process #1")
        }

        /// Every graph of Graphviz's own test suite shared with the project reads,
        /// converts to a spec, renders, and survives writeDOT -> readDOT.
        @Test(.enabled(if: Paths.hasDotData, Paths.noDotData)) func realFilesReadRenderAndRoundTrip() throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: Paths.dotData.path)
                .filter { $0.hasSuffix(".gv") }.sorted()
            #expect(files.count >= 6)
            for file in files {
                let parsed = try gv.readDOT(try Data(contentsOf: Paths.dotData.appendingPathComponent(file))).graph
                #expect(!parsed.nodes.isEmpty, "\(file)")
                let spec = parsed
                let svg = try gv.render(spec, format: .svg)
                #expect(svg.data.text.contains("</svg>"), "\(file)")
                let again = try gv.readDOT(try gv.writeDOT(spec)).graph
                #expect(Set(again.nodes.map(\.name)) == Set(parsed.nodes.map(\.name)), "\(file)")
                for node in parsed.nodes {
                    #expect(again.node(named: node.name)?.attributes == node.attributes, "\(file) \(node.name)")
                }
                #expect(again.edges.count == parsed.edges.count, "\(file)")
                var expected = parsed.attributes
                expected["linelength"] = "0"
                #expect(again.attributes == expected, "\(file)")
                // agwrite skips anonymous subgraphs that change nothing (no attributes of
                // their own), such as the `{c d}` of `a -> {c d}`: their nodes are
                // written at the root.
                let relevant = parsed.subgraphs.filter { $0.name != nil || !$0.attributes.isEmpty }
                #expect(again.subgraphs == relevant, "\(file)")
            }
        }
    }
}
