import ArgumentParser
import RelGraph
import RelGraphDrawing

/// `relgraph schema`: print the JSON Schema of the input format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of relgraph's input format.",
        discussion: """
        Editors use it for completion and validation; for YAML files add a first line
          # yaml-language-server: $schema=PATH/TO/relgraph.schema.json
        The same schema is committed as docs/relgraph.schema.json. It checks keys and
        values; references between items are checked by `relgraph validate`.
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the schema to this file instead of standard output.", valueName: "OUT"))
    var output: String?

    func run() throws {
        let bytes = Array(InputSchema.text.utf8)
        if let output {
            try InteropIO.write(bytes, to: output, quiet: false)
        } else {
            Terminal.write(.init(bytes))
        }
    }
}
