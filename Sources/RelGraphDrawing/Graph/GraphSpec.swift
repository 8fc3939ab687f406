import Foundation
import RelGraph

/// A neutral description of one graph, built into a cgraph graph with
/// `agopen`/`agnode`/`agedge`/`agsubg`/`agattr`/`agxset` calls (never through DOT text).
///
/// Objects are created in array order: nodes first, then subgraphs (depth first),
/// then edges. Sort the arrays before building if you want canonical output.
/// Attribute names are declared in sorted order, so the same spec always
/// produces the same graph, byte for byte.
///
/// Attribute semantics follow DOT written in that order:
/// - `attributes` are the root graph's attributes. As with `graph [...]` at the
///   top of a DOT file, subgraphs inherit them unless they set their own value.
///   In particular a root `label` appears on every cluster that has no `label`:
///   give such clusters `label: ""` (or a label of their own).
/// - `nodeDefaults`/`edgeDefaults` are `node [...]`/`edge [...]` at the top:
///   every node/edge without its own value takes them.
/// - A subgraph's `attributes` are inherited by its nested subgraphs.
public struct GraphSpec: Sendable, Equatable {
    /// The graph's name (`digraph NAME {`). An empty name is written as `""`.
    public var name: String
    /// Whether edges are directed (`digraph`) or not (`graph`).
    public var directed: Bool
    /// Whether the graph is `strict`: at most one edge per node pair; a repeated
    /// edge merges into the first one (its attributes are applied to it).
    public var strict: Bool
    /// The root graph's attributes (inherited by subgraphs, see above).
    public var attributes: GraphAttributes
    /// Attribute values every node takes unless it sets its own (`node [...]`).
    public var nodeDefaults: GraphAttributes
    /// Attribute values every edge takes unless it sets its own (`edge [...]`).
    public var edgeDefaults: GraphAttributes
    /// The nodes, created in this order. Names must be unique.
    public var nodes: [Node]
    /// The edges, created in this order after the nodes and subgraphs.
    public var edges: [Edge]
    /// The top-level subgraphs, created in this order (clusters are subgraphs
    /// whose name starts with `cluster`).
    public var subgraphs: [Subgraph]

    /// Creates a graph description; every part defaults to empty.
    public init(
        name: String = "G",
        directed: Bool = true,
        strict: Bool = false,
        attributes: GraphAttributes = [:],
        nodeDefaults: GraphAttributes = [:],
        edgeDefaults: GraphAttributes = [:],
        nodes: [Node] = [],
        edges: [Edge] = [],
        subgraphs: [Subgraph] = []
    ) {
        self.name = name
        self.directed = directed
        self.strict = strict
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.nodes = nodes
        self.edges = edges
        self.subgraphs = subgraphs
    }

    /// One node: its name (the DOT id, any text) and its own attributes.
    public struct Node: Sendable, Equatable {
        /// The node's name. Any text without NUL characters; a `:` in it is part
        /// of the name (no port syntax is involved when building from a spec).
        public var name: String
        /// The node's own attributes.
        public var attributes: GraphAttributes

        /// Creates a node.
        public init(_ name: String, attributes: GraphAttributes = [:]) {
            self.name = name
            self.attributes = attributes
        }
    }

    /// One edge between two nodes declared in ``GraphSpec/nodes``.
    public struct Edge: Sendable, Equatable {
        /// The tail node's name (where a directed edge starts).
        public var tail: String
        /// The head node's name (where a directed edge ends).
        public var head: String
        /// The edge's name (DOT's `key` pseudo-attribute). Two edges between the
        /// same nodes with the same key are the same edge; edges with no key are
        /// always distinct (unless the graph is strict).
        public var key: String?
        /// The edge's own attributes. `key` is not allowed here: use ``key``.
        /// Ports are the attributes `tailport` and `headport`.
        public var attributes: GraphAttributes

        /// Creates an edge.
        public init(_ tail: String, _ head: String, key: String? = nil, attributes: GraphAttributes = [:]) {
            self.tail = tail
            self.head = head
            self.key = key
            self.attributes = attributes
        }
    }

