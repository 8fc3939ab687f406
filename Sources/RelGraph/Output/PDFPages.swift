import Foundation

/// Joins PDF files into one, page after page, in pure Swift: no external tool and
/// no decompression. Made for the PDFs Graphviz writes through cairo (a classic
/// cross-reference table, indirect stream lengths, Flate streams), and careful
/// with any PDF of that structure.
///
/// What it reads: a classic cross-reference table (several subsections, `/Prev`
/// chains of incremental updates), every object's syntax (comments, literal and
/// hex strings, names with `#xx` escapes), streams whose `/Length` is direct or an
/// indirect object, and page trees (up to 64 levels deep) whose inheritable
/// attributes (`/Resources`, `/MediaBox`, `/CropBox`, `/Rotate`) are put onto
/// each page. A reference to an object the xref table does not list is `null`,
/// as the PDF specification reads it.
///
/// What it refuses, with a ``Error`` that says why: data that does not start with
/// `%PDF-`, a missing `startxref` (a truncated file), cross-reference streams and
/// object streams (PDF 1.5's compressed structure, also in hybrid files with
/// `/XRefStm`), encrypted files, a cross-reference entry that does not point at
/// its object, a stream whose `/Length` does not end at `endstream`, and a page
/// tree that is not one (no `/Root`, no `/Pages`, a node reached twice).
///
/// How: every object reachable from the pages is copied byte for byte, its stream
/// data untouched, with new object numbers (each document's objects in their old
/// order, numbered on from the previous document's) and its indirect references
/// `N G R` rewritten outside stream data. A page gets the new page tree as its
/// `/Parent` and the attributes it inherited. The old catalogs, page-tree nodes and
/// `/Info` dictionaries are dropped; a new catalog with one flat page tree, a new
/// `/Info` and a fresh cross-reference table are written. The same inputs give the
/// same bytes: no date, and the `/ID` is a SHA-256 of the body.
///
/// On paper (``place(_:on:title:)``, or `paper:` of ``concatenate(_:title:paper:)``):
/// each page becomes a sheet of the paper's size (`/MediaBox`, and `/CropBox` when it
/// has one), and what it showed (its crop box, else its media box) is scaled, up
/// or down, keeping its aspect, to fit the paper's area, centred across it and at
/// its top. Nothing is decompressed: the page's `/Contents` becomes an array whose
/// first stream is `q s 0 0 s x y cm` and whose last is `Q`, its own streams
/// between them byte for byte; the rectangles of its link annotations (`/Rect`,
/// `/QuadPoints`) are moved with it. A page it cannot place so is refused with an
/// ``Error``: a turned page (`/Rotate` not a multiple of 360), one with a
/// `/TrimBox`, `/BleedBox` or `/ArtBox`, an annotation that is not a link, or a
/// box that is not four numbers.
package enum PDFPages {
    /// Why the documents could not be joined, in words a user can act on.
    package struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The input that could not be read (0 for the first), or `nil` when the
        /// problem is the call's (no documents, no pages).
        package var document: Int?
        /// What is wrong.
        package var reason: String

        package var description: String {
            guard let document else { return "cannot join PDFs: \(reason)" }
            return "cannot read PDF \(document + 1): \(reason)"
        }

        /// An error about input `document` (0-based), or about the call when `nil`.
        package init(document: Int?, reason: String) {
            self.document = document
            self.reason = reason
        }
    }

    /// One PDF whose pages are the pages of `documents`, in order.
    ///
    /// `title`, when given, becomes the `/Title` of the `/Info` dictionary (as a
    /// PDF text string: printable ASCII as a literal string, anything else as
    /// UTF-16BE with a byte-order mark).
    /// - Throws: ``Error`` with a clear message when a document cannot be read
    ///   (not a PDF, no xref, an object it cannot find, encrypted, xref streams it
    ///   does not read…), or when there is no page at all.
    ///
    /// `paper`, when given, puts every page on that paper (see ``place(_:on:title:)``).
    package static func concatenate(_ documents: [Data], title: String? = nil, paper: PageSize.Paper? = nil) throws -> Data {
        guard !documents.isEmpty else { throw Error(document: nil, reason: "no documents were given") }
        var sources: [Source] = []
        var next = 1  // the first new object number of the next document
        for (index, data) in documents.enumerated() {
            do {
                let source = try Source(document: Document(data), firstNumber: next, paper: paper)
                next += source.objectCount
                sources.append(source)
            } catch {  // the block throws only Failure
                throw Error(document: index, reason: error.reason)
            }
        }
        let pageCount = sources.reduce(0) { $0 + $1.pages.count }
        guard pageCount > 0 else { throw Error(document: nil, reason: "the documents have no pages") }
        let tree = next, catalog = next + 1, info = next + 2

        var writer = Writer()
        let version = sources.map(\.document.version).max { ($0.major, $0.minor) < ($1.major, $1.minor) }!
        writer.append("%PDF-\(version.major).\(version.minor)\n")
        writer.bytes += [0x25, 0xB5, 0xED, 0xAE, 0xFB, 0x0A]  // "%" and four bytes over 127: a binary file
        var kids: [String] = []
        for (index, source) in sources.enumerated() {
            do {
                try source.write(into: &writer, tree: tree, catalog: catalog)
            } catch {
                throw Error(document: index, reason: error.reason)
            }
            kids += source.pages.map { "\(source.numbers[$0.number]!) 0 R" }
        }
        writer.beginObject(tree)
        writer.append("\n<< /Type /Pages\n   /Kids [ \(kids.joined(separator: " ")) ]\n   /Count \(pageCount)\n>>\nendobj\n")
        writer.beginObject(catalog)
        writer.append("\n<< /Type /Catalog\n   /Pages \(tree) 0 R\n>>\nendobj\n")
        writer.beginObject(info)
        writer.append("\n<< ")
        if let title { writer.append("/Title \(textString(title))\n   ") }
        writer.append("/Producer (relgraph \(RelGraphInfo.version))\n>>\nendobj\n")
        return Data(writer.finish(root: catalog, info: info))
    }

    /// `document` with every page on `paper`: a sheet of the paper's size, the
    /// page's drawing scaled (up or down, keeping its aspect) to fit the paper's
    /// area, centred across it and at its top, still vector. The result is written
    /// as ``concatenate(_:title:paper:)`` writes (no date; the same input gives the
    /// same bytes).
    /// - Throws: ``Error`` when the document cannot be read, or a page cannot be
    ///   placed (turned, a trim, bleed or art box, an annotation that is not a link).
    package static func place(_ document: Data, on paper: PageSize.Paper, title: String? = nil) throws -> Data {
        try concatenate([document], title: title, paper: paper)
    }

    /// `text` as a PDF text string: a literal string when it is printable ASCII
    /// (tabs and line breaks allowed), with `\`, `(` and `)` escaped; otherwise a
    /// hex string of its UTF-16BE code units after the byte-order mark FE FF.
    static func textString(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard plain else {
            return "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
        }
        var out = "("
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "(", ")": out += "\\" + String(scalar)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + ")"
    }
}

