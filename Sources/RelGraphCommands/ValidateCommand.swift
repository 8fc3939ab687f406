import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing

/// `relgraph validate FILE...`: report every problem of every file.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check networks and report every problem with its file, line and column.",
        discussion: """
        All problems of all files are reported in one run, sorted by position, as
          FILE:LINE:COLUMN: error|warning: [code] message
            hint: how to fix it
        Exit status: 0 when no file has errors (warnings allowed), 65 when a file has
        errors, 66 when a file is missing or unreadable, 64 on bad usage.
        """
    )

    @Argument(help: "Network files (.yaml, .yml, .json); '-' reads standard input.")
    var files: [String]

    @Option(help: "Output format: text, or json for editors and CI.")
    var format: DiagnosticsFormat = .text

    @Flag(help: "Treat warnings as errors (exit 65 when there are warnings).")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print errors only, and no summary.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one network file") }
    }

    func run() throws {
        let loader = NetworkLoader()
        let results = files.map { loader.load(path: $0) }
        var diagnostics = results.flatMap(\.diagnostics)
        if quiet { diagnostics = diagnostics.filter(\.isError) }
        switch format {
        case .json:
            Terminal.print(try DiagnosticsReport(results: results, diagnostics: diagnostics).json())
        case .text:
            for diagnostic in diagnostics { Terminal.print(diagnostic.formatted) }
            if !quiet {
                for result in results { Terminal.print(summary(result)) }
            }
        }
        if results.contains(where: \.isUnreadable) { throw ExitCode(ExitStatus.noInput) }
        if results.contains(where: { $0.hasErrors || (strict && !$0.warnings.isEmpty) }) { throw ExitCode(ExitStatus.dataError) }
    }

    private func summary(_ result: LoadedNetwork) -> String {
        if result.isUnreadable { return "\(result.file): not read" }
        let counts = "\(result.network.entities.count) entities, \(result.network.relations.count) relations"
        let errors = result.errors.count, warnings = result.warnings.count
        if errors > 0 {
            return "\(result.file): invalid: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        }
        return "\(result.file): valid (\(counts)\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))"
    }
}

/// How diagnostics are printed.
enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The JSON form of `validate --format json`.
struct DiagnosticsReport: Encodable {
    struct FileSummary: Encodable {
        var file: String
        var valid: Bool
        var entities: Int
        var relations: Int
        var errors: Int
        var warnings: Int
    }
    var files: [FileSummary]
    var diagnostics: [Diagnostic]

    init(results: [LoadedNetwork], diagnostics: [Diagnostic]) {
        files = results.map {
            FileSummary(file: $0.file, valid: !$0.hasErrors, entities: $0.network.entities.count,
                        relations: $0.network.relations.count, errors: $0.errors.count, warnings: $0.warnings.count)
        }
        self.diagnostics = diagnostics
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
