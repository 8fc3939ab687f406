import Foundation
import RelGraph

/// A graph as `relgraph diff` compares it: nodes with their effective attributes,
/// edges, subgraphs and graph attributes, with no statement order and no
/// Graphviz in it.
///
/// The RelGraphviz module makes one from any DOT file (through cgraph's reader)
/// and from a network (through relgraph's canonical DOT); ``GraphComparison``
/// compares two.
public struct DiffGraph: Sendable, Hashable {
    /// An attribute value: plain text or an HTML-like label (`label=<…>`), which
    /// differ even when their text is the same.
    public struct Value: Sendable, Hashable {
        /// The text, without DOT's quotes or angle brackets.
        public var text: String
        /// Whether it is an HTML-like label.
        public var isHTML: Bool

        /// Creates a value.
        public init(_ text: String, isHTML: Bool = false) {
            self.text = text
            self.isHTML = isHTML
        }

        /// The value for a diff report.
        package var diffValue: DiffValue { isHTML ? .html(text) : .text(text) }
    }

    /// One node.
    public struct Node: Sendable, Hashable {
        /// The node's name (for relgraph's DOT: the entity id).
        public var name: String
        /// Its effective attributes: its own, and the defaults in force where it
        /// was declared (`node [color=red]; a` gives `a` the attribute `color=red`).
        public var attributes: [String: Value]

        /// Creates a node.
        public init(name: String, attributes: [String: Value] = [:]) {
            self.name = name
            self.attributes = attributes
        }
    }

    /// One edge.
    public struct Edge: Sendable, Hashable {
        /// Where it starts.
        public var tail: String
        /// Where it ends.
        public var head: String
        /// Its key (DOT's `key`; for relgraph's DOT, the relation key), which tells
        /// parallel edges apart.
        public var key: String?
        /// Its effective attributes (ports are `tailport` and `headport`).
        public var attributes: [String: Value]

        /// Creates an edge.
        public init(tail: String, head: String, key: String? = nil, attributes: [String: Value] = [:]) {
            self.tail = tail
            self.head = head
            self.key = key
            self.attributes = attributes
        }
    }

    /// A cluster, or another subgraph that sets attributes (`{rank=same; a b}`).
    /// Subgraphs that set nothing only group statements and have no effect on
    /// the drawing, so they are left out.
    public struct Subgraph: Sendable, Hashable {
        /// The name; `nil` for an anonymous subgraph.
        public var name: String?
        /// The name of the enclosing subgraph that is kept here, if any.
        public var parent: String?
        /// Its own attributes (not those it inherits).
        public var attributes: [String: Value]
        /// Its nodes, nested subgraphs' included, sorted by name (byte order).
        public var nodes: [String]

        /// Creates a subgraph.
        public init(name: String?, parent: String? = nil, attributes: [String: Value] = [:], nodes: [String] = []) {
            self.name = name
            self.parent = parent
            self.attributes = attributes
            self.nodes = nodes
        }

        /// Whether Graphviz draws it as a box (its name starts with `cluster`).
        public var isCluster: Bool { name?.hasPrefix("cluster") ?? false }
    }

    /// The graph's name; `nil` when anonymous.
    public var name: String?
    /// `digraph` (true) or `graph`.
    public var directed: Bool
    /// Whether the graph is `strict`.
    public var strict: Bool
    /// The root graph's attributes.
    public var attributes: [String: Value]
    /// The nodes.
    public var nodes: [Node]
    /// The edges.
    public var edges: [Edge]
    /// Clusters and attribute-setting subgraphs, outermost first.
    public var subgraphs: [Subgraph]

    /// Creates a graph.
    public init(name: String?, directed: Bool, strict: Bool = false, attributes: [String: Value] = [:],
                nodes: [Node] = [], edges: [Edge] = [], subgraphs: [Subgraph] = []) {
        self.name = name
        self.directed = directed
        self.strict = strict
        self.attributes = attributes
        self.nodes = nodes
        self.edges = edges
        self.subgraphs = subgraphs
    }

    /// `digraph`, `graph`, `strict digraph` or `strict graph`.
    public var kindName: String { (strict ? "strict " : "") + (directed ? "digraph" : "graph") }

    /// The edge operator: `->` or `--`.
    public var edgeOperator: String { directed ? "->" : "--" }
}

extension DiffGraph.Edge {
    /// The same edge written the other way round: `b -- a` for `a -- b`, with every
    /// end-specific attribute swapped (`tailport`/`headport`, `arrowtail`/`arrowhead`,
    /// `ltail`/`lhead`…, and `dir=forward`/`back`). In an undirected graph both
    /// are the same edge.
    public func reversed() -> DiffGraph.Edge {
        var swapped: [String: DiffGraph.Value] = [:]
        for (name, value) in attributes {
            var newName = name
            if name.contains("head") {
                newName = name.replacingOccurrences(of: "head", with: "tail")
            } else if name.contains("tail") {
                newName = name.replacingOccurrences(of: "tail", with: "head")
            }
            var newValue = value
            if name == "dir", !value.isHTML {
                if value.text == "forward" { newValue.text = "back" } else if value.text == "back" { newValue.text = "forward" }
            }
            swapped[newName] = newValue
        }
        return DiffGraph.Edge(tail: head, head: tail, key: key, attributes: swapped)
    }

    /// The edge written with its ends in byte order, for undirected graphs.
    package func normalizedUndirected() -> DiffGraph.Edge {
        ByteOrder.less(head, tail) ? reversed() : self
    }
}
