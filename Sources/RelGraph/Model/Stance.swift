/// What a claim says about its relation: that it holds, or that it does not.
///
/// A denial is a claim on the same relation as the allegation it answers, made
/// `by` the denier: "ISI sponsors ISKP", claimed by the author (`supports`) and
/// denied by Pakistan (`denies`). relgraph shows both; it decides neither.
public enum Stance: String, CaseIterable, Sendable, Hashable, Codable {
    /// The claim says the relation holds (the default).
    case supports
    /// The claim says the relation does not hold.
    case denies

    /// The stance a claim has when the document does not say.
    public static let `default`: Stance = .supports
}

extension Relation {
    /// The claims that deny the relation.
    public var denials: [Claim] { claims.filter { $0.stance == .denies } }

    /// Whether some claim denies the relation.
    public var isDenied: Bool { claims.contains { $0.stance == .denies } }
}
