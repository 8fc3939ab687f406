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
struct SVGStream {
    /// What a reading error says (the tree reader is asked for the message).
    struct Failure: Error {}

    let processor: SVGPostProcessor
    let prefix: String
    /// Graphviz's SVG, valid UTF-8 (repaired as `String(decoding:)` does).
    let bytes: UnsafeBufferPointer<UInt8>
    var out: [UInt8]
    private var i = 0
    private var depth = 0
    /// Attribute byte ranges of the elements being read (a stack: each element
    /// pushes its own and pops them before its children).
    private var scratch: [Attribute] = []
    private let prefixBytes: [UInt8]

    /// One attribute as read: name and raw value, as byte offsets.
    private struct Attribute {
        var nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int
    }

    /// What an element's parent passes down.
    private struct Context {
        /// The parent's unprefixed id when it is a `g`.
        var groupID: String?
        /// The tooltip for an `<a>` child (the parent is an anchor group).
        var childTooltip: String?
        /// The parent is a list cell rewritten as an entity (its `<a>` children change).
        var listEntry: Diagram.ListEntry?
        /// Whether list cells below are rewritten (not inside one already).
        var rewritesLists: Bool
    }

    init(processor: SVGPostProcessor, prefix: String, bytes: UnsafeBufferPointer<UInt8>, capacity: Int) {
        self.processor = processor
        self.prefix = prefix
        self.bytes = bytes
        prefixBytes = Array(prefix.utf8)
        out = []
        out.reserveCapacity(capacity)
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
        while i + n <= bytes.count {
            if starts(terminator, at: i) { i += n; return }
            i += 1
        }
        throw Failure()
    }

