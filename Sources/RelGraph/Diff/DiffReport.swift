/// One value shown in a diff: bare (ids, kinds, dates, numbers), quoted (free
/// text), an HTML-like label, or a list.
public enum DiffValue: Hashable, Sendable {
    /// Shown as is: `iskp`, `alleged`, `2015-01`.
    case token(String)
    /// Free text, shown quoted: `"Pakistan's Inter-Services Intelligence."`.
    case text(String)
    /// A Graphviz HTML-like label, shown between `<` and `>`.
    case html(String)
    /// Several values whose order means nothing (aliases, tags), already sorted.
    case list([String])
}

/// What happened to one entity, relation, node, edge…
public enum ChangeStatus: String, Sendable, Hashable, CaseIterable {
    /// Only in the new version.
    case added
    /// Only in the old version.
    case removed
    /// In both, with different fields.
    case changed
    /// In both, the same.
    case unchanged
}

/// One field that differs between the two versions of an item, as `old -> new`.
/// For an added item every field has `old == nil`; for a removed one `new == nil`.
public struct FieldChange: Hashable, Sendable {
    /// The field's name in the document's words (`confidence`, `description`,
    /// `claim 2`) or, for DOT, the attribute's name.
    public var field: String
    /// The old value; `nil` when the field was not set.
    public var old: DiffValue?
    /// The new value; `nil` when the field is no longer set.
    public var new: DiffValue?

    /// Creates a field change.
    public init(field: String, old: DiffValue?, new: DiffValue?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// One item that differs: an entity, a relation, a source, a node, an edge…
public struct DiffItem: Hashable, Sendable {
    /// What identifies the item in both versions: an entity id, a relation key
    /// (`isi sponsors iskp`), a node name, an edge (`a -> b`).
    public var key: String
    /// A few words for readers: `ISKP (group)`, `ISI sponsors ISKP (alleged)`.
    public var summary: String
    /// Added, removed or changed (never unchanged: reports list differences only).
    public var status: ChangeStatus
    /// The fields that differ; for added and removed items, every field set.
    public var fields: [FieldChange]

    /// Creates an item.
    public init(key: String, summary: String, status: ChangeStatus, fields: [FieldChange]) {
        self.key = key
        self.summary = summary
        self.status = status
        self.fields = fields
    }
}

/// The differences of one kind of item, e.g. all entity differences.
public struct DiffSection: Hashable, Sendable {
    /// Plural name: `entities`, `relations`, `nodes`, `edges`.
    public var name: String
    /// Singular name: `entity`, `relation`, `node`, `edge`.
    public var singular: String
    /// Items that differ, sorted by key (byte order).
    public var items: [DiffItem]

    /// Creates a section.
    public init(name: String, singular: String, items: [DiffItem]) {
        self.name = name
        self.singular = singular
        self.items = items
    }

    /// How many items have `status`.
    public func count(_ status: ChangeStatus) -> Int {
        items.reduce(0) { $0 + ($1.status == status ? 1 : 0) }
    }

    /// The item with `key`, if it differs.
    public func item(_ key: String) -> DiffItem? {
        items.first { $0.key == key }
    }
}

/// What `relgraph diff` found between two versions.
///
/// Two levels: when both sides are networks (YAML/JSON), the report speaks of
/// entities, relations, sources, relation types, views and the document; when a
/// side is DOT, both sides are compared as graphs (nodes, edges, subgraphs and
/// graph attributes).
public struct DiffReport: Hashable, Sendable {
    /// How the two sides were compared.
    public enum Level: String, Sendable, Hashable {
        /// Network against network: entities, relations…
        case model
        /// Graph against graph: nodes, edges, subgraphs, graph attributes.
        case graph
    }

    /// One side of the comparison.
    public struct Side: Hashable, Sendable {
        /// The input as the user named it (`graphs/x.yaml`, `git:HEAD:graphs/x.yaml`).
        public var name: String
        /// `model` or `dot`.
        public var kind: String

        /// Creates a side.
        public init(name: String, kind: String) {
            self.name = name
            self.kind = kind
        }
    }

    /// The old side.
    public var old: Side
    /// The new side.
    public var new: Side
    /// The comparison's level.
    public var level: Level
    /// Every section of the level, in a fixed order, including those without differences.
    public var sections: [DiffSection]

    /// Creates a report.
    public init(old: Side, new: Side, level: Level, sections: [DiffSection]) {
        self.old = old
        self.new = new
        self.level = level
        self.sections = sections
    }

    /// The number of items that differ, over all sections.
    public var differenceCount: Int { sections.reduce(0) { $0 + $1.items.count } }

    /// Whether the two versions are the same.
    public var isEmpty: Bool { differenceCount == 0 }

    /// The section called `name` (`entities`, `edges`…).
    public func section(_ name: String) -> DiffSection? {
        sections.first { $0.name == name }
    }
}

/// Byte-order comparison of strings: the same in every process and on every
/// platform (unlike anything derived from Swift's seeded hashing).
package enum ByteOrder {
    package static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    package static func sorted<S: Sequence>(_ strings: S) -> [String] where S.Element == String {
        strings.sorted(by: less)
    }
}
