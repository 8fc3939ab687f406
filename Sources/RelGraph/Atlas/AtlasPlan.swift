/// How a network too large for one legible page is laid out as an atlas: an
/// overview page where each group of entities is one box, then one page per
/// group with its members and their lines, and, for each line that leaves the
/// page, a note naming the far entity and its page.
///
/// Every entity is on exactly one detail page. Groups are communities
/// (`Communities`, the default), or the network's own kinds or top-level
/// territories when asked (``Grouping``). Pages are numbered from 1 (the
/// overview); detail pages follow, largest group first.
public struct AtlasPlan: Sendable, Equatable {
    /// How entities are grouped into pages.
    public enum Grouping: String, Sendable, CaseIterable {
        /// Communities of the network's lines (Louvain; `Communities`).
        case community
        /// One page (or several, when large) per entity kind.
        case kind
        /// One page per top-level territory or state (what an entity is `within`,
        /// followed to the top); entities within nothing form communities.
        case territory
    }

    /// One detail page.
    public struct Page: Sendable, Equatable {
        /// Its page number (2…).
        public var number: Int
        /// Its members' entity ids, sorted by name.
        public var members: [String]
        /// What it is called: its most connected members ("Wizard Spider, Conti and 10 more").
        public var name: String
        /// Its most connected member's name ("Wizard Spider"): what the overview
        /// calls it when the atlas has many pages (``AtlasPlan/overviewShortNames``).
        public var lead: String
        /// Lines that leave the page.
        public var exits: [Exit]
    }

    /// Relations between an entity on a page and one on another page, gathered by
    /// the far page: drawn as one note beside the member.
    public struct Exit: Sendable, Equatable {
        /// The member on this page.
        public var member: String
        /// The page the far entities are on.
        public var page: Int
        /// The far entities, sorted by name.
        public var entities: [String]
        /// The relations, by key (``Relation/key``), in network order.
        public var relations: [String]
    }