// MARK: - Reading

extension PDFPages {
    /// A problem with one document; ``concatenate(_:title:)`` says which.
    struct Failure: Swift.Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// A lexical token of PDF object syntax and where it stands.
    struct Token {
        enum Kind: Equatable {
            case integer(Int), real, string, name(String), keyword(String)
            case arrayOpen, arrayClose, dictionaryOpen, dictionaryClose
        }
        var kind: Kind
        var range: Range<Int>
    }

    /// A parsed PDF value and the bytes it was read from.
    struct Node {
        indirect enum Value {
            case null, boolean(Bool), integer(Int), real, string, name(String)
            case array([Node])
            case dictionary([(key: String, value: Node)])
            case reference(number: Int, generation: Int)
        }
        var value: Value
        var range: Range<Int>

        /// The value of `key` when this is a dictionary that has it.
        subscript(key: String) -> Node? {
            guard case .dictionary(let entries) = value else { return nil }
            return entries.first { $0.key == key }?.value
        }

        /// The name, when this is one.
        var name: String? {
            if case .name(let name) = value { return name }
            return nil
        }

        /// `(number, generation)`, when this is an indirect reference.
        var reference: (number: Int, generation: Int)? {
            if case .reference(let number, let generation) = value { return (number, generation) }
            return nil
        }

        /// Every indirect reference inside this value, in byte order.
        func references(into list: inout [Reference]) {
            switch value {
            case .reference(let number, let generation): list.append(Reference(range: range, number: number, generation: generation))
            case .array(let items): for item in items { item.references(into: &list) }
            case .dictionary(let entries): for entry in entries { entry.value.references(into: &list) }
            default: break
            }
        }
    }

    /// An indirect reference `N G R` and its bytes.
    struct Reference {
        var range: Range<Int>
        var number: Int
        var generation: Int
    }

    /// Splits PDF object syntax into tokens: whitespace and comments are skipped,
    /// strings and names read whole, so that nothing inside them looks like a token.
    struct Lexer {
        let bytes: [UInt8]
        var position: Int

        static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
        }

