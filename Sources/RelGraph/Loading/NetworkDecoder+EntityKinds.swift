/// Declared entity kinds (`entity_kinds:`) and every place a document names a kind.
extension NetworkDecoder {
    static let entityKindKeys = ["label", "description", "shape", "color"]

    /// Reads `entity_kinds:`, a mapping from kind name to `{label, description,
    /// shape, color}`, into the network, and tells the context which kinds the
    /// rest of the document may use.
    func decodeEntityKinds(_ node: SyntaxNode, into network: inout Network, map: inout SourceMap) {
        guard case .mapping(let pairs) = node.value else {
            context.error(.wrongType, "'entity_kinds' must be a mapping from kind name to its definition, found \(node.typeDescription)",
                          at: node.location, hint: "entity_kinds:\n    software: {label: Software, description: Malware and tools}")
            return
        }
        for pair in pairs {
            guard let name = context.string(pair.key, "an entity kind name") else { continue }
            let kind = EntityKind(name)
            if network.entityKinds[kind] != nil {
                context.error(.duplicateKey, "entity kind '\(name)' is declared twice", at: pair.key.location)
                continue
            }
            if kind.isBuiltIn {
                context.error(.redefinedType, "entity kind '\(name)' is built in and cannot be redeclared", at: pair.key.location,
                              hint: "use the built-in '\(name)' as it is, or give your kind another name")
                continue
            }
            guard checkID(name, "entity kind name", at: pair.key.location) else { continue }
            guard let fields = context.mapping(pair.value, what: "entity kind '\(name)'", allowedKeys: Self.entityKindKeys,
                                              keyHint: "a kind is `{label: Software, description: ..., shape: tab, color: teal}` (each optional)")
            else { continue }
            var declared = DeclaredKind(kind: kind)
            if let label = text(fields["label"], "label") { declared.label = label }
            if let description = text(fields["description"], "description") { declared.description = description }
            if let n = fields["shape"], let shape = context.string(n, "shape") {
                if StylePolicy.shapes.contains(shape) {
                    declared.shape = shape
                } else {
                    context.error(.badValue, "unknown shape '\(shape)'", at: n.location,
                                  hint: (Suggestions.didYouMean(shape, in: StylePolicy.shapes).map { $0 + " " } ?? "")
                                    + "Shapes: \(StylePolicy.shapes.joined(separator: ", "))")
                }
            }
            declared.color = color(fields["color"], "color")
            var locations = fields.itemLocations
            locations.start = pair.key.location
            map.entityKinds[kind] = locations
            network.entityKinds[kind] = declared
        }
        context.declaredKinds = Set(network.entityKinds.keys)
        context.kindNames = network.kinds.map(\.rawValue)
    }

    /// The kind `node` names, when it is built in or declared; otherwise reports it
    /// (with the closest known kind) and returns `nil`. `what` says where the kind
    /// is written (`kind` for an entity's own).
    func kind(_ node: SyntaxNode?, _ what: String) -> EntityKind? {
        guard let node, let text = context.string(node, what) else { return nil }
        let kind = EntityKind(text)
        if kind.isBuiltIn || context.declaredKinds.contains(kind) { return kind }
        let names = context.kindNames
        var hint = Suggestions.didYouMean(text, in: names) ?? ""
        let listed = names.count > 30 ? names.prefix(30).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
        hint += (hint.isEmpty ? "" : " ") + "Kinds: \(listed); declare others under `entity_kinds:`"
        let message = what == "kind" ? "unknown entity kind '\(text)'" : "unknown entity kind '\(text)' in \(what)"
        context.error(.unknownKind, message, at: node.location, hint: hint)
        return nil
    }
}
