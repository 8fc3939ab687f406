/// One line per pair of entities: every relation between the same two entities
/// is drawn as one line.
///
/// Rules (documented in docs/render.md, "The look"):
/// - The line's label stacks the relations' labels ("sponsors · funds · trains").
///   When relations run both ways, each direction gets its own label line, led by
///   the name of the entity it starts from ("Pakistan: sponsors · harbors",
///   "ISKP: targeted"), and the line has an arrowhead at both ends.
/// - **Never overstated:** the line is drawn in the style of its *weakest*
///   relation (a confirmed and an alleged relation make a dotted line); the
///   tooltip lists every relation with its own confidence, dates and claims, and
///   the title names each with its confidence.
/// - The colour is the relations' type colour when they share it, else a neutral
///   one; the arrowhead is theirs when they share it, else a plain one.
/// - Classes name every type and every confidence (`type-sponsors type-funds
///   confidence-alleged confidence-reported`), plus `merged`.
enum MergedRelations {
    /// Longest line of a stacked label, in characters.
    static let labelWidth = 30

    /// `edges` (one per relation, in canonical order) with the edges of each
    /// pair of entities merged into one, at the place of the pair's first edge.
    static func merge(_ edges: [Diagram.Edge], names: [String: String], neutralColor: String) -> [Diagram.Edge] {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, edge) in edges.enumerated() {
            let pair = pairKey(edge.from, edge.to)
            if groups[pair] == nil { order.append(pair) }
            groups[pair, default: []].append(index)
        }
        return order.map { pair in
            let members = groups[pair]!.map { edges[$0] }
            return members.count == 1 ? members[0] : merged(members, names: names, neutralColor: neutralColor)
        }
    }

    /// The unordered pair `a`–`b` as one key (NUL never occurs in ids).
    static func pairKey(_ a: String, _ b: String) -> String {
        a.utf8.lexicographicallyPrecedes(b.utf8) ? a + "\u{0}" + b : b + "\u{0}" + a
    }

    /// Labels joined by " · " into lines of at most ``labelWidth`` characters, the
    /// first led by `lead`; a label is never split unless it alone is too long.
    static func stack(_ labels: [String], lead: String = "") -> [String] {
        var lines: [String] = []
        var current = lead
        var currentHasLabel = false
        for label in labels {
            let piece = currentHasLabel ? " · " + label : label
            if currentHasLabel && current.count + piece.count > labelWidth {
                lines.append(current)
                current = label
            } else {
                current += piece
            }
            currentHasLabel = true
        }
        if currentHasLabel || !current.isEmpty { lines.append(current) }
        // One label is kept whole up to 12 characters over the width ("sponsors, undated, claimed 2022").
        return lines.flatMap { $0.count > labelWidth + 12 ? LabelText.wrap($0, width: labelWidth) : [$0] }
    }

    /// A merged line's short label: its types, each once ("sponsors · funds ·
    /// trains · harbors · allied with", wrapped; an undated one with when it was
    /// claimed in a time view), and who says so when one
    /// claimant backs them all ("per Ehsanullah Ehsan").
    static func keyLabel(_ members: [Diagram.Edge], attribution: String?) -> String {
        var seen = Set<String>()
        // An undated member keeps "undated, claimed 2022": on paper that is all there is of when.
        let types = members.map { member in
            member.undated && member.relations.count == 1
                ? member.label.split(separator: "\n").joined(separator: " ") : FoldedLeaves.typeLabel(member)
        }.filter { seen.insert($0).inserted }
        var lines = stack(types)
        if let attribution { lines += LabelText.wrap("per " + attribution, width: labelWidth) }
        return lines.joined(separator: "\n")
    }

    /// The classes of `lines` but `relation` (types, confidences, states such as
    /// `ended` or `denied`), each once, in order of first use; tags last, sorted.
    static func unionOfClasses(_ lines: [Diagram.Edge]) -> [String] {
        var seen: Set<String> = ["relation", "merged", "folded"]
        var classes: [String] = []
        var tags: [String] = []
        for line in lines {
            for cls in line.classes where seen.insert(cls).inserted {
                if cls.hasPrefix("tag-") { tags.append(cls) } else { classes.append(cls) }
            }
        }
        return classes + tags.sorted()
    }

    /// One line for `members` (two or more edges between the same two entities).
    static func merged(_ members: [Diagram.Edge], names: [String: String], neutralColor: String) -> Diagram.Edge {
        // The line points the way most relations go (ties: the first relation's way);
        // symmetric relations go either way and count for neither.
        let first = members[0]
        let directed = members.filter { !$0.symmetric }
        let along = directed.filter { $0.from == first.from }.count
        let against = directed.count - along
        let (tail, head) = against > along ? (first.to, first.from) : (first.from, first.to)
        let forward = members.filter { $0.symmetric || $0.from == tail }
        let backward = members.filter { !$0.symmetric && $0.from != tail }

        func labels(_ edges: [Diagram.Edge]) -> [String] {
            var seen = Set<String>()
            return edges.map(\.label).filter { seen.insert($0).inserted }
        }
        var label: String
        if backward.isEmpty {
            label = stack(labels(forward)).joined(separator: "\n")
        } else {
            func name(_ id: String) -> String { LabelText.truncate(LabelText.clean(names[id] ?? id), to: 24) }
            label = (stack(labels(forward), lead: "\(name(tail)): ") + stack(labels(backward), lead: "\(name(head)): "))
                .joined(separator: "\n")
        }

        let weakest = members.min { $0.confidence < $1.confidence }!
        let attribution = Set(members.map(\.attribution)).count == 1 ? first.attribution : nil
        let colors = Set(members.map(\.color))
        let forwardArrows = Set(forward.filter { !$0.symmetric }.map(\.arrow))
        let backwardArrows = Set(backward.map(\.arrow))
        let classes = unionOfClasses(members)
        let refs = members.flatMap(\.relations)
        return Diagram.Edge(
            key: members.map(\.key).joined(separator: " + "),
            from: tail, to: head, type: first.type, label: label,
            confidence: weakest.confidence,
            color: colors.count == 1 ? first.color : neutralColor,
            line: weakest.line, doubleLine: weakest.doubleLine, width: weakest.width,
            arrow: forwardArrows.isEmpty ? "none" : (forwardArrows.count == 1 ? forwardArrows.first! : "normal"),
            arrowTail: backward.isEmpty ? nil : (backwardArrows.count == 1 ? backwardArrows.first! : "normal"),
            symmetric: directed.isEmpty,
            font: first.font,
            title: members.map(\.title).joined(separator: "; "),
            tooltip: members.map(\.tooltip).joined(separator: "\n\n"),
            classes: ["relation", "merged"] + classes,
            relations: refs,
            family: Set(members.map(\.family)).count == 1 ? first.family : nil,
            former: members.allSatisfy(\.former), undated: members.allSatisfy(\.undated),
            attribution: attribution, keyLabel: keyLabel(members, attribution: attribution))
    }
}
