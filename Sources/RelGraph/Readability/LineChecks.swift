import Foundation

extension Geometry {
    /// An entity as lines are checked against it: its box and the outlines of its
    /// shapes (closed polygons; a point inside any of them is inside the entity).
    public struct Shape: Sendable {
        public var box: Box
        public var outlines: [[Point]]

        public init(box: Box, outlines: [[Point]] = []) {
            self.box = box
            self.outlines = outlines
        }

        /// Whether `p` lies inside the entity, at least `clearance` from its border:
        /// inside one of its outlines, or inside its box when it has none.
        public func holds(_ p: Point, clearance: Double) -> Bool {
            guard box.inset(by: -clearance).contains(p) else { return false }
            if outlines.isEmpty { return true }
            return outlines.contains { outline in
                outline.count >= 3 && LineChecks.contains(outline, p) && LineChecks.distance(from: p, toBorderOf: outline) > clearance
            }
        }
    }

    /// How well the lines of a drawing can be followed: lines that end away from
    /// their entity, lines that run through entities they do not join, and how
    /// crowded the gaps between ranks are. Lengths are in the drawing's units;
    /// callers convert from points.
    public enum LineChecks {
        /// One drawn line: its polylines (sampled splines), its end marks
        /// (arrowheads), and the entities it joins (one for a loop; none when unknown).
        public struct DrawnLine: Sendable {
            public var polylines: [[Point]]
            public var marks: [[Point]]
            public var ends: [Int]

            public init(polylines: [[Point]], marks: [[Point]] = [], ends: [Int]) {
                self.polylines = polylines
                self.marks = marks
                self.ends = ends
            }
        }

        /// A line end that stops away from its entity: loose, and misplaced when it
        /// is nearer another entity than its own.
        public struct MisplacedEnd: Sendable, Equatable {
            /// The line (index) and the entity it should end at.
            public var line: Int
            public var entity: Int
            /// The entity its end is nearer than its own (nil: none is; a loose end only).
            public var nearer: Int?
            /// How far the end is from its own entity, and from the nearer one.
            public var distance: Double
            public var nearerDistance: Double?

            /// Whether the end is nearer another entity than its own.
            public var isMisplaced: Bool { nearer != nil }
        }

        /// A line running through an entity it does not join.
        public struct Passage: Sendable, Equatable {
            public var line: Int
            public var entity: Int

            public init(line: Int, entity: Int) {
                self.line = line
                self.entity = entity
            }
        }

        /// The drawn start and end of a line, each as the points it reaches: the first
        /// or last point of its polylines and every point of the arrowhead there. A
        /// composite arrowhead (a bar behind an arrow, a circle behind that) is taken
        /// whole: the marks touching the end, and those touching them; each mark
        /// belongs to the end it is nearer (a short line's arrowheads would otherwise
        /// carry its other end along).
        public static func drawnEnds(_ line: DrawnLine) -> (start: [Point], end: [Point])? {
            guard let first = line.polylines.first(where: { !$0.isEmpty })?.first,
                  let last = line.polylines.last(where: { !$0.isEmpty })?.last else { return nil }
            let boxes = line.marks.map { Box(points: $0) }
            let side = boxes.map { box -> Int in
                guard let box else { return 0 }
                return box.distance(to: first) <= box.distance(to: last) ? 0 : 1
            }
            func near(_ a: Box, _ b: Box) -> Bool {
                max(a.minX - b.maxX, b.minX - a.maxX, 0) < 1.5 && max(a.minY - b.maxY, b.minY - a.maxY, 0) < 1.5
            }
            func reach(_ p: Point, own: Int) -> [Point] {
                let mine = boxes.indices.filter { side[$0] == own && boxes[$0] != nil }
                var chain = Set(mine.filter { boxes[$0]!.distance(to: p) < 1.5 })
                var grown = true
                while grown {
                    grown = false
                    for index in mine where !chain.contains(index) && chain.contains(where: { near(boxes[$0]!, boxes[index]!) }) {
                        chain.insert(index)
                        grown = true
                    }
                }
                return [p] + chain.sorted().flatMap { line.marks[$0] }
            }
            return (reach(first, own: 0), reach(last, own: 1))
        }

        /// The point of `points` farthest from the first (an arrowhead's tip).
        public static func tip(_ points: [Point]) -> Point? {
            guard let first = points.first else { return nil }
            return points.max { $0.distance(to: first) < $1.distance(to: first) }
        }

