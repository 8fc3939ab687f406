/// One field of a CSV file: its text and where it starts.
package struct CSVField: Sendable, Hashable {
    /// The text, with quotes removed and doubled quotes undone.
    package var text: String
    /// Line and column of the field's first character (the opening quote of a quoted field).
    package var location: SourceLocation
}

/// A CSV file read into records of fields.
package struct CSVTable: Sendable, Hashable {
    /// The records, header first; lines with nothing on them are left out.
    package var records: [[CSVField]]
}

/// A small RFC 4180 reader: fields separated by commas, records by CRLF or LF,
/// fields in double quotes may hold commas, line breaks and doubled quotes
/// (`""`). The input is UTF-8 with or without a byte order mark. Errors carry
/// the line and column.
package struct CSVReader: Sendable {
    /// Limits on the input (size, field length).
    package var limits: ReadLimits

    /// Creates a reader.
    package init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// Reads `bytes`.
    package func read(_ bytes: [UInt8]) throws(SyntaxError) -> CSVTable {
        if bytes.count > limits.maxInputBytes {
            throw SyntaxError(.limit, "the input is \(bytes.count) bytes; the limit is \(limits.maxInputBytes) bytes", at: nil)
        }
        let (text, _) = try TextDecoding.decodeUTF8(bytes)
        let scalars = Array(text.unicodeScalars)
        var records: [[CSVField]] = []
        var record: [PendingField] = []
        var i = 0
        var line = 1, column = 1

        func advance(_ scalar: Unicode.Scalar) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        func endRecord() {
            // A line with nothing on it (one empty unquoted field) is not a record.
            if !(record.count == 1 && record[0].text.isEmpty && !record[0].wasQuoted) {
                records.append(record.map { CSVField(text: $0.text, location: $0.location) })
            }
            record = []
        }

        while i <= scalars.count {
            // Start of a field.
            let start = SourceLocation(line: line, column: column)
            var value = String.UnicodeScalarView()
            var quoted = false
            if i < scalars.count, scalars[i] == "\"" {
                quoted = true
                advance(scalars[i]); i += 1
                var closed = false
                while i < scalars.count {
                    let s = scalars[i]
                    if s == "\"" {
                        if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                            value.append("\"")
                            advance(s); advance(s); i += 2
                            continue
                        }
                        advance(s); i += 1
                        closed = true
                        break
                    }
                    if s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                        // CRLF inside quotes is a line break in the value; keep it as LF.
                        value.append("\n"); i += 2; line += 1; column = 1
                        continue
                    }
                    value.append(s)
                    advance(s); i += 1
                }
                if !closed {
                    throw SyntaxError(.syntax, "the quoted field that starts here is never closed", at: start,
                                      hint: "end it with a double quote; write a quote inside a field as two quotes (\"\")")
                }
                if i < scalars.count, !["," as Unicode.Scalar, "\n", "\r"].contains(scalars[i]) {
                    throw SyntaxError(.syntax, "unexpected text after the closing quote of a field", at: SourceLocation(line: line, column: column),
                                      hint: "put a comma after the closing quote, or quote the whole field and double the quotes inside")
                }
            } else {
                while i < scalars.count, scalars[i] != ",", scalars[i] != "\n", scalars[i] != "\r" {
                    value.append(scalars[i])
                    advance(scalars[i]); i += 1
                }
            }
            if value.count > limits.maxStringBytes {
                throw SyntaxError(.limit, "a field is longer than \(limits.maxStringBytes) bytes", at: start)
            }
            record.append(PendingField(text: String(value), location: start, wasQuoted: quoted))
            // After the field: a comma, a line break, or the end.
            if i >= scalars.count {
                endRecord()
                break
            }
            switch scalars[i] {
            case ",":
                advance(","); i += 1
            case "\r":
                i += 1
                if i < scalars.count, scalars[i] == "\n" { i += 1 }
                line += 1; column = 1
                endRecord()
                if i >= scalars.count { i = scalars.count + 1 }
            default:  // "\n"
                i += 1
                line += 1; column = 1
                endRecord()
                if i >= scalars.count { i = scalars.count + 1 }
            }
        }
        return CSVTable(records: records)
    }
}

private struct PendingField {
    var text: String
    var location: SourceLocation
    var wasQuoted: Bool
}
