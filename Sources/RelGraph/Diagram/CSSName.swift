/// Makes CSS class names from tags and type names: lowercase letters, digits and
/// hyphens, so a report's stylesheet can target them.
package enum CSSName {
    /// `Proxy War` → `proxy-war`; characters outside `[a-z0-9_-]` become hyphens.
    package static func make(_ text: String) -> String {
        // Already a class name (the common case: type names and slug tags): kept as is.
        if !text.isEmpty, text.utf8.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }) { return text }
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        return out.isEmpty ? "x" : out
    }
}
