import Foundation
import Testing
import RelGraphTestSupport
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

private func graph(_ dot: String) throws -> NormalizedGraph {
    try NormalizedGraph.read(dot: Data(dot.utf8)).graph
}

private func compare(_ old: String, _ new: String) throws -> DiffReport {
    GraphComparison(old: try graph(old), new: try graph(new)).report
}

/// Graphviz's own test graphs beside the work trees (read-only; origin and
/// licence in ORIGIN.txt and LICENSE-EPL-1.0.txt there).
private let realFiles = ["Heawood.gv", "clust4.gv", "fsm.gv", "structs.gv", "unix.gv", "world.gv"]

private func realFile(_ name: String) throws -> String {
    try String(contentsOf: Paths.dotData.appendingPathComponent(name), encoding: .utf8)
}

extension GraphvizTests {
    /// `relgraph diff` on DOT: by meaning, not by text.
    @Suite("graph diff") struct GraphDiff {
        // MARK: Real DOT that relgraph did not write

        @Test("each Graphviz test graph parses and self-diffs to no differences", .enabled(if: Paths.hasDotData, Paths.noDotData), arguments: realFiles)
        func selfDiff(file: String) throws {
            let text = try realFile(file)
            let first = try graph(text), second = try graph(text)
            #expect(!first.nodes.isEmpty && !first.edges.isEmpty)
            #expect(GraphComparison(old: first, new: second).report.isEmpty)
            #expect(GraphComparison(old: first, new: first).report.text() == "")
        }

        @Test("statements shuffled and reformatted compare equal", .enabled(if: Paths.hasDotData, Paths.noDotData), arguments: realFiles)
        func shuffledCompareEqual(file: String) throws {
            let text = try realFile(file)
            let document = try DOTDocument(text)
            let original = try graph(text)
            var rng = SeededGenerator(seed: 42)
            var differentTexts = Set<String>()
            for round in 0..<10 {
                let shuffled = document.shuffled(using: &rng)
                differentTexts.insert(shuffled)
                let report = GraphComparison(old: original, new: try graph(shuffled)).report
                #expect(report.isEmpty, "round \(round):\n\(report.text())\n\(shuffled)")
            }
            #expect(differentTexts.count > 1 || file == "structs.gv", "the shuffler must reorder")
        }

        @Test("removing one edge is reported as exactly that", .enabled(if: Paths.hasDotData, Paths.noDotData), arguments: realFiles)
        func removingOneEdge(file: String) throws {
            let document = try DOTDocument(try realFile(file))
            let index = try #require(document.removableEdges.first, "no removable edge statement in \(file)")
            guard case .simple(let tokens) = document.body[index] else { Issue.record("\(file): statement \(index) is not a simple edge statement"); return }
            var body = document.body
            body.remove(at: index)
            let original = try graph(document.text(body: document.body))
            let report = GraphComparison(old: original, new: try graph(document.text(body: body))).report
            #expect(report.differenceCount == 1, "\(report.text())")
            let edges = try #require(report.section("edges"))
            #expect(edges.items.count == 1 && edges.items.first?.status == .removed)
            let op = tokens.firstIndex { $0 == "->" || $0 == "--" }!
            let ends = [tokens[0], tokens[op + 1]].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            let key = edges.items.first?.key ?? ""
            #expect(ends.allSatisfy { key.contains($0) }, "\(key) is not \(tokens.joined(separator: " "))")
        }

        // MARK: Semantics

        @Test("`node [color=red]; a` equals `a [color=red]`; a default after a node does not apply to it")
        func defaultsAreEffectiveAttributes() throws {
            #expect(try compare("digraph { node [color=red]; a }", "digraph { a [color=red] }").isEmpty)
            #expect(try compare("digraph { edge [style=dashed]; a -> b }", "digraph { a -> b [style=dashed] }").isEmpty)
            let report = try compare("digraph { a; node [color=red]; b }", "digraph { node [color=red]; a; b }")
            #expect(report.section("nodes")?.items.map(\.key) == ["a"])
            #expect(report.section("nodes")?.items.first?.fields == [FieldChange(field: "color", old: nil, new: .text("red"))])
        }

