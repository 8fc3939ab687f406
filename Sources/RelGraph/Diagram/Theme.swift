/// The default look of a diagram: a shape and colours for each entity kind, a
/// colour and arrowhead for each relation family (``RelationFamily``), a line
/// style for each confidence.
///
/// Two palettes, light and dark, share shapes and line styles; every colour is an
/// SVG 1.1 `#rrggbb` value (no `transparent`), so PDF and office converters draw
/// them as browsers do.
public struct Theme: Sendable, Hashable {
    /// The palette's name: `light` or `dark`.
    public var name: String
    /// Page background.
    public var background: String
    /// Main text colour (titles, legend).
    public var text: String
    /// Secondary text (dates under names, edge labels).
    public var mutedText: String
    /// Cluster border and fill.
    public var clusterBorder: String
    public var clusterFill: String
    /// Per-kind node style of the eight built-in kinds (and of a network's declared
    /// kinds, in a theme from ``withDeclaredKinds(of:)``).
    public var kinds: [EntityKind: StyleRule]
    /// Node styles for declared kinds, in hues no built-in kind uses: the document's
    /// declared kinds, sorted by name, take them in turn (see ``kindStyle(_:in:)``).
    public var declaredKindStyles: [StyleRule]
    /// The colour of each relation family's lines (``RelationFamily``): at most
    /// eight kinds of line a reader tells apart on paper (Okabe and Ito's
    /// colour-blind-safe hues, darkened for thin lines on a light page).
    public var familyColors: [RelationFamily: String]

    /// Font stack: measured with DejaVu Sans (installed with Graphviz on Debian); the
    /// fallbacks have similar widths (Bitstream Vera lineage), so labels fit their boxes.
    public static let fontStack = "DejaVu Sans,Verdana,Bitstream Vera Sans,sans-serif"

    /// Node shape per kind (both palettes).
    public static let shapes: [EntityKind: String] = [
        .group: "hexagon", .agency: "octagon", .state: "box", .territory: "ellipse",
        .person: "box", .event: "box", .organization: "component", .publication: "note",
    ]

    /// Shapes for declared kinds, none of them a built-in kind's, taken in turn
    /// like ``declaredKindStyles``.
    public static let declaredShapes = ["folder", "tab", "box3d", "cylinder", "house", "parallelogram"]

    /// Arrowhead per built-in type: filled for support, hollow for structure,
    /// dots for events, none for symmetric types.
    public static let arrows: [String: String] = [
        "affiliate-of": "onormal", "splinter-of": "onormal", "merged-into": "onormal", "part-of": "onormal",
        "member-of": "onormal", "citizen-of": "onormal", "leads": "normal",
        "sponsors": "normal", "supports": "normal", "funds": "normal", "trains": "normal", "harbors": "normal",
        "controls": "normal",
        "operates-in": "vee", "based-in": "vee", "occurred-in": "vee", "born-in": "vee", "recruits-from": "vee",
        "claimed": "dot", "perpetrated": "dot", "participated-in": "odot", "targeted": "tee",
        "published-by": "empty", "allied-with": "none", "rival-of": "none", "related-to": "none",
    ]

    /// The light palette (default).
    public static let light = Theme(
        name: "light",
        background: "#ffffff", text: "#1b1f24", mutedText: "#57606a",
        clusterBorder: "#b8c2cc", clusterFill: "#f6f8fa",
        kinds: [
            .group: StyleRule(color: "#a93226", fill: "#fbe4e2", fontColor: "#4a0e0a"),
            .agency: StyleRule(color: "#1f4e89", fill: "#e1ebf7", fontColor: "#0b2545"),
            .state: StyleRule(color: "#3d4a5c", fill: "#eceff3", fontColor: "#1b2430"),
            .territory: StyleRule(color: "#3b7d3a", fill: "#e3f1df", fontColor: "#173a16"),
            .person: StyleRule(color: "#a66a00", fill: "#fdf0d5", fontColor: "#4a3000"),
            .event: StyleRule(color: "#6c3483", fill: "#f1e4f5", fontColor: "#36104a"),
            .organization: StyleRule(color: "#117a65", fill: "#dff3ee", fontColor: "#063b30"),
            .publication: StyleRule(color: "#7b5e3b", fill: "#f3ece2", fontColor: "#3b2a14"),
        ],
        declaredKindStyles: [
            StyleRule(color: "#0e7490", fill: "#dcf1f7", fontColor: "#053542"),
            StyleRule(color: "#6b7a1a", fill: "#eef2d8", fontColor: "#2f3607"),
            StyleRule(color: "#4338a0", fill: "#e7e5f8", fontColor: "#1c1650"),
            StyleRule(color: "#a0306e", fill: "#f9e1ee", fontColor: "#4d0f31"),
            StyleRule(color: "#c2571a", fill: "#fde8da", fontColor: "#5a2406"),
            StyleRule(color: "#5f6368", fill: "#efefef", fontColor: "#25272a"),
        ],
        familyColors: [
            .backing: "#c8510a", .alliance: "#00866a", .hostility: "#1b1f24", .structure: "#0066a8",
            .place: "#a97400", .event: "#b04a8d", .other: "#7f8c8d",
        ]
    )

