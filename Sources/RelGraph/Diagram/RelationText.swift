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
    /// Names and source words, cleaned once for `full`.
    var words: Words
    /// The time the view shows (none: the whole network).
    var time: ViewTime? = nil

    /// The words of `relation`; `words` must have been made from `full`.
    init(relation: Relation, typeLabel: String, full: Network, words: Words, time: ViewTime? = nil) {
        self.relation = relation
        self.typeLabel = typeLabel
        self.full = full
        self.words = words
        self.time = time
    }

    /// The words every relation of one network draws on, cleaned once for the
    /// network instead of once per relation: entity names, per source its
    /// citation, its author (a claimant) and its line in a tooltip, and when the
    /// record says each relation that ended at an unknown date was over.
    struct Words {
        /// A source as relation texts cite it.
        struct Cited {
            /// ``Source/citation``, cleaned.
            var citation: String
            /// ``Source/author``, cleaned.
            var author: String?
            /// Its line among a tooltip's sources: "Source: title — citation".
            var line: String
        }
        /// Cleaned entity names by id.
        var names: [String: String]
        /// The network's sources by id.
        var sources: [String: Cited]
        /// By relation key, for relations that ended at an unknown date: the date by
        /// which `full` says they were over (``Network/endingSaid(claims:sources:)``).
        /// Taken from `full`, so a view that keeps fewer claims (`known_as_of`)
        /// does not move it earlier.
        var endedBy: [String: PartialDate]

        /// The words of `full`, with entity names from `names` (by id).
        init(full: Network, names: [String: String]) {
            self.names = names.mapValues(LabelText.clean)
            sources = full.sources.mapValues { source in
                let citation = LabelText.clean(source.citation)
                return Cited(citation: citation, author: source.author.map(LabelText.clean),
                             line: "Source: \(LabelText.clean(source.title ?? source.id)) — \(citation)")
            }
            var endedBy: [String: PartialDate] = [:]
            for relation in full.relations where relation.ended && relation.until == nil {
                if let date = full.endingSaid(of: relation), endedBy[relation.key] == nil { endedBy[relation.key] = date }
            }
            self.endedBy = endedBy
        }

        /// The cleaned name of entity `id` (the id itself when it has no name).
        func name(_ id: String) -> String { names[id] ?? LabelText.clean(id) }
    }

    /// For a relation that ended at an unknown date, the date by which its record
    /// says it was over (see ``Words/endedBy``).
    var endedBy: PartialDate? {
        relation.ended && relation.until == nil ? words.endedBy[relation.key] : nil
    }

    /// Whether the relation is drawn as over (see ``ViewTime``).
    var isFormer: Bool {
        (time ?? ViewTime(ViewDefinition())).isFormer(ended: relation.ended, until: relation.until, endedBy: endedBy)
    }

    /// The date to show as "ended by DATE" when the relation ended at an unknown
    /// date that the view may precede: drawn as possibly current, not former.
    var endedLater: PartialDate? {
        isFormer ? nil : endedBy
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

    /// What the title's parentheses say: confidence, "former" (or "ended by
    /// 2025-10-09, date unknown"), "denied by …".
    var qualifiers: [String] {
        var parts: [String] = []
        forEachQualifier { parts.append($0) }
        return parts
    }

    /// Calls `body` with each of ``qualifiers`` in turn.
    private func forEachQualifier(_ body: (String) -> Void) {
        body(relation.confidence.rawValue)
        if isFormer { body("former") }
        if let endedLater { body("ended by \(endedLater), date unknown") }
        if isUndated && !relation.ended { body("date unknown") }
        if relation.isDenied { body("denied by \(denierNames.joined(separator: ", "))") }
    }

    /// The label on the line: "sponsors, 2021–"; "leads (former), 2015–";
    /// in a time view, "trains, undated, claimed 2024", "controls (ended by
    /// 2025-10-09), undated, claimed 2025".
    var label: String {
        var text = typeLabel
        if isFormer { text += " (former)" }
        if let endedLater { text += " (ended by \(endedLater))" }
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
        LabelText.span(since: relation.since, until: relation.until, isEvent: false)
    }

    /// The tail entity's name.
    var fromName: String { words.name(relation.from) }

    /// The head entity's name.
    var toName: String { words.name(relation.to) }

    /// Appends the facts in one line: confidence, span (or "date unknown"), "ended"
    /// ("ended by 2025-10-09" when its record dates the ending), grade.
    private func appendFacts(to text: inout TextBuffer) {
        text.append(relation.confidence.rawValue)
        if let span {
            text.append(" · ")
            text.append(span)
        }
        if relation.ended && relation.until == nil {
            if let endedBy {
                text.append(" · ended by ")
                text.append(endedBy.description)
                text.append(", date unknown")
            } else {
                text.append(" · ended, date unknown")
            }
        } else if isUndated {
            text.append(" · date unknown")
        }
        if let grade = relation.grade {
            text.append(" · grade \(grade): ")
            text.append(grade.reliabilityMeaning)
            text.append(", ")
            text.append(grade.credibilityMeaning)
        }
    }

    /// Who says so, in short: the claimants of its supporting claims, each once
    /// ("Ehsanullah Ehsan"); `nil` without claims.
    var attribution: String? {
        var seen = Set<String>()
        let names = relation.claims.filter { $0.stance == .supports }.map(claimant).filter { seen.insert($0).inserted }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    /// Who made `claim`: its `by`, else its source's author, else "the source".
    func claimant(_ claim: Claim) -> String {
        if let by = claim.by { return words.name(by) }
        if let author = claim.source.flatMap({ words.sources[$0] })?.author { return author }
        return "the source"
    }

    /// Appends the tooltip's line for `claim`: "According to X — citation (claimed 2024;
    /// source B, information 2): “quote”"; a denial reads "Denied by X — …".
    private func appendClaimLine(_ claim: Claim, to text: inout TextBuffer) {
        text.append(claim.stance == .denies ? "Denied by " : "According to ")
        text.append(claimant(claim))
        let cited = claim.source.flatMap { words.sources[$0] }
        if let cited {
            text.append(" — ")
            text.append(cited.citation)
        }
        let reliability = claim.source.flatMap { full.sources[$0]?.reliability }
        let grading = Self.grading(reliability: reliability, credibility: claim.credibility)
        if claim.date != nil || grading != nil {
            text.append(" (")
            if let date = claim.date {
                text.append("claimed ")
                text.append(date.description)
                if grading != nil { text.append("; ") }
            }
            if let grading { text.append(grading) }
            text.append(")")
        }
        if let quote = claim.quote {
            text.append(": “")
            text.append(LabelText.clean(quote))
            text.append("”")
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

    /// The sentence for `<title>` ("ISI sponsors ISKP (alleged; denied by
    /// Pakistan)"), and the tooltip of the relation drawn alone, line by line: the
    /// sentence, the facts (``appendFacts(to:)``), one line per claim, the sources
    /// it cites without a claim (sorted by id: a list of source ids carries no
    /// order, so reordering it changes nothing), then its note.
    var titleAndTooltip: (title: String, tooltip: String) {
        let from = fromName, to = toName
        let sentenceLength = from.utf8.count + typeLabel.utf8.count + to.utf8.count + 2
        var title = TextBuffer(capacity: sentenceLength + 40)
        title.append(from)
        title.append(" ")
        title.append(typeLabel)
        title.append(" ")
        title.append(to)
        title.append(" (")
        var first = true
        forEachQualifier { qualifier in
            if !first { title.append("; ") }
            title.append(qualifier)
            first = false
        }
        title.append(")")

        var tooltip = TextBuffer(capacity: sentenceLength + 64 + relation.claims.count * 160)
        tooltip.append(from)
        tooltip.append(" ")
        tooltip.append(typeLabel)
        tooltip.append(" ")
        tooltip.append(to)
        tooltip.append("\n")
        appendFacts(to: &tooltip)
        for claim in relation.claims {
            tooltip.append("\n")
            appendClaimLine(claim, to: &tooltip)
        }
        for id in relation.sources.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            if let cited = words.sources[id] {
                tooltip.append("\n")
                tooltip.append(cited.line)
            }
        }
        if let note = relation.note {
            tooltip.append("\nNote: ")
            tooltip.append(LabelText.clean(note))
        }
        return (title.string, tooltip.string)
    }
}