        static func isDelimiter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
                return true
            default: return false
            }
        }

        static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

        /// Moves past whitespace and comments.
        mutating func skipSpace() {
            while position < bytes.count {
                let byte = bytes[position]
                if Lexer.isWhitespace(byte) {
                    position += 1
                } else if byte == UInt8(ascii: "%") {
                    while position < bytes.count && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
                } else {
                    return
                }
            }
        }

        /// The next token, or `nil` at the end of the data.
        mutating func next() throws(Failure) -> Token? {
            skipSpace()
            guard position < bytes.count else { return nil }
            let start = position
            let byte = bytes[position]
            position += 1
            func token(_ kind: Token.Kind) -> Token { Token(kind: kind, range: start..<position) }
            switch byte {
            case UInt8(ascii: "["): return token(.arrayOpen)
            case UInt8(ascii: "]"): return token(.arrayClose)
            case UInt8(ascii: "<") where position < bytes.count && bytes[position] == UInt8(ascii: "<"):
                position += 1
                return token(.dictionaryOpen)
            case UInt8(ascii: ">") where position < bytes.count && bytes[position] == UInt8(ascii: ">"):
                position += 1
                return token(.dictionaryClose)
            case UInt8(ascii: "<"):
                while position < bytes.count && bytes[position] != UInt8(ascii: ">") {
                    let digit = bytes[position]
                    guard Lexer.isWhitespace(digit) || ((digit | 0x20) >= UInt8(ascii: "a") && (digit | 0x20) <= UInt8(ascii: "f"))
                        || (digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9")) else {
                        throw Failure("a hex string at byte \(start) holds a byte that is not a hex digit")
                    }
                    position += 1
                }
                guard position < bytes.count else { throw Failure("a hex string at byte \(start) never ends") }
                position += 1
                return token(.string)
            case UInt8(ascii: "("):
                var depth = 1
                while position < bytes.count && depth > 0 {
                    switch bytes[position] {
                    case UInt8(ascii: "\\"): position += 1
                    case UInt8(ascii: "("): depth += 1
                    case UInt8(ascii: ")"): depth -= 1
                    default: break
                    }
                    position += 1
                }
                guard depth == 0 && position <= bytes.count else { throw Failure("a string at byte \(start) never ends") }
                return token(.string)
            case UInt8(ascii: "/"):
                var name: [UInt8] = []
                while position < bytes.count && Lexer.isRegular(bytes[position]) {
                    if bytes[position] == UInt8(ascii: "#"), position + 2 < bytes.count,
                       let code = UInt8(String(decoding: bytes[position + 1...position + 2], as: UTF8.self), radix: 16) {
                        name.append(code)
                        position += 3
                    } else {
                        name.append(bytes[position])
                        position += 1
                    }
                }
                return token(.name(String(decoding: name, as: UTF8.self)))
            case UInt8(ascii: ")"), UInt8(ascii: ">"):
                throw Failure("an unexpected '\(Character(Unicode.Scalar(byte)))' at byte \(start)")
            case UInt8(ascii: "{"), UInt8(ascii: "}"):
                return token(.keyword(String(Character(Unicode.Scalar(byte)))))
            default:
                while position < bytes.count && Lexer.isRegular(bytes[position]) { position += 1 }
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                if let first = text.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) {
                    if let value = Int(text) { return token(.integer(value)) }
                    if Double(text) != nil { return token(.real) }
                }
                return token(.keyword(text))
            }
        }

        /// The next token, which must be there.
        mutating func require(_ what: String) throws(Failure) -> Token {
            guard let token = try next() else { throw Failure("the file ends where \(what) should be") }
            return token
        }

        /// Reads a whole value: arrays and dictionaries with all they hold, and
        /// `N G R` as one reference.
        mutating func value(depth: Int = 0) throws(Failure) -> Node {
            try value(after: try require("a value"), depth: depth)
        }

        /// Reads the value that begins with `first`.
        mutating func value(after first: Token, depth: Int) throws(Failure) -> Node {
            guard depth < 256 else { throw Failure("objects nested more than 256 deep at byte \(first.range.lowerBound)") }
            switch first.kind {
            case .integer(let number):
                let saved = position
                if number >= 0, let second = try? next(), case .integer(let generation) = second.kind, generation >= 0,
                   let third = try? next(), third.kind == .keyword("R") {
                    return Node(value: .reference(number: number, generation: generation), range: first.range.lowerBound..<third.range.upperBound)
                }
                position = saved
                return Node(value: .integer(number), range: first.range)
            case .real: return Node(value: .real, range: first.range)
            case .string: return Node(value: .string, range: first.range)
            case .name(let name): return Node(value: .name(name), range: first.range)
            case .keyword("true"): return Node(value: .boolean(true), range: first.range)
            case .keyword("false"): return Node(value: .boolean(false), range: first.range)
            case .keyword("null"): return Node(value: .null, range: first.range)
            case .arrayOpen:
                var items: [Node] = []
                while true {
                    let token = try require("the end of an array from byte \(first.range.lowerBound)")
                    if token.kind == .arrayClose {
                        return Node(value: .array(items), range: first.range.lowerBound..<token.range.upperBound)
                    }
                    items.append(try value(after: token, depth: depth + 1))
                }
            case .dictionaryOpen:
                var entries: [(key: String, value: Node)] = []
                while true {
                    let token = try require("the end of a dictionary from byte \(first.range.lowerBound)")
                    if token.kind == .dictionaryClose {
                        return Node(value: .dictionary(entries), range: first.range.lowerBound..<token.range.upperBound)
                    }
                    guard case .name(let key) = token.kind else {
                        throw Failure("a dictionary key at byte \(token.range.lowerBound) is not a name")
                    }
                    entries.append((key, try value(depth: depth + 1)))
                }
            case .keyword(let word):
                throw Failure("'\(word.prefix(20))' at byte \(first.range.lowerBound) where a value should be")
            case .arrayClose, .dictionaryClose:
                throw Failure("a stray '\(first.kind == .arrayClose ? "]" : ">>")' at byte \(first.range.lowerBound)")
            }
        }
    }

    /// An object read from its place in the file: `N G obj … endobj`.
    struct IndirectObject {
        var number: Int
        /// Where the bytes after `obj` begin (the copy starts there).
        var bodyStart: Int
        /// The object's value (a stream's dictionary).
        var value: Node
        /// A stream's data, which is copied as it is.
        var data: Range<Int>?
        /// Just after `endobj`.
        var end: Int
    }

    /// One input PDF: its bytes, cross-reference table and trailer, and the objects
    /// read so far.
    final class Document {
        let bytes: [UInt8]
        /// The version of the header, or of the catalog's `/Version` when higher.
        private(set) var version: (major: Int, minor: Int)
        /// Object number to its offset and generation; `nil` for a free entry.
        private(set) var entries: [Int: (offset: Int, generation: Int)?] = [:]
        /// The newest trailer.
        private(set) var trailer = Node(value: .null, range: 0..<0)
        private var objects: [Int: IndirectObject] = [:]
        private var reading: Set<Int> = []

        init(_ data: Data) throws(Failure) {
            bytes = [UInt8](data)
            guard bytes.starts(with: Array("%PDF-".utf8)) else {
                throw Failure("it is not a PDF: it does not start with %PDF-")
            }
            version = Document.version(String(decoding: bytes.dropFirst(5).prefix(3), as: UTF8.self)) ?? (1, 4)
            var offset: Int? = try startxref()
            var seen: Set<Int> = []
            while let start = offset {
                guard seen.insert(start).inserted else { throw Failure("the /Prev chain of xref tables loops at byte \(start)") }
                let section = try table(at: start)
                if trailer.range.isEmpty { trailer = section }
                if section["Encrypt"] != nil { throw Failure("it is encrypted, and encrypted PDFs are not read") }
                if section["XRefStm"] != nil {
                    throw Failure("it is a hybrid file with a cross-reference stream (/XRefStm): cross-reference and object streams are not read")
                }
                if let previous = section["Prev"] {
                    guard case .integer(let value) = previous.value else { throw Failure("the trailer's /Prev is not a byte offset") }
                    offset = value
                } else {
                    offset = nil
                }
            }
            if let declared = try catalog().value["Version"]?.name, let higher = Document.version(declared),
               (higher.major, higher.minor) > (version.major, version.minor) {
                version = higher
            }
        }

        /// `"1.5"` as `(1, 5)`.
        private static func version(_ text: String) -> (major: Int, minor: Int)? {
            let parts = text.split(separator: ".")
            guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1].prefix { $0.isNumber }) else { return nil }
            return (major, minor)
        }

        /// The offset after the last `startxref` near the end of the file.
        private func startxref() throws(Failure) -> Int {
            let keyword = Array("startxref".utf8)
            let lowest = max(0, bytes.count - 2048)
            var at = bytes.count - keyword.count
            while at >= lowest && !bytes[at..<at + keyword.count].elementsEqual(keyword) { at -= 1 }
            guard at >= lowest else {
                throw Failure("there is no startxref at its end: the file is truncated, or not a complete PDF")
            }
            var lexer = Lexer(bytes: bytes, position: at + keyword.count)
            guard let token = try? lexer.next(), case .integer(let offset) = token.kind else {
                throw Failure("the startxref at byte \(at) is not followed by a byte offset (a truncated file?)")
            }
            guard offset >= 0 && offset < bytes.count else {
                throw Failure("startxref points to byte \(offset), past the end of the file (\(bytes.count) bytes): the file is truncated or damaged")
            }
            return offset
        }

        /// Reads the xref table at `offset` into ``entries`` (older tables do not
        /// replace newer entries) and returns its trailer dictionary.
        private func table(at offset: Int) throws(Failure) -> Node {
            var lexer = Lexer(bytes: bytes, position: offset)
            let first = try? lexer.next()
            guard first?.kind == .keyword("xref") else {
                if case .integer = first?.kind, let second = try? lexer.next(), case .integer = second.kind,
                   let third = try? lexer.next(), third.kind == .keyword("obj"), (try? lexer.value())?["Type"]?.name == "XRef" {
                    throw Failure("its cross-reference data is a stream (PDF 1.5's compressed structure), which is not read; only classic xref tables are")
                }
                throw Failure("startxref points to byte \(offset), where there is no xref table")
            }
            while true {
                let token = try lexer.require("an xref subsection or trailer")
                if token.kind == .keyword("trailer") { break }
                guard case .integer(let start) = token.kind, let countToken = try lexer.next(),
                      case .integer(let count) = countToken.kind, start >= 0, count >= 0,
                      start <= 8_388_608, count <= 8_388_608 - start, count <= (bytes.count - lexer.position) / 18 + 1 else {
                    throw Failure("the xref table at byte \(offset) is malformed at byte \(token.range.lowerBound)")
                }
                for number in start..<start + count {
                    let entryStart = lexer.position
                    guard let first = try lexer.next(), case .integer(let place) = first.kind,
                          let second = try lexer.next(), case .integer(let generation) = second.kind,
                          let type = try lexer.next(), type.kind == .keyword("n") || type.kind == .keyword("f") else {
                        throw Failure("the xref table at byte \(offset) has a malformed entry for object \(number) at byte \(entryStart)")
                    }
                    if entries[number] == nil {  // a newer table has said already
                        let entry: (offset: Int, generation: Int)? = type.kind == .keyword("n") && number != 0 ? (place, generation) : nil
                        entries[number] = .some(entry)
                    }
                }
            }
            let trailer = try lexer.value()
            guard case .dictionary = trailer.value else { throw Failure("the trailer at byte \(trailer.range.lowerBound) is not a dictionary") }
            return trailer
        }

        /// Whether `number G R` refers to an object the xref table lists in use.
        func exists(_ number: Int, generation: Int) -> Bool {
            guard let entry = entries[number], let entry else { return false }
            return entry.generation == generation
        }

        /// The object `number`, read where the xref table says it is.
        func object(_ number: Int) throws(Failure) -> IndirectObject {
            if let object = objects[number] { return object }
            guard let entry = entries[number] ?? nil else {
                throw Failure("object \(number) is needed but the xref table does not list it")
            }
            let (offset, generation) = entry
            guard reading.insert(number).inserted else { throw Failure("object \(number)'s /Length refers to itself") }
            guard reading.count <= 4 else { throw Failure("stream lengths refer to streams more than 3 deep, at object \(number)") }
            defer { reading.remove(number) }
            guard offset >= 0 && offset < bytes.count else {
                throw Failure("the xref table puts object \(number) at byte \(offset), past the end of the file")
            }
            var lexer = Lexer(bytes: bytes, position: offset)
            let header = [try? lexer.next(), try? lexer.next(), try? lexer.next()].map { $0?.kind }
            guard header == [.integer(number), .integer(generation), .keyword("obj")] else {
                throw Failure("the xref table puts object \(number) at byte \(offset), but '\(number) \(generation) obj' is not there (a damaged xref table)")
            }
            let bodyStart = lexer.position
            let value = try lexer.value()
            var after = try lexer.require("endobj of object \(number)")
            var data: Range<Int>?
            if after.kind == .keyword("stream") {
                let range = try streamData(of: number, dictionary: value, keywordEnd: after.range.upperBound)
                data = range
                lexer.position = range.upperBound
                guard (try? lexer.next())?.kind == .keyword("endstream") else {
                    throw Failure("the stream of object \(number) does not end with endstream where its /Length says")
                }
                after = try lexer.require("endobj of object \(number)")
            }
            guard after.kind == .keyword("endobj") else {
                throw Failure("object \(number) (at byte \(offset)) does not end with endobj")
            }
            let object = IndirectObject(number: number, bodyStart: bodyStart, value: value, data: data, end: after.range.upperBound)
            objects[number] = object
            return object
        }

        /// The data of object `number`'s stream: `/Length` bytes after the end of
        /// line that follows the `stream` keyword.
        private func streamData(of number: Int, dictionary: Node, keywordEnd: Int) throws(Failure) -> Range<Int> {
            var start = keywordEnd
            if start < bytes.count && bytes[start] == 0x0D { start += 1 }
            if start < bytes.count && bytes[start] == 0x0A { start += 1 }
            guard let lengthNode = dictionary["Length"] else { throw Failure("the stream of object \(number) has no /Length") }
            var length = lengthNode
            if let target = lengthNode.reference {
                guard exists(target.number, generation: target.generation) else {
                    throw Failure("the /Length of object \(number)'s stream is object \(target.number), which the xref table does not list")
                }
                length = try object(target.number).value
            }
            guard case .integer(let count) = length.value, count >= 0, count <= bytes.count - start else {
                throw Failure("the stream of object \(number) has a /Length that is not a byte count within the file")
            }
            return start..<start + count
        }

        /// The catalog (`/Root` of the trailer).
        func catalog() throws(Failure) -> IndirectObject {
            guard let number = trailer["Root"]?.reference?.number else { throw Failure("its trailer has no /Root") }
            return try object(number)
        }
    }
}

