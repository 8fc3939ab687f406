import Foundation

/// Text shaping for labels and tooltips.
public enum LabelText {
    /// Removes control characters and bidirectional overrides, and folds runs of
    /// white space (including line breaks) into single spaces.
    public static func clean(_ text: String) -> String {
        if isClean(text) || isCleanBeyondASCII(text) { return text }
        return cleanedCopy(text)
    }

    /// ``clean(_:)`` without its checks for text it would keep: the rule itself.
    static func cleanedCopy(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isWhitespace = scalar.value < 0x80
                ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value))  // White_Space in ASCII
                : scalar.properties.isWhitespace
            if TextPolicy.isInvisibleOrControl(scalar) && !isWhitespace { continue }
            if isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out += " "; pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Whether ``clean(_:)`` would return `text` unchanged, decided on the bytes for
    /// the common case: printable ASCII with single inner spaces. (Anything else,
    /// including every non-ASCII text, is left to the full check.)
    static func isClean(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isClean(bytes:)) ?? isClean(bytes: text.utf8)
    }

    /// Whether ``clean(_:)`` would return `text` unchanged, scalar by scalar:
    /// nothing it drops, and no white space but single inner U+0020 spaces. The
    /// check for text ``isClean(_:)`` cannot decide (non-ASCII), which is cheaper
    /// than cleaning a copy.
    private static func isCleanBeyondASCII(_ text: String) -> Bool {
        var previousWasSpace = true  // a leading space is not clean
        var isEmpty = true
        for scalar in text.unicodeScalars {
            isEmpty = false
            let isWhitespace = scalar.value < 0x80
                ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value))
                : scalar.properties.isWhitespace
            if isWhitespace {
                if scalar.value != 0x20 || previousWasSpace { return false }
                previousWasSpace = true
            } else if TextPolicy.isInvisibleOrControl(scalar) {
                return false
            } else {
                previousWasSpace = false
            }
        }
        return !previousWasSpace || isEmpty
    }

    private static func isClean(bytes: some Sequence<UInt8>) -> Bool {
        var previousWasSpace = true  // a leading space is not clean
        var isEmpty = true
        for byte in bytes {
            isEmpty = false
            if byte == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else if byte > 0x20 && byte < 0x7F {
                previousWasSpace = false
            } else {
                return false
            }
        }
        return !previousWasSpace || isEmpty
    }

    /// `text` cut to `limit` characters, ending in "…" when cut.
    public static func truncate(_ text: String, to limit: Int) -> String {
        // A string has at most as many characters as UTF-8 bytes: short ones need no count.
        if text.utf8.count <= limit { return text }
        guard text.count > limit else { return text }
        return String(text.prefix(max(1, limit - 1))) + "…"
    }

    /// Words wrapped into lines of at most `width` characters; longer words are split.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap(text, width: width, keepingWordsUpTo: width)
    }

    /// Words wrapped into lines of at most `width` characters, except that a word
    /// of up to `longestWord` characters stays whole on a line of its own (names:
    /// "Instrumented" is not cut to "Instrumente" + "d"); longer words are split.
    public static func wrap(_ text: String, width: Int, keepingWordsUpTo longestWord: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        let cut = max(width, longestWord)
        // Printable ASCII (most names): a character is a byte, so counting bytes
        // gives the same lengths without breaking graphemes.
        let ascii = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        func length(_ text: some StringProtocol) -> Int { ascii ? text.utf8.count : text.count }
        for word in text.split(separator: " ") {
            var word = Substring(word)
            while length(word) > cut {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(cut)))
                word = word.dropFirst(cut)
            }
            if length(word) > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word))
                continue
            }
            if current.isEmpty {
                current = String(word)
            } else if length(current) + 1 + length(word) <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    /// An entity name wrapped at `width`, words of up to 22 characters kept whole.
    public static func wrapName(_ name: String, width: Int) -> [String] {
        wrap(name, width: width, keepingWordsUpTo: 22)
    }

    /// A date span: "2015–", "–2021", "2015–2021"; an event's single date as is.
    public static func span(since: PartialDate?, until: PartialDate?, isEvent: Bool) -> String? {
        switch (since, until) {
        case (nil, nil): return nil
        case (let s?, nil): return isEvent ? "\(s)" : "\(s)–"
        case (nil, let u?): return "–\(u)"
        case (let s?, let u?): return s == u ? "\(s)" : "\(s)–\(u)"
        }
    }
}
