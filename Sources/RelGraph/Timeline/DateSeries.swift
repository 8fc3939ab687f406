/// The dates a timeline is drawn on: listed, or every year or month over a
/// range that defaults to the network's own dates. Pure date logic; drawing
/// the frames is `Timeline`'s (RelGraphviz).
public enum DateSeries {
    /// How far apart generated dates are.
    public enum Step: String, CaseIterable, Sendable {
        /// One date per calendar year (`2015`: "at some time in 2015").
        case year
        /// One date per calendar month (`2015-06`).
        case month
    }

    /// Why no series can be made.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// A step needs a range, and the network has no dates to take one from.
        case undatedNetwork
        /// The range starts after it ends.
        case fromAfterTo(from: PartialDate, to: PartialDate)

        public var description: String {
            switch self {
            case .undatedNetwork: "the network has no dates to take a range from; give --from and --to, or --dates"
            case .fromAfterTo(let from, let to): "--from (\(from)) is after --to (\(to))"
            }
        }
    }

    /// The most dates one series holds (a timeline's most frames).
    public static let maximumCount = 999

    /// The series: `listed` when given; else every `step` (default: year) from
    /// `from` to `to`, which default to the earliest and latest dates in `network`.
    public static func dates(listed: [PartialDate]?, every step: Step?, from: PartialDate?, to: PartialDate?,
                             in network: Network) throws(Problem) -> [PartialDate] {
        if let listed { return listed }
        let range = self.range(of: network)
        guard let first = from ?? range?.from, let last = to ?? range?.to else { throw .undatedNetwork }
        if first.firstDayNumber > last.lastDayNumber { throw .fromAfterTo(from: first, to: last) }
        return dates(every: step ?? .year, from: first, to: last)
    }

    /// Every year or month from `from` to `to`, inclusive (`2015`, `2016`… or
    /// `2015-01`, `2015-02`…), stopping past ``maximumCount``. A `from` known only
    /// to the year starts in its January; a `to` known only to the year ends in its December.
    public static func dates(every step: Step, from: PartialDate, to: PartialDate) -> [PartialDate] {
        var result: [PartialDate] = []
        switch step {
        case .year:
            guard from.year <= to.year else { return [] }
            for year in from.year...to.year {
                if let date = PartialDate(year: year) { result.append(date) }
                if result.count > maximumCount { break }
            }
        case .month:
            var (year, month) = (from.year, from.month ?? 1)
            let end = (to.year, to.month ?? 12)
            while (year, month) <= end, result.count <= maximumCount {
                if let date = PartialDate(year: year, month: month) { result.append(date) }
                month += 1
                if month > 12 { (year, month) = (year + 1, 1) }
            }
        }
        return result
    }

    /// The earliest and latest dates in the network (entities' and relations'
    /// `since` and `until`), or `nil` when it has none.
    public static func range(of network: Network) -> (from: PartialDate, to: PartialDate)? {
        let dates = network.entities.flatMap { [$0.since, $0.until] } + network.relations.flatMap { [$0.since, $0.until] }
        let known = dates.compactMap { $0 }
        guard let first = known.min(by: { $0.firstDayNumber < $1.firstDayNumber }),
              let last = known.max(by: { $0.lastDayNumber < $1.lastDayNumber }) else { return nil }
        return (first, last)
    }
}