// MARK: - Pages and what they use

extension PDFPages {
    /// Attributes a page inherits from the `Pages` nodes above it.
    static let inheritable = ["Resources", "MediaBox", "CropBox", "Rotate"]

    /// A page: its object number and the attributes it inherits and lacks.
    struct Page {
        var number: Int
        var inherited: [(key: String, value: Node)]
    }

    /// One input prepared for writing: its pages, the objects they use, and the
    /// new numbers of those objects.
    struct Source {
        let document: Document
        /// The pages in order.
        private(set) var pages: [Page] = []
        /// Page object number to its place in ``pages``.
        private var pageIndex: [Int: Int] = [:]
        /// The old catalog and page-tree nodes: references to them go to the new ones.
        private var catalogNumber = 0
        private var treeNodes: Set<Int> = []
        /// The objects that will be copied, in old-number order.
        private(set) var kept: [IndirectObject] = []
        /// Old object number to new, for the kept objects.
        private(set) var numbers: [Int: Int] = [:]
        /// The paper the pages go on, and how each page (by its place in ``pages``) is moved onto it.
        private var paper: PageSize.Paper?
        private var placements: [Placement] = []
        /// Link annotations that are objects of their own, by old number: how their page moves.
        private var movedAnnotations: [Int: Placement] = [:]
        /// The new number of the first stream that places a page (one a page, then the closing `Q`).
        private var firstPlacing = 0

