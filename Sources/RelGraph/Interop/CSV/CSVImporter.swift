/// One CSV table to import: its name (for diagnostics) and bytes.
public struct CSVInput: Sendable {
    /// The file as the user named it.
    public var file: String
    /// Its bytes.
    public var bytes: [UInt8]

    /// Creates an input.
    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }
}

/// The outcome of a CSV import: the network and every problem, each at its file,
/// line and column, with the column's name in the message.
public struct CSVImportResult: Sendable {
    /// The network; complete only when there are no errors.
    public var network: Network
    /// Errors and warnings, by file and position.
    public var diagnostics: [Diagnostic]
    /// Rows read per table (entities, relations, sources, relation types).
    public var rows: [String: Int]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}

/// Builds a network from CSV tables whose header names the columns after the
/// YAML keys.
///
/// - entities: `id, kind, name, aliases, description, since, until, ended, within, tags,
///   url, sources, external_ids.stix, external_ids.csv, external_ids.other`
/// - relations: `from, type, to, id, since, until, ended, confidence, grade, note, tags,
///   sources, claim.source, claim.by, claim.quote, claim.date, claim.stance,
///   claim.credibility, external_ids.*`;
///   a row that repeats an earlier relation (same id, or same from, type, to and
///   since) with nothing else different adds its claim to that relation.
/// - sources: `id, title, author, publisher, date, url, reliability`
/// - relation types: `name, label, description, direction, from, to, allow_self`
///
/// List cells (aliases, tags, sources, from, to) separate items with `;` (write
/// `\;` for a semicolon inside an item). Empty cells are absent values. Rows are
/// decoded and checked by the same code as YAML files, so every problem is
/// reported, each at its cell.
public struct CSVImporter: Sendable {
    /// The tables' roles, in the order their diagnostics are sorted.
    public enum Table: String, CaseIterable, Sendable {
        case entities, relations, sources
        case relationTypes = "relation types"
    }

    /// The columns each table accepts, in order.
    public static let columns: [Table: [String]] = [
        .entities: ["id", "kind", "name", "aliases", "description", "since", "until", "ended", "within", "tags", "url", "sources",
                    "external_ids.stix", "external_ids.csv", "external_ids.other"],
        .relations: ["from", "type", "to", "id", "since", "until", "ended", "confidence", "grade", "note", "tags", "sources",
                     "claim.source", "claim.by", "claim.quote", "claim.date", "claim.stance", "claim.credibility",
                     "external_ids.stix", "external_ids.csv", "external_ids.other"],
        .sources: ["id", "title", "author", "publisher", "date", "url", "reliability"],
        .relationTypes: ["name", "label", "description", "direction", "from", "to", "allow_self"],
    ]
    /// Columns that must be present.
    public static let requiredColumns: [Table: [String]] = [
        .entities: ["id", "kind", "name"], .relations: ["from", "type", "to"], .sources: ["id", "title"], .relationTypes: ["name"],
    ]

    /// The network's title.
    public var title: String?
    /// Limits on each file.
    public var limits: ReadLimits

    /// Creates an importer.
    public init(title: String? = nil, limits: ReadLimits = .default) {
        self.title = title
        self.limits = limits
    }

    /// Imports the tables; only `entities` is required.
    public func importTables(entities: CSVInput, relations: CSVInput? = nil, sources: CSVInput? = nil,
                             relationTypes: CSVInput? = nil) -> CSVImportResult {
        var run = CSVImportRun(title: title, limits: limits)
        return run.run([(.entities, entities), (.relations, relations), (.sources, sources), (.relationTypes, relationTypes)])
    }
}

/// Positions of several files in one decoding pass: file number `n` has its lines
/// shifted by `n × stride`, and a row's own position has column 0, so that every
/// diagnostic can be traced back to its file, cell and column name.
private struct LocationSpace {
    static let stride = 100_000_000
    var files: [String] = []
    var columnNames: [SourceLocation: String] = [:]

    func encode(_ location: SourceLocation, file: Int) -> SourceLocation {
        SourceLocation(line: file * Self.stride + location.line, column: location.column)
    }

