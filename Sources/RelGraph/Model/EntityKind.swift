/// What an entity is. The set is closed: every entity has exactly one kind, and
/// relation types say which kinds they may connect.
public enum EntityKind: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// A militant, armed or political group.
    case group
    /// An intelligence or security service, or an armed force.
    case agency
    /// A sovereign state.
    case state
    /// A province, district, city, region or border area.
    case territory
    /// A named (or described) individual.
    case person
    /// An attack, agreement, statement or speech.
    case event
    /// Another body: the UN, a party, a movement.
    case organization
    /// A magazine, outlet or channel.
    case publication

    /// One line describing the kind, for the README and `--help`.
    public var summary: String {
        switch self {
        case .group: "militant, armed or political group"
        case .agency: "intelligence or security service, armed force"
        case .state: "sovereign state"
        case .territory: "province, district, city, region, border area"
        case .person: "individual"
        case .event: "attack, agreement, statement, speech"
        case .organization: "other body: UN, party, movement"
        case .publication: "magazine, outlet"
        }
    }

    /// Kinds that act: groups, agencies, states, organizations and people.
    public static let actors: Set<EntityKind> = [.group, .agency, .state, .organization, .person]
    /// Kinds that are places: territories and states.
    public static let places: Set<EntityKind> = [.territory, .state]

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