        /// How many objects this document writes: the kept ones, and on paper a
        /// stream a page and one more.
        var objectCount: Int { kept.count + (paper == nil ? 0 : pages.count + 1) }

        init(document: Document, firstNumber: Int, paper: PageSize.Paper? = nil) throws(Failure) {
            self.document = document
            self.paper = paper
            let catalog = try document.catalog()
            catalogNumber = catalog.number
            guard let root = catalog.value["Pages"]?.reference?.number else { throw Failure("its catalog has no /Pages reference") }
            try walk(root, inherited: [:], depth: 0)
            try keepReachable()
            for (index, object) in kept.enumerated() { numbers[object.number] = firstNumber + index }
            firstPlacing = firstNumber + kept.count
            if let paper {
                for index in pages.indices { placements.append(try placement(of: index, on: paper)) }
            }
        }

        /// Collects the pages below page-tree node `number`, in order.
        private mutating func walk(_ number: Int, inherited: [String: Node], depth: Int) throws(Failure) {
            guard depth < 64 else { throw Failure("its page tree is more than 64 levels deep") }
            let node = try document.object(number).value
            guard case .dictionary = node.value else { throw Failure("page-tree object \(number) is not a dictionary") }
            let type = node["Type"]?.name
            if type == "Pages" || (type == nil && node["Kids"] != nil) {
                guard treeNodes.insert(number).inserted else { throw Failure("its page tree reaches pages node \(number) twice (a loop)") }
                var inherited = inherited
                for key in PDFPages.inheritable { if let value = node[key] { inherited[key] = value } }
                guard case .array(let kids) = node["Kids"]?.value else { throw Failure("pages node \(number) has no /Kids array") }
                for kid in kids {
                    guard let child = kid.reference?.number else {
                        throw Failure("pages node \(number) has a kid that is not a reference (byte \(kid.range.lowerBound))")
                    }
                    try walk(child, inherited: inherited, depth: depth + 1)
                }
            } else if type == "Page" || type == nil {
                guard pageIndex[number] == nil else { throw Failure("page object \(number) is in the page tree twice") }
                let missing = PDFPages.inheritable.compactMap { key in node[key] == nil ? inherited[key].map { (key, $0) } : nil }
                pageIndex[number] = pages.count
                pages.append(Page(number: number, inherited: missing))
            } else {
                throw Failure("object \(number) in the page tree is a /\(type!), not a page")
            }
        }

