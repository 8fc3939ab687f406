/// What kind of tie a relation type is, for drawing: every type of one family
/// gets the family's colour and arrowhead, so that a printed page shows at most
/// eight kinds of line (nobody tells 26 colours apart), and the exact type stays
/// in each line's title, tooltip, label and classes.
public enum RelationFamily: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Backing: sponsors, supports, funds, trains, harbors.
    case backing
    /// Alliance: allied-with.
    case alliance
    /// Hostility: rival-of, targeted.
    case hostility
    /// Structure and leadership: affiliate-of, splinter-of, merged-into, part-of,
    /// member-of, leads, citizen-of, controls.
    case structure
    /// Place: operates-in, based-in, occurred-in, born-in, recruits-from.
    case place
    /// Events: claimed, perpetrated, participated-in.
    case event
    /// Anything else: published-by, related-to, and declared types without a family.
    case other

    /// The family of each built-in type.
    public static let builtIn: [String: RelationFamily] = [
        "sponsors": .backing, "supports": .backing, "funds": .backing, "trains": .backing, "harbors": .backing,
        "allied-with": .alliance,
        "rival-of": .hostility, "targeted": .hostility,
        "affiliate-of": .structure, "splinter-of": .structure, "merged-into": .structure, "part-of": .structure,
        "member-of": .structure, "leads": .structure, "citizen-of": .structure, "controls": .structure,
        "operates-in": .place, "based-in": .place, "occurred-in": .place, "born-in": .place, "recruits-from": .place,
        "claimed": .event, "perpetrated": .event, "participated-in": .event,
        "published-by": .other, "related-to": .other,
    ]

    /// The arrowhead lines of the family end in: filled for backing, hollow for
    /// structure, an open V for place, a dot for events, a bar for hostility.
    /// Symmetric types (allied-with, rival-of, related-to) have none.
    public var arrow: String {
        switch self {
        case .backing: "normal"
        case .alliance: "none"
        case .hostility: "tee"
        case .structure: "onormal"
        case .place: "vee"
        case .event: "dot"
        case .other: "empty"
        }
    }

    public static func < (a: RelationFamily, b: RelationFamily) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Network {
    /// The family of relation type `type`: the built-in one's, a declared type's
    /// own `family:`, else ``RelationFamily/other``.
    public func family(ofType type: String) -> RelationFamily {
        RelationFamily.builtIn[type] ?? relationTypes[type]?.family ?? .other
    }
}
