/// A YAML or JSON document as a tree of scalars, sequences and mappings, each with
/// its position in the file.
///
/// Both readers produce this tree, so everything after reading (decoding into a
/// ``Network``, validation, diagnostics) is written once for both formats.
package struct SyntaxNode: Sendable {
    /// How a scalar was written. Plain scalars are YAML's unquoted words and JSON's
    /// numbers, booleans and `null`; quoted scalars are strings.
    package enum ScalarStyle: Sendable, Hashable {
        case plain
        case quoted
    }

    /// The shape and content of a node.
    package enum Value: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([SyntaxNode])
        case mapping([SyntaxPair])
    }

    /// The node's content.
    package var value: Value
    /// Where the node starts.
    package var location: SourceLocation

    /// Creates a node.
    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// Whether this node is YAML's or JSON's null (`null`, `~`, or an empty plain value).
    package var isNull: Bool {
        if case .scalar(let text, .plain) = value {
            return text.isEmpty || text == "null" || text == "~" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// A short name for the node's type, for messages: "a string", "a list", "a mapping".
    package var typeDescription: String {
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
package struct SyntaxPair: Sendable {
    /// The key node (a scalar in every valid relgraph document).
    package var key: SyntaxNode
    /// The value node.
    package var value: SyntaxNode

    /// Creates a pair.
    package init(key: SyntaxNode, value: SyntaxNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when the key is a scalar.
    package var keyText: String? {
        if case .scalar(let text, _) = key.value { return text }
        return nil
    }
}

/// A problem that stops a file from being read at all: syntax, encoding, limits.
package struct SyntaxError: Error, Sendable, Equatable {
    /// The diagnostic code (`syntax`, `encoding`, `limit`, `empty-document`).
    package var code: DiagnosticCode
    /// What went wrong.
    package var message: String
    /// Where, when known.
    package var location: SourceLocation?
    /// How to fix it.
    package var hint: String?

    /// Creates an error.
    package init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// The error as a diagnostic for `file`.
    package func diagnostic(file: String) -> Diagnostic {
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