        // The right-hand graphs below are what `dot -Tcanon` writes for the left-hand
        // ones (Graphviz 2.43's text, written down; with another Graphviz, its own CLI's,
        // asked at test time): a graph and Graphviz's own rewrite of it are the same graph.

        /// `dot -Tcanon` of `original`: `written243` with Graphviz 2.x, else the `dot`
        /// CLI's (the tests that call this are enabled only when it is the same Graphviz).
        func canon(of original: String, written243: String) throws -> String {
            if TestGraphviz.major(graphvizVersion) == 2 { return written243 }
            let run = try ProcessRunner.run(try #require(TestPaths.dotCLI), ["-Tcanon"], stdin: Data(original.utf8))
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }

        static var canonAvailable: Bool {
            TestGraphviz.major(graphvizVersion) == 2 || TestGraphviz.cliMatches(graphvizVersion)
        }

        @Test("an anonymous subgraph that only sets node defaults compares equal to `dot -Tcanon`'s rewrite",
              .enabled(if: canonAvailable, TestGraphviz.cliMismatch(graphvizVersion)))
        func anonymousDefaultsSubgraphMatchesCanon() throws {
            let original = "digraph G { { node [shape=box]; a }; color=blue }"
            let canon = try canon(of: original, written243: "digraph G {\n\tgraph [color=blue];\n\tnode [label=\"\\N\"];\n\t{\n\t\tnode [shape=box];\n\t\ta\t[shape=box];\n\t}\n}\n")
            let report = try compare(original, canon)
            #expect(report.isEmpty, "\(report.text())")
            // Graphviz up to 12 lets the subgraph see the root's later `color=blue`, so it
            // sets nothing of its own; from 13.0 it keeps the value it had when it was made
            // (its canon writes `graph [color=""]` in it), as the DOT language says.
            if TestGraphviz.major(graphvizVersion) == 2 {
                #expect(try graph(original).subgraphs.isEmpty, "a subgraph that sets only node defaults is not a kept subgraph")
            }
        }

        @Test("node defaults declared in a subgraph after some of its nodes compare equal to `dot -Tcanon`'s rewrite",
              .enabled(if: canonAvailable, TestGraphviz.cliMismatch(graphvizVersion)))
        func lateSubgraphDefaultsMatchCanon() throws {
            let original = "digraph G { subgraph s { a; node [shape=box]; b } a -> b }"
            let canon = try canon(of: original, written243: "digraph G {\n\tnode [label=\"\\N\"];\n\tsubgraph s {\n\t\tnode [shape=box];\n\t\ta;\n\t\tb\t[shape=box];\n\t}\n\ta -> b;\n}\n")
            let report = try compare(original, canon)
            #expect(report.isEmpty, "\(report.text())")
            #expect(try graph(original).nodes.first { $0.name == "a" }?.attributes["shape"]?.text == "box")
            // A node's own value still wins over the subgraph's default.
            #expect(try !compare("digraph { subgraph s { a [shape=circle]; node [shape=box] } }",
                                 "digraph { subgraph s { node [shape=box]; a } }").isEmpty)
        }

        @Test("an edge's key tells parallel edges apart")
        func keysTellParallelEdgesApart() throws {
            let old = "digraph { a -> b [key=k1, label=x]; a -> b [key=k2, label=y] }"
            #expect(try compare(old, "digraph { a -> b [key=k2, label=y]; a -> b [key=k1, label=x] }").isEmpty)
            let report = try compare(old, "digraph { a -> b [key=k1, label=x]; a -> b [key=k2, label=z] }")
            let edges = try #require(report.section("edges"))
            #expect(edges.items.map(\.key) == ["a -> b [k2]"])
            #expect(edges.items.first?.fields == [FieldChange(field: "label", old: .text("y"), new: .text("z"))])
        }

