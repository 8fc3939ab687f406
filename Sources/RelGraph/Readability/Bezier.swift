extension Geometry {
    /// Sampling of Bézier curves into polylines.
    public enum Bezier {
        /// The points of the cubic Bézier `p0 p1 p2 p3` at `samples` equal steps of
        /// its parameter, without `p0` and with `p3`. A straight curve (control
        /// points within 0.01 of the chord, as Graphviz writes straight lines) is
        /// just `[p3]`.
        public static func sampleCubic(_ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point, samples: Int) -> [Point] {
            if isStraight(p0, p1, p2, p3) { return [p3] }
            let n = max(samples, 1)
            return (1...n).map { i in
                let t = Double(i) / Double(n), s = 1 - t
                let a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t, d = t * t * t
                return Point(x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y)
            }
        }

        /// Whether the control points lie on the segment `p0 p3` (within 0.01).
        static func isStraight(_ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point) -> Bool {
            let dx = p3.x - p0.x, dy = p3.y - p0.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 1e-9 else { return p1.distance(to: p0) < 0.01 && p2.distance(to: p0) < 0.01 }
            func onChord(_ p: Point) -> Bool {
                let along = ((p.x - p0.x) * dx + (p.y - p0.y) * dy) / length
                let across = abs((p.x - p0.x) * dy - (p.y - p0.y) * dx) / length
                return across < 0.01 && along >= -0.01 && along <= length + 0.01
            }
            return onChord(p1) && onChord(p2)
        }

        /// The points of the quadratic Bézier `p0 p1 p2`, as ``sampleCubic(_:_:_:_:samples:)``.
        public static func sampleQuadratic(_ p0: Point, _ p1: Point, _ p2: Point, samples: Int) -> [Point] {
            let c1 = Point(x: p0.x + 2 * (p1.x - p0.x) / 3, y: p0.y + 2 * (p1.y - p0.y) / 3)
            let c2 = Point(x: p2.x + 2 * (p1.x - p2.x) / 3, y: p2.y + 2 * (p1.y - p2.y) / 3)
            return sampleCubic(p0, c1, c2, p2, samples: samples)
        }
    }
}