        /// The ends of `lines` that stop more than `tolerance` from the entity they
        /// join (loose ends), each with the entity it is nearer, if any (misplaced). A line's drawn ends are matched to its two
        /// entities the way that puts them nearest (Graphviz draws from tail to head,
        /// but arrowheads and `dir` vary); a loop's both ends belong to its entity.
        public static func misplacedEnds(_ lines: [DrawnLine], shapes: [Shape], tolerance: Double) -> [MisplacedEnd] {
            var found: [MisplacedEnd] = []
            for (index, line) in lines.enumerated() {
                guard !line.ends.isEmpty, line.ends.allSatisfy({ $0 < shapes.count }), let (start, end) = drawnEnds(line) else { continue }
                let a = line.ends[0], b = line.ends.count > 1 ? line.ends[1] : line.ends[0]
                // How near an end comes to an entity: its nearest point, arrowhead included.
                func d(_ points: [Point], _ e: Int) -> Double { points.map { shapes[e].box.distance(to: $0) }.min() ?? .infinity }
                let pairs = d(start, a) + d(end, b) <= d(start, b) + d(end, a) ? [(start, a), (end, b)] : [(start, b), (end, a)]
                for (points, entity) in pairs {
                    let own = d(points, entity)
                    guard own > tolerance else { continue }
                    // Nearer another: the end's tip (where a reader sees it stop) is nearer another entity.
                    let p = tip(points) ?? points[0]
                    var nearest: (Int, Double)?
                    for (other, shape) in shapes.enumerated() where other != entity {
                        let distance = shape.box.distance(to: p)
                        if distance < own, distance < nearest?.1 ?? .infinity { nearest = (other, distance) }
                    }
                    found.append(MisplacedEnd(line: index, entity: entity, nearer: nearest?.0, distance: own, nearerDistance: nearest?.1))
                }
            }
            return found
        }

        /// The entities each line runs through without joining them: a point of the
        /// line, more than `trim` along it from either end, lies inside the entity
        /// more than `clearance` from its border. Sampled every `step` along the line.
        public static func passages(_ lines: [DrawnLine], shapes: [Shape], trim: Double, clearance: Double, step: Double = 1) -> [Passage] {
            var found: [Passage] = []
            for (index, line) in lines.enumerated() {
                let total = line.polylines.reduce(0) { $0 + length(of: $1) }
                guard total > 2 * trim else { continue }
                let points = line.polylines.flatMap { $0 }
                guard let reach = Box(points: points) else { continue }
                let candidates = shapes.indices.filter { index in
                    let b = shapes[index].box
                    return !line.ends.contains(index) && b.minX <= reach.maxX && b.maxX >= reach.minX && b.minY <= reach.maxY && b.maxY >= reach.minY
                }
                guard !candidates.isEmpty else { continue }
                var hit = Set<Int>()
                var travelled = 0.0
                for polyline in line.polylines where polyline.count > 1 {
                    for k in 1..<polyline.count {
                        let segment = Segment(polyline[k - 1], polyline[k])
                        let length = segment.length
                        defer { travelled += length }
                        guard length > 0 else { continue }
                        var t = 0.0
                        while t <= length {
                            let along = travelled + t
                            if along >= trim, along <= total - trim {
                                let p = Point(x: segment.a.x + (segment.b.x - segment.a.x) * t / length,
                                              y: segment.a.y + (segment.b.y - segment.a.y) * t / length)
                                for entity in candidates where !hit.contains(entity) && shapes[entity].holds(p, clearance: clearance) {
                                    hit.insert(entity)
                                }
                            }
                            t += step
                        }
                    }
                }
                found += hit.sorted().map { Passage(line: index, entity: $0) }
            }
            return found
        }

        /// The length of a polyline.
        public static func length(of polyline: [Point]) -> Double {
            guard polyline.count > 1 else { return 0 }
            return (1..<polyline.count).reduce(0) { $0 + polyline[$1 - 1].distance(to: polyline[$1]) }
        }

        // MARK: Gaps between ranks

        /// The free space between two neighbouring ranks of entities, and the lines
        /// that cross it.
        public struct Gap: Sendable, Equatable {
            /// Whether ranks are columns (`x`: entities of a rank share their centre's
            /// x, as `dot` draws left to right) or rows (`y`).
            public var axis: Axis
            /// Where the gap starts and ends along that axis.
            public var from: Double
            public var to: Double
            /// Lines crossing its middle.
            public var lines: Int

            public init(axis: Axis, from: Double, to: Double, lines: Int) {
                self.axis = axis
                self.from = from
                self.to = to
                self.lines = lines
            }

            /// Its width (at least 1, so that lines per unit stay finite).
            public var width: Double { max(1, to - from) }
            /// Lines per unit of width: the higher, the more crowded.
            public var crowding: Double { Double(lines) / width }
        }

