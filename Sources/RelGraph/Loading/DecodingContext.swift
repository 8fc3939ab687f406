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
        fields.reserveCapacity(pairs.count)
        // An allowed key is a repeat when its bit (its position in `allowedKeys`) is
        // already set: every entity, relation and claim is checked without comparing
        // its keys with each other. Other keys (unknown or ignored, and allowed
        // keys past the 64th) are compared with the earlier pairs, or hashed in
        // mappings of more than 16 pairs.
        var seenAllowed: UInt64 = 0
        let small = pairs.count <= 16
        var firstSeen: [String: SourceLocation] = [:]
        for index in pairs.indices {
            guard case .scalar(let key, _) = pairs[index].key.value else {
                error(.wrongType, "keys must be strings, found \(pairs[index].key.typeDescription)", at: pairs[index].key.location)
                continue
            }
            let length = key.utf8.count
            let position = allowedKeys.firstIndex { $0.utf8.count == length && $0 == key }
            let bit: UInt64 = position.map { $0 < 64 ? 1 << UInt64($0) : 0 } ?? 0
            let repeated = bit != 0 ? seenAllowed & bit != 0 : small ? pairs[..<index].contains { $0.keyText == key } : firstSeen[key] != nil
            if repeated {
                let first = small || bit != 0 ? pairs[..<index].first(where: { $0.keyText == key })!.key.location : firstSeen[key]!
                error(.duplicateKey, "duplicate key '\(key)' in \(what())", at: pairs[index].key.location,
                      hint: "'\(key)' is already set at line \(first.line), column \(first.column); keep one")
                continue
            }
            seenAllowed |= bit
            if !small { firstSeen[key] = pairs[index].key.location }
            if !ignoredKeys.isEmpty, ignoredKeys.contains(key) { continue }
            guard position != nil else {
                let what = what()
                var hint = Suggestions.didYouMean(key, in: allowedKeys) ?? ""
                hint += (hint.isEmpty ? "" : " ") + "Keys of \(what): \(allowedKeys.joined(separator: ", "))"
                error(.unknownKey, "unknown key '\(key)' in \(what)", at: pairs[index].key.location, hint: hint)
                continue
            }
            fields.add(key, pairs[index].value)
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
        private(set) var entries: [(key: String, node: SyntaxNode)] = []
        /// Bit `n` is set when a key of `n` bytes is among the entries (keys of 63
        /// bytes or more share bit 63).
        private var keyLengths: UInt64 = 0

        init(location: SourceLocation) {
            self.location = location
        }

        /// Makes room for `count` entries.
        mutating func reserveCapacity(_ count: Int) {
            entries.reserveCapacity(count)
        }

        /// Adds a key not among the entries yet, and its value.
        mutating func add(_ key: String, _ node: SyntaxNode) {
            entries.append((key, node))
            keyLengths |= Self.lengthBit(key)
        }

        private static func lengthBit(_ key: String) -> UInt64 {
            1 << UInt64(min(key.utf8.count, 63))
        }

        /// The value of `key` as written, null included.
        ///
        /// Keys are compared by length first: most keys looked up are absent and
        /// differ in length from every key present, and comparing lengths is far
        /// cheaper than comparing two different strings.
        func value(_ key: String) -> SyntaxNode? {
            guard keyLengths & Self.lengthBit(key) != 0 else { return nil }
            let length = key.utf8.count
            for i in entries.indices where entries[i].key.utf8.count == length && entries[i].key == key {
                return entries[i].node
            }
            return nil
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
package enum TextPolicy {
    /// Control characters (except tab and line breaks in long text) and bidirectional
    /// overrides/isolates, which can make a name display as something else.
    package static func isInvisibleOrControl(_ scalar: Unicode.Scalar) -> Bool {
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
        func plain(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        // On the string's own contiguous bytes when it has them (native and small
        // strings do): a loop over a buffer costs a fraction of iterating the view.
        if let result = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy(plain) }) {
            return result
        }
        return text.utf8.allSatisfy(plain)
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
