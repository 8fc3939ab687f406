import Foundation
import RelGraph

/// A minimal XML tree: enough to read Graphviz's SVG, change it, and write it
/// back with strict escaping.
///
/// The reader is deliberately tolerant in one way: Graphviz 2.42 copies URLs into
/// attributes without escaping `&`, so a `&` that does not start a valid
/// character or entity reference is read as a literal `&` (and written back as
/// `&amp;`). Everything written is well-formed XML; ``XMLCheck`` verifies that.
package enum XMLNode: Equatable {
    case element(XMLElement)
    case text(String)
}

/// An element with ordered attributes and children.
package struct XMLElement: Equatable {
    package var name: String
    package var attributes: [(name: String, value: String)]
    package var children: [XMLNode]

    package static func == (a: XMLElement, b: XMLElement) -> Bool {
        a.name == b.name && a.attributes.map(\.name) == b.attributes.map(\.name)
            && a.attributes.map(\.value) == b.attributes.map(\.value) && a.children == b.children
    }

    /// The value of attribute `name`.
    package subscript(attribute name: String) -> String? {
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
    package var text: String {
        children.compactMap { if case .text(let t) = $0 { return t } else { return nil } }.joined()
    }
}

/// Reading errors (the input is not the XML Graphviz writes).
package struct XMLReadError: Error, CustomStringConvertible {
    package var message: String
    package var offset: Int
    package var description: String { "\(message) at byte \(offset)" }
}

/// Reads XML into an ``XMLElement`` root, skipping the prolog (declaration,
/// processing instructions, DOCTYPE) and comments.
package struct XMLReader {
    /// Elements nested deeper than this are refused (Graphviz nests about ten deep;
    /// the limit keeps a hostile file from exhausting the stack).
    package static let maximumDepth = 256

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    package init(_ data: Data) {
        bytes = [UInt8](data)
    }

    package static func parse(_ data: Data) throws -> XMLElement {
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
        guard let end = declarationEnd(in: bytes, from: i) else {
            i = bytes.count
            throw XMLReadError(message: "unterminated declaration", offset: i)
        }
        i = end
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
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
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
    /// starts no valid reference stays a literal `&`. A reference ends at a `;`
    /// within 10 bytes of its `&` (every valid one is ASCII and shorter).
    ///
    /// Works on bytes: this runs on every attribute value and text of every SVG
    /// the page fit measures, so it must not go through `String` indices.
    package static func decode<Bytes: RandomAccessCollection<UInt8>>(_ slice: Bytes) -> String where Bytes.Index == Int {
        // Contiguous bytes (always, from the reader) are decoded on the stack.
        if let decoded = slice.withContiguousStorageIfAvailable({ decodedString($0) }) { return decoded }
        return decodeElementwise(slice)
    }

    /// ``decode(_:)`` one element at a time, for any collection (and the reference
    /// its byte decoder is tested against).
    package static func decodeElementwise<Bytes: RandomAccessCollection<UInt8>>(_ slice: Bytes) -> String where Bytes.Index == Int {
        let amp = UInt8(ascii: "&")
        guard var i = slice.firstIndex(of: amp) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        out.append(contentsOf: slice[slice.startIndex..<i])
        let end = slice.endIndex
        while i < end {
            let byte = slice[i]
            guard byte == amp else {
                out.append(byte)
                i += 1
                continue
            }
            var semi = i + 1
            let limit = min(end, i + 11)
            while semi < limit, slice[semi] != UInt8(ascii: ";") { semi += 1 }
            if semi < limit, let scalar = reference(slice[(i + 1)..<semi]) {
                out.append(contentsOf: String(scalar).utf8)
                i = semi + 1
            } else {
                out.append(amp)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character a reference's body (between `&` and `;`) stands for.
    package static func reference<Bytes: RandomAccessCollection<UInt8>>(_ body: Bytes) -> Unicode.Scalar? where Bytes.Index == Int {
        guard let first = body.first else { return nil }
        if first == UInt8(ascii: "#") {
            let hex = body.count > 1 && body[body.startIndex + 1] == UInt8(ascii: "x")
            let digits = String(decoding: body.dropFirst(hex ? 2 : 1), as: UTF8.self)
            return UInt32(digits, radix: hex ? 16 : 10).flatMap(Unicode.Scalar.init)
        }
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: return nil
        }
    }
}

/// Writes an ``XMLElement`` tree with strict escaping, as UTF-8 bytes.
package enum XMLWriter {
    package static func write(_ element: XMLElement, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: element.name.utf8)
        for (name, value) in element.attributes {
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: name.utf8)
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "\""))
            append(value, context: .attribute, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        if element.children.isEmpty {
            out.append(UInt8(ascii: "/"))
            out.append(UInt8(ascii: ">"))
            return
        }
        out.append(UInt8(ascii: ">"))
        for child in element.children {
            switch child {
            case .text(let text): append(text, context: .text, to: &out)
            case .element(let e): write(e, into: &out)
            }
        }
        out.append(UInt8(ascii: "<"))
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: element.name.utf8)
        out.append(UInt8(ascii: ">"))
    }

    /// Appends `text` escaped for `context`, exactly as ``XMLEscape/escape(_:context:)``
    /// escapes it, byte by byte: text with nothing to escape or drop is copied as
    /// it is, and the rest is escaped straight into `out` (no `String` is built).
    package static func append(_ text: String, context: XMLEscape.Context, to out: inout some ByteSink) {
        var text = text
        text.withUTF8 { append(utf8: $0, context: context, to: &out) }
    }

    /// Appends the valid UTF-8 `bytes` escaped for `context` (``append(_:context:to:)``).
    package static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, context: XMLEscape.Context, to out: inout some ByteSink) {
        // Escaped characters, control characters (escaped or dropped), and the lead
        // byte of U+FFFE/U+FFFF (not XML characters) need more than copying.
        var start = 0
        var k = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        while k < n {
            // Eight bytes at a time while none of them needs care (coordinates, names).
            while k + 8 <= n, !mayNeedCare(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) { k += 8 }
            guard k < n else { break }
            let byte = bytes[k]
            guard needsCare[Int(byte)] else {
                k += 1
                continue
            }
            if k > start { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<k])) }
            start = k + 1
            switch byte {
            case UInt8(ascii: "&"): appendLiteral("&amp;", to: &out)
            case UInt8(ascii: "<"): appendLiteral("&lt;", to: &out)
            case UInt8(ascii: ">"): appendLiteral("&gt;", to: &out)
            case UInt8(ascii: "\"") where context != .text: appendLiteral("&quot;", to: &out)
            case UInt8(ascii: "'") where context == .htmlLabel: appendLiteral("&#39;", to: &out)
            case 0x0A where context == .attribute: appendLiteral("&#10;", to: &out)
            case 0x0D where context != .htmlLabel: appendLiteral("&#13;", to: &out)
            case 0x09 where context == .attribute: appendLiteral("&#9;", to: &out)
            case 0xEF:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are dropped; any other
                // character with this lead byte is kept.
                if k + 2 < n, bytes[k + 1] == 0xBF, bytes[k + 2] == 0xBE || bytes[k + 2] == 0xBF {
                    start = k + 3
                    k += 3
                    continue
                }
                start = k
            case 0x09, 0x0A, 0x0D:
                // Kept as they are where they need no reference (XML characters);
                // HTML label text drops every control character.
                if context == .htmlLabel { break }
                out.append(byte)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                out.append(byte)
            default:
                // Other control characters are not XML characters: dropped.
                break
            }
            k += 1
        }
        if start < n { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
    }

    @inline(__always)
    private static func appendLiteral(_ text: StaticString, to out: inout some ByteSink) {
        out.append(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Whether any of the eight bytes in `word` may need care: a control character,
    /// `& < > " '` or 0xEF (exact tests: no byte that needs care is missed).
    @inline(__always)
    private static func mayNeedCare(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & high != 0 }
        // A byte below 0x20 (for thresholds up to 0x80 this test is exact).
        if (word &- ones &* 0x20) & ~word & high != 0 { return true }
        return hasZero(word ^ (ones &* 0x26)) || hasZero(word ^ (ones &* 0x3C)) || hasZero(word ^ (ones &* 0x3E))
            || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x27)) || hasZero(word ^ (ones &* 0xEF))
    }

    /// The bytes ``append(utf8:context:to:)`` looks at.
    /// Written once, then only read.
    nonisolated(unsafe) private static let needsCare: UnsafeBufferPointer<Bool> = {
        let table = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 256)
        for b in 0..<256 {
            table[b] = b < 0x20 || b == 0xEF || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
        }
        return UnsafeBufferPointer(table)
    }()

    package static func escapeText(_ text: String) -> String { XMLEscape.escape(text, context: .text) }

    package static func escapeAttribute(_ text: String) -> String { XMLEscape.escape(text, context: .attribute) }
}

