import Foundation

extension Report {
    /// The report as one self-contained HTML page: no script, no external style
    /// sheet, font or image; the diagrams inline. Lines link to their evidence
    /// (when the figures were drawn with ``ReportEvidence/target(for:)`` links),
    /// evidence rows link back to their lines. Prints on A4 (``ReportStyle``).
    public func html() -> Data {
        HTMLPage(title: title, style: ReportStyle.css, body: htmlBody(), theme: "light").data
    }

    private func e(_ text: String) -> String { HTMLPage.escape(text) }

    private func link(_ label: String, to anchor: String) -> String {
        "<a href=\"#\(e(anchor))\">\(e(label))</a>"
    }

    func htmlBody() -> [String] {
        var body: [String] = ["<header>", "<h1>\(e(title))</h1>"]
        if let description { body.append("<p class=\"description\">\(e(LabelText.clean(description)))</p>") }
        body.append("<p class=\"caveat\">\(e(Self.caveat))</p>")
        let byConfidence = Confidence.allCases.sorted(by: >).compactMap { confidence -> String? in
            let n = evidence.rows.count { $0.relation.confidence == confidence }
            return n == 0 ? nil : "\(n) \(confidence.rawValue)"
        }
        let counts = "\(evidence.rows.count) relation\(evidence.rows.count == 1 ? "" : "s")"
            + (byConfidence.isEmpty ? "" : " (\(byConfidence.joined(separator: ", ")))") + " between "
            + "\(evidence.entities.count) entit\(evidence.entities.count == 1 ? "y" : "ies"), from "
            + "\(evidence.sources.count) source\(evidence.sources.count == 1 ? "" : "s")"
        body.append("<p class=\"meta\">\(e(counts)).\(inputName.map { " Drawn by relgraph from " + e($0) + "." } ?? "")</p>")
        body.append("<nav><p>Contents: " + [
            link("How to read the diagrams", to: "ev-key"), link(figures.count == 1 ? "Diagram" : "Diagrams", to: "ev-diagrams"),
            link("Evidence", to: "ev-evidence"), link("Entities", to: "ev-entities"), link("Sources", to: "ev-sources"),
        ].joined(separator: " · ") + "</p></nav>")
        body.append("</header>")

        // The key first: with the title it makes the first printed page; each diagram then has a page of its own.
        body += keyHTML()
        body.append("<section id=\"ev-diagrams\">")
        for (index, figure) in figures.enumerated() { body += figureHTML(figure, index: index) }
        body.append("</section>")
        body += evidenceHTML()
        body += entitiesHTML()
        body += sourcesHTML()
        return body
    }

    private func figureHTML(_ figure: ReportFigure, index: Int) -> [String] {
        var lines = ["<figure class=\"diagram\" id=\"\(Self.figureAnchor(index))\">"]
        var heading = figures.count == 1 ? figure.title : "Figure \(index + 1). \(figure.title)"
        if figures.count == 1 && figure.title == title { heading = "Diagram" }
        lines.append("<h2>\(e(heading))</h2>")
        if !figure.viewSummary.isEmpty { lines.append("<p class=\"view\">View: \(e(figure.viewSummary))</p>") }
        if let description = figure.description { lines.append("<p class=\"view\">\(e(LabelText.clean(description)))</p>") }
        lines.append(figure.svg.trimmingCharacters(in: .whitespacesAndNewlines))
        if let caption = figure.caption {
            lines.append("<figcaption>\(e(caption))</figcaption>")
        } else {
            lines.append("<figcaption>Each line stands for every relation between its two entities and is drawn as its weakest. "
                         + (evidence.uniformSourceCount == nil ? "The number on a line counts the different sources behind it; " : "")
                         + "select a line for its evidence.</figcaption>")
        }
        lines.append("</figure>")
        return lines
    }

    private func keyHTML() -> [String] {
        var lines = ["<section id=\"ev-key\">", "<h2>How to read the diagrams</h2>",
                     "<table class=\"key\"><thead><tr><th>Confidence</th><th>Drawn as</th><th>Means</th></tr></thead><tbody>"]
        for confidence in Confidence.allCases.sorted(by: >) {
            lines.append("<tr><td><span class=\"confidence confidence-\(confidence.rawValue)\">\(confidence.rawValue)</span></td>"
                         + "<td>\(e(Self.lineWords(confidence)))</td><td>\(e(Self.meaning(of: confidence)))</td></tr>")
        }
        lines.append("</tbody></table>")
        lines.append("<p>Confidence says how the source words a relation, not whether it is true. Colour and arrowhead give the "
                     + "relation's type (see the legend under each diagram); a line between two entities stands for every relation "
                     + "between them and is never drawn firmer than its weakest one. " + Self.sourceCountWords(evidence)
                     + " Grades are Admiralty codes: the "
                     + "source's reliability (A completely reliable … E unreliable, F cannot be judged) and the information's "
                     + "credibility (1 confirmed by other sources … 5 improbable, 6 cannot be judged).</p>")
        lines.append("</section>")
        return lines
    }

    private func evidenceHTML() -> [String] {
        if evidence.rows.isEmpty {
            return ["<section id=\"ev-evidence\">", "<h2>Evidence</h2>", "<p>No relation is drawn.</p>", "</section>"]
        }
        var lines = ["<section id=\"ev-evidence\">", "<h2>Evidence</h2>",
                     "<p>Every relation drawn, grouped by the two entities it joins, with each claim in the source’s words.</p>",
                     "<table class=\"evidence\">",
                     "<colgroup><col class=\"number\"><col class=\"relation\"><col class=\"claims\"></colgroup>",
                     "<thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Relation</th><th scope=\"col\">Claims and sources</th></tr></thead>"]
        for pair in evidence.pairs {
            lines.append("<tbody id=\"\(e(pair.anchor))\">")
            lines.append("<tr class=\"pair\"><th colspan=\"3\" scope=\"rowgroup\">\(e(pair.title))</th></tr>")
            for index in pair.rows { lines.append(rowHTML(evidence.rows[index])) }
            lines.append("</tbody>")
        }
        lines += ["</table>", "</section>"]
        return lines
    }

