import Foundation
import Testing
import RelGraph
import RelGraphTestSupport
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    /// Canonical DOT made while `agwrite` writes (``CanonicalDOT/Stream`` behind
    /// ``GraphvizContext/writeCanonicalDOT(_:)``) is byte for byte what the oracle
    /// (`CanonicalDOTOracle`, Tests/RelGraphTestSupport/Oracles) makes of the whole raw text.
    @Suite("streamed canonical DOT") struct StreamedDOT {
        static let tricky: [String] = [
            "",
            "\n\n\n",
            "digraph G {\n\tgraph [a=1,\n\t\tb=2\n\t];\n}\n",
            "x [label=\"a\\\"b\\\\\", tooltip=\"line\\nnext\n\t\tstill quoted\"];\r\n",
            "n [label=<<B>a [b]</B>\n\t<I>c</I>>,\n\t\tshape=box\n];\n",
            "a -> b [key=\"k\",\n    \t  ];\n\n\n",
            "end inside [brackets,\n\t\t",
            "quote at the end \"\\",
            "\"\n\n\"\n\n",
        ]

        @Test("any cutting of tricky texts gives finish's bytes")
        func anyCuttingGivesFinishBytes() {
            var rng = SeededGenerator(seed: 13)
            for text in Self.tricky {
                let bytes = Array(text.utf8)
                let expected = Array(CanonicalDOTOracle.finish(Data(bytes)))
                #expect(StreamedCanonicalDOT.bytes(bytes, cuts: []) == expected, "\(text.debugDescription) whole")
                // Every single cut, then random sets of cuts.
                for cut in 0...bytes.count {
                    #expect(StreamedCanonicalDOT.bytes(bytes, cuts: [cut]) == expected, "\(text.debugDescription) cut at \(cut)")
                }
                for _ in 0..<50 where !bytes.isEmpty {
                    let cuts = (0..<Int.random(in: 1...8, using: &rng)).map { _ in Int.random(in: 0...bytes.count, using: &rng) }.sorted()
                    #expect(StreamedCanonicalDOT.bytes(bytes, cuts: cuts) == expected, "\(text.debugDescription) cut at \(cuts)")
                }
            }
        }

        @Test("agwrite's own pieces give finish's bytes: the flagship, clustered, and a spec with odd values")
        func agwritePiecesGiveFinishBytes() throws {
            var options = RenderOptions()
            options.format = .dot
            let network = try Flagship.network()
            for cluster in [nil, ViewDefinition.Clustering.territories] {
                options.diagram.cluster = cluster
                let diagram = DiagramBuilder(options: options.diagram).build(try network.applying(ViewDefinition()), full: network)
                let spec = Renderer.spec(for: diagram, options: options)
                #expect(try gv.writeCanonicalDOT(spec) == CanonicalDOTOracle.finish(try gv.writeDOT(spec)))
            }
            var odd = clusteredSpec()
            odd.nodes[0].attributes["tooltip"] = "a \"quoted\" [word],\nthen\r\n\ttabs"
            odd.nodes[0].attributes["label"] = .html("<B>[x]</B>\n  <I>y</I>")
            #expect(try gv.writeCanonicalDOT(odd) == CanonicalDOTOracle.finish(try gv.writeDOT(odd)))
        }

        @Test("streamed to a file, the bytes are the in-memory ones, also past the sink's MiB buffer")
        func streamedToFileGivesSameBytes() throws {
            let long = String(repeating: "all work and no play, ", count: 2_000)
            var spec = clusteredSpec()
            spec.nodes = (0..<200).map { GraphSpec.Node("n\($0)", attributes: ["tooltip": .string("\($0) \(long)")]) }
            spec.subgraphs = []
            spec.edges = []
            let expected = try gv.writeCanonicalDOT(spec)
            #expect(expected.count > 2 << 20)
            for freeing in [true, false] {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-\(UUID()).dot").path
                let staged = try AtomicFile.Staged(for: path)
                try gv.writeCanonicalDOT(spec, to: staged.descriptor, freeingGraph: freeing)
                #expect(!FileManager.default.fileExists(atPath: path), "nothing at the target before commit")
                try staged.commit()
                defer { try? FileManager.default.removeItem(atPath: path) }
                #expect(FileManager.default.contents(atPath: path) == expected)
            }
        }

        @Test("a write that fails throws OutputWriteError")
        func failedWriteThrows() throws {
            let descriptor = open("/dev/null", O_RDONLY)
            defer { close(descriptor) }
            #expect(throws: OutputWriteError.self) { try gv.writeCanonicalDOT(clusteredSpec(), to: descriptor) }
        }

        @Test("a discarded staged file leaves the target and no temporary file behind")
        func discardedStagedFileLeavesNothing() throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/out.dot"
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
            do {
                let staged = try AtomicFile.Staged(for: path)
                _ = "new".withCString { write(staged.descriptor, $0, 3) }
                staged.discard()
            }
            do {
                _ = try AtomicFile.Staged(for: path)  // dropped without commit
            }
            #expect(FileManager.default.contents(atPath: path) == Data("old\n".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.dot"])
        }
    }
}