        @Test("key-less parallel edges match by attributes, as a multiset")
        func keylessMultiEdges() throws {
            let old = "digraph { a -> b [label=x]; a -> b [label=y] }"
            #expect(try compare(old, "digraph { a -> b [label=y]; a -> b [label=x] }").isEmpty)
            let added = try compare(old, "digraph { a -> b [label=y]; a -> b [label=x]; a -> b [label=y] }")
            #expect(added.section("edges")?.items.map(\.status) == [.added])
            let changed = try compare(old, "digraph { a -> b [label=z]; a -> b [label=x] }")
            #expect(changed.section("edges")?.items.map(\.status) == [.changed])
            #expect(changed.section("edges")?.items.first?.fields == [FieldChange(field: "label", old: .text("y"), new: .text("z"))])
        }

        @Test("in an undirected graph `a -- b` is `b -- a`, ports swapped")
        func undirectedEdgesHaveNoDirection() throws {
            #expect(try compare("graph { a:n -- b [arrowhead=dot] }", "graph { b -- a:n [arrowtail=dot] }").isEmpty)
            #expect(try !compare("digraph { a -> b }", "digraph { b -> a }").isEmpty)
        }

        @Test("cluster membership, subgraph attributes and graph attributes are compared")
        func clustersAndGraph() throws {
            let old = "digraph G { rankdir=LR; subgraph cluster_x { label=X; a; b } {rank=same; c; d} a -> c }"
            let moved = try compare(old, "digraph G { rankdir=LR; subgraph cluster_x { label=X; a } b; {rank=same; c; d} a -> c }")
            #expect(moved.section("subgraphs")?.items.map(\.key) == ["cluster_x"])
            #expect(moved.section("subgraphs")?.items.first?.fields
                    == [FieldChange(field: "(nodes)", old: .list(["a", "b"]), new: .list(["a"]))])
            #expect(moved.differenceCount == 1)

            let graphChange = try compare(old, "digraph G { rankdir=TB; subgraph cluster_x { label=X; a; b } {rank=same; c; d} a -> c }")
            #expect(graphChange.section("graph")?.items.first?.fields == [FieldChange(field: "rankdir", old: .text("LR"), new: .text("TB"))])

            let kind = try compare("digraph { a -> b }", "graph { a -- b }")
            #expect(kind.section("graph")?.items.first?.fields.first
                    == FieldChange(field: "graph kind", old: .token("digraph"), new: .token("graph")))
        }

        @Test("an HTML label differs from a plain one with the same text")
        func htmlIsNotPlain() throws {
            let report = try compare("digraph { a [label=<b>] }", "digraph { a [label=\"b\"] }")
            #expect(report.section("nodes")?.items.first?.fields == [FieldChange(field: "label", old: .html("b"), new: .text("b"))])
        }

        @Test("records, HTML labels and ports are read and compared")
        func recordsHTMLPorts() throws {
            let old = """
                digraph { node [shape=record]; s [label="<f0> a|<f1> b"]; t [label=<<TABLE><TR><TD PORT="p">x</TD></TR></TABLE>>];
                s:f0 -> t:p:n }
                """
            let new = old.replacingOccurrences(of: "s:f0 -> t:p:n", with: "s:f1 -> t:p:n")
            let report = try compare(old, new)
            #expect(report.section("edges")?.items.first?.fields
                    == [FieldChange(field: "tailport", old: .text("f0"), new: .text("f1"))])
        }

        // MARK: Networks as graphs

        @Test("a network compares equal to the DOT relgraph wrote for it")
        func networkAgainstItsDOT() throws {
            let network = try Flagship.network()
            let fromModel = try NormalizedGraph.canonical(network)
            let fromDOT = try graph(try canonicalDOT(network))
            #expect(GraphComparison(old: fromDOT, new: fromModel).report.isEmpty)
            // Against DOT written without the legend, only the graph label differs.
            let bare = try graph(try canonicalDOT(network, legend: false))
            let report = GraphComparison(old: bare, new: fromModel).report
            #expect(report.differenceCount == 1)
            #expect(report.section("graph")?.items.first?.fields.map(\.field) == ["label"])
        }
    }
}