    private mutating func skipDeclaration() throws(Failure) {
        var level = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "["): level += 1
            case UInt8(ascii: "]"): level -= 1
            case UInt8(ascii: ">") where level <= 0:
                i += 1
                return
            default: break
            }
            i += 1
        }
        throw Failure()
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
    mutating func run() throws(Failure) {
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
                                hover: groupID.flatMap { processor.hover?.classes[$0] })
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
    static func isAllowed(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 1: return name[0] == UInt8(ascii: "g") || name[0] == UInt8(ascii: "a")
        case 3...14:
            // Few elements: match the bytes against the set's members of that length.
            for element in allowedBytes where element.count == name.count && element.elementsEqual(name) { return true }
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
        XMLReader.decode(UnsafeBufferPointer(rebasing: bytes[attribute.valueStart..<attribute.valueEnd]))
    }

    private func name(_ attribute: Attribute) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[attribute.nameStart..<attribute.nameEnd]), as: UTF8.self)
    }

    /// Bytes that make an attribute value need more than copying: a reference to
    /// decode, a character to escape or drop, the lead byte of U+FFFE/U+FFFF, or a
    /// `(` (of a `url(#…)` to prefix). Text is the same without `(`, `"`, tab and line feed.
    private static let special: [Bool] = (0..<256).map { b in
        b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0xEF || b == 0x28
    }

    private static let specialInText: [Bool] = (0..<256).map { b in
        (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x26 || b == 0x3C || b == 0x3E || b == 0xEF
    }

    private func isPlain(_ start: Int, _ end: Int, text: Bool = false) -> Bool {
        let table = text ? Self.specialInText : Self.special
        return table.withUnsafeBufferPointer { t in
            var k = start
            while k < end {
                if t[Int(bytes[k])] { return false }
                k += 1
            }
            return true
        }
    }

    private mutating func appendText(_ range: Range<Int>) {
        if isPlain(range.lowerBound, range.upperBound, text: true) {
            append(range)
        } else {
            XMLWriter.append(XMLReader.decode(UnsafeBufferPointer(rebasing: bytes[range])), context: .text, to: &out)
        }
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

    /// Writes the cleaned attributes `scratch[base...]` of an ordinary element, with
    /// the hover classes added to its `class` (or as a `class` at the end).
    private mutating func writeAttributes(base: Int, isAnchor: Bool, tooltip: String?, hover: [String]?) {
        var hoverPending = hover != nil
        for index in base..<scratch.count {
            let a = scratch[index]
            let nameRange = a.nameStart..<a.nameEnd
            let isClass = hoverPending && equal(a.nameStart, a.nameEnd, "class")
            let asciiName = !bytes[nameRange].contains { $0 >= 0x80 }
            if isClass || !asciiName || !isPlain(a.valueStart, a.valueEnd) {
                // The tree path's rules, on strings.
                guard var cleaned = SVGPostProcessor.cleanAttribute(name(a), value(a), prefix: prefix, isAnchor: isAnchor, tooltip: tooltip) else { continue }
                if isClass {
                    cleaned += " " + hover!.joined(separator: " ")
                    hoverPending = false
                }
                writeAttribute(nameRange, cleaned)
                continue
            }
            // Plain value: decoding and escaping leave it as it is, and it holds no `url(`.
            let (s, e) = (a.nameStart, a.nameEnd)
            let valueRange = a.valueStart..<a.valueEnd
            if e - s >= 2, bytes[s] | 0x20 == UInt8(ascii: "o"), bytes[s + 1] | 0x20 == UInt8(ascii: "n") { continue }
            if equalFolded(s, e, "id") {
                writePrefixed(nameRange, valueRange, hash: false)
            } else if equalFolded(s, e, "href") || equalFolded(s, e, "xlink:href") {
                if bytes[valueRange].contains(where: { $0 >= 0x80 }) {
                    // `#` and a combining mark are one character: the string rules decide.
                    if let cleaned = SVGPostProcessor.cleanAttribute(name(a), value(a), prefix: prefix, isAnchor: isAnchor, tooltip: tooltip) {
                        writeAttribute(nameRange, cleaned)
                    }
                } else if a.valueEnd > a.valueStart, bytes[a.valueStart] == UInt8(ascii: "#") {
                    writePrefixed(nameRange, (a.valueStart + 1)..<a.valueEnd, hash: true)
                } else if isAnchor, URLPolicy.isAllowed(value(a)) {
                    writeRaw(nameRange, valueRange)
                }
            } else if equalFolded(s, e, "target") || equalFolded(s, e, "style") {
                if let cleaned = SVGPostProcessor.cleanAttribute(name(a), value(a), prefix: prefix, isAnchor: isAnchor, tooltip: tooltip) {
                    writeAttribute(nameRange, cleaned)
                }
            } else if equalFolded(s, e, "fill") || equalFolded(s, e, "stroke") {
                if equal(a.valueStart, a.valueEnd, "transparent") {
                    writeAttribute(nameRange, "none")
                } else {
                    writeRaw(nameRange, valueRange)
                }
            } else if let tooltip, equalFolded(s, e, "xlink:title") || equalFolded(s, e, "title") {
                writeAttribute(nameRange, tooltip)
            } else {
                writeRaw(nameRange, valueRange)
            }
        }
        if hoverPending, let hover {
            writeAttribute("class", hover.joined(separator: " "))
        }
    }

    /// ` name="value"` for a plain value.
    private mutating func writeRaw(_ name: Range<Int>, _ value: Range<Int>) {
        out.append(UInt8(ascii: " "))
        append(name)
        out.append(UInt8(ascii: "="))
        out.append(UInt8(ascii: "\""))
        append(value)
        out.append(UInt8(ascii: "\""))
    }

    /// ` name="prefix-value"` (`"#prefix-value"` with `hash`) for a plain value.
    private mutating func writePrefixed(_ name: Range<Int>, _ value: Range<Int>, hash: Bool) {
        out.append(UInt8(ascii: " "))
        append(name)
        out.append(UInt8(ascii: "="))
        out.append(UInt8(ascii: "\""))
        if hash { out.append(UInt8(ascii: "#")) }
        out.append(contentsOf: prefixBytes)
        out.append(UInt8(ascii: "-"))
        append(value)
        out.append(UInt8(ascii: "\""))
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
            case .element(let e): XMLWriter.write(e, into: &out)
            }
        }
    }
}
