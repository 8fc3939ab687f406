import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The drawing recorder reads numbers back as Graphviz's SVG prints them
/// (`%.2f`); its arithmetic shortcut gives what printing and reading gives.
@Suite("Printed numbers")
struct PrintedNumberTests {
    static func printf(_ x: Double) -> Double {
        strtod(String(format: "%.2f", x), nil)
    }

    @Test("fixed(x) is x printed %.2f and read back: halves, ties, signs and random values")
    func fixedAgrees() {
        var values: [Double] = [0, -0.0, 0.004, -0.004, 0.005, -0.005, 0.015, 0.125, 1.005, 2.675, 13, 10.5, 1e-9,
                                -1e-9, 123456.785, 9_999_999.995, 1e9, 1e12 + 0.005, -7.225, .ulpOfOne]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            values.append(Double.random(in: -1e6...1e6, using: &rng))
            // Values a hair off a half-hundredth, where the rounding of x * 100 could matter.
            let half = (Double(Int.random(in: -100_000...100_000, using: &rng)) + 0.5) / 100
            values.append(half.nextUp)
            values.append(half.nextDown)
            values.append(half)
        }
        for x in values {
            #expect(DrawingRecorder.fixed(x).bitPattern == Self.printf(x).bitPattern, "\(x)")
        }
    }
}
