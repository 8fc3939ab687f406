import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `relgraph render INPUT`: draw a network (or views of it) as DOT, SVG, PNG or PDF.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a network as DOT, SVG, PNG or PDF through Graphviz, or write it as GraphML.",
        discussion: """
        Without -o, writes next to the input (graphs/net.yaml -> graphs/net.svg).
        The format comes from --format, else from -o's extension, else svg.
        Several formats (--format svg,dot) need -o BASE or --out-dir DIR.
        Outputs are written atomically and together: on any error nothing is written
        and existing files are untouched. An output is never one of the inputs.
        INPUT may be a directory (with --out-dir): every network file under it is
        drawn whole and through each named view (OUT/STEM.svg, OUT/STEM.VIEW.svg,
        the names every render uses),
        unchanged inputs are skipped (OUT/.relgraph-manifest.json), --jobs child
        processes draw at once, and OUT/index.html shows them all.
        --check draws in memory and compares with the existing files, writing
        nothing: it names the stale ones and exits 1 (for CI).
        Exit status: 0 ok, 1 --check found stale outputs, 64 bad usage,
        65 invalid input, 66 unreadable input, 70 Graphviz failure, 73 cannot
        write output.
        """
    )

    @Argument(help: "The network file (.yaml, .yml, .json), a directory of them, or '-' for standard input.")
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, '-' for standard output, or a base path with several formats.", valueName: "OUT"))
    var output: String?

    @Option(help: ArgumentHelp("Output format(s): dot, svg, png, pdf, graphml; comma-separated for several.", valueName: "FORMAT[,FORMAT...]"))
    var format: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Directory for the outputs (named after the input and view).", valueName: "DIR"))
    var outDir: String?

    @OptionGroup(title: "Drawing")
    var drawing: DrawingOptions

    @Flag(name: .customLong("all-views"), help: "Render every named view, each to its own file.")
    var allViews = false

    @OptionGroup(title: "View")
    var viewOptions: ViewOptions

    @Flag(help: "Write nothing: compare what would be written with the existing files; exit 1 and name them when any differs.")
    var check = false

    @Flag(help: "Draw an atlas: an overview page (each group of entities one box), then a page per group, lines leaving a page ending in a note naming the far entity's page (STEM.atlas-pNN.svg, or one STEM.atlas.pdf).")
    var atlas = false

    @Option(name: .customLong("atlas-by"), help: "How the atlas groups entities into pages: community (of the lines, the default), kind, or territory.")
    var atlasBy: AtlasPlan.Grouping = .community

    @Option(name: .customLong("atlas-page-size"), help: ArgumentHelp("The most entities on one atlas page (default 60).", valueName: "N"))
    var atlasPageSize: Int?

    @Option(name: .customLong("layout-from"), help: ArgumentHelp("Keep the layout of an earlier drawing: an SVG relgraph wrote, or git:REV:PATH of one. Entities it shows stay where they were, new ones go next to their neighbours, lines are drawn afresh.", valueName: "OLD.svg"))
    var layoutFrom: String?

    @Flag(name: .customLong("keep-layout"), help: "Keep the layout of the SVG each output replaces (as --layout-from), where there is one; draw afresh where there is none.")
    var keepLayout = false

    @Option(help: "With a directory: how many diagrams to draw at once, each in its own process (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    /// Set by a batch render on its child processes: report each output as a JSON
    /// line (``BatchChildReport``) on standard output instead of `wrote`/`stale:` messages.
    @Flag(name: .customLong("batch-child"), help: .hidden)
    var batchChild = false

    /// For benchmarks (`make bench`, docs/benchmarks.md): also write every graph
    /// Graphviz laid out for this render (an atlas: its plan and every page) to FILE as DOT, each with its engine
    /// (``GraphvizContext/stopTracingLayouts()``), so that `dot -Tsvg FILE` does
    /// the same layouts without relgraph.
    @Option(name: .customLong("trace-layouts"), help: .hidden)
    var traceLayouts: String?

    /// Whether INPUT names a directory (a batch render).
    var inputIsDirectory: Bool {
        var isDirectory: ObjCBool = false
        return input != "-" && FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if check && output == "-" { throw ValidationError("--check compares files; it cannot check standard output") }
        if traceLayouts != nil && (inputIsDirectory || check) {
            throw ValidationError("--trace-layouts traces one render of one file")
        }
        if traceLayouts == "-" && output == "-" {
            throw ValidationError("--trace-layouts - and -o - would both write to standard output")
        }
        if inputIsDirectory {
            if output != nil { throw ValidationError("a directory is rendered with --out-dir DIR, not -o") }
            if outDir == nil { throw ValidationError("rendering the directory \(input) needs --out-dir DIR") }
            if viewOptions.view != nil { throw ValidationError("--view picks a view of one file; a directory is rendered with every view") }
        } else if jobs != nil {
            throw ValidationError("--jobs applies when INPUT is a directory")
        }
        if allViews && viewOptions.view != nil { throw ValidationError("--all-views and --view cannot be combined") }
        if atlas {
            if inputIsDirectory || allViews { throw ValidationError("--atlas draws one network (or one --view of it), not a directory or --all-views") }
            if output == "-" { throw ValidationError("an atlas is several files (or one PDF): use --out-dir DIR or -o BASE") }
            let formats = try formats()
            if formats.contains(where: { $0 == .dot || $0 == .graphml }) {
                throw ValidationError("an atlas is drawn: --format svg, png or pdf (DOT and GraphML hold the whole network as one file)")
            }
        }
        try validateLayoutOptions()
        if let atlasPageSize, atlasPageSize < 2 { throw ValidationError("--atlas-page-size must be 2 or more") }
        if atlasPageSize != nil && !atlas { throw ValidationError("--atlas-page-size applies with --atlas") }
        if outDir != nil && output != nil { throw ValidationError("use either -o or --out-dir, not both") }
        if output == "-" && allViews { throw ValidationError("-o - writes one output; --all-views writes several (use --out-dir)") }
        _ = try formats()
    }

    /// The formats to write.
    func formats() throws -> [RenderFormat] {
        if let format {
            var result: [RenderFormat] = []
            for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
                guard let f = RenderFormat(rawValue: name) else {
                    throw ValidationError("unknown format '\(name)'; formats: \(RenderFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !result.contains(f) { result.append(f) }
            }
            guard !result.isEmpty else { throw ValidationError("--format needs at least one format") }
            if result.count > 1, output == "-" { throw ValidationError("-o - writes one format; several need -o BASE or --out-dir") }
            if result.count == 1, let output, output != "-", let ext = RenderFormat.fromExtension(of: output), ext != result[0] {
                throw ValidationError("-o \(output) has the extension of \(ext.rawValue), but --format is \(result[0].rawValue)")
            }
            return result
        }
        if let output, output != "-", let f = RenderFormat.fromExtension(of: output) { return [f] }
        return [.svg]
    }

    func run() throws {
        if inputIsDirectory {
            try BatchRender(command: self, directory: input, outDirectory: outDir!).run()
            return
        }
        if atlas {
            try renderAtlas()
            return
        }
        try renderFile()
    }

    /// Renders one network file (or standard input).
    /// The value of `value`, leaving `empty` in its place (so the caller keeps no copy).
    private static func take<T>(_ value: inout T, leaving empty: T) -> T {
        var taken = empty
        swap(&taken, &value)
        return taken
    }

    private func renderFile() throws {
        var network = try NetworkInput.load(input, quiet: quiet).network
        if traceLayouts != nil { try GraphvizContext.shared.startTracingLayouts() }
        let formats = try formats()

        // Which views.
        var jobs: [(name: String?, view: ViewDefinition)] = []
        if allViews {
            jobs = try viewOptions.everyView(in: network, input: input)
        } else {
            jobs = [(viewOptions.view, try viewOptions.resolve(in: network))]
        }

        // Render everything in memory first; write only when all succeeded.
        var outputs: [(path: String, data: Data)] = []
        // Except one DOT file: Graphviz writes it straight into a temporary file
        // beside it (a 100,000-entity DOT is about 200 MB that need not be in
        // memory), moved into place like the others.
        var staged: AtomicFile.Staged?
        let streamsDOT = !check && jobs.count == 1 && formats == [.dot]
        for (jobIndex, job) in jobs.enumerated() {
            var result: ViewResult
            do {
                result = try network.applying(job.view)
            } catch {
                throw ValidationError(error.description)
            }
            let layout = drawing.engineChoice(for: result)
            if !quiet {
                var notes = result.notes
                if job.view.cluster == .territories, !layout.engine.drawsClusters, formats.contains(where: { $0 != .dot && $0 != .graphml }) {
                    notes.append("territory clusters are drawn only by the dot and fdp engines; \(layout.engine.rawValue) ignores them")
                }
                if drawing.engineSetting != .auto, formats.contains(where: { $0 != .dot && $0 != .graphml }),
                   let warning = EngineChoice.warning(engine: layout.engine, nodes: result.network.entities.count,
                                                      edges: result.network.relations.count) {
                    notes.append(warning)
                }
                notes.forEach { Terminal.error("relgraph: warning: \(job.name.map { "view '\($0)': " } ?? "")\($0)") }
            }
            // The earlier drawing, read once for every drawn format of this view.
            let previous = formats.contains { $0 != .dot && $0 != .graphml }
                ? try previousDrawing(view: job.name, formats: formats, jobs: jobs.count) : nil
            for (formatIndex, format) in formats.enumerated() {
                var options = renderOptions(format: format, view: job.name)
                options.use(layout)
                if format != .dot && format != .graphml { options.layoutFrom = previous }
                let rendered: RenderOutput
                do {
                    let progress = Progress(style: .automatic(quiet: quiet || format == .dot || format == .graphml))
                    defer { progress.done() }
                    progress.phase("laying out \(result.network.entities.count) entities with \(layout.engine.rawValue)"
                                   + (format == .svg ? "" : " (\(format.rawValue))"))
                    // The last render hands the network and the view over, so that
                    // they can be freed while Graphviz works (see Renderer).
                    let lastUse = jobIndex == jobs.count - 1 && formatIndex == formats.count - 1
                    // The temporary file of a streamed DOT: only where the path is known
                    // and its folder exists, so any other case fails as it always did.
                    let target = streamsDOT && lastUse ? try? path(for: format, view: job.name, multiple: false) : nil
                    if let target, target != "-" {
                        staged = try? AtomicFile.Staged(for: target, createDirectories: false)
                    }
                    rendered = try progress.whileWorking {
                        guard lastUse else { return try Renderer().render(result, full: network, options: options) }
                        let (view, full) = (Self.take(&result, leaving: ViewResult(view: job.view, network: Network(), summary: "")),
                                            Self.take(&network, leaving: Network()))
                        if let staged {
                            // The last thing this process does with Graphviz: its graph is
                            // left for the system to reclaim at exit.
                            try Renderer().renderDOT(consume view, full: consume full, options: options, to: staged.descriptor,
                                                     freeingGraph: false)
                            return RenderOutput(data: Data(), warnings: [])
                        }
                        return try Renderer().render(consume view, full: consume full, options: options)
                    }
                } catch let error as OutputWriteError {
                    let path = staged?.path ?? "-"
                    staged?.discard()
                    Terminal.error("relgraph: error: \(AtomicFile.WriteError(path: path, errno: error.errno))")
                    throw ExitCode(ExitStatus.cannotCreate)
                } catch {
                    staged?.discard()
                    Terminal.error("relgraph: error: rendering \(input)\(job.name.map { " (view \($0))" } ?? "") as \(format.rawValue) failed: \(error)")
                    throw ExitCode(ExitStatus.software)
                }
                if !quiet {
                    rendered.warnings.forEach { Terminal.error("relgraph: graphviz: \($0)") }
                    if let note = Self.atlasNote(rendered, page: options.page) {
                        Terminal.error("relgraph: note: \(job.name.map { "view '\($0)': " } ?? "")\(note)")
                    }
                }
                do {
                    outputs.append((try path(for: format, view: job.name, multiple: formats.count > 1 || jobs.count > 1), rendered.data))
                } catch {
                    Terminal.error("relgraph: error: \(input): view '\(job.name ?? "")': \(error)")
                    throw ExitCode(ExitStatus.dataError)
                }
            }
        }
        if let traceLayouts, !check {
            outputs.append((traceLayouts, try GraphvizContext.shared.stopTracingLayouts()))
        }
        try write(outputs, staged: staged)
    }

    /// What to say when a page-fitted drawing's names print under
    /// ``PageFit/onePageFloor`` (5.4 pt): how small, and that `--atlas` draws the
    /// network in pages that print larger. `nil` when they print large enough.
    static func atlasNote(_ output: RenderOutput, page: PageSize?) -> String? {
        guard let size = output.smallestTextOnPage, let page, size < PageFit.onePageFloor else { return nil }
        let points = String(format: "%.1f", size)
        return "names print at \(points) pt on \(page.name), under the \(Int(PageFit.legibleText)) pt that read in print; "
            + "--atlas --out-dir DIR draws the network as an overview and a page per community, each at \(Int(PageFit.legibleText)) pt or more"
    }

    /// Writes `outputs` (each atomically; `staged` is a streamed DOT's temporary
    /// file), or with `--check` compares them with the files.
    func write(_ outputs: [(path: String, data: Data)], staged: AtomicFile.Staged? = nil) throws {
        if let (one, other) = OutputFolder.caseCollision(in: outputs.map(\.path)) {
            Terminal.error("relgraph: error: \(input): \(one) and \(other) differ only by case and would overwrite each other on macOS and Windows; rename one of the views")
            throw ExitCode(ExitStatus.dataError)
        }
        if check {
            try compare(outputs)
            return
        }
        // Every file of the render is one output: each is written to its temporary
        // file first, then all are renamed into place, or, on any error, none is.
        let transaction = AtomicFile.Transaction()
        do {
            for (path, data) in outputs where path != "-" {
                if let staged, staged.path == path {
                    transaction.add(staged)
                } else {
                    try transaction.add(data, to: path)
                }
            }
            try transaction.commit()
        } catch {
            transaction.discard()
            staged?.discard()
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        for (path, data) in outputs {
            if path == "-" {
                Terminal.write(data)
                continue
            }
            if batchChild {
                Terminal.write(Data(BatchChildReport(event: .wrote, path: path).line.utf8))
            } else if !quiet {
                Terminal.error("wrote \(path)")
            }
        }
    }

    /// The options for one output of one view, from the command line.
    func renderOptions(format: RenderFormat, view: String?) -> RenderOptions {
        drawing.renderOptions(format: format, defaultPrefix: defaultPrefix(view: view))
    }

    /// `--check`: prints `stale: PATH (missing|differs)` on standard output for each
    /// output whose file does not hold exactly these bytes, and exits 1 if any.
    /// PDFs carry their creation date, so they are never compared.
    private func compare(_ outputs: [(path: String, data: Data)]) throws {
        var stale = 0, compared = 0
        for (path, data) in outputs where RenderFormat.fromExtension(of: path) != .pdf {
            compared += 1
            guard let existing = AtomicFile.currentBytes(at: path) else {
                report(stale: path, reason: "missing")
                stale += 1
                continue
            }
            if existing != data {
                report(stale: path, reason: "differs")
                stale += 1
            }
        }
        if stale > 0 { throw ExitCode(ExitStatus.differences) }
        if !quiet && !batchChild { Terminal.error("relgraph: all \(compared) output\(compared == 1 ? " is" : "s are") current") }
    }

    /// One stale output: `stale: PATH (REASON)`, or a JSON report for a batch.
    private func report(stale path: String, reason: String) {
        if batchChild {
            Terminal.write(Data(BatchChildReport(event: .stale, path: path, reason: reason).line.utf8))
        } else {
            Terminal.print("stale: \(path) (\(reason))")
        }
    }

    /// The input's name without directory and extension.
    var stem: String { NetworkInput.stem(of: input) }

    private func defaultPrefix(view: String?) -> String {
        CSSName.make("rg-" + stem + (view.map { "-" + $0 } ?? ""))
    }

    /// Where one output goes. Every name goes through ``OutputFolder``: a view's
    /// name becomes one file-name component, so no view can lead out of the folder.
    func path(for format: RenderFormat, view: String?, multiple: Bool) throws(OutputPathError) -> String {
        let ext = format.fileExtension
        if let output {
            if output == "-" { return "-" }
            if !multiple { return output }
            let base = RenderFormat.fromExtension(of: output) != nil ? (output as NSString).deletingPathExtension : output
            return try Self.join((base as NSString).deletingLastPathComponent,
                                 OutputFolder.fileName(stem: (base as NSString).lastPathComponent, view: view, fileExtension: ext))
        }
        if let outDir {
            return try OutputFolder(outDir).path(of: OutputFolder.fileName(stem: stem, view: view, fileExtension: ext))
        }
        let directory = input == "-" ? "." : (input as NSString).deletingLastPathComponent
        return try Self.join(directory, OutputFolder.fileName(stem: stem, view: view, fileExtension: ext))
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }
}

