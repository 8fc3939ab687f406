import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// The `relgraph` command: validate, render and compare relationship networks.
package struct RelGraphCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "relgraph",
        abstract: "Validate, render and compare relationship networks of groups, agencies, states, territories, people and events.",
        discussion: """
        Networks are YAML or JSON files (the format: docs/input-format.md). Exit codes:
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
        run(arguments)
    }

    /// Parses and runs the command line as ``main()`` does, except that a bad
    /// flag value found while the command runs (a ``ValidationError`` thrown by
    /// `run()`, such as `--as-of 2019-13`) ends with the usage of the subcommand
    /// that was run, as errors found while parsing do, not with the top-level usage.
    static func run(_ arguments: [String]) {
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            let type = Swift.type(of: command)
            let name = ([configuration.commandName ?? "relgraph"] + Self.path(to: type)).joined(separator: " ")
            Terminal.error("Error: \(error.message)")
            Terminal.error("Usage: " + usageString(for: type))
            Terminal.error("  See '\(name) --help' for more information.")
            Foundation.exit(ExitStatus.usage)
        } catch {
            exit(withError: error)
        }
    }

    /// The names of the subcommands leading to `type` (`["import", "csv"]`).
    static func path(to type: ParsableCommand.Type) -> [String] {
        func search(_ current: ParsableCommand.Type, _ trail: [String]) -> [String]? {
            if current == type { return trail }
            for sub in current.configuration.subcommands {
                if let found = search(sub, trail + [sub.configuration.commandName ?? "\(sub)".lowercased()]) { return found }
            }
            return nil
        }
        return search(Self.self, []) ?? []
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
