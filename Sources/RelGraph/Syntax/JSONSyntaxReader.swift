/// A strict RFC 8259 JSON reader that keeps the line and column of every value.
///
/// Foundation's `JSONSerialization` gives no positions for the values it returns
/// (and on Linux it accepts trailing commas), so relgraph reads JSON with this
/// small reader to point every diagnostic at the exact place in the file.
struct JSONSyntaxReader {
    private let limits: ReadLimits

    init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// Parses one JSON value filling the whole input (the bytes after any byte
    /// order mark).
    ///
    /// The input's UTF-8 is checked as it is read: every byte of valid JSON outside
    /// its strings is ASCII the reader matches, and each string is checked as it
    /// becomes a `String`. When reading fails, the whole input is checked before
    /// the error is reported, so that a file with bad UTF-8 anywhere gets the
    /// `encoding` error, whatever syntax error comes first.
    func parse(_ bytes: ArraySlice<UInt8>) throws(SyntaxError) -> SyntaxNode {
        do {
            return try parseValidating(bytes)
        } catch {
            try TextDecoding.checkUTF8(bytes)
            throw error
        }
    }

    private func parseValidating(_ bytes: ArraySlice<UInt8>) throws(SyntaxError) -> SyntaxNode {
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> SyntaxNode in
            var state = State(buffer: buffer, limits: limits)
            state.skipWhitespace()
            if state.atEnd {
                throw SyntaxError(.emptyDocument, "the file is empty", at: .start,
                                  hint: "a network is a JSON object with \"entities\" and \"relations\"")
            }
            let root = try state.parseValue(depth: 0)
            state.skipWhitespace()
            if !state.atEnd {
                throw state.error("unexpected \(state.describeCurrent()) after the end of the JSON value",
                                  hint: "a JSON file holds exactly one value; remove what follows it")
            }
            return root
        }
    }

    private struct State {
        let buffer: UnsafeBufferPointer<UInt8>
        let limits: ReadLimits
        var index = 0
        var line = 1
        /// Byte offset at which the current line starts.
        var lineStart = 0
        /// Number of UTF-8 continuation bytes seen on the current line before `index`.
        var continuationBytes = 0
        /// How many members the last object read at each depth had (the first 16
        /// depths): the next object at that depth reserves room for as many, since
        /// objects in one list tend to have the same members (every relation, every
        /// claim). One allocation then usually holds them all, where growing pair
        /// by pair took three or four.
        var lastPairCounts = [Int](repeating: 0, count: 16)

        init(buffer: UnsafeBufferPointer<UInt8>, limits: ReadLimits) {
            self.buffer = buffer
            self.limits = limits
        }

        var atEnd: Bool { index >= buffer.count }

        var location: SourceLocation {
            SourceLocation(line: line, column: index - lineStart - continuationBytes + 1)
        }

        func error(_ message: String, hint: String? = nil) -> SyntaxError {
            SyntaxError(.syntax, message, at: location, hint: hint)
        }

        func describeCurrent() -> String {
            guard !atEnd else { return "end of file" }
            let b = buffer[index]
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            if b == 0x20 { return "space" }
            if b < 0x20 { return "control character 0x\(String(b, radix: 16, uppercase: true))" }
            return "non-ASCII character"
        }

        mutating func skipWhitespace() {
            // On a local copy of the position, stored back once: `self` is not
            // written on every byte.
            var i = index
            defer { index = i }
            while i < buffer.count {
                switch buffer[i] {
                case 0x20, 0x09, 0x0D:
                    i += 1
                case 0x0A:
                    i += 1
                    line += 1
                    lineStart = i
                    continuationBytes = 0
                default:
                    return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(SyntaxError) -> SyntaxNode {
            guard !atEnd else { throw error("unexpected end of file: expected a value") }
            let start = location
            switch buffer[index] {
            case UInt8(ascii: "{"):
                return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["):
                return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""):
                return SyntaxNode(.scalar(try parseString(), .quoted), at: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return SyntaxNode(.scalar(try parseNumber(), .plain), at: start)
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                return SyntaxNode(.scalar("true", .plain), at: start)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                return SyntaxNode(.scalar("false", .plain), at: start)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                return SyntaxNode(.scalar("null", .plain), at: start)
            case UInt8(ascii: "'"):
                throw error("JSON strings use double quotes, not single quotes",
                            hint: "write \"text\" instead of 'text'")
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                throw error("expected a value, found \(describeCurrent())",
                            hint: "remove the trailing comma before it")
            default:
                throw error("expected a value, found \(describeCurrent())",
                            hint: "strings need double quotes; JSON has no comments or bare words")
            }
        }

        mutating func checkDepth(_ depth: Int) throws(SyntaxError) {
            if depth > limits.maxNesting {
                throw SyntaxError(.limit, "nesting deeper than \(limits.maxNesting) levels", at: location,
                                  hint: "relgraph documents nest a few levels deep; this file is not one")
            }
        }

        mutating func parseObject(depth: Int) throws(SyntaxError) -> SyntaxNode {
            let start = location
            try checkDepth(depth)
            index += 1  // {
            var pairs: [SyntaxPair] = []
            skipWhitespace()
            if !atEnd && buffer[index] == UInt8(ascii: "}") {
                index += 1
                return SyntaxNode(.mapping(pairs), at: start)
            }
            if depth < lastPairCounts.count { pairs.reserveCapacity(lastPairCounts[depth]) }
            while true {
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file inside an object opened at \(start)") }
                if buffer[index] == UInt8(ascii: "}") {
                    throw error("trailing comma before '}'", hint: "JSON does not allow a comma after the last member; remove it")
                }
                guard buffer[index] == UInt8(ascii: "\"") else {
                    throw error("expected a quoted member name, found \(describeCurrent())",
                                hint: "member names are strings in double quotes: \"name\": value")
                }
                let keyLocation = location
                let key = SyntaxNode(.scalar(try parseString(), .quoted), at: keyLocation)
                skipWhitespace()
                guard !atEnd, buffer[index] == UInt8(ascii: ":") else {
                    throw error("expected ':' after member name, found \(describeCurrent())")
                }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: depth)
                pairs.append(SyntaxPair(key: key, value: value))
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file inside an object opened at \(start)", hint: "add the missing '}'") }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if buffer[index] == UInt8(ascii: "}") {
                    index += 1
                    if depth < lastPairCounts.count { lastPairCounts[depth] = pairs.count }
                    return SyntaxNode(.mapping(pairs), at: start)
                }
                throw error("expected ',' or '}' after an object member, found \(describeCurrent())",
                            hint: "separate members with commas")
            }
        }

        mutating func parseArray(depth: Int) throws(SyntaxError) -> SyntaxNode {
            let start = location
            try checkDepth(depth)
            index += 1  // [
            var items: [SyntaxNode] = []
            skipWhitespace()
            if !atEnd && buffer[index] == UInt8(ascii: "]") {
                index += 1
                return SyntaxNode(.sequence(items), at: start)
            }
            while true {
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file inside an array opened at \(start)", hint: "add the missing ']'") }
                if buffer[index] == UInt8(ascii: "]") {
                    throw error("trailing comma before ']'", hint: "JSON does not allow a comma after the last element; remove it")
                }
                items.append(try parseValue(depth: depth))
                skipWhitespace()
                guard !atEnd else { throw error("unexpected end of file inside an array opened at \(start)", hint: "add the missing ']'") }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if buffer[index] == UInt8(ascii: "]") {
                    index += 1
                    return SyntaxNode(.sequence(items), at: start)
                }
                throw error("expected ',' or ']' after an array element, found \(describeCurrent())",
                            hint: "separate elements with commas")
            }
        }

        mutating func expectLiteral(_ word: String) throws(SyntaxError) {
            let w = Array(word.utf8)
            let count = w.count
            let matches = index + count <= buffer.count && (0..<count).allSatisfy { buffer[index + $0] == w[$0] }
            guard matches else {
                throw error("expected a value, found \(describeCurrent())",
                            hint: "strings need double quotes; the bare words JSON knows are true, false and null")
            }
            index += count
        }

        mutating func parseNumber() throws(SyntaxError) -> String {
            let start = index
            func digit(_ i: Int) -> Bool { i < buffer.count && buffer[i] >= 0x30 && buffer[i] <= 0x39 }
            if buffer[index] == UInt8(ascii: "-") { index += 1 }
            guard digit(index) else { throw error("invalid number: expected a digit") }
            if buffer[index] == UInt8(ascii: "0") {
                index += 1
                if digit(index) { throw error("invalid number: leading zeros are not allowed in JSON", hint: "write dates and ids as strings: \"2015-01\"") }
            } else {
                while digit(index) { index += 1 }
            }
            if index < buffer.count && buffer[index] == UInt8(ascii: ".") {
                index += 1
                guard digit(index) else { throw error("invalid number: expected a digit after '.'") }
                while digit(index) { index += 1 }
            }
            if index < buffer.count && (buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E")) {
                index += 1
                if index < buffer.count && (buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-")) { index += 1 }
                guard digit(index) else { throw error("invalid number: expected a digit in the exponent") }
                while digit(index) { index += 1 }
            }
            if index < buffer.count, buffer[index] == UInt8(ascii: "-") {
                throw error("invalid number: '-' inside a number", hint: "dates are strings in JSON: write \"2015-01-09\", not 2015-01-09")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        }

        /// Parses a string starting at the opening quote.
        mutating func parseString() throws(SyntaxError) -> String {
            let open = location
            index += 1
            let start = index
            // Fast path: no escapes. The position and the count of continuation
            // bytes are kept in locals and stored back when the loop ends.
            var i = start
            var continuation = 0
            while i < buffer.count {
                let b = buffer[i]
                if b == UInt8(ascii: "\"") {
                    index = i
                    continuationBytes += continuation
                    if i - start > limits.maxStringBytes { try checkLength(i - start, at: open) }
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<i]), as: UTF8.self)
                    index += 1
                    return text
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 {
                    index = i
                    continuationBytes += continuation
                    throw controlCharacterError(b, open: open)
                }
                if b >= 0x80 {
                    let length = try sequenceLength(at: i, open: open)
                    continuation += length - 1
                    i += length
                    continue
                }
                i += 1
            }
            index = i
            continuationBytes += continuation
            // Slow path: escapes.
            var bytes = Array(UnsafeBufferPointer(rebasing: buffer[start..<index]))
            while index < buffer.count {
                let b = buffer[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    try checkLength(bytes.count, at: open)
                    return String(decoding: bytes, as: UTF8.self)
                }
                if b < 0x20 { throw controlCharacterError(b, open: open) }
                if b == UInt8(ascii: "\\") {
                    index += 1
                    guard index < buffer.count else { break }
                    let e = buffer[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""): bytes.append(0x22)
                    case UInt8(ascii: "\\"): bytes.append(0x5C)
                    case UInt8(ascii: "/"): bytes.append(0x2F)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"):
                        let scalar = try parseUnicodeEscape()
                        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        index -= 2
                        throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(e)))' in a string",
                                    hint: "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
                    }
                    if bytes.count > limits.maxStringBytes { try checkLength(bytes.count, at: open) }
                    continue
                }
                if b >= 0x80 {
                    let length = try sequenceLength(at: index, open: open)
                    continuationBytes += length - 1
                    bytes.append(contentsOf: buffer[index..<(index + length)])
                    index += length
                    continue
                }
                bytes.append(b)
                index += 1
            }
            throw SyntaxError(.syntax, "unterminated string", at: open, hint: "add the closing double quote")
        }

        /// The length of the UTF-8 sequence starting with the non-ASCII byte at
        /// `start` inside a string. An invalid sequence throws an error that gives
        /// way to the precise one ``JSONSyntaxReader/parse(_:)`` reports after
        /// checking the whole input.
        func sequenceLength(at start: Int, open: SourceLocation) throws(SyntaxError) -> Int {
            guard let length = TextDecoding.validSequenceLength(in: buffer, at: start) else {
                throw SyntaxError(.encoding, "invalid UTF-8 in a string", at: open,
                                  hint: "save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
            }
            return length
        }

        func checkLength(_ count: Int, at open: SourceLocation) throws(SyntaxError) {
            if count > limits.maxStringBytes {
                throw SyntaxError(.limit, "string longer than \(limits.maxStringBytes) bytes", at: open,
                                  hint: "relgraph keeps single values under \(limits.maxStringBytes >> 20) MiB")
            }
        }

        func controlCharacterError(_ b: UInt8, open: SourceLocation) -> SyntaxError {
            if b == 0x0A {
                return SyntaxError(.syntax, "unterminated string (a line break inside a string)", at: open,
                                   hint: "close the string on the same line, or write the line break as \\n")
            }
            return error("control character 0x\(String(b, radix: 16, uppercase: true)) inside a string",
                         hint: "escape it as \\u00\(String(format2: b))")
        }

        mutating func parseHex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= buffer.count else { throw error("incomplete \\u escape") }
            var value: UInt32 = 0
            for k in 0..<4 {
                let c = buffer[index + k]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: throw error("invalid \\u escape: expected four hex digits")
                }
                value = value << 4 | digit
            }
            index += 4
            return value
        }

        mutating func parseUnicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
            let high = try parseHex4()
            if (0xD800...0xDBFF).contains(high) {
                guard index + 2 <= buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") else {
                    throw error("invalid \\u escape: a high surrogate must be followed by a low surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("invalid \\u escape: expected a low surrogate")
                }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw error("invalid \\u escape: lone low surrogate")
            }
            return scalar
        }
    }
}

private extension String {
    init(format2 byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = hex.count == 1 ? "0" + hex : hex
    }
}
