/// The one XML escaper: SVG text and attributes, Graphviz HTML-like labels,
/// GraphML, and the HTML pages relgraph writes. Characters XML 1.0 cannot hold
/// are dropped everywhere.
package enum XMLText {
    /// Where the text goes.
    package enum Context: Sendable {
        /// Element content: `& < >` escaped, a carriage return as `&#13;` (so XML's
        /// line-end normalisation keeps it).
        case text
        /// A double-quoted attribute value: also `"`, and line breaks and tabs as
        /// character references so they survive attribute-value normalisation.
        case attribute
        /// Graphviz HTML-like label text and HTML pages: `& < > " '` escaped; control
        /// characters dropped.
        case htmlLabel
    }

    /// `text` escaped for `context`.
    package static func escape(_ text: String, context: Context) -> String {
        // Common case (names, ids, most labels): printable ASCII with nothing to
        // escape in any context is its own escape.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where context != .text: out += "&quot;"
            case "'" where context == .htmlLabel: out += "&#39;"
            case "\n" where context == .attribute: out += "&#10;"
            case "\r" where context != .htmlLabel: out += "&#13;"
            case "\t" where context == .attribute: out += "&#9;"
            default:
                guard isXMLCharacter(scalar) else { continue }
                if context == .htmlLabel && scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    package static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
