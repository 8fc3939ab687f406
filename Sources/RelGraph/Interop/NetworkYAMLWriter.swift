import Yams

/// Writes a ``Network`` as a relgraph YAML document that loads back to an equal
/// network.
///
///     let yaml = try NetworkYAMLWriter().string(for: network)
///
/// The keys come in the order people write them (title, description, sources,
/// entity_kinds, relation_types, entities, relations, style, views; within an entity id, kind,
/// name, …). Text goes through Yams' emitter, so quoting is YAML's own; on top of
/// that every string that a YAML 1.1 or 1.2 reader could take for something other
/// than text (dates such as `"2015-01"`, numbers, `yes`, `null`, `~`) is
/// double-quoted, so the file means the same to relgraph, to Python's `yaml` and
/// to editors. Lists of words are written inline (`[a, b]`), lists of mappings as
/// blocks, text with line breaks as literal blocks (`|`). The same network always
/// gives the same bytes.
public struct NetworkYAMLWriter: Sendable {
    /// Comment lines written at the top (without `#`), e.g. where the data came from.
    public var headerComments: [String]
    /// Longest line the emitter aims for before folding long text (default 100).
    public var width: Int

    /// Creates a writer.
    public init(headerComments: [String] = [], width: Int = 100) {
        self.headerComments = headerComments
        self.width = width
    }

    /// Errors writing YAML (Yams' emitter failing; not expected for valid networks).
    public struct WriteError: Error, CustomStringConvertible {
        /// What the emitter said.
        public var message: String
        public var description: String { "cannot write YAML: \(message)" }
    }

    /// The document as YAML text, ending with a newline.
    public func string(for network: Network) throws(WriteError) -> String {
        try string(for: NetworkDocument.tree(of: network))
    }

    /// The document as UTF-8 bytes.
    public func data(for network: Network) throws(WriteError) -> [UInt8] {
        Array(try string(for: network).utf8)
    }

    /// Any document tree as YAML (used for the network and, in tests, for parts of it).
    func string(for tree: JSONValue) throws(WriteError) -> String {
        let node = Self.node(tree, path: [])
        let body: String
        do {
            body = try Yams.serialize(node: node, indent: 2, width: width, allowUnicode: true, lineBreak: .ln)
        } catch {
            throw WriteError(message: "\(error)")
        }
        var header = ""
        for line in headerComments {
            for part in line.split(separator: "\n", omittingEmptySubsequences: false) {
                header += part.isEmpty ? "#\n" : "# \(part)\n"
            }
        }
        return header + body
    }

    // MARK: Tree to Yams nodes

    /// Objects written inline: small records of words.
    private static func isFlowObject(path: [String]) -> Bool {
        guard let last = path.last else { return false }
        if last == "external_ids" { return true }
        // style.kinds.group, style.types.sponsors, style.tags.proxy
        return path.count == 3 && path[0] == "style" && ["kinds", "types", "tags"].contains(path[1])
    }

    static func node(_ value: JSONValue, path: [String]) -> Node {
        switch value {
        case .string(let text): return .scalar(scalar(text))
        case .int(let i): return .scalar(.init(String(i), Tags.int, .plain))
        case .double(let d):
            let text = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
            return .scalar(.init(text, Tags.float, .plain))
        case .bool(let b): return .scalar(.init(b ? "true" : "false", Tags.bool, .plain))
        case .null: return .scalar(.init("null", Tags.null, .plain))
        case .array(let items):
            let scalarsOnly = items.allSatisfy {
                if case .array = $0 { return false }
                if case .object = $0 { return false }
                return true
            }
            let style: Node.Sequence.Style = scalarsOnly ? .flow : .block
            return .sequence(.init(items.map { node($0, path: path) }, .implicit, style))
        case .object(let members):
            let style: Node.Mapping.Style = isFlowObject(path: path) ? .flow : .block
            let pairs = members.map { (key, value) in
                (Node.scalar(scalar(key)), node(value, path: path + [key]))
            }
            return .mapping(.init(pairs, .implicit, style))
        }
    }

    /// A text scalar: literal block for multi-line text, double quotes for text a
    /// YAML reader could take for another type, plain otherwise (the emitter still
    /// quotes text that cannot be plain, such as `a: b` or `#x`).
    static func scalar(_ text: String) -> Node.Scalar {
        if text.utf8.contains(UInt8(ascii: "\n")) { return .init(text, Tags.string, .literal) }
        if needsQuotes(text) { return .init(text, Tags.string, .doubleQuoted) }
        return .init(text, Tags.string, .plain)
    }

    /// Each scalar's tag, named (so Yams never resolves it), one shared instance
    /// per kind. Yams emits scalars without their tag whatever it is (plain and
    /// quoted implicit), so the bytes are those of implicit tags; an implicit tag
    /// made Yams run its resolver's regular expressions on every scalar (a third
    /// of the time of writing a 100,000-object STIX import). ``needsQuotes(_:)``
    /// already quotes every string a resolver would read as something else.
    enum Tags {
        nonisolated(unsafe) static let string = Tag(.str)
        nonisolated(unsafe) static let int = Tag(.int)
        nonisolated(unsafe) static let float = Tag(.float)
        nonisolated(unsafe) static let bool = Tag(.bool)
        nonisolated(unsafe) static let null = Tag(.null)
    }

    /// Whether plain `text` could be read as null, a boolean, a number, a date or a
    /// merge key by YAML 1.1 or 1.2 readers.
    static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty { return true }
        // The special words are at most 5 bytes long: longer text is not lowercased.
        if text.utf8.count <= 5, specialWords.contains(text.lowercased()) { return true }
        let bytes = Array(text.utf8)
        let first = bytes[0]
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        // Numbers in any YAML notation (0x1F, 1_000, 1e3, 1:20 sexagesimal) and
        // dates/timestamps all start with a digit, a sign or a dot and use few characters.
        if isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            if bytes.allSatisfy({ numericBytes.contains($0) }) { return true }
            // 2001-12-14 21:59:43 and 2001-12-14t21:59:43 (YAML 1.1 timestamps).
            if bytes.count >= 10, bytes[0..<4].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") { return true }
        }
        return false
    }

    /// Plain scalars YAML 1.1 or 1.2 readers take for null, booleans, special
    /// floats or merge keys (compared lowercased).
    private static let specialWords: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
                                                    ".inf", "-.inf", "+.inf", ".nan", "<<", "="]
    /// Bytes of numbers in any YAML notation.
    private static let numericBytes = Set("0123456789abcdefABCDEFxXoO._:+-eE".utf8)
}
