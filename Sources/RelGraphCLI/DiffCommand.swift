import ArgumentParser
import Foundation
import RelGraph
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

        --format text (default) or json, or an overlay diagram of both versions: svg, dot, \
        png, pdf (added green, removed red and dashed, changed orange, unchanged grey). \
        Without --format, -o's extension decides (.json, .svg, .dot, .gv, .png, .pdf; else text).

        Exit status, as diff(1): 0 no differences (nothing is printed), 1 differences, \
        2 trouble (unreadable or invalid input, bad DOT, git failure, cannot write), \
        64 bad usage. With -o the file is written even when there are no differences.
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

    @Option(help: EngineArgument.help("Layout engine for the diagram", allowed: EngineSetting.drawingEngines.map { .engine($0) }))
    var engine: String = "dot"

    @Flag(name: .customLong("no-legend"), help: "Draw networks without their legend before comparing them with DOT (match DOT written by `render --no-legend`).")
    var noLegend = false

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input ('-')") }
        if let context, context < 0 { throw ValidationError("--context must be 0 or more, not \(context)") }
        if context != nil && !resolvedFormat.isDiagram {
            throw ValidationError("--context shapes the diagram: use it with --format svg, dot, png or pdf")
        }
        if let format, let output, output != "-", let named = DiffFormat.fromExtension(of: output), named != format {
            throw ValidationError("-o \(output) has the extension of \(named.rawValue), but --format is \(format.rawValue)")
        }
        _ = try EngineArgument.setting(engine, allowed: EngineSetting.drawingEngines.map { .engine($0) })
    }

    /// --format, else -o's extension, else text.
    var resolvedFormat: DiffFormat {
        if let format { return format }
        if let output, output != "-" { return DiffFormat.fromExtension(of: output) ?? .text }
        return .text
    }

    func run() throws {
        let comparison: Comparison
        do {
            comparison = try compare()
        } catch let trouble as Trouble {
            Terminal.error(trouble.message)
            throw ExitCode(ExitStatus.trouble)
        }
        let report = comparison.report
        let data: Data
        switch resolvedFormat {
        case .text:
            data = Data(report.text().utf8)
        case .json:
            data = report.json()
        case .svg, .dot, .png, .pdf:
            let overlay: DiffOverlay
            do {
                overlay = try self.overlay(comparison)
            } catch let trouble as Trouble {
                Terminal.error(trouble.message)
                throw ExitCode(ExitStatus.trouble)
            }
            do {
                var svg = SVGOptions()
                svg.idPrefix = "rg-diff"
                let rendered = try OverlayRenderer().render(overlay, format: resolvedFormat.renderFormat!,
                                                            engine: LayoutEngine(rawValue: engine), svg: svg)
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
        } else if !report.isEmpty {
            Terminal.write(data)
        }
        if !report.isEmpty { throw ExitCode(ExitStatus.differences) }
    }

    // MARK: Comparing

    /// A failure that ends the command with status 2 and this message.
    struct Trouble: Error {
        var message: String
    }

    /// The report and what the diagram is drawn from.
    struct Comparison {
        var report: DiffReport
        /// For two networks: the networks (drawn only when a diagram is asked for).
        var networks: (old: Network, new: Network, oldInput: DiffInput, newInput: DiffInput)?
        /// When a side is DOT: the graph comparison the report comes from.
        var graphs: GraphComparison?
    }

    private var diagramOptions: DiagramOptions {
        var options = DiagramOptions()
        options.legend = !noLegend
        return options
    }

    private func compare() throws -> Comparison {
        let oldInput = try read(old)
        let newInput = try read(new)
        if oldInput.kind == .model && newInput.kind == .model {
            let oldNetwork = try load(oldInput), newNetwork = try load(newInput)
            let report = NetworkDiff.compare(oldNetwork, newNetwork, oldName: oldInput.name, newName: newInput.name)
            return Comparison(report: report, networks: (oldNetwork, newNetwork, oldInput, newInput), graphs: nil)
        }
        let graphs = GraphComparison(old: try graph(oldInput), new: try graph(newInput),
                                     oldSide: side(oldInput), newSide: side(newInput))
        return Comparison(report: graphs.report, networks: nil, graphs: graphs)
    }

    /// The overlay diagram's content.
    private func overlay(_ comparison: Comparison) throws -> DiffOverlay {
        if let graphs = comparison.graphs { return DiffOverlay.make(graphs, context: context) }
        let n = comparison.networks!
        let graphs = GraphComparison(old: try graph(of: n.old, n.oldInput), new: try graph(of: n.new, n.newInput),
                                     oldSide: side(n.oldInput), newSide: side(n.newInput))
        return DiffOverlay.make(graphs, model: comparison.report, context: context)
    }

    private func side(_ input: DiffInput) -> DiffReport.Side {
        DiffReport.Side(name: input.name, kind: input.kind.rawValue)
    }

    private func read(_ argument: String) throws -> DiffInput {
        do {
            return try DiffInput.read(argument)
        } catch {
            throw Trouble(message: "relgraph: error: \(error)")
        }
    }

    /// The network in `input`, which must be valid.
    private func load(_ input: DiffInput) throws -> Network {
        let loaded = NetworkLoader().load(bytes: input.bytes, file: input.name, format: input.modelFormat)
        guard loaded.hasErrors else { return loaded.network }
        let lines = loaded.diagnostics.map(\.formatted)
        let count = loaded.errors.count
        throw Trouble(message: lines.joined(separator: "\n")
            + "\nrelgraph: error: \(input.name) is not a valid network (\(count) error\(count == 1 ? "" : "s")); "
            + "fix it (`relgraph validate` shows the same) before comparing")
    }

    private func graph(_ input: DiffInput) throws -> DiffGraph {
        switch input.kind {
        case .model:
            return try graph(of: load(input), input)
        case .dot:
            do {
                let (graph, warnings) = try DiffGraphs.read(dot: Data(input.bytes))
                warnings.forEach { Terminal.error("relgraph: graphviz: \(input.name): \($0)") }
                return graph
            } catch let error as GraphvizError {
                throw Trouble(message: "relgraph: error: \(input.name): cannot be read as DOT: \(error)")
            }
        }
    }

    private func graph(of network: Network, _ input: DiffInput) throws -> DiffGraph {
        do {
            return try DiffGraphs.canonical(network, options: diagramOptions)
        } catch {
            throw Trouble(message: "relgraph: error: \(input.name): drawing the network as canonical DOT failed: \(error)")
        }
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