    private func rowHTML(_ row: ReportEvidence.Row) -> String {
        var relation = "<p class=\"sentence\">\(e(row.sentence)) <span class=\"qualifiers\">(\(e(row.qualifiers.joined(separator: "; "))))</span></p>"
        var facts: [(String, String)] = [
            ("Confidence", "<span class=\"confidence confidence-\(row.relation.confidence.rawValue)\">\(row.relation.confidence.rawValue)</span>"),
            ("Dates", e(row.dates)),
        ]
        if let grade = row.grade { facts.append(("Grade", e(grade))) }
        facts.append(("Sources", "\(row.sourceCount)"))
        var shown: [String] = []
        for (index, figure) in figures.enumerated() {
            guard let line = figure.lineIDs[row.relation.key] else { continue }
            shown.append(link(figures.count == 1 ? "↑ the line" : "↑ Figure \(index + 1)", to: line))
        }
        if !shown.isEmpty { facts.append(("Drawn", shown.joined(separator: ", "))) }
        relation += "<p class=\"facts\">" + facts.map { "<span class=\"fact-\($0.0.lowercased())\">\($0.0): \($0.1)</span>" }.joined(separator: "<br>") + "</p>"

        var claims = ""
        if !row.claims.isEmpty {
            claims += "<ol class=\"claims\">"
            for claim in row.claims {
                claims += "<li class=\"\(claim.claim.stance.rawValue)\"><p class=\"attribution\">\(e(claim.attribution))"
                if let details = Self.claimDetails(claim) { claims += " <span class=\"details\">(\(e(details)))</span>" }
                claims += "</p>"
                if let quote = claim.claim.quote { claims += "<blockquote>“\(e(quote))”</blockquote>" }
                if let number = claim.sourceNumber {
                    claims += "<p class=\"source\">" + link("S\(number)", to: evidence.sources[number - 1].anchor)
                        + " \(e(Self.shortCitation(evidence.sources[number - 1].source)))</p>"
                }
                claims += "</li>"
            }
            claims += "</ol>"
        } else if row.otherSources.isEmpty {
            claims += "<p class=\"none\">No claim and no source recorded.</p>"
        }
        if !row.otherSources.isEmpty {
            // Sources a relation cites besides its claims; without claims, all it cites.
            let lead = row.claims.isEmpty ? "Cited without a claim or quote" : "Also cited"
            claims += "<p class=\"source\">\(lead): " + row.otherSources.map { number in
                link("S\(number)", to: evidence.sources[number - 1].anchor) + " " + e(Self.shortCitation(evidence.sources[number - 1].source))
            }.joined(separator: "; ") + "</p>"
        }
        if let note = row.note { claims += "<p class=\"note\"><span>Analyst’s note:</span> \(e(note))</p>" }
        return "<tr id=\"\(e(row.anchor))\" class=\"relation confidence-\(row.relation.confidence.rawValue)\">"
            + "<td class=\"number\">R\(row.number)</td><td>\(relation)</td><td>\(claims)</td></tr>"
    }

    private func entitiesHTML() -> [String] {
        var lines = ["<section id=\"ev-entities\">", "<h2>Entities</h2>",
                     "<table class=\"entities\"><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Kind</th><th scope=\"col\">Relations</th></tr></thead><tbody>"]
        for entity in evidence.entities {
            var name = "<strong>\(e(entity.name))</strong>"
            if !entity.aliases.isEmpty { name += "<br><span class=\"aliases\">\(e(entity.aliases.joined(separator: "; ")))</span>" }
            var rows = Self.rowList(entity.rows, in: evidence).map { link($0.label, to: $0.anchor) }.joined(separator: ", ")
            if rows.isEmpty { rows = "none drawn" }
            let drawn = figures.enumerated().compactMap { index, figure in
                figure.entityIDs[entity.id].map { link(figures.count == 1 ? "↑ in the diagram" : "↑ Figure \(index + 1)", to: $0) }
            }
            if !drawn.isEmpty { name += "<br><span class=\"drawn\">\(drawn.joined(separator: ", "))</span>" }
            lines.append("<tr id=\"\(e(entity.anchor))\"><td>\(name)</td><td>\(e(entity.kind))</td><td>\(rows)</td></tr>")
        }
        lines += ["</tbody></table>", "</section>"]
        return lines
    }

    private func sourcesHTML() -> [String] {
        var lines = ["<section id=\"ev-sources\">", "<h2>Sources</h2>"]
        if evidence.sources.isEmpty {
            lines.append("<p>No relation shown cites a source.</p>")
        } else {
            lines.append("<ul class=\"sources\">")
            for entry in evidence.sources {
                var item = "<li id=\"\(e(entry.anchor))\"><span class=\"number\">S\(entry.number)</span> \(e(Self.citation(entry.source)))"
                if let url = entry.link { item += " <a class=\"url\" href=\"\(e(url))\">\(e(url))</a>" }
                let rows = Self.rowList(entry.rows, in: evidence).map { link($0.label, to: $0.anchor) }.joined(separator: ", ")
                item += "<br><span class=\"cited\">Cited by \(rows)</span></li>"
                lines.append(item)
            }
            lines.append("</ul>")
        }
        lines.append("</section>")
        return lines
    }
}
