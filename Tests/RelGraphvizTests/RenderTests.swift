import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

#if canImport(Glibc)
import Glibc
#endif

private let small = GraphSpec(
    name: "small",
    nodes: [.init("a"), .init("b", attributes: ["shape": "box"]), .init("c")],
    edges: [.init("a", "b"), .init("b", "c"), .init("a", "c")])

extension GraphvizTests {
    @Suite("render") struct Render {
        @Test func formats() throws {
            func render(_ format: OutputFormat) throws -> Data {
                try gv.render(small, format: format).data
            }
            #expect(try render(.svg).text.hasPrefix("<?xml"))
            #expect(try render(.svg).text.hasSuffix("</svg>\n"))
            #expect(try render(.png).prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(try render(.pdf).text.hasPrefix("%PDF-"))
            #expect(try render(.ps).text.hasPrefix("%!PS-Adobe"))
            #expect(try render(.eps).text.hasPrefix("%!PS-Adobe-3.0 EPSF"))
            let dot = try render(.dot).text
            #expect(dot.contains("pos=") && dot.contains("bb="))
            #expect(try render(.xdot).text.contains("_draw_"))
            #expect(try render(.plain).text.hasPrefix("graph "))
            #expect(try render(.plainExt).text.hasSuffix("stop\n"))
            #expect(try render(.canon).text.hasPrefix("digraph small {"))
            for format in [OutputFormat.json, .json0] {
                let object = try JSONSerialization.jsonObject(with: try render(format)) as? [String: Any]
                #expect(object?["name"] as? String == "small")
                #expect((object?["objects"] as? [Any])?.count == 3)
            }
        }

        @Test func everyStandardEngineLaysOut() throws {
            let pinned = small.pinned(to: try gv.layout(small))
            for engine in LayoutEngine.standard {
                let spec = engine.rawValue.hasPrefix("nop") ? pinned : small  // nop needs positions
                let result = try gv.render(spec, engine: engine, format: .svg)
                #expect(result.data.text.contains("<title>a</title>"), "\(engine)")
                #expect(result.warnings.isEmpty, "\(engine): \(result.warnings)")
            }
        }

        @Test func unknownEngineAndFormatAreTyped() {
            #expect(throws: GraphvizError.unknownEngine("nosuch")) {
                try gv.render(small, engine: "nosuch", format: .svg)
            }
            #expect(throws: GraphvizError.unknownEngine("nosuch")) { try gv.layout(small, engine: "nosuch") }
            #expect(throws: GraphvizError.unknownFormat("nosuch")) { try gv.render(small, format: "nosuch") }
        }

        @Test func layoutErrorsCarryGraphvizText() {
            // nop keeps positions, so a node without `pos` is an error.
            do {
                _ = try gv.render(small, engine: .nop, format: .svg)
                Issue.record("expected layoutFailed")
            } catch GraphvizError.layoutFailed(let message) {
                #expect(message == "node a in graph small has no position\nas required by the -n flag")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }

        /// An earlier Swift binding never called agreseterrors(): after one bad
        /// input, every later render failed.
        @Test func operationsAfterAFailureSucceed() throws {
            let expected = try gv.render(small, format: .svg).data
            for _ in 0..<3 {
                #expect(throws: GraphvizError.self) { try gv.render(small, engine: "nosuch", format: .svg) }
                #expect(try gv.render(small, format: .svg).data == expected)
                #expect(throws: GraphvizError.self) { try gv.render(small, format: "nosuch") }
                #expect(try gv.render(small, format: .svg).data == expected)
                #expect(throws: GraphvizError.self) { try gv.render(small, engine: .nop, format: .svg) }
                #expect(try gv.render(small, format: .svg).data == expected)
                #expect(throws: GraphvizError.self) { try gv.readDOT(Data("digraph { a -> ".utf8)) }
                #expect(try gv.render(small, format: .svg).data == expected)
                #expect(try gv.layout(small).nodes.count == 3)
            }
        }

        @Test func warningsAreReturnedNotFatal() throws {
            let spec = GraphSpec(nodes: [.init("a", attributes: ["color": "nosuchcolor"])])
            let result = try gv.render(spec, format: .svg)
            #expect(result.warnings == [GraphvizMessage(level: .warning, text: "nosuchcolor is not a known color.")])
            #expect(result.data.text.contains("</svg>"))
        }

        /// Graphviz must print nothing: every message is captured. (Swift Testing
        /// reports on stdout, so fd 2 carries only what the process itself writes.)
        @Test func graphvizPrintsNothingToStderr() throws {
            // The capture itself works:
            let probe = capturingStderr { _ = "probe\n".withCString { write(2, $0, 6) } }
            #expect(probe == "probe\n")

            let warningSpec = GraphSpec(nodes: [.init("a", attributes: ["color": "nosuchcolor"])])
            let captured = capturingStderr {
                _ = try? gv.render(small, engine: "nosuch", format: .svg)
                _ = try? gv.render(small, format: "nosuch")
                _ = try? gv.render(small, engine: .nop, format: .svg)
                _ = try? gv.readDOT(Data("digraph {\n a -> ; }".utf8))
                _ = try? gv.readDOT(Data("digraph { a [label=\"open }".utf8))
                _ = try? gv.readDOT(Data("digraph { 1a -> b }".utf8))
                _ = try? gv.render(warningSpec, format: .svg)
                _ = try? gv.render(warningSpec, format: .png)
            }
            print("stderr captured during failing operations: \(captured.utf8.count) bytes")
            #expect(captured.isEmpty, "Graphviz wrote to stderr: \(captured)")
        }

        /// 2.42 numbers SVG gradients with a process-wide counter: the same graph
        /// rendered twice gets different ids (`l_N`), so gradient fills make SVG
        /// output unstable. Callers avoid gradient fills. (Graphviz 14 prefixes the
        /// object's id: `node1_l_0`.)
        @Test func svgGradientIdsComeFromAProcessWideCounter() throws {
            let spec = GraphSpec(nodes: [.init("a", attributes: ["style": "filled", "fillcolor": "red:blue"])])
            func gradientId() throws -> String? {
                let svg = try gv.render(spec, format: .svg).data.text
                guard let range = svg.range(of: "<linearGradient id=\"") else { return nil }
                return String(svg[range.upperBound...].prefix { $0 != "\"" })
            }
            let first = try gradientId()
            let second = try gradientId()
            #expect(first?.contains("l_") == true)
            if try gv.version().hasPrefix("2.") {
                #expect(first != second, "2.42 reuses no gradient id: \(String(describing: first))")
            }
        }
    }
}
