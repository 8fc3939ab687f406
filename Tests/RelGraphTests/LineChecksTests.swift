import Foundation
import Testing
import RelGraph

private typealias P = Geometry.Point
private typealias LineChecks = Geometry.LineChecks

private func box(_ x: Double, _ y: Double, _ w: Double = 20, _ h: Double = 10) -> Geometry.Shape {
    Geometry.Shape(box: Geometry.Box(minX: x, minY: y, maxX: x + w, maxY: y + h))
}

/// The measures of whether lines can be followed (`relgraph measure`, the page fit),
/// each on a drawing small enough to count by hand.
@Suite("Lines a reader can follow: misplaced ends, lines through entities, shallow crossings, crowded gaps")
struct LineChecksTests {
    @Test("an end more than 3 pt from its entity and nearer another is misplaced; short of its own, nearest it, is not")
    func misplacedEnds() {
        // A at 0…20, B and C stacked at x 100…120, y 0…10 and 14…24.
        let shapes = [box(0, 0), box(100, 0), box(100, 14)]
        // To B, but ending between B and C, nearer C (y 13.5: 3.5 from B, 0.5 from C).
        let wrong = LineChecks.DrawnLine(polylines: [[P(x: 20, y: 5), P(x: 100, y: 13.5)]], ends: [0, 1])
        // To B, ending 5 pt short of it, nearest B all the same.
        let short = LineChecks.DrawnLine(polylines: [[P(x: 20, y: 5), P(x: 95, y: 5)]], ends: [0, 1])
        // To C, ending on it.
        let right = LineChecks.DrawnLine(polylines: [[P(x: 20, y: 5), P(x: 100, y: 19)]], ends: [0, 2])
        let found = LineChecks.misplacedEnds([wrong, short, right], shapes: shapes, tolerance: 3)
        #expect(found.filter(\.isMisplaced).map(\.line) == [0])
        #expect(found.first?.entity == 1 && found.first?.nearer == 2)
        // The short one is loose (5 pt off), not misplaced.
        #expect(found.map(\.line) == [0, 1] && found[1].nearer == nil && abs(found[1].distance - 5) < 1e-9)
        // Drawn head to tail (dir=back): the ends are matched the near way round.
        let reversed = LineChecks.DrawnLine(polylines: [[P(x: 100, y: 19), P(x: 20, y: 5)]], ends: [0, 2])
        #expect(LineChecks.misplacedEnds([reversed], shapes: shapes, tolerance: 3).isEmpty)
    }

    @Test("an arrowhead carries a line's end on to its tip")
    func arrowheads() {
        let shapes = [box(0, 0), box(100, 0), box(90, 30)]
        // The spline stops at x 92, 8 pt short of B; the arrowhead (touching it) reaches B at x 100.
        let line = LineChecks.DrawnLine(polylines: [[P(x: 20, y: 5), P(x: 92, y: 5)]],
                                        marks: [[P(x: 92, y: 2), P(x: 100, y: 5), P(x: 92, y: 8)]], ends: [0, 1])
        #expect(LineChecks.drawnEnds(line).flatMap { LineChecks.tip($0.end) } == P(x: 100, y: 5))
        #expect(LineChecks.misplacedEnds([line], shapes: shapes, tolerance: 3).isEmpty)
    }

