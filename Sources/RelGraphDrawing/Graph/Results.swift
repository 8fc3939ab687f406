import Foundation
import RelGraph

/// What Graphviz reported while an operation ran. Graphviz's own output goes
/// here instead of stderr.
public struct GraphvizMessage: Sendable, Equatable, CustomStringConvertible {
    /// How serious Graphviz considered the message.
    public enum Level: String, Sendable, Equatable {
        /// `agerr(AGWARN, ...)`: the operation went on.
        case warning
        /// `agerr(AGERR, ...)`: something failed.
        case error
    }

    /// The message's level.
    public var level: Level
    /// The message text, without the "Error: "/"Warning: " prefix and without
    /// trailing newlines; continuation lines are included.
    public var text: String

    /// Creates a message.
    public init(level: Level, text: String) {
        self.level = level
        self.text = text
    }

    /// `Error: text` or `Warning: text`, as Graphviz would have printed it.
    public var description: String {
        "\(level == .error ? "Error" : "Warning"): \(text)"
    }
}

/// The bytes of one render and the warnings Graphviz gave while producing them.
public struct RenderResult: Sendable, Equatable {
    /// The rendered output (SVG text, PNG bytes, ...).
    public var data: Data
    /// Warnings Graphviz reported during layout and render (never printed).
    public var warnings: [GraphvizMessage]

    /// Creates a result.
    public init(data: Data, warnings: [GraphvizMessage] = []) {
        self.data = data
        self.warnings = warnings
    }
}

/// Node positions and sizes from one layout, in points (1/72 inch), in
/// Graphviz's coordinate system: y grows upwards, and the SVG renderer writes
/// a node at `(x, -y)` inside a group translated by the margin.
public struct LayoutResult: Sendable, Equatable {
    /// The placement of one node.
    public struct NodeLayout: Sendable, Equatable {
        /// The node's name.
        public var name: String
        /// The x coordinate of the node's centre, in points.
        public var x: Double
        /// The y coordinate of the node's centre, in points (y up).
        public var y: Double
        /// The node's width, in points.
        public var width: Double
        /// The node's height, in points.
        public var height: Double

        /// Creates a node placement.
        public init(name: String, x: Double, y: Double, width: Double, height: Double) {
            self.name = name
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// An axis-aligned rectangle, in points.
    public struct Box: Sendable, Equatable {
        /// Left edge.
        public var minX: Double
        /// Bottom edge (y up).
        public var minY: Double
        /// Right edge.
        public var maxX: Double
        /// Top edge (y up).
        public var maxY: Double

        /// Creates a box.
        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }
    }

    /// Every node, in the graph's node order (creation order).
    public var nodes: [NodeLayout]
    /// The graph's bounding box (Graphviz's `bb`), in points.
    public var boundingBox: Box
    /// Warnings Graphviz reported during the layout.
    public var warnings: [GraphvizMessage]

    /// Creates a layout result.
    public init(nodes: [NodeLayout], boundingBox: Box, warnings: [GraphvizMessage] = []) {
        self.nodes = nodes
        self.boundingBox = boundingBox
        self.warnings = warnings
    }

    /// The placement of the node called `name`, if it was laid out.
    public func node(named name: String) -> NodeLayout? {
        nodes.first { $0.name == name }
    }
}

/// A graph read from DOT text (``GraphSpec``, copied into Swift values: nothing
/// in it points into Graphviz's memory), with what Graphviz said while reading.
///
/// The graph's attribute values are *effective* values as cgraph resolved them,
/// so `node [color=red]; a` and `a [color=red]` both give node `a` the attribute
/// `color=red`, and its node and edge defaults are empty. Values equal to the
/// empty default are left out, and so is the node `label` `\N` that every graph
/// gets from the Graphviz context (it means "the node's name" and is the same as
/// no label). A subgraph's attributes are those whose value differs from the
/// enclosing graph's (its own settings, not what it inherited); its nodes are in
/// node order, members of nested subgraphs included. An anonymous graph's name is
/// `""`.
public struct DOTReading: Sendable, Equatable {
    /// The graph.
    public var graph: GraphSpec
    /// Warnings Graphviz reported while reading (e.g. "syntax ambiguity - badly
    /// delimited number").
    public var warnings: [GraphvizMessage]

