/// How well established a relation is, in the words of the sources.
///
/// Ordered from weakest to strongest, so `min_confidence: reported` keeps
/// `reported` and `confirmed` and hides `alleged` and `disputed`.
public enum Confidence: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// Asserted by one side and denied by another.
    case disputed
    /// Asserted without corroboration ("suspicions", "according to", "mounting evidence").
    case alleged
    /// Reported as fact by the source (the default).
    case reported
    /// Established: public record, acknowledged by the parties, corroborated.
    case confirmed

    /// The confidence a relation has when the document does not say.
    public static let `default`: Confidence = .reported

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}
