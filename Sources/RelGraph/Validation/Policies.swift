import Foundation

/// What an id may look like: a slug of letters, digits and `- _ . : / @ +`,
/// starting with a letter or digit, at most 200 characters. Ids never contain
/// spaces, quotes or backslashes, so they are safe in file names, DOT and SVG ids.
public enum IDPolicy {
    /// Longest id accepted.
    public static let maxLength = 200

    /// Whether `id` is a valid id.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maxLength else { return false }
        var first = true
        for b in id.utf8 {
            let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if first {
                guard alnum || b == UInt8(ascii: "_") else { return false }
                first = false
            } else {
                guard alnum || "-_.:/@+".utf8.contains(b) else { return false }
            }
        }
        return true
    }

    /// The id to suggest for an entity named `name`: its slug, with accents
    /// dropped first (`Assimi Goïta` → `assimi-goita`).
    public static func suggestedID(forName name: String) -> String? {
        slug(from: name.folding(options: .diacriticInsensitive, locale: nil))
    }

    /// A valid id made from arbitrary text ("Islamic State (ISIS)" → "islamic-state-isis"),
    /// or `nil` if nothing usable is left.
    public static func slug(from text: String) -> String? {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let folded = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if scalar.isASCII, folded {
                if pendingDash, !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        let trimmed = String(result.prefix(maxLength))
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Which links relgraph will put into a diagram: `http`, `https`, `mailto`,
/// relative paths and `#fragments`. Everything else (`javascript:`, `data:`,
/// `file:`…) is dropped, including obfuscated forms.
public enum URLPolicy {
    /// Why `url` will not be linked, or `nil` when it is acceptable.
    public static func problem(with url: String) -> String? {
        if url.isEmpty { return "is empty" }
        if url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || TextPolicy.isInvisibleOrControl($0) }) {
            return "contains control characters"
        }
        guard let scheme = scheme(of: url) else { return nil }  // relative or fragment
        return ["http", "https", "mailto"].contains(scheme) ? nil : "uses the scheme '\(scheme):'"
    }

    /// Whether `url` may be linked.
    public static func isAllowed(_ url: String) -> Bool { problem(with: url) == nil }

    /// `url` with every character outside URL syntax percent-encoded (spaces,
    /// quotes, `<`, `>`, backslashes, non-ASCII…), so that it cannot end the
    /// attribute it is written into. `&` and existing `%XX` escapes are kept.
    public static func encoded(_ url: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&()*+,;=%".utf8)
        var out = ""
        for byte in url.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// The lowercased scheme of `url`, as a browser would see it after removing
    /// whitespace and control characters and decoding character references; `nil`
    /// for relative URLs.
    public static func scheme(of url: String) -> String? {
        // Decode &#…; and &name; references first, then drop what browsers ignore.
        var cleaned = ""
        for scalar in decodeCharacterReferences(url).unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || TextPolicy.isInvisibleOrControl(scalar) { continue }
            cleaned.unicodeScalars.append(scalar)
        }
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let candidate = cleaned[..<colon]
        // A colon after /, ? or # belongs to the path, query or fragment.
        if candidate.contains(where: { "/?#".contains($0) }) { return nil }
        return candidate.lowercased()
    }

    private static func decodeCharacterReferences(_ text: String) -> String {
        guard text.contains("&") || text.contains("%") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(where: { $0 == "&" || $0 == "%" }) {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if rest[amp] == "%" {
                let hex = after.prefix(2)
                if hex.count == 2, let v = UInt8(hex, radix: 16) {
                    out.unicodeScalars.append(Unicode.Scalar(v))
                    rest = after.dropFirst(2)
                } else {
                    out += "%"
                    rest = after
                }
                continue
            }
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let body = after[..<semi]
                var decoded: Unicode.Scalar?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if body.hasPrefix("#") {
                    decoded = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                } else {
                    decoded = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "sol": "/"][String(body)]
                }
                if let decoded {
                    out.unicodeScalars.append(decoded)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}

/// The values the `style:` section accepts.
public enum StylePolicy {
    /// Graphviz node shapes relgraph allows.
    public static let shapes = ["box", "rect", "rectangle", "square", "ellipse", "oval", "circle", "doublecircle", "point",
                                "egg", "triangle", "invtriangle", "diamond", "trapezium", "invtrapezium", "parallelogram",
                                "house", "invhouse", "pentagon", "hexagon", "septagon", "octagon", "doubleoctagon",
                                "tripleoctagon", "note", "tab", "folder", "box3d", "component", "cylinder", "star",
                                "underline", "cds", "signature", "plaintext", "plain"]
    /// Graphviz arrowheads relgraph allows.
    public static let arrows = ["normal", "inv", "dot", "invdot", "odot", "invodot", "none", "tee", "empty", "invempty",
                                "diamond", "odiamond", "ediamond", "crow", "box", "obox", "open", "halfopen", "vee", "curve", "icurve"]

    /// Whether `text` is `#rgb`, `#rrggbb` or an SVG 1.1 colour name.
    public static func isValidColor(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.hasPrefix("#") {
            let hex = lower.dropFirst()
            return (hex.count == 3 || hex.count == 6) && hex.allSatisfy(\.isHexDigit)
        }
        return svgColorNames.contains(lower)
    }

    /// Whether `text` is a safe font family name.
    public static func isValidFont(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " ,-_".contains($0)) }
    }

    /// The 147 colour keywords of SVG 1.1.
    public static let svgColorNames: Set<String> = [
        "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black", "blanchedalmond", "blue",
        "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse", "chocolate", "coral", "cornflowerblue", "cornsilk",
        "crimson", "cyan", "darkblue", "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki",
        "darkmagenta", "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue",
        "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray", "dimgrey",
        "dodgerblue", "firebrick", "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod",
        "gray", "grey", "green", "greenyellow", "honeydew", "hotpink", "indianred", "indigo", "ivory", "khaki", "lavender",
        "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan", "lightgoldenrodyellow",
        "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon", "lightseagreen", "lightskyblue", "lightslategray",
        "lightslategrey", "lightsteelblue", "lightyellow", "lime", "limegreen", "linen", "magenta", "maroon",
        "mediumaquamarine", "mediumblue", "mediumorchid", "mediumpurple", "mediumseagreen", "mediumslateblue",
        "mediumspringgreen", "mediumturquoise", "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin",
        "navajowhite", "navy", "oldlace", "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen",
        "paleturquoise", "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple", "red",
        "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver", "skyblue",
        "slateblue", "slategray", "slategrey", "snow", "springgreen", "steelblue", "tan", "teal", "thistle", "tomato",
        "turquoise", "violet", "wheat", "white", "whitesmoke", "yellow", "yellowgreen",
    ]
}
