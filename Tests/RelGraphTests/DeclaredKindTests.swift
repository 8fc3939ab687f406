import Testing
@testable import RelGraph

/// A network that declares two kinds and uses them everywhere a kind can appear.
let declaredKindsYAML = """
title: Declared kinds
sources:
  r: {title: A report}
entity_kinds:
  software: {label: malware and tools, description: Code used in attacks.}
  infrastructure: {shape: cylinder, color: teal}
relation_types:
  deploys: {from: [group], to: [software, infrastructure]}
entities:
  - {id: g, kind: group, name: A Group}
  - {id: rat, kind: software, name: A RAT}
  - {id: c2, kind: infrastructure, name: A Server}
  - {id: p, kind: person, name: A Person}
relations:
  - {from: g, type: deploys, to: rat, sources: [r]}
  - {from: g, type: deploys, to: c2, sources: [r]}
  - {from: rat, type: related-to, to: c2, sources: [r]}
  - {from: p, type: leads, to: g, sources: [r]}
style:
  kinds: {software: {fill: "#eeeeee"}}
views:
  tools: {kinds: [group, software]}
  no-servers: {exclude_kinds: [infrastructure]}
"""

@Suite("Declared entity kinds")
struct DeclaredKindTests {
    @Test("a document declares kinds under entity_kinds: and uses them in entities, relation types, styles and views")
    func declareAndUse() throws {
        let loaded = load(declaredKindsYAML)
        #expect(loaded.diagnostics.map(\.formatted) == [])
        let network = loaded.network
        let software = EntityKind("software"), infrastructure = EntityKind("infrastructure")
        #expect(network.entityKinds[software] == DeclaredKind(kind: software, label: "malware and tools", description: "Code used in attacks."))
        #expect(network.entityKinds[infrastructure] == DeclaredKind(kind: infrastructure, shape: "cylinder", color: "teal"))
        #expect(network.entityKinds[infrastructure]?.label == "infrastructure")
        #expect(network.entityKinds[infrastructure]?.description == DeclaredKind.defaultDescription)
        #expect(network.entities.map(\.kind) == [.group, software, infrastructure, .person])
        #expect(network.relationTypes["deploys"]?.toKinds == [software, infrastructure])
        #expect(network.style.kinds[software]?.fill == "#eeeeee")
        #expect(network.views["tools"]?.kinds == [.group, software])
        #expect(network.views["no-servers"]?.excludeKinds == [infrastructure])
        // The writer writes them back, before the relation types that use them.
        let yaml = try NetworkYAMLWriter().string(for: network)
        #expect(yaml.contains("entity_kinds:\n  infrastructure:\n    shape: cylinder\n    color: teal\n  software:\n"))
        #expect(load(yaml).network == network)
    }