    func decode(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let location = diagnostic.location else { return diagnostic }
        var result = diagnostic
        let file = location.line / Self.stride
        result.file = files.indices.contains(file) ? files[file] : diagnostic.file
        let line = location.line % Self.stride
        result.location = line == 0 ? nil : SourceLocation(line: line, column: max(1, location.column))
        if let column = columnNames[location] {
            // The decoder names the key itself ("since: '2019-13' is not…"): say the column once.
            var message = diagnostic.message
            if message.hasPrefix(column + ": ") { message.removeFirst(column.count + 2) }
            result.message = "column \(column): " + message
        }
        return result
    }
}

private struct CSVImportRun {
    let title: String?
    let limits: ReadLimits
    var space = LocationSpace()
    var diagnostics: [Diagnostic] = []
    var rows: [String: Int] = [:]

    init(title: String?, limits: ReadLimits) {
        self.title = title
        self.limits = limits
    }

    static func key(_ text: String, at location: SourceLocation) -> SyntaxNode { SyntaxNode(.scalar(text, .quoted), at: location) }

    mutating func run(_ tables: [(CSVImporter.Table, CSVInput?)]) -> CSVImportResult {
        var sections: [CSVImporter.Table: [(row: SyntaxNode, cells: [String: SyntaxNode])]] = [:]
        for (table, input) in tables {
            guard let input else { continue }
            let index = space.files.count
            space.files.append(input.file)
            guard let rows = read(table, input, fileIndex: index) else { continue }
            sections[table] = rows
            self.rows[table.rawValue] = rows.count
        }
        if diagnostics.contains(where: \.isError) {
            return CSVImportResult(network: Network(), diagnostics: Diagnostic.sortedByPosition(diagnostics), rows: rows)
        }

        // One relgraph document from all tables, decoded and checked like a YAML file.
        let origin = SourceLocation(line: 0, column: 0)
        var top: [SyntaxPair] = []
        if let title = title ?? space.files.first.map({ "Network from \($0.split(separator: "/").last.map(String.init) ?? $0)" }) {
            top.append(SyntaxPair(key: Self.key("title", at: origin), value: SyntaxNode(.scalar(title, .quoted), at: origin)))
        }
        for (table, key, idColumn) in [(CSVImporter.Table.sources, "sources", "id"), (.relationTypes, "relation_types", "name")] {
            guard let rows = sections[table] else { continue }
            var pairs: [SyntaxPair] = []
            for (row, cells) in rows {
                guard let idNode = cells[idColumn], case .scalar = idNode.value else { continue }
                let fields = cells.filter { $0.key != idColumn }
                let mapping = SyntaxNode(.mapping(orderedPairs(fields, table: table)), at: row.location)
                pairs.append(SyntaxPair(key: idNode, value: mapping))
            }
            top.append(SyntaxPair(key: Self.key(key, at: origin), value: SyntaxNode(.mapping(pairs), at: origin)))
        }
        let entities = (sections[.entities] ?? []).map { SyntaxNode(.mapping(orderedPairs($0.cells, table: .entities)), at: $0.row.location) }
        top.append(SyntaxPair(key: Self.key("entities", at: origin), value: SyntaxNode(.sequence(entities), at: origin)))
        if let relations = sections[.relations] {
            top.append(SyntaxPair(key: Self.key("relations", at: origin), value: SyntaxNode(.sequence(mergedRelations(relations)), at: origin)))
        }

        let context = DecodingContext(file: space.files.first ?? "-")
        let (network, map) = NetworkDecoder(context: context).decode(SyntaxNode(.mapping(top), at: origin))
        NetworkValidator(network: network, map: map, context: context).validate()
        diagnostics += context.diagnostics.map(space.decode)
        return CSVImportResult(network: network, diagnostics: Diagnostic.sortedByPosition(diagnostics), rows: rows)
    }