        /// The references in `object`'s bytes that are copied: all but a page's
        /// `/Parent` (which becomes the new page tree).
        private func ownReferences(of object: IndirectObject) -> [Reference] {
            var list: [Reference] = []
            guard pageIndex[object.number] != nil, case .dictionary(let entries) = object.value.value else {
                object.value.references(into: &list)
                return list
            }
            for entry in entries where entry.key != "Parent" { entry.value.references(into: &list) }
            return list
        }

        /// Reads every object the pages reach, not through the old page tree or catalog.
        private mutating func keepReachable() throws(Failure) {
            var reached: [Int: IndirectObject] = [:]
            var stack = pages.map(\.number)
            for number in stack { reached[number] = try document.object(number) }
            while let number = stack.popLast() {
                var references = ownReferences(of: reached[number]!)
                for entry in pageIndex[number].map({ pages[$0].inherited }) ?? [] { entry.value.references(into: &references) }
                for reference in references {
                    let target = reference.number
                    guard target != catalogNumber, !treeNodes.contains(target), reached[target] == nil,
                          document.exists(target, generation: reference.generation) else { continue }
                    reached[target] = try document.object(target)
                    stack.append(target)
                }
            }
            kept = reached.keys.sorted().map { reached[$0]! }
        }

        /// `node`, or the object it refers to (`null` for one the xref table does not list).
        private func resolved(_ node: Node) throws(Failure) -> Node {
            guard let target = node.reference else { return node }
            guard document.exists(target.number, generation: target.generation) else { return Node(value: .null, range: node.range) }
            return try document.object(target.number).value
        }

        /// The number `node` holds (resolved), if it is one.
        private func number(_ node: Node) throws(Failure) -> Double? {
            switch try resolved(node).value {
            case .integer(let value): return Double(value)
            case .real: return Double(String(decoding: document.bytes[node.range], as: UTF8.self))
            default: return nil
            }
        }

        /// The numbers of the array `node` (resolved), if it is an array of numbers only.
        private func numbers(_ node: Node) throws(Failure) -> [Double]? {
            guard case .array(let items) = try resolved(node).value else { return nil }
            var values: [Double] = []
            for item in items {
                guard item.reference == nil, let value = try number(item) else { return nil }
                values.append(value)
            }
            return values
        }

        /// A page's rectangle `key` (`/MediaBox`, `/CropBox`), normalised, if it has one.
        private func box(_ key: String, of node: Node, page: Page, index: Int) throws(Failure) -> Geometry.Box? {
            guard let value = node[key] ?? page.inherited.first(where: { $0.key == key })?.value else { return nil }
            guard let v = try numbers(value), v.count == 4, v.allSatisfy(\.isFinite) else {
                throw Failure("page \(index + 1)'s /\(key) is not four numbers")
            }
            return Geometry.Box(minX: min(v[0], v[2]), minY: min(v[1], v[3]), maxX: max(v[0], v[2]), maxY: max(v[1], v[3]))
        }

