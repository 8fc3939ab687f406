import Foundation
import RelGraph

/// A graph in the normal form `relgraph diff` compares: nodes with their
/// effective attributes, edges, and only the subgraphs that matter to the
/// drawing, with no statement order. Made from a ``GraphSpec`` by
/// ``GraphSpec/normalized()`` (the one graph value: what relgraph writes, what it
/// reads back from DOT, and what it compares); ``GraphComparison`` compares two.
public struct NormalizedGraph: Sendable, Hashable {
    /// One node.
    public struct Node: Sendable, Hashable {
        /// The node's name (for relgraph's DOT: the entity id).
        public var name: String
        /// Its effective attributes: its own, and the defaults in force where it
        /// was declared (`node [color=red]; a` gives `a` the attribute `color=red`).
        public var attributes: [String: AttributeValue]

        /// Creates a node.
        public init(name: String, attributes: [String: AttributeValue] = [:]) {
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
        public var attributes: [String: AttributeValue]

        /// Creates an edge.
        public init(tail: String, head: String, key: String? = nil, attributes: [String: AttributeValue] = [:]) {
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
        public var attributes: [String: AttributeValue]
        /// Its nodes, nested subgraphs' included, sorted by name (byte order).
        public var nodes: [String]

        /// Creates a subgraph.
        public init(name: String?, parent: String? = nil, attributes: [String: AttributeValue] = [:], nodes: [String] = []) {
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
    public var attributes: [String: AttributeValue]
    /// The nodes.
    public var nodes: [Node]
    /// The edges.
    public var edges: [Edge]
    /// Clusters and attribute-setting subgraphs, outermost first.
    public var subgraphs: [Subgraph]

    /// Creates a graph.
    public init(name: String?, directed: Bool, strict: Bool = false, attributes: [String: AttributeValue] = [:],
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

extension NormalizedGraph.Edge {
    /// The same edge written the other way round: `b -- a` for `a -- b`, with every
    /// end-specific attribute swapped (`tailport`/`headport`, `arrowtail`/`arrowhead`,
    /// `ltail`/`lhead`…, and `dir=forward`/`back`). In an undirected graph both
    /// are the same edge.
    public func reversed() -> NormalizedGraph.Edge {
        var swapped: [String: AttributeValue] = [:]
        for (name, value) in attributes {
            var newName = name
            if name.contains("head") {
                newName = name.replacingOccurrences(of: "head", with: "tail")
            } else if name.contains("tail") {
                newName = name.replacingOccurrences(of: "tail", with: "head")
            }
            var newValue = value
            if name == "dir", !value.isHTML {
                if value.text == "forward" { newValue = "back" } else if value.text == "back" { newValue = "forward" }
            }
            swapped[newName] = newValue
        }
        return NormalizedGraph.Edge(tail: head, head: tail, key: key, attributes: swapped)
    }

    /// The edge written with its ends in byte order, for undirected graphs.
    package func normalizedUndirected() -> NormalizedGraph.Edge {
        ByteOrder.less(head, tail) ? reversed() : self
    }
}

extension AttributeValue {
    /// The value for a diff report.
    package var diffValue: DiffValue { isHTML ? .html(text) : .text(text) }
}

extension GraphSpec {
    /// The graph in the normal form `relgraph diff` compares: each node's and
    /// edge's effective attributes (the defaults folded in, empty values left
    /// out), edge keys, and the clusters and attribute-setting subgraphs
    /// (flattened, each with its nearest kept parent; members sorted by name).
    /// Subgraphs that set nothing, such as relgraph's `entities` block, only group
    /// statements and are left out. An empty name is an anonymous graph (`nil`).
    public func normalized() -> NormalizedGraph {
        func effective(_ own: GraphAttributes, _ defaults: GraphAttributes) -> GraphAttributes {
            defaults.merging(own) { _, mine in mine }.filter { !$0.value.text.isEmpty }
        }
        var kept: [NormalizedGraph.Subgraph] = []
        func walk(_ list: [Subgraph], parent: String?) {
            for subgraph in list {
                let keep = subgraph.isCluster || !subgraph.attributes.isEmpty
                if keep {
                    kept.append(NormalizedGraph.Subgraph(
                        name: subgraph.name, parent: parent, attributes: subgraph.attributes,
                        nodes: Set(subgraph.nodes).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }))
                }
                walk(subgraph.subgraphs, parent: keep ? (subgraph.name ?? parent) : parent)
            }
        }
        walk(subgraphs, parent: nil)
        return NormalizedGraph(
            name: name.isEmpty ? nil : name, directed: directed, strict: strict,
            attributes: attributes,
            nodes: nodes.map { NormalizedGraph.Node(name: $0.name, attributes: effective($0.attributes, nodeDefaults)) },
            edges: edges.map { NormalizedGraph.Edge(tail: $0.tail, head: $0.head, key: $0.key,
                                                    attributes: effective($0.attributes, edgeDefaults)) },
            subgraphs: kept)
    }
}