    /// Creates a reading.
    public init(graph: GraphSpec, warnings: [GraphvizMessage] = []) {
        self.graph = graph
        self.warnings = warnings
    }
}

/// Why a Graphviz operation failed. Cases that come from Graphviz carry its own
/// message text (e.g. `syntax error in line 3 near '->'`).
public enum GraphvizError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec cannot be built (unknown node name in an edge or subgraph,
    /// duplicate node, NUL character, reserved attribute...), or its text
    /// cannot be written as DOT that reads back the same.
    case invalidSpec(String)
    /// No layout plugin registers this engine name.
    case unknownEngine(String)
    /// No render plugin registers this format name.
    case unknownFormat(String)
    /// `gvLayout` failed, or reported an error.
    case layoutFailed(message: String)
    /// `gvRenderData` failed, or reported an error.
    case renderFailed(message: String)
    /// `agwrite` failed.
    case writeFailed(message: String)
    /// The DOT text is not valid; the message is Graphviz's.
    case syntax(message: String)
    /// The DOT text holds no graph (empty, only whitespace or comments).
    case emptyInput
    /// The DOT text holds several graphs where one was expected.
    case multipleGraphs(count: Int)
    /// The Graphviz context could not be created.
    case contextUnavailable
    /// relgraph was compiled against one Graphviz and runs with another whose
    /// major version differs (their data structures differ: using it would crash).
    case versionMismatch(built: String, running: String)

    /// A one-line explanation, with Graphviz's message where there is one.
    public var description: String {
        switch self {
        case .invalidSpec(let why): return "invalid graph spec: \(why)"
        case .unknownEngine(let name): return "unknown Graphviz layout engine '\(name)'"
        case .unknownFormat(let name): return "unknown Graphviz output format '\(name)'"
        case .layoutFailed(let message): return "Graphviz layout failed: \(message)"
        case .renderFailed(let message): return "Graphviz render failed: \(message)"
        case .writeFailed(let message): return "Graphviz could not write DOT: \(message)"
        case .syntax(let message): return "DOT syntax error: \(message)"
        case .emptyInput: return "the DOT text holds no graph"
        case .multipleGraphs(let count): return "the DOT text holds \(count) graphs, expected one"
        case .contextUnavailable: return "the Graphviz context could not be created"
        case .versionMismatch(let built, let running):
            return "relgraph was built against Graphviz \(built) but is running with Graphviz \(running) (libgvc); "
                + "rebuild relgraph against this Graphviz, or point LD_LIBRARY_PATH (and GVBINDIR) at the Graphviz it was built with"
        }
    }
}

/// Where a layout put nodes and edges, as Graphviz's own attribute text
/// (``GraphvizContext/layoutGeometry(_:engine:)``).
public struct LayoutGeometry: Sendable, Equatable {
    /// An edge's route.
    public struct Route: Sendable, Equatable {
        /// The spline, Graphviz's `pos`: `e,x,y x,y x,y …` (points, y up).
        public var spline: String
        /// The label's centre, Graphviz's `lp`, if the edge has a label.
        public var labelPosition: String?

        /// Creates a value from its parts.
        package init(spline: String, labelPosition: String? = nil) {
            self.spline = spline
            self.labelPosition = labelPosition
        }
    }

    /// Each node's centre (`x,y`, points, y up), by node name.
    public var nodePositions: [String: String] = [:]
    /// Each edge's route, by the edge's `id` attribute.
    public var edgeRoutes: [String: Route] = [:]
    /// The bounding box.
    public var boundingBox = LayoutResult.Box(minX: 0, minY: 0, maxX: 0, maxY: 0)

