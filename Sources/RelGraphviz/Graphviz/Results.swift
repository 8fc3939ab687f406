import Foundation

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

/// A graph read from DOT text, copied into Swift values (nothing in it points
/// into Graphviz's memory).
///
/// Attribute values are *effective* values as cgraph resolved them, so
/// `node [color=red]; a` and `a [color=red]` both give node `a` the attribute
/// `color=red`. Values equal to the empty default are left out, and so is the
/// node `label` `\N` that every graph gets from the Graphviz context (it means
/// "the node's name" and is the same as no label).
public struct ParsedGraph: Sendable, Equatable {
    /// One node.
    public struct Node: Sendable, Equatable {
        /// The node's name.
        public var name: String
        /// The node's non-empty attribute values.
        public var attributes: GraphAttributes

        /// Creates a node.
        public init(name: String, attributes: GraphAttributes = [:]) {
            self.name = name
            self.attributes = attributes
        }
    }

    /// One edge.
    public struct Edge: Sendable, Equatable {
        /// The tail node's name.
        public var tail: String
        /// The head node's name.
        public var head: String
        /// The edge's name (DOT's `key`), if it has one.
        public var key: String?
        /// The edge's non-empty attribute values; ports written `a:p -> b:q` are
        /// the attributes `tailport` and `headport`.
        public var attributes: GraphAttributes

        /// Creates an edge.
        public init(tail: String, head: String, key: String? = nil, attributes: GraphAttributes = [:]) {
            self.tail = tail
            self.head = head
            self.key = key
            self.attributes = attributes
        }
    }

    /// One subgraph.
    public struct Subgraph: Sendable, Equatable {
        /// The subgraph's name; `nil` for an anonymous subgraph (`{ ... }`).
        public var name: String?
        /// The subgraph's graph attributes whose value differs from the enclosing
        /// graph's value (its own settings, not what it inherited).
        public var attributes: GraphAttributes
        /// Names of member nodes in node order, members of nested subgraphs included.
        public var nodes: [String]
        /// Nested subgraphs, in the order they were first opened.
        public var subgraphs: [Subgraph]

        /// Creates a subgraph.
        public init(name: String?, attributes: GraphAttributes = [:], nodes: [String] = [], subgraphs: [Subgraph] = []) {
            self.name = name
            self.attributes = attributes
            self.nodes = nodes
            self.subgraphs = subgraphs
        }

        /// Whether Graphviz treats this subgraph as a cluster (name starts with `cluster`).
        public var isCluster: Bool { name?.hasPrefix("cluster") ?? false }
    }

    /// The graph's name; `nil` for an anonymous graph (`digraph { ... }`).
    public var name: String?
    /// Whether the graph is a `digraph`.
    public var directed: Bool
    /// Whether the graph is `strict`.
    public var strict: Bool
    /// The root graph's non-empty attribute values.
    public var attributes: GraphAttributes
    /// All nodes, in the order they first appeared.
    public var nodes: [Node]
    /// All edges: by tail in node order, then in the order they appeared.
    public var edges: [Edge]
    /// Top-level subgraphs, in the order they were first opened.
    public var subgraphs: [Subgraph]
    /// Warnings Graphviz reported while reading (e.g. "syntax ambiguity - badly
    /// delimited number"). Part of equality.
    public var warnings: [GraphvizMessage]

    /// Creates a parsed graph.
    public init(
        name: String?, directed: Bool, strict: Bool, attributes: GraphAttributes = [:],
        nodes: [Node] = [], edges: [Edge] = [], subgraphs: [Subgraph] = [], warnings: [GraphvizMessage] = []
    ) {
        self.name = name
        self.directed = directed
        self.strict = strict
        self.attributes = attributes
        self.nodes = nodes
        self.edges = edges
        self.subgraphs = subgraphs
        self.warnings = warnings
    }

    /// The node called `name`, if any.
    public func node(named name: String) -> Node? {
        nodes.first { $0.name == name }
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
    }

    /// Each node's centre (`x,y`, points, y up), by node name.
    public var nodePositions: [String: String] = [:]
    /// Each edge's route, by the edge's `id` attribute.
    public var edgeRoutes: [String: Route] = [:]
    /// The bounding box.
    public var boundingBox = LayoutResult.Box(minX: 0, minY: 0, maxX: 0, maxY: 0)

    /// Every point of a `pos` or `lp` text moved by (`dx`, `dy`); `e,`/`s,` marks kept.
    public static func shifted(_ text: String, dx: Double, dy: Double) -> String {
        // One pass over the UTF-8 bytes that appends to one string (no Character
        // indexing, no Foundation trimming): the page fit shifts every spline of
        // every packed candidate. Tokens are separated by spaces, points by commas.
        let space = UInt8(ascii: " "), comma = UInt8(ascii: ","), bang = UInt8(ascii: "!")
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for token in text.utf8.split(separator: space) {
            if !out.isEmpty { out += " " }
            var body = token[...]
            var mark = ""
            if body.count >= 2, body[body.index(after: body.startIndex)] == comma,
               body.first == UInt8(ascii: "e") || body.first == UInt8(ascii: "s") {
                mark = body.first == UInt8(ascii: "e") ? "e," : "s,"
                body = body.dropFirst(2)
            }
            let parts = body.split(separator: comma)
            var y = parts.count >= 2 ? parts[1] : body
            while y.first == bang { y = y.dropFirst() }
            while y.last == bang { y = y.dropLast() }
            guard parts.count >= 2, let x = Double(Substring(parts[0])), let y = Double(Substring(y)) else {
                out += Substring(token)
                continue
            }
            out += mark
            out += GraphSpec.number(x + dx)
            out += ","
            out += GraphSpec.number(y + dy)
        }
        return out
    }
}
