import Foundation
import Testing
@testable import RelGraph

/// Where entities go when a new version keeps an earlier drawing's layout
/// (`render --layout-from`, the difference drawing of `diff`): ``KeptPlacement``'s rules.
@Suite("Kept placement")
struct KeptPlacementTests {
    typealias Item = KeptPlacement.Item
    static func point(_ x: Double, _ y: Double) -> Geometry.Point { Geometry.Point(x: x, y: y) }

    /// Three entities in a row, 60 pt apart, drawn before.
    static let row: [Item] = [
        Item(id: "a", width: 40, height: 20, old: point(0, 0), oldSize: (40, 20), fresh: point(0, 0), neighbours: ["b"]),
        Item(id: "b", width: 40, height: 20, old: point(60, 0), oldSize: (40, 20), fresh: point(50, 0), neighbours: ["a", "c"]),
        Item(id: "c", width: 40, height: 20, old: point(120, 0), oldSize: (40, 20), fresh: point(100, 0), neighbours: ["b"]),
    ]

    @Test("an entity drawn before stays where it was, even closer to another than the gap")
    func keptStay() {
        var items = Self.row
        items[1].old = Self.point(44, 0)   // 4 pt from a: closer than the 6 pt gap
        let result = KeptPlacement().place(items)
        #expect(result.positions == ["a": Self.point(0, 0), "b": Self.point(44, 0), "c": Self.point(120, 0)])
        #expect(result.moved.isEmpty && result.added.isEmpty)
    }

    @Test("a name that grew into a neighbour moves to the nearest free room; the other stays")
    func grownMoves() {
        var items = Self.row
        items[1].width = 100   // b's name grew: it now overlaps a and c
        let result = KeptPlacement().place(items)
        #expect(result.moved == ["b"])
        #expect(result.positions["a"] == Self.point(0, 0) && result.positions["c"] == Self.point(120, 0))
        let b = try! #require(result.positions["b"])
        #expect(abs(b.y) >= 20 + 6 - 1e-9, "b moved clear of a and c: \(b)")
    }

    @Test("a new entity goes next to its neighbour, where the fresh layout has it, touching nothing")
    func newNextToNeighbour() {
        var items = Self.row
        items.append(Item(id: "d", width: 40, height: 20, fresh: Self.point(100, 40), neighbours: ["c"]))
        let result = KeptPlacement().place(items)
        #expect(result.added == ["d"])
        let d = try! #require(result.positions["d"])
        // c's old place plus the fresh offset (0, 40), scaled by the fit of fresh onto old (1.2).
        #expect(abs(d.x - 120) < 1e-6 && abs(d.y - 48) < 1e-6)
        for other in ["a", "b", "c"] {
            let o = result.positions[other]!
            #expect(abs(o.x - d.x) >= 40 + 6 - 1e-9 || abs(o.y - d.y) >= 20 + 6 - 1e-9)
        }
    }

    @Test("a new entity whose spot is taken goes to the nearest free one, a gap from everything")
    func takenSpot() {
        var items = Self.row
        items.append(Item(id: "d", width: 40, height: 20, fresh: Self.point(50, 0), neighbours: ["b"]))
        let result = KeptPlacement().place(items)
        let d = try! #require(result.positions["d"])
        for other in ["a", "b", "c"] {
            let o = result.positions[other]!
            #expect(abs(o.x - d.x) >= 40 + 6 - 1e-9 || abs(o.y - d.y) >= 20 + 6 - 1e-9, "d at \(d) touches \(other)")
        }
        #expect(d.distance(to: Self.point(60, 0)) < 40, "d stays near b: \(d)")
    }

    @Test("the same items in any order give the same positions", arguments: 0..<10)
    func orderDoesNotMatter(seed: Int) {
        var items = Self.row
        items.append(Item(id: "d", width: 30, height: 20, fresh: Self.point(100, 40), neighbours: ["c"]))
        items.append(Item(id: "e", width: 30, height: 20, fresh: Self.point(110, 45), neighbours: ["c", "d"]))
        items.append(Item(id: "f", width: 30, height: 20, fresh: Self.point(-50, 0)))
        var random = SplitMix64(seed: UInt64(seed))
        let expected = KeptPlacement().place(items)
        #expect(KeptPlacement().place(items.shuffled(using: &random)) == expected)
    }

    @Test("stability: an identical drawing has moved nothing; a shifted and scaled copy neither")
    func stabilityMeasure() throws {
        let old = ["a": Self.point(0, 0), "b": Self.point(100, 0), "c": Self.point(0, 100), "d": Self.point(100, 100)]
        let same = try #require(LayoutStability(old: old, new: old))
        #expect(same.meanDisplacement == 0 && same.movedFar == 0 && same.ordersKept == 1)
        let scaled = try #require(LayoutStability(old: old, new: old.mapValues { Self.point($0.x * 2 + 30, $0.y * 2 - 7) }))
        #expect(scaled.meanDisplacement < 1e-9 && scaled.movedFar == 0 && scaled.ordersKept == 1)
        var oneMoved = old
        oneMoved["a"] = Self.point(150, 50)   // from the top left to the right of b and d
        let moved = try #require(LayoutStability(old: old, new: oneMoved))
        #expect(moved.movedFar > 0 && moved.meanDisplacement > 0 && moved.ordersKept < 1)
    }
}
