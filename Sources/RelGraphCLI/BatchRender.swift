import ArgumentParser
import Foundation
import RelGraph
import RelGraphviz

/// `relgraph render DIR --out-dir OUT`: every network file under DIR, whole and
/// through each of its named views, into OUT (`OUT/SUB/STEM.svg`,
/// `OUT/SUB/STEM.VIEW.svg`), with an `OUT/index.html` gallery.
///
/// - Networks are the `.yaml`, `.yml` and `.json` files (hidden ones and OUT
///   excluded) that hold a mapping with an `entities` key.
/// - Up to date files are skipped: `OUT/.relgraph-manifest.json` records, per
///   input, a SHA-256 of the input's bytes, relgraph's and Graphviz's versions and
///   the options, and the SHA-256 of each output. An input is drawn again when
///   that hash changed or an output is missing or was edited.
/// - Graphviz is serialised inside a process, so the diagrams are drawn by child
///   `relgraph render FILE [--view NAME] ...` processes of this same binary, at
///   most `--jobs` at a time.
/// - `--check` draws every diagram in memory (in the children) and compares it
///   with OUT's files, and the gallery likewise; it writes nothing, names the
///   stale files and exits 1 when any is stale.
struct BatchRender {
    /// One diagram: a network file, whole or through one named view.
    struct Job {
        /// The input file, relative to the directory.
        var input: String
        /// The input file as the user can find it (the directory joined to ``input``).
        var path: String
        /// The named view, or `nil` for the whole network.
        var view: String?
        /// The output files, relative to OUT, one per format.
        var outputs: [String]
        /// What the gallery shows.
        var title: String
        var summary: String
        var counts: String
        /// The arguments of the child `relgraph` process.
        var arguments: [String]

        /// "graphs/net.yaml" or "graphs/net.yaml (view iskp-ties)".
        var label: String { path + (view.map { " (view \($0))" } ?? "") }
    }

    /// A network file found in the directory.
    struct Input {
        /// Relative to the directory.
        var relativePath: String
        /// The network's title.
        var title: String
        /// SHA-256 of the bytes, versions and options.
        var hash: String
        /// Its diagrams (empty when it could not be planned).
        var jobs: [Job]
        /// Why it was not drawn, if it was not.
        var failure: (status: Int32, reason: String)?
    }

    /// What one child process did.
    struct ChildResult: Sendable {
        var status: Int32
        var lines: [String]
    }

    let command: RenderCommand
    /// The input directory.
    let directory: String
    /// OUT.
    let outDirectory: String

    static let galleryName = "index.html"

    // MARK: Run