    /// Lines between two detail pages on the overview: how many relations join their members.
    public struct Bridge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var relations: Int
    }

    /// The detail pages, in page order.
    public var pages: [Page]
    /// The overview's lines between pages, by page numbers.
    public var bridges: [Bridge]

    /// Total pages, overview included.
    public var pageCount: Int { pages.count + 1 }

    /// The most entities a detail page holds by default: A4 holds about 100–130
    /// names at 6 pt when names may cover a quarter of the page; lines, their
    /// crossings and the notes to other pages need room too. Pages that still come
    /// out too small are split (``AtlasRenderer``).
    public static let defaultPageSize = 40

    /// The plan for `network`, grouped by `grouping`, at most `pageSize` entities a page.
    public init(_ network: Network, grouping: Grouping = .community, pageSize: Int = AtlasPlan.defaultPageSize) {
        self.init(network, groups: Self.groups(network, grouping: grouping, pageSize: pageSize))
    }

    /// The groups of entity ids `grouping` makes of `network`, at most `pageSize` each,
    /// largest first.
    public static func groups(_ network: Network, grouping: Grouping = .community, pageSize: Int = AtlasPlan.defaultPageSize) -> [[String]] {
        let entities = network.entities.sorted { $0.id < $1.id }
        var index: [String: Int] = [:]
        for (i, entity) in entities.enumerated() { index[entity.id] = i }
        let links = Self.links(network, index: index)
        var groups: [[Int]]
        switch grouping {
        case .community:
            groups = Communities.detect(count: entities.count, links: links, maxSize: pageSize, minSize: minimumPage(pageSize))
        case .kind:
            var byKind: [String: [Int]] = [:]
            for (i, entity) in entities.enumerated() { byKind[entity.kind.rawValue, default: []].append(i) }
            groups = byKind.keys.sorted().flatMap { Self.runs(byKind[$0]!, of: pageSize) }
        case .territory:
            let byID = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let containers = Set(entities.compactMap(\.within))
            func top(_ entity: Entity) -> String? {
                var current = entity
                var seen: Set<String> = [entity.id]
                while let parent = current.within.flatMap({ byID[$0] }), seen.insert(parent.id).inserted { current = parent }
                return current.id == entity.id && !containers.contains(entity.id) ? nil : current.id
            }
            var byTop: [String: [Int]] = [:]
            var loose: [Int] = []
            for (i, entity) in entities.enumerated() {
                if let root = top(entity) { byTop[root, default: []].append(i) } else { loose.append(i) }
            }
            groups = byTop.keys.sorted().flatMap { Self.runs(byTop[$0]!, of: pageSize) }
            if !loose.isEmpty {
                let keep = Set(loose)
                let local = Dictionary(uniqueKeysWithValues: loose.enumerated().map { ($1, $0) })
                let looseLinks = links.filter { keep.contains($0.a) && keep.contains($0.b) }
                    .map { Communities.Link(local[$0.a]!, local[$0.b]!, weight: $0.weight) }
                groups += Communities.detect(count: loose.count, links: looseLinks, maxSize: pageSize, minSize: minimumPage(pageSize))
                    .map { $0.map { loose[$0] } }
            }
            groups.sort { ($1.count, $0.first ?? 0) < ($0.count, $1.first ?? 0) }
        }
        return groups.map { $0.map { entities[$0].id } }
    }

    /// `group` (entity ids of `network`) split in two or more communities of at
    /// most half its size, for a page too crowded to be legible.
    public static func split(_ group: [String], of network: Network) -> [[String]] {
        let members = Set(group)
        var part = network
        part.entities = network.entities.filter { members.contains($0.id) }
        part.relations = network.relations.filter { members.contains($0.from) && members.contains($0.to) }
        let half = (group.count + 1) / 2
        return groups(part, grouping: .community, pageSize: half)
    }

    /// Communities smaller than this join a neighbouring one: an eighth of a page, at least 3.
    static func minimumPage(_ pageSize: Int) -> Int { max(3, pageSize / 8) }

    /// Undirected weighted links between entity indexes: how many relations join each pair.
    static func links(_ network: Network, index: [String: Int]) -> [Communities.Link] {
        var pairs: [[Int]: Double] = [:]
        for relation in network.relations {
            guard let a = index[relation.from], let b = index[relation.to], a != b else { continue }
            pairs[[min(a, b), max(a, b)], default: 0] += 1
        }
        return pairs.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { Communities.Link($0[0], $0[1], weight: pairs[$0]!) }
    }

    /// The plan with these groups of entity ids as its detail pages, in order
    /// (entities in no group are left out).
    public init(_ network: Network, groups given: [[String]]) {
        let entities = network.entities.sorted { $0.id < $1.id }
        var index: [String: Int] = [:]
        for (i, entity) in entities.enumerated() { index[entity.id] = i }
        let relations = network.relations.filter { index[$0.from] != nil && index[$0.to] != nil }
        var degree = [Int](repeating: 0, count: entities.count)
        for relation in relations {
            degree[index[relation.from]!] += 1
            degree[index[relation.to]!] += 1
        }
        let groups: [[Int]] = given.map { $0.compactMap { index[$0] } }.filter { !$0.isEmpty }

        var pageOf = [Int](repeating: 0, count: entities.count)
        for (k, group) in groups.enumerated() { for i in group { pageOf[i] = k + 2 } }
        let placed = relations.filter { pageOf[index[$0.from]!] > 0 && pageOf[index[$0.to]!] > 0 }
        func byName(_ a: Int, _ b: Int) -> Bool { (entities[a].name, entities[a].id) < (entities[b].name, entities[b].id) }

        var pages: [Page] = []
        for (k, group) in groups.enumerated() {
            let number = k + 2
            // Named after its most connected members.
            let ranked = group.sorted { (-degree[$0], entities[$0].name, entities[$0].id) < (-degree[$1], entities[$1].name, entities[$1].id) }
            let named = ranked.prefix(2).map { entities[$0].name }
            let name = group.count > 2 ? "\(named.joined(separator: ", ")) and \(group.count - 2) more" : named.joined(separator: " and ")
            // Exits: per member and far page.
            var exits: [[Int]: (entities: Set<Int>, relations: [String])] = [:]
            for relation in placed {
                let a = index[relation.from]!, b = index[relation.to]!
                for (member, far) in [(a, b), (b, a)] where pageOf[member] == number && pageOf[far] != number {
                    exits[[member, pageOf[far]], default: ([], [])].entities.insert(far)
                    exits[[member, pageOf[far]], default: ([], [])].relations.append(relation.key)
                }
            }
            let exitList = exits.keys.sorted { (entities[$0[0]].name, entities[$0[0]].id, $0[1]) < (entities[$1[0]].name, entities[$1[0]].id, $1[1]) }
                .map { key in
                    Exit(member: entities[key[0]].id, page: key[1], entities: exits[key]!.entities.sorted(by: byName).map { entities[$0].id },
                         relations: exits[key]!.relations)
                }
            pages.append(Page(number: number, members: group.sorted(by: byName).map { entities[$0].id }, name: name,
                              lead: named.first ?? "", exits: exitList))
        }

        var bridgeCounts: [[Int]: Int] = [:]
        for relation in placed {
            let p = pageOf[index[relation.from]!], q = pageOf[index[relation.to]!]
            if p != q { bridgeCounts[[min(p, q), max(p, q)], default: 0] += 1 }
        }
        self.pages = pages
        self.bridges = bridgeCounts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { Bridge(from: $0[0], to: $0[1], relations: bridgeCounts[$0]!) }
    }

    /// `items` in runs of at most `size`.
    static func runs(_ items: [Int], of size: Int) -> [[Int]] {
        stride(from: 0, to: items.count, by: max(1, size)).map { Array(items[$0..<min(items.count, $0 + max(1, size))]) }
    }

    /// The page of each entity, by id.
    public var pageOfEntity: [String: Int] {
        var result: [String: Int] = [:]
        for page in pages { for id in page.members { result[id] = page.number } }
        return result
    }
}
