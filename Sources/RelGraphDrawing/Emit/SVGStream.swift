#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RelGraph

/// The finishing pass of ``SVGPostProcessor`` as one streaming pass over Graphviz's
/// bytes: the same reading rules as ``XMLReader`` and the same output, byte for
/// byte, as reading the tree, cleaning it and writing it with ``XMLWriter``, without
/// building the tree.
///
/// Unchanged attribute values and text (no reference to decode, nothing to escape,
/// no `url(#` to prefix) are copied as byte ranges; only the few values that need
/// it go through `String`s (decoded with ``XMLReader/decode(_:)`` and escaped with
/// ``XMLWriter/append(_:context:to:)``, exactly as the tree path does). Whatever
/// it writes is escaped, so it cannot write ill-formed XML from any input; the
/// result is still checked by ``XMLCheck``.
///
/// On any reading error it stops, and ``SVGPostProcessor`` reports the error the
/// tree reader gives for the same bytes.
package struct SVGStream {
    /// What a reading error says (the tree reader is asked for the message).
    package struct Failure: Error {}

    package let processor: SVGPostProcessor
    package let prefix: String
    /// Graphviz's SVG, valid UTF-8 (repaired as `String(decoding:)` does).
    package let bytes: UnsafeBufferPointer<UInt8>
    package var out: OutputBuffer
    private var i = 0
    private var depth = 0
    /// Attribute byte ranges of the elements being read (a stack: each element
    /// pushes its own and pops them before its children).
    private var scratch: [Attribute] = []
    private let prefixBytes: [UInt8]

    /// One attribute as read: name and raw value, as byte offsets.
    private struct Attribute {
        package var nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int
    }

    /// What an element's parent passes down.
    private struct Context {
        /// The parent's unprefixed id when it is a `g`.
        package var groupID: String?
        /// The tooltip for an `<a>` child (the parent is an anchor group).
        package var childTooltip: String?
        /// The parent is a list cell rewritten as an entity (its `<a>` children change).
        package var listEntry: Diagram.ListEntry?
        /// Whether list cells below are rewritten (not inside one already).
        package var rewritesLists: Bool
    }

    package init(processor: SVGPostProcessor, prefix: String, bytes: UnsafeBufferPointer<UInt8>, capacity: Int) {
        self.processor = processor
        self.prefix = prefix
        self.bytes = bytes
        prefixBytes = Array(prefix.utf8)
        out = OutputBuffer(capacity: capacity)
    }

    /// Whether `bytes` are well-formed UTF-8 (eight ASCII bytes at a time).
    package static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            func continuation(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
            func second(_ low: UInt8, _ high: UInt8) -> Bool { i + 1 < n && bytes[i + 1] >= low && bytes[i + 1] <= high }
            switch b {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard second(b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF), continuation(2) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard second(b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF), continuation(2), continuation(3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    // MARK: Reading (the rules of XMLReader)

    private func starts(_ prefix: StaticString, at index: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + index, prefix.utf8Start, n) == 0
    }

    private func equal(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        return end - start == n && memcmp(bytes.baseAddress! + start, literal.utf8Start, n) == 0
    }

    private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && memcmp(bytes.baseAddress! + a.lowerBound, bytes.baseAddress! + b.lowerBound, a.count) == 0
    }

    private mutating func skip(past terminator: StaticString) throws(Failure) {
        let n = terminator.utf8CodeUnitCount
        let first = Int32(terminator.utf8Start.pointee)
        while i + n <= bytes.count {
            guard let hit = memchr(bytes.baseAddress! + i, first, bytes.count - n + 1 - i) else { break }
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!)
            if starts(terminator, at: i) { i += n; return }
            i += 1
        }
        throw Failure()
    }

    private mutating func skipDeclaration() throws(Failure) {
        guard let end = declarationEnd(in: bytes, from: i) else { throw Failure() }
        i = end
    }

    /// The end of the name starting at `start`.
    private func nameEnd(from start: Int) -> Int {
        var k = start
        while k < bytes.count {
            let b = bytes[k]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") { break }
            k += 1
        }
        return k
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// Reads the document; writes the finished root.
    package mutating func run() throws(Failure) {
        var seenRoot = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                if starts("<?", at: i) { try skip(past: "?>"); continue }
                if starts("<!--", at: i) { try skip(past: "-->"); continue }
                if starts("<!", at: i) { try skipDeclaration(); continue }
                if seenRoot { throw Failure() }
                seenRoot = true
                let nameStart = i + 1
                guard equal(nameStart, nameEnd(from: nameStart), "svg") else { throw Failure() }
                try element(emit: true, root: true, Context(rewritesLists: true))
            } else {
                i += 1
            }
        }
        if !seenRoot { throw Failure() }
    }

    /// Reads the element at `i` (a `<`); writes it finished when `emit`.
    private mutating func element(emit: Bool, root: Bool = false, _ context: Context) throws(Failure) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= XMLReader.maximumDepth else { throw Failure() }
        i += 1
        let nameStart = i
        i = nameEnd(from: i)
        let name = nameStart..<i
        let base = scratch.count
        var selfClosing = false
        while true {
            skipSpace()
            guard i < bytes.count else { throw Failure() }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw Failure() }
                i += 2
                selfClosing = true
                break
            }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            let attributeStart = i
            i = nameEnd(from: i)
            let attributeEnd = i
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw Failure() }
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { throw Failure() }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            guard let hit = memchr(bytes.baseAddress! + i, Int32(quote), bytes.count - i) else { throw Failure() }
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!)
            if emit { scratch.append(Attribute(nameStart: attributeStart, nameEnd: attributeEnd, valueStart: valueStart, valueEnd: i)) }
            i += 1
        }
        guard emit else {
            if !selfClosing { try children(of: name, emit: false, context) }
            return
        }
        // What this element is.
        let isGroup = equal(name.lowerBound, name.upperBound, "g")
        var groupID: String?
        if isGroup, let id = scratch[base...].first(where: { equal($0.nameStart, $0.nameEnd, "id") }) {
            groupID = value(id)
        }
        var listEntry: Diagram.ListEntry?
        if context.rewritesLists, isGroup, !processor.listEntries.isEmpty, let id = groupID, id.hasPrefix("a_"),
           let entry = processor.listEntries[String(id.dropFirst(2))] {
            listEntry = entry
            groupID = String(id.dropFirst(2))
        }
        var open = false
        if root {
            writeRoot(base: base)
            open = true
        } else if let entry = listEntry {
            writeListCell(entry, id: groupID!)
            open = true
        } else {
            let isAnchor = equal(name.lowerBound, name.upperBound, "a")
            out.append(UInt8(ascii: "<"))
            append(name)
            if isAnchor, let entry = context.listEntry {
                writeListAnchorAttributes(base: base, entry: entry)
            } else {
                writeAttributes(base: base, isAnchor: isAnchor, tooltip: isAnchor ? context.childTooltip : nil,
                                hover: groupID.flatMap { processor.hover?.classes[$0] },
                                dashes: equal(name.lowerBound, name.upperBound, "path") ? fittedDashes(base: base) : nil)
            }
        }
        scratch.removeSubrange(base...)
        if !selfClosing {
            let childContext = Context(
                groupID: isGroup ? groupID : nil,
                childTooltip: isGroup ? groupID.flatMap(SVGPostProcessor.anchoredObject).flatMap { processor.tooltips[$0] } : nil,
                listEntry: listEntry,
                rewritesLists: context.rewritesLists && listEntry == nil)
            open = try children(of: name, emit: true, childContext, open: open)
        }
        if open {
            out.append(UInt8(ascii: "<"))
            out.append(UInt8(ascii: "/"))
            append(name)
            out.append(UInt8(ascii: ">"))
        } else {
            out.append(UInt8(ascii: "/"))
            out.append(UInt8(ascii: ">"))
        }
    }

    /// Reads the children of element `name` and its closing tag; when `emit`, writes
    /// them finished, and the start tag's `>` before the first (`open` says whether it
    /// is written already). Returns whether it is.
    @discardableResult
    private mutating func children(of name: Range<Int>, emit: Bool, _ context: Context, open: Bool = false) throws(Failure) -> Bool {
        var open = open
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                if starts("</", at: i) {
                    i += 2
                    let closingStart = i
                    i = nameEnd(from: i)
                    guard equal(closingStart..<i, name) else { throw Failure() }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw Failure() }
                    i += 1
                    return open
                }
                if starts("<!--", at: i) { try skip(past: "-->"); continue }
                if starts("<![CDATA[", at: i) {
                    i += 9
                    let start = i
                    try skip(past: "]]>")
                    if emit {
                        open = opened(open)
                        XMLWriter.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 3)]), as: UTF8.self),
                                         context: .text, to: &out)
                    }
                    continue
                }
                if starts("<?", at: i) { try skip(past: "?>"); continue }
                guard emit else { try element(emit: false, context); continue }
                let childStart = i + 1
                let childEnd = nameEnd(from: childStart)
                guard Self.isAllowed(UnsafeBufferPointer(rebasing: bytes[childStart..<childEnd])) else {
                    try element(emit: false, context)
                    continue
                }
                if let groupID = context.groupID, equal(childStart, childEnd, "title"), let sentence = processor.titles[groupID] {
                    open = opened(open)
                    writeTitle(sentence)
                    try element(emit: false, context)
                    continue
                }
                open = opened(open)
                try element(emit: true, context)
            } else {
                let start = i
                if let hit = memchr(bytes.baseAddress! + i, Int32(UInt8(ascii: "<")), bytes.count - i) {
                    i = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!)
                } else {
                    i = bytes.count
                }
                if emit {
                    open = opened(open)
                    appendText(start..<i)
                }
            }
        }
        throw Failure()
    }

    /// Writes the pending `>` of a start tag.
    private mutating func opened(_ open: Bool) -> Bool {
        if !open { out.append(UInt8(ascii: ">")) }
        return true
    }

    // MARK: Writing

    /// The element names that survive (``SVGPostProcessor/allowedElements``).
    package static func isAllowed(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 1: return name[0] == UInt8(ascii: "g") || name[0] == UInt8(ascii: "a")
        case 3...14:
            // Few elements: match the bytes against the set's members of that length.
            for element in allowedBytes where element.count == name.count {
                if element.withUnsafeBufferPointer({ memcmp($0.baseAddress!, name.baseAddress!, name.count) }) == 0 { return true }
            }
            return false
        default: return false
        }
    }

    private static let allowedBytes: [[UInt8]] = SVGPostProcessor.allowedElements.map { Array($0.utf8) }

    private mutating func append(_ range: Range<Int>) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// The decoded value of `attribute`.
    private func value(_ attribute: Attribute) -> String {
        Self.decodedString(UnsafeBufferPointer(rebasing: bytes[attribute.valueStart..<attribute.valueEnd]))
    }

    private func name(_ attribute: Attribute) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[attribute.nameStart..<attribute.nameEnd]), as: UTF8.self)
    }

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
            guard semi < limit, let scalar = reference(UnsafeBufferPointer(rebasing: raw[(i + 1)..<semi])) else {
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
    private static func reference(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        if body.count >= 2, body[0] == UInt8(ascii: "#"), body[1] != UInt8(ascii: "x") {
            var value: UInt32 = 0
            for k in 1..<body.count {
                let digit = body[k] &- UInt8(ascii: "0")
                guard digit < 10 else { return XMLReader.reference(body) }
                value = value * 10 + UInt32(digit)  // at most 8 digits: no overflow
            }
            return Unicode.Scalar(value)
        }
        return XMLReader.reference(body)
    }

    /// Whether `value` holds `url(#` (which ``SVGPostProcessor/prefixReferences(_:prefix:)`` prefixes).
    private static func hasURLReference(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 5, let base = value.baseAddress else { return false }
        var i = 0
        let last = value.count - 5
        while i <= last {
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "u")), last - i + 1) else { return false }
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if memcmp(base + at, "url(#", 5) == 0 { return true }
            i = at + 1
        }
        return false
    }

    private mutating func appendText(_ range: Range<Int>) {
        Self.withDecoded(UnsafeBufferPointer(rebasing: bytes[range])) { XMLWriter.append(utf8: $0, context: .text, to: &out) }
    }

    private mutating func writeAttribute(_ name: Range<Int>, _ value: String) {
        out.append(UInt8(ascii: " "))
        append(name)
        out.append(UInt8(ascii: "="))
        out.append(UInt8(ascii: "\""))
        XMLWriter.append(value, context: .attribute, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func writeAttribute(_ name: String, _ value: String) {
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: name.utf8)
        out.append(UInt8(ascii: "="))
        out.append(UInt8(ascii: "\""))
        XMLWriter.append(value, context: .attribute, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// ASCII lowercase equality of bytes `start..<end` with `literal` (lowercase).
    private func equalFolded(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard end - start == n else { return false }
        for k in 0..<n {
            let b = bytes[start + k], c = literal.utf8Start[k]
            guard b == c || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") && b == c - 0x20) else { return false }
        }
        return true
    }

    /// How an attribute is cleaned (``SVGPostProcessor/cleanAttribute(_:_:prefix:isAnchor:tooltip:)``).
    private enum Rule { case drop, id, href, byString, paint, tooltip, plain }

    private func rule(_ a: Attribute, tooltip: String?) -> Rule {
        let (s, e) = (a.nameStart, a.nameEnd)
        // Non-ASCII names are lowercased as strings (the Kelvin sign is a `k` then).
        if bytes[s..<e].contains(where: { $0 >= 0x80 }) { return .byString }
        if e - s >= 2, bytes[s] | 0x20 == UInt8(ascii: "o"), bytes[s + 1] | 0x20 == UInt8(ascii: "n") { return .drop }
        // One candidate by length and first letter, then compared in full.
        switch (e - s, bytes[s] | 0x20) {
        case (2, UInt8(ascii: "i")) where equalFolded(s, e, "id"): return .id
        case (4, UInt8(ascii: "h")) where equalFolded(s, e, "href"), (10, UInt8(ascii: "x")) where equalFolded(s, e, "xlink:href"): return .href
        case (6, UInt8(ascii: "t")) where equalFolded(s, e, "target"), (5, UInt8(ascii: "s")) where equalFolded(s, e, "style"): return .byString
        case (4, UInt8(ascii: "f")) where equalFolded(s, e, "fill"), (6, UInt8(ascii: "s")) where equalFolded(s, e, "stroke"): return .paint
        case (5, UInt8(ascii: "t")) where equalFolded(s, e, "title"), (11, UInt8(ascii: "x")) where equalFolded(s, e, "xlink:title"):
            return tooltip == nil ? .plain : .tooltip
        default: return .plain
        }
    }

    /// The dash pattern of the path whose attributes are `scratch[base...]`, when
    /// ``DashPattern`` fits it to the path (as the tree path does, on the cleaned values).
    private func fittedDashes(base: Int) -> String? {
        guard let dashes = scratch[base...].first(where: { equal($0.nameStart, $0.nameEnd, "stroke-dasharray") }),
              let d = scratch[base...].first(where: { equal($0.nameStart, $0.nameEnd, "d") }) else { return nil }
        return DashPattern.fitted(SVGPostProcessor.prefixReferences(value(dashes), prefix: prefix),
                                  pathData: SVGPostProcessor.prefixReferences(value(d), prefix: prefix))
    }

    /// Writes the cleaned attributes `scratch[base...]` of an ordinary element, with
    /// the hover classes added to its `class` (or as a `class` at the end), and
    /// `dashes` as the value of its `stroke-dasharray` when given.
    private mutating func writeAttributes(base: Int, isAnchor: Bool, tooltip: String?, hover: [String]?, dashes: String? = nil) {
        var hoverPending = hover != nil
        for index in base..<scratch.count {
            let a = scratch[index]
            let nameRange = a.nameStart..<a.nameEnd
            if let dashes, index == scratch[base...].firstIndex(where: { equal($0.nameStart, $0.nameEnd, "stroke-dasharray") }) {
                writeAttribute(nameRange, dashes)
                continue
            }
            let isClass = hoverPending && equal(a.nameStart, a.nameEnd, "class")
            if isClass { hoverPending = false }
            var rule = rule(a, tooltip: tooltip)
            switch rule {
            case .drop: continue
            case .tooltip:
                // Replaced whatever it holds: not decoded.
                writeAttribute(nameRange, tooltip!)
                continue
            default: break
            }
            let prefixBytes = prefixBytes
            let written: Bool = Self.withDecoded(UnsafeBufferPointer(rebasing: bytes[a.valueStart..<a.valueEnd])) { v -> Bool in
                // What the byte rules cannot say goes to the string rules.
                switch rule {
                case .href where v.isEmpty || v[0] != UInt8(ascii: "#") || v.contains(where: { $0 >= 0x80 }):
                    // A link, or `#` and a combining mark (one character).
                    rule = .byString
                    return false
                case .paint where v.count == 11 && memcmp(v.baseAddress!, "transparent", 11) == 0:
                    writeAttribute(nameRange, "none")
                    return true
                case .paint, .plain:
                    if Self.hasURLReference(v) { rule = .byString; return false }
                default:
                    break
                }
                guard rule != .byString else { return false }
                out.append(UInt8(ascii: " "))
                append(nameRange)
                out.append(UInt8(ascii: "="))
                out.append(UInt8(ascii: "\""))
                switch rule {
                case .id:
                    out.append(contentsOf: prefixBytes)
                    out.append(UInt8(ascii: "-"))
                    XMLWriter.append(utf8: v, context: .attribute, to: &out)
                case .href:
                    out.append(UInt8(ascii: "#"))
                    out.append(contentsOf: prefixBytes)
                    out.append(UInt8(ascii: "-"))
                    XMLWriter.append(utf8: UnsafeBufferPointer(rebasing: v[1...]), context: .attribute, to: &out)
                default:
                    XMLWriter.append(utf8: v, context: .attribute, to: &out)
                    if isClass { XMLWriter.append(" " + hover!.joined(separator: " "), context: .attribute, to: &out) }
                }
                out.append(UInt8(ascii: "\""))
                return true
            }
            if written { continue }
            // The tree path's rules, on strings.
            guard var cleaned = SVGPostProcessor.cleanAttribute(name(a), value(a), prefix: prefix, isAnchor: isAnchor, tooltip: tooltip) else { continue }
            if isClass { cleaned += " " + hover!.joined(separator: " ") }
            writeAttribute(nameRange, cleaned)
        }
        if hoverPending, let hover {
            writeAttribute("class", hover.joined(separator: " "))
        }
    }

    /// The `<a>` of a list cell: its placeholder link dropped and the entity's
    /// tooltip set (``SVGPostProcessor``'s list-cell rule), then cleaned.
    private mutating func writeListAnchorAttributes(base: Int, entry: Diagram.ListEntry) {
        var element = XMLElement(name: "a", attributes: scratch[base...].map { (name($0), value($0)) }, children: [])
        SVGPostProcessor.rewriteListAnchor(&element, entry: entry)
        for (name, value) in element.attributes {
            if let cleaned = SVGPostProcessor.cleanAttribute(name, value, prefix: prefix, isAnchor: true, tooltip: nil) {
                writeAttribute(name, cleaned)
            }
        }
    }

    /// The start of a list cell rewritten as an entity group, with its `<title>`.
    private mutating func writeListCell(_ entry: Diagram.ListEntry, id: String) {
        out.append(contentsOf: "<g".utf8)
        writeAttribute("id", SVGPostProcessor.cleanAttribute("id", id, prefix: prefix, isAnchor: false, tooltip: nil)!)
        var classes = SVGPostProcessor.cleanAttribute("class", entry.classes.joined(separator: " "), prefix: prefix, isAnchor: false, tooltip: nil)!
        if let extra = processor.hover?.classes[id] { classes += " " + extra.joined(separator: " ") }
        writeAttribute("class", classes)
        out.append(UInt8(ascii: ">"))
        writeTitle(processor.titles[id] ?? entry.title)
    }

    private mutating func writeTitle(_ sentence: String) {
        out.append(contentsOf: "<title>".utf8)
        XMLWriter.append(sentence, context: .text, to: &out)
        out.append(contentsOf: "</title>".utf8)
    }

    /// The root's start tag and the head (title, description, style) after it.
    private mutating func writeRoot(base: Int) {
        var root = XMLElement(name: "svg", attributes: [], children: [])
        for a in scratch[base...] {
            if let cleaned = SVGPostProcessor.cleanAttribute(name(a), value(a), prefix: prefix, isAnchor: false, tooltip: nil) {
                root.attributes.append((name(a), cleaned))
            }
        }
        processor.finishRoot(&root, prefix: prefix)
        // The head's children only: the rest follows as it is read.
        let head = root.children
        root.children = [.text("")]
        var start: [UInt8] = []
        XMLWriter.write(root, into: &start)
        out.append(contentsOf: start.dropLast("</svg>".utf8.count))
        for node in head {
            switch node {
            case .text(let text): XMLWriter.append(text, context: .text, to: &out)
            case .element(let e):
                var element: [UInt8] = []
                XMLWriter.write(e, into: &element)
                out.append(contentsOf: element)
            }
        }
    }
}
