/// The time a view shows, as the diagram needs it to word relations and
/// entities: whether the view is a time view (`as_of` or `between`, as in a
/// timeline frame) and the last day it covers.
///
/// The rules it serves (README, "Time in views"):
/// - an item that has ended (`ended: true`, or an `until` before the end of the
///   view) is drawn as *former*: class `ended`, "former" in its title and label.
///   An `ended` item without `until` is former in every view, since no date
///   of the view can be shown to precede its end;
/// - in a time view, an item with neither `since` nor `until` is drawn as
///   *undated*: class `undated`, "undated" in its label (relations) and
///   "date unknown" in its tooltip.
struct ViewTime: Sendable, Hashable {
    /// The days the view covers, when it has a time filter.
    var window: TimeWindow?

    /// The time of `view`.
    init(_ view: ViewDefinition) {
        window = view.timeWindow
    }

    /// Whether the view filters by time.
    var isTimeView: Bool { window != nil }

    /// Whether an item with these dates is over by the end of what the view shows.
    func isFormer(ended: Bool, until: PartialDate?) -> Bool {
        guard let until else { return ended }
        guard let window else { return true }
        return until.lastDayNumber < window.last
    }

    /// Whether an item with these dates is drawn as undated in this view.
    func isUndated(since: PartialDate?, until: PartialDate?) -> Bool {
        isTimeView && since == nil && until == nil
    }
}
