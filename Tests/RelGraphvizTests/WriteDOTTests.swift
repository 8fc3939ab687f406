import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    @Suite("writeDOT") struct WriteDOT {
        @Test func sameSpecGivesSameBytesWithLFAndFinalNewline() throws {
            let first = try gv.writeDOT(clusteredSpec())
            let second = try gv.writeDOT(clusteredSpec())
            #expect(first == second)
            #expect(!first.contains(UInt8(ascii: "\r")))
            #expect(first.last == UInt8(ascii: "\n"))
            #expect(first.text.hasSuffix("}\n"))
            #expect(first.text.contains("linelength=0"))
        }

        @Test func hasNoLayoutData() throws {
            let dot = try gv.writeDOT(clusteredSpec()).text
            for attribute in ["pos=", "bb=", "width=", "height=", "lp=", "_draw_"] {
                #expect(!dot.contains(attribute), "found \(attribute)")
            }
        }

        @Test func longStringsAreNotWrapped() throws {
            let long = String(repeating: "abcdefghij", count: 40)  // 400 characters
            let spec = GraphSpec(nodes: [.init("n", attributes: ["label": .string(long)])])
            let dot = try gv.writeDOT(spec).text
            #expect(dot.contains("label=\(long)"))
            #expect(!dot.contains("\\\n"))
        }

        /// 2.42's agwrite quoting, verified: see the doc comment of writeDOT.
        @Test func quotingOfNames() throws {
            let names = [
                "plain", "a:b", "q\"uote", "back\\slash", "has space", "node", "graph", "edge", "subgraph",
                "strict", "digraph", "Node", "GRAPH", "12", "-1.5", "1a", "é", "a-b", "_x", "",
            ]
            let spec = GraphSpec(nodes: names.map { .init($0) })
            let lines = try gv.writeDOT(spec).text.components(separatedBy: "\n").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let expected = [
                "plain;", "\"a:b\";", "\"q\\\"uote\";", "\"back\\slash\";", "\"has space\";", "\"node\";",
                "\"graph\";", "\"edge\";", "\"subgraph\";", "\"strict\";", "\"digraph\";", "\"Node\";",
                "\"GRAPH\";", "12;", "-1.5;", "\"1a\";", "é;", "\"a-b\";", "_x;", "\"\";",
            ]
            for statement in expected {
                #expect(lines.contains(statement), "missing \(statement)")
            }
            // And every name reads back as itself (a quoted "a:b" is a name, not a port).
            let parsed = try gv.readDOT(try gv.writeDOT(spec)).graph
            #expect(parsed.nodes.map(\.name) == names)
        }

        @Test func edgeNamesAreWrittenAsKeyFirst() throws {
            let spec = GraphSpec(
                nodes: [.init("a"), .init("b")],
                edges: [
                    .init("a", "b", key: "k1", attributes: ["color": "red", "arrowhead": "dot"]),
                    .init("a", "b", key: "k2"),
                    .init("a", "b"),
                ])
            let dot = try gv.writeDOT(spec).text
            #expect(dot.contains("a -> b\t[key=k1,\n\t\tarrowhead=dot,\n\t\tcolor=red];"))
            #expect(dot.contains("a -> b\t[key=k2];"))
            #expect(dot.contains("a -> b;"))
            let parsed = try gv.readDOT(Data(dot.utf8)).graph
            #expect(parsed.edges.map(\.key) == ["k1", "k2", nil])
        }

        @Test func statementOrderIsHeaderDefaultsSubgraphsThenNodesWithTheirEdges() throws {
            let spec = GraphSpec(
                name: "order",
                attributes: ["rankdir": "LR"],
                nodeDefaults: ["shape": "box"],
                edgeDefaults: ["color": "red"],
                nodes: [.init("z", attributes: ["label": "Z"]), .init("y"), .init("x"), .init("lonely")],
                edges: [.init("y", "z"), .init("z", "x"), .init("x", "y")],
                subgraphs: [.init("cluster_1", nodes: ["x"])])
            let dot = try gv.writeDOT(spec).text
            let expected = """
                digraph order {
                \tgraph [linelength=0,
                \t\trankdir=LR
                \t];
                \tnode [shape=box];
                \tedge [color=red];
                \tsubgraph cluster_1 {
                \t\tx;
                \t}
                \tz\t[label=Z];
                \tz -> x;
                \ty -> z;
                \tx -> y;
                \tlonely;
                }

                """
            #expect(dot == expected)
        }

        @Test func clusterMembersComeFirstWhenReadBack() throws {
            // agwrite declares subgraph members inside their subgraph, before the
            // root's node statements: reading the DOT back changes node order.
            let parsed = try gv.readDOT(try gv.writeDOT(clusteredSpec())).graph
            #expect(parsed.nodes.map(\.name) == ["bob", "alice", "carol", "dave", "erin", "frank", "grace"])
            #expect(clusteredSpec().nodes.map(\.name) == ["alice", "bob", "carol", "dave", "erin", "frank", "grace"])
        }

        @Test func valuesThatCannotSurviveDOTAreRejectedOthersRoundTrip() throws {
            let candidates = [
                "plain", "end\\", "end\\\\", "a\\\"b", "a\\\\\"b", "\n", "abc\n", "\nabc", "a\n\\b", "tab\t",
                "quote\"", "\"", "\\", "\\\\n", "x\r\ny", "<b>", "é ü 中文", "a:b", "%7", "two\n\nlines",
                "left\\l", "\\N",
            ]
            var rejected: [String] = []
            for value in candidates {
                let spec = GraphSpec(nodes: [.init(value, attributes: ["label": .string(value)])])
                do {
                    let parsed = try gv.readDOT(try gv.writeDOT(spec)).graph
                    #expect(parsed.nodes.map(\.name) == [value], "name \(value.debugDescription)")
                    #expect(parsed.nodes.first?.attributes["label"] == .string(value) || value == "\\N",
                            "label \(value.debugDescription)")
                } catch GraphvizError.invalidSpec {
                    rejected.append(value)
                }
            }
            #expect(rejected == ["end\\", "a\\\"b", "\n", "\\", "%7"])
            // Rendering does not go through DOT text: such values render fine.
            let spec = GraphSpec(nodes: [.init("n", attributes: ["label": "end\\"])])
            #expect(throws: Never.self) { try gv.render(spec, format: .svg) }
        }

        @Test func escapedTextKeepsBackslashesLiteral() throws {
            let value = AttributeValue.escapedText("C:\\dir\\")
            #expect(value == .string("C:\\\\dir\\\\"))
            let spec = GraphSpec(nodes: [.init("n", attributes: ["label": value])])
            let parsed = try gv.readDOT(try gv.writeDOT(spec)).graph
            #expect(parsed.nodes[0].attributes["label"] == value)
        }

        @Test func htmlValuesAreWrittenInAngleBrackets() throws {
            let spec = GraphSpec(nodes: [
                .init("a", attributes: ["label": .html("<b>bold</b> &amp; more")]),
                .init("b", attributes: ["label": "<b>not html</b>"]),
            ])
            let dot = try gv.writeDOT(spec).text
            #expect(dot.contains("a\t[label=<<b>bold</b> &amp; more>];"))
            #expect(dot.contains("b\t[label=\"<b>not html</b>\"];"))
            let parsed = try gv.readDOT(Data(dot.utf8)).graph
            #expect(parsed.node(named: "a")?.attributes["label"] == .html("<b>bold</b> &amp; more"))
            #expect(parsed.node(named: "b")?.attributes["label"] == .string("<b>not html</b>"))
            #expect(throws: GraphvizError.self) {
                try gv.writeDOT(GraphSpec(nodes: [.init("c", attributes: ["label": .html("a > b")])]))
            }
        }

        @Test func invalidSpecsThrowTypedErrors() {
            func expectInvalid(_ spec: GraphSpec, _ fragment: String) {
                do {
                    _ = try gv.writeDOT(spec)
                    Issue.record("expected invalidSpec containing \(fragment)")
                } catch GraphvizError.invalidSpec(let why) {
                    #expect(why.contains(fragment), "\(why)")
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            expectInvalid(GraphSpec(nodes: [.init("a")], edges: [.init("a", "ghost")]), "ghost")
            expectInvalid(GraphSpec(nodes: [.init("a")], subgraphs: [.init("s", nodes: ["ghost"])]), "ghost")
            expectInvalid(GraphSpec(nodes: [.init("a"), .init("a")]), "twice")
            expectInvalid(GraphSpec(nodes: [.init("a\u{0}b")]), "NUL")
            expectInvalid(GraphSpec(nodes: [.init("a", attributes: ["": "x"])]), "empty name")
            expectInvalid(GraphSpec(nodes: [.init("a")], edges: [.init("a", "a", attributes: ["key": "k"])]), "Edge.key")
            // Nothing leaks into the next operation.
            #expect(throws: Never.self) { try gv.writeDOT(clusteredSpec()) }
        }

        @Test func strictGraphsMergeRepeatedEdges() throws {
            let spec = GraphSpec(
                strict: true, nodes: [.init("a"), .init("b")],
                edges: [.init("a", "b", attributes: ["color": "red"]), .init("a", "b", attributes: ["style": "bold"])])
            let parsed = try gv.readDOT(try gv.writeDOT(spec)).graph
            #expect(parsed.strict)
            #expect(parsed.edges == [.init("a", "b", attributes: ["color": "red", "style": "bold"])])
        }

        @Test func rootGraphAttributesAreInheritedBySubgraphsLikeDOT() throws {
            let spec = GraphSpec(
                attributes: ["label": "Title", "fontname": "Helvetica"],
                nodes: [.init("a"), .init("b")],
                subgraphs: [
                    .init("cluster_inherits", nodes: ["a"]),
                    .init("cluster_own", attributes: ["label": ""], nodes: ["b"]),
                ])
            let svg = try gv.render(spec, format: .svg).data.text
            // The root label shows on the root and on the cluster that has no label.
            #expect(svg.components(separatedBy: ">Title</text>").count - 1 == 2)
            let parsed = try gv.readDOT(try gv.writeDOT(spec)).graph
            #expect(parsed.subgraphs[0].attributes == [:])
            #expect(parsed.subgraphs[1].attributes == ["label": ""])
        }
    }
}
