/// How much a drawing moved from an earlier drawing of the same network: the
/// measures of Bridgeman and Tamassia ("Difference metrics for interactive
/// orthogonal graph drawing algorithms", 1998) that a reader of two versions feels.
///
/// Only entities in both drawings count. The new drawing is first aligned to the
/// old one for shift and scale (least squares over the shared entities' centres;
/// no rotation), so that a drawing that only grew or moved on the page as a whole
/// counts as unmoved. Distances are shares of the old drawing's diagonal (the box
/// around its shared entities' centres).
public struct LayoutStability: Sendable, Equatable, Codable {
    /// Entities in both drawings.
    public var shared: Int
    /// Mean distance an entity moved, as a share of the diagonal (0.157 = 15.7 %).
    public var meanDisplacement: Double
    /// Share of the shared entities that moved more than a tenth of the diagonal.
    public var movedFar: Double
    /// Share of left/right and above/below orders between pairs of shared entities
    /// that the new drawing keeps (each pair counts twice: once per axis; a pair
    /// level within ``levelTolerance`` on an axis keeps its order when it is level
    /// or in either order in the other drawing).
    public var ordersKept: Double

    /// Points within which two centres count as level on an axis.
    public static let levelTolerance = 2.0

    /// Creates the measures directly.
    public init(shared: Int, meanDisplacement: Double, movedFar: Double, ordersKept: Double) {
        self.shared = shared
        self.meanDisplacement = meanDisplacement
        self.movedFar = movedFar
        self.ordersKept = ordersKept
    }

    /// The measures between `old` and `new` centres, by entity id. `nil` when they
    /// share fewer than two entities (nothing to compare).
    public init?(old: [String: Geometry.Point], new: [String: Geometry.Point]) {
        let ids = old.keys.filter { new[$0] != nil }.sorted()
        guard ids.count >= 2 else { return nil }
        let before = ids.map { old[$0]! }, after = ids.map { new[$0]! }
        let fit = SimilarityFit(from: after, to: before)
        let aligned = after.map(fit.apply)
        guard let box = Geometry.Box(points: before) else { return nil }
        let diagonal = max(1, (box.width * box.width + box.height * box.height).squareRoot())
        var total = 0.0, far = 0
        for (a, b) in zip(aligned, before) {
            let moved = a.distance(to: b) / diagonal
            total += moved
            if moved > 0.1 { far += 1 }
        }
        var kept = 0, pairs = 0
        for i in ids.indices {
            for j in ids.indices where j > i {
                for axis in [\Geometry.Point.x, \Geometry.Point.y] {
                    pairs += 1
                    let was = Self.order(before[i][keyPath: axis] - before[j][keyPath: axis])
                    let now = Self.order(aligned[i][keyPath: axis] - aligned[j][keyPath: axis])
                    if was == now || was == 0 || now == 0 { kept += 1 }
                }
            }
        }
        self.init(shared: ids.count, meanDisplacement: total / Double(ids.count), movedFar: Double(far) / Double(ids.count),
                  ordersKept: Double(kept) / Double(pairs))
    }

    private static func order(_ difference: Double) -> Int {
        abs(difference) <= levelTolerance ? 0 : difference < 0 ? -1 : 1
    }
}

/// The shift and uniform scale that best map one set of points onto another
/// (least squares; no rotation): `to ≈ scale × from + shift`.
public struct SimilarityFit: Sendable, Equatable {
    public var scale: Double
    public var shift: Geometry.Point

    /// The fit of `from` onto `to` (pairs in order). With fewer than two distinct
    /// points in `from`, the scale is 1 and the centres are matched.
    public init(from: [Geometry.Point], to: [Geometry.Point]) {
        let count = Double(max(1, min(from.count, to.count)))
        let pairs = Array(zip(from, to))
        let fromCentre = Geometry.Point(x: pairs.map(\.0.x).reduce(0, +) / count, y: pairs.map(\.0.y).reduce(0, +) / count)
        let toCentre = Geometry.Point(x: pairs.map(\.1.x).reduce(0, +) / count, y: pairs.map(\.1.y).reduce(0, +) / count)
        var dot = 0.0, norm = 0.0
        for (a, b) in pairs {
            let ax = a.x - fromCentre.x, ay = a.y - fromCentre.y
            dot += ax * (b.x - toCentre.x) + ay * (b.y - toCentre.y)
            norm += ax * ax + ay * ay
        }
        scale = norm > 1e-9 && dot > 0 ? dot / norm : 1
        shift = Geometry.Point(x: toCentre.x - scale * fromCentre.x, y: toCentre.y - scale * fromCentre.y)
    }

    /// `point` mapped.
    public func apply(_ point: Geometry.Point) -> Geometry.Point {
        Geometry.Point(x: scale * point.x + shift.x, y: scale * point.y + shift.y)
    }
}
