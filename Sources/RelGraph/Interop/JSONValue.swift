/// A JSON value whose objects keep their keys in insertion order, with a
/// deterministic serializer.
///
/// relgraph builds every JSON it writes (STIX bundles, the JSON Schema) as a
/// `JSONValue`, so the bytes never depend on a dictionary's per-process hash
/// order: objects are written either in insertion order or with keys sorted by
/// their UTF-8 bytes.
public enum JSONValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// An object: its members in insertion order. Keys should be unique; when a key
    /// repeats, the serializer writes only the last value.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let s): hasher.combine(0); hasher.combine(s)
        case .int(let i): hasher.combine(1); hasher.combine(i)
        case .double(let d): hasher.combine(2); hasher.combine(d)
        case .bool(let b): hasher.combine(3); hasher.combine(b)
        case .null: hasher.combine(4)
        case .array(let a): hasher.combine(5); hasher.combine(a)
        case .object(let o):
            hasher.combine(6)
            for (k, v) in o { hasher.combine(k); hasher.combine(v) }
        }
    }

    /// The member `key` of an object (the last one when it repeats), else `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// How to lay out the text.
    public struct Format: Sendable, Hashable {
        /// Sort object keys by their UTF-8 bytes (otherwise insertion order).
        public var sortedKeys: Bool
        /// Spaces per level; 0 writes everything on one line.
        public var indent: Int

        /// Creates a format.
        public init(sortedKeys: Bool = false, indent: Int = 2) {
            self.sortedKeys = sortedKeys
            self.indent = indent
        }
    }

    /// The value as JSON text, ending with a newline when indented. Non-ASCII text
    /// is written as UTF-8; `"`, `\` and control characters are escaped; `/` is not.
    public func serialized(_ format: Format = Format()) -> String {
        var out = ""
        write(to: &out, format: format, level: 0)
        if format.indent > 0 { out += "\n" }
        return out
    }

    private func write(to out: inout String, format: Format, level: Int) {
        let pretty = format.indent > 0
        func newline(_ level: Int) {
            guard pretty else { return }
            out += "\n"
            out += String(repeating: " ", count: level * format.indent)
        }
        switch self {
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite {
                out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
            } else {
                out += "null"
            }
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                item.write(to: &out, format: format, level: level + 1)
            }
            newline(level)
            out += "]"
        case .object(let members):
            var unique: [(String, JSONValue)] = []
            var seen: [String: Int] = [:]
            for (key, value) in members {
                if let index = seen[key] { unique[index].1 = value } else {
                    seen[key] = unique.count
                    unique.append((key, value))
                }
            }
            if format.sortedKeys {
                unique.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            }
            if unique.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in unique.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                JSONValue.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, format: format, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        JSONString.write(s, to: &out)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

/// Builds a JSON object member by member, skipping absent and empty values, so
/// writers read like the format they write.
struct JSONObjectBuilder {
    private(set) var members: [(String, JSONValue)] = []

    /// Adds `key` unconditionally.
    mutating func set(_ key: String, _ value: JSONValue) { members.append((key, value)) }

    /// Adds `key` when `value` is non-nil.
    mutating func set(_ key: String, _ value: String?) {
        if let value { members.append((key, .string(value))) }
    }

    /// Adds `key` when the list is not empty.
    mutating func set(_ key: String, strings: [String]) {
        if !strings.isEmpty { members.append((key, .array(strings.map(JSONValue.string)))) }
    }

    /// Adds `key` when the nested object has members.
    mutating func set(_ key: String, object: JSONObjectBuilder) {
        if !object.members.isEmpty { members.append((key, object.value)) }
    }

    var isEmpty: Bool { members.isEmpty }

    var value: JSONValue { .object(members) }
}
