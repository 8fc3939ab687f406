import Foundation
import RelGraph

/// Measures how readable a Graphviz drawing is (after Dunne et al. 2015): edge
/// crossings, parallel lines, overlapping labels and entities, aspect ratio, and
/// the size of entity text when the drawing is fitted to a page or a screen.
///
/// Reads any SVG Graphviz writes: relgraph's (prefixed ids, `class="node …"` and
/// `class="edge …"` groups) and plain `dot -Tsvg`. Groups whose class or id names
/// a legend or caption are left out. Pure geometry, deterministic, and quick
/// (milliseconds for a 100-entity drawing), so it can rank candidate layouts.
///
/// How each number is found:
/// - a line's ends are the entities its classes name (`t-A t-B`, matched to the
///   entities' `n-A`; relgraph), or its title names (`a->b`, `a--b`, plain
///   Graphviz), or else the entities nearest to its spline's two ends;
/// - a misplaced end stops more than ``misplacedEndTolerance`` pt from the entity
///   its line joins and nearer another; a line passes through an entity it does
///   not join when, more than ``passageTrim`` pt from its ends, it runs more than
///   ``passageClearance`` pt inside that entity's outline; a crossing is shallow
///   under ``Geometry/Crossings/shallowAngle`` degrees; the most crowded gap is
///   the gap between neighbouring ranks (entities whose centres line up in
///   columns or rows) crossed by the most lines per point of its width;
/// - splines are sampled 16 times per Bézier segment; crossings of two lines
///   count once per point; meetings within ``crossingMargin`` pt of an entity both
///   lines join are not crossings;
/// - text boxes are estimated with DejaVu Sans advance widths (no font is
///   loaded), 1.2 × the font size high, respecting `text-anchor`; entity boxes
///   are the bounds of their shapes; boxes overlapping by less than
///   ``overlapTolerance`` in either direction do not overlap.
public enum Readability {
    /// The screen column the drawing is shown in by default: 880 px, the README's width on GitHub.
    public static let screenColumn = 880.0
    /// Meetings of two lines this close (in layout points, before Graphviz scales a
    /// drawing to a `size`) to an entity both join are not crossings.
    public static let crossingMargin = 12.0
    /// Overlaps smaller than this (in the drawing's units) in either direction are ignored.
    public static let overlapTolerance = 0.5

    /// Why an SVG could not be measured.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notSVG(String)
        case noSize
        case outOfRange(Double)

