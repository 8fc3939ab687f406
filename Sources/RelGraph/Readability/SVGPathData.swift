extension Geometry {
    /// Reads SVG path data (`d`) and point lists (`points`) into polylines.
    ///
    /// Every command of SVG 1.1 is read, absolute and relative: lines, cubic and
    /// quadratic Béziers (smooth forms too) are sampled; an elliptical arc is drawn as
    /// the straight line to its end point (Graphviz writes none). Malformed data ends
    /// the path where it stops making sense, as browsers do.
    public enum SVGPathData {
        /// The subpaths of `d`, each a polyline, curves sampled `samples` times per segment.
        public static func polylines(_ d: String, samples: Int = 16) -> [[Point]] {
            var scanner = NumberScanner(d)
            var paths: [[Point]] = []
            var current: [Point] = []
            var position = Point(x: 0, y: 0), start = position
            var lastControl: Point?  // the second control point of the last cubic (or quadratic) segment
            var command: UInt8 = 0

            func flush() {
                if current.count > 1 { paths.append(current) }
                current = []
            }
            /// The first control point of a smooth curve: the last one mirrored in the current point.
            func reflectedControl() -> Point {
                lastControl.map { Point(x: 2 * position.x - $0.x, y: 2 * position.y - $0.y) } ?? position
            }
            func lineTo(_ p: Point) {
                if current.isEmpty { current.append(position) }
                current.append(p)
                position = p
            }

            while true {
                scanner.skipSeparators()
                if let letter = scanner.commandLetter() {
                    command = letter
                } else if command == 0 || scanner.atEnd {
                    break
                }
                let relative = command >= UInt8(ascii: "a")
                let base = relative ? position : Point(x: 0, y: 0)
                func point() -> Point? {
                    guard let x = scanner.number(), let y = scanner.number() else { return nil }
                    return Point(x: base.x + x, y: base.y + y)
                }
                switch command | 0x20 {
                case UInt8(ascii: "m"):
                    guard let p = point() else { flush(); return paths }
                    flush()
                    position = p
                    start = p
                    current = [p]
                    command = relative ? UInt8(ascii: "l") : UInt8(ascii: "L")  // later pairs are lines
                    lastControl = nil
                case UInt8(ascii: "l"):
                    guard let p = point() else { flush(); return paths }
                    lineTo(p)
                    lastControl = nil
                case UInt8(ascii: "h"):
                    guard let x = scanner.number() else { flush(); return paths }
                    lineTo(Point(x: relative ? position.x + x : x, y: position.y))
                    lastControl = nil
                case UInt8(ascii: "v"):
                    guard let y = scanner.number() else { flush(); return paths }
                    lineTo(Point(x: position.x, y: relative ? position.y + y : y))
                    lastControl = nil
                case UInt8(ascii: "c"), UInt8(ascii: "s"):
                    guard let c1 = command | 0x20 == UInt8(ascii: "s") ? reflectedControl() : point(),
                        let c2 = point(), let end = point()
                    else { flush(); return paths }
                    if current.isEmpty { current.append(position) }
                    current += Bezier.sampleCubic(position, c1, c2, end, samples: samples)
                    position = end
                    lastControl = c2
                case UInt8(ascii: "q"), UInt8(ascii: "t"):
                    guard let c = command | 0x20 == UInt8(ascii: "t") ? reflectedControl() : point(), let end = point()
                    else { flush(); return paths }
                    if current.isEmpty { current.append(position) }
                    current += Bezier.sampleQuadratic(position, c, end, samples: samples)
                    position = end
                    lastControl = c
                case UInt8(ascii: "a"):
                    guard scanner.number() != nil, scanner.number() != nil, scanner.number() != nil,
                        scanner.number() != nil, scanner.number() != nil, let end = point()
                    else { flush(); return paths }
                    lineTo(end)
                    lastControl = nil
                case UInt8(ascii: "z"):
                    if !current.isEmpty { current.append(start) }
                    position = start
                    flush()
                    command = 0
                    lastControl = nil
                default:
                    flush()
                    return paths
                }
            }
            flush()
            return paths
        }

        /// The numbers of a list (separated by spaces or commas).
        public static func numbers(_ list: String) -> [Double] {
            var scanner = NumberScanner(list)
            var out: [Double] = []
            while let x = scanner.number() { out.append(x) }
            return out
        }

        /// The points of a `points` attribute (`polygon`, `polyline`); an odd last number is ignored.
        public static func points(_ list: String) -> [Point] {
            var scanner = NumberScanner(list)
            var out: [Point] = []
            while let x = scanner.number(), let y = scanner.number() { out.append(Point(x: x, y: y)) }
            return out
        }
    }

    /// Reads numbers and command letters of SVG path data.
    struct NumberScanner {
        private let bytes: [UInt8]
        private var i = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { i >= bytes.count }

        mutating func skipSeparators() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x2C || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        /// A command letter at the current position (after separators), consumed.
        mutating func commandLetter() -> UInt8? {
            skipSeparators()
            guard i < bytes.count else { return nil }
            let b = bytes[i] | 0x20
            guard b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z"), b != UInt8(ascii: "e") else { return nil }
            i += 1
            return bytes[i - 1]
        }

        /// The next number (sign, digits, fraction, exponent), or nil.
        mutating func number() -> Double? {
            skipSeparators()
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var digits = 0, dot = false
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x30, b <= 0x39 { digits += 1; i += 1 } else if b == UInt8(ascii: "."), !dot { dot = true; i += 1 } else { break }
            }
            guard digits > 0 else { i = start; return nil }
            if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
                let expStart = j
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
                if j > expStart { i = j }
            }
            return Double(String(decoding: bytes[start..<i], as: UTF8.self))
        }
    }
}
