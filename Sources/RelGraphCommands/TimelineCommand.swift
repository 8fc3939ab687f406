import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `relgraph timeline FILE`: one SVG frame per date, nodes fixed, and an HTML page to step through them.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw the network as it stood on a series of dates: one SVG per date, nodes in fixed places, and an HTML page to step through them.",
        discussion: """
        Frames are the network as of each date (through the view engine, so
        --view and view flags apply to every frame). --every year makes one frame
        per year from --from to --to (default: the earliest and latest dates in the
        data); --every month one per month; --dates lists them. A year means "at some
        time in that year", as in --as-of. --axis known steps the record's date
        instead: each frame keeps the claims made by its date (as --known-as-of),
        and the view may then set as_of.
        Writes DIR/frame-001-DATE.svg... and DIR/index.html (buttons, slider, arrow
        keys). DIR defaults to INPUT-DIR/STEM-timeline. Frames an earlier timeline
        wrote in DIR (recorded in DIR/.relgraph-timeline.json) that this run does
        not write are removed; nothing else is.
        Exit status: 0 ok, 64 bad usage, 65 invalid input, 66 unreadable input,
        70 Graphviz failure, 73 cannot write output.
        """
    )

    @Argument(help: "The network file (.yaml, .yml, .json).")
    var input: String

    @Option(help: "One frame per year or per month (default: year).")
    var every: Timeline.Step?

    @Option(help: "Which date the frames step: as-of (the situation, default) or known (claims made by each date, as --known-as-of).")
    var axis: Timeline.Axis = .asOf

    @Option(help: ArgumentHelp("The frames' dates, instead of --every.", valueName: "DATE[,DATE...]"))
    var dates: String?

    @Option(help: ArgumentHelp("First date for --every (default: the data's earliest date).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last date for --every (default: the data's latest date).", valueName: "DATE"))
    var to: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Directory for the frames and index.html.", valueName: "DIR"))
    var outDir: String?

    @OptionGroup(title: "Drawing")
    var drawing: DrawingOptions

    @OptionGroup(title: "View")
    var viewOptions: ViewOptions

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if dates != nil && every != nil { throw ValidationError("use either --every or --dates, not both") }
        if dates != nil && (from != nil || to != nil) { throw ValidationError("--from and --to bound --every; with --dates, list the dates you want") }
        if input == "-" { throw ValidationError("timeline reads a file, not standard input") }
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, PartialDate(value) == nil { throw ValidationError("\(flag): \(PartialDate.problem(with: value) ?? "bad date")") }
        }
        _ = try explicitDates()
    }

    /// The dates given with --dates, if any.
    private func explicitDates() throws -> [PartialDate]? {
        guard let dates else { return nil }
        let parts = dates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw ValidationError("--dates needs at least one date") }
        return try parts.map { text in
            guard let date = PartialDate(text) else { throw ValidationError("--dates: \(PartialDate.problem(with: text) ?? "bad date")") }
            return date
        }
    }

    func run() throws {
        let network = try NetworkInput.load(input, quiet: quiet).network
        let view = try viewOptions.resolve(in: network)

        let frameDates: [PartialDate]
        do {
            // Along the known axis, the range runs over when claims were made.
            let known = axis == .known ? Timeline.dateRange(of: network, axis: .known) : nil
            frameDates = try DateSeries.dates(listed: try explicitDates(), every: every,
                                              from: from.flatMap(PartialDate.init) ?? known?.from,
                                              to: to.flatMap(PartialDate.init) ?? known?.to, in: network)
        } catch let problem as DateSeries.Problem {
            throw ValidationError(problem.description)
        }

        let options = drawing.renderOptions(format: .svg,
                                            defaultPrefix: CSSName.make("rg-" + stem + (viewOptions.view.map { "-" + $0 } ?? "")))
        let timeline: Timeline.Result
        do {
            timeline = try Timeline().render(network, view: view, dates: frameDates, options: options, axis: axis,
                                             engine: drawing.engineSetting)
        } catch let problem as Timeline.Problem {
            throw ValidationError(problem.description)
        } catch let error as ViewError {
            throw ValidationError(error.description)
        } catch {
            Terminal.error("relgraph: error: drawing the timeline of \(input) failed: \(error)")
            throw ExitCode(ExitStatus.software)
        }
        if !quiet {
            if view.cluster == .territories, !timeline.engine.drawsClusters {
                Terminal.error("relgraph: warning: territory clusters are drawn only by the dot and fdp engines; \(timeline.engine.rawValue) ignores them")
            }
            for frame in timeline.frames where frame.result.network.entities.isEmpty {
                Terminal.error("relgraph: warning: \(frame.date): the view leaves nothing to draw")
            }
            timeline.warnings.forEach { Terminal.error("relgraph: graphviz: \($0)") }
        }

        let directory = outDir ?? defaultDirectory
        let folder = OutputFolder(directory)
        let oldRecord = BatchManifest.read(from: folder, named: BatchManifest.timelineFileName)
        var files: [(name: String, data: Data)] = timeline.frames.map { ($0.fileName, $0.svg) }
        files.append(("index.html", TimelinePage.html(for: timeline)))
        // What this run wrote, so that the next one deletes only its own frames.
        let record = BatchManifest(generator: "relgraph \(RelGraphInfo.version)", inputs: [
            input: BatchManifest.Entry(hash: "", outputs: Dictionary(uniqueKeysWithValues: files.map { ($0.name, "sha256:" + SHA256Hasher.hex($0.data)) })),
        ])
        do {
            files.append((BatchManifest.timelineFileName, try record.data()))
            // Frames, page and record are one output: all written, or none.
            try AtomicFile.write(all: try files.map { (try folder.path(of: $0.name), $0.data) })
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        // Frames of an earlier run that this one did not write: deleted only when
        // that run recorded them and they still hold its bytes (never a folder, a
        // link or a file someone changed or made).
        let written = Set(files.map(\.name))
        var stale: [String: String] = [:]
        for entry in oldRecord?.inputs.values.map({ $0 }) ?? [] {
            for (name, hash) in entry.outputs where Timeline.isFrameFileName(name) && !written.contains(name) { stale[name] = hash }
        }
        let removal = folder.removeRecorded(stale)
        if !quiet {
            removal.removed.forEach { Terminal.error("removed \($0)") }
            for error in removal.refused { Terminal.error("relgraph: warning: an older frame, left alone: \(error.reason)") }
            let unrecorded = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { Timeline.isFrameFileName($0) && !written.contains($0) && stale[$0] == nil }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for name in unrecorded {
                Terminal.error("relgraph: warning: \((directory as NSString).appendingPathComponent(name)) is named like a frame, but no relgraph timeline recorded writing it; left alone")
            }
        }
        if !quiet {
            let span = timeline.frames.first!.date == timeline.frames.last!.date
                ? "\(timeline.frames.first!.date)" : "\(timeline.frames.first!.date) to \(timeline.frames.last!.date)"
            Terminal.error("wrote \((directory as NSString).appendingPathComponent("index.html")) and \(timeline.frames.count) frame\(timeline.frames.count == 1 ? "" : "s") (\(span))")
        }
    }

    /// The input's name without directory and extension.
    private var stem: String { NetworkInput.stem(of: input) }

    /// `INPUT-DIR/STEM-timeline`.
    private var defaultDirectory: String {
        let directory = (input as NSString).deletingLastPathComponent
        return directory.isEmpty ? stem + "-timeline" : (directory as NSString).appendingPathComponent(stem + "-timeline")
    }
}

extension Timeline.Step: ExpressibleByArgument {}
extension Timeline.Axis: ExpressibleByArgument {}
