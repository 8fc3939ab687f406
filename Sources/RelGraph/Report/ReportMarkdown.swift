import Foundation

/// Text for Markdown (CommonMark, GitHub): `& < >` as HTML references (no raw
/// HTML), Markdown's punctuation that could open emphasis, code, a link, an image
/// or a table cell backslash-escaped, a leading character that could start a list,
/// heading or quote escaped, line breaks and tabs as spaces; characters XML cannot
/// hold, control characters and bidi overrides dropped (``LabelText/clean(_:)``).
package enum MarkdownText {
    /// `text` safe inside a Markdown paragraph, list item, heading or table cell.
    package static func escape(_ text: String) -> String {
        var out = ""
        for scalar in LabelText.clean(text).unicodeScalars {
            guard XMLText.isXMLCharacter(scalar) else { continue }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!":
                out += "\\" + String(scalar)
            case "\n", "\r", "\t":
                out += " "
            case "-", "+", "=":
                out += (out.isEmpty ? "\\" : "") + String(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Report {
    /// The report as Markdown for docs sites: each figure as an image of its SVG
    /// file (``ReportFigure/fileName``, written beside it by the caller), then the
    /// key, the evidence, the index of entities and the list of sources. Anchors
    /// are `<a id>` elements, so rows, entities and sources link to each other.
    public func markdown() -> Data {
        func m(_ text: String) -> String { MarkdownText.escape(text) }
        func link(_ label: String, _ anchor: String) -> String { "[\(m(label))](#\(anchor))" }
        var lines: [String] = ["# \(m(title))", ""]
        if let description { lines += [m(description), ""] }
        lines += ["> " + m(Self.caveat), ""]
        for (index, figure) in figures.enumerated() {
            let heading = figures.count == 1 ? figure.title : "Figure \(index + 1). \(figure.title)"
            lines += ["<a id=\"\(Self.figureAnchor(index))\"></a>", "", "## \(m(heading))", ""]
            if !figure.viewSummary.isEmpty { lines += ["View: \(m(figure.viewSummary))", ""] }
            if let description = figure.description { lines += [m(description), ""] }
            if let file = figure.fileName {
                // File names come from OutputFolder (letters, digits, `_ - + = @ , . %`): percent-encode `%`.
                lines += ["![\(m(figure.title))](\(file.replacingOccurrences(of: "%", with: "%25")))", ""]
            }
        }
        lines += ["## How to read the diagrams", "", "| Confidence | Drawn as | Means |", "|---|---|---|"]
        for confidence in Confidence.allCases.sorted(by: >) {
            lines.append("| \(confidence.rawValue) | \(m(Self.lineWords(confidence))) | \(m(Self.meaning(of: confidence))) |")
        }
        lines += ["", m("A line stands for every relation between its two entities and is drawn as its weakest. "
                        + Self.sourceCountWords(evidence)), ""]

        lines += ["## Evidence", ""]
        if evidence.rows.isEmpty { lines += ["No relation is drawn.", ""] }
        for pair in evidence.pairs {
            lines += ["<a id=\"\(pair.anchor)\"></a>", "", "### \(m(pair.title))", ""]
            for index in pair.rows {
                let row = evidence.rows[index]
                lines += ["<a id=\"\(row.anchor)\"></a>", "",
                          "**R\(row.number). \(m(row.sentence))** (\(m(row.qualifiers.joined(separator: "; "))))", ""]
                lines.append("- Confidence: \(row.relation.confidence.rawValue)")
                lines.append("- Dates: \(m(row.dates))")
                if let grade = row.grade { lines.append("- Grade: \(m(grade))") }
                lines.append("- Sources: \(row.sourceCount)")
                for claim in row.claims {
                    var text = "- \(m(claim.attribution))"
                    if let details = Self.claimDetails(claim) { text += " (\(m(details)))" }
                    if let quote = claim.claim.quote { text += ": “\(m(quote))”" }
                    if let number = claim.sourceNumber { text += " — " + link("S\(number)", evidence.sources[number - 1].anchor) }
                    lines.append(text)
                }
                if !row.otherSources.isEmpty {
                    let lead = row.claims.isEmpty ? "Cited without a claim or quote" : "Also cited"
                    lines.append("- \(lead): " + row.otherSources.map { link("S\($0)", evidence.sources[$0 - 1].anchor) }.joined(separator: ", "))
                } else if row.claims.isEmpty {
                    lines.append("- No claim and no source recorded.")
                }
                if let note = row.note { lines.append("- Analyst’s note: \(m(note))") }
                lines.append("")
            }
        }

        lines += ["## Entities", "", "| Entity | Kind | Relations |", "|---|---|---|"]
        for entity in evidence.entities {
            let aliases = entity.aliases.isEmpty ? "" : " (\(m(entity.aliases.joined(separator: "; "))))"
            var rows = Self.rowList(entity.rows, in: evidence).map { link($0.label, $0.anchor) }.joined(separator: ", ")
            if rows.isEmpty { rows = "none drawn" }
            lines.append("| <a id=\"\(entity.anchor)\"></a>**\(m(entity.name))**\(aliases) | \(m(entity.kind)) | \(rows) |")
        }
        lines += ["", "## Sources", ""]
        if evidence.sources.isEmpty { lines += ["No relation shown cites a source.", ""] }
        for entry in evidence.sources {
            var text = "<a id=\"\(entry.anchor)\"></a>**S\(entry.number)** \(m(Self.citation(entry.source)))"
            // Links are percent-encoded (URLPolicy.encoded): no space, `<` or `>` is left in them.
            if let url = entry.link { text += " [link](<\(url)>)" }
            text += " — cited by " + Self.rowList(entry.rows, in: evidence).map { link($0.label, $0.anchor) }.joined(separator: ", ")
            lines += [text, ""]
        }
        return Data(lines.joined(separator: "\n").utf8)
    }
}