    /// The dark palette: the same hues, lighter lines on dark fills.
    public static let dark = Theme(
        name: "dark",
        background: "#0d1117", text: "#e6edf3", mutedText: "#9da7b3",
        clusterBorder: "#3d444d", clusterFill: "#161b22",
        kinds: [
            .group: StyleRule(color: "#f1948a", fill: "#4a1c19", fontColor: "#fde2df"),
            .agency: StyleRule(color: "#85b4ec", fill: "#15294a", fontColor: "#dbe9fb"),
            .state: StyleRule(color: "#aab7c8", fill: "#262d38", fontColor: "#e4e9ef"),
            .territory: StyleRule(color: "#8fd18c", fill: "#173319", fontColor: "#dcf3d9"),
            .person: StyleRule(color: "#f0b849", fill: "#3d2c07", fontColor: "#fcefd2"),
            .event: StyleRule(color: "#c39bd3", fill: "#33183f", fontColor: "#f2e3f8"),
            .organization: StyleRule(color: "#6fd3bd", fill: "#0f3a31", fontColor: "#d8f5ee"),
            .publication: StyleRule(color: "#d2b48c", fill: "#3a2d1c", fontColor: "#f3ebe0"),
        ],
        declaredKindStyles: [
            StyleRule(color: "#6cc9e0", fill: "#0b3440", fontColor: "#d9f2f8"),
            StyleRule(color: "#c5d36a", fill: "#2c330c", fontColor: "#eef3d2"),
            StyleRule(color: "#a99ff0", fill: "#241f55", fontColor: "#e6e3fb"),
            StyleRule(color: "#f28dc0", fill: "#45142f", fontColor: "#fbe0ee"),
            StyleRule(color: "#f5a46e", fill: "#4a230b", fontColor: "#fde6d6"),
            StyleRule(color: "#b8bcc2", fill: "#2a2c30", fontColor: "#eceef0"),
        ],
        familyColors: [
            .backing: "#f5793a", .alliance: "#35c49a", .hostility: "#e6edf3", .structure: "#5aa9e6",
            .place: "#f0b94a", .event: "#e39ac3", .other: "#9da7b3",
        ]
    )

    /// The theme named `name`, if any.
    public static func named(_ name: String) -> Theme? {
        switch name {
        case "light": .light
        case "dark": .dark
        default: nil
        }
    }

    /// The colour of a relation family's lines.
    public func color(for family: RelationFamily) -> String {
        familyColors[family] ?? mutedText
    }

    /// The colour of a former relation's line: its family's colour faded halfway
    /// to the page, lighter on paper and in greyscale.
    public func formerColor(for family: RelationFamily) -> String {
        Self.mix(color(for: family), background, 0.55)
    }

    /// `a` moved `fraction` of the way to `b` (both `#rrggbb`).
    static func mix(_ a: String, _ b: String, _ fraction: Double) -> String {
        func rgb(_ hex: String) -> [Double] {
            let digits = Array(hex.dropFirst())
            guard digits.count == 6 else { return [0, 0, 0] }
            return stride(from: 0, to: 6, by: 2).map { Double(Int(String(digits[$0..<$0 + 2]), radix: 16) ?? 0) }
        }
        let (x, y) = (rgb(a), rgb(b))
        return "#" + zip(x, y).map { pair -> String in
            let v = Int((pair.0 + (pair.1 - pair.0) * fraction).rounded())
            let hex = String(v, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// FNV-1a: stable across processes (Swift's own hashing is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The default look of `kind` in `network`, shape included (before the
    /// document's `style:`). A built-in kind has its own; a declared kind takes
    /// the n-th of ``declaredKindStyles`` and ``declaredShapes`` (cycling), n its
    /// place among the network's declared kinds sorted by name, so the look does
    /// not depend on the order of the file. A declaration's `shape` replaces the
    /// shape; its `color` becomes the border on a neutral fill with the theme's text
    /// colour. A kind the network does not declare (a network built in code) is
    /// placed by a stable hash of its name.
    ///
    /// Finding n takes time in the number of declared kinds: to style many
    /// entities, resolve the theme once with ``withDeclaredKinds(of:)``.
    public func kindStyle(_ kind: EntityKind, in network: Network) -> StyleRule {
        if var rule = kinds[kind] {
            if rule.shape == nil { rule.shape = Self.shapes[kind] }
            return rule
        }
        let declaration = network.entityKinds[kind]
        let index = declaration != nil
            ? network.entityKinds.keys.lazy.filter { !$0.isBuiltIn && $0 < kind }.count
            : Int(Self.stableHash(kind.rawValue) % UInt64(declaredKindStyles.count))
        return declaredStyle(index: index, declaration: declaration)
    }

    /// This theme with the look of every kind `network` declares in ``kinds``
    /// (shapes included), so that ``kindStyle(_:in:)`` is a lookup.
    public func withDeclaredKinds(of network: Network) -> Theme {
        var theme = self
        for (index, kind) in network.entityKinds.keys.filter({ !$0.isBuiltIn }).sorted().enumerated() {
            theme.kinds[kind] = declaredStyle(index: index, declaration: network.entityKinds[kind])
        }
        return theme
    }

    /// The n-th declared look, with what the declaration sets over it.
    private func declaredStyle(index: Int, declaration: DeclaredKind?) -> StyleRule {
        var rule = declaredKindStyles[index % declaredKindStyles.count]
        rule.shape = declaration?.shape ?? Self.declaredShapes[index % Self.declaredShapes.count]
        if let color = declaration?.color {
            rule.color = color
            rule.fill = clusterFill
            rule.fontColor = text
        }
        return rule
    }
}
