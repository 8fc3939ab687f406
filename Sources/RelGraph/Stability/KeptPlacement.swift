import Foundation

/// Where each entity of a new version goes when the drawing of an earlier version
/// is kept (`render --layout-from`, and the difference drawing of `diff`).
///
/// The rules, in order:
/// 1. An entity that was drawn before stays where it was (its centre).
/// 2. One that grew (a longer name) and now overlaps another kept entity moves
///    to the nearest free room from where it was; one that did not grow never
///    moves, however close the old drawing set it to others.
/// 3. Each new entity goes into the free room nearest to where its neighbours
///    would have it: for each neighbour already placed, that neighbour's position
///    plus the offset between the two in a fresh layout of the new version
///    (scaled to the old drawing), averaged. New entities with the most placed
///    neighbours go first, so a new cluster of entities grows outwards from the
///    old drawing. One with no placed neighbour goes where the fresh layout puts
///    it, mapped onto the old drawing.
/// 4. "Free room" is a spot where the entity's box, grown by ``gap`` on every
///    side, touches no placed box; spots are tried on rings around the target,
///    nearest first.
///
/// A removed entity's room is left as it is: closing it up would move others.
/// Pure and deterministic: the same items give the same positions.
package struct KeptPlacement: Sendable {
    /// A width and height, in points.
    package struct Size: Sendable, Equatable {
        package var width: Double
        package var height: Double

        package init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
    }

    /// One entity (or folded list) of the new version.
    package struct Item: Sendable, Equatable {
        /// Its id (any string unique among the items).
        package var id: String
        /// Its size in the new version, in points.
        package var width: Double
        package var height: Double
        /// Its centre in the old drawing, when it was drawn there.
        package var old: Geometry.Point?
        /// Its size in the old drawing, when it was drawn there.
        package var oldSize: Size?
        /// Its centre in a fresh layout of the new version.
        package var fresh: Geometry.Point
        /// The ids of the items it shares a line with.
        package var neighbours: [String]

        /// Creates an item.
        package init(id: String, width: Double, height: Double, old: Geometry.Point? = nil,
                    oldSize: (width: Double, height: Double)? = nil, fresh: Geometry.Point, neighbours: [String] = []) {
            self.id = id
            self.width = width
            self.height = height
            self.old = old
            self.oldSize = oldSize.map { Size(width: $0.width, height: $0.height) }
            self.fresh = fresh
            self.neighbours = neighbours
        }
    }

    /// Space kept free around every entity, in points (6 pt: the gap `dot` leaves
    /// between entities of a rank in relgraph's compact drawings).
    package var gap: Double = 6
    /// Distance between the rings of spots tried, in points.
    package var step: Double = 4

    /// Creates a placement.
    package init(gap: Double = 6, step: Double = 4) {
        self.gap = gap
        self.step = step
    }

    /// What ``place(_:)`` decided.
    package struct Result: Sendable, Equatable {
        /// Each item's centre, by id.
        package var positions: [String: Geometry.Point]
        /// Items that were drawn before but had to move (rule 2), sorted.
        package var moved: [String]
        /// Items that are new (rule 3), in the order they were placed.
        package var added: [String]
    }

    /// The centre of every item, by the rules above.
    package func place(_ items: [Item]) -> Result {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var positions: [String: Geometry.Point] = [:]
        var placed = BoxSet()

        // 1–2. Kept entities, those that did not grow first.
        let kept = items.filter { $0.old != nil }.sorted { a, b in
            let (ga, gb) = (grew(a), grew(b))
            return ga != gb ? !ga : a.id < b.id
        }
        var moved: [Item] = []
        for item in kept {
            let box = Self.box(of: item, at: item.old!, gap: gap)
            // One that did not grow stays, however close the old drawing set it to
            // others (a rank gap may be narrower than ``gap``).
            if grew(item), placed.intersects(Self.box(of: item, at: item.old!, gap: 0)) {
                moved.append(item)
            } else {
                placed.insert(box)
                positions[item.id] = item.old!
            }
        }
        for item in moved {
            let spot = free(for: item, near: item.old!, in: placed)
            placed.insert(Self.box(of: item, at: spot, gap: gap))
            positions[item.id] = spot
        }

        // 3. New entities, outwards from what is placed.
        let keptItems = kept.filter { positions[$0.id] != nil }
        let fit = SimilarityFit(from: keptItems.map(\.fresh), to: keptItems.map { $0.old! })
        var waiting = items.filter { $0.old == nil }.sorted { $0.id < $1.id }
        var added: [String] = []
        while !waiting.isEmpty {
            var best = 0, bestCount = -1
            for (index, item) in waiting.enumerated() {
                let count = item.neighbours.count { positions[$0] != nil }
                if count > bestCount { best = index; bestCount = count }
            }
            let item = waiting.remove(at: best)
            var target = fit.apply(item.fresh)
            let anchors = item.neighbours.compactMap { id in positions[id].map { (id, $0) } }
            if !anchors.isEmpty {
                var x = 0.0, y = 0.0
                for (id, position) in anchors {
                    let fresh = byID[id]?.fresh ?? item.fresh
                    x += position.x + fit.scale * (item.fresh.x - fresh.x)
                    y += position.y + fit.scale * (item.fresh.y - fresh.y)
                }
                target = Geometry.Point(x: x / Double(anchors.count), y: y / Double(anchors.count))
            }
            let spot = free(for: item, near: target, in: placed)
            placed.insert(Self.box(of: item, at: spot, gap: gap))
            positions[item.id] = spot
            added.append(item.id)
        }
        return Result(positions: positions, moved: moved.map(\.id).sorted(), added: added)
    }

    private func grew(_ item: Item) -> Bool {
        guard let size = item.oldSize else { return false }
        return item.width > size.width + 0.5 || item.height > size.height + 0.5
    }

    /// The nearest spot to `target` where `item` touches nothing placed: `target`
    /// itself, else spots on rings `step` apart, each ring walked from the angle
    /// 0 counter-clockwise.
    func free(for item: Item, near target: Geometry.Point, in placed: BoxSet) -> Geometry.Point {
        if !placed.intersects(Self.box(of: item, at: target, gap: gap)) { return target }
        var ring = 1
        while true {
            let radius = Double(ring) * step
            let count = max(8, Int((2 * Double.pi * radius / step).rounded(.up)))
            for k in 0..<count {
                let angle = 2 * Double.pi * Double(k) / Double(count)
                let spot = Geometry.Point(x: target.x + radius * cos(angle), y: target.y + radius * sin(angle))
                if !placed.intersects(Self.box(of: item, at: spot, gap: gap)) { return spot }
            }
            ring += 1
        }
    }

    /// `item`'s box centred at `centre`, grown by half the gap on every side (two
    /// such boxes that do not overlap are a gap apart).
    package static func box(of item: Item, at centre: Geometry.Point, gap: Double) -> Geometry.Box {
        let halfWidth = item.width / 2 + gap / 2, halfHeight = item.height / 2 + gap / 2
        return Geometry.Box(minX: centre.x - halfWidth, minY: centre.y - halfHeight, maxX: centre.x + halfWidth, maxY: centre.y + halfHeight)
    }

    /// Placed boxes in a coarse grid, so that a test looks only at boxes nearby.
    struct BoxSet {
        private var cells: [Cell: [Geometry.Box]] = [:]
        private let size = 64.0

        private struct Cell: Hashable { var x: Int; var y: Int }

        private func cells(of box: Geometry.Box) -> [Cell] {
            let x0 = Int((box.minX / size).rounded(.down)), x1 = Int((box.maxX / size).rounded(.down))
            let y0 = Int((box.minY / size).rounded(.down)), y1 = Int((box.maxY / size).rounded(.down))
            return (x0...x1).flatMap { x in (y0...y1).map { Cell(x: x, y: $0) } }
        }

        mutating func insert(_ box: Geometry.Box) {
            for cell in cells(of: box) { cells[cell, default: []].append(box) }
        }

        func intersects(_ box: Geometry.Box) -> Bool {
            for cell in cells(of: box) {
                for other in self.cells[cell] ?? [] where box.intersection(other) != nil { return true }
            }
            return false
        }
    }
}