    @Test("kinds sort built-in first, in their order, then declared ones by name")
    func canonicalOrder() {
        let network = load(declaredKindsYAML).network
        #expect(network.kinds.map(\.rawValue) == ["group", "agency", "state", "territory", "person", "event", "organization",
                                                   "publication", "infrastructure", "software"])
        #expect([EntityKind("software"), .publication, EntityKind("apps"), .group].sorted().map(\.rawValue) == ["group", "publication", "apps", "software"])
        #expect(EntityKind.group.isBuiltIn && !EntityKind("software").isBuiltIn)
    }

    @Test("an undeclared kind is an error at its position, with the closest declared or built-in kind")
    func undeclared() throws {
        let yaml = declaredKindsYAML.replacingOccurrences(of: "{id: rat, kind: software,", with: "{id: rat, kind: softwre,")
        let loaded = load(yaml)
        let error = try #require(loaded.diagnostics.first { $0.code == .unknownKind })
        #expect(error.formatted.hasPrefix("test.yaml:11:21: error: [unknown-kind] unknown entity kind 'softwre'\n  hint: did you mean 'software'?"))
        #expect(error.hint?.contains("Kinds: group, agency, state, territory, person, event, organization, publication, infrastructure, software") == true)
        // Without the declaration, using the kind is an error wherever it is named.
        let undeclared = """
            entities:
              - {id: rat, kind: software, name: A RAT}
            relation_types:
              deploys: {from: [group], to: [software]}
            style:
              kinds: {software: {fill: "#eeeeee"}}
            views:
              tools: {kinds: [software]}
            """
        #expect(codes(undeclared) == ["unknown-kind@2:21", "unknown-kind@4:33", "unknown-kind@6:11", "unknown-kind@8:19"])
        #expect(load(undeclared).diagnostics.first?.hint?.hasSuffix("declare others under `entity_kinds:`") == true)
    }

    @Test("a declaration is checked: no built-in or repeated name, a slug, known keys, shape and colour")
    func badDeclarations() {
        #expect(codes("entity_kinds:\n  group: {}\nentities: []\n") == ["redefined-type@2:3"])
        #expect(codes("entity_kinds:\n  a b: {}\nentities: []\n") == ["bad-id@2:3"])
        #expect(codes("entity_kinds:\n  sw: {shape: blob}\nentities: []\n") == ["bad-value@2:15"])
        #expect(codes("entity_kinds:\n  sw: {color: nope}\nentities: []\n") == ["bad-value@2:15"])
        #expect(codes("entity_kinds:\n  sw: {colour: red}\nentities: []\n") == ["unknown-key@2:8"])
        #expect(codes("entity_kinds:\n  sw: Software\nentities: []\n") == ["wrong-type@2:7"])
        #expect(codes("entity_kinds: [sw]\nentities: []\n") == ["wrong-type@1:15"])
        #expect(codes("{\"entity_kinds\": {\"sw\": {}, \"sw\": {}}, \"entities\": []}", file: "t.json").first == "duplicate-key@1:29")
    }

    @Test("built-in relation types keep their kinds; related-to (and the target of targeted) accept any kind")
    func endpointRules() {
        let base = declaredKindsYAML.replacingOccurrences(of: "  - {from: p, type: leads, to: g, sources: [r]}\n", with: "")
            .replacingOccurrences(of: "  - {id: p, kind: person, name: A Person}\n", with: "")
        #expect(codes(base).isEmpty)
        let sponsors = load(base.replacingOccurrences(of: "{from: rat, type: related-to, to: c2,", with: "{from: g, type: sponsors, to: rat,"))
        #expect(sponsors.diagnostics.map(\.code) == [.kindNotAllowed])
        #expect(sponsors.diagnostics.first?.hint == "'sponsors' goes to: group, person, event, organization; to join other kinds use `related-to`, or declare a relation type of your own under `relation_types:`")
        let targeted = load(base.replacingOccurrences(of: "{from: rat, type: related-to, to: c2,", with: "{from: g, type: targeted, to: c2,"))
        #expect(targeted.diagnostics.map(\.formatted) == [])
        #expect(RelationType.builtInByName["related-to"]?.fromKinds == .any)
        #expect(RelationType.builtInByName["related-to"]?.toKinds.contains(EntityKind("anything")) == true)
    }

    @Test("views keep and leave out declared kinds; a kind the network does not have is an error with a suggestion")
    func views() throws {
        let network = load(declaredKindsYAML).network
        let tools = try network.applying(network.view(named: "tools"))
        #expect(tools.network.entities.map(\.id) == ["g", "rat"])
        let noServers = try network.applying(network.view(named: "no-servers"))
        #expect(!noServers.network.entities.contains { $0.id == "c2" })
        #expect(throws: ViewError.unknownKinds(["softwre"], suggestions: ["softwre": "software"], known: network.kinds.map(\.rawValue))) {
            try network.applying(ViewDefinition(kinds: [EntityKind("softwre")]))
        }
        #expect(ViewError.unknownKinds(["x"], suggestions: [:], known: ["group"]).description == "unknown entity kind 'x'; kinds: group")
    }

    @Test("stats count declared kinds after the built-in ones")
    func stats() {
        let stats = NetworkStats(load(declaredKindsYAML).network)
        #expect(stats.kinds.map(\.name) == ["group", "person", "infrastructure", "software"])
    }

    @Test("diff reports declared kinds added, removed and changed")
    func diff() {
        let old = load(declaredKindsYAML).network
        var new = old
        new.entityKinds[EntityKind("software")]?.description = "Code used in intrusions."
        new.entityKinds[EntityKind("infrastructure")]?.color = nil
        let report = NetworkDiff.compare(old, new)
        let text = report.text()
        #expect(text.contains("Entity kinds: 2 changed\n  ~ infrastructure  “infrastructure”\n      color: teal -> (none)\n  ~ software  “malware and tools”\n      description: \"Code used in attacks.\" -> \"Code used in intrusions.\""))
    }

    @Test("GraphML carries the declared kind's name")
    func graphML() {
        let xml = GraphMLWriter().string(for: load(declaredKindsYAML).network)
        #expect(xml.contains("<node id=\"rat\">\n      <data key=\"n.label\">A RAT</data>\n      <data key=\"n.kind\">software</data>"))
    }
}