    /// A subgraph (a cluster when its name starts with `cluster`).
    public struct Subgraph: Sendable, Equatable {
        /// The subgraph's name; `nil` makes an anonymous subgraph (`{ ... }` in DOT,
        /// handy for `rank=same` groups). Sibling subgraphs with the same name are
        /// one subgraph, as in DOT.
        public var name: String?
        /// The subgraph's attributes (inherited by its nested subgraphs).
        public var attributes: GraphAttributes
        /// Names of member nodes; each must be declared in ``GraphSpec/nodes``.
        /// A node may belong to several subgraphs; members of nested subgraphs are
        /// members of their parents too.
        public var nodes: [String]
        /// Nested subgraphs, created in this order after this subgraph's attributes
        /// are set and its nodes added.
        public var subgraphs: [Subgraph]

        /// Creates a subgraph.
        public init(_ name: String?, attributes: GraphAttributes = [:], nodes: [String] = [], subgraphs: [Subgraph] = []) {
            self.name = name
            self.attributes = attributes
            self.nodes = nodes
            self.subgraphs = subgraphs
        }

        /// Whether Graphviz treats this subgraph as a cluster (name starts with `cluster`).
        public var isCluster: Bool { name?.hasPrefix("cluster") ?? false }
    }
}

extension GraphSpec {
    /// A copy whose nodes are pinned at the positions of `layout`, for rendering
    /// with ``LayoutEngine/nop2`` or ``LayoutEngine/nop`` (`neato -n2`/`-n`),
    /// which keep positions as given, so that a subset of a laid-out graph is
    /// drawn with every node exactly where the full layout put it, on the same
    /// canvas.
    ///
    /// This is how a timeline keeps nodes still between frames: lay out the union
    /// of all frames once, then render each frame pinned to that layout.
    ///
    /// What it sets, and why (Graphviz 2.42 behaviour, checked by tests):
    /// - each node found in `layout` gets `pos="x,y!"` (points, centre; the `!`
    ///   also pins it for `neato`/`fdp`). Nodes missing from `layout` are left as
    ///   they are (`nop` then fails with "node X has no position").
    /// - `notranslate=true`: otherwise `nop` moves the drawing so that the
    ///   frame's own bounding box starts at the origin, shifting every node.
    /// - `viewport="W,H,1,cx,cy"`: the union's bounding box plus the margin
    ///   (`pad`, 4 points unless the spec sets it), centred on the union's centre.
    ///   `nop` ignores a `bb` attribute and computes the frame's own, so without
    ///   this the canvas (SVG size and `translate`) would follow each frame.
    ///
    /// Edges are routed anew for each frame, and a root graph label is placed
    /// relative to the frame's own bounding box.
    public func pinned(to layout: LayoutResult) -> GraphSpec {
        var copy = self
        for index in copy.nodes.indices {
            if let node = layout.node(named: copy.nodes[index].name) {
                copy.nodes[index].attributes["pos"] = .string("\(Self.number(node.x)),\(Self.number(node.y))!")
            }
        }
        let box = layout.boundingBox
        let (padX, padY) = Self.padPoints(attributes["pad"]?.text)
        let width = box.maxX - box.minX + 2 * padX
        let height = box.maxY - box.minY + 2 * padY
        let centreX = (box.minX + box.maxX) / 2
        let centreY = (box.minY + box.maxY) / 2
        copy.attributes["notranslate"] = "true"
        copy.attributes["viewport"] = .string(
            "\(Self.number(width)),\(Self.number(height)),1,\(Self.number(centreX)),\(Self.number(centreY))")
        return copy
    }

    /// Graphviz's `pad` ("x" or "x,y", inches) in points; 4 points by default.
    package static func padPoints(_ value: String?) -> (Double, Double) {
        guard let value, !value.isEmpty else { return (4, 4) }
        let parts = value.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: return (parts[0] * 72, parts[0] * 72)
        case 2...: return (parts[0] * 72, parts[1] * 72)
        default: return (4, 4)
        }
    }

    /// Shortest text that reads back as the same Double (no exponent for usual values).
    package static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}

extension GraphSpec {
    /// The node called `name`, if any.
    public func node(named name: String) -> Node? {
        nodes.first { $0.name == name }
    }
}
