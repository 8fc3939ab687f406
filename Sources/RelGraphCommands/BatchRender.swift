import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `relgraph render DIR --out-dir OUT`: the command-line side of a batch render.
/// The bookkeeping (which files, which outputs, what is up to date, the manifest,
/// stale outputs) is ``BatchPlan``'s; this draws the jobs in child processes and
/// prints what happened.
///
/// - Graphviz is serialised inside a process, so the diagrams are drawn by child
///   `relgraph render FILE [--view NAME] --batch-child ...` processes of this same
///   binary, at most `--jobs` at a time. Each child reports what it wrote (or, with
///   `--check`, which outputs are stale) as JSON lines (``BatchChildReport``) on its
///   standard output; its standard error holds the messages for people.
/// - `--check` draws every diagram in memory (in the children) and compares it
///   with OUT's files, and the gallery likewise; it writes nothing, names the
///   stale files and exits 1 when any is stale.
struct BatchRender {
    /// What one child process did.
    struct ChildResult: Sendable {
        var status: Int32
        /// Its JSON reports (standard output).
        var reports: [BatchChildReport]
        /// Its messages (standard error, then any other standard output), as lines.
        var lines: [String]
    }

    let command: RenderCommand
    /// The input directory.
    let directory: String
    /// OUT.
    let outDirectory: String

    static let galleryName = "index.html"
    /// How many manifest entries left alone are named one by one.
    static let namedRefusals = 20

    // MARK: Run

