import Foundation
import RelGraph

/// A small hand-made SVG in Graphviz's shape: box entities (`class="node"` groups
/// with a title, a polygon and a centred name) and straight lines (`class="edge"`
/// groups with a cubic path and optional labels), in user units = points.
struct ReadabilitySketch {
    var width = 400.0
    var height = 300.0
    /// Edge titles as plain Graphviz writes them (`a->b`); otherwise prose, as relgraph's.
    var graphvizTitles = true
    private(set) var groups: [String] = []
    private var centres: [String: (Double, Double)] = [:]

    /// An entity `name` centred at (x, y), `w` × `h`, its name set at `fontSize`.
    mutating func entity(_ name: String, x: Double, y: Double, w: Double = 40, h: Double = 20, fontSize: Double = 14, extraText: (String, Double)? = nil) {
        centres[name] = (x, y)
        let (l, r, t, b) = (x - w / 2, x + w / 2, y - h / 2, y + h / 2)
        var group = """
            <g id="node_\(name)" class="node"><title>\(name)</title>
            <polygon fill="none" stroke="black" points="\(l),\(t) \(r),\(t) \(r),\(b) \(l),\(b) \(l),\(t)"/>
            <text text-anchor="middle" x="\(x)" y="\(y + fontSize / 3)" font-family="Times,serif" font-size="\(fontSize)">\(name)</text>
            """
        if let (text, size) = extraText {
            group += "\n<text text-anchor=\"middle\" x=\"\(x)\" y=\"\(y + fontSize / 3 + size)\" font-size=\"\(size)\">\(text)</text>"
        }
        groups.append(group + "\n</g>")
    }

    /// A line from entity `a`'s centre to `b`'s, drawn as a cubic Bézier on the
    /// straight segment (or through `via`), with labels `(text, x, y, fontSize)`.
    mutating func line(_ a: String, _ b: String, via: (Double, Double)? = nil, labels: [(String, Double, Double, Double)] = []) {
        let (ax, ay) = centres[a]!, (bx, by) = centres[b]!
        let d: String
        if let (vx, vy) = via {
            d = "M\(ax),\(ay)C\(ax),\(ay) \(vx),\(vy) \(vx),\(vy) \(vx),\(vy) \(bx),\(by) \(bx),\(by)"
        } else {
            d = "M\(ax),\(ay)C\(ax + (bx - ax) / 3),\(ay + (by - ay) / 3) \(ax + 2 * (bx - ax) / 3),\(ay + 2 * (by - ay) / 3) \(bx),\(by)"
        }
        let title = graphvizTitles ? "\(a)&#45;&gt;\(b)" : "\(a) relates to \(b) (reported)"
        var group = """
            <g id="edge\(groups.count)" class="edge"><title>\(title)</title>
            <path fill="none" stroke="black" d="\(d)"/>
            <polygon fill="black" stroke="black" points="\(bx),\(by) \(bx - 3),\(by - 3) \(bx + 3),\(by - 3) \(bx),\(by)"/>
            """
        for (text, x, y, size) in labels {
            group += "\n<text text-anchor=\"middle\" x=\"\(x)\" y=\"\(y)\" font-family=\"Times,serif\" font-size=\"\(size)\">\(text)</text>"
        }
        groups.append(group + "\n</g>")
    }

    /// The SVG with the groups in `order` (default: as added).
    func svg(order: [Int]? = nil) -> Data {
        let body = (order ?? Array(groups.indices)).map { groups[$0] }.joined(separator: "\n")
        return Data("""
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg width="\(width)pt" height="\(height)pt" viewBox="0.00 0.00 \(width) \(height)" xmlns="http://www.w3.org/2000/svg">
            <g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(0 0)">
            <title>sketch</title>
            \(body)
            </g>
            </svg>
            """.utf8)
    }
}