        /// How page `index` is moved onto `paper`: what it shows (its crop box within
        /// its media box) scaled to fit the paper's area, centred across it, at its top.
        private mutating func placement(of index: Int, on paper: PageSize.Paper) throws(Failure) -> Placement {
            let page = pages[index]
            let node = try document.object(page.number).value
            if let rotate = node["Rotate"] ?? page.inherited.first(where: { $0.key == "Rotate" })?.value {
                guard case .integer(let degrees) = try resolved(rotate).value else { throw Failure("page \(index + 1)'s /Rotate is not a number") }
                guard degrees % 360 == 0 else {
                    throw Failure("page \(index + 1) is turned (/Rotate \(degrees)): a turned page is not placed on paper")
                }
            }
            for key in ["TrimBox", "BleedBox", "ArtBox"] where node[key] != nil {
                throw Failure("page \(index + 1) has a /\(key), which is not placed on paper")
            }
            guard var shown = try box("MediaBox", of: node, page: page, index: index) else {
                throw Failure("page \(index + 1) has no /MediaBox")
            }
            if let crop = try box("CropBox", of: node, page: page, index: index) {
                guard let both = shown.intersection(crop) else { throw Failure("page \(index + 1)'s /CropBox lies outside its /MediaBox") }
                shown = both
            }
            let (width, height) = (shown.maxX - shown.minX, shown.maxY - shown.minY)
            guard width > 0, height > 0 else { throw Failure("page \(index + 1) shows nothing: its box is \(width) × \(height)") }
            let scale = min(paper.areaWidth / width, paper.areaHeight / height)
            let placement = Placement(scale: scale,
                                      x: paper.areaX + (paper.areaWidth - width * scale) / 2 - scale * shown.minX,
                                      y: paper.areaY + paper.areaHeight - height * scale - scale * shown.minY)
            if let annotations = node["Annots"] {
                guard case .array(let items) = try resolved(annotations).value else {
                    throw Failure("page \(index + 1)'s /Annots is not an array")
                }
                for item in items {
                    let annotation = try resolved(item)
                    if case .null = annotation.value { continue }
                    let subtype = annotation["Subtype"]?.name
                    guard subtype == "Link" else {
                        throw Failure("page \(index + 1) has a\(subtype.map { " /\($0)" } ?? "n") annotation, which is not placed on paper (links are)")
                    }
                    for key in ["Rect", "QuadPoints"] {
                        guard let value = annotation[key] else { continue }
                        guard let values = try numbers(value), values.count % 2 == 0, values.allSatisfy(\.isFinite) else {
                            throw Failure("page \(index + 1) has a link whose /\(key) is not an array of numbers")
                        }
                    }
                    if item.reference == nil, annotations.reference != nil {
                        throw Failure("page \(index + 1)'s /Annots is an object of its own with links written in it, which are not moved")
                    }
                    if let target = item.reference?.number {
                        if let known = movedAnnotations[target], known != placement {
                            throw Failure("annotation \(target) is on two pages that move differently")
                        }
                        movedAnnotations[target] = placement
                    }
                }
            }
            return placement
        }

        /// The edits that move the rectangles (`/Rect`, `/QuadPoints`) of the link annotation `annotation`.
        private func movedRectangles(of annotation: Node, by placement: Placement) throws(Failure) -> [(range: Range<Int>, bytes: [UInt8])] {
            var edits: [(range: Range<Int>, bytes: [UInt8])] = []
            for key in ["Rect", "QuadPoints"] {
                guard let value = annotation[key], let v = try numbers(value) else { continue }
                let moved = stride(from: 0, to: v.count - 1, by: 2).flatMap { [placement.scale * v[$0] + placement.x, placement.scale * v[$0 + 1] + placement.y] }
                edits.append((value.range, Array(("[ " + moved.map(PDFPages.number).joined(separator: " ") + " ]").utf8)))
            }
            return edits
        }

        /// What `reference` becomes in the new file: the new number of a kept
        /// object, the new catalog or page tree for the old ones, and `null` for an
        /// object the xref table does not list (as the PDF specification reads it).
        private func rewritten(_ reference: Reference, tree: Int, catalog: Int) -> [UInt8] {
            let target: Int?
            if reference.number == catalogNumber {
                target = catalog
            } else if treeNodes.contains(reference.number) {
                target = tree
            } else if document.exists(reference.number, generation: reference.generation) {
                target = numbers[reference.number]
            } else {
                target = nil
            }
            return Array((target.map { "\($0) 0 R" } ?? "null").utf8)
        }

        /// Appends the bytes of `range` to `out`, with `references` (inside it)
        /// rewritten and each of `edits` (inside it, apart from the references)
        /// replacing its bytes; an empty edit range inserts.
        private func copy(_ range: Range<Int>, references: [Reference], edits: [(range: Range<Int>, bytes: [UInt8])] = [],
                          tree: Int, catalog: Int, into out: inout [UInt8]) {
            var all = references.map { (range: $0.range, bytes: rewritten($0, tree: tree, catalog: catalog)) } + edits
            all.sort { $0.range.lowerBound < $1.range.lowerBound }
            var at = range.lowerBound
            for edit in all {
                out += document.bytes[at..<edit.range.lowerBound]
                out += edit.bytes
                at = edit.range.upperBound
            }
            out += document.bytes[at..<range.upperBound]
        }

