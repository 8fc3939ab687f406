import Foundation

/// Small networks tests write to files, in one place.
public enum TestFixtures {
    /// The README's "complete small example" (the first YAML block that starts
    /// with `title:`), the network the fault battery of issue 28 uses as `s.yaml`.
    public static let readmeExample: String = {
        let readme = (try? String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        var block: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if block == nil, line == "```yaml" { block = []; continue }
            if let lines = block, line == "```" {
                if lines.first?.hasPrefix("title:") == true { return lines.joined(separator: "\n") + "\n" }
                block = nil
                continue
            }
            block?.append(line)
        }
        return ""
    }()

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
