/// A YAML or JSON document as a tree of scalars, sequences and mappings, each with
/// its position in the file.
///
/// Both readers produce this tree, so everything after reading (decoding into a
/// ``Network``, validation, diagnostics) is written once for both formats.
public struct SyntaxNode: Sendable {
    /// How a scalar was written. Plain scalars are YAML's unquoted words and JSON's
    /// numbers, booleans and `null`; quoted scalars are strings.
    public enum ScalarStyle: Sendable, Hashable {
        case plain
        case quoted
    }

    /// The shape and content of a node.
    public enum Value: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([SyntaxNode])
        case mapping([SyntaxPair])
    }

    /// The node's content.
    public var value: Value
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// Whether this node is YAML's or JSON's null (`null`, `~`, or an empty plain value).
    public var isNull: Bool {
        if case .scalar(let text, .plain) = value {
            return text.isEmpty || text == "null" || text == "~" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// A short name for the node's type, for messages: "a string", "a list", "a mapping".
    public var typeDescription: String {
        switch value {
        case .scalar(let text, let style):
            if isNull { return "null" }
            if style == .plain {
                if ["true", "false"].contains(text) { return "a boolean" }
                if Double(text) != nil { return "a number" }
            }
            return "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// A key and its value in a mapping; the key keeps its own position for
/// "unknown key" diagnostics.
public struct SyntaxPair: Sendable {
    /// The key node (a scalar in every valid relgraph document).
    public var key: SyntaxNode
    /// The value node.
    public var value: SyntaxNode

    /// Creates a pair.
    public init(key: SyntaxNode, value: SyntaxNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when the key is a scalar.
    public var keyText: String? {
        if case .scalar(let text, _) = key.value { return text }
        return nil
    }
}

/// A problem that stops a file from being read at all: syntax, encoding, limits.
public struct SyntaxError: Error, Sendable, Equatable {
    /// The diagnostic code (`syntax`, `encoding`, `limit`, `empty-document`).
    public var code: DiagnosticCode
    /// What went wrong.
    public var message: String
    /// Where, when known.
    public var location: SourceLocation?
    /// How to fix it.
    public var hint: String?

    /// Creates an error.
    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// The error as a diagnostic for `file`.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(file: file, location: location, severity: .error, code: code, message: message, hint: hint)
    }
}

extension SyntaxNode {
    /// A mapping's values by key (the last wins when a key repeats); `nil` when
    /// the node is not a mapping.
    var members: [String: SyntaxNode]? {
        guard case .mapping(let pairs) = value else { return nil }
        var result: [String: SyntaxNode] = [:]
        result.reserveCapacity(pairs.count)
        for pair in pairs { if let key = pair.keyText { result[key] = pair.value } }
        return result
    }

    /// The text of a quoted scalar (a JSON string); `nil` for anything else.
    var quotedText: String? {
        guard case .scalar(let text, .quoted) = value else { return nil }
        return text
    }
}
