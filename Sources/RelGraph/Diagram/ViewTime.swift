/// The time a view shows, as the diagram needs it to word relations and
/// entities: whether the view is a time view (`as_of` or `between`, as in a
/// timeline frame), the last day it covers, and the last day its record can
/// know of (`known_as_of`).
///
/// The rules it serves (docs/views.md, "Time in views"):
/// - an item with an `until` is drawn as *former* (class `ended`, "former" in
///   its title and label) when that `until` is before the end of the view;
/// - an item that `ended` at an unknown date (`ended: true`, no `until`) is
///   former unless the view ends before the date by which its record says it
///   ended (``Network/endingSaid(claims:sources:)``): then it is "ended by DATE,
///   date unknown", drawn as possibly current. Without such a date it is former
///   in every view;
/// - in a time view, an item with neither `since` nor `until` is drawn as
///   *undated*: class `undated`, "undated" in its label (relations) and
///   "date unknown" in its tooltip.
struct ViewTime: Sendable, Hashable {
    /// The days the view covers, when it has a time filter.
    var window: TimeWindow?
    /// The last day of the record the view shows (`known_as_of`), when it has one.
    var lastKnownDay: Int?

    /// The time of `view`.
    init(_ view: ViewDefinition) {
        window = view.timeWindow
        lastKnownDay = view.knownAsOf?.lastDayNumber
    }

    /// Whether the view filters by time.
    var isTimeView: Bool { window != nil }

    /// The last day the view shows, for an ending of unknown date: the end of its
    /// time window or its `known_as_of`, whichever is earlier; `nil` when it has neither.
    var lastDay: Int? {
        switch (window?.last, lastKnownDay) {
        case (let a?, let b?): min(a, b)
        case (let a?, nil): a
        case (nil, let b?): b
        case (nil, nil): nil
        }
    }

    /// Whether an item with these dates is over by the end of what the view shows.
    /// `endedBy` is the date by which its record says an item that `ended` without
    /// `until` was over (``Network/endingSaid(claims:sources:)``).
    func isFormer(ended: Bool, until: PartialDate?, endedBy: PartialDate? = nil) -> Bool {
        if let until {
            guard let window else { return true }
            return until.lastDayNumber < window.last
        }
        guard ended else { return false }
        guard let endedBy, let lastDay else { return true }
        return endedBy.lastDayNumber <= lastDay
    }

    /// Whether an item with these dates is drawn as undated in this view.
    func isUndated(since: PartialDate?, until: PartialDate?) -> Bool {
        isTimeView && since == nil && until == nil
    }
}

extension Network {
    /// The date by which the record says an item that ended at an unknown date
    /// (`ended: true`, no `until`) was over: the **latest** of the dates when what
    /// backs it was said — each supporting claim's date (its own `date`, else its
    /// source's, ``Claim/madeOn(in:)``) and the date of each source the item cites
    /// directly (`sources`). Denials do not back it.
    ///
    /// The latest, not the earliest: which of the backing claims says that the
    /// item ended cannot be told, and only by the last of them had every one been
    /// said; an earlier date could put the end before any source said it.
    ///
    /// `nil` when nothing backs the item, or when any of what backs it is undated
    /// (an undated claim may be the one that says it ended, at a time unknown).
    func endingSaid(claims: [Claim], sources ids: [String]) -> PartialDate? {
        var latest: PartialDate?
        func take(_ date: PartialDate?) -> Bool {
            guard let date else { return false }
            if latest.map({ date.lastDayNumber > $0.lastDayNumber }) ?? true { latest = date }
            return true
        }
        for claim in claims where claim.stance == .supports {
            guard take(claim.madeOn(in: self)) else { return nil }
        }
        for id in ids {
            guard take(sources[id]?.date) else { return nil }
        }
        return latest
    }

    /// ``endingSaid(claims:sources:)`` for `relation`, when it ended at an unknown date.
    func endingSaid(of relation: Relation) -> PartialDate? {
        guard relation.ended, relation.until == nil else { return nil }
        return endingSaid(claims: relation.claims, sources: relation.sources)
    }

    /// ``endingSaid(claims:sources:)`` for `entity` (its `sources`), when it ended at an unknown date.
    func endingSaid(of entity: Entity) -> PartialDate? {
        guard entity.ended, entity.until == nil else { return nil }
        return endingSaid(claims: [], sources: entity.sources)
    }
}
