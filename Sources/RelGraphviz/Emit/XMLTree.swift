import Foundation
import RelGraph

/// A minimal XML tree: enough to read Graphviz's SVG, change it, and write it
/// back with strict escaping.
///
/// The reader is deliberately tolerant in one way: Graphviz 2.42 copies URLs into
/// attributes without escaping `&`, so a `&` that does not start a valid
/// character or entity reference is read as a literal `&` (and written back as
/// `&amp;`). Everything written is well-formed XML; ``XMLCheck`` verifies that.
indirect enum XMLNode: Equatable {
    case element(XMLElement)
    case text(String)
}

/// An element with ordered attributes and children.
struct XMLElement: Equatable {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [XMLNode]

    static func == (a: XMLElement, b: XMLElement) -> Bool {
        a.name == b.name && a.attributes.map(\.name) == b.attributes.map(\.name)
            && a.attributes.map(\.value) == b.attributes.map(\.value) && a.children == b.children
    }

    /// The value of attribute `name`.
    subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append((name, newValue))
            }
        }
    }

    /// The concatenated text of the element's direct text children.
    var text: String {
        children.compactMap { if case .text(let t) = $0 { return t } else { return nil } }.joined()
    }
}

/// Reading errors (the input is not the XML Graphviz writes).
struct XMLReadError: Error, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "\(message) at byte \(offset)" }
}

/// Reads XML into an ``XMLElement`` root, skipping the prolog (declaration,
/// processing instructions, DOCTYPE) and comments.
struct XMLReader {
    /// Elements nested deeper than this are refused (Graphviz nests about ten deep;
    /// the limit keeps a hostile file from exhausting the stack).
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    init(_ data: Data) {
        bytes = [UInt8](data)
    }

    static func parse(_ data: Data) throws -> XMLElement {
        var reader = XMLReader(data)
        return try reader.document()
    }

    private mutating func document() throws -> XMLElement {
        var root: XMLElement?
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                if starts("<?") { try skip(past: "?>"); continue }
                if starts("<!--") { try skip(past: "-->"); continue }
                if starts("<!") { try skipDeclaration(); continue }
                if root != nil { throw XMLReadError(message: "content after the root element", offset: i) }
                root = try element()
            } else {
                i += 1
            }
        }
        guard let root else { throw XMLReadError(message: "no root element", offset: i) }
        return root
    }

    private func starts(_ prefix: String) -> Bool {
        starts(prefix.utf8, at: i)
    }

    /// Whether `bytes` hold `prefix` at `index` (compared in place, without copying).
    private func starts(_ prefix: String.UTF8View, at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        var k = index
        for b in prefix {
            if bytes[k] != b { return false }
            k += 1
        }
        return true
    }

    private mutating func skip(past terminator: String) throws {
        let t = terminator.utf8
        while i + t.count <= bytes.count {
            if starts(t, at: i) { i += t.count; return }
            i += 1
        }
        throw XMLReadError(message: "unterminated '\(terminator)'", offset: i)
    }

    /// Skips `<!DOCTYPE …>`, including an internal subset in brackets.
    private mutating func skipDeclaration() throws {
        var depth = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0:
                i += 1
                return
            default: break
            }
            i += 1
        }
        throw XMLReadError(message: "unterminated declaration", offset: i)
    }

    private mutating func name() -> String {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") { break }
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func element() throws -> XMLElement {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw XMLReadError(message: "elements nested deeper than \(Self.maximumDepth)", offset: i)
        }
        i += 1  // <
        var element = XMLElement(name: name(), attributes: [], children: [])
        while true {
            skipSpace()
            guard i < bytes.count else { throw XMLReadError(message: "unterminated tag <\(element.name)>", offset: i) }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw XMLReadError(message: "bad '/'", offset: i) }
                i += 2
                return element
            }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            let attribute = name()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw XMLReadError(message: "attribute without value", offset: i) }
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw XMLReadError(message: "unquoted attribute value", offset: i)
            }
            let quote = bytes[i]
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != quote { i += 1 }
            guard i < bytes.count else { throw XMLReadError(message: "unterminated attribute value", offset: start) }
            element.attributes.append((attribute, Self.decode(bytes[start..<i])))
            i += 1
        }
        // Children.
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                if starts("</") {
                    i += 2
                    let closing = name()
                    guard closing == element.name else { throw XMLReadError(message: "</\(closing)> closes <\(element.name)>", offset: i) }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw XMLReadError(message: "bad closing tag", offset: i) }
                    i += 1
                    return element
                }
                if starts("<!--") { try skip(past: "-->"); continue }
                if starts("<![CDATA[") {
                    i += 9
                    let start = i
                    try skip(past: "]]>")
                    element.children.append(.text(String(decoding: bytes[start..<(i - 3)], as: UTF8.self)))
                    continue
                }
                if starts("<?") { try skip(past: "?>"); continue }
                element.children.append(.element(try self.element()))
            } else {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
                element.children.append(.text(Self.decode(bytes[start..<i])))
            }
        }
        throw XMLReadError(message: "unclosed <\(element.name)>", offset: i)
    }

    /// Decodes character and the five predefined entity references; a `&` that
    /// starts no valid reference stays a literal `&`.
    static func decode(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        let text = String(decoding: slice, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let body = after[..<semi]
                var scalar: Unicode.Scalar?
                switch body {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if body.hasPrefix("#x") { scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if body.hasPrefix("#") { scalar = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init) }
                }
                if let scalar {
                    out.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}

/// Writes an ``XMLElement`` tree with strict escaping.
enum XMLWriter {
    static func write(_ element: XMLElement, into out: inout String, indent: Bool = true) {
        out += "<" + element.name
        for (name, value) in element.attributes {
            out += " \(name)=\"\(escapeAttribute(value))\""
        }
        if element.children.isEmpty {
            out += "/>"
            return
        }
        out += ">"
        for child in element.children {
            switch child {
            case .text(let text): out += escapeText(text)
            case .element(let e): write(e, into: &out, indent: indent)
            }
        }
        out += "</\(element.name)>"
    }

    static func escapeText(_ text: String) -> String { XMLEscape.escape(text, context: .text) }

    static func escapeAttribute(_ text: String) -> String { XMLEscape.escape(text, context: .attribute) }
}

/// Escaping for SVG text, SVG attributes and Graphviz HTML-like labels: the
/// core's one XML escaper, ``XMLText``.
typealias XMLEscape = XMLText
