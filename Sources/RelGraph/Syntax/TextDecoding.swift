/// Turns the bytes of an input file into text, or explains precisely why they are
/// not text relgraph can read.
enum TextDecoding {
    /// Validates that `bytes` are UTF-8 text without NUL bytes, strips a UTF-8 byte
    /// order mark, and returns the text. Errors carry the line and column of the
    /// first bad byte.
    static func decodeUTF8(_ bytes: [UInt8]) throws(SyntaxError) -> (text: String, bytes: ArraySlice<UInt8>) {
        let body = try validatedUTF8(bytes)
        return (String(decoding: body, as: UTF8.self), body)
    }

    /// What ``decodeUTF8(_:)`` checks, without making a `String` of the whole
    /// input: the bytes after any byte order mark, once known to be clean UTF-8.
    static func validatedUTF8(_ bytes: [UInt8]) throws(SyntaxError) -> ArraySlice<UInt8> {
        let body = try body(of: bytes)
        try checkUTF8(body)
        return body
    }

    /// The bytes after any UTF-8 byte order mark, not checked further; UTF-16
    /// input (a UTF-16 byte order mark) is refused.
    static func body(of bytes: [UInt8]) throws(SyntaxError) -> ArraySlice<UInt8> {
        var body = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw SyntaxError(.encoding, "the file is UTF-16 encoded; relgraph reads UTF-8",
                              at: .start, hint: "convert it, e.g. `iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml`")
        }
        return body
    }

    /// Throws the `encoding` error for the first byte of `body` (the bytes after
    /// any byte order mark) that is not clean UTF-8: invalid, or NUL.
    static func checkUTF8(_ body: ArraySlice<UInt8>) throws(SyntaxError) {
        if let offset = firstInvalidUTF8Offset(body) {
            let location = LineIndex.location(ofByte: offset, in: body)
            let byte = body[body.startIndex + offset]
            if byte == 0 {
                throw SyntaxError(.encoding, "NUL byte in the input: this looks like a binary file, not YAML or JSON",
                                  at: location, hint: "check that you passed the right file")
            }
            throw SyntaxError(.encoding, "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))",
                              at: location, hint: "save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
        }
    }

    /// The offset (from the slice's start) of the first byte that is not part of a
    /// valid UTF-8 sequence, or of the first NUL byte; `nil` when the text is clean.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var i = 0
            let n = buffer.count
            while i < n {
                let b = buffer[i]
                if b == 0 { return i }
                if b < 0x80 { i += 1; continue }
                guard let length = validSequenceLength(in: buffer, at: i) else { return i }
                i += length
            }
            return nil
        }
    }

    /// The length (2 to 4) of the valid UTF-8 sequence that starts at `start`
    /// with a non-ASCII byte, or `nil` when the bytes there are not one (a stray
    /// continuation byte, an overlong form, a surrogate, a cut-off sequence).
    static func validSequenceLength(in buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let b = buffer[start]
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
        default: return nil
        }
        if start + length > buffer.count { return nil }
        for k in 1..<length {
            let c = buffer[start + k]
            if c & 0xC0 != 0x80 { return nil }
            scalar = (scalar << 6) | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }
}

/// Converts byte offsets into line and column positions.
enum LineIndex {
    /// The 1-based line and column (in Unicode scalars) of the byte at `offset`.
    static func location(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        var i = bytes.startIndex
        let end = min(bytes.endIndex, bytes.startIndex + max(0, offset))
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(line: line, column: column)
    }
}