    /// Every point of a `pos` or `lp` text moved by (`dx`, `dy`); `e,`/`s,` marks kept.
    ///
    /// Tokens are separated by spaces (runs of spaces count as one), a token's
    /// numbers by commas; a token is `[e,|s,]x,y`, with `!` (pinned) around `y`
    /// dropped. Anything else (a token that is not two numbers) is kept as it is.
    /// Numbers are written as ``GraphSpec`` writes them.
    public static func shifted(_ text: String, dx: Double, dy: Double) -> String {
        // The page fit shifts every spline of every packed candidate: one pass over
        // the bytes into one byte buffer, numbers in Graphviz's usual `%.5g` form
        // read without a string each (``plainDecimal(_:)``).
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var start = 0
            while start < bytes.count {
                if bytes[start] == 0x20 { start += 1; continue }
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                if !out.isEmpty { out.append(0x20) }
                appendShifted(UnsafeBufferPointer(rebasing: bytes[start..<end]), dx: dx, dy: dy, to: &out)
                start = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// One token of ``shifted(_:dx:dy:)``.
    private static func appendShifted(_ token: UnsafeBufferPointer<UInt8>, dx: Double, dy: Double, to out: inout [UInt8]) {
        let comma = UInt8(ascii: ","), bang = UInt8(ascii: "!")
        var body = token[...]
        var mark: UInt8?
        if body.count >= 2, body[body.startIndex + 1] == comma, body.first == UInt8(ascii: "e") || body.first == UInt8(ascii: "s") {
            mark = body.first
            body = body.dropFirst(2)
        }
        // The first two non-empty comma-separated fields; `!` trimmed from both ends of the second.
        var xText: Slice<UnsafeBufferPointer<UInt8>>?, yText: Slice<UnsafeBufferPointer<UInt8>>?
        var i = body.startIndex
        while i < body.endIndex, yText == nil {
            var j = i
            while j < body.endIndex, body[j] != comma { j += 1 }
            if j > i {
                if xText == nil { xText = body[i..<j] } else { yText = body[i..<j] }
            }
            i = j + 1
        }
        guard let xText, var yText else {
            out.append(contentsOf: token)
            return
        }
        while yText.first == bang { yText = yText.dropFirst() }
        while yText.last == bang { yText = yText.dropLast() }
        guard let x = number(xText), let y = number(yText) else {
            out.append(contentsOf: token)
            return
        }
        if let mark { out.append(mark); out.append(comma) }
        out.append(contentsOf: GraphSpec.number(x + dx).utf8)
        out.append(comma)
        out.append(contentsOf: GraphSpec.number(y + dy).utf8)
    }

    /// The number `text` spells, as `Double(String)` reads it.
    private static func number(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        if let value = plainDecimal(text) { return value }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// Powers of ten a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// `[-]digits[.digits]` with at most 15 digits in all, read exactly as
    /// `strtod` reads it: the digits as an integer (exact below 2^53) divided by
    /// an exact power of ten is one correctly rounded operation. `nil` for
    /// anything else (exponents, more digits, signs, `inf`…), which the caller
    /// reads the slow way.
    package static func plainDecimal(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        var i = text.startIndex
        let negative = i < text.endIndex && text[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var seenPoint = false, seenDigitBeforePoint = false, seenDigitAfterPoint = false
        while i < text.endIndex {
            let byte = text[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fraction += 1; seenDigitAfterPoint = true } else { seenDigitBeforePoint = true }
                if digits > 15 { return nil }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard seenDigitBeforePoint || seenDigitAfterPoint else { return nil }
        let value = Double(mantissa) / exactPowersOfTen[fraction]
        return negative ? -value : value
    }

    /// Creates a value from its parts.
    package init(nodePositions: [String: String] = [:], edgeRoutes: [String: Route] = [:]) {
        self.nodePositions = nodePositions
        self.edgeRoutes = edgeRoutes
    }
}
