/// A value of a generated document, with mapping keys in the order they are
/// written (never a dictionary's order, so output is the same in every process).
package indirect enum DocumentValue: Sendable, Equatable {
    /// Text: written double-quoted in both YAML and JSON.
    case string(String)
    /// A bare word (an id, a kind, a number): written unquoted in YAML, quoted in JSON.
    /// Only for slugs that YAML reads back as the same string.
    case word(String)
    /// A list.
    case list([DocumentValue])
    /// A mapping, in key order as given.
    case map([(String, DocumentValue)])

    package static func == (a: DocumentValue, b: DocumentValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)), (.word(let x), .word(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

/// Writes a ``DocumentValue`` tree as relgraph YAML or JSON, byte for byte the
/// same for the same tree.
///
/// Layout: top-level sections are block style; each entity, relation and
/// source is one item whose fields are on their own lines (YAML) or one line
/// (JSON), so files stay readable and diff well. Strings are double-quoted with
/// JSON escapes, which YAML's double-quoted style reads the same way.
package enum DocumentWriter {
    /// The document as JSON: an object whose list items are one per line.
    package static func json(_ root: DocumentValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        writeJSON(root, depth: 0, into: &out)
        out.append(0x0A)
        return out
    }

    /// The document as block-style YAML.
    package static func yaml(_ root: DocumentValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        guard case .map(let pairs) = root else {
            writeFlowYAML(root, into: &out)
            out.append(0x0A)
            return out
        }
        writeYAMLMap(pairs, indent: 0, into: &out)
        return out
    }

    // MARK: JSON

    /// Depth 0 (the document) and 1 (its sections) are spread over lines;
    /// deeper values are written on one line.
    private static func writeJSON(_ value: DocumentValue, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let text), .word(let text):
            writeQuoted(text, into: &out)
        case .list(let items):
            if items.isEmpty { out += Array("[]".utf8); return }
            if depth < 2 {
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    out.append(0x0A)
                    indent(depth + 1, into: &out)
                    writeJSON(item, depth: depth + 1, into: &out)
                    if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
                }
                out.append(0x0A)
                indent(depth, into: &out)
                out.append(UInt8(ascii: "]"))
            } else {
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { out += [UInt8(ascii: ","), 0x20] }
                    writeJSON(item, depth: depth + 1, into: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        case .map(let pairs):
            if pairs.isEmpty { out += Array("{}".utf8); return }
            if depth < 2 {
                out.append(UInt8(ascii: "{"))
                for (i, (key, item)) in pairs.enumerated() {
                    out.append(0x0A)
                    indent(depth + 1, into: &out)
                    writeQuoted(key, into: &out)
                    out += [UInt8(ascii: ":"), 0x20]
                    writeJSON(item, depth: depth + 1, into: &out)
                    if i + 1 < pairs.count { out.append(UInt8(ascii: ",")) }
                }
                out.append(0x0A)
                indent(depth, into: &out)
                out.append(UInt8(ascii: "}"))
            } else {
                out.append(UInt8(ascii: "{"))
                for (i, (key, item)) in pairs.enumerated() {
                    if i > 0 { out += [UInt8(ascii: ","), 0x20] }
                    writeQuoted(key, into: &out)
                    out += [UInt8(ascii: ":"), 0x20]
                    writeJSON(item, depth: depth + 1, into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    private static func indent(_ depth: Int, into out: inout [UInt8]) {
        for _ in 0..<(2 * depth) { out.append(0x20) }
    }

    /// `text` in double quotes with JSON escapes (valid in YAML double-quoted scalars too).
    static func writeQuoted(_ text: String, into out: inout [UInt8]) {
        out += Array(JSONString.quoted(text).utf8)
    }

    // MARK: YAML

    private static func writeYAMLMap(_ pairs: [(String, DocumentValue)], indent: Int, into out: inout [UInt8]) {
        for (key, value) in pairs {
            spaces(indent, into: &out)
            out += Array(key.utf8)
            out.append(UInt8(ascii: ":"))
            writeYAMLValue(value, indent: indent, into: &out)
        }
    }

    /// Writes what follows `key:` (or `- `), ending with a newline.
    private static func writeYAMLValue(_ value: DocumentValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .string, .word:
            out.append(0x20)
            writeFlowYAML(value, into: &out)
            out.append(0x0A)
        case .list(let items):
            if items.isEmpty || items.allSatisfy(isScalar) {
                out.append(0x20)
                writeFlowYAML(value, into: &out)
                out.append(0x0A)
                return
            }
            out.append(0x0A)
            for item in items {
                spaces(indent + 2, into: &out)
                out += [UInt8(ascii: "-"), 0x20]
                if case .map(let pairs) = item, !pairs.isEmpty, pairs.allSatisfy({ isScalar($0.1) || isFlat($0.1) }) {
                    // First field on the dash line, the others aligned under it.
                    for (i, (key, field)) in pairs.enumerated() {
                        if i > 0 { spaces(indent + 4, into: &out) }
                        out += Array(key.utf8)
                        out.append(UInt8(ascii: ":"))
                        writeYAMLValue(field, indent: indent + 4, into: &out)
                    }
                } else {
                    writeFlowYAML(item, into: &out)
                    out.append(0x0A)
                }
            }
        case .map(let pairs):
            if pairs.isEmpty { out += Array(" {}\n".utf8); return }
            out.append(0x0A)
            writeYAMLMap(pairs, indent: indent + 2, into: &out)
        }
    }

    private static func isScalar(_ value: DocumentValue) -> Bool {
        switch value {
        case .string, .word: return true
        default: return false
        }
    }

    /// A list of scalars or of flat mappings: written as block items of flow mappings.
    private static func isFlat(_ value: DocumentValue) -> Bool {
        switch value {
        case .string, .word: return true
        case .list(let items): return items.allSatisfy { item in
            if case .map(let pairs) = item { return pairs.allSatisfy { isScalar($0.1) } }
            return isScalar(item)
        }
        case .map(let pairs): return pairs.allSatisfy { isScalar($0.1) }
        }
    }

    /// One value in YAML flow style: `word`, `"text"`, `[a, b]`, `{k: v}`.
    private static func writeFlowYAML(_ value: DocumentValue, into out: inout [UInt8]) {
        switch value {
        case .word(let text): out += Array(text.utf8)
        case .string(let text): writeQuoted(text, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out += [UInt8(ascii: ","), 0x20] }
                writeFlowYAML(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (key, item)) in pairs.enumerated() {
                if i > 0 { out += [UInt8(ascii: ","), 0x20] }
                out += Array(key.utf8)
                out += [UInt8(ascii: ":"), 0x20]
                writeFlowYAML(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func spaces(_ count: Int, into out: inout [UInt8]) {
        for _ in 0..<count { out.append(0x20) }
    }
}