@Suite("The look of declared kinds")
struct DeclaredKindLookTests {
    @Test("each declared kind gets a shape and colours no built-in kind has, the same whatever the file's order")
    func defaults() {
        let network = load(declaredKindsYAML).network
        let builtInShapes = Set(Theme.shapes.values), builtInFills = Set(Theme.light.kinds.values.compactMap(\.fill))
        let software = Theme.light.kindStyle(EntityKind("software"), in: network)
        #expect(software.shape == Theme.declaredShapes[1])  // second by name, after infrastructure
        #expect(software.fill == Theme.light.declaredKindStyles[1].fill)
        #expect(!builtInShapes.contains(software.shape!) && !builtInFills.contains(software.fill!))
        for theme in [Theme.light, Theme.dark] {
            let fills = theme.declaredKindStyles.compactMap(\.fill)
            #expect(Set(fills).count == fills.count && Set(fills).isDisjoint(with: theme.kinds.values.compactMap(\.fill)))
            #expect(theme.declaredKindStyles.count == Theme.dark.declaredKindStyles.count)
        }
        #expect(Set(Theme.declaredShapes).count == Theme.declaredShapes.count && Set(Theme.declaredShapes).isDisjoint(with: builtInShapes))
        // Declared in the other order: the same look.
        let reordered = load(declaredKindsYAML.replacingOccurrences(
            of: "  software: {label: malware and tools, description: Code used in attacks.}\n  infrastructure: {shape: cylinder, color: teal}",
            with: "  infrastructure: {shape: cylinder, color: teal}\n  software: {label: malware and tools, description: Code used in attacks.}")).network
        #expect(Theme.light.kindStyle(EntityKind("software"), in: reordered) == software)
        // A theme resolved for the network gives the same looks by lookup.
        let resolved = Theme.light.withDeclaredKinds(of: network)
        for kind in network.kinds { #expect(resolved.kindStyle(kind, in: network) == Theme.light.kindStyle(kind, in: network)) }
        #expect(resolved.kinds[EntityKind("software")] == software)
        // Built-in kinds are unchanged.
        #expect(Theme.light.kindStyle(.group, in: network).shape == "hexagon")
        #expect(Theme.light.kindStyle(.group, in: network).fill == Theme.light.kinds[.group]!.fill)
    }

    @Test("a declaration's shape and colour replace the defaults: the colour is the border, on a neutral fill")
    func declaredLook() {
        let network = load(declaredKindsYAML).network
        for theme in [Theme.light, Theme.dark] {
            let style = theme.kindStyle(EntityKind("infrastructure"), in: network)
            #expect(style.shape == "cylinder")
            #expect(style.color == "teal")
            #expect(style.fill == theme.clusterFill && style.fontColor == theme.text)
        }
    }

    @Test("nodes, legend and classes use the declared kind")
    func diagram() throws {
        let network = load(declaredKindsYAML).network
        var options = DiagramOptions()
        options.legend = true
        let diagram = DiagramBuilder(options: options).build(try network.applying(ViewDefinition()), full: network)
        let rat = try #require(diagram.nodes.first { $0.id == "rat" })
        #expect(rat.style.fill == "#eeeeee")  // the document's style: over the default
        #expect(rat.style.shape == Theme.declaredShapes[1])
        #expect(rat.classes.contains("kind-software"))
        #expect(rat.title.hasPrefix("A RAT (software"))
        let legend = try #require(diagram.legend)
        #expect(legend.kinds.map(\.kind.rawValue) == ["group", "person", "infrastructure", "software"])
        #expect(legend.label(of: EntityKind("software")) == "malware and tools")
        #expect(legend.label(of: .group) == "group")
        #expect(diagram.summary.hasPrefix("A network of 4 entities (1 group, 1 person, infrastructure: 1, malware and tools: 1)"))
    }
}
