/// One STIX object of a bundle, read with positions: its type, id and fields.
struct STIXObject {
    /// `type`, e.g. `intrusion-set`.
    var type: String
    /// `id`, e.g. `intrusion-set--da1065ce-…`.
    var id: String
    /// Fields by name (values keep their positions).
    var fields: [String: SyntaxNode]
    /// Where the object starts.
    var location: SourceLocation
    /// Position of the object in the bundle's `objects`.
    var index: Int

    /// A text field, when present and a string.
    func string(_ key: String) -> String? {
        guard let node = fields[key], case .scalar(let text, .quoted) = node.value else { return nil }
        return text
    }

    /// A non-empty text field with surrounding whitespace removed.
    func text(_ key: String) -> String? {
        guard let text = string(key)?.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }

    /// A list of strings (non-strings are left out).
    func strings(_ key: String) -> [String] {
        guard let node = fields[key], case .sequence(let items) = node.value else { return [] }
        return items.compactMap { if case .scalar(let text, .quoted) = $0.value { return text } else { return nil } }
    }

    /// A number, rounded to a whole one.
    func integer(_ key: String) -> Int? {
        guard let node = fields[key], case .scalar(let text, .plain) = node.value else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, abs(value) < 1e15 { return Int(value.rounded()) }
        return nil
    }

    /// `true` only when the field is the JSON literal `true`.
    func isTrue(_ key: String) -> Bool {
        guard let node = fields[key], case .scalar("true", .plain) = node.value else { return false }
        return true
    }

    /// The members of an object field.
    func object(_ key: String) -> [String: SyntaxNode]? {
        fields[key].flatMap(STIXObject.members)
    }

    /// The objects of a list field.
    func objects(_ key: String) -> [[String: SyntaxNode]] {
        guard let node = fields[key], case .sequence(let items) = node.value else { return [] }
        return items.compactMap(STIXObject.members)
    }

    /// The members of a mapping node by key (the last wins when a key repeats).
    static func members(_ node: SyntaxNode) -> [String: SyntaxNode]? {
        node.members
    }

    /// The text of a string node.
    static func string(_ node: SyntaxNode?) -> String? {
        node?.quotedText
    }

    /// Whether the object is revoked or deprecated (ATT&CK's `x_mitre_deprecated`).
    var isRevoked: Bool { isTrue("revoked") }
    var isDeprecated: Bool { isTrue("x_mitre_deprecated") }

    /// The UUID part of the id (after `--`).
    var uuid: String {
        guard let range = id.range(of: "--") else { return id }
        return String(id[range.upperBound...])
    }
}

/// A STIX bundle read from JSON: its objects (the newest version of each id),
/// with problems that did not stop reading.
struct STIXBundle {
    /// The bundle's id.
    var id: String?
    /// The objects, in bundle order, one per id.
    var objects: [STIXObject]
    /// Warnings: objects without type or id, and the like.
    var diagnostics: [Diagnostic]
    /// How many older versions of an object were left out (same id, older `modified`).
    var olderVersions: Int

    /// Reads a bundle; throws a diagnostic with a position when the bytes are not
    /// JSON or not a STIX bundle.
    static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws(Diagnostic) -> STIXBundle {
        let root: SyntaxNode
        do {
            root = try DocumentReader(limits: limits).read(bytes, format: .json)
        } catch {
            throw error.diagnostic(file: file)
        }
        func notABundle(_ message: String, at location: SourceLocation?) -> Diagnostic {
            Diagnostic(file: file, location: location, severity: .error, code: "not-stix", message: message,
                       hint: "a STIX 2.x bundle is a JSON object {\"type\": \"bundle\", \"id\": \"bundle--…\", \"objects\": [ … ]}")
        }
        guard let top = STIXObject.members(root) else {
            throw notABundle("the file holds \(root.typeDescription), not a STIX bundle", at: root.location)
        }
        guard let typeNode = top["type"] else {
            throw notABundle("the JSON object has no \"type\"; it is not a STIX bundle", at: root.location)
        }
        guard let type = STIXObject.string(typeNode), type == "bundle" else {
            let found = STIXObject.string(typeNode).map { "\"\($0)\"" } ?? typeNode.typeDescription
            let single = STIXObject.string(typeNode) != nil && top["id"] != nil
            throw notABundle("the top-level \"type\" is \(found), not \"bundle\"" + (single ? " (a single STIX object; wrap it in a bundle)" : ""),
                             at: typeNode.location)
        }
        var diagnostics: [Diagnostic] = []
        func warn(_ message: String, at location: SourceLocation) {
            diagnostics.append(Diagnostic(file: file, location: location, severity: .warning, code: "stix-object",
                                          message: message, hint: "the object is skipped"))
        }
        var items: [SyntaxNode] = []
        if let objects = top["objects"] {
            guard case .sequence(let list) = objects.value else {
                throw notABundle("\"objects\" is \(objects.typeDescription), not a list", at: objects.location)
            }
            items = list
        }
        var objects: [STIXObject] = []
        var indexByID: [String: Int] = [:]
        var older = 0
        for (i, node) in items.enumerated() {
            guard let fields = STIXObject.members(node) else {
                warn("object #\(i + 1) is \(node.typeDescription), not a JSON object", at: node.location)
                continue
            }
            guard let type = STIXObject.string(fields["type"]), !type.isEmpty else {
                warn("object #\(i + 1) has no \"type\"", at: node.location)
                continue
            }
            guard let id = STIXObject.string(fields["id"]), id.hasPrefix(type + "--") else {
                warn("object #\(i + 1) (\(type)) has no valid \"id\" (TYPE--UUID)", at: fields["id"]?.location ?? node.location)
                continue
            }
            let object = STIXObject(type: type, id: id, fields: fields, location: node.location, index: i)
            if let previous = indexByID[id] {
                older += 1
                // Keep the newest version (STIX timestamps in one format sort as text).
                if (object.string("modified") ?? "") > (objects[previous].string("modified") ?? "") {
                    objects[previous] = object
                }
                continue
            }
            indexByID[id] = objects.count
            objects.append(object)
        }
        return STIXBundle(id: STIXObject.string(top["id"]), objects: objects, diagnostics: diagnostics, olderVersions: older)
    }
}