    /// The pairs of a row in the column order of its table.
    func orderedPairs(_ cells: [String: SyntaxNode], table: CSVImporter.Table) -> [SyntaxPair] {
        var pairs: [SyntaxPair] = []
        var externalIDs: [SyntaxPair] = []
        var claim: [SyntaxPair] = []
        for column in CSVImporter.columns[table]! {
            guard let value = cells[column] else { continue }
            if column.hasPrefix("external_ids.") {
                externalIDs.append(SyntaxPair(key: Self.key(String(column.dropFirst("external_ids.".count)), at: value.location), value: value))
            } else if column.hasPrefix("claim.") {
                claim.append(SyntaxPair(key: Self.key(String(column.dropFirst("claim.".count)), at: value.location), value: value))
            } else {
                pairs.append(SyntaxPair(key: Self.key(column, at: value.location), value: value))
            }
        }
        if let first = externalIDs.first {
            pairs.append(SyntaxPair(key: Self.key("external_ids", at: first.key.location), value: SyntaxNode(.mapping(externalIDs), at: first.key.location)))
        }
        if let first = claim.first {
            let claimNode = SyntaxNode(.mapping(claim), at: first.key.location)
            pairs.append(SyntaxPair(key: Self.key("claims", at: first.key.location), value: SyntaxNode(.sequence([claimNode]), at: first.key.location)))
        }
        return pairs
    }

    /// Relation rows, with rows that only add a claim to an earlier relation merged into it.
    func mergedRelations(_ rows: [(row: SyntaxNode, cells: [String: SyntaxNode])]) -> [SyntaxNode] {
        func text(_ node: SyntaxNode?) -> String {
            switch node?.value {
            case .scalar(let text, _): return text
            case .sequence(let items): return items.map { text($0) }.joined(separator: "\u{1}")
            default: return ""
            }
        }
        var merged: [(row: SyntaxNode, cells: [String: SyntaxNode], claims: [SyntaxNode])] = []
        var byKey: [String: Int] = [:]
        for (row, cells) in rows {
            let key = ["id", "from", "type", "to", "since"].map { text(cells[$0]) }.joined(separator: "\u{2}")
            let claimCells = cells.filter { $0.key.hasPrefix("claim.") }
            if let index = byKey[key] {
                let earlier = merged[index].cells
                let onlyClaim = cells.allSatisfy { column, value in
                    column.hasPrefix("claim.") || ["id", "from", "type", "to", "since"].contains(column) || text(earlier[column]) == text(value)
                }
                if onlyClaim, !claimCells.isEmpty {
                    merged[index].claims.append(claimNode(claimCells))
                    continue
                }
            } else {
                byKey[key] = merged.count
            }
            merged.append((row, cells.filter { !$0.key.hasPrefix("claim.") }, claimCells.isEmpty ? [] : [claimNode(claimCells)]))
        }
        return merged.map { item in
            var pairs = orderedPairs(item.cells, table: .relations)
            if let first = item.claims.first {
                let insertAt = pairs.firstIndex { $0.keyText == "note" } ?? pairs.count
                pairs.insert(SyntaxPair(key: Self.key("claims", at: first.location), value: SyntaxNode(.sequence(item.claims), at: first.location)), at: insertAt)
            }
            return SyntaxNode(.mapping(pairs), at: item.row.location)
        }
    }

    func claimNode(_ cells: [String: SyntaxNode]) -> SyntaxNode {
        let pairs = CSVImporter.columns[.relations]!.filter { $0.hasPrefix("claim.") }.compactMap { column -> SyntaxPair? in
            guard let value = cells[column] else { return nil }
            return SyntaxPair(key: Self.key(String(column.dropFirst("claim.".count)), at: value.location), value: value)
        }
        return SyntaxNode(.mapping(pairs), at: pairs.first?.value.location ?? .start)
    }

