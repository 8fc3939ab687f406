import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

/// Six nodes: the union of all frames of a timeline.
private let union = GraphSpec(
    name: "timeline",
    attributes: ["rankdir": "LR"],
    nodes: ["a", "b", "c", "d", "e", "f"].map { GraphSpec.Node($0) },
    edges: [
        .init("a", "b"), .init("b", "c"), .init("c", "d"), .init("a", "e"), .init("e", "f"), .init("b", "f"),
    ])

extension GraphvizTests {
    @Suite("layout") struct Layout {
        @Test func returnsCentresSizesAndBoundingBox() throws {
            let layout = try gv.layout(union)
            #expect(layout.nodes.map(\.name) == ["a", "b", "c", "d", "e", "f"])
            for node in layout.nodes {
                #expect(node.width == 54 && node.height == 36, "\(node)")  // 0.75 x 0.5 inch ellipses
                #expect(node.x > layout.boundingBox.minX && node.x < layout.boundingBox.maxX)
                #expect(node.y > layout.boundingBox.minY && node.y < layout.boundingBox.maxY)
            }
            #expect(layout.boundingBox.minX == 0 && layout.boundingBox.minY == 0)
            #expect(try gv.layout(union) == layout)
        }

        /// Lay out the union once; render a 4-node frame pinned to it: every node
        /// of the frame is drawn where the union put it, on the same canvas. The
        /// frame leaves out the leftmost and rightmost nodes, so without
        /// `notranslate` and `viewport` its nodes would shift and its canvas shrink.
        @Test(arguments: [LayoutEngine.nop, .nop2])
        func subsetPinnedToUnionKeepsCoordinates(engine: LayoutEngine) throws {
            let layout = try gv.layout(union)
            let frame = GraphSpec(
                name: "timeline",
                attributes: ["rankdir": "LR"],
                nodes: ["b", "c", "e", "f"].map { GraphSpec.Node($0) },
                edges: [.init("b", "c"), .init("e", "f"), .init("b", "f")])

            let unionSVG = try gv.render(union, engine: .dot, format: .svg).data.text
            let frameSVG = try gv.render(frame.pinned(to: layout), engine: engine, format: .svg).data.text
            let unionCentres = svgNodeCentres(unionSVG)
            let frameCentres = svgNodeCentres(frameSVG)
            print("union:", unionCentres.sorted { $0.key < $1.key })
            print("frame (\(engine)):", frameCentres.sorted { $0.key < $1.key })
            #expect(unionCentres.count == 6)
            #expect(frameCentres.count == 4)
            for (name, centre) in frameCentres {
                #expect(centre == unionCentres[name], "\(name)")
                // And both equal the layout's numbers (SVG flips y).
                let node = try #require(layout.node(named: name))
                #expect(centre == "\(GraphSpec.number(node.x)),\(GraphSpec.number(-node.y))")
            }
            // Same canvas: same size and same translation.
            #expect(svgTransform(frameSVG) == svgTransform(unionSVG))
            #expect(frameSVG.components(separatedBy: "\n").first { $0.hasPrefix("<svg") }
                == unionSVG.components(separatedBy: "\n").first { $0.hasPrefix("<svg") })
        }

        @Test func pinnedSetsPosNotranslateAndViewport() throws {
            let layout = LayoutResult(
                nodes: [.init(name: "a", x: 27, y: 45.5, width: 54, height: 36)],
                boundingBox: .init(minX: 0, minY: 0, maxX: 324, maxY: 90))
            let spec = GraphSpec(nodes: [.init("a"), .init("z")]).pinned(to: layout)
            #expect(spec.nodes[0].attributes["pos"] == "27,45.5!")
            #expect(spec.nodes[1].attributes["pos"] == nil)
            #expect(spec.attributes["notranslate"] == "true")
            #expect(spec.attributes["viewport"] == "332,98,1,162,45")
            let padded = GraphSpec(attributes: ["pad": "0.5"]).pinned(to: layout)
            #expect(padded.attributes["viewport"] == "396,162,1,162,45")
        }

        @Test func pinnedFrameWithCustomPadMatchesUnion() throws {
            var spec = union
            spec.attributes["pad"] = "0.25"
            let layout = try gv.layout(spec)
            var frame = spec
            frame.nodes.removeAll { $0.name == "a" || $0.name == "d" }
            frame.edges.removeAll { ["a", "d"].contains($0.tail) || ["a", "d"].contains($0.head) }
            let unionSVG = try gv.render(spec, format: .svg).data.text
            let frameSVG = try gv.render(frame.pinned(to: layout), engine: .nop2, format: .svg).data.text
            #expect(svgTransform(frameSVG) == svgTransform(unionSVG))
            for (name, centre) in svgNodeCentres(frameSVG) {
                #expect(centre == svgNodeCentres(unionSVG)[name])
            }
        }
    }
}
