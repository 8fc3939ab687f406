/// How one kind, relation type or tag is drawn. Every field is optional: a rule
/// overrides only what it sets.
public struct StyleRule: Hashable, Sendable {
    /// Line or border colour: `#rrggbb`, `#rgb` or an SVG 1.1 colour name.
    public var color: String?
    /// Fill colour of nodes.
    public var fill: String?
    /// Node shape (a Graphviz shape name: box, ellipse, hexagon…).
    public var shape: String?
    /// Line style of edges and node borders.
    public var line: LineStyle?
    /// Font family name.
    public var font: String?
    /// Text colour.
    public var fontColor: String?
    /// Line width in points.
    public var width: Double?
    /// Arrowhead (a Graphviz arrow name: normal, vee, dot, none…).
    public var arrow: String?

    /// Creates a rule.
    public init(color: String? = nil, fill: String? = nil, shape: String? = nil, line: LineStyle? = nil,
                font: String? = nil, fontColor: String? = nil, width: Double? = nil, arrow: String? = nil) {
        self.color = color
        self.fill = fill
        self.shape = shape
        self.line = line
        self.font = font
        self.fontColor = fontColor
        self.width = width
        self.arrow = arrow
    }

    /// This rule with every field that `other` sets taken from `other`.
    public func overridden(by other: StyleRule?) -> StyleRule {
        guard let other else { return self }
        return StyleRule(color: other.color ?? color, fill: other.fill ?? fill, shape: other.shape ?? shape,
                         line: other.line ?? line, font: other.font ?? font, fontColor: other.fontColor ?? fontColor,
                         width: other.width ?? width, arrow: other.arrow ?? arrow)
    }

    /// Whether the rule sets nothing.
    public var isEmpty: Bool { self == StyleRule() }
}

/// The line styles relgraph draws.
public enum LineStyle: String, CaseIterable, Sendable, Hashable {
    case solid, dashed, dotted, bold
}

/// A document's `style:` section: overrides of the default look by kind, relation
/// type and tag, plus whole-diagram settings.
public struct StyleSheet: Hashable, Sendable {
    /// Overrides by entity kind.
    public var kinds: [EntityKind: StyleRule]
    /// Overrides by relation type.
    public var types: [String: StyleRule]
    /// Overrides by tag, applied after kind and type rules (in tag order, sorted).
    public var tags: [String: StyleRule]
    /// Layout direction of the `dot` engine: `TB`, `LR`, `BT` or `RL`.
    public var direction: String?
    /// Font family for the whole diagram.
    public var font: String?

    /// Creates a style sheet.
    public init(kinds: [EntityKind: StyleRule] = [:], types: [String: StyleRule] = [:], tags: [String: StyleRule] = [:],
                direction: String? = nil, font: String? = nil) {
        self.kinds = kinds
        self.types = types
        self.tags = tags
        self.direction = direction
        self.font = font
    }

    /// Whether the sheet overrides nothing.
    public var isEmpty: Bool { self == StyleSheet() }
}