    @Test("a line through an entity it does not join counts once; its ends' first and last 8 pt and an ellipse's box corners do not")
    func passages() {
        var shapes = [box(0, 0), box(200, 0), box(90, 0)]
        // Round entity: an ellipse at 140…160, y 20…40, whose box corner the line grazes.
        let round = LineChecks.ellipse(cx: 150, cy: 30, rx: 10, ry: 10)
        shapes.append(Geometry.Shape(box: Geometry.Box(minX: 140, minY: 20, maxX: 160, maxY: 40), outlines: [round]))
        let through = LineChecks.DrawnLine(polylines: [[P(x: 20, y: 5), P(x: 200, y: 5)]], ends: [0, 1])
        #expect(LineChecks.passages([through], shapes: shapes, trim: 8, clearance: 1) == [.init(line: 0, entity: 2)])
        // Through the ellipse's box corner (143, 22), outside the ellipse itself.
        let corner = LineChecks.DrawnLine(polylines: [[P(x: 120, y: 22), P(x: 143, y: 22), P(x: 143, y: 0)]], ends: [])
        #expect(LineChecks.passages([corner], shapes: shapes, trim: 8, clearance: 1).isEmpty)
        // Ending 5 pt inside an entity (within the last 8 pt) is not passing through it.
        let into = LineChecks.DrawnLine(polylines: [[P(x: 20, y: 5), P(x: 95, y: 5)]], ends: [0, 1])
        #expect(LineChecks.passages([into], shapes: shapes, trim: 8, clearance: 1).isEmpty)
        // Skimming along an entity's border (within 1 pt) is not passing through it.
        let skim = LineChecks.DrawnLine(polylines: [[P(x: 60, y: 10.5), P(x: 130, y: 10.5)]], ends: [])
        #expect(LineChecks.passages([skim], shapes: shapes, trim: 8, clearance: 1).isEmpty)
    }

    @Test("a crossing's angle: under 30° is shallow")
    func shallowCrossings() {
        let boxes = [box(-50, -50, 1, 1), box(50, 50, 1, 1), box(-50, 50, 1, 1), box(50, -50, 1, 1)].map(\.box)
        let flat = Geometry.Crossings.Line(polylines: [[P(x: -50, y: 0), P(x: 50, y: 0)]], ends: [0, 1])
        let steep = Geometry.Crossings.Line(polylines: [[P(x: 0, y: -50), P(x: 0, y: 50)]], ends: [2, 3])
        let slight = Geometry.Crossings.Line(polylines: [[P(x: -50, y: -10), P(x: 50, y: 10)]], ends: [2, 3])
        let square = Geometry.Crossings.crossings([flat, steep], entityBoxes: boxes)
        #expect(square.count == 1 && abs(square[0].angle - 90) < 1e-9)
        let low = Geometry.Crossings.crossings([flat, slight], entityBoxes: boxes)
        #expect(low.count == 1 && abs(low[0].angle - atan(0.2) * 180 / .pi) < 1e-9 && low[0].angle < Geometry.Crossings.shallowAngle)
    }

    @Test("gaps between ranks: the lines crossing each, per point of its width; none without ranks")
    func gaps() {
        // Two columns of three (centres at x 10 and 110), 80 pt apart; five lines across, one connected part.
        let left = [box(0, 0), box(0, 20), box(0, 40)], right = [box(100, 0), box(100, 20), box(100, 40)]
        let shapes = left + right
        let lines = [(0, 3), (0, 4), (1, 5), (1, 3), (2, 3)].map { a, b in
            LineChecks.DrawnLine(polylines: [[shapes[a].box.center, shapes[b].box.center]], ends: [a, b])
        }
        let gaps = LineChecks.rankGaps(lines, shapes: shapes)
        #expect(gaps == [LineChecks.Gap(axis: .x, from: 20, to: 100, lines: 5)])
        #expect(abs(gaps[0].crowding - 5.0 / 80) < 1e-12)
        // A part of two entities has no ranks to speak of.
        #expect(LineChecks.rankGaps([lines[2]], shapes: shapes).isEmpty)
        // Scattered entities (no two share a centre line) stand in no ranks.
        let scattered = (0..<6).map { box(Double($0) * 37, Double($0 * $0) * 11) }
        let chain = (1..<6).map { LineChecks.DrawnLine(polylines: [[scattered[$0 - 1].box.center, scattered[$0].box.center]], ends: [$0 - 1, $0]) }
        #expect(LineChecks.rankGaps(chain, shapes: scattered).isEmpty)
    }
}
