import RelGraph
import RelGraphDrawing

/// Draws a diagram's disconnected parts side by side, packed to suit the page.
///
/// Graphviz's own `pack` places parts in one row (too wide for a portrait page)
/// and, in `dot` 2.42, loses the labels of packed graphs. Instead each part is
/// laid out on its own (with the chosen engine), the parts are packed into rows
/// (``ShelfPacking``) at the row width that fits the page best, and the whole is
/// drawn with ``LayoutEngine/nop2``, which keeps every node, line and label
/// where its part's layout put it.
enum ComponentPacking {
    /// Space between parts, in points.
    static let gap = 12.0

    /// The spec of `diagram` with every node and line placed, to render with
    /// ``LayoutEngine/nop2``; `nil` when there is nothing to pack (one part, or
    /// territory clusters, which must stay one layout). Parts already laid out
    /// for another candidate come from `memo`.
    static func packedSpec(for diagram: Diagram, style: DrawingStyle, engine: LayoutEngine, page: PageSize,
                           layoutAttributes: GraphAttributes, context: GraphvizContext,
                           memo: PageFitMemo = PageFitMemo()) throws -> GraphSpec? {
        guard diagram.clusters.isEmpty else { return nil }
        let parts = diagram.components()
        guard parts.count > 1 else { return nil }
        var partStyle = style
        partStyle.packComponents = false
        var geometries: [LayoutGeometry] = []
        for ids in parts {
            let spec = DiagramGraph.spec(for: diagram.part(ids), style: partStyle, layoutAttributes: layoutAttributes,
                                         objects: memo.specObjects)
            geometries.append(try memo.geometry(spec, engine: engine, context: context))
        }
        let sizes = geometries.map { g in
            (width: g.boundingBox.maxX - g.boundingBox.minX, height: g.boundingBox.maxY - g.boundingBox.minY)
        }
        let width = ShelfPacking.bestWidth(sizes, gap: gap, extraHeight: captionHeight(diagram, columns: style.legendColumns),
                                           pageWidth: page.width, pageHeight: page.height)
        let packed = ShelfPacking.pack(sizes, width: width, gap: gap)

        // The legend gets as many columns as fit the packing's width.
        partStyle.legendColumns = PageFit.legendColumns(for: diagram, width: packed.width)
        var spec = DiagramGraph.spec(for: diagram, style: partStyle, layoutAttributes: layoutAttributes, objects: memo.specObjects)
        var nodePositions: [String: String] = [:]
        var routes: [String: LayoutGeometry.Route] = [:]
        for (geometry, place) in zip(geometries, packed.placements) {
            let box = geometry.boundingBox
            // Packing rows run top to bottom (y down); Graphviz's y runs up.
            let dx = place.x - box.minX
            let dy = (packed.height - place.y - (box.maxY - box.minY)) - box.minY
            for (name, pos) in geometry.nodePositions {
                nodePositions[name] = LayoutGeometry.shifted(pos, dx: dx, dy: dy) + "!"
            }
            for (id, route) in geometry.edgeRoutes {
                routes[id] = LayoutGeometry.Route(spline: LayoutGeometry.shifted(route.spline, dx: dx, dy: dy),
                                                  labelPosition: route.labelPosition.map { LayoutGeometry.shifted($0, dx: dx, dy: dy) })
            }
        }
        for index in spec.nodes.indices {
            if let pos = nodePositions[spec.nodes[index].name] { spec.nodes[index].attributes["pos"] = .string(pos) }
        }
        for index in spec.edges.indices {
            guard let id = spec.edges[index].attributes["id"]?.text, let route = routes[id] else { continue }
            spec.edges[index].attributes["pos"] = .string(route.spline)
            if let lp = route.labelPosition { spec.edges[index].attributes["lp"] = .string(lp) }
        }
        spec.attributes["pack"] = nil
        spec.attributes["packmode"] = nil
        return spec
    }

    /// About how tall the caption (title, view, legend) will be, in points.
    static func captionHeight(_ diagram: Diagram, columns: Int) -> Double {
        let em = DiagramGraph.legendSize
        var height = 26.0
        if !diagram.viewSummary.isEmpty {
            height += 1.4 * em * Double(LabelText.wrap("View: " + diagram.viewSummary, width: DiagramGraph.viewLineWidth).count)
        }
        if let legend = diagram.legend {
            let kindColumns = max(columns, min(8, columns + 4))
            height += 2.2 * em * Double((legend.kinds.count + kindColumns - 1) / kindColumns)
            height += 1.7 * em * Double((legend.types.count + columns - 1) / max(columns, 1))
            height += legend.confidences.isEmpty ? 0 : 1.8 * em
        }
        return height
    }
}