    func run() throws {
        let started = Date()
        let quiet = command.quiet
        let formats = try command.formats()
        let plan = BatchPlan(directory: directory, outDirectory: outDirectory, fileExtensions: formats.map(\.fileExtension),
                             flags: try command.viewOptions.flagsView(),
                             graphvizVersion: (try? GraphvizContext.shared.version()) ?? "unknown",
                             options: sharedArguments(formats: formats))
        for diagnostic in plan.diagnostics where diagnostic.isError || !quiet { Terminal.error(diagnostic.formatted) }
        let inputs = plan.inputs
        if inputs.isEmpty {
            Terminal.error("relgraph: error: \(directory) holds no network files (.yaml, .yml or .json with an `entities` key)")
            throw ExitCode(ExitStatus.noInput)
        }
        let oldManifest = command.check ? nil : BatchManifest.read(from: plan.folder)
        let current = plan.currentInputs(against: oldManifest)
        let jobs = plan.jobsToDraw(current: current)

        let progress = Progress(total: jobs.count, style: .automatic(quiet: quiet))
        for input in inputs {
            if let failure = input.failure {
                progress.log("relgraph: error: \((directory as NSString).appendingPathComponent(input.relativePath)): \(failure.reason)")
            }
        }
        if !current.isEmpty && !quiet {
            progress.log("skipped \(current.count) unchanged file\(current.count == 1 ? "" : "s") (\(outDirectory)/\(BatchManifest.fileName))",
                         important: false)
        }
        let results = Self.runChildren(jobs.map(arguments(for:)), width: command.jobs ?? Self.defaultJobs, progress: progress,
                                       labels: jobs.map(\.label), checking: command.check)
        progress.done()

        // Collect.
        var failedInputs = Set<String>()
        var firstFailure: Int32?
        var stale: [String] = []
        for input in inputs {
            if let failure = input.failure {
                failedInputs.insert(input.relativePath)
                firstFailure = firstFailure ?? Self.status(of: failure)
            }
        }
        for (job, result) in zip(jobs, results) {
            let ok = result.status == 0 || (command.check && result.status == 1)
            stale += result.reports.filter { $0.event == .stale }.map { "\($0.path) (\($0.reason ?? "differs"))" }
            for line in result.lines where !ok || !quiet || line.contains("error") {
                Terminal.error(Self.attributed(line, to: job.path))
            }
            if !ok {
                failedInputs.insert(job.input)
                firstFailure = firstFailure ?? result.status
                Terminal.error("relgraph: error: \(job.label) failed (exit status \(result.status))")
            }
        }

        let gallery = BatchGallery.html(inputs: inputs, formats: formats)
        let galleryPath = (outDirectory as NSString).appendingPathComponent(Self.galleryName)  // a fixed single name
        if command.check {
            if AtomicFile.currentBytes(at: galleryPath) != gallery {
                stale.append("\(galleryPath) (\(FileManager.default.fileExists(atPath: galleryPath) ? "differs" : "missing"))")
            }
            for line in stale { Terminal.print("stale: \(line)") }
            if let firstFailure { throw ExitCode(firstFailure) }
            if !stale.isEmpty {
                if !quiet { Terminal.error("relgraph: \(stale.count) stale output\(stale.count == 1 ? "" : "s"): run `relgraph render \(directory) --out-dir \(outDirectory)`") }
                throw ExitCode(ExitStatus.differences)
            }
            if !quiet {
                let count = plan.allJobs.flatMap(\.outputs).count + 1
                Terminal.error("relgraph: all \(count) outputs in \(outDirectory) are current")
            }
            return
        }

        let manifest = plan.manifest(after: oldManifest, current: current, failed: failedInputs)
        let cleanup = plan.deleteStaleOutputs(old: oldManifest, failed: failedInputs)
        // A manifest is input like any other: an entry that leads out of OUT is never
        // followed. A hostile one can list thousands: the first 20 are named.
        for error in cleanup.refused.prefix(Self.namedRefusals) {
            Terminal.error("relgraph: warning: \(outDirectory)/\(BatchManifest.fileName) lists '\(error.name)', left alone: \(error.reason)")
        }
        if cleanup.refused.count > Self.namedRefusals {
            Terminal.error("relgraph: warning: \(outDirectory)/\(BatchManifest.fileName): \(cleanup.refused.count - Self.namedRefusals) more entries left alone")
        }
        if !quiet { cleanup.removed.forEach { Terminal.error("removed \($0)") } }
        do {
            try Self.writeIfChanged(try manifest.data(), to: plan.folder.path(of: BatchManifest.fileName))
            try Self.writeIfChanged(gallery, to: galleryPath)
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        if !quiet {
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            let drawn = jobs.count - results.filter { $0.status != 0 }.count
            let files = inputs.count - current.count - failedInputs.count
            Terminal.error("rendered \(drawn) diagram\(drawn == 1 ? "" : "s") of \(files) file\(files == 1 ? "" : "s") in \(seconds) s"
                + (current.isEmpty ? "" : "; \(current.count) unchanged") + "; gallery: \(galleryPath)")
        }
        if let firstFailure { throw ExitCode(firstFailure) }
    }

    /// The exit status an input that cannot be drawn gives the run.
    static func status(of failure: BatchPlan.Failure) -> Int32 {
        switch failure.kind {
        case .unreadable: ExitStatus.noInput
        case .invalid, .outputName: ExitStatus.dataError
        case .view: ExitStatus.usage
        }
    }

    // MARK: Children's arguments

    /// The arguments of the child `relgraph` process that draws `job`.
    func arguments(for job: BatchPlan.Job) -> [String] {
        var arguments = ["render", job.path, "--out-dir", job.outputDirectory, "--batch-child"]
            + sharedArguments(formats: (try? command.formats()) ?? [.svg])
        if let view = job.view { arguments += ["--view", view] }
        if command.check { arguments.append("--check") }
        // Each child keeps the layout of the files it replaces.
        if command.keepLayout { arguments.append("--keep-layout") }
        return arguments
    }

    /// The options every child gets (and that the content hash covers), in a fixed order.
    func sharedArguments(formats: [RenderFormat]) -> [String] {
        ["--format", formats.map(\.rawValue).joined(separator: ",")] + command.drawing.forwardedArguments()
            + command.viewOptions.forwardedArguments()
    }

    // MARK: Children

    /// Default `--jobs`: the number of cores.
    static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// This program, for child processes.
    static var executable: URL {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return URL(fileURLWithPath: "/proc/self/exe") }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Runs `relgraph` with each argument list, at most `width` at a time; results in the same order.
    ///
    /// Told to stop (SIGINT, SIGTERM, SIGHUP: ``SignalCleanup``), the batch starts
    /// no more children, passes the signal on to the running ones (each removes its
    /// temporary files and ends), and waits for them before it ends itself, so no
    /// child is left writing into OUT after the batch is gone.
    static func runChildren(_ argumentLists: [[String]], width: Int, progress: Progress, labels: [String],
                            checking: Bool) -> [ChildResult] {
        let state = ChildPool(count: argumentLists.count)
        let token = SignalCleanup.add { signal in
            let stopped = state.stop(forwarding: signal)
            if stopped > 0 { Terminal.error("relgraph: \(String(cString: strsignal(signal))): stopped \(stopped) drawing\(stopped == 1 ? "" : "s") under way") }
        }
        defer { SignalCleanup.remove(token) }
        let group = DispatchGroup()
        let executable = executable
        for _ in 0..<min(max(1, width), max(1, argumentLists.count)) {
            group.enter()
            Thread.detachNewThread {
                while let index = state.next() {
                    progress.started(labels[index])
                    let result = runChild(executable, argumentLists[index], pool: state)
                    state.store(result, at: index)
                    let outcome = switch (result.status, checking) {
                    case (0, false): "drew"
                    case (0, true): "current"
                    case (1, true): "STALE"
                    default: state.wasStopped ? "stopped" : "FAILED"
                    }
                    progress.finished(labels[index], line: "\(outcome) \(labels[index])")
                }
                group.leave()
            }
        }
        group.wait()
        // Stopped by a signal: the signal thread ends the process once the
        // children have; nothing more is written (no manifest, no gallery).
        while state.wasStopped { sleep(1) }
        return state.results
    }

    /// Runs one child: its JSON reports from standard output, its messages from standard error.
    static func runChild(_ executable: URL, _ arguments: [String], pool: ChildPool) -> ChildResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out: FileHandle, err: FileHandle
        do {
            (out, err) = try process.runPiped()
        } catch {
            return ChildResult(status: ExitStatus.software, reports: [],
                               lines: ["relgraph: error: cannot start \(executable.path): \(error)"])
        }
        pool.started(process.processIdentifier)
        defer { pool.ended(process.processIdentifier) }
        // Read standard error on another thread so that neither pipe fills up.
        let errors = PipeCollector(err)
        let outData = out.readDataToEndOfFile()
        let errData = errors.wait()
        process.waitUntilExit()
        let status = process.terminationReason == .exit ? process.terminationStatus : ExitStatus.software
        let (reports, other) = BatchChildReport.parse(String(decoding: outData, as: UTF8.self))
        let lines = String(decoding: errData, as: UTF8.self).split(separator: "\n").map(String.init) + other
        return ChildResult(status: status, reports: reports, lines: lines)
    }

