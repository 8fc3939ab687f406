import Foundation
import RelGraph

/// Dash patterns that show on short lines. Graphviz writes one pattern for every
/// dashed (`5,2`) or dotted (`1,5`) path, whatever its length; a path shorter than
/// two repeats of it (the compact page-fit layouts put ranks 14 pt apart, and a
/// line's arrowhead and marks take most of that) shows one dash, or one dot and a
/// gap, and reads as solid. ``fitted(_:pathData:)`` scales such a path's pattern
/// down, keeping its proportions, until it repeats twice along the path.
package enum DashPattern {
    /// How many times a pattern must repeat along its path.
    package static let repeats = 2.0

    /// The `stroke-dasharray` for a path drawn along `pathData` with `dasharray`:
    /// `nil` when it stays as it is (the path holds ``repeats`` patterns or more, or
    /// the value is not a list of positive numbers, or the path is too short to
    /// show any pattern at 0.01 pt), else the pattern scaled down to repeat exactly
    /// twice, its numbers rounded down to hundredths.
    package static func fitted(_ dasharray: String, pathData: String) -> String? {
        let values = dasharray.split(whereSeparator: { $0 == "," || $0 == " " }).map { Double($0) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 && $0!.isFinite }) else { return nil }
        let pattern = values.map { $0! }
        // An odd list repeats once more to make a pattern (SVG's rule).
        let period = pattern.reduce(0, +) * (pattern.count % 2 == 0 ? 1 : 2)
        let length = self.length(pathData)
        guard length < repeats * period else { return nil }
        let scale = length / (repeats * period)
        let scaled = pattern.map { ($0 * scale * 100).rounded(.down) / 100 }
        guard scaled.allSatisfy({ $0 > 0 }) else { return nil }
        return scaled.map(format).joined(separator: ",")
    }

    /// The length of the path `d`, its curves followed closely.
    package static func length(_ d: String) -> Double {
        Geometry.SVGPathData.polylines(d, samples: 32).reduce(0) { total, line in
            total + zip(line, line.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
        }
    }

    /// `0.5`, `2`, `0.14`: no trailing zeros.
    private static func format(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