    /// Reads one table into rows of cells (as syntax nodes at their encoded
    /// positions); reports header problems and unreadable files.
    mutating func read(_ table: CSVImporter.Table, _ input: CSVInput, fileIndex: Int) -> [(row: SyntaxNode, cells: [String: SyntaxNode])]? {
        func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
            diagnostics.append(Diagnostic(file: input.file, location: location, severity: .error, code: code, message: message, hint: hint))
        }
        let csv: CSVTable
        do {
            csv = try CSVReader(limits: limits).read(input.bytes)
        } catch {
            diagnostics.append(error.diagnostic(file: input.file))
            return nil
        }
        guard let header = csv.records.first else {
            error(.emptyDocument, "the file is empty; the \(table.rawValue) table needs a header line", at: .start,
                  hint: "start with the column names: \(CSVImporter.requiredColumns[table]!.joined(separator: ","))")
            return nil
        }
        let allowed = CSVImporter.columns[table]!
        var columns: [String?] = []
        var seen: [String: SourceLocation] = [:]
        var headerOK = true
        for field in header {
            let name = field.text.trimmingWhitespace
            if let first = seen[name] {
                error(.duplicateKey, "column \(name): appears twice in the header", at: field.location,
                      hint: "the first is at column \(first.column); keep one")
                headerOK = false
                columns.append(nil)
                continue
            }
            guard allowed.contains(name) else {
                var hint = Suggestions.didYouMean(name, in: allowed) ?? ""
                hint += (hint.isEmpty ? "" : " ") + "Columns of the \(table.rawValue) table: \(allowed.joined(separator: ", "))"
                error(.unknownKey, "column \(name.isEmpty ? "#\(columns.count + 1)" : name): unknown column", at: field.location, hint: hint)
                headerOK = false
                columns.append(nil)
                continue
            }
            seen[name] = field.location
            columns.append(name)
        }
        for required in CSVImporter.requiredColumns[table]! where seen[required] == nil {
            error(.missingKey, "the \(table.rawValue) table has no '\(required)' column", at: header.first?.location ?? .start,
                  hint: "add it to the header: \(CSVImporter.requiredColumns[table]!.joined(separator: ","))")
            headerOK = false
        }
        guard headerOK else { return nil }

        let required = Set(CSVImporter.requiredColumns[table]!)
        var rows: [(row: SyntaxNode, cells: [String: SyntaxNode])] = []
        for record in csv.records.dropFirst() {
            if record.count > columns.count {
                let extra = record[columns.count]
                error(.badValue, "row has \(record.count) fields but the header has \(columns.count) columns", at: extra.location,
                      hint: "quote fields that contain commas: \"a, b\"")
                continue
            }
            var cells: [String: SyntaxNode] = [:]
            for (field, column) in zip(record, columns) {
                guard let column else { continue }
                let location = space.encode(field.location, file: fileIndex)
                space.columnNames[location] = column
                let text = field.text.trimmingWhitespace
                if text.isEmpty {
                    // Required cells stay, as null, so the decoder says which one is empty.
                    if required.contains(column) { cells[column] = SyntaxNode(.scalar("", .plain), at: location) }
                    continue
                }
                let isList = ["aliases", "tags", "sources"].contains(column) || (table == .relationTypes && ["from", "to"].contains(column))
                cells[column] = isList ? SyntaxNode(.sequence(Self.splitList(text).map { SyntaxNode(.scalar($0, .quoted), at: location) }), at: location)
                    : SyntaxNode(.scalar(text, .quoted), at: location)
            }
            for column in required where cells[column] == nil {
                // A short row: the missing cell is reported at the row's last field.
                let location = space.encode(record.last?.location ?? .start, file: fileIndex)
                cells[column] = SyntaxNode(.scalar("", .plain), at: SourceLocation(line: location.line, column: 0))
            }
            let rowLocation = space.encode(SourceLocation(line: record.first?.location.line ?? 1, column: 0), file: fileIndex)
            rows.append((SyntaxNode(.mapping([]), at: rowLocation), cells))
        }
        return rows
    }

    /// `a; b;c` → [a, b, c]; `\;` is a semicolon inside an item, `\\` a backslash.
    static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ";" {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        items.append(current)
        return items.map(\.trimmingWhitespace).filter { !$0.isEmpty }
    }
}