        public var description: String {
            switch self {
            case .outOfRange(let limit): "a coordinate or font size is not a number or beyond ±\(Int(limit)); this is not a drawing Graphviz makes"
            case .unreadable(let why): "not readable XML (\(why)); measure an SVG file written by Graphviz or relgraph"
            case .notSVG(let root): "the root element is <\(root)>, not <svg>; measure an SVG file"
            case .noSize: "the SVG has no usable size (a viewBox, or a width and height, greater than 0 and finite); cannot tell the drawing's size"
            }
        }
    }

    /// Measures the SVG drawing `svg` fitted to `page` and shown in a `screenColumn` px wide column.
    public static func measure(svg: Data, page: PageSize = .a4, screenColumn: Double = Readability.screenColumn) throws(Error) -> ReadabilityReport {
        let drawing = try DrawingReader().read(svg)
        return measure(drawing, page: page, screenColumn: screenColumn)
    }

    package static func measure(_ drawing: Drawing, page: PageSize, screenColumn: Double) -> ReadabilityReport {
        let ends = lineEnds(drawing)
        let crossingPoints = crossingList(drawing, ends: ends)
        let crossings = crossingPoints.count
        let shallow = crossingPoints.count { $0.angle < Geometry.Crossings.shallowAngle }
        let follow = lineChecks(drawing, ends: ends)

        // Parallel lines: k lines between one unordered pair of entities are k − 1 extra.
        var pairs: [[Int]: Int] = [:]
        for end in ends where !end.isEmpty { pairs[end.sorted(), default: 0] += 1 }
        let parallel = pairs.values.reduce(0) { $0 + $1 - 1 }

        // Overlaps.
        var labelEntity = 0, labelLabel = 0, entityEntity = 0
        let placed = drawing.entities.compactMap(\.box)
        for line in drawing.lines {
            labelEntity += placed.count { entity in line.labels.contains { $0.box.intersection(entity, tolerance: overlapTolerance) != nil } }
        }
        for i in drawing.lines.indices {
            for j in drawing.lines.indices where j > i {
                let overlapping = drawing.lines[i].labels.contains { a in
                    drawing.lines[j].labels.contains { $0.box.intersection(a.box, tolerance: overlapTolerance) != nil }
                }
                if overlapping { labelLabel += 1 }
            }
        }
        for i in placed.indices {
            for j in placed.indices where j > i && placed[i].intersection(placed[j], tolerance: overlapTolerance) != nil {
                entityEntity += 1
            }
        }

        // Sizes.
        let widthPt = drawing.widthPoints, heightPt = drawing.heightPoints
        let pageScale = min(page.width / widthPt, page.height / heightPt)
        let screenScale = min(1, screenColumn / (widthPt * 4 / 3))
        let entityTexts = drawing.entities.flatMap(\.texts)
        let smallest = entityTexts.map(\.fontSize).min().map { $0 * drawing.pointsPerUnit }
        let nameSizes = drawing.entities.compactMap { $0.texts.map(\.fontSize).max() }.sorted()
        let median: Double? =
            nameSizes.isEmpty ? nil : (nameSizes[(nameSizes.count - 1) / 2] + nameSizes[nameSizes.count / 2]) / 2 * drawing.pointsPerUnit
        // Areas are added smallest first so that the sum does not depend on the SVG's order.
        let nameArea = drawing.entities.flatMap { entity -> [Double] in
            guard let size = entity.texts.map(\.fontSize).max() else { return [] }
            return entity.texts.filter { $0.fontSize == size }.map(\.box.area)
        }.sorted().reduce(0, +)
        let entityArea = placed.map(\.area).sorted().reduce(0, +)
        let area = drawing.width * drawing.height
        return ReadabilityReport(
            entities: drawing.entities.count, edges: drawing.lines.count, crossings: crossings, parallelLines: parallel,
            labelEntityOverlaps: labelEntity, labelLabelOverlaps: labelLabel, entityOverlaps: entityEntity,
            width: widthPt, height: heightPt, page: page.description, pageScale: pageScale,
            smallestEntityTextOnPage: smallest.map { $0 * pageScale }, medianNameOnPage: median.map { $0 * pageScale },
            screenColumn: screenColumn, screenScale: screenScale,
            smallestEntityTextOnScreen: smallest.map { $0 * 4 / 3 * screenScale }, medianNameOnScreen: median.map { $0 * 4 / 3 * screenScale },
            nameCoverage: area > 0 ? nameArea / area : 0, entityCoverage: area > 0 ? entityArea / area : 0,
            misplacedEnds: follow.misplaced.count { $0.isMisplaced }, looseEnds: follow.misplaced.count, linesThroughEntities: Set(follow.passages.map(\.line)).count,
            shallowCrossings: shallow,
            crowdedGap: follow.gap.map { ReadabilityReport.Gap(lines: $0.lines, width: $0.width * drawing.pointsPerUnit) })
    }

    /// A misplaced end is this far (points) from its entity at least.
    public static let misplacedEndTolerance = 3.0
    /// A line's first and last points this long (points) are not checked for passing through entities.
    public static let passageTrim = 8.0
    /// A line passes through an entity when it runs this far (points) inside its border.
    public static let passageClearance = 1.0

    /// The misplaced ends, the lines through entities, and the most crowded gap
    /// between ranks (``Geometry/LineChecks``), with lengths in points.
    package static func lineChecks(_ drawing: Drawing, ends: [[Int]])
        -> (misplaced: [Geometry.LineChecks.MisplacedEnd], passages: [Geometry.LineChecks.Passage], gap: Geometry.LineChecks.Gap?) {
        let perUnit = drawing.pointsPerUnit > 0 ? drawing.pointsPerUnit : 1
        let lines = zip(drawing.lines, ends).map { Geometry.LineChecks.DrawnLine(polylines: $0.polylines, marks: $0.marks, ends: $1) }
        let hidden = Geometry.Box(minX: .infinity, minY: .infinity, maxX: .infinity, maxY: .infinity)
        let shapes = drawing.entities.map { Geometry.Shape(box: $0.box ?? hidden, outlines: $0.outlines) }
        let misplaced = Geometry.LineChecks.misplacedEnds(lines, shapes: shapes, tolerance: misplacedEndTolerance / perUnit)
        let passages = Geometry.LineChecks.passages(lines, shapes: shapes, trim: passageTrim / perUnit, clearance: passageClearance / perUnit,
                                                    step: 1 / perUnit)
        let gap = Geometry.LineChecks.rankGaps(lines, shapes: shapes).max { ($0.crowding, -$0.from) < ($1.crowding, -$1.from) }
        return (misplaced, passages, gap)
    }

    /// The entities each line joins: named by its title (`tail->head`,
    /// `tail--head`, ports after `:` ignored) when both names are entity titles,
    /// else the entities nearest to the two ends of its spline.
    package static func lineEnds(_ drawing: Drawing) -> [[Int]] {
        var byTitle: [String: Int] = [:], byToken: [String: Int] = [:]
        for (index, entity) in drawing.entities.enumerated() {
            if byTitle[entity.title] == nil { byTitle[entity.title] = index }
            if let token = entity.token, byToken[token] == nil { byToken[token] = index }
        }
        let placed = drawing.entities.indices.compactMap { index in drawing.entities[index].box.map { (index, $0) } }
        return drawing.lines.map { line in
            tokenEnds(line, byToken: byToken) ?? titledEnds(line.title, byTitle: byTitle) ?? nearestEnds(line, placed: placed)
        }
    }

    /// The ends relgraph's SVG names in a line's `t-TOKEN` classes (one for a loop).
    private static func tokenEnds(_ line: Drawing.Line, byToken: [String: Int]) -> [Int]? {
        guard !line.endTokens.isEmpty else { return nil }
        let ends = line.endTokens.compactMap { byToken[$0] }
        guard ends.count == line.endTokens.count else { return nil }
        return ends.count == 1 ? [ends[0], ends[0]] : ends
    }

    private static func titledEnds(_ title: String, byTitle: [String: Int]) -> [Int]? {
        for separator in ["->", "--"] {
            guard let range = title.range(of: separator) else { continue }
            let parts = [String(title[..<range.lowerBound]), String(title[range.upperBound...])]
            let ends = parts.compactMap { part in byTitle[part] ?? part.split(separator: ":").first.flatMap { byTitle[String($0)] } }
            if ends.count == 2 { return ends }
        }
        return nil
    }

    private static func nearestEnds(_ line: Drawing.Line, placed: [(Int, Geometry.Box)]) -> [Int] {
        guard let first = line.polylines.first?.first, let last = line.polylines.last?.last else { return [] }
        let marks = line.marks.compactMap { mark in Geometry.Box(points: mark).map { (mark, $0) } }
        return [first, last].compactMap { end in
            // An arrowhead touching the spline's end reaches on to the entity: its far point is the end.
            var p = end
            for (mark, box) in marks where box.distance(to: end) < 1 {
                if let tip = mark.max(by: { $0.distance(to: end) < $1.distance(to: end) }), tip.distance(to: end) > p.distance(to: end) { p = tip }
            }
            return placed.min { ($0.1.distance(to: p), $0.0) < ($1.1.distance(to: p), $1.0) }?.0
        }
    }
}

