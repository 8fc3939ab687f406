/// What an entity is: one of the eight built-in kinds, or a kind the document
/// declares under `entity_kinds:` (``DeclaredKind``). Every entity has exactly
/// one kind, and relation types say which kinds they may connect.
///
/// Kinds sort in a canonical order: the built-in ones in the order below, then
/// declared kinds by name.
public struct EntityKind: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The kind's name as written in `kind:`, e.g. `group` or `software`.
    public var rawValue: String

    /// The kind named `rawValue`; whether a document may use it (built in, or
    /// declared) is for the loader to say.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The kind named `name`.
    public init(_ name: String) {
        self.rawValue = name
    }

    public var description: String { rawValue }

    /// A militant, armed or political group.
    public static let group = EntityKind("group")
    /// An intelligence or security service, or an armed force.
    public static let agency = EntityKind("agency")
    /// A sovereign state.
    public static let state = EntityKind("state")
    /// A province, district, city, region or border area.
    public static let territory = EntityKind("territory")
    /// A named (or described) individual.
    public static let person = EntityKind("person")
    /// An attack, agreement, statement or speech.
    public static let event = EntityKind("event")
    /// Another body: the UN, a party, a movement.
    public static let organization = EntityKind("organization")
    /// A magazine, outlet or channel.
    public static let publication = EntityKind("publication")

    /// The eight built-in kinds, in canonical order.
    public static let builtIn: [EntityKind] = [.group, .agency, .state, .territory, .person, .event, .organization, .publication]

    /// The built-in kind named `name`, if there is one.
    public static func builtIn(named name: String) -> EntityKind? {
        builtIn.first { $0.rawValue == name }
    }

    /// Whether the kind is one of the eight built-in kinds.
    public var isBuiltIn: Bool { Self.builtInIndex[self] != nil }

    private static let builtInIndex: [EntityKind: Int] = Dictionary(uniqueKeysWithValues: builtIn.enumerated().map { ($0.element, $0.offset) })

    /// One line describing a built-in kind, for the README and `--help`; `nil` for declared kinds.
    public var summary: String? {
        switch self {
        case .group: "militant, armed or political group"
        case .agency: "intelligence or security service, armed force"
        case .state: "sovereign state"
        case .territory: "province, district, city, region, border area"
        case .person: "individual"
        case .event: "attack, agreement, statement, speech"
        case .organization: "other body: UN, party, movement"
        case .publication: "magazine, outlet"
        default: nil
        }
    }

    /// Kinds that act: groups, agencies, states, organizations and people.
    public static let actors: Set<EntityKind> = [.group, .agency, .state, .organization, .person]
    /// Kinds that are places: territories and states.
    public static let places: Set<EntityKind> = [.territory, .state]

    /// Built-in kinds in their order, then declared kinds by name (UTF-8 order).
    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        switch (builtInIndex[lhs], builtInIndex[rhs]) {
        case let (l?, r?): l < r
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
        }
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A kind the document declares under `entity_kinds:`, e.g. `software` for the
/// malware and tools of a STIX import: its words and, optionally, its look.
public struct DeclaredKind: Hashable, Sendable {
    /// The kind.
    public var kind: EntityKind
    /// The words shown in legends (default: the name with hyphens as spaces).
    public var label: String
    /// One sentence on what entities of this kind are.
    public var description: String
    /// The node shape (a Graphviz shape name); `nil` takes one from ``Theme``.
    public var shape: String?
    /// The border colour; `nil` takes a palette from ``Theme``.
    public var color: String?

    /// The description the decoder gives a declared kind that has none.
    public static let defaultDescription = "declared by the document"

    /// Declares `kind`.
    public init(kind: EntityKind, label: String? = nil, description: String? = nil, shape: String? = nil, color: String? = nil) {
        self.kind = kind
        self.label = label ?? Self.defaultLabel(of: kind)
        self.description = description ?? Self.defaultDescription
        self.shape = shape
        self.color = color
    }

    /// `command-and-control` → `command and control`.
    public static func defaultLabel(of kind: EntityKind) -> String {
        kind.rawValue.replacingOccurrences(of: "-", with: " ")
    }
}

/// The kinds a relation type allows at one end: any kind (built-in or declared),
/// or only those listed.
public enum AllowedKinds: Hashable, Sendable, ExpressibleByArrayLiteral {
    /// Every kind, including those a document declares.
    case any
    /// Only these kinds.
    case only(Set<EntityKind>)

    public init(arrayLiteral elements: EntityKind...) {
        self = .only(Set(elements))
    }

    /// `.any` for `nil` or an empty list, else only the kinds listed.
    public init(_ kinds: [EntityKind]) {
        self = kinds.isEmpty ? .any : .only(Set(kinds))
    }

    /// Whether an entity of `kind` may be at this end.
    public func contains(_ kind: EntityKind) -> Bool {
        switch self {
        case .any: true
        case .only(let kinds): kinds.contains(kind)
        }
    }

    /// Whether every kind is allowed.
    public var isAny: Bool { self == .any }

    /// Allows `kind` too.
    public mutating func insert(_ kind: EntityKind) {
        if case .only(var kinds) = self {
            kinds.insert(kind)
            self = .only(kinds)
        }
    }

    /// The kinds listed, in canonical order (empty for `.any`).
    public var sorted: [EntityKind] {
        switch self {
        case .any: []
        case .only(let kinds): kinds.sorted()
        }
    }

    /// `any`, or the kinds' names in canonical order joined by `separator`.
    public func names(separator: String) -> String {
        isAny ? "any" : sorted.map(\.rawValue).joined(separator: separator)
    }
}
