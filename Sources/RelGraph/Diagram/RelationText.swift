/// The words relgraph draws for one relation: its date span, its label, its
/// sentence title ("ISI sponsors ISKP (alleged; denied by Pakistan)"), the lines
/// of its tooltip (facts, claims, sources, note) and the CSS classes that mark
/// it `denied`, `ended` or `undated`.
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
    /// The time the view shows (none: the whole network).
    var time: ViewTime? = nil

    /// Whether the relation is drawn as over (see ``ViewTime``).
    var isFormer: Bool {
        (time ?? ViewTime(ViewDefinition())).isFormer(ended: relation.ended, until: relation.until)
    }

    /// Whether the relation is drawn as undated (a time view, and no dates).
    var isUndated: Bool { time?.isUndated(since: relation.since, until: relation.until) ?? false }

    /// The earliest date one of its supporting claims was made, for "claimed 2024".
    var firstClaimed: PartialDate? {
        relation.claims.filter { $0.stance == .supports }.compactMap { $0.madeOn(in: full) }
            .min { $0.firstDayNumber < $1.firstDayNumber }
    }

    /// Names of those who deny it, in claim order without repeats.
    var denierNames: [String] {
        var seen = Set<String>()
        return relation.denials.map { claimant($0) }.filter { seen.insert($0).inserted }
    }

    /// What the title's parentheses say: confidence, "former", "denied by …".
    var qualifiers: [String] {
        var parts = [relation.confidence.rawValue]
        if isFormer { parts.append("former") }
        if isUndated && !relation.ended { parts.append("date unknown") }
        if !denierNames.isEmpty { parts.append("denied by \(denierNames.joined(separator: ", "))") }
        return parts
    }

    /// The label on the line: "sponsors, 2021–"; "leads (former), 2015–";
    /// in a time view, "trains, undated, claimed 2024".
    var label: String {
        var text = typeLabel
        if isFormer { text += " (former)" }
        if let span { text += ", \(span)" }
        if isUndated {
            text += ", undated"
            if let claimed = firstClaimed { text += ", claimed \(claimed.year)" }
        }
        return text
    }

    /// CSS classes beyond type, confidence and tags: `denied`, `ended`, `undated`.
    var extraClasses: [String] {
        var classes: [String] = []
        if relation.isDenied { classes.append("denied") }
        if isFormer { classes.append("ended") }
        if isUndated { classes.append("undated") }
        return classes
    }

    /// The date span: "2021–", "2015–2019", or `nil` when undated.
    var span: String? {
        Text.span(since: relation.since, until: relation.until, isEvent: false)
    }

    /// The tail entity's name.
    var fromName: String { Text.clean(names[relation.from] ?? relation.from) }

    /// The head entity's name.
    var toName: String { Text.clean(names[relation.to] ?? relation.to) }

    /// The sentence for `<title>`: "ISI sponsors ISKP (alleged; denied by Pakistan)".
    var title: String {
        "\(fromName) \(typeLabel) \(toName) (\(qualifiers.joined(separator: "; ")))"
    }

    /// The facts in one line: confidence, span (or "date unknown"), "ended", grade.
    var factsLine: String {
        var facts = [relation.confidence.rawValue]
        if let span { facts.append(span) }
        if relation.ended && relation.until == nil {
            facts.append("ended, date unknown")
        } else if isUndated {
            facts.append("date unknown")
        }
        if let grade = relation.grade {
            facts.append("grade \(grade): \(grade.reliabilityMeaning), \(grade.credibilityMeaning)")
        }
        return facts.joined(separator: " · ")
    }

    /// Who made `claim`: its `by`, else its source's author, else "the source".
    func claimant(_ claim: Claim) -> String {
        if let by = claim.by { return Text.clean(names[by] ?? by) }
        if let author = claim.source.flatMap({ full.sources[$0] })?.author { return Text.clean(author) }
        return "the source"
    }

    /// One line per claim: "According to X — citation (claimed 2024; source B, information 2): “quote”";
    /// a denial reads "Denied by X — …".
    var claimLines: [String] {
        relation.claims.map { claim in
            var text = ""
            appendClaimLine(claim, to: &text)
            return text
        }
    }

    /// Appends the line of ``claimLines`` that stands for `claim` to `text`.
    func appendClaimLine(_ claim: Claim, to text: inout String) {
        text += claim.stance == .denies ? "Denied by " : "According to "
        text += claimant(claim)
        let source = claim.source.flatMap { full.sources[$0] }
        if let source {
            text += " — "
            text += Text.clean(source.citation)
        }
        let grading = Self.grading(reliability: source?.reliability, credibility: claim.credibility)
        if claim.date != nil || grading != nil {
            text += " ("
            if let date = claim.date {
                text += "claimed "
                text += date.description
                if grading != nil { text += "; " }
            }
            if let grading { text += grading }
            text += ")"
        }
        if let quote = claim.quote {
            text += ": “"
            text += Text.clean(quote)
            text += "”"
        }
    }

    /// "source B: usually reliable, information 2: probably true", from whichever of the two is known.
    static func grading(reliability: String?, credibility: Int?) -> String? {
        var parts: [String] = []
        if let reliability, let grade = AdmiraltyGrade(reliability + "6") {
            parts.append("source \(reliability): \(grade.reliabilityMeaning)")
        }
        if let credibility, let grade = AdmiraltyGrade("F\(credibility)") {
            parts.append("information \(credibility): \(grade.credibilityMeaning)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
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

    /// ``title`` and ``tooltipLines`` joined by line breaks, with the names looked
    /// up and cleaned once and the tooltip built in one string.
    var titleAndTooltip: (title: String, tooltip: String) {
        let from = fromName, to = toName
        let title = "\(from) \(typeLabel) \(to) (\(qualifiers.joined(separator: "; ")))"
        var tooltip = ""
        tooltip.reserveCapacity(from.utf8.count + typeLabel.utf8.count + to.utf8.count + 64 + relation.claims.count * 160)
        tooltip += from
        tooltip += " "
        tooltip += typeLabel
        tooltip += " "
        tooltip += to
        tooltip += "\n"
        tooltip += factsLine
        for claim in relation.claims {
            tooltip += "\n"
            appendClaimLine(claim, to: &tooltip)
        }
        for line in sourceAndNoteLines {
            tooltip += "\n"
            tooltip += line
        }
        return (title, tooltip)
    }
}
