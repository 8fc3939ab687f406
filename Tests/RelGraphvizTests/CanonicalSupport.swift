import Foundation
import RelGraph
@testable import RelGraphDrawing
import RelGraphviz
import Yams

/// The seeded generator the shuffling tests use: the library's SplitMix64, so the
/// same seed gives the same shuffles on every run and platform.
typealias SeededGenerator = SplitMix64

enum Flagship {
    static let path = Paths.packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml")

    static var yaml: String { (try? String(contentsOf: path, encoding: .utf8)) ?? "" }

    /// The flagship network, loaded and validated.
    static func network() throws -> Network {
        try load(yaml, file: "iskp-isi-nexus.yaml")
    }
}

struct LoadFailure: Error, CustomStringConvertible {
    var description: String
}

/// Loads a network from YAML text; throws with the diagnostics when it is invalid.
func load(_ text: String, file: String = "test.yaml") throws -> Network {
    let loaded = NetworkLoader().load(bytes: Array(text.utf8), file: file, format: .yaml)
    if loaded.hasErrors { throw LoadFailure(description: loaded.errors.map(\.formatted).joined(separator: "\n")) }
    return loaded.network
}

/// Canonical DOT of a network, as `relgraph render --format dot` writes it.
func canonicalDOT(_ network: Network, legend: Bool = true, cluster: ViewDefinition.Clustering? = nil) throws -> String {
    var options = RenderOptions()
    options.format = .dot
    options.diagram.legend = legend
    options.diagram.cluster = cluster
    return try Renderer().render(network, options: options).data.text
}

/// The lines of `text` (without the final empty one).
func lines(_ text: String) -> [String] {
    var result = text.components(separatedBy: "\n")
    if result.last == "" { result.removeLast() }
    return result
}

/// Lines only in `old` and lines only in `new`, as multisets.
func lineChanges(_ old: String, _ new: String) -> (removed: [String], added: [String]) {
    var counts: [String: Int] = [:]
    for line in lines(old) { counts[line, default: 0] += 1 }
    var added: [String] = []
    for line in lines(new) {
        if let n = counts[line], n > 0 { counts[line] = n - 1 } else { added.append(line) }
    }
    var removed: [String] = []
    for line in lines(old) where (counts[line] ?? 0) > 0 {
        counts[line]! -= 1
        removed.append(line)
    }
    return (removed, added)
}

/// Reorders a relgraph YAML document without changing its meaning: every
/// mapping's keys (entity fields, `sources`, `relation_types`, `views`, `style`,
/// claims' fields…), the `entities` and `relations` lists, and the lists whose
/// order carries no meaning (`aliases`, `tags`, `sources` of entities and
/// relations, the `from`/`to` kinds of relation types). Claims keep their order.
enum YAMLShuffler {
    static let unorderedLists: Set<String> = ["entities", "relations", "aliases", "tags", "sources"]

    static func shuffle(_ text: String, using rng: inout SeededGenerator) throws -> String {
        guard let root = try Yams.compose(yaml: text) else { return text }
        return try Yams.serialize(node: shuffle(root, path: [], using: &rng))
    }

    static func shuffle(_ node: Node, path: [String], using rng: inout SeededGenerator) -> Node {
        switch node {
        case .mapping(let mapping):
            var pairs = mapping.map { pair in
                (pair.key, shuffle(pair.value, path: path + [pair.key.string ?? "?"], using: &rng))
            }
            pairs.shuffle(using: &rng)
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence):
            var items = sequence.map { shuffle($0, path: path + ["*"], using: &rng) }
            let name = path.last ?? ""
            let isTypeKinds = path.count == 3 && path[0] == "relation_types" && (name == "from" || name == "to")
            if unorderedLists.contains(name) || isTypeKinds { items.shuffle(using: &rng) }
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style))
        default:
            return node
        }
    }
}

/// Attribute names of one DOT attribute list (`[a=1, b="x, y", c=<…>]`), in order.
func attributeNames(inList list: Substring) -> [String] {
    var names: [String] = []
    var current = ""
    var inQuote = false, escape = false, html = 0
    var readingName = true
    for character in list {
        if inQuote {
            if escape { escape = false } else if character == "\\" { escape = true } else if character == "\"" { inQuote = false }
            continue
        }
        if html > 0 {
            if character == "<" { html += 1 } else if character == ">" { html -= 1 }
            continue
        }
        switch character {
        case "\"": inQuote = true
        case "<": html = 1
        case "=":
            if readingName { names.append(current.trimmingCharacters(in: .whitespaces)); readingName = false }
        case ",":
            readingName = true
            current = ""
        default:
            if readingName { current.append(character) }
        }
    }
    return names
}

/// The `[...]` part of a DOT statement line, if any (outside quotes and HTML).
func attributeList(of line: String) -> Substring? {
    var inQuote = false, escape = false, html = 0
    var start: String.Index?
    var index = line.startIndex
    while index < line.endIndex {
        let character = line[index]
        if inQuote {
            if escape { escape = false } else if character == "\\" { escape = true } else if character == "\"" { inQuote = false }
        } else if html > 0 {
            if character == "<" { html += 1 } else if character == ">" { html -= 1 }
        } else if character == "\"" {
            inQuote = true
        } else if character == "<" && start != nil {
            html = 1
        } else if character == "[" && start == nil {
            start = line.index(after: index)
        } else if character == "]", let s = start {
            return line[s..<index]
        }
        index = line.index(after: index)
    }
    return nil
}