extension Readability {
    /// The crossings of `svg`'s lines with the titles of the two lines, for
    /// checking a count against the picture.
    package static func crossingPoints(svg: Data) throws(Error) -> [(first: String, second: String, at: Geometry.Point)] {
        let drawing = try DrawingReader().read(svg)
        return crossingList(drawing, ends: lineEnds(drawing)).map {
            (drawing.lines[$0.first].title, drawing.lines[$0.second].title, $0.at)
        }
    }

    private static func crossingList(_ drawing: Drawing, ends: [[Int]]) -> [Geometry.Crossings.Crossing] {
        // An entity without a shape has no box: nothing is near it.
        let entityBoxes = drawing.entities.map { $0.box ?? Geometry.Box(minX: .infinity, minY: .infinity, maxX: .infinity, maxY: .infinity) }
        let lines = zip(drawing.lines, ends).map { Geometry.Crossings.Line(polylines: $0.polylines, ends: $1) }
        return Geometry.Crossings.crossings(lines, entityBoxes: entityBoxes, margin: crossingMargin * drawing.layoutScale)
    }
}

extension Readability {
    /// The ids of the lines whose labels overlap an entity or another line's label.
    package static func linesWithOverlappingLabels(_ drawing: Drawing) -> Set<String> {
        let placed = drawing.entities.compactMap(\.box)
        var found = Set<String>()
        for (i, line) in drawing.lines.enumerated() where !line.labels.isEmpty {
            let onEntity = placed.contains { entity in line.labels.contains { $0.box.intersection(entity, tolerance: overlapTolerance) != nil } }
            let onLabel = drawing.lines.indices.contains { j in
                j != i && line.labels.contains { a in drawing.lines[j].labels.contains { $0.box.intersection(a.box, tolerance: overlapTolerance) != nil } }
            }
            if onEntity || onLabel { found.insert(line.id) }
        }
        return found
    }

