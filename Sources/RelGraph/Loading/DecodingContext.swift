/// Collects diagnostics while a document is decoded, and reads typed values out of
/// syntax nodes, reporting every wrong type, missing key or unknown key with its
/// position. Decoding never stops at the first problem.
final class DecodingContext {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The kinds the document declares under `entity_kinds:` (read first, so that
    /// entities, relation types, styles and views may use them).
    var declaredKinds: Set<EntityKind> = []
    /// The names of every kind the document may use, in canonical order.
    var kindNames: [String] = EntityKind.builtIn.map(\.rawValue)

    init(file: String) {
        self.file = file
    }

    func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        diagnostics.append(Diagnostic(file: file, location: location, severity: .error, code: code, message: message, hint: hint))
    }

    func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        diagnostics.append(Diagnostic(file: file, location: location, severity: .warning, code: code, message: message, hint: hint))
    }

    // MARK: Mappings

    /// The pairs of a mapping node, with unknown and duplicate keys reported.
    /// Returns `nil` (after reporting) when the node is not a mapping.
    func mapping(_ node: SyntaxNode, what: @autoclosure () -> String, allowedKeys: [String], ignoredKeys: Set<String> = [],
                 keyHint: @autoclosure () -> String? = nil) -> Fields? {
        guard case .mapping(let pairs) = node.value else {
            error(.wrongType, "\(what()) must be a mapping, found \(node.typeDescription)", at: node.location,
                  hint: keyHint() ?? "write it as `key: value` lines (YAML) or an object (JSON)")
            return nil
        }
        var fields = Fields(location: node.location)
        fields.entries.reserveCapacity(pairs.count)
        // Small mappings (every entity, relation and claim) look for repeated keys
        // among the earlier pairs instead of hashing into a dictionary of their own.
        let small = pairs.count <= 16
        var firstSeen: [String: SourceLocation] = [:]
        for (index, pair) in pairs.enumerated() {
            guard let key = pair.keyText else {
                error(.wrongType, "keys must be strings, found \(pair.key.typeDescription)", at: pair.key.location)
                continue
            }
            let earlier = small
                ? pairs[..<index].first(where: { $0.keyText == key })?.key.location
                : firstSeen[key]
            if let first = earlier {
                error(.duplicateKey, "duplicate key '\(key)' in \(what())", at: pair.key.location,
                      hint: "'\(key)' is already set at line \(first.line), column \(first.column); keep one")
                continue
            }
            if !small { firstSeen[key] = pair.key.location }
            if !ignoredKeys.isEmpty, ignoredKeys.contains(key) { continue }
            guard allowedKeys.contains(key) else {
                let what = what()
                var hint = Suggestions.didYouMean(key, in: allowedKeys) ?? ""
                hint += (hint.isEmpty ? "" : " ") + "Keys of \(what): \(allowedKeys.joined(separator: ", "))"
                error(.unknownKey, "unknown key '\(key)' in \(what)", at: pair.key.location, hint: hint)
                continue
            }
            fields.entries.append((key, pair.value))
        }
        return fields
    }

    /// The fields of one mapping: values by key, with their positions.
    ///
    /// Kept as a short list in document order (a mapping has at most one value per
    /// allowed key, a dozen or so): looking a key up in it costs less than hashing
    /// into a dictionary built for every entity, relation and claim.
    struct Fields {
        var location: SourceLocation
        /// Each accepted key and its value, in document order, without repeats.
        var entries: [(key: String, node: SyntaxNode)] = []

        /// The value of `key` as written, null included.
        func value(_ key: String) -> SyntaxNode? {
            entries.first(where: { $0.key == key })?.node
        }

        /// The value of `key`, unless absent or null.
        subscript(key: String) -> SyntaxNode? {
            guard let node = value(key), !node.isNull else { return nil }
            return node
        }

        /// Positions of every present value, for the source map.
        var itemLocations: ItemLocations {
            ItemLocations(start: location, uniqueFields: entries.lazy.map { (key: $0.key, location: $0.node.location) })
        }
    }

    // MARK: Scalars

    /// The text of a scalar, or `nil` (after reporting) for a list or mapping.
    func string(_ node: SyntaxNode?, _ what: @autoclosure () -> String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let text, _) = node.value else {
            error(.wrongType, "\(what()) must be a string, found \(node.typeDescription)", at: node.location,
                  hint: "write one value on the same line")
            return nil
        }
        return text
    }

    /// The text of a required scalar: a missing or empty value is reported.
    func requiredString(_ fields: Fields, _ key: String, in what: @autoclosure () -> String, example: String) -> String? {
        guard let node = fields.value(key) else {
            error(.missingKey, "\(what()) has no '\(key)'", at: fields.location, hint: "add `\(key): \(example)`")
            return nil
        }
        if node.isNull {
            error(.emptyValue, "'\(key)' of \(what()) is empty", at: node.location, hint: "give it a value, e.g. `\(key): \(example)`")
            return nil
        }
        guard let text = string(node, "'\(key)'") else { return nil }
        if text.isBlank {
            error(.emptyValue, "'\(key)' of \(what()) is empty", at: node.location, hint: "give it a value, e.g. `\(key): \(example)`")
            return nil
        }
        return text
    }

    /// A list of strings; `nil` entries are reported and skipped.
    func stringList(_ node: SyntaxNode?, _ what: @autoclosure () -> String) -> [String] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.value else {
            error(.wrongType, "\(what()) must be a list, found \(node.typeDescription)", at: node.location,
                  hint: "write a list: `[a, b]` or one `- item` per line")
            return []
        }
        return items.compactMap { item in
            if item.isNull {
                error(.emptyValue, "empty item in \(what())", at: item.location, hint: "remove the empty `-` line")
                return nil
            }
            return string(item, "each item of \(what())")
        }
    }

    /// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    func date(_ node: SyntaxNode?, _ what: @autoclosure () -> String) -> PartialDate? {
        guard let text = string(node, what()), let node else { return nil }
        if let date = PartialDate(text) { return date }
        error(.badDate, "\(what()): \(PartialDate.problem(with: text) ?? "bad date")", at: node.location,
              hint: "dates are YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015, 2015-01 or 2015-01-09")
        return nil
    }

    /// A page size: `a4`, `letter` or `WxH` with a unit (`16x24cm`).
    func page(_ node: SyntaxNode?, _ what: String) -> PageSize? {
        guard let text = string(node, what), let node else { return nil }
        do {
            return try PageSize(parsing: text)
        } catch let problem {
            error(.badValue, "\(what): \(problem.description)", at: node.location,
                  hint: "e.g. `page: a4` (the 16 x 24 cm text area of A4), `page: letter` or `page: 16x24cm`")
            return nil
        }
    }

    /// A whole number within `range`.
    func integer(_ node: SyntaxNode?, _ what: @autoclosure () -> String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, what()), let node else { return nil }
        guard let value = Int(text), range.contains(value) else {
            error(.badValue, "\(what()) must be a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'",
                  at: node.location)
            return nil
        }
        return value
    }

    /// A number (for widths).
    func number(_ node: SyntaxNode?, _ what: String, range: ClosedRange<Double>) -> Double? {
        guard let text = string(node, what), let node else { return nil }
        guard let value = Double(text), range.contains(value) else {
            error(.badValue, "\(what) must be a number from \(range.lowerBound) to \(range.upperBound), found '\(text)'",
                  at: node.location)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    func boolean(_ node: SyntaxNode?, _ what: @autoclosure () -> String) -> Bool? {
        guard let text = string(node, what()), let node else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error(.badValue, "\(what()) must be true or false, found '\(text)'", at: node.location)
            return nil
        }
    }

    /// One value of a closed set (an enum), with did-you-mean.
    func choice<T: RawRepresentable & CaseIterable>(_ node: SyntaxNode?, _ what: @autoclosure () -> String, as type: T.Type,
                                                   code: DiagnosticCode = .badValue) -> T? where T.RawValue == String {
        guard let text = string(node, what()), let node else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        var hint = Suggestions.didYouMean(text, in: names) ?? ""
        hint += (hint.isEmpty ? "" : " ") + "One of: \(names.joined(separator: ", "))"
        error(code, "\(what()) '\(text)' is not one of relgraph's values", at: node.location, hint: hint)
        return nil
    }

    /// Reports text that will not display as written (control characters, bidi overrides).
    func checkText(_ text: String, _ what: @autoclosure () -> String, at location: SourceLocation) {
        if TextPolicy.isPlainASCII(text) { return }
        if let scalar = text.unicodeScalars.first(where: TextPolicy.isInvisibleOrControl) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
            warning(.suspiciousText, "\(what()) contains the invisible or control character \(code)", at: location,
                    hint: "relgraph drops it from diagrams; remove it from the data if it is not intended")
        }
    }
}

/// Rules about text that is shown to readers.
public enum TextPolicy {
    /// Control characters (except tab and line breaks in long text) and bidirectional
    /// overrides/isolates, which can make a name display as something else.
    public static func isInvisibleOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}

extension TextPolicy {
    /// Whether `text` is printable ASCII, tabs and line breaks only: such text has
    /// nothing ``isInvisibleOrControl(_:)`` reports (checked on bytes, without
    /// decoding scalars).
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    }
}

extension String {
    /// Whether the string is empty or only spaces, tabs and line breaks (as
    /// ``trimmingWhitespace`` would leave it empty), without building the trimmed copy.
    var isBlank: Bool {
        if let first = utf8.first, first > 0x20, first < 0x80 { return false }
        return unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
