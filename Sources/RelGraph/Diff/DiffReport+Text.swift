extension DiffReport {
    /// The report as text for people, or `""` when there are no differences
    /// (like diff(1), `relgraph diff` prints nothing then):
    ///
    ///     --- git:HEAD:graphs/x.yaml (model)
    ///     +++ graphs/x.yaml (model)
    ///     3 differences: entities 1 added; relations 1 removed, 1 changed
    ///
    ///     Entities: 1 added
    ///       + zabihullah-mujahid  Zabihullah Mujahid (person)
    ///           kind: person
    ///           name: "Zabihullah Mujahid"
    ///
    ///     Relations: 1 removed, 1 changed
    ///       - isi funds iskp  ISI funds ISKP (alleged)
    ///           …
    ///       ~ isi sponsors iskp  ISI sponsors ISKP (reported)
    ///           confidence: alleged -> reported
    ///
    /// `+` added, `-` removed, `~` changed; each field as `old -> new`, or on two
    /// lines (`- old`, `+ new`) when the values are long. `(none)` is a field
    /// that is not set.
    public func text() -> String {
        guard !isEmpty else { return "" }
        var lines: [String] = []
        lines.append("--- \(old.name) (\(old.kind))")
        lines.append("+++ \(new.name) (\(new.kind))")
        lines.append("\(differenceCount) difference\(differenceCount == 1 ? "" : "s"): \(countSummary())")
        for section in sections where !section.items.isEmpty {
            lines.append("")
            lines.append("\(section.name.prefix(1).uppercased())\(section.name.dropFirst()): \(Self.counts(section))")
            for item in section.items {
                let mark = item.status == .added ? "+" : item.status == .removed ? "-" : "~"
                let summary = item.summary.isEmpty ? "" : "  " + Self.printable(item.summary)
                lines.append("  \(mark) \(Self.printable(item.key))\(summary)")
                for field in item.fields {
                    lines.append(contentsOf: Self.lines(for: field, status: item.status))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `entities 1 added; relations 1 removed, 1 changed`.
    public func countSummary() -> String {
        sections.filter { !$0.items.isEmpty }.map { "\($0.name) \(Self.counts($0))" }.joined(separator: "; ")
    }

    package static func counts(_ section: DiffSection) -> String {
        [ChangeStatus.added, .removed, .changed].compactMap { status in
            let n = section.count(status)
            return n == 0 ? nil : "\(n) \(status.rawValue)"
        }.joined(separator: ", ")
    }

    static func lines(for field: FieldChange, status: ChangeStatus) -> [String] {
        let indent = "      "
        let name = printable(field.field)
        switch status {
        case .added:
            return ["\(indent)\(name): \(show(field.new))"]
        case .removed:
            return ["\(indent)\(name): \(show(field.old))"]
        case .changed, .unchanged:
            let old = show(field.old), new = show(field.new)
            if old.count + new.count <= 100 {
                return ["\(indent)\(name): \(old) -> \(new)"]
            }
            return ["\(indent)\(name):", "\(indent)  - \(old)", "\(indent)  + \(new)"]
        }
    }

    /// A value as shown in text reports.
    public static func show(_ value: DiffValue?) -> String {
        switch value {
        case nil: return "(none)"
        case .token(let text)?: return text.isEmpty ? "\"\"" : quoteIfNeeded(text)
        case .text(let text)?: return quote(text)
        case .html(let text)?: return "<\(printable(text))>"
        case .list(let items)?: return "[" + items.map(quoteIfNeeded).joined(separator: ", ") + "]"
        }
    }

    /// `text` with line breaks, control and bidirectional-override characters
    /// written as escapes, so a name from a DOT file cannot break or reorder a line.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnprintable(scalar) { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
            || (0x2028...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `"text"` with `"`, line breaks and control characters escaped, so one value
    /// stays on one line. Backslashes are shown as they are: in DOT values they
    /// are Graphviz escapes (`\n`, `\l`), which read best unchanged.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isUnprintable(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Tokens and list items stay bare unless they contain spaces, quotes,
    /// commas, brackets or control characters.
    static func quoteIfNeeded(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.unicodeScalars.contains { scalar in
            scalar == " " || isUnprintable(scalar) || "\"\\,[]()".unicodeScalars.contains(scalar)
        }
        return needsQuotes ? quote(text) : text
    }
}
