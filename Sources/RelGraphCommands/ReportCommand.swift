import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `relgraph report FILE`: the diagram(s) and the evidence behind every line, in one HTML file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report: the diagram(s) with the evidence behind every line, in one self-contained HTML file (or Markdown).",
        discussion: """
        The HTML file has no script and fetches nothing: title, description, the
        diagram(s) inline, how to read them, every relation drawn with its
        confidence, grade, dates and claims (quote, claimant, stance, credibility,
        source), an index of entities and the list of sources. Each line links to
        its evidence and shows how many sources support it; each evidence row links
        back to its line. It prints on A4 (one diagram per page, no row split).
        Without -o, writes next to the input: net.yaml -> net.report.html.
        --format md writes Markdown with each diagram as an SVG file beside it
        (REPORT.svg, REPORT.VIEW.svg). --all-views draws the whole network and every
        named view. The SVG mode is the report's own (--svg-mode, --responsive are ignored).
        Exit status: 0 ok, 64 bad usage, 65 invalid input, 66 unreadable input,
        70 Graphviz failure, 73 cannot write output.
        """
    )

    /// The report's formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md
    }

    @Argument(help: "The network file (.yaml, .yml, .json), or '-' for standard input.")
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The report file ('-': standard output, HTML only).", valueName: "OUT"))
    var output: String?

    @Option(help: "html (one self-contained file, the default) or md (Markdown with the SVG files beside it); default from -o's extension.")
    var format: Format?

    @OptionGroup(title: "Drawing")
    var drawing: DrawingOptions

    @Flag(name: .customLong("no-hover"), help: "Leave out hover highlighting (on by default here).")
    var noHover = false

    @Flag(name: .customLong("all-views"), help: "Draw the whole network and every named view, one figure each.")
    var allViews = false

    @OptionGroup(title: "View")
    var viewOptions: ViewOptions

    @Option(name: .customLong("layout-from"), help: ArgumentHelp("Draw the figure in the layout of this earlier drawing (an SVG relgraph wrote: a render's, or an earlier report's figure; or git:REV:PATH): entities stay where they were, new ones go next to their neighbours.", valueName: "OLD.svg"))
    var layoutFrom: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if allViews && viewOptions.view != nil { throw ValidationError("--all-views and --view cannot be combined") }
        if layoutFrom != nil && allViews { throw ValidationError("--layout-from gives one earlier drawing, for one figure; leave out --all-views") }
        if layoutFrom == "-" { throw ValidationError("--layout-from reads a file or git:REV:PATH, not standard input") }
        if resolvedFormat == .md && output == "-" { throw ValidationError("--format md writes SVG files beside the report; name a file with -o") }
    }

    /// `--format`, else `.md`/`.markdown` from `-o`, else HTML.
    var resolvedFormat: Format {
        if let format { return format }
        let ext = ((output ?? "") as NSString).pathExtension.lowercased()
        return ext == "md" || ext == "markdown" ? .md : .html
    }

    /// The input's name without directory and extension.
    private var stem: String { NetworkInput.stem(of: input) }

    func run() throws {
        let network = try NetworkInput.load(input, quiet: quiet).network
        let format = resolvedFormat

        var jobs: [(name: String?, view: ViewDefinition)] = []
        if allViews {
            jobs = [(nil, try viewOptions.flagsView())] + (try viewOptions.everyView(in: network, input: input))
        } else {
            jobs = [(viewOptions.view, try viewOptions.resolve(in: network))]
        }
        var results: [ViewResult] = []
        for job in jobs {
            do {
                let result = try network.applying(job.view)
                if !quiet { result.notes.forEach { Terminal.error("relgraph: warning: \(job.name.map { "view '\($0)': " } ?? "")\($0)") } }
                results.append(result)
            } catch {
                throw ValidationError(error.description)
            }
        }

        let previous = try layoutFrom.map(EarlierDrawing.read)
        let reportPath = try path(format: format)
        let evidence = ReportEvidence(full: network, shown: results)
        let prefixes = Report.figurePrefixes(base: drawing.idPrefix ?? "rg-" + stem, views: jobs.map(\.name))
        var figures: [ReportFigure] = []
        var files: [(path: String, data: Data)] = []
        for (index, job) in jobs.enumerated() {
            var options = drawing.renderOptions(format: .svg, defaultPrefix: prefixes[index])
            options.svg.idPrefix = prefixes[index]
            options.svg.mode = format == .html ? .inline : .standalone
            options.svg.responsive = format == .html
            options.hover = !noHover || drawing.hover
            let layout = drawing.engineChoice(for: results[index])
            options.use(layout)
            options.layoutFrom = previous
            var drawnFigures: [ReportFigure]
            do {
                let progress = Progress(style: .automatic(quiet: quiet))
                defer { progress.done() }
                progress.phase("laying out \(results[index].network.entities.count) entities with \(layout.engine.rawValue)")
                let drawn = try progress.whileWorking {
                    try ReportDrawing().figures(results[index], full: network, evidence: evidence, options: options,
                                                engine: drawing.engineSetting, viewName: job.name, links: format == .html)
                }
                if !quiet { drawn.warnings.forEach { Terminal.error("relgraph: graphviz: \($0)") } }
                if !quiet, drawn.figures.count > 1 {
                    Terminal.error("relgraph: \(job.name.map { "view '\($0)': " } ?? "")names would print under \(String(format: "%.1f", PageFit.onePageFloor)) pt on one page: drawn as an atlas of \(drawn.figures.count) figures (an overview and a page per community)")
                }
                drawnFigures = drawn.figures
            } catch {
                Terminal.error("relgraph: error: drawing \(input)\(job.name.map { " (view \($0))" } ?? "") failed: \(error)")
                throw ExitCode(ExitStatus.software)
            }
            for (page, var figure) in drawnFigures.enumerated() {
                if format == .md {
                    do {
                        let atlasPage = drawnFigures.count > 1 ? "atlas-p" + (page < 9 ? "0" : "") + String(page + 1) : nil
                        let view = [job.name, atlasPage].compactMap { $0 }.joined(separator: "-")
                        let name = try svgName(reportPath: reportPath, view: view.isEmpty ? nil : view)
                        let path = try svgPath(reportPath: reportPath, name: name)
                        if (path as NSString).standardizingPath == (reportPath as NSString).standardizingPath {
                            throw ValidationError("the report \(reportPath) would be overwritten by its own diagram; give -o a .md name")
                        }
                        figure.fileName = name
                        files.append((path, Data(figure.svg.utf8)))
                    } catch let error as OutputPathError {
                        Terminal.error("relgraph: error: \(input): view '\(job.name ?? "")': \(error)")
                        throw ExitCode(ExitStatus.dataError)
                    }
                }
                figures.append(figure)
            }
        }
        if let (one, other) = OutputFolder.caseCollision(in: files.map(\.path)) {
            Terminal.error("relgraph: error: \(input): \(one) and \(other) differ only by case and would overwrite each other on macOS and Windows; rename one of the views")
            throw ExitCode(ExitStatus.dataError)
        }
        let report = Report(title: LabelText.clean(network.title ?? stem), description: network.description, figures: figures,
                            evidence: evidence, inputName: input == "-" ? nil : (input as NSString).lastPathComponent)
        files.append((reportPath, format == .html ? report.html() : report.markdown()))

        // The report and its SVGs are one output: written all at once, or not at all.
        try InteropIO.write(all: files, quiet: quiet)
    }

    /// Where the report goes: `-o`, else `STEM.report.html` (or `.md`) next to the input.
    private func path(format: Format) throws -> String {
        if let output { return output }
        let directory = input == "-" ? "" : (input as NSString).deletingLastPathComponent
        do {
            let name = try OutputFolder.fileName(stem: stem, view: "report", fileExtension: format.rawValue)
            return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The SVG file of a figure beside a Markdown report: `REPORT.svg`, `REPORT.VIEW.svg`.
    private func svgName(reportPath: String, view: String?) throws(OutputPathError) -> String {
        let name = (reportPath as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        let reportStem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        return try OutputFolder.fileName(stem: reportStem, view: view, fileExtension: "svg")
    }

    /// The path of `name` in the report's folder (checked by ``OutputFolder``).
    private func svgPath(reportPath: String, name: String) throws(OutputPathError) -> String {
        let directory = (reportPath as NSString).deletingLastPathComponent
        return try OutputFolder(directory.isEmpty ? "." : directory).path(of: name)
    }
}
