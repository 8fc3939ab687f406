/// One problem found in an input: where it is, how bad it is, what is wrong and how to fix it.
///
/// Diagnostics print in the form compilers use, so editors and CI annotate them:
///
///     graphs/net.yaml:12:9: error: [unknown-kind] unknown entity kind 'gruop'
///       hint: did you mean 'group'? Kinds: group, agency, state, ...
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How serious a diagnostic is. Errors make the input invalid; warnings do not.
    public enum Severity: String, Sendable, Codable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// The file the problem is in, as the user named it (`-` for standard input).
    public var file: String
    /// Where in the file; `nil` when the problem concerns the whole file.
    public var location: SourceLocation?
    /// Error or warning.
    public var severity: Severity
    /// A stable, machine-readable code such as `unknown-kind`.
    public var code: DiagnosticCode
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, in one line.
    public var hint: String?

    /// Creates a diagnostic.
    public init(file: String, location: SourceLocation?, severity: Severity, code: DiagnosticCode,
                message: String, hint: String? = nil) {
        self.file = file
        self.location = location
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// Whether this diagnostic is an error.
    public var isError: Bool { severity == .error }

    /// The diagnostic as `file:line:column: severity: [code] message`, followed by
    /// an indented `hint:` line when there is a hint.
    public var formatted: String {
        var place = file
        if let location { place += ":\(location.line):\(location.column)" }
        var text = "\(Self.printable(place)): \(severity.rawValue): [\(code.rawValue)] \(Self.printable(message))"
        if let hint { text += "\n  hint: \(Self.printable(hint, keepNewlines: true))" }
        return text
    }

    /// `text` with control characters and bidirectional overrides written as
    /// `\u{…}`, so values quoted from a file cannot drive the terminal.
    static func printable(_ text: String, keepNewlines: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if keepNewlines && scalar == "\n" { out += "\n    "; continue }
            if TextPolicy.isInvisibleOrControl(scalar) || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Orders diagnostics by file, then position (whole-file problems first), then severity.
    public static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.file != y.file { return x.file < y.file }
            let lx = x.location ?? SourceLocation(line: 0, column: 0)
            let ly = y.location ?? SourceLocation(line: 0, column: 0)
            if lx != ly { return lx < ly }
            if x.severity != y.severity { return x.severity < y.severity }
            return a.offset < b.offset
        }.map(\.element)
    }

    enum CodingKeys: String, CodingKey {
        case file, line, column, severity, code, message, hint
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        if let line = try c.decodeIfPresent(Int.self, forKey: .line),
           let column = try c.decodeIfPresent(Int.self, forKey: .column) {
            location = SourceLocation(line: line, column: column)
        }
        severity = try c.decode(Severity.self, forKey: .severity)
        code = DiagnosticCode(rawValue: try c.decode(String.self, forKey: .code))
        message = try c.decode(String.self, forKey: .message)
        hint = try c.decodeIfPresent(String.self, forKey: .hint)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encodeIfPresent(location?.line, forKey: .line)
        try c.encodeIfPresent(location?.column, forKey: .column)
        try c.encode(severity, forKey: .severity)
        try c.encode(code.rawValue, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encodeIfPresent(hint, forKey: .hint)
    }
}

/// A stable identifier for a kind of problem, printed in brackets: `[unknown-kind]`.
///
/// The codes are part of relgraph's interface: CI scripts and editors match on them.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    // Reading the file
    /// The file could not be read (missing, a directory, no permission).
    public static let unreadable: DiagnosticCode = "unreadable"
    /// The bytes are not UTF-8 text (invalid sequences, NUL bytes, UTF-16).
    public static let encoding: DiagnosticCode = "encoding"
    /// A YAML or JSON syntax error.
    public static let syntax: DiagnosticCode = "syntax"
    /// The input exceeds a documented limit (size, nesting, alias expansion).
    public static let limit: DiagnosticCode = "limit"
    /// The file holds no document.
    public static let emptyDocument: DiagnosticCode = "empty-document"

    // Shape of the document
    /// A key the format does not know (with a did-you-mean suggestion).
    public static let unknownKey: DiagnosticCode = "unknown-key"
    /// A required key is absent.
    public static let missingKey: DiagnosticCode = "missing-key"
    /// A value has the wrong type (a list where a string is expected…).
    public static let wrongType: DiagnosticCode = "wrong-type"
    /// The same key appears twice in one mapping.
    public static let duplicateKey: DiagnosticCode = "duplicate-key"
    /// A value that must not be empty is empty.
    public static let emptyValue: DiagnosticCode = "empty-value"

    // Values
    /// An id that is not a slug.
    public static let badID: DiagnosticCode = "bad-id"
    /// An entity kind that does not exist.
    public static let unknownKind: DiagnosticCode = "unknown-kind"
    /// A relation type that is neither built in nor declared.
    public static let unknownRelationType: DiagnosticCode = "unknown-relation-type"
    /// A confidence other than confirmed, reported, alleged, disputed.
    public static let badConfidence: DiagnosticCode = "bad-confidence"
    /// An Admiralty grade that is not A–F followed by 1–6.
    public static let badGrade: DiagnosticCode = "bad-grade"
    /// A date that is not YYYY, YYYY-MM or YYYY-MM-DD, or not on the calendar.
    public static let badDate: DiagnosticCode = "bad-date"
    /// A URL that is not http, https or mailto, or not a URL.
    public static let badURL: DiagnosticCode = "bad-url"
    /// A value outside its allowed set (a view direction, a style line…).
    public static let badValue: DiagnosticCode = "bad-value"
    /// A custom relation type that redefines a built-in one.
    public static let redefinedType: DiagnosticCode = "redefined-type"

    // References and consistency
    /// Two entities share an id.
    public static let duplicateEntity: DiagnosticCode = "duplicate-entity"
    /// Two relations share from/type/to/since and have no distinct id.
    public static let duplicateRelation: DiagnosticCode = "duplicate-relation"
    /// A reference to an entity id that does not exist.
    public static let unknownEntity: DiagnosticCode = "unknown-entity"
    /// A reference to a source id that does not exist.
    public static let unknownSource: DiagnosticCode = "unknown-source"
    /// An endpoint whose kind the relation type does not allow.
    public static let kindNotAllowed: DiagnosticCode = "kind-not-allowed"
    /// `since` is after `until`.
    public static let dateOrder: DiagnosticCode = "date-order"
    /// `within` references form a cycle.
    public static let withinCycle: DiagnosticCode = "within-cycle"
    /// `within` points at an entity that cannot contain this one.
    public static let withinKind: DiagnosticCode = "within-kind"
    /// A relation from an entity to itself where the type forbids it.
    public static let selfRelation: DiagnosticCode = "self-relation"

    // Warnings
    /// A relation with no claim and no source.
    public static let unsupportedRelation: DiagnosticCode = "unsupported-relation"
    /// An entity that takes part in no relation.
    public static let isolatedEntity: DiagnosticCode = "isolated-entity"
    /// A source that nothing cites.
    public static let unusedSource: DiagnosticCode = "unused-source"
    /// A `confirmed` relation that one of its claims denies.
    public static let deniedConfirmed: DiagnosticCode = "denied-confirmed"
    /// A string with characters that will not be shown (controls, bidi overrides).
    public static let suspiciousText: DiagnosticCode = "suspicious-text"
}

extension Diagnostic: Error {}
