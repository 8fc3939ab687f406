import Foundation
import RelGraph
import RelGraphDrawing

/// Draws a diagram in the layout of an earlier drawing (``PreviousDrawing``):
/// entities that were drawn keep their places, new ones go into room next to
/// their neighbours (``KeptPlacement``), and every line is routed afresh around
/// the placed entities by Graphviz (`nop2` with `splines=true`: `neato -n2`).
///
/// The drawing settings are the earlier drawing's (its ``LayoutNote``: rank
/// direction, name wrapping, labels, legend columns), so names wrap and lines
/// carry labels as they did; without a note, the compact defaults without line
/// labels. Territory boxes are drawn around their members' places.
struct KeptLayout {
    let context: GraphvizContext

    /// What was drawn and how.
    struct Outcome {
        /// The spec with every entity pinned, for `nop2`.
        var spec: GraphSpec
        /// The settings it was drawn with (the earlier drawing's).
        var note: LayoutNote
        /// Which entities were kept, moved or added.
        var placement: KeptPlacement.Result
        /// How many lines kept their earlier route.
        var keptRoutes: Int
    }

    /// Space added around a territory's members, and above them for its name, in points.
    static let clusterMargin = 8.0
    static let clusterLabelRoom = 14.0

    func spec(for diagram: Diagram, previous: PreviousDrawing, options: RenderOptions) throws -> Outcome {
        var style = previous.note?.style ?? DrawingStyle(edgeLabels: options.labels == .on)
        if options.labels == .off { style.edgeLabels = false; style.keyLabels = false }
        // The legend as wide as the drawing it sits under (a packed drawing chose its
        // columns from its width, after the note was written).
        if let width = previous.width { style.legendColumns = PageFit.legendColumns(for: diagram, width: width) }
        var spec = DiagramGraph.spec(for: diagram, style: style, layoutAttributes: options.layoutAttributes)
        // A fresh layout of the new version: every entity's size, and where it would
        // go among its neighbours.
        let freshEngine: LayoutEngine = [.dot, .neato, .fdp, .sfdp, .circo, .twopi].contains(options.layoutEngine) ? options.layoutEngine : .dot
        let fresh = try context.layout(spec, engine: freshEngine)
        var laidOut: [String: LayoutResult.NodeLayout] = [:]
        for node in fresh.nodes { laidOut[node.name] = node }

        var neighbours: [String: Set<String>] = [:]
        for edge in diagram.edges where edge.from != edge.to {
            neighbours[edge.from, default: []].insert(edge.to)
            neighbours[edge.to, default: []].insert(edge.from)
        }
        var items: [KeptPlacement.Item] = []
        for node in diagram.nodes {
            guard let layout = laidOut[node.id] else { continue }
            let groupID = node.isList ? XMLName.make("list", node.id) : XMLName.make("entity", node.id)
            var old = previous.place(of: groupID)
            if old == nil, node.isList {
                // A list that is new: where its entities were, if they were drawn.
                let places = node.entries.compactMap { previous.place(of: XMLName.make("entity", $0.id)) }
                if !places.isEmpty {
                    let x = places.map(\.centre.x).reduce(0, +) / Double(places.count)
                    let y = places.map(\.centre.y).reduce(0, +) / Double(places.count)
                    old = PreviousDrawing.Placed(centre: Geometry.Point(x: x, y: y), width: 0, height: 0)
                }
            }
            items.append(KeptPlacement.Item(
                id: node.id, width: layout.width, height: layout.height, old: old?.centre,
                oldSize: old.map { ($0.width, $0.height) }, fresh: Geometry.Point(x: layout.x, y: layout.y),
                neighbours: (neighbours[node.id] ?? []).sorted()))
        }
        let placement = KeptPlacement(gap: max(4, min(style.nodeSeparation, style.rankSeparation) * 72)).place(items)

        for index in spec.nodes.indices {
            guard let point = placement.positions[spec.nodes[index].name] else { continue }
            spec.nodes[index].attributes["pos"] = .string("\(GraphSpec.number(Self.round(point.x))),\(GraphSpec.number(Self.round(point.y)))!")
        }
        // Lines drawn before between two entities that have not moved keep their
        // route, unless an entity now stands in its way; the others are routed afresh.
        let unchanged = Set(items.filter { item in
            guard let old = item.old, let size = item.oldSize, placement.positions[item.id] == old else { return false }
            // The outline drawn may reach a few points past the entity's box (a
            // tab above it): the same size within that.
            return (-0.5...5).contains(size.width - item.width) && (-0.5...5).contains(size.height - item.height)
        }.map(\.id))
        let newcomers = items.filter { !unchanged.contains($0.id) }.compactMap { item in
            placement.positions[item.id].map { KeptPlacement.box(of: item, at: $0, gap: 2) }
        }
        var keptRoutes = 0
        for index in spec.edges.indices {
            let edge = spec.edges[index]
            guard unchanged.contains(edge.tail), unchanged.contains(edge.head), let id = edge.attributes["id"]?.text,
                  let route = previous.lines[id], !Self.crosses(route, newcomers) else { continue }
            spec.edges[index].attributes["pos"] = .string(route.pos)
            keptRoutes += 1
        }
        if !spec.subgraphs.isEmpty {
            var sizes: [String: (Double, Double)] = [:]
            for item in items { sizes[item.id] = (item.width, item.height) }
            spec.subgraphs = spec.subgraphs.map { Self.boxed($0, positions: placement.positions, sizes: sizes).subgraph }
        }
        spec.attributes["splines"] = spec.attributes["splines"] ?? "true"
        // Lines are routed around every entity with this margin: smaller than half
        // the gap between entities of a rank (6 pt), or Graphviz finds them touching
        // and draws every line straight, through whatever is in the way.
        spec.attributes["esep"] = "+1"
        return Outcome(spec: spec, note: LayoutNote(style: style, engine: previous.note?.engine ?? freshEngine), placement: placement,
                       keptRoutes: keptRoutes)
    }

