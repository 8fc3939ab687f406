import CLibYAML

/// Reads YAML into a ``SyntaxNode`` tree with positions, through the system's
/// libyaml (the `CLibYAML` target: Debian's libyaml-dev).
///
/// relgraph composes the tree itself from libyaml's events, instead of calling
/// `Yams.Parser` (whose composer keeps neither an alias's own position nor both
/// positions of a duplicate key), for three reasons: the composer is iterative (no recursion to
/// overflow), YAML aliases are counted as they expand (a "billion laughs" document
/// is stopped at ``ReadLimits/maxAliasExpansion``), and duplicate keys are reported
/// by the decoder with both positions rather than thrown here.
struct YAMLSyntaxReader {
    private let limits: ReadLimits

    init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// A node under construction.
    private final class Frame {
        enum Kind { case sequence, mapping }
        let kind: Kind
        let location: SourceLocation
        let anchor: String?
        var items: [SyntaxNode] = []
        /// Nodes in this subtree, for alias accounting.
        var size = 1
        init(kind: Kind, location: SourceLocation, anchor: String?) {
            self.kind = kind
            self.location = location
            self.anchor = anchor
        }
    }

    /// Parses a single-document YAML stream.
    func parse(_ bytes: ArraySlice<UInt8>) throws(SyntaxError) -> SyntaxNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw SyntaxError(.limit, "out of memory starting the YAML parser", at: nil)
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> SyntaxNode in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return try compose(&parser, bytes: bytes)
        }
    }

    private func compose(_ parser: inout yaml_parser_t, bytes: ArraySlice<UInt8>) throws(SyntaxError) -> SyntaxNode {
        var stack: [Frame] = []
        var anchors: [String: (node: SyntaxNode, size: Int)] = [:]
        var root: SyntaxNode?
        var rootSize = 0
        var aliasBudget = limits.maxAliasExpansion
        var documents = 0

        func attach(_ node: SyntaxNode, size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = (node, size) }
            if let top = stack.last {
                top.items.append(node)
                top.size += size
            } else {
                root = node
                rootSize = size
            }
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw Self.parserError(parser, bytes: bytes)
            }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                guard let root else {
                    throw SyntaxError(.emptyDocument, "the file holds no YAML document", at: .start,
                                      hint: "a network is a mapping with `entities:` and `relations:`")
                }
                _ = rootSize
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw SyntaxError(.syntax, "a second YAML document starts here; relgraph reads one network per file",
                                      at: location, hint: "split the file, or remove the extra `---`")
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = Self.string(scalar.value, length: Int(scalar.length))
                if scalar.length > limits.maxStringBytes {
                    throw SyntaxError(.limit, "string longer than \(limits.maxStringBytes) bytes", at: location,
                                      hint: "relgraph keeps single values under \(limits.maxStringBytes >> 20) MiB")
                }
                let style: SyntaxNode.ScalarStyle = scalar.style == YAML_PLAIN_SCALAR_STYLE ? .plain : .quoted
                attach(SyntaxNode(.scalar(text, style), at: location), size: 1, anchor: Self.optionalString(scalar.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxNesting {
                    throw SyntaxError(.limit, "nesting deeper than \(limits.maxNesting) levels", at: location,
                                      hint: "relgraph documents nest a few levels deep; this file is not one")
                }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = Self.optionalString(isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                stack.append(Frame(kind: isSequence ? .sequence : .mapping, location: location, anchor: anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let node: SyntaxNode
                switch frame.kind {
                case .sequence:
                    node = SyntaxNode(.sequence(frame.items), at: frame.location)
                case .mapping:
                    var pairs: [SyntaxPair] = []
                    pairs.reserveCapacity(frame.items.count / 2)
                    var i = 0
                    while i + 1 < frame.items.count {
                        pairs.append(SyntaxPair(key: frame.items[i], value: frame.items[i + 1]))
                        i += 2
                    }
                    node = SyntaxNode(.mapping(pairs), at: frame.location)
                }
                attach(node, size: frame.size, anchor: frame.anchor)
            case YAML_ALIAS_EVENT:
                let name = Self.optionalString(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw SyntaxError(.syntax, "unknown alias '*\(name)'", at: location,
                                      hint: "define the anchor '&\(name)' before using it")
                }
                aliasBudget -= target.size
                if aliasBudget < 0 {
                    throw SyntaxError(.limit, "YAML aliases expand to more than \(limits.maxAliasExpansion) extra nodes (an alias bomb?)",
                                      at: location, hint: "write the repeated content out, or use fewer nested aliases")
                }
                var copy = target.node
                copy.location = location
                attach(copy, size: target.size, anchor: nil)
            default:
                break  // stream start, document end
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?, length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func parserError(_ parser: yaml_parser_t, bytes: ArraySlice<UInt8>) -> SyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return SyntaxError(.limit, "out of memory while reading YAML", at: nil)
        case YAML_READER_ERROR:
            let location = LineIndex.location(ofByte: Int(parser.problem_offset), in: bytes)
            return SyntaxError(.encoding, problem, at: location,
                               hint: "YAML files must be printable UTF-8 text")
        default:
            let mark = parser.problem_mark
            let location = SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            var message = problem
            if message.hasPrefix("Maximum nesting level reached") {
                return SyntaxError(.limit, "nesting deeper than libyaml's limit of 1000 levels", at: location,
                                   hint: "relgraph documents nest a few levels deep; this file is not one")
            }
            if let context {
                let cm = parser.context_mark
                message = "\(problem) (\(context) at \(cm.line + 1):\(cm.column + 1))"
            }
            return SyntaxError(.syntax, message, at: location, hint: hint(for: problem))
        }
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("found character that cannot start any token") {
            return "a tab or a stray character; YAML indents with spaces, and values starting with @ ` % need quotes"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' needs quotes, or the indentation is off"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check the indentation of this line against the one above"
        }
        if problem.contains("found unexpected end of stream") {
            return "a quote or bracket is not closed"
        }
        return nil
    }
}
