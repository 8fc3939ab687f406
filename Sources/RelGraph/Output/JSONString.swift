/// The one JSON string writer: every string relgraph writes into JSON (or a
/// JavaScript literal, or a YAML double-quoted scalar) goes through it.
package enum JSONString {
    /// `text` as a JSON string literal, in double quotes: `"` and `\` escaped,
    /// `\n \r \t \b \f` by their short escapes, other control characters, DEL and
    /// the line separators U+2028/U+2029 as `\u00XX`. With `scriptSafe`, `<`, `>`
    /// and `&` are `\u003c`, `\u003e`, `\u0026` too, so the literal can stand
    /// inside an HTML `<script>` (no `</script>`, no `<!--`).
    package static func quoted(_ text: String, scriptSafe: Bool = false) -> String {
        var out = ""
        write(text, to: &out, scriptSafe: scriptSafe)
        return out
    }

    /// Appends ``quoted(_:scriptSafe:)`` of `text` to `out`.
    package static func write(_ text: String, to out: inout String, scriptSafe: Bool = false) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<" where scriptSafe, ">" where scriptSafe, "&" where scriptSafe:
                out += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// `\uXXXX`, lower-case hex.
    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
