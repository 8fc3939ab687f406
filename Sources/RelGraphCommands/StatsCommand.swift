import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing

/// `relgraph stats FILE`: counts, most connected entities, components, isolated entities, unclaimed relations.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count a network (or a view of it): kinds, types, confidence, most connected entities, components, isolated entities, relations without claims, denied relations.",
        discussion: """
        --view NAME and the view flags (--focus, --as-of, ...) cut the network first,
        as for render. --format json prints the same figures for scripts:
        {"file", "title", "view", "stats": {"entities", "relations", "kinds",
        "types", "confidences", "mostConnected", "components", "isolated",
        "withoutClaims", "denied"}}.
        Exit status: 0 ok, 64 bad usage, 65 invalid input, 66 unreadable input.
        """
    )

    @Argument(help: "The network file (.yaml, .yml, .json); '-' reads standard input.")
    var input: String

    @Option(help: "Output format: text or json.")
    var format: DiagnosticsFormat = .text

    @OptionGroup(title: "View")
    var viewOptions: ViewOptions

    @Flag(name: .shortAndLong, help: "Print no warnings (errors still go to standard error).")
    var quiet = false

    func run() throws {
        let network = try NetworkInput.load(input, quiet: quiet).network
        let view = try viewOptions.resolve(in: network)
        let result: ViewResult
        do {
            result = try network.applying(view)
        } catch {
            throw ValidationError(error.description)
        }
        if !quiet { result.notes.forEach { Terminal.error("relgraph: warning: \($0)") } }
        let stats = NetworkStats(result.network)
        let title = view.title ?? network.title
        switch format {
        case .text:
            Terminal.write(Data(stats.text(title: title.map { "\($0) (\(input))" } ?? input, viewSummary: result.summary).utf8))
        case .json:
            let report = StatsReport(file: input, title: title, view: result.summary.isEmpty ? nil : result.summary, stats: stats)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.write(try encoder.encode(report) + Data("\n".utf8))
        }
    }
}

/// The JSON form of `stats --format json`.
struct StatsReport: Encodable {
    var file: String
    var title: String?
    var view: String?
    var stats: NetworkStats
}
