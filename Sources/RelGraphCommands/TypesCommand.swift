import ArgumentParser
import RelGraph
import RelGraphDrawing

/// `relgraph types`: the entity kinds and relation types, built-in and (with
/// `--file`) declared by a network.
struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "List entity kinds and built-in relation types with the kinds each may connect."
    )

    @Option(help: "Also list the kinds and types declared by this network file.")
    var file: String?

    func run() throws {
        var network: Network?
        if let file {
            let loaded = NetworkLoader().load(path: file)
            if loaded.isUnreadable {
                loaded.diagnostics.forEach { Terminal.error($0.formatted) }
                throw ExitCode(ExitStatus.noInput)
            }
            network = loaded.network
        }
        Terminal.print("Entity kinds:")
        let kinds = network?.kinds ?? EntityKind.builtIn
        let width = max(14, (kinds.map(\.rawValue.count).max() ?? 0) + 2)
        for kind in kinds {
            let about = network?.entityKinds[kind].map { "\($0.description)  (declared)" } ?? kind.summary ?? ""
            Terminal.print("  \(kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))\(about)")
        }
        var types = RelationType.builtIn
        types += network?.relationTypes.values.sorted { $0.name < $1.name } ?? []
        Terminal.print("\nRelation types (from -> to; <-> is symmetric):")
        for type in types {
            let arrow = type.symmetric ? "<->" : "->"
            let from = type.fromKinds.names(separator: ","), to = type.toKinds.names(separator: ",")
            let origin = type.isBuiltIn ? "" : "  (declared)"
            Terminal.print("  \(type.name.padding(toLength: 16, withPad: " ", startingAt: 0))\(from) \(arrow) \(to)\(origin)")
            Terminal.print("  \(String(repeating: " ", count: 16))\(type.description)")
        }
    }
}
