/// The words relgraph draws for one relation: its date span, its sentence title
/// ("ISI sponsors ISKP (alleged)") and the lines of its tooltip (facts, claims,
/// sources, note).
///
/// One place for them, so a line that stands for several relations (merged
/// relations) lists each relation exactly as it would be described alone.
struct RelationText {
    /// The relation described.
    var relation: Relation
    /// The relation type's label ("sponsors"), cleaned and cut.
    var typeLabel: String
    /// The whole network (sources, and names of claimants the view hides).
    var full: Network
    /// Entity names by id, from `full`.
    var names: [String: String]

    /// The date span: "2021–", "2015–2019", or `nil` when undated.
    var span: String? {
        Text.span(since: relation.since, until: relation.until, isEvent: false)
    }

    /// The tail entity's name.
    var fromName: String { Text.clean(names[relation.from] ?? relation.from) }

    /// The head entity's name.
    var toName: String { Text.clean(names[relation.to] ?? relation.to) }

    /// The sentence for `<title>`: "ISI sponsors ISKP (alleged)".
    var title: String {
        "\(fromName) \(typeLabel) \(toName) (\(relation.confidence.rawValue))"
    }

    /// The facts in one line: confidence, span, grade.
    var factsLine: String {
        var facts = [relation.confidence.rawValue]
        if let span { facts.append(span) }
        if let grade = relation.grade {
            facts.append("grade \(grade): \(grade.reliabilityMeaning), \(grade.credibilityMeaning)")
        }
        return facts.joined(separator: " · ")
    }

    /// One line per claim: "According to X — citation (claim made D): “quote”".
    var claimLines: [String] {
        relation.claims.map { claim in
            var text = "According to "
            let source = claim.source.flatMap { full.sources[$0] }
            if let by = claim.by {
                text += Text.clean(names[by] ?? by)
            } else if let author = source?.author {
                text += Text.clean(author)
            } else {
                text += "the source"
            }
            if let source { text += " — \(Text.clean(source.citation))" }
            if let date = claim.date { text += " (claim made \(date))" }
            if let quote = claim.quote { text += ": “\(Text.clean(quote))”" }
            return text
        }
    }

    /// Sources cited without a claim, then the note.
    var sourceAndNoteLines: [String] {
        var lines: [String] = []
        // A list of source ids carries no order: sorted, so reordering it changes nothing.
        for id in relation.sources.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            if let source = full.sources[id] { lines.append("Source: \(Text.clean(source.title ?? source.id)) — \(Text.clean(source.citation))") }
        }
        if let note = relation.note { lines.append("Note: \(Text.clean(note))") }
        return lines
    }

    /// The whole tooltip of the relation drawn alone, line by line.
    var tooltipLines: [String] {
        ["\(fromName) \(typeLabel) \(toName)", factsLine] + claimLines + sourceAndNoteLines
    }
}
