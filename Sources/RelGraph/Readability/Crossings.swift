extension Geometry {
    /// Counts the crossings between drawn lines (edges), after Dunne et al. 2015.
    public enum Crossings {
        /// One drawn line: its polylines and the entities it joins.
        public struct Line: Sendable {
            /// The polylines the line is drawn with (a spline sampled into points).
            public var polylines: [[Point]]
            /// Indexes of the entities it joins (one for a loop, none when unknown).
            public var ends: [Int]

            public init(polylines: [[Point]], ends: [Int]) {
                self.polylines = polylines
                self.ends = ends
            }
        }

        /// One point where two lines cross.
        public struct Crossing: Sendable, Equatable {
            /// The two lines (indexes into the lines measured), the smaller first.
            public var first: Int
            public var second: Int
            /// Where they cross.
            public var at: Point
            /// The angle between them there, in degrees: 0 (touching) to 90 (square).
            public var angle: Double
        }

        /// Crossings at under this angle (degrees) are shallow: two lines that cross
        /// that flat are hard to tell apart and follow (Huang, Hong and Eades 2008).
        public static let shallowAngle = 30.0

        /// The number of points where two different lines cross.
        ///
        /// Each crossing point of a pair of lines counts once (a crossing found on
        /// two adjacent segments, at a polyline's corner, is one). Where two lines
        /// meet at an entity they share, the meeting is not a crossing: points
        /// within `margin` of that entity's box (`entityBoxes[index]`) are ignored.
        /// Lines drawn on top of each other (collinear) do not count as crossing.
        public static func count(_ lines: [Line], entityBoxes: [Box], margin: Double = 6, mergeDistance: Double = 1) -> Int {
            crossings(lines, entityBoxes: entityBoxes, margin: margin, mergeDistance: mergeDistance).count
        }

        /// The crossing points themselves, with the two lines (indexes into `lines`,
        /// the smaller first), sorted by line pair then position.
        public static func crossings(_ lines: [Line], entityBoxes: [Box], margin: Double = 6, mergeDistance: Double = 1) -> [Crossing] {
            struct Piece { var line: Int; var segment: Segment; var box: Box }
            var pieces: [Piece] = []
            for (index, line) in lines.enumerated() {
                for polyline in line.polylines where polyline.count > 1 {
                    for k in 1..<polyline.count {
                        let s = Segment(polyline[k - 1], polyline[k])
                        guard let box = Box(points: [s.a, s.b]) else { continue }
                        pieces.append(Piece(line: index, segment: s, box: box))
                    }
                }
            }
            pieces.sort { ($0.box.minX, $0.line, $0.box.minY) < ($1.box.minX, $1.line, $1.box.minY) }

            // Sweep along x: each piece meets the pieces still open at its left end.
            var found: [Int: [(Point, Double)]] = [:]  // key: first * lines.count + second
            var open: [Int] = []
            for (k, piece) in pieces.enumerated() {
                open.removeAll { pieces[$0].box.maxX < piece.box.minX }
                for j in open {
                    let other = pieces[j]
                    guard other.line != piece.line, other.box.minY <= piece.box.maxY, other.box.maxY >= piece.box.minY,
                        let p = piece.segment.intersection(with: other.segment)
                    else { continue }
                    let (a, b) = (min(piece.line, other.line), max(piece.line, other.line))
                    let nearShared = lines[a].ends.contains { end in
                        end < entityBoxes.count && lines[b].ends.contains(end) && entityBoxes[end].distance(to: p) <= margin
                    }
                    if nearShared { continue }
                    let key = a * lines.count + b
                    if found[key, default: []].contains(where: { $0.0.distance(to: p) <= mergeDistance }) { continue }
                    found[key, default: []].append((p, piece.segment.angle(with: other.segment)))
                }
                open.append(k)
            }
            return found.keys.sorted().flatMap { key in
                found[key]!.sorted { ($0.0.x, $0.0.y) < ($1.0.x, $1.0.y) }.map {
                    Crossing(first: key / lines.count, second: key % lines.count, at: $0.0, angle: $0.1)
                }
            }
        }
    }
}
