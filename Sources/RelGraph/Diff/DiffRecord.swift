/// One item of one version, reduced to what a diff compares: what identifies it,
/// a few words for readers, and its fields by name.
///
/// Entities, relations, sources, DOT nodes and edges all become records, so one
/// comparison serves every section.
public struct DiffRecord: Hashable, Sendable {
    /// What identifies the item in both versions.
    public var key: String
    /// A few words for readers.
    public var summary: String
    /// Field values by name; a field that is not set is absent.
    public var fields: [String: DiffValue]

    /// Creates a record.
    public init(key: String, summary: String, fields: [String: DiffValue]) {
        self.key = key
        self.summary = summary
        self.fields = fields
    }
}

/// The order in which a section lists fields: a fixed rank for the document's
/// own fields (`kind` before `name` before `description`…), byte order otherwise
/// (DOT attributes).
package struct FieldOrder: Sendable {
    private let ranks: [String: Int]

    /// Fields listed in `names` come first, in that order; any other field after
    /// them, in byte order.
    package init(_ names: [String] = []) {
        var ranks: [String: Int] = [:]
        for (index, name) in names.enumerated() where ranks[name] == nil { ranks[name] = index }
        self.ranks = ranks
    }

    func sorted<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        names.sorted { a, b in
            switch (ranks[a], ranks[b]) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return ByteOrder.less(a, b)
            }
        }
    }
}

/// Compares records of two versions.
package enum RecordComparison {
    /// The section for `old` and `new` records matched by key. Keys must be
    /// unique on each side.
    static func section(name: String, singular: String, old: [DiffRecord], new: [DiffRecord],
                        order: FieldOrder = FieldOrder()) -> DiffSection {
        var oldByKey: [String: DiffRecord] = [:]
        for record in old { oldByKey[record.key] = record }
        var newByKey: [String: DiffRecord] = [:]
        for record in new { newByKey[record.key] = record }
        let keys = ByteOrder.sorted(Set(oldByKey.keys).union(newByKey.keys))
        let items = keys.compactMap { item(old: oldByKey[$0], new: newByKey[$0], order: order) }
        return DiffSection(name: name, singular: singular, items: items)
    }

    /// The item for one pair (either side may be missing), or `nil` when both
    /// sides are present and equal.
    package static func item(old: DiffRecord?, new: DiffRecord?, order: FieldOrder = FieldOrder()) -> DiffItem? {
        switch (old, new) {
        case (nil, nil):
            return nil
        case (let o?, nil):
            let fields = order.sorted(o.fields.keys).map { FieldChange(field: $0, old: o.fields[$0], new: nil) }
            return DiffItem(key: o.key, summary: o.summary, status: .removed, fields: fields)
        case (nil, let n?):
            let fields = order.sorted(n.fields.keys).map { FieldChange(field: $0, old: nil, new: n.fields[$0]) }
            return DiffItem(key: n.key, summary: n.summary, status: .added, fields: fields)
        case (let o?, let n?):
            let names = order.sorted(Set(o.fields.keys).union(n.fields.keys))
            let fields = names.compactMap { name -> FieldChange? in
                o.fields[name] == n.fields[name] ? nil : FieldChange(field: name, old: o.fields[name], new: n.fields[name])
            }
            if fields.isEmpty { return nil }
            return DiffItem(key: n.key, summary: n.summary, status: .changed, fields: fields)
        }
    }
}
