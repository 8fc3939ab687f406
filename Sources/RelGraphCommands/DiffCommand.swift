import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `relgraph diff OLD NEW`: what changed between two versions of a network, as
/// a report or as an overlay diagram.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of a network (or two DOT graphs), as text, JSON or a diagram.",
        discussion: """
        OLD and NEW are each a network (.yaml, .yml, .json), a DOT file (.dot, .gv, or DOT \
        content), git:REV:PATH (the file as of a git revision, PATH from the repository's top \
        directory, e.g. git:HEAD~1:graphs/iskp-isi-nexus.yaml), or '-' (standard input).

        Two networks are compared as networks: entities by id, relations by key, sources, \
        relation types, views, title and style. If either side is DOT, both are compared as \
        graphs: nodes by name with their effective attributes, edges by tail, head and key, \
        subgraphs and graph attributes (a network is drawn as `render --format dot` draws it). \
        Statement order and formatting never count.

        --format text (default) or json, or a diagram of both versions: svg, png, pdf \
        (added green and thick, removed red and dashed, changed orange and doubled with \
        what changed written on it, unchanged thin and grey). Two networks are drawn in \
        the layout of the old version's drawing (as `render OLD` draws it, or \
        --layout-from's): entities stay where the reader saw them, new ones go next to \
        their neighbours. DOT inputs, and --format dot, give an overlay laid out afresh. \
        Without --format, -o's extension decides (.json, .svg, .dot, .gv, .png, .pdf; else text).

        Exit status, as diff(1): 0 no differences (nothing is printed), 1 differences, \
        2 trouble (unreadable or invalid input, bad DOT, git failure, cannot write), \
        64 bad usage. With -o the file is written even when there are no differences, \
        and standard error says so: "wrote d.svg (3 differences)". In a `set -e` \
        script, accept 1: `relgraph diff A B -o d.svg || [ $? -eq 1 ]`.
        """
    )

    @Argument(help: "The old version: a network, a DOT file, git:REV:PATH or '-'.")
    var old: String

    @Argument(help: "The new version: a network, a DOT file, git:REV:PATH or '-'.")
    var new: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report or diagram to this file (atomically); '-' is standard output.", valueName: "FILE"))
    var output: String?

    @Option(help: "text, json, or an overlay diagram: svg, dot, png, pdf.")
    var format: DiffFormat?

    @Option(help: ArgumentHelp("Diagram only the changes and their neighbours up to N relation steps away.", valueName: "N"))
    var context: Int?

    @Option(help: EngineArgument.help("Layout engine: of the overlay of DOT inputs (default dot), and of the old network when it is drawn (default: as render chooses)", allowed: EngineSetting.drawingEngines.map { .engine($0) }))
    var engine: String?

    @Option(name: .customLong("layout-from"), help: ArgumentHelp("Draw two networks' differences in the layout of this drawing (an SVG relgraph wrote, or git:REV:PATH) instead of the old version drawn as `render` draws it.", valueName: "OLD.svg"))
    var layoutFrom: String?

    @Flag(name: .customLong("no-legend"), help: "Draw networks without their legend before comparing them with DOT (match DOT written by `render --no-legend`).")
    var noLegend = false

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input ('-')") }
        if let context, context < 0 { throw ValidationError("--context must be 0 or more, not \(context)") }
        if context != nil && !resolvedFormat.isDiagram {
            throw ValidationError("--context shapes the diagram: use it with --format svg, dot, png or pdf")
        }
        if layoutFrom != nil && ![.svg, .png, .pdf].contains(resolvedFormat) {
            throw ValidationError("--layout-from draws the differences: use it with --format svg, png or pdf")
        }
        if let format, let output, output != "-", let named = DiffFormat.fromExtension(of: output), named != format {
            throw ValidationError("-o \(output) has the extension of \(named.rawValue), but --format is \(format.rawValue)")
        }
        if let engine { _ = try EngineArgument.setting(engine, allowed: EngineSetting.drawingEngines.map { .engine($0) }) }
    }

    /// --format, else -o's extension, else text.
    var resolvedFormat: DiffFormat {
        if let format { return format }
        if let output, output != "-" { return DiffFormat.fromExtension(of: output) ?? .text }
        return .text
    }

    func run() throws {
        // Files compared are inputs: neither may be the output.
        for side in [old, new] where !side.hasPrefix("git:") { OutputFolder.protectInput(side) }
        let comparison: FileComparison
        do {
            comparison = try FileComparison(old: old, new: new, options: diagramOptions)
        } catch let problem as FileComparison.Problem {
            Terminal.error(problem.description)
            throw ExitCode(ExitStatus.trouble)
        }
        comparison.warnings.forEach { Terminal.error("relgraph: graphviz: \($0)") }
        let report = comparison.report
        let data: Data
        switch resolvedFormat {
        case .text:
            data = Data(report.text().utf8)
        case .json:
            data = report.json()
        case .svg, .png, .pdf where comparison.networks != nil:
            // Two networks: the differences drawn in the old version's layout.
            let (oldNetwork, newNetwork) = comparison.networks!
            var previous: PreviousDrawing?
            if let layoutFrom {
                do {
                    previous = try EarlierDrawing.read(layoutFrom)
                } catch {
                    throw ExitCode(ExitStatus.trouble)
                }
            }
            do {
                var options = RenderOptions()
                options.format = resolvedFormat.renderFormat!
                // The old network drawn as `render OLD` draws it: its engine chosen the
                // same way, unless --engine names one.
                options.use((engine.flatMap(EngineSetting.init(name:)) ?? .auto)
                    .choice(nodes: oldNetwork.entities.count, edges: oldNetwork.relations.count))
                options.diagram.legend = !noLegend
                options.svg.idPrefix = "rg-diff"
                let rendered = try DifferenceDrawing().render(old: oldNetwork, new: newNetwork, report: report, context: context,
                                                              previous: previous, options: options)
                rendered.warnings.forEach { Terminal.error("relgraph: graphviz: \($0)") }
                data = rendered.data
            } catch {
                Terminal.error("relgraph: error: drawing the differences as \(resolvedFormat.rawValue) failed: \(error)")
                throw ExitCode(ExitStatus.trouble)
            }
        case .svg, .dot, .png, .pdf:
            let overlay: DiffOverlay
            do {
                overlay = try comparison.overlay(context: context)
            } catch let problem as FileComparison.Problem {
                Terminal.error(problem.description)
                throw ExitCode(ExitStatus.trouble)
            }
            do {
                var svg = SVGOptions()
                svg.idPrefix = "rg-diff"
                let rendered = try OverlayRenderer().render(overlay, format: resolvedFormat.renderFormat!,
                                                            engine: LayoutEngine(rawValue: engine ?? "dot"), svg: svg)
                rendered.warnings.forEach { Terminal.error("relgraph: graphviz: \($0)") }
                data = rendered.data
            } catch {
                Terminal.error("relgraph: error: drawing the differences as \(resolvedFormat.rawValue) failed: \(error)")
                throw ExitCode(ExitStatus.trouble)
            }
        }

        if let output, output != "-" {
            do {
                try AtomicFile.write(data, to: output)
            } catch {
                Terminal.error("relgraph: error: \(error)")
                throw ExitCode(ExitStatus.trouble)
            }
            // The status alone (1: differences) reads as a failure in `set -e` scripts: say what happened.
            let count = report.differenceCount
            Terminal.error("wrote \(output) (\(count == 0 ? "no differences" : "\(count) difference\(count == 1 ? "" : "s")"))")
        } else if !report.isEmpty {
            Terminal.write(data)
        }
        if !report.isEmpty { throw ExitCode(ExitStatus.differences) }
    }

    /// How networks are drawn before they are compared with DOT.
    private var diagramOptions: DiagramOptions {
        var options = DiagramOptions()
        options.legend = !noLegend
        return options
    }
}

/// `relgraph diff --format` values.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, svg, dot, png, pdf

    /// Whether the format is an overlay diagram.
    var isDiagram: Bool { renderFormat != nil }

    /// The diagram format, for svg, dot, png and pdf.
    var renderFormat: RenderFormat? { RenderFormat(rawValue: rawValue) }

    /// The format -o's extension names (`.gv` is DOT; `.txt` and others are text).
    static func fromExtension(of path: String) -> DiffFormat? {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "gv" ? .dot : DiffFormat(rawValue: ext)
    }
}