    func run() throws {
        let started = Date()
        let quiet = command.quiet
        let formats = try command.formats()
        let inputs = plan(formats: formats)
        if inputs.isEmpty {
            Terminal.error("relgraph: error: \(directory) holds no network files (.yaml, .yml or .json with an `entities` key)")
            throw ExitCode(ExitStatus.noInput)
        }
        let oldManifest = command.check ? nil : BatchManifest.read(from: outDirectory)

        // Which inputs need drawing.
        var current = Set<String>()
        if let oldManifest {
            for input in inputs where input.failure == nil {
                if let entry = oldManifest.inputs[input.relativePath], entry.hash == input.hash,
                   entry.outputs.keys.sorted() == input.jobs.flatMap(\.outputs).sorted(),
                   entry.outputs.allSatisfy({ name, hash in outputHash(name) == hash }) {
                    current.insert(input.relativePath)
                }
            }
        }
        let jobs = inputs.filter { $0.failure == nil && !current.contains($0.relativePath) }.flatMap(\.jobs)

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
        let results = Self.runChildren(jobs.map(\.arguments), width: command.jobs ?? Self.defaultJobs, progress: progress,
                                       labels: jobs.map(\.label), checking: command.check)
        progress.done()

        // Collect.
        var failedInputs = Set<String>()
        var firstFailure: Int32?
        var stale: [String] = []
        for input in inputs where input.failure != nil {
            failedInputs.insert(input.relativePath)
            firstFailure = firstFailure ?? input.failure!.status
        }
        for (job, result) in zip(jobs, results) {
            let ok = result.status == 0 || (command.check && result.status == 1)
            for line in result.lines {
                if command.check, line.hasPrefix("stale: ") { stale.append(String(line.dropFirst(7))); continue }
                if line.hasPrefix("wrote ") || line.hasPrefix("relgraph: all ") { continue }
                if !ok || !quiet || line.contains("error") { Terminal.error(Self.attributed(line, to: job.path)) }
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
            if (try? Data(contentsOf: URL(fileURLWithPath: galleryPath))) != gallery {
                stale.append("\(galleryPath) (\(FileManager.default.fileExists(atPath: galleryPath) ? "differs" : "missing"))")
            }
            for line in stale { Terminal.print("stale: \(line)") }
            if let firstFailure { throw ExitCode(firstFailure) }
            if !stale.isEmpty {
                if !quiet { Terminal.error("relgraph: \(stale.count) stale output\(stale.count == 1 ? "" : "s"): run `relgraph render \(directory) --out-dir \(outDirectory)`") }
                throw ExitCode(ExitStatus.differences)
            }
            if !quiet {
                let count = inputs.flatMap(\.jobs).flatMap(\.outputs).count + 1
                Terminal.error("relgraph: all \(count) outputs in \(outDirectory) are current")
            }
            return
        }

        // Manifest: drawn inputs get fresh entries, current ones keep theirs, failed and vanished ones go.
        var manifest = BatchManifest(generator: "relgraph \(RelGraphInfo.version)", inputs: [:])
        var removed: [String] = []
        for input in inputs where !failedInputs.contains(input.relativePath) {
            if current.contains(input.relativePath), let entry = oldManifest?.inputs[input.relativePath] {
                manifest.inputs[input.relativePath] = entry
                continue
            }
            var outputs: [String: String] = [:]
            for name in input.jobs.flatMap(\.outputs) { outputs[name] = outputHash(name) ?? "" }
            manifest.inputs[input.relativePath] = BatchManifest.Entry(hash: input.hash, outputs: outputs)
        }
        // Outputs this tool wrote before that nothing produces any more (a view was removed, an input deleted).
        let produced = Set(inputs.flatMap(\.jobs).flatMap(\.outputs))
        for (name, entry) in oldManifest?.inputs ?? [:] where !failedInputs.contains(name) {
            for output in entry.outputs.keys where !produced.contains(output) { removed.append(output) }
        }
        let folder = OutputFolder(outDirectory)
        for output in Set(removed).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let path: String
            do {
                path = try folder.path(of: output)
            } catch {
                // A manifest is input like any other: an entry that leads out of OUT is never followed.
                Terminal.error("relgraph: warning: \(outDirectory)/\(BatchManifest.fileName): left alone: \(error)")
                continue
            }
            if (try? FileManager.default.removeItem(atPath: path)) != nil, !quiet { Terminal.error("removed \(path)") }
        }
        do {
            try Self.writeIfChanged(try manifest.data(), to: (outDirectory as NSString).appendingPathComponent(BatchManifest.fileName))
            try Self.writeIfChanged(gallery, to: galleryPath)
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        if !quiet {
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            let drawn = jobs.count - results.filter { $0.status != 0 }.count
            Terminal.error("rendered \(drawn) diagram\(drawn == 1 ? "" : "s") of \(inputs.count - current.count - failedInputs.count) file\(inputs.count - current.count - failedInputs.count == 1 ? "" : "s") in \(seconds) s"
                + (current.isEmpty ? "" : "; \(current.count) unchanged") + "; gallery: \(galleryPath)")
        }
        if let firstFailure { throw ExitCode(firstFailure) }
    }

    // MARK: Planning

    /// Every network file under the directory with its jobs, in path order.
    func plan(formats: [RenderFormat]) -> [Input] {
        let loader = NetworkLoader()
        var inputs: [Input] = []
        var claimed: [String: String] = [:]  // output → input, to catch two inputs writing one file
        let graphvizVersion = (try? GraphvizContext.shared.version()) ?? "unknown"
        let options = sharedArguments(formats: formats)
        for relative in discover() {
            let path = (directory as NSString).appendingPathComponent(relative)
            guard case .success(let bytes) = loader.readBytes(path: path) else {
                inputs.append(Input(relativePath: relative, title: relative, hash: "", jobs: [], failure: (ExitStatus.noInput, "cannot be read")))
                continue
            }
            let format = InputFormat.fromExtension(of: path)
            guard loader.looksLikeNetwork(bytes, format: format) else { continue }
            let loaded = loader.load(bytes: bytes, file: path, format: format)
            for diagnostic in loaded.diagnostics where diagnostic.isError || !command.quiet { Terminal.error(diagnostic.formatted) }
            let title = loaded.network.title ?? relative
            if loaded.hasErrors {
                inputs.append(Input(relativePath: relative, title: title, hash: "", jobs: [],
                                    failure: (ExitStatus.dataError, "invalid: \(loaded.errors.count) error\(loaded.errors.count == 1 ? "" : "s") (see above)")))
                continue
            }
            var hash = SHA256()
            hash.update("relgraph batch 1\u{0}relgraph \(RelGraphInfo.version)\u{0}graphviz \(graphvizVersion)\u{0}")
            hash.update(options.joined(separator: "\u{0}") + "\u{0}\u{0}")
            hash.update(bytes)
            var input = Input(relativePath: relative, title: title, hash: "sha256:" + SHA256.hexString(hash.finalize()), jobs: [])
            do {
                input.jobs = try jobs(for: relative, path: path, network: loaded.network, formats: formats, options: options)
            } catch let error as OutputPathError {
                input.failure = (ExitStatus.dataError, "\(error)")
            } catch {
                input.failure = (ExitStatus.usage, "\(error)")
            }
            if let (one, other) = OutputFolder.caseCollision(in: Array(claimed.keys) + input.jobs.flatMap(\.outputs)) {
                input.failure = (ExitStatus.dataError, "\(one) and \(other) differ only by case and would overwrite each other on macOS and Windows; rename one")
                input.jobs = []
            }
            for output in input.jobs.flatMap(\.outputs) {
                if let other = claimed[output] {
                    input.failure = (ExitStatus.usage, "\(relative) and \(other) would both write \(output); rename one")
                    input.jobs = []
                    break
                }
            }
            for output in input.jobs.flatMap(\.outputs) { claimed[output] = relative }
            inputs.append(input)
        }
        return inputs
    }

    /// The diagrams of one network: the whole network, then each named view in name order.
    func jobs(for relative: String, path: String, network: Network, formats: [RenderFormat], options: [String]) throws -> [Job] {
        let flags = try command.viewOptions.flagsView()
        let subdirectory = (relative as NSString).deletingLastPathComponent
        let name = (relative as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let childOutDir = subdirectory.isEmpty ? outDirectory : try OutputFolder(outDirectory).path(of: subdirectory)
        var jobs: [Job] = []
        for viewName in [nil] + network.views.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map(Optional.some) {
            let view = viewName.map { network.views[$0]!.overridden(by: flags) } ?? flags
            let result: ViewResult
            do {
                result = try network.applying(view)
            } catch {
                throw ValidationError("\(viewName.map { "view '\($0)': " } ?? "")\(error.description)")
            }
            let outputs = try formats.map { format in
                let file = try OutputFolder.fileName(stem: stem, view: viewName, fileExtension: format.fileExtension)
                return subdirectory.isEmpty ? file : (subdirectory as NSString).appendingPathComponent(file)
            }
            var arguments = ["render", path, "--out-dir", childOutDir] + options
            if let viewName { arguments += ["--view", viewName] }
            if command.check { arguments.append("--check") }
            let e = result.network.entities.count, r = result.network.relations.count
            jobs.append(Job(input: relative, path: path, view: viewName, outputs: outputs,
                            title: view.title ?? network.title ?? stem, summary: result.summary,
                            counts: "\(e) entit\(e == 1 ? "y" : "ies"), \(r) relation\(r == 1 ? "" : "s")",
                            arguments: arguments))
        }
        return jobs
    }

    /// The options every child gets (and that the content hash covers), in a fixed order.
    func sharedArguments(formats: [RenderFormat]) -> [String] {
        var arguments = ["--format", formats.map(\.rawValue).joined(separator: ","), "--engine", command.engine,
                         "--theme", command.theme.rawValue, "--svg-mode", command.svgMode.rawValue]
        if command.noLegend { arguments.append("--no-legend") }
        if command.responsive { arguments.append("--responsive") }
        if let prefix = command.idPrefix { arguments += ["--id-prefix", prefix] }
        return arguments + command.viewOptions.forwardedArguments()
    }

    /// Relative paths of the candidate files (`.yaml`, `.yml`, `.json`, not hidden, not in OUT), in byte order.
    func discover() -> [String] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
        let out = URL(fileURLWithPath: outDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        var found: [String] = []
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) else { return [] }
        for case let url as URL in enumerator {
            let resolved = url.standardizedFileURL.resolvingSymlinksInPath()
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            if isDirectory {
                if resolved.path == out { enumerator.skipDescendants() }
                continue
            }
            guard InputFormat.fromExtension(of: url.path) != nil else { continue }
            let full = resolved.path
            guard full.hasPrefix(root.path + "/") else { continue }
            found.append(String(full.dropFirst(root.path.count + 1)))
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// SHA-256 of an output file (relative to OUT), `nil` when it is missing or
    /// its name would lead out of OUT (``OutputFolder/path(of:)``).
    func outputHash(_ relative: String) -> String? {
        guard let path = try? OutputFolder(outDirectory).path(of: relative),
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return "sha256:" + SHA256.hex(data)
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
    static func runChildren(_ argumentLists: [[String]], width: Int, progress: Progress, labels: [String],
                            checking: Bool) -> [ChildResult] {
        let state = ChildPool(count: argumentLists.count)
        let group = DispatchGroup()
        let executable = executable
        for _ in 0..<min(max(1, width), max(1, argumentLists.count)) {
            group.enter()
            Thread.detachNewThread {
                while let index = state.next() {
                    progress.started(labels[index])
                    let result = runChild(executable, argumentLists[index])
                    state.store(result, at: index)
                    let outcome = switch (result.status, checking) {
                    case (0, false): "drew"
                    case (0, true): "current"
                    case (1, true): "STALE"
                    default: "FAILED"
                    }
                    progress.finished(labels[index], line: "\(outcome) \(labels[index])")
                }
                group.leave()
            }
        }
        group.wait()
        return state.results
    }

    /// Runs one child, collecting its standard output and error (merged) as lines.
    static func runChild(_ executable: URL, _ arguments: [String]) -> ChildResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ChildResult(status: ExitStatus.software, lines: ["relgraph: error: cannot start \(executable.path): \(error)"])
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationReason == .exit ? process.terminationStatus : ExitStatus.software
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return ChildResult(status: status, lines: lines)
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
        if FileManager.default.contents(atPath: path) == data { return }
        try AtomicFile.write(data, to: path)
    }
}

/// Work shared by the pool's threads: the next job index and the results.
final class ChildPool: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var stored: [BatchRender.ChildResult?]

    init(count: Int) {
        self.count = count
        stored = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ result: BatchRender.ChildResult, at index: Int) {
        lock.withLock { stored[index] = result }
    }

    var results: [BatchRender.ChildResult] {
        lock.withLock { stored.map { $0 ?? BatchRender.ChildResult(status: ExitStatus.software, lines: []) } }
    }
}

/// `OUT/.relgraph-manifest.json`: what the last batch render drew from what.
struct BatchManifest: Codable, Equatable {
    /// One input: the hash of what it was drawn from, and each output's hash.
    struct Entry: Codable, Equatable {
        /// `sha256:` of the input bytes, relgraph's and Graphviz's versions and the options.
        var hash: String
        /// Output path (relative to OUT) → `sha256:` of its bytes.
        var outputs: [String: String]
    }

    /// The manifest format's version.
    var version = 1
    /// `relgraph 0.1.0`.
    var generator: String
    /// Input path (relative to the input directory) → entry.
    var inputs: [String: Entry]

    static let fileName = ".relgraph-manifest.json"

    /// The manifest in `directory`, or `nil` when there is none (or it cannot be read: then everything is drawn).
    static func read(from directory: String) -> BatchManifest? {
        guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(fileName)),
              let manifest = try? JSONDecoder().decode(BatchManifest.self, from: data), manifest.version == 1 else { return nil }
        return manifest
    }

    /// Deterministic JSON: keys sorted, two-space indentation, final newline.
    func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
