/// One diagram of a report: the finished SVG (drawn by RelGraphviz) and what the
/// report needs to link it with the evidence.
public struct ReportFigure: Sendable {
    /// The diagram's title (the view's title, else the document's).
    public var title: String
    /// The named view drawn, if any.
    public var viewName: String?
    /// The view applied, as a sentence ("focus ISKP, depth 1"); empty for the whole network.
    public var viewSummary: String
    /// The view's own description, if it has one.
    public var description: String?
    /// The SVG markup: inline (no XML declaration) for HTML; a whole file for Markdown.
    public var svg: String
    /// The id of the element of the line drawing each relation, by relation key.
    public var lineIDs: [String: String]
    /// The id of the element drawing each entity, by entity id.
    public var entityIDs: [String: String]
    /// For Markdown: the SVG's file name, beside the Markdown file.
    public var fileName: String?
    /// What the HTML report says under the figure instead of its usual caption
    /// (how to read a line and find its evidence): an atlas's overview, whose lines
    /// are ties between pages, says that.
    public var caption: String?

    /// Creates a figure.
    public init(title: String, viewName: String? = nil, viewSummary: String = "", description: String? = nil,
                svg: String, lineIDs: [String: String] = [:], entityIDs: [String: String] = [:],
                fileName: String? = nil) {
        self.title = title
        self.viewName = viewName
        self.viewSummary = viewSummary
        self.description = description
        self.svg = svg
        self.lineIDs = lineIDs
        self.entityIDs = entityIDs
        self.fileName = fileName
    }
}

/// A report: the network's title and description, its diagram(s), how to read
/// them, the evidence behind every line, the index of entities and the list of
/// sources. Written as one self-contained HTML file (``html()``: no script,
/// nothing fetched) or as Markdown beside its SVG files (``markdown()``).
///
///     let evidence = ReportEvidence(full: network, shown: [result])
///     let report = Report(title: network.title ?? "Network", description: network.description,
///                         figures: [figure], evidence: evidence)
///     try report.html().write(to: URL(fileURLWithPath: "report.html"), options: .atomic)
///
/// All text goes through `HTMLPage` (HTML) or `MarkdownText`;
/// links to sources only when they pass ``URLPolicy``.
public struct Report: Sendable {
    /// The document's title.
    public var title: String
    /// What the network shows and where it comes from.
    public var description: String?
    /// The diagrams, in order (Figure 1, 2…).
    public var figures: [ReportFigure]
    /// The evidence.
    public var evidence: ReportEvidence
    /// The input's name, for the report's colophon ("graphs/net.yaml").
    public var inputName: String?

    /// Creates a report.
    public init(title: String, description: String?, figures: [ReportFigure], evidence: ReportEvidence, inputName: String? = nil) {
        self.title = title
        self.description = description
        self.figures = figures
        self.evidence = evidence
        self.inputName = inputName
    }

    /// The id of figure `index` (0-based) in the HTML report.
    public static func figureAnchor(_ index: Int) -> String { "ev-figure-\(index + 1)" }

    /// Ids the report itself uses start with this; diagram id prefixes must not.
    public static let ownIDPrefix = "ev-"

    /// The id prefixes of a report's figures, one per entry of `views` (`nil`: the
    /// whole network): `base`, or `base-VIEW` as a CSS name. Each is unique (a
    /// repeat gets `-2`, `-3`…) and none starts with ``ownIDPrefix`` without its
    /// hyphen (`ev`: such a prefix gets `rg-` before it), so no id of
    /// one diagram can clash with another's or with the report's own.
    public static func figurePrefixes(base: String, views: [String?]) -> [String] {
        var used = Set<String>()
        return views.map { view in
            var prefix = CSSName.make(base + (view.map { "-" + $0 } ?? ""))
            if prefix.hasPrefix(String(ownIDPrefix.dropLast())) || !(prefix.unicodeScalars.first?.properties.isAlphabetic ?? false) { prefix = "rg-" + prefix }
            var candidate = prefix
            var n = 2
            while !used.insert(candidate).inserted {
                candidate = "\(prefix)-\(n)"
                n += 1
            }
            return candidate
        }
    }

    /// What confidence words mean, for the reader (as docs/input-format.md defines them).
    static func meaning(of confidence: Confidence) -> String {
        switch confidence {
        case .confirmed: "a flat statement of public record"
        case .reported: "what a source reports as fact"
        case .alleged: "an allegation: “according to”, suspicions, “mounting evidence”"
        case .disputed: "asserted by one side and denied by another"
        }
    }

    /// What the key says about the counts on lines: how to read them, or, when
    /// every line would show the same number (``ReportEvidence/uniformSourceCount``),
    /// that number once instead of on every line.
    static func sourceCountWords(_ evidence: ReportEvidence) -> String {
        switch evidence.uniformSourceCount {
        case nil:
            "The small number on a line is how many different sources support its relations (a denial does not count)."
        case 0?:
            "No relation cites a source that supports it, so lines carry no count of sources."
        case _?:
            "Every relation rests on the same single source, so lines carry no count of sources."
        }
    }

    /// How each confidence is drawn.
    static func lineWords(_ confidence: Confidence) -> String {
        switch confidence {
        case .confirmed: "solid line"
        case .reported: "dashed line"
        case .alleged: "dotted line"
        case .disputed: "doubled dashed line"
        }
    }

    /// The sentence every report carries under its title.
    static let caveat = "This report records who claims what; it does not decide what is true. "
        + "Every relation is named with its confidence, and every claim with who makes it."

    /// A claim's grading and date in words: "claimed 2024; information 3: possibly true".
    static func claimDetails(_ entry: ReportEvidence.ClaimEntry) -> String? {
        var details: [String] = []
        if let date = entry.claim.date { details.append("claimed \(date)") }
        if let credibility = entry.claim.credibility, let grade = AdmiraltyGrade("F\(credibility)") {
            details.append("information \(credibility): \(grade.credibilityMeaning)")
        }
        return details.isEmpty ? nil : details.joined(separator: "; ")
    }

    /// A source in one line: "Title — Author, Publisher, 2025-10-09 (reliability C: fairly reliable)".
    static func citation(_ source: Source) -> String {
        var text = source.title ?? source.id
        let rest = [source.author, source.publisher, source.date.map(\.description)].compactMap { $0 }
        if !rest.isEmpty { text += " — " + rest.joined(separator: ", ") }
        if let reliability = source.reliability, let grade = AdmiraltyGrade(reliability + "6") {
            text += " (reliability \(reliability): \(grade.reliabilityMeaning))"
        }
        return text
    }

    /// A source in short, under a claim: "The Asian Age, 2025-10-09; reliability C" (the list
    /// of sources has the title, author, the reliability's meaning and the link).
    static func shortCitation(_ source: Source) -> String {
        var text = source.citation
        if let reliability = source.reliability { text += "; reliability \(reliability)" }
        return text
    }

    /// "R3, R4, R9".
    static func rowList(_ rows: [Int], in evidence: ReportEvidence) -> [(label: String, anchor: String)] {
        rows.map { ("R\(evidence.rows[$0].number)", evidence.rows[$0].anchor) }
    }
}
