/// A JSON Schema (draft 2020-12) of relgraph's input format, for editors and
/// other validators.
///
/// It lists every key the decoder accepts (and no other: `additionalProperties:
/// false`), the closed sets (confidence, directions, shapes…) as enums, the
/// built-in kinds and relation types as suggestions beside declared names, and
/// patterns for ids, dates, grades and colours. `relgraph schema` prints it;
/// `docs/relgraph.schema.json` is the same text, kept in sync by a test.
///
/// The schema checks shape and values. What needs the whole document (references
/// to unknown entities, undeclared kinds, kinds a relation type does not allow,
/// duplicates, date order) only `relgraph validate` checks.
public enum InputSchema {
    /// The schema as pretty-printed JSON text, ending with a newline.
    public static var text: String { json.serialized(JSONValue.Format(sortedKeys: false, indent: 2)) }

    /// The ECMA-262 pattern of ids (``IDPolicy``).
    public static let idPattern = "^[A-Za-z0-9_][A-Za-z0-9_.:/@+-]*$"
    /// The pattern of dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public static let datePattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
    /// The pattern of Admiralty grades.
    public static let gradePattern = "^[A-F][1-6]$"

    private static let stringType: JSONValue = .object([("type", "string")])
    private static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }
    private static func text(_ description: String) -> JSONValue {
        .object([("type", "string"), ("description", .string(description))])
    }
    private static func described(_ value: JSONValue, _ description: String) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members.append(("description", .string(description)))
        return .object(members)
    }
    private static func list(_ items: JSONValue, _ description: String) -> JSONValue {
        .object([("type", "array"), ("items", items), ("description", .string(description))])
    }
    private static func record(_ properties: [(String, JSONValue)], required: [String], _ description: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", "object"), ("description", .string(description))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        members.append(("properties", .object(properties)))
        members.append(("additionalProperties", false))
        return .object(members)
    }
    private static func map(of value: JSONValue, keys: JSONValue, _ description: String) -> JSONValue {
        .object([("type", "object"), ("description", .string(description)), ("propertyNames", keys), ("additionalProperties", value)])
    }
    private static func oneOfConsts(_ items: [(String, String)]) -> JSONValue {
        .array(items.map { .object([("const", .string($0.0)), ("description", .string($0.1))]) })
    }
    private static func enumeration(_ values: [String], _ description: String) -> JSONValue {
        .object([("enum", .array(values.map(JSONValue.string))), ("description", .string(description))])
    }

    /// The top-level keys of a document, with their schemas, in the decoder's order.
    static var documentProperties: [(String, JSONValue)] {
        [
            ("title", text("The document's title, shown on diagrams.")),
            ("description", text("What the network shows and where it comes from.")),
            ("sources", map(of: ref("source"), keys: ref("id"), "Documents that claims are taken from, by source id.")),
            ("entity_kinds", map(of: ref("entityKind"),
                                 keys: .object([("$ref", "#/$defs/id"), ("not", .object([("enum", .array(EntityKind.builtIn.map { .string($0.rawValue) }))]))]),
                                 "Entity kinds the document declares beyond the eight built-in ones (built-in names cannot be redeclared).")),
            ("entities", list(ref("entity"), "The nodes: groups, agencies, states, territories, people, events, organizations, publications.")),
            ("relations", list(ref("relation"), "The edges: `from` `type` `to`, with dates, confidence and claims.")),
            ("relation_types", map(of: ref("relationType"),
                                   keys: .object([("$ref", "#/$defs/id"), ("not", .object([("enum", .array(RelationType.builtIn.map { .string($0.name) }))]))]),
                                   "Relation types the document declares (built-in names cannot be redeclared).")),
            ("style", ref("style")),
            ("views", map(of: ref("view"), keys: ref("id"), "Named views: cuts of the network that `relgraph render --view NAME` draws.")),
        ]
    }

    static var sourceProperties: [(String, JSONValue)] {
        [
            ("title", text("Title of the document.")),
            ("author", text("Who wrote it.")),
            ("publisher", text("Who published it.")),
            ("date", described(ref("date"), "When it was published.")),
            ("url", described(ref("url"), "Where it can be read.")),
            ("reliability", enumeration(["A", "B", "C", "D", "E", "F"],
                                        "Admiralty reliability of the source: A completely reliable … E unreliable, F cannot be judged.")),
        ]
    }

    static var entityProperties: [(String, JSONValue)] {
        [
            ("id", described(ref("id"), "Unique slug, e.g. iskp.")),
            ("kind", ref("kind")),
            ("name", text("Display name.")),
            ("aliases", list(stringType, "Other names and spellings.")),
            ("description", text("A sentence or two about the entity.")),
            ("since", described(ref("date"), "When it began (founding, birth, the day of an event).")),
            ("until", described(ref("date"), "When it ended.")),
            ("ended", boolean("Whether it is gone though its end date is unknown (until implies it; default false).")),
            ("within", described(ref("id"), "The id of the territory or state that contains it.")),
            ("tags", list(stringType, "Free labels, for views and styles.")),
            ("url", described(ref("url"), "A link for readers.")),
            ("sources", list(ref("id"), "Ids of sources that document the entity.")),
            ("external_ids", ref("externalIDs")),
        ]
    }

    static var relationProperties: [(String, JSONValue)] {
        [
            ("from", described(ref("id"), "Id of the entity the relation goes from.")),
            ("type", ref("relationTypeName")),
            ("to", described(ref("id"), "Id of the entity the relation goes to.")),
            ("id", described(ref("id"), "Optional id; needed only when two relations share from, type, to and since.")),
            ("since", described(ref("date"), "When it began.")),
            ("until", described(ref("date"), "When it ended.")),
            ("ended", boolean("Whether it is over though its end date is unknown (until implies it; default false).")),
            ("confidence", ref("confidence")),
            ("grade", .object([("type", "string"), ("pattern", .string(gradePattern)),
                               ("description", "Admiralty grade: source reliability A–F, then information credibility 1–6, e.g. B2.")])),
            ("claims", list(ref("claim"), "Who says the relation holds, and who denies it.")),
            ("note", text("A remark by the analyst.")),
            ("tags", list(stringType, "Free labels, for views and styles.")),
            ("sources", list(ref("id"), "Ids of sources that document the relation.")),
            ("external_ids", ref("externalIDs")),
        ]
    }

    static var claimProperties: [(String, JSONValue)] {
        [
            ("source", described(ref("id"), "Id of the source the claim is read in.")),
            ("by", described(ref("id"), "Id of the entity who made the claim, when the source names one.")),
            ("quote", text("The words of the source.")),
            ("date", described(ref("date"), "When the claim was made.")),
            ("stance", enumeration(Stance.allCases.map(\.rawValue), "Whether the claim supports the relation or denies it (default supports).")),
            ("credibility", .object([("type", "integer"), ("minimum", 1), ("maximum", 6),
                                     ("description", "Admiralty credibility of the information: 1 confirmed by other sources … 5 improbable, 6 cannot be judged.")])),
        ]
    }

    static func boolean(_ description: String) -> JSONValue {
        .object([("type", "boolean"), ("description", .string(description))])
    }

    static var relationTypeProperties: [(String, JSONValue)] {
        [
            ("label", text("The words shown on edges (default: the name with hyphens as spaces).")),
            ("description", text("One sentence on what the type means.")),
            ("direction", enumeration(["directed", "symmetric"], "Symmetric types have no direction and no arrowhead (default directed).")),
            ("from", list(ref("kind"), "Kinds allowed at the from end (default: all).")),
            ("to", list(ref("kind"), "Kinds allowed at the to end (default: all).")),
            ("allow_self", .object([("type", "boolean"), ("description", "Whether an entity may have this relation with itself (default false).")])),
            ("family", enumeration(RelationFamily.allCases.map(\.rawValue),
                                   "The family it is drawn as: its colour and arrowhead (default other).")),
        ]
    }

    static var entityKindProperties: [(String, JSONValue)] {
        [
            ("label", text("The words shown in legends (default: the name with hyphens as spaces).")),
            ("description", text("One sentence on what entities of this kind are.")),
            ("shape", enumeration(StylePolicy.shapes, "Node shape (default: one no built-in kind uses).")),
            ("color", described(ref("color"), "Border colour, on a neutral fill (default: a palette no built-in kind uses).")),
        ]
    }

    static var viewProperties: [(String, JSONValue)] {
        [
            ("title", text("Title shown on the diagram.")),
            ("description", text("What the view shows, in a sentence.")),
            ("focus", list(ref("id"), "Entity ids at the centre of the view.")),
            ("depth", .object([("type", "integer"), ("minimum", 0), ("maximum", 100), ("description", "Relation steps to keep around the focus (default 1).")])),
            ("direction", enumeration(ViewDefinition.Direction.allCases.map(\.rawValue), "Follow relations out of, into, or both ways from the focus (default both).")),
            ("as_of", described(ref("date"), "Only what was alive on this date.")),
            ("between", .object([("type", "array"), ("items", ref("date")), ("minItems", 2), ("maxItems", 2),
                                 ("description", "Only what was alive at some time in this window: [FROM, TO].")])),
            ("kinds", list(ref("kind"), "Only these kinds.")),
            ("exclude_kinds", list(ref("kind"), "Never these kinds.")),
            ("types", list(ref("relationTypeName"), "Only these relation types.")),
            ("exclude_types", list(ref("relationTypeName"), "Never these relation types.")),
            ("tags", list(stringType, "Only entities and relations carrying one of these tags.")),
            ("exclude_tags", list(stringType, "Never entities or relations carrying these tags.")),
            ("min_confidence", described(ref("confidence"), "Hide relations below this confidence.")),
            ("cluster", enumeration(ViewDefinition.Clustering.allCases.map(\.rawValue), "Group entities into nested clusters by `within`.")),
            ("known_as_of", described(ref("date"), "Only claims made by this date (claim date, else source date) and the relations they support.")),
            ("dated_only", boolean("Leave out relations and entities that have no dates (default false).")),
            ("page", .object([("type", "string"),
                              ("description", "The page the view is drawn for: a4 (16 x 24 cm text area), letter (6.5 x 9 in), or WIDTHxHEIGHT with cm, mm, in or pt.")])),
        ]
    }

    static var styleProperties: [(String, JSONValue)] {
        [
            ("kinds", .object([("type", "object"), ("description", "Overrides by entity kind."), ("propertyNames", ref("kind")),
                               ("additionalProperties", ref("styleRule"))])),
            ("types", map(of: ref("styleRule"), keys: ref("relationTypeName"), "Overrides by relation type.")),
            ("tags", .object([("type", "object"), ("description", "Overrides by tag, applied after kind and type rules."),
                              ("additionalProperties", ref("styleRule"))])),
            ("direction", enumeration(["TB", "LR", "BT", "RL"], "Layout direction of the dot engine.")),
            ("font", ref("font")),
        ]
    }

    static var styleRuleProperties: [(String, JSONValue)] {
        [
            ("color", described(ref("color"), "Line or border colour.")),
            ("fill", described(ref("color"), "Fill colour of nodes.")),
            ("shape", enumeration(StylePolicy.shapes, "Node shape.")),
            ("line", enumeration(LineStyle.allCases.map(\.rawValue), "Line style of edges and node borders.")),
            ("font", ref("font")),
            ("font_color", described(ref("color"), "Text colour.")),
            ("width", .object([("type", "number"), ("minimum", .double(0.1)), ("maximum", 20), ("description", "Line width in points.")])),
            ("arrow", enumeration(StylePolicy.arrows, "Arrowhead.")),
        ]
    }

    /// The schema.
    public static var json: JSONValue {
        let kinds = EntityKind.builtIn.map { ($0.rawValue, $0.summary ?? "") }
        let confidence: [(String, String)] = [
            ("confirmed", "Established: public record, acknowledged by the parties, corroborated."),
            ("reported", "Reported as fact by the source (the default)."),
            ("alleged", "Asserted without corroboration."),
            ("disputed", "Asserted by one side and denied by another."),
        ]
        let defs: [(String, JSONValue)] = [
            ("id", .object([("type", "string"), ("pattern", .string(idPattern)), ("minLength", 1), ("maxLength", .int(IDPolicy.maxLength)),
                            ("description", "A slug: letters, digits and - _ . : / @ +, starting with a letter, digit or _.")])),
            ("date", .object([("anyOf", .array([
                .object([("type", "string"), ("pattern", .string(datePattern))]),
                .object([("type", "integer"), ("minimum", 1000), ("maximum", 9999)]),
            ])), ("description", "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD (quote it in YAML).")])),
            ("url", .object([("type", "string"), ("minLength", 1), ("description", "An http, https or mailto URL, or a relative link.")])),
            ("kind", .object([
                ("anyOf", .array([.object([("oneOf", oneOfConsts(kinds))]), ref("id")])),
                ("description", "What the entity is: a built-in kind, or one declared under entity_kinds."),
            ])),
            ("confidence", .object([("oneOf", oneOfConsts(confidence)), ("description", "How well established the relation is (default reported).")])),
            ("relationTypeName", .object([
                ("anyOf", .array([.object([("enum", .array(RelationType.builtIn.map { .string($0.name) }))]), ref("id")])),
                ("description", "A built-in relation type (`relgraph types` lists them) or one declared under relation_types."),
            ])),
            ("externalIDs", record([
                ("stix", text("The STIX id, e.g. intrusion-set--…, kept so a later import can be matched.")),
                ("csv", text("The id in a spreadsheet the item was imported from.")),
                ("other", text("An id in another system.")),
            ], required: [], "Ids in other systems.")),
            ("color", .object([("anyOf", .array([
                .object([("type", "string"), ("pattern", "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]),
                .object([("enum", .array(StylePolicy.svgColorNames.sorted().map(JSONValue.string)))]),
            ])), ("description", "#rgb, #rrggbb or an SVG 1.1 colour name (lowercase).")])),
            ("font", .object([("type", "string"), ("pattern", "^[A-Za-z0-9 ,_-]{1,100}$"), ("description", "A font family name, e.g. DejaVu Sans.")])),
            ("source", record(sourceProperties, required: ["title"], "A document: an article, a report, a transcript.")),
            ("entity", record(entityProperties, required: ["id", "kind", "name"], "A node of the network.")),
            ("relation", record(relationProperties, required: ["from", "type", "to"], "An edge of the network.")),
            ("claim", record(claimProperties, required: ["source"], "Who said that a relation holds (or, with stance: denies, that it does not).")),
            ("entityKind", record(entityKindProperties, required: [], "An entity kind declared by the document.")),
            ("relationType", record(relationTypeProperties, required: [], "A relation type declared by the document.")),
            ("style", record(styleProperties, required: [], "Overrides of the default look.")),
            ("styleRule", record(styleRuleProperties, required: [], "How one kind, type or tag is drawn; every field is optional.")),
            ("view", record(viewProperties, required: [], "A cut of the network.")),
        ]
        var properties: [(String, JSONValue)] = [("$schema", text("The schema this file follows (ignored by relgraph)."))]
        properties += documentProperties
        return .object([
            ("$schema", "https://json-schema.org/draft/2020-12/schema"),
            ("title", "relgraph network"),
            ("description", "A relationship network for relgraph: sources, entities, relations, relation types, style and views. Generated by `relgraph schema`; see docs/interop.md."),
            ("type", "object"),
            ("required", ["entities"]),
            ("properties", .object(properties)),
            ("additionalProperties", false),
            ("$defs", .object(defs)),
        ])
    }
}