    /// Whether `route` (sampled 8 times a Bézier segment) passes through any of `boxes`.
    static func crosses(_ route: PreviousDrawing.Route, _ boxes: [Geometry.Box]) -> Bool {
        guard !boxes.isEmpty else { return false }
        let p = route.points
        for segment in stride(from: 0, to: p.count - 3, by: 3) {
            for step in 0...8 {
                let t = Double(step) / 8, u = 1 - t
                let x = u * u * u * p[segment].x + 3 * u * u * t * p[segment + 1].x + 3 * u * t * t * p[segment + 2].x + t * t * t * p[segment + 3].x
                let y = u * u * u * p[segment].y + 3 * u * u * t * p[segment + 1].y + 3 * u * t * t * p[segment + 2].y + t * t * t * p[segment + 3].y
                if boxes.contains(where: { x > $0.minX && x < $0.maxX && y > $0.minY && y < $0.maxY }) { return true }
            }
        }
        return false
    }

    /// Coordinates to 1/100 pt: the same placement always writes the same text.
    static func round(_ value: Double) -> Double { PreviousDrawing.round(value) }

    /// `subgraph` with the box (`bb`) and name position (`lp`) of every cluster in
    /// it, drawn around its members' places: `nop2` draws a cluster only when given both.
    static func boxed(_ subgraph: GraphSpec.Subgraph, positions: [String: Geometry.Point], sizes: [String: (Double, Double)])
        -> (subgraph: GraphSpec.Subgraph, box: Geometry.Box?) {
        var copy = subgraph
        var box: Geometry.Box?
        for name in subgraph.nodes {
            guard let centre = positions[name], let (width, height) = sizes[name] else { continue }
            let own = Geometry.Box(minX: centre.x - width / 2, minY: centre.y - height / 2, maxX: centre.x + width / 2, maxY: centre.y + height / 2)
            box = box?.union(own) ?? own
        }
        copy.subgraphs = subgraph.subgraphs.map { child in
            let (boxedChild, childBox) = boxed(child, positions: positions, sizes: sizes)
            if let childBox { box = box?.union(childBox) ?? childBox }
            return boxedChild
        }
        guard subgraph.isCluster, var inner = box else { return (copy, box) }
        inner = Geometry.Box(minX: inner.minX - clusterMargin, minY: inner.minY - clusterMargin,
                             maxX: inner.maxX + clusterMargin, maxY: inner.maxY + clusterMargin + clusterLabelRoom)
        let label = subgraph.attributes["label"]?.text ?? ""
        let labelWidth = Geometry.TextMetrics.width(of: label, fontSize: 10)
        inner = Geometry.Box(minX: inner.minX, minY: inner.minY, maxX: max(inner.maxX, inner.minX + labelWidth + 2 * clusterMargin), maxY: inner.maxY)
        copy.attributes["bb"] = .string([inner.minX, inner.minY, inner.maxX, inner.maxY].map { GraphSpec.number(round($0)) }.joined(separator: ","))
        copy.attributes["lp"] = .string("\(GraphSpec.number(round(inner.minX + clusterMargin + labelWidth / 2))),\(GraphSpec.number(round(inner.maxY - 9)))")
        return (copy, inner)
    }
}
