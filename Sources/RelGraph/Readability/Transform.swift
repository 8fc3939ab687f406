import Foundation

extension Geometry {
    /// An affine transform as SVG writes it: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
    public struct Transform: Equatable, Sendable {
        public var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

        public init(a: Double = 1, b: Double = 0, c: Double = 0, d: Double = 1, e: Double = 0, f: Double = 0) {
            (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
        }

        public static let identity = Transform()

        /// `self` applied after `inner`: points go through `inner` first.
        public func concatenating(_ inner: Transform) -> Transform {
            Transform(
                a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
                c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
                e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
        }

        public func apply(_ p: Point) -> Point {
            Point(x: a * p.x + c * p.y + e, y: b * p.x + d * p.y + f)
        }

        /// How much lengths grow (the square root of the determinant's size).
        public var scale: Double { abs(a * d - b * c).squareRoot() }

        /// Reads an SVG `transform` attribute (`matrix`, `translate`, `scale`,
        /// `rotate`, `skewX`, `skewY`, in any sequence); unknown parts are skipped.
        public init(svg text: String) {
            var result = Transform.identity
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
                let name = rest[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " ,\t\n"))
                let numbers = SVGPathData.numbers(String(rest[rest.index(after: open)..<close]))
                let n = { (i: Int, fallback: Double) in i < numbers.count ? numbers[i] : fallback }
                var step = Transform.identity
                switch name {
                case "matrix" where numbers.count == 6:
                    step = Transform(a: numbers[0], b: numbers[1], c: numbers[2], d: numbers[3], e: numbers[4], f: numbers[5])
                case "translate": step = Transform(e: n(0, 0), f: n(1, 0))
                case "scale": step = Transform(a: n(0, 1), d: n(1, n(0, 1)))
                case "rotate":
                    let r = n(0, 0) * .pi / 180, cx = n(1, 0), cy = n(2, 0)
                    let rotation = Transform(a: cos(r), b: sin(r), c: -sin(r), d: cos(r))
                    step = Transform(e: cx, f: cy).concatenating(rotation).concatenating(Transform(e: -cx, f: -cy))
                case "skewX": step = Transform(c: tan(n(0, 0) * .pi / 180))
                case "skewY": step = Transform(b: tan(n(0, 0) * .pi / 180))
                default: break
                }
                result = result.concatenating(step)
                rest = rest[rest.index(after: close)...]
            }
            self = result
        }
    }
}
