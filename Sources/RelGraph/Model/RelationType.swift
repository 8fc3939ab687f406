/// What a relation type means and which entities it may connect.
public struct RelationType: Hashable, Sendable {
    /// The type's name as written in `type:`, e.g. `sponsors`.
    public var name: String
    /// The words shown on edges (default: the name with hyphens as spaces).
    public var label: String
    /// One sentence on what it means.
    public var description: String
    /// Symmetric types (`allied-with`) have no direction and no arrowhead.
    public var symmetric: Bool
    /// Kinds allowed at the `from` end.
    public var fromKinds: AllowedKinds
    /// Kinds allowed at the `to` end.
    public var toKinds: AllowedKinds
    /// Whether an entity may have this relation with itself.
    public var allowsSelf: Bool
    /// Whether the type is built into relgraph (rather than declared by the document).
    public var isBuiltIn: Bool
    /// The family it is drawn as (``RelationFamily``): built-in types have theirs;
    /// a declared type's `family:`; `nil` draws a declared type as ``RelationFamily/other``.
    public var family: RelationFamily?

    /// Creates a relation type.
    public init(name: String, label: String? = nil, description: String, symmetric: Bool = false,
                from: AllowedKinds = .any, to: AllowedKinds = .any,
                allowsSelf: Bool = false, isBuiltIn: Bool = false, family: RelationFamily? = nil) {
        self.name = name
        self.label = label ?? name.replacingOccurrences(of: "-", with: " ")
        self.description = description
        self.symmetric = symmetric
        self.fromKinds = from
        self.toKinds = to
        self.allowsSelf = allowsSelf
        self.isBuiltIn = isBuiltIn
        self.family = family ?? (isBuiltIn ? RelationFamily.builtIn[name] : nil)
    }

    /// The relation types every document can use. An end that allows all eight
    /// built-in kinds allows any kind, declared ones included (`related-to`, the
    /// target of `targeted`).
    public static let builtIn: [RelationType] = {
        let actors = EntityKind.actors
        let places = EntityKind.places
        let all = Set(EntityKind.builtIn)
        func allowed(_ kinds: Set<EntityKind>) -> AllowedKinds { kinds == all ? .any : .only(kinds) }
        func t(_ name: String, _ description: String, symmetric: Bool = false,
               from: Set<EntityKind>, to: Set<EntityKind>) -> RelationType {
            RelationType(name: name, description: description, symmetric: symmetric, from: allowed(from), to: allowed(to), isBuiltIn: true)
        }
        return [
            t("affiliate-of", "is a branch or affiliate of", from: [.group, .organization], to: [.group, .organization]),
            // An agency is also an armed force (docs/input-format.md, kinds): a group can break away
            // from it, and states and others fund and train it.
            t("splinter-of", "broke away from", from: [.group, .organization], to: [.group, .organization, .agency]),
            t("merged-into", "merged into", from: [.group, .organization, .agency], to: [.group, .organization, .agency]),
            t("allied-with", "cooperates with (no direction)", symmetric: true, from: actors, to: actors),
            t("rival-of", "competes or fights with (no direction)", symmetric: true, from: actors, to: actors),
            t("sponsors", "backs covertly or openly: patronage, direction, resources", from: actors, to: [.group, .organization, .person, .event]),
            t("supports", "gives political, material or moral support to", from: actors, to: actors.union([.event])),
            t("funds", "pays for", from: actors, to: [.group, .organization, .agency, .person, .event]),
            t("trains", "trains or supervises the training of", from: actors, to: [.group, .organization, .agency, .person]),
            t("harbors", "gives safe haven to", from: [.state, .agency, .group, .organization], to: [.group, .organization, .person]),
            t("controls", "holds or directs", from: [.group, .agency, .state, .organization], to: [.territory, .group, .organization, .agency]),
            t("part-of", "is a component of", from: [.agency, .group, .organization, .territory, .state], to: [.agency, .group, .organization, .state, .territory]),
            t("leads", "heads", from: [.person], to: [.group, .agency, .state, .organization]),
            t("member-of", "belongs to", from: [.person, .group, .state, .organization, .agency], to: [.group, .organization, .agency]),
            t("citizen-of", "is a national of", from: [.person], to: [.state]),
            t("operates-in", "is active in", from: [.group, .agency, .organization, .person, .state], to: places),
            t("based-in", "has its base or residence in", from: [.group, .agency, .organization, .person, .publication], to: places),
            t("claimed", "claimed responsibility for", from: [.group, .organization, .person, .publication], to: [.event]),
            t("perpetrated", "carried out", from: actors, to: [.event]),
            t("participated-in", "took part in (a speaker, a party to an agreement)", from: actors, to: [.event]),
            t("targeted", "was aimed at", from: actors.union([.event]), to: all),
            t("occurred-in", "took place in", from: [.event], to: places),
            t("born-in", "was born in", from: [.person], to: places),
            t("published-by", "is published or issued by", from: [.publication, .event], to: actors.union([.publication])),
            t("recruits-from", "draws recruits from", from: [.group, .agency, .organization], to: places.union([.group, .organization])),
            t("related-to", "is connected in an unspecified way to (no direction)", symmetric: true, from: all, to: all),
        ]
    }()

    /// Built-in types by name.
    public static let builtInByName: [String: RelationType] = Dictionary(uniqueKeysWithValues: builtIn.map { ($0.name, $0) })
}
