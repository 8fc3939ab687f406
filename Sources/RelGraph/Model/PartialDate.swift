/// A calendar date known to the year, the month or the day: `2015`, `2015-01`,
/// `2015-01-09`.
///
/// The precision is kept: `2015` means "some day in 2015", not 1 January 2015.
/// A partial date covers a span of days, from ``firstDay`` to ``lastDay``.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// How much of the date is known.
    public enum Precision: Int, Sendable, Hashable, Comparable {
        case year, month, day
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The year (1 to 9999).
    public let year: Int
    /// The month (1 to 12), when known.
    public let month: Int?
    /// The day of the month, when known.
    public let day: Int?

    /// Creates a date; returns `nil` if it is not on the calendar (2023-02-30).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits only, zero-padded).
    public init?(_ text: String) {
        // On bytes: four digits, then optionally "-" and two digits, twice (a
        // non-ASCII byte is never a digit, so this accepts exactly what splitting
        // on "-" and counting ASCII digits per part accepts).
        var numbers = (0, 0, 0)
        var count = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                guard digits == (count == 0 ? 4 : 2), count < 2 else { return nil }
                count += 1
                digits = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < (count == 0 ? 4 : 2) else { return nil }
            let d = Int(byte - UInt8(ascii: "0"))
            switch count {
            case 0: numbers.0 = numbers.0 * 10 + d
            case 1: numbers.1 = numbers.1 * 10 + d
            default: numbers.2 = numbers.2 * 10 + d
            }
            digits += 1
        }
        guard digits == (count == 0 ? 4 : 2) else { return nil }
        self.init(year: numbers.0, month: count >= 1 ? numbers.1 : nil, day: count >= 2 ? numbers.2 : nil)
    }

    /// Why `text` is not a date, for diagnostics; `nil` when it is one.
    public static func problem(with text: String) -> String? {
        if PartialDate(text) != nil { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        let wellFormed = (1...3).contains(parts.count) && parts.enumerated().allSatisfy { i, p in
            p.count == widths[i] && p.allSatisfy { $0.isASCII && $0.isNumber }
        }
        if wellFormed {
            let numbers = parts.map { Int($0)! }
            if numbers[0] == 0 { return "'\(text)' has year 0000; years run from 0001 to 9999" }
            if numbers.count >= 2, !(1...12).contains(numbers[1]) {
                return "'\(text)' is not a valid month: months run from 01 to 12"
            }
            if numbers.count == 3, let month = PartialDate(year: numbers[0], month: numbers[1]) {
                return "'\(text)' is not a day on the calendar: \(month) has \(month.lastDayNumber - month.firstDayNumber + 1) days"
            }
            return "'\(text)' is not a day on the calendar"
        }
        return "'\(text)' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
    }

    /// What the date is known to.
    public var precision: Precision {
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// The first day the date covers: 2015 → 2015-01-01, 2015-06 → 2015-06-01.
    public var firstDay: PartialDate {
        PartialDate(year: year, month: month ?? 1, day: day ?? 1)!
    }

    /// The last day the date covers: 2015 → 2015-12-31, 2016-02 → 2016-02-29.
    public var lastDay: PartialDate {
        let m = month ?? 12
        return PartialDate(year: year, month: m, day: day ?? PartialDate.daysIn(month: m, year: year))!
    }

    /// Days since 0000-03-01 (a proleptic Gregorian day number) of ``firstDay``.
    public var firstDayNumber: Int { PartialDate.dayNumber(firstDay) }
    /// Day number of ``lastDay``.
    public var lastDayNumber: Int { PartialDate.dayNumber(lastDay) }

    /// Whether the spans of two dates share a day (2015 overlaps 2015-06).
    public func overlaps(_ other: PartialDate) -> Bool {
        firstDayNumber <= other.lastDayNumber && other.firstDayNumber <= lastDayNumber
    }

    /// `2015`, `2015-01` or `2015-01-09`.
    public var description: String {
        // Written as bytes: the year is 1 to 9999, so four digits, zero-padded.
        String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ n: Int, digits: Int, at start: Int) {
                var n = n
                for i in stride(from: start + digits - 1, through: start, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
            }
            put(year, digits: 4, at: 0)
            guard let month else { return 4 }
            buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            guard let day else { return 7 }
            buffer[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            return 10
        }
    }

    /// Orders by first day, then by precision (2015 before 2015-01 before 2015-01-01).
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        let (a, b) = (lhs.firstDayNumber, rhs.firstDayNumber)
        if a != b { return a < b }
        return lhs.precision < rhs.precision
    }

    /// Number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func dayNumber(_ date: PartialDate) -> Int {
        // Howard Hinnant's days_from_civil.
        let m = date.month ?? 1, d = date.day ?? 1
        let y = date.year - (m <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PartialDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
