import Foundation

/// How readable one drawing is, after Dunne et al. 2015's readability metrics,
/// and how large its entity text comes out on a page and on a screen.
///
/// Lengths are in points (1/72 in) unless named in pixels; sizes "on the page"
/// are after fitting the whole drawing (up or down, keeping its aspect) into the
/// page's text area; sizes "on screen" after showing it in a column of
/// ``screenColumn`` px, never enlarged (as browsers show an `<img>`).
public struct ReadabilityReport: Codable, Equatable, Sendable {
    /// Entities drawn (node groups).
    public var entities: Int
    /// Lines drawn (edge groups).
    public var edges: Int
    /// Points where two lines cross (meetings at a shared entity excluded).
    public var crossings: Int
    /// Extra lines between the same two entities: k lines joining one pair count k − 1.
    public var parallelLines: Int
    /// Pairs (edge label, entity) whose boxes overlap.
    public var labelEntityOverlaps: Int
    /// Pairs of labels of different lines whose boxes overlap.
    public var labelLabelOverlaps: Int
    /// Pairs of entities whose boxes overlap.
    public var entityOverlaps: Int
    /// The drawing's width and height, in points.
    public var width: Double
    public var height: Double
    /// Width divided by height.
    public var aspectRatio: Double
    /// The page the drawing is fitted to, e.g. `a4 (453.5 × 680.3 pt)`.
    public var page: String
    /// The scale of the drawing on the page (0.29 means 29 %).
    public var pageScale: Double
    /// The smallest text inside an entity (name or date) on the page, in points; nil without entity text.
    public var smallestEntityTextOnPage: Double?
    /// The median entity name (the largest text of each entity) on the page, in points.
    public var medianNameOnPage: Double?
    /// The width of the screen column, in px.
    public var screenColumn: Double
    /// The scale of the drawing on that screen (at most 1).
    public var screenScale: Double
    /// The smallest entity text on that screen, in px (1 pt = 4/3 px).
    public var smallestEntityTextOnScreen: Double?
    /// The median entity name on that screen, in px.
    public var medianNameOnScreen: Double?
    /// The share of the drawing's area covered by entity names (estimated text boxes), 0…1.
    public var nameCoverage: Double
    /// The share of the drawing's area covered by entities (their shapes' boxes), 0…1.
    public var entityCoverage: Double
    /// Line ends that stop more than 3 pt from the entity their line joins and nearer another entity.
    public var misplacedEnds: Int
    /// Line ends that stop more than 3 pt from the entity their line joins (misplaced or not).
    public var looseEnds: Int
    /// Lines that run through an entity they do not join (their first and last 8 pt aside).
    public var linesThroughEntities: Int
    /// Crossings at under 30° (hard to tell which line goes where).
    public var shallowCrossings: Int
    /// The gap between two neighbouring ranks crossed by the most lines per point of
    /// its width; nil when entities do not stand in ranks (force-directed drawings).
    public var crowdedGap: Gap?

    /// A gap between ranks: the lines crossing it and its width in points.
    public struct Gap: Codable, Equatable, Sendable {
        public var lines: Int
        public var width: Double
        /// Lines per point of width.
        public var crowding: Double { Double(lines) / max(width, 1) }

        public init(lines: Int, width: Double) {
            self.lines = lines
            self.width = width
        }
    }

    /// Shallow crossings per line drawn.
    public var shallowCrossingsPerLine: Double { edges > 0 ? Double(shallowCrossings) / Double(edges) : 0 }

    public init(
        entities: Int, edges: Int, crossings: Int, parallelLines: Int, labelEntityOverlaps: Int, labelLabelOverlaps: Int,
        entityOverlaps: Int, width: Double, height: Double, page: String, pageScale: Double, smallestEntityTextOnPage: Double?,
        medianNameOnPage: Double?, screenColumn: Double, screenScale: Double, smallestEntityTextOnScreen: Double?,
        medianNameOnScreen: Double?, nameCoverage: Double, entityCoverage: Double,
        misplacedEnds: Int = 0, looseEnds: Int = 0, linesThroughEntities: Int = 0, shallowCrossings: Int = 0, crowdedGap: Gap? = nil
    ) {
        self.misplacedEnds = misplacedEnds
        self.looseEnds = looseEnds
        self.linesThroughEntities = linesThroughEntities
        self.shallowCrossings = shallowCrossings
        self.crowdedGap = crowdedGap
        self.entities = entities
        self.edges = edges
        self.crossings = crossings
        self.parallelLines = parallelLines
        self.labelEntityOverlaps = labelEntityOverlaps
        self.labelLabelOverlaps = labelLabelOverlaps
        self.entityOverlaps = entityOverlaps
        self.width = width
        self.height = height
        self.aspectRatio = height > 0 ? width / height : 0
        self.page = page
        self.pageScale = pageScale
        self.smallestEntityTextOnPage = smallestEntityTextOnPage
        self.medianNameOnPage = medianNameOnPage
        self.screenColumn = screenColumn
        self.screenScale = screenScale
        self.smallestEntityTextOnScreen = smallestEntityTextOnScreen
        self.medianNameOnScreen = medianNameOnScreen
        self.nameCoverage = nameCoverage
        self.entityCoverage = entityCoverage
    }

    /// Edge labels overlapping an entity or another label.
    public var labelOverlaps: Int { labelEntityOverlaps + labelLabelOverlaps }
}

extension ReadabilityReport {
    /// The columns of ``tableRow(name:)``, as a Markdown table header.
    public static var tableHeader: String {
        """
        | drawing | entities | lines | crossings | shallow | parallel | misplaced ends (loose) | through entities | crowded gap | label overlaps | entity overlaps | aspect | smallest on page (pt) | median name on page (pt) | smallest on screen (px) | names cover | entities cover |
        |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
        """
    }

    /// One Markdown table row for the drawing called `name`.
    public func tableRow(name: String) -> String {
        let size = { (v: Double?) in v.map { String(format: "%.1f", $0) } ?? "–" }
        let cells = [
            name, "\(entities)", "\(edges)", "\(crossings)", "\(shallowCrossings)", "\(parallelLines)", "\(misplacedEnds)" + (looseEnds > misplacedEnds ? " (\(looseEnds))" : ""),
            "\(linesThroughEntities)", crowdedGap.map { String(format: "%d in %.0f pt", $0.lines, $0.width) } ?? "–",
            "\(labelOverlaps)" + (labelOverlaps > 0 ? " (\(labelEntityOverlaps) on entities)" : ""), "\(entityOverlaps)",
            String(format: "%.2f", aspectRatio), size(smallestEntityTextOnPage), size(medianNameOnPage),
            size(smallestEntityTextOnScreen), String(format: "%.1f %%", nameCoverage * 100),
            String(format: "%.1f %%", entityCoverage * 100),
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }
}
