import Foundation
import Testing
@testable import RelGraphDrawing

/// ``LayoutGeometry/shifted(_:dx:dy:)`` moves every point of a `pos`/`lp` text,
/// reading numbers exactly as `Double(String)` does (its plain-decimal fast path
/// included) and keeping what is not a point as it is.
@Suite("Shifted geometry")
struct ShiftedGeometryTests {
    /// The rule, written plainly: split on spaces, an optional `e,`/`s,` mark, the
    /// first two comma fields as numbers (`!` trimmed around the second).
    static func reference(_ text: String, dx: Double, dy: Double) -> String {
        text.split(separator: " ").map { token -> String in
            var body = Substring(token)
            var mark = ""
            if body.count >= 2, body.dropFirst().first == ",", body.first == "e" || body.first == "s" {
                mark = String(body.prefix(2))
                body = body.dropFirst(2)
            }
            let parts = body.split(separator: ",")
            guard parts.count >= 2 else { return String(token) }
            let yText = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "!"))
            guard let x = Double(String(parts[0])), let y = Double(yText) else { return String(token) }
            return mark + GraphSpec.number(x + dx) + "," + GraphSpec.number(y + dy)
        }.joined(separator: " ")
    }

    @Test("agrees with the rule on Graphviz's texts and odd ones")
    func examples() {
        let texts = ["27,18", "27.5,18!", "e,100.5,-3.25 10,20 30.125,40 50,60", "s,1,2 3,4 5,6 7,8",
                     "  1,2   3,4 ", "1.2346e+05,7", "x,y", "1,", ",2", "1,2,3", "-0,-0.5", ".5,5.", "+1,2",
                     "123456789012345678,1", "0.000000000000000000001,2", "1,2!!", "e,,", "inf,nan", "12,3x"]
        for text in texts {
            for (dx, dy) in [(0.0, 0.0), (18.5, -7.25), (0.1, 0.2), (-1e6, 3)] {
                #expect(LayoutGeometry.shifted(text, dx: dx, dy: dy) == Self.reference(text, dx: dx, dy: dy), "\(text) by \(dx),\(dy)")
            }
        }
    }

    @Test("reads random `%.5g`-style and longer decimals exactly as Double(String)")
    func randomNumbers() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double.random(in: -2e6...2e6, using: &rng)
            let places = Int.random(in: 0...9, using: &rng)
            let text = String(format: "%.\(places)f", value)
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { LayoutGeometry.plainDecimal($0[...]) }
            if let fast {
                #expect(fast.bitPattern == Double(text)!.bitPattern, "\(text)")
            } else {
                #expect(bytes.count > 15, "\(text) should take the fast path")
            }
            let pair = text + "," + String(format: "%.5g", value)
            #expect(LayoutGeometry.shifted(pair, dx: 3.5, dy: -0.25) == Self.reference(pair, dx: 3.5, dy: -0.25))
        }
    }
}
