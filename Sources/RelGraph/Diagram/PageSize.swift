import Foundation

/// The area a diagram is fitted into when printed: a page's text area, in points
/// (1 pt = 1/72 in).
///
/// `a4` is the text area of an A4 page with common margins (16 × 24 cm), `letter`
/// that of a US Letter page with one-inch margins (6.5 × 9 in). Any other size is
/// written `WxH` with a unit: `16x24cm`, `6.5x9in`, `450x680pt` (`mm` too).
public struct PageSize: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Width in points.
    public var width: Double
    /// Height in points.
    public var height: Double
    /// The name it was given by (`a4`, `letter`, or the `WxH` text).
    public var name: String

    public init(width: Double, height: Double, name: String) {
        self.width = width
        self.height = height
        self.name = name
    }

    /// Points per centimetre.
    public static let pointsPerCentimetre = 72 / 2.54

    /// The text area of an A4 page: 16 × 24 cm (453.5 × 680.3 pt).
    public static let a4 = PageSize(width: 16 * pointsPerCentimetre, height: 24 * pointsPerCentimetre, name: "a4")

    /// The text area of a US Letter page with one-inch margins: 6.5 × 9 in (468 × 648 pt).
    public static let letter = PageSize(width: 6.5 * 72, height: 9 * 72, name: "letter")

    public var description: String {
        let f = { (v: Double) in String(format: "%.1f", v) }
        return "\(name) (\(f(width)) × \(f(height)) pt)"
    }

    /// A sheet of paper and the area of it a drawing is fitted into, in points,
    /// measured from the sheet's bottom-left corner (as PDF measures a page).
    public struct Paper: Equatable, Hashable, Sendable {
        /// The sheet's width.
        public var width: Double
        /// The sheet's height.
        public var height: Double
        /// The left edge of the area.
        public var areaX: Double
        /// The bottom edge of the area.
        public var areaY: Double
        /// The area's width.
        public var areaWidth: Double
        /// The area's height.
        public var areaHeight: Double

        public init(width: Double, height: Double, areaX: Double, areaY: Double, areaWidth: Double, areaHeight: Double) {
            self.width = width
            self.height = height
            self.areaX = areaX
            self.areaY = areaY
            self.areaWidth = areaWidth
            self.areaHeight = areaHeight
        }

        /// A sheet of `width` × `height` with a text area of `areaWidth` × `areaHeight` in its middle.
        public init(width: Double, height: Double, centring areaWidth: Double, _ areaHeight: Double) {
            self.init(width: width, height: height, areaX: (width - areaWidth) / 2, areaY: (height - areaHeight) / 2,
                      areaWidth: areaWidth, areaHeight: areaHeight)
        }

        /// An A4 sheet (210 × 297 mm, 595.28 × 841.89 pt) with the ``PageSize/a4`` text
        /// area in its middle: 2.5 cm margins left and right, 2.85 cm top and bottom.
        public static let a4 = Paper(width: 21 * pointsPerCentimetre, height: 29.7 * pointsPerCentimetre,
                                     centring: PageSize.a4.width, PageSize.a4.height)

        /// A US Letter sheet (8.5 × 11 in, 612 × 792 pt) with the ``PageSize/letter``
        /// text area in its middle: one-inch margins.
        public static let letter = Paper(width: 8.5 * 72, height: 11 * 72, centring: PageSize.letter.width, PageSize.letter.height)
    }

    /// The paper a PDF drawn for this page is printed on: an A4 or Letter sheet
    /// with this text area in its middle for ``a4`` and ``letter``; for any other
    /// size (`18x25cm`), a sheet of exactly that size, all of it the area.
    public var paper: Paper {
        if self == .a4 { return .a4 }
        if self == .letter { return .letter }
        return Paper(width: width, height: height, areaX: 0, areaY: 0, areaWidth: width, areaHeight: height)
    }

    /// Why a page size could not be read.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var reason: String

        public init(text: String, reason: String) {
            self.text = text
            self.reason = reason
        }

        public var description: String {
            "page size '\(text)': \(reason); write a4, letter, or WIDTHxHEIGHT with a unit cm, mm, in or pt (e.g. 16x24cm)"
        }
    }

    /// Reads `a4`, `letter` or `WxH` followed by one unit (`cm`, `mm`, `in`, `pt`),
    /// case-insensitive; `×` may stand for `x`.
    public init(parsing text: String) throws(ParseError) {
        let spec = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch spec {
        case "a4": self = .a4; return
        case "letter": self = .letter; return
        case "": throw ParseError(text: text, reason: "it is empty")
        default: break
        }
        let units: [(String, Double)] = [("cm", Self.pointsPerCentimetre), ("mm", Self.pointsPerCentimetre / 10), ("in", 72), ("pt", 1)]
        guard let (unit, factor) = units.first(where: { spec.hasSuffix($0.0) }) else {
            throw ParseError(text: text, reason: "it does not end in a unit")
        }
        let body = spec.dropLast(unit.count).replacingOccurrences(of: "×", with: "x")
        let parts = body.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw ParseError(text: text, reason: "it is not WIDTHxHEIGHT") }
        var sides: [Double] = []
        for part in parts {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite else {
                throw ParseError(text: text, reason: "'\(trimmed)' is not a number")
            }
            guard value > 0 else { throw ParseError(text: text, reason: "sides must be greater than 0") }
            sides.append(value * factor)
        }
        guard sides[0] <= 14_400, sides[1] <= 14_400 else {
            throw ParseError(text: text, reason: "sides must be at most 200 in (14400 pt)")
        }
        self.init(width: sides[0], height: sides[1], name: text.trimmingCharacters(in: .whitespaces))
    }
}
