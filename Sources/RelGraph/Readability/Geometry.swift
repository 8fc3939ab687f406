import Foundation

/// Plane geometry for measuring drawings: points, boxes and segments in drawing
/// coordinates (SVG user units; y grows downwards).
public enum Geometry {}

extension Geometry {
    /// A point in drawing coordinates (SVG user units; y grows downwards).
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }

        /// The distance to `other`.
        public func distance(to other: Point) -> Double {
            ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
        }
    }

    /// An axis-aligned box in drawing coordinates.
    public struct Box: Equatable, Sendable {
        public var minX: Double
        public var minY: Double
        public var maxX: Double
        public var maxY: Double

        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }

        /// The smallest box holding every point (nil for no points).
        public init?(points: some Sequence<Point>) {
            var box: Box?
            for p in points { box = box?.including(p) ?? Box(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y) }
            guard let box else { return nil }
            self = box
        }

        public var width: Double { maxX - minX }
        public var height: Double { maxY - minY }
        public var area: Double { max(0, width) * max(0, height) }
        public var center: Point { Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

        /// This box grown to hold `p`.
        public func including(_ p: Point) -> Box {
            Box(minX: min(minX, p.x), minY: min(minY, p.y), maxX: max(maxX, p.x), maxY: max(maxY, p.y))
        }

        /// The smallest box holding both boxes.
        public func union(_ other: Box) -> Box {
            Box(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
        }

        /// This box grown by `margin` on every side.
        public func inset(by margin: Double) -> Box {
            Box(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
        }

        /// The overlap of the two boxes, or nil when they do not overlap by more than
        /// `tolerance` in both directions (boxes that only touch do not overlap).
        public func intersection(_ other: Box, tolerance: Double = 0) -> Box? {
            let box = Box(minX: max(minX, other.minX), minY: max(minY, other.minY), maxX: min(maxX, other.maxX), maxY: min(maxY, other.maxY))
            return box.width > tolerance && box.height > tolerance ? box : nil
        }

        /// Whether `p` lies in the box (edges included).
        public func contains(_ p: Point) -> Bool {
            p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
        }

        /// The distance from `p` to the box (0 inside).
        public func distance(to p: Point) -> Double {
            let dx = max(minX - p.x, 0, p.x - maxX)
            let dy = max(minY - p.y, 0, p.y - maxY)
            return (dx * dx + dy * dy).squareRoot()
        }
    }

    /// A straight segment between two points.
    public struct Segment: Equatable, Sendable {
        public var a: Point
        public var b: Point

        public init(_ a: Point, _ b: Point) {
            self.a = a
            self.b = b
        }

        /// The segment's length.
        public var length: Double { a.distance(to: b) }

        /// The angle between the two segments' directions, in degrees, 0 to 90.
        public func angle(with other: Segment) -> Double {
            let rx = b.x - a.x, ry = b.y - a.y
            let sx = other.b.x - other.a.x, sy = other.b.y - other.a.y
            let norms = (rx * rx + ry * ry).squareRoot() * (sx * sx + sy * sy).squareRoot()
            guard norms > 0 else { return 90 }
            let cosine = min(1, abs(rx * sx + ry * sy) / norms)
            return acos(cosine) * 180 / .pi
        }

        /// The distance from `p` to the segment.
        public func distance(to p: Point) -> Double {
            let dx = b.x - a.x, dy = b.y - a.y
            let lengthSquared = dx * dx + dy * dy
            guard lengthSquared > 0 else { return a.distance(to: p) }
            let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
            return Point(x: a.x + t * dx, y: a.y + t * dy).distance(to: p)
        }

        /// The point where the two segments cross, or nil when they do not.
        ///
        /// Collinear overlapping segments have no single crossing point and give nil:
        /// two lines drawn on top of each other are counted as parallel lines, not
        /// crossings. A crossing exactly at an end point is reported (the caller
        /// merges the two reports of a crossing at a polyline's vertex).
        public func intersection(with other: Segment) -> Point? {
            let rx = b.x - a.x, ry = b.y - a.y
            let sx = other.b.x - other.a.x, sy = other.b.y - other.a.y
            let denominator = rx * sy - ry * sx
            let scale = max(abs(rx) + abs(ry), 1e-12) * max(abs(sx) + abs(sy), 1e-12)
            guard abs(denominator) > 1e-12 * scale else { return nil }
            let qpx = other.a.x - a.x, qpy = other.a.y - a.y
            let t = (qpx * sy - qpy * sx) / denominator
            let u = (qpx * ry - qpy * rx) / denominator
            guard t >= 0, t <= 1, u >= 0, u <= 1 else { return nil }
            return Point(x: a.x + t * rx, y: a.y + t * ry)
        }
    }
}
