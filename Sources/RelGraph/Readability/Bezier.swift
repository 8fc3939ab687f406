extension Geometry {
    /// Sampling of Bézier curves into polylines.
    public enum Bezier {
        /// The points of the cubic Bézier `p0 p1 p2 p3` at `samples` equal steps of
        /// its parameter, without `p0` and with `p3`.
        public static func sampleCubic(_ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point, samples: Int) -> [Point] {
            let n = max(samples, 1)
            return (1...n).map { i in
                let t = Double(i) / Double(n), s = 1 - t
                let a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t, d = t * t * t
                return Point(x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y)
            }
        }

        /// The points of the quadratic Bézier `p0 p1 p2`, as ``sampleCubic(_:_:_:_:samples:)``.
        public static func sampleQuadratic(_ p0: Point, _ p1: Point, _ p2: Point, samples: Int) -> [Point] {
            let c1 = Point(x: p0.x + 2 * (p1.x - p0.x) / 3, y: p0.y + 2 * (p1.y - p0.y) / 3)
            let c2 = Point(x: p2.x + 2 * (p1.x - p2.x) / 3, y: p2.y + 2 * (p1.y - p2.y) / 3)
            return sampleCubic(p0, c1, c2, p2, samples: samples)
        }
    }
}
