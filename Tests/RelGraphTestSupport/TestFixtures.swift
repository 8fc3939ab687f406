/// Small networks tests write to files, in one place.
public enum TestFixtures {
    /// A valid network of two entities (state `a`, group `b`) and one relation
    /// (`b operates-in a`), titled `title`, with `views` (YAML lines under `views:`,
    /// each indented two spaces) when given.
    public static func twoEntities(title: String = "Small", views: [String] = []) -> String {
        var yaml = """
            title: \(title)
            sources:
              s: {title: A source}
            entities:
              - {id: a, kind: state, name: A}
              - {id: b, kind: group, name: B}
            relations:
              - {from: b, type: operates-in, to: a, sources: [s]}

            """
        if !views.isEmpty { yaml += "views:\n" + views.map { "  " + $0 + "\n" }.joined() }
        return yaml
    }
}