    /// A child's message with the input named: `relgraph: warning: graphs/a.yaml: view 'x': ...`.
    static func attributed(_ line: String, to input: String) -> String {
        for prefix in ["relgraph: warning: ", "relgraph: error: ", "relgraph: graphviz: "] where line.hasPrefix(prefix) {
            return prefix + input + ": " + line.dropFirst(prefix.count)
        }
        return line
    }

    /// Writes `data` atomically unless the file already holds exactly these bytes.
    static func writeIfChanged(_ data: Data, to path: String) throws {
        if AtomicFile.currentBytes(at: path) == data { return }
        try AtomicFile.write(data, to: path)
    }
}

/// Work shared by the pool's threads: the next job index, the results, and the
/// children running now (to pass a signal on to them).
final class ChildPool: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var stored: [BatchRender.ChildResult?]
    private var running: Set<pid_t> = []
    /// The signal the batch was stopped by, once it was.
    private var stopSignal: Int32?
    private let allEnded = NSCondition()

    init(count: Int) {
        self.count = count
        stored = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count, stopSignal == nil else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    /// A child started; one started after the batch was stopped is stopped at once.
    func started(_ pid: pid_t) {
        let signal = lock.withLock { () -> Int32? in
            running.insert(pid)
            return stopSignal
        }
        if let signal { kill(pid, signal) }
    }

    /// Whether the batch was told to stop.
    var wasStopped: Bool { lock.withLock { stopSignal != nil } }

    /// A child ended (and was reaped).
    func ended(_ pid: pid_t) {
        allEnded.lock()
        lock.withLock { _ = running.remove(pid) }
        allEnded.broadcast()
        allEnded.unlock()
    }

    /// Starts no more children, sends `signal` to the running ones, and waits
    /// until every one has ended (up to 30 s, then they are killed).
    /// - Returns: how many were running.
    func stop(forwarding signal: Int32) -> Int {
        let pids = lock.withLock { () -> Set<pid_t> in
            stopSignal = signal
            return running
        }
        for pid in pids { kill(pid, signal) }
        let deadline = Date().addingTimeInterval(30)
        allEnded.lock()
        while !lock.withLock({ running.isEmpty }) {
            if !allEnded.wait(until: deadline) {
                lock.withLock { running }.forEach { kill($0, SIGKILL) }
                _ = allEnded.wait(until: Date().addingTimeInterval(5))
                break
            }
        }
        allEnded.unlock()
        return pids.count
    }

    func store(_ result: BatchRender.ChildResult, at index: Int) {
        lock.withLock { stored[index] = result }
    }

    var results: [BatchRender.ChildResult] {
        lock.withLock { stored.map { $0 ?? BatchRender.ChildResult(status: ExitStatus.software, reports: [], lines: []) } }
    }
}
