import ArgumentParser
import Foundation
import RelGraph
import RelGraphviz

/// The `relgraph` command: validate, render and compare relationship networks.
package struct RelGraphCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "relgraph",
        abstract: "Validate, render and compare relationship networks of groups, agencies, states, territories, people and events.",
        discussion: """
        Networks are YAML or JSON files (see the README for the format). Exit codes:
          0   success (validate: no errors; diff: no differences)
          1   diff: differences found; render --check: outputs are stale
          2   diff: trouble (unreadable input, bad DOT)
          64  bad usage (unknown option, missing argument)
          65  invalid input data (the diagnostics say what and where)
          66  an input file is missing or unreadable
          70  Graphviz failed to lay out or render
          73  an output file could not be written
        """,
        version: RelGraphInfo.version,
        subcommands: [
            ValidateCommand.self, RenderCommand.self, ReportCommand.self, TimelineCommand.self, StatsCommand.self, DiffCommand.self,
            TypesCommand.self, ImportCommand.self, ExportCommand.self, SchemaCommand.self, GenerateCommand.self,
            MeasureCommand.self, ServeCommand.self,
        ]
    )

    package init() {}

    /// Runs the command line: `relgraph --version --verbose` prints the version
    /// with the Graphviz relgraph runs with (and was built against) and whether
    /// its Graphviz plugins are on; everything else is ``main()``.
    package static func start(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        // Interrupted, relgraph removes its temporary files; past `ulimit -f` a
        // write fails with "file too large" (exit 73) instead of SIGXFSZ killing it.
        SignalCleanup.install()
        if Set(arguments) == ["--version", "--verbose"] {
            print("relgraph \(RelGraphInfo.version)")
            do {
                for line in try GraphvizContext.shared.runtimeReport().lines { print(line) }
            } catch {
                Terminal.error("\(error)")
                Foundation.exit(ExitStatus.software)
            }
            Foundation.exit(ExitStatus.ok)
        }
        main(arguments)
    }
}

/// Exit statuses, following BSD sysexits where one fits.
enum ExitStatus {
    static let ok: Int32 = 0
    static let differences: Int32 = 1
    static let trouble: Int32 = 2
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let software: Int32 = 70
}
