import Foundation

extension DiffReport {
    /// The report as JSON, for scripts and CI:
    ///
    ///     {
    ///       "differences" : 1,
    ///       "level" : "model",
    ///       "new" : { "kind" : "model", "name" : "graphs/x.yaml" },
    ///       "old" : { "kind" : "model", "name" : "git:HEAD:graphs/x.yaml" },
    ///       "sections" : [
    ///         { "added" : 0, "changed" : 1, "items" : [
    ///             { "fields" : [ { "field" : "confidence", "new" : "reported", "old" : "alleged" } ],
    ///               "key" : "isi sponsors iskp", "status" : "changed", "summary" : "ISI sponsors ISKP (reported)" } ],
    ///           "name" : "relations", "removed" : 0 },
    ///         …
    ///
    /// Every section of the level is present, with its counts; `items` lists only
    /// what differs. A field value is a string (an HTML-like label keeps its
    /// `<` `>`), an array (sets, sorted), or `null` when the field is not set.
    /// Keys are sorted, so the same report always gives the same bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        var data = (try? encoder.encode(JSONReport(self))) ?? Data("{}".utf8)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

private struct JSONReport: Encodable {
    struct Side: Encodable {
        var name: String
        var kind: String
    }

    struct Section: Encodable {
        var name: String
        var added: Int
        var removed: Int
        var changed: Int
        var items: [Item]
    }

    struct Item: Encodable {
        var key: String
        var summary: String
        var status: String
        var fields: [Field]
    }

    struct Field: Encodable {
        var field: String
        var old: DiffValue?
        var new: DiffValue?

        enum CodingKeys: String, CodingKey { case field, old, new }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(field, forKey: .field)
            try c.encode(old, forKey: .old)  // `null` when not set
            try c.encode(new, forKey: .new)
        }
    }

    var old: Side
    var new: Side
    var level: String
    var differences: Int
    var sections: [Section]

    init(_ report: DiffReport) {
        old = Side(name: report.old.name, kind: report.old.kind)
        new = Side(name: report.new.name, kind: report.new.kind)
        level = report.level.rawValue
        differences = report.differenceCount
        sections = report.sections.map { section in
            Section(name: section.name, added: section.count(.added), removed: section.count(.removed),
                    changed: section.count(.changed),
                    items: section.items.map { item in
                        Item(key: item.key, summary: item.summary, status: item.status.rawValue,
                             fields: item.fields.map { Field(field: $0.field, old: $0.old, new: $0.new) })
                    })
        }
    }
}

extension DiffValue: Encodable {
    /// A string, an HTML label as `<…>`, or an array of strings.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .token(let text), .text(let text): try c.encode(text)
        case .html(let text): try c.encode("<\(text)>")
        case .list(let items): try c.encode(items)
        }
    }
}
