/// A diagram's disconnected parts, and shelf packing to lay them side by side
/// on a page rather than stacked in one long column.
extension Diagram {
    /// The node ids of each connected part (lines taken both ways), largest part
    /// first (ties: the part whose first node sorts first); each part's ids in
    /// node order.
    public func components() -> [[String]] {
        var parent: [String: String] = [:]
        for node in nodes { parent[node.id] = node.id }
        func root(_ id: String) -> String {
            var id = id
            while let p = parent[id], p != id {
                parent[id] = parent[p]
                id = p
            }
            return id
        }
        for edge in edges where parent[edge.from] != nil && parent[edge.to] != nil {
            let (a, b) = (root(edge.from), root(edge.to))
            if a != b {
                if a.utf8.lexicographicallyPrecedes(b.utf8) { parent[b] = a } else { parent[a] = b }
            }
        }
        var parts: [String: [String]] = [:]
        var order: [String] = []
        for node in nodes {
            let r = root(node.id)
            if parts[r] == nil { order.append(r) }
            parts[r, default: []].append(node.id)
        }
        return order.map { parts[$0]! }.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
        }.map(\.element)
    }

    /// The part of this diagram made of the nodes `ids` and the lines between
    /// them, with no caption (no title, view or legend).
    public func part(_ ids: [String]) -> Diagram {
        let keep = Set(ids)
        var copy = self
        copy.nodes = nodes.filter { keep.contains($0.id) }
        copy.edges = edges.filter { keep.contains($0.from) && keep.contains($0.to) }
        copy.clusters = []
        copy.legend = nil
        copy.title = ""
        copy.viewSummary = ""
        return copy
    }
}

/// Shelf packing: boxes placed left to right in rows ("shelves") no wider than a
/// given width, each row as high as its highest box, rows top to bottom.
package enum ShelfPacking {
    /// A box to place, and where it went.
    package struct Placement: Sendable, Equatable {
        /// Left edge (from the left of the packing).
        package var x: Double
        /// Top edge (from the top of the packing, y down).
        package var y: Double
    }

    /// Places boxes of `sizes` (width, height), in the given order, in rows at
    /// most `width` wide (a box wider than that gets a row of its own), `gap`
    /// apart. Returns each box's place and the packing's size.
    package static func pack(_ sizes: [(width: Double, height: Double)], width: Double, gap: Double)
        -> (placements: [Placement], width: Double, height: Double) {
        var placements: [Placement] = []
        var x = 0.0, y = 0.0, rowHeight = 0.0, usedWidth = 0.0
        for size in sizes {
            if x > 0, x + size.width > width {
                y += rowHeight + gap
                x = 0
                rowHeight = 0
            }
            placements.append(Placement(x: x, y: y))
            x += size.width + gap
            rowHeight = max(rowHeight, size.height)
            usedWidth = max(usedWidth, x - gap)
        }
        return (placements, usedWidth, y + rowHeight)
    }

    /// The row width whose packing, with `extraHeight` added under it, fits a
    /// `pageWidth` × `pageHeight` page at the largest scale: 17 widths from the
    /// widest box to all boxes in one row, then 32 between the two neighbours of
    /// the best of those (a packing's scale changes at every row break, and with
    /// many small parts the best width falls between two of the first tries).
    package static func bestWidth(_ sizes: [(width: Double, height: Double)], gap: Double, extraHeight: Double,
                                 pageWidth: Double, pageHeight: Double) -> Double {
        let widest = sizes.map(\.width).max() ?? 0
        let total = sizes.map(\.width).reduce(0, +) + gap * Double(max(0, sizes.count - 1))
        var best = (width: widest, scale: -1.0)
        func consider(_ width: Double) {
            let packed = pack(sizes, width: width, gap: gap)
            let scale = min(pageWidth / max(packed.width, 1), pageHeight / max(packed.height + extraHeight, 1))
            if scale > best.scale + 1e-9 { best = (width, scale) }
        }
        let step = (total - widest) / 16
        for index in 0...16 { consider(widest + step * Double(index)) }
        let low = max(widest, best.width - step), high = min(total, best.width + step)
        for index in 0...32 { consider(low + (high - low) * Double(index) / 32) }
        return best.width
    }
}