/// Escaping for SVG text, SVG attributes and Graphviz HTML-like labels: the
/// core's one XML escaper, ``XMLText``.
package typealias XMLEscape = XMLText

/// Where a `<!DOCTYPE …>` (or other `<!…>` declaration) starting at `start` ends:
/// the index after its `>`, an internal subset in brackets included; `nil` when
/// it does not end.
package func declarationEnd<Bytes: RandomAccessCollection>(in bytes: Bytes, from start: Int) -> Int?
where Bytes.Element == UInt8, Bytes.Index == Int {
    var depth = 0
    var i = start
    while i < bytes.endIndex {
        switch bytes[i] {
        case UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "]"): depth -= 1
        case UInt8(ascii: ">") where depth <= 0: return i + 1
        default: break
        }
        i += 1
    }
    return nil
}

// The byte decoder behind ``XMLReader/decode(_:)`` (references decoded on bytes, on
// the stack).
extension XMLReader {
    /// Calls `body` with the decoded bytes of `range` (``XMLReader/decode(_:)``'s
    /// rules): the input itself when it holds no `&`, else a decoded copy.
    ///
    /// Static, and given the input's bytes rather than `self`: `body` writes to
    /// `out`, which a copy of `self` held here would make copy on every write.
    private static func withDecoded<R>(_ raw: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard !raw.isEmpty, memchr(raw.baseAddress!, Int32(UInt8(ascii: "&")), raw.count) != nil else { return body(raw) }
        // Decoding never lengthens: a reference is longer than the UTF-8 it stands for.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { buffer in
            let count = decode(raw, into: buffer)
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The decoded text of `raw` (``XMLReader/decode(_:)``).
    package static func decodedString(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        withDecoded(raw) { String(decoding: $0, as: UTF8.self) }
    }

    /// ``XMLReader/decode(_:)`` into bytes: character and the five predefined entity
    /// references decoded, a `&` that starts none kept. Returns the count written
    /// to `out` (at most `raw.count`).
    package static func decode(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let end = raw.count
        var i = 0
        var written = 0
        while i < end {
            let byte = raw[i]
            guard byte == UInt8(ascii: "&") else {
                out[written] = byte
                written += 1
                i += 1
                continue
            }
            var semi = i + 1
            let limit = min(end, i + 11)
            while semi < limit, raw[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < limit, let scalar = byteReference(UnsafeBufferPointer(rebasing: raw[(i + 1)..<semi])) else {
                out[written] = byte
                written += 1
                i += 1
                continue
            }
            UTF8.encode(scalar) { unit in
                out[written] = unit
                written += 1
            }
            i = semi + 1
        }
        return written
    }

    /// ``XMLReader/reference(_:)``, with decimal references (Graphviz writes every
    /// `-` as `&#45;`) read without a `String`.
    private static func byteReference(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        if body.count >= 2, body[0] == UInt8(ascii: "#"), body[1] != UInt8(ascii: "x") {
            var value: UInt32 = 0
            for k in 1..<body.count {
                let digit = body[k] &- UInt8(ascii: "0")
                guard digit < 10 else { return reference(body) }
                value = value * 10 + UInt32(digit)  // at most 8 digits: no overflow
            }
            return Unicode.Scalar(value)
        }
        return reference(body)
    }
}