        /// Writes the kept objects with their new numbers and references; a page
        /// also gets `/Parent` (the new page tree) and the attributes it inherited,
        /// written before its dictionary's `>>`. On paper, a page gets the paper's
        /// boxes and its placing streams around its contents, and its links' rectangles
        /// move; the placing streams follow the kept objects.
        func write(into writer: inout Writer, tree: Int, catalog: Int) throws(Failure) {
            for object in kept {
                writer.beginObject(numbers[object.number]!)
                var edits: [(range: Range<Int>, bytes: [UInt8])] = []
                if let index = pageIndex[object.number], case .dictionary(let entries) = object.value.value {
                    let page = pages[index]
                    let placement = placements.isEmpty ? nil : placements[index]
                    var added: [UInt8] = []
                    let parents = entries.filter { $0.key == "Parent" }
                    edits += parents.map { ($0.value.range, Array("\(tree) 0 R".utf8)) }
                    if parents.isEmpty { added += Array(" /Parent \(tree) 0 R".utf8) }
                    for (key, value) in page.inherited {
                        added += Array(" /\(key) ".utf8)
                        if placement != nil, key == "MediaBox" || key == "CropBox" {
                            added += sheet
                            continue
                        }
                        var inner: [Reference] = []
                        value.references(into: &inner)
                        copy(value.range, references: inner, tree: tree, catalog: catalog, into: &added)
                    }
                    if let placement {
                        edits += try placingEdits(entries, page: index, placement: placement, tree: tree, catalog: catalog, added: &added)
                    }
                    let close = object.value.range.upperBound - 2  // the dictionary's ">>"
                    if !added.isEmpty { edits.append((close..<close, added + [0x0A])) }
                } else if let placement = movedAnnotations[object.number] {
                    edits += try movedRectangles(of: object.value, by: placement)
                }
                // References inside a replaced value are written by the edit that replaces it.
                let references = ownReferences(of: object).filter { reference in
                    !edits.contains { !$0.range.isEmpty && $0.range.contains(reference.range.lowerBound) }
                }
                copy(object.bodyStart..<object.end, references: references,
                     edits: edits, tree: tree, catalog: catalog, into: &writer.bytes)
                writer.bytes.append(0x0A)
            }
            guard paper != nil else { return }
            for (index, placement) in placements.enumerated() {
                let p = PDFPages.number
                writer.stream(firstPlacing + index, "q \(p(placement.scale)) 0 0 \(p(placement.scale)) \(p(placement.x)) \(p(placement.y)) cm\n")
            }
            writer.stream(firstPlacing + pages.count, "\nQ\n")
        }

        /// The paper's sheet as a PDF rectangle.
        private var sheet: [UInt8] {
            Array("[ 0 0 \(PDFPages.number(paper!.width)) \(PDFPages.number(paper!.height)) ]".utf8)
        }

        /// The edits of page `index`'s dictionary `entries` that put it on paper: its
        /// boxes become the sheet, its contents are wrapped in its placing streams
        /// (added to `added` when it has none), its direct link annotations move.
        private func placingEdits(_ entries: [(key: String, value: Node)], page index: Int, placement: Placement,
                                  tree: Int, catalog: Int, added: inout [UInt8]) throws(Failure) -> [(range: Range<Int>, bytes: [UInt8])] {
            var edits: [(range: Range<Int>, bytes: [UInt8])] = []
            let open = Array("[ \(firstPlacing + index) 0 R ".utf8), close = Array("\(firstPlacing + pages.count) 0 R ]".utf8)
            var hasContents = false
            for (key, value) in entries {
                switch key {
                case "MediaBox", "CropBox":
                    edits.append((value.range, sheet))
                case "Contents":
                    hasContents = true
                    var streams: [UInt8] = []
                    var items: [Node]
                    if case .array(let list) = value.value { items = list } else { items = [value] }
                    // A reference to an array of streams (not to a stream): its streams.
                    if let target = value.reference, document.exists(target.number, generation: target.generation),
                       case let object = try document.object(target.number), object.data == nil, case .array(let list) = object.value.value {
                        items = list
                    }
                    for item in items {
                        guard let reference = item.reference else {
                            throw Failure("page \(index + 1)'s /Contents holds something that is not a reference to a stream")
                        }
                        streams += rewritten(Reference(range: item.range, number: reference.number, generation: reference.generation),
                                             tree: tree, catalog: catalog) + [0x20]
                    }
                    edits.append((value.range, open + streams + close))
                case "Annots":
                    guard case .array(let items) = value.value else { continue }  // a reference: the array is another object
                    for item in items where item.reference == nil {
                        edits += try movedRectangles(of: item, by: placement)
                    }
                default:
                    break
                }
            }
            if !hasContents { added += Array(" /Contents ".utf8) + open + close }
            return edits
        }
    }
}

// MARK: - Writing

extension PDFPages {
    /// How a page moves onto paper: `(x, y)` goes to `(scale·x + x', scale·y + y')`.
    struct Placement: Equatable {
        var scale: Double
        var x: Double
        var y: Double
    }

    /// `value` as a PDF number: at most four decimals, no exponent, no `-0`.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The output file: its bytes and where each object begins.
    struct Writer {
        var bytes: [UInt8] = []
        /// Offsets of objects 1, 2, 3… (written in that order).
        private var offsets: [Int] = []

        mutating func append(_ text: String) { bytes += Array(text.utf8) }

        /// Starts object `number`, which must be the next.
        mutating func beginObject(_ number: Int) {
            precondition(number == offsets.count + 1, "PDFPages writes objects in order")
            offsets.append(bytes.count)
            append("\(number) 0 obj")
        }

        /// Writes object `number` (the next) as a stream of `content`.
        mutating func stream(_ number: Int, _ content: String) {
            beginObject(number)
            append("\n<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream\nendobj\n")
        }

        /// Adds the xref table and trailer; the `/ID` is the SHA-256 of the body.
        mutating func finish(root: Int, info: Int) -> [UInt8] {
            var hash = SHA256Hasher()
            hash.update(bytes)
            let id = SHA256Hasher.hexString(Array(hash.finalize().prefix(16)))
            let start = bytes.count
            append("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n")
            for offset in offsets { append(String(format: "%010d 00000 n \n", offset)) }
            append("trailer\n<< /Size \(offsets.count + 1)\n   /Root \(root) 0 R\n   /Info \(info) 0 R\n   /ID [ <\(id)> <\(id)> ]\n>>\n")
            append("startxref\n\(start)\n%%EOF\n")
            return bytes
        }
    }
}