        public enum Axis: String, Sendable { case x, y }

        /// The gaps between ranks, in each connected part of the drawing (entities
        /// joined by lines) whose entities stand in ranks: their centres share a
        /// coordinate (within `alignment`) in columns or rows, at least two entities
        /// a rank on average (the axis with fewer ranks is taken). Parts laid out by
        /// a force-directed engine have no ranks and no gaps. A line crosses a gap
        /// when its points (arrowheads included) lie on both sides of its middle.
        public static func rankGaps(_ lines: [DrawnLine], shapes: [Shape], alignment: Double = 0.5) -> [Gap] {
            // Connected parts, by the lines' ends.
            var parent = Array(shapes.indices)
            func root(_ i: Int) -> Int {
                var i = i
                while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
                return i
            }
            for line in lines where line.ends.allSatisfy({ $0 < shapes.count }) {
                for end in line.ends.dropFirst() { parent[root(end)] = root(line.ends[0]) }
            }
            var parts: [Int: [Int]] = [:]
            for index in shapes.indices where shapes[index].box.minX.isFinite { parts[root(index), default: []].append(index) }
            var linesOf: [Int: [Int]] = [:]
            for (index, line) in lines.enumerated() {
                if let first = line.ends.first, first < shapes.count { linesOf[root(first), default: []].append(index) }
            }

            var gaps: [Gap] = []
            for key in parts.keys.sorted() {
                let members = parts[key]!
                guard members.count >= 4 else { continue }
                func ranks(_ axis: Axis) -> [[Int]] {
                    let order = members.sorted { (center(shapes[$0], axis), $0) < (center(shapes[$1], axis), $1) }
                    var groups: [[Int]] = []
                    for index in order {
                        if let last = groups.last?.last, abs(center(shapes[last], axis) - center(shapes[index], axis)) <= alignment {
                            groups[groups.count - 1].append(index)
                        } else {
                            groups.append([index])
                        }
                    }
                    return groups
                }
                let byX = ranks(.x), byY = ranks(.y)
                let (axis, groups) = byX.count <= byY.count ? (Axis.x, byX) : (Axis.y, byY)
                guard groups.count >= 2, groups.count * 2 <= members.count else { continue }
                let partLines = (linesOf[key] ?? []).map { lines[$0] }
                for k in 1..<groups.count {
                    let from = groups[k - 1].map { high(shapes[$0].box, axis) }.max()!
                    let to = groups[k].map { low(shapes[$0].box, axis) }.min()!
                    let middle = (from + to) / 2
                    let crossing = partLines.count { line in
                        let values = (Array(line.polylines.joined()) + Array(line.marks.joined())).map { coordinate($0, axis) }
                        return values.contains { $0 < middle } && values.contains { $0 > middle }
                    }
                    gaps.append(Gap(axis: axis, from: from, to: to, lines: crossing))
                }
            }
            return gaps
        }

        private static func coordinate(_ p: Point, _ axis: Axis) -> Double { axis == .x ? p.x : p.y }
        private static func center(_ shape: Shape, _ axis: Axis) -> Double { coordinate(shape.box.center, axis) }
        private static func low(_ box: Box, _ axis: Axis) -> Double { axis == .x ? box.minX : box.minY }
        private static func high(_ box: Box, _ axis: Axis) -> Double { axis == .x ? box.maxX : box.maxY }

        // MARK: Polygons

        /// Whether `p` lies inside the closed polygon `outline` (even-odd rule).
        public static func contains(_ outline: [Point], _ p: Point) -> Bool {
            var inside = false
            var j = outline.count - 1
            for i in outline.indices {
                let a = outline[i], b = outline[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
            return inside
        }

        /// The distance from `p` to the border of the closed polygon `outline`.
        public static func distance(from p: Point, toBorderOf outline: [Point]) -> Double {
            var best = Double.infinity
            var j = outline.count - 1
            for i in outline.indices {
                best = min(best, Segment(outline[j], outline[i]).distance(to: p))
                j = i
            }
            return best
        }

        /// A closed polygon of `sides` points around the ellipse centred at
        /// (`cx`, `cy`) with radii `rx`, `ry`.
        public static func ellipse(cx: Double, cy: Double, rx: Double, ry: Double, sides: Int = 24) -> [Point] {
            (0..<sides).map { k in
                let angle = Double(k) * 2 * .pi / Double(sides)
                return Point(x: cx + rx * cos(angle), y: cy + ry * sin(angle))
            }
        }
    }
}