    /// Each problem with following the lines of `svg`, one sentence each, named by
    /// the lines' and entities' titles: misplaced and loose ends, lines through
    /// entities, shallow crossings, and the most crowded gap between ranks
    /// (`relgraph measure --details`).
    public static func lineProblems(svg: Data) throws(Error) -> [String] {
        let drawing = try DrawingReader().read(svg)
        let ends = lineEnds(drawing)
        let checks = lineChecks(drawing, ends: ends)
        let perUnit = drawing.pointsPerUnit > 0 ? drawing.pointsPerUnit : 1
        func line(_ i: Int) -> String { "“\(drawing.lines[i].title)”" }
        func entity(_ i: Int) -> String { "“\(drawing.entities[i].title)”" }
        func pt(_ v: Double) -> String { String(format: "%.1f pt", v * perUnit) }
        var out: [String] = []
        for end in checks.misplaced {
            if let nearer = end.nearer, let distance = end.nearerDistance {
                out.append("misplaced end: \(line(end.line)) ends \(pt(end.distance)) from \(entity(end.entity)), nearer \(entity(nearer)) (\(pt(distance)))")
            } else {
                out.append("loose end: \(line(end.line)) ends \(pt(end.distance)) from \(entity(end.entity))")
            }
        }
        for passage in checks.passages { out.append("through an entity: \(line(passage.line)) runs through \(entity(passage.entity))") }
        for crossing in crossingList(drawing, ends: ends) where crossing.angle < Geometry.Crossings.shallowAngle {
            out.append(String(format: "shallow crossing: %@ × %@ at (%.0f, %.0f), %.0f°", line(crossing.first), line(crossing.second),
                              crossing.at.x, crossing.at.y, crossing.angle))
        }
        if let gap = checks.gap {
            out.append(String(format: "most crowded gap between ranks: %d lines in %@ (%@ %.0f to %.0f)", gap.lines, pt(gap.width),
                              gap.axis.rawValue, gap.from, gap.to))
        }
        return out
    }

    /// Each line's title with the titles of the entities it was found to join.
    package static func lineEnds(svg: Data) throws(Error) -> [(line: String, ends: [String])] {
        let drawing = try DrawingReader().read(svg)
        return zip(drawing.lines, lineEnds(drawing)).map { line, ends in (line.title, ends.map { drawing.entities[$0].title }) }
    }
}
