/// The words relgraph adds to an entity for the time a view shows: "former"
/// for an entity that is gone ("ended by 2025-10-09, date unknown" when the view
/// ends before its sources say it was gone), "date unknown" in a time view for
/// one without dates, and the matching CSS classes (`ended`, `undated`). See ``ViewTime``.
struct EntityText {
    /// The entity described.
    var entity: Entity
    /// The time the view shows (none: the whole network).
    var time: ViewTime?
    /// For an entity that ended at an unknown date, the date by which its sources
    /// say it was gone (``Network/endingSaid(claims:sources:)``).
    var endedBy: PartialDate? = nil

    /// Whether the entity is drawn as gone.
    var isFormer: Bool {
        (time ?? ViewTime(ViewDefinition())).isFormer(ended: entity.ended, until: entity.until, endedBy: endedBy)
    }

    /// The date to show as "ended by DATE" when the view may precede the entity's
    /// end: it is drawn as possibly still there, not former.
    var endedLater: PartialDate? {
        entity.ended && entity.until == nil && !isFormer ? endedBy : nil
    }

    /// Whether the entity is drawn as undated.
    var isUndated: Bool { time?.isUndated(since: entity.since, until: entity.until) ?? false }

    /// The sentence for `<title>`: "ISKP (group, 2015–)", "Hafiz Saeed Khan (person, former)".
    func title(name: String, dates: String?) -> String {
        "\(name) (" + ([entity.kind.rawValue] + [dates].compactMap { $0 } + qualifiers).joined(separator: ", ") + ")"
    }

    /// Extra words for the title's parentheses: "former" (or "ended by
    /// 2025-10-09, date unknown"), "date unknown".
    var qualifiers: [String] {
        var parts: [String] = []
        if isFormer { parts.append("former") }
        if let endedLater { parts.append("ended by \(endedLater), date unknown") }
        if isUndated && endedLater == nil { parts.append("date unknown") }
        return parts
    }

    /// The detail line under the name: its dates, with "ended" when it is over at
    /// an unknown date ("ended by 2025-10-09" in a view that may precede its end).
    func detail(dates: String?) -> String? {
        guard entity.ended && entity.until == nil else { return dates }
        let ended = endedLater.map { "ended by \($0)" } ?? "ended"
        return dates.map { "\($0) (\(ended))" } ?? ended
    }

    /// Extra tooltip lines.
    var tooltipLines: [String] {
        var lines: [String] = []
        if entity.ended && entity.until == nil {
            lines.append(endedBy.map { "Ended by \($0), date unknown" } ?? "Ended, date unknown")
        }
        if isUndated { lines.append("Dates: date unknown") }
        return lines
    }

    /// CSS classes `ended`, `undated`.
    var extraClasses: [String] {
        (isFormer ? ["ended"] : []) + (isUndated ? ["undated"] : [])
    }
}
