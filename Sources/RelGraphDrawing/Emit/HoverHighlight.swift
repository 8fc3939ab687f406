import Foundation
import RelGraph

/// Hover highlighting without script (`render --hover`): hovering an entity dims
/// everything that does not touch it; hovering a line dims everything but the line
/// and its two ends. Pure CSS in the SVG's own `<style>`, with `:has()`.
///
/// Every element names its neighbours in its classes (entity and list ids made CSS
/// names by ``token(_:)``):
/// - an entity: `n-ID` (itself) and `t-M` for every entity or list M it shares a line with;
/// - an entity inside a list node (folded leaves): `n-LIST` and `t-M` for the list's
///   neighbours (the list's one line is each of its entities' line);
/// - a line between A and B (merged or not): `t-A t-B`.
///
/// The stylesheet then has one selector per entity or list N — while `.n-N` is
/// hovered, `.t-N` stays lit — and one per line — while `.t-A.t-B` is hovered,
/// `.n-A` and `.n-B` stay lit — over one rule that dims every entity and line while
/// any is hovered. Every selector starts with the diagram's root id, so two
/// diagrams on one page do not affect each other; where `:has()` is unsupported
/// the rules are dropped and nothing dims.
package struct HoverHighlight: Sendable {
    /// Classes to add, by the (unprefixed) id of the group they belong to.
    package let classes: [String: [String]]
    /// The CSS names of entities and lists that have a line, sorted.
    package let nodes: [String]
    /// The CSS names of each line's ends (`A`, `B`; `A <= B`), sorted, without repeats.
    package let lines: [[String]]

    package init(diagram: Diagram) {
        var neighbours: [String: Set<String>] = [:]
        var ends = Set<[String]>()
        var classes: [String: [String]] = [:]
        let lists = Set(diagram.nodes.filter(\.isList).map(\.id))
        func name(_ id: String) -> String { lists.contains(id) ? Self.listToken(id) : Self.token(id) }
        for edge in diagram.edges {
            let a = name(edge.from), b = name(edge.to)
            if a != b {
                neighbours[edge.from, default: []].insert(b)
                neighbours[edge.to, default: []].insert(a)
            }
            let pair = a == b ? [a] : [min(a, b), max(a, b)]
            ends.insert(pair)
            classes[XMLName.make("relation", edge.key)] = pair.map { "t-" + $0 }
        }
        for node in diagram.nodes {
            let own = ["n-" + name(node.id)] + (neighbours[node.id] ?? []).sorted().map { "t-" + $0 }
            if node.isList {
                for entry in node.entries { classes[XMLName.make("entity", entry.id)] = own }
            } else {
                classes[XMLName.make("entity", node.id)] = own
            }
        }
        self.classes = classes
        self.nodes = neighbours.keys.map(name).sorted()
        self.lines = ends.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The stylesheet, every selector starting with `scope` (the root's `#id`).
    package func css(scope: String) -> String {
        guard !nodes.isEmpty else { return "" }
        // Zero specificity past the root id (`:where`), so the lighting rules below win.
        var out = "\n\(scope):where(:has(.entity:hover,.relation:hover)) :where(.entity,.relation):where(:not(:hover))"
            + "{opacity:.15;transition:opacity .15s}\n\(scope) .relation:hover path{stroke-width:2.5}\n"
        var selectors = nodes.map { "\(scope):has(.n-\($0):hover) .t-\($0)" }
        selectors += lines.map { ends in
            "\(scope):has(\(ends.map { ".t-" + $0 }.joined()):hover) :is(\(ends.map { ".n-" + $0 }.joined(separator: ",")))"
        }
        out += selectors.joined(separator: ",\n") + "{opacity:1}\n"
        return out
    }

    /// A list node's name: its id is a long description of what it folds
    /// (hub, direction, types), repeated on each of its entities, so it is named by
    /// a hash of the id instead: `_L` and 16 hex digits, which no ``token(_:)`` of an
    /// entity id can be (there `_` is followed by lowercase hex digits or `_`).
    package static func listToken(_ id: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return "_L" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// An entity id as a CSS identifier that needs no escaping: ``XMLName``'s
    /// encoding (letters, digits and `-` kept, `_` doubled, any other character
    /// `_HEX_`; injective) with `.` written `_2e_` too.
    package static func token(_ id: String) -> String {
        String(XMLName.make("x", id).dropFirst(2)).replacingOccurrences(of: ".", with: "_2e_")
    }
}
