import ArgumentParser
import RelGraph

/// `relgraph types`: the built-in relation types and entity kinds.
struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "List entity kinds and built-in relation types with the kinds each may connect."
    )

    @Option(help: "Also list the types declared by this network file.")
    var file: String?

    func run() throws {
        Terminal.print("Entity kinds:")
        for kind in EntityKind.allCases {
            Terminal.print("  \(kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))\(kind.summary)")
        }
        var types = RelationType.builtIn
        if let file {
            let loaded = NetworkLoader().load(path: file)
            if loaded.isUnreadable {
                loaded.diagnostics.forEach { Terminal.error($0.formatted) }
                throw ExitCode(ExitStatus.noInput)
            }
            types += loaded.network.relationTypes.values.sorted { $0.name < $1.name }
        }
        Terminal.print("\nRelation types (from -> to; <-> is symmetric):")
        for type in types {
            let arrow = type.symmetric ? "<->" : "->"
            let from = type.fromKinds.count == EntityKind.allCases.count ? "any" : type.fromKinds.sorted().map(\.rawValue).joined(separator: ",")
            let to = type.toKinds.count == EntityKind.allCases.count ? "any" : type.toKinds.sorted().map(\.rawValue).joined(separator: ",")
            let origin = type.isBuiltIn ? "" : "  (declared)"
            Terminal.print("  \(type.name.padding(toLength: 16, withPad: " ", startingAt: 0))\(from) \(arrow) \(to)\(origin)")
            Terminal.print("  \(String(repeating: " ", count: 16))\(type.description)")
        }
    }
}
