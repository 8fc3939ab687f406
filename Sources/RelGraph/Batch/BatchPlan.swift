import Foundation

/// A batch render planned: every network file under a directory, whole and
/// through each of its named views, with the outputs each diagram writes in
/// the output folder (`OUT/SUB/STEM.svg`, `OUT/SUB/STEM.VIEW.svg`, named by
/// ``OutputFolder/fileName(stem:view:fileExtension:)``).
///
/// The plan does the bookkeeping of `relgraph render DIR --out-dir OUT`, and
/// draws nothing: which inputs are up to date against the last
/// ``BatchManifest``, the new manifest, and which outputs of an earlier run no
/// input produces any more (deleted only inside OUT).
package struct BatchPlan: Sendable {
    /// One diagram: a network file, whole or through one named view.
    package struct Job: Sendable, Equatable {
        /// The input file, relative to the directory.
        package var input: String
        /// The input file as the user can find it (the directory joined to ``input``).
        package var path: String
        /// The named view, or `nil` for the whole network.
        package var view: String?
        /// The output files, relative to OUT, one per file extension.
        package var outputs: [String]
        /// The folder the diagram's files go to (OUT or OUT/SUB).
        package var outputDirectory: String
        /// The diagram's title (the view's, else the network's, else the file's stem).
        package var title: String
        /// What the view applies ("focus ISKP, depth 1"); empty for none.
        package var summary: String
        /// "5 entities, 7 relations".
        package var counts: String

        /// "graphs/net.yaml" or "graphs/net.yaml (view iskp-ties)".
        package var label: String { path + (view.map { " (view \($0))" } ?? "") }
    }

    /// Why an input is not drawn.
    package struct Failure: Sendable, Equatable {
        /// What kind of problem.
        package enum Kind: Sendable, Equatable {
            /// The file cannot be read.
            case unreadable
            /// The network has errors (its diagnostics are in ``BatchPlan/diagnostics``).
            case invalid
            /// A view cannot be applied (e.g. the view flags clash with it).
            case view
            /// A view's name cannot name a file, or two outputs would be one file.
            case outputName
        }
        /// What kind of problem.
        package var kind: Kind
        /// The problem in words ("invalid: 2 errors (see above)").
        package var reason: String
    }

    /// A network file found in the directory.
    package struct Input: Sendable {
        /// Relative to the directory.
        package var relativePath: String
        /// The network's title, else the relative path.
        package var title: String
        /// `sha256:` of the bytes, versions and options; empty when not drawn.
        package var hash: String
        /// Its diagrams (empty when it cannot be drawn).
        package var jobs: [Job]
        /// Why it is not drawn, if it is not.
        package var failure: Failure?
    }

    /// The input directory.
    package var directory: String
    /// OUT.
    package var folder: OutputFolder
    /// Every network file, in path (byte) order.
    package var inputs: [Input]
    /// Diagnostics from loading the networks, in the order of ``inputs``.
    package var diagnostics: [Diagnostic]

    /// Plans the batch.
    ///
    /// - Parameters:
    ///   - directory: where the network files are (searched recursively; hidden
    ///     files and OUT are skipped; only files holding a mapping with `entities`).
    ///   - outDirectory: OUT.
    ///   - fileExtensions: one output per extension for each diagram (`svg`, `dot`).
    ///   - flags: view settings laid over every view (and used alone for the whole network).
    ///   - graphvizVersion: part of each input's hash (a new Graphviz draws again).
    ///   - options: the drawing options, part of each input's hash.
    ///   - loader: reads and decodes the network files.
    package init(directory: String, outDirectory: String, fileExtensions: [String], flags: ViewDefinition,
                graphvizVersion: String, options: [String], loader: NetworkLoader = NetworkLoader()) {
        self.directory = directory
        folder = OutputFolder(outDirectory)
        inputs = []
        diagnostics = []
        var claimed: [String: String] = [:]  // output → input, to catch two inputs writing one file
        for relative in Self.discover(directory: directory, excluding: outDirectory) {
            let path = (directory as NSString).appendingPathComponent(relative)
            let read = loader.readBytes(path: path, regularFilesOnly: true)
            guard case .success(let bytes) = read else {
                let reason = if case .failure(let diagnostic) = read { diagnostic.message } else { "cannot be read" }
                inputs.append(Input(relativePath: relative, title: relative, hash: "", jobs: [],
                                    failure: Failure(kind: .unreadable, reason: reason)))
                continue
            }
            let format = InputFormat.fromExtension(of: path)
            guard loader.looksLikeNetwork(bytes, format: format) else { continue }
            let loaded = loader.load(bytes: bytes, file: path, format: format)
            diagnostics += loaded.diagnostics
            let title = loaded.network.title ?? relative
            if loaded.hasErrors {
                let count = loaded.errors.count
                inputs.append(Input(relativePath: relative, title: title, hash: "", jobs: [],
                                    failure: Failure(kind: .invalid, reason: "invalid: \(count) error\(count == 1 ? "" : "s") (see above)")))
                continue
            }
            var hash = SHA256Hasher()
            hash.update("relgraph batch 1\u{0}relgraph \(RelGraphInfo.version)\u{0}graphviz \(graphvizVersion)\u{0}")
            hash.update(options.joined(separator: "\u{0}") + "\u{0}\u{0}")
            hash.update(bytes)
            var input = Input(relativePath: relative, title: title, hash: "sha256:" + SHA256Hasher.hexString(hash.finalize()), jobs: [])
            do {
                input.jobs = try jobs(for: relative, path: path, network: loaded.network, fileExtensions: fileExtensions, flags: flags)
            } catch let error as OutputPathError {
                input.failure = Failure(kind: .outputName, reason: "\(error)")
            } catch let problem as ViewProblem {
                input.failure = Failure(kind: .view, reason: problem.message)
            } catch {
                input.failure = Failure(kind: .view, reason: "\(error)")
            }
            if let (one, other) = OutputFolder.caseCollision(in: Array(claimed.keys) + input.jobs.flatMap(\.outputs)) {
                input.failure = Failure(kind: .outputName,
                                        reason: "\(one) and \(other) differ only by case and would overwrite each other on macOS and Windows; rename one")
                input.jobs = []
            }
            for output in input.jobs.flatMap(\.outputs) {
                if let other = claimed[output] {
                    input.failure = Failure(kind: .outputName, reason: "\(relative) and \(other) would both write \(output); rename one")
                    input.jobs = []
                    break
                }
            }
            for output in input.jobs.flatMap(\.outputs) { claimed[output] = relative }
            inputs.append(input)
        }
    }

    /// A view that cannot be applied, named in the message.
    struct ViewProblem: Error {
        var message: String
    }

    /// The diagrams of one network: the whole network, then each named view in name order.
    func jobs(for relative: String, path: String, network: Network, fileExtensions: [String], flags: ViewDefinition) throws -> [Job] {
        let subdirectory = (relative as NSString).deletingLastPathComponent
        let stem = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
        let outputDirectory = subdirectory.isEmpty ? folder.path : try folder.path(of: subdirectory)
        var jobs: [Job] = []
        for viewName in [nil] + network.views.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map(Optional.some) {
            let view = viewName.map { network.views[$0]!.overridden(by: flags) } ?? flags
            let result: ViewResult
            do {
                result = try network.applying(view)
            } catch {
                throw ViewProblem(message: "\(viewName.map { "view '\($0)': " } ?? "")\(error.description)")
            }
            let outputs = try fileExtensions.map { ext in
                let file = try OutputFolder.fileName(stem: stem, view: viewName, fileExtension: ext)
                return subdirectory.isEmpty ? file : (subdirectory as NSString).appendingPathComponent(file)
            }
            let e = result.network.entities.count, r = result.network.relations.count
            jobs.append(Job(input: relative, path: path, view: viewName, outputs: outputs, outputDirectory: outputDirectory,
                            title: view.title ?? network.title ?? stem, summary: result.summary,
                            counts: "\(e) entit\(e == 1 ? "y" : "ies"), \(r) relation\(r == 1 ? "" : "s")"))
        }
        return jobs
    }

    /// Relative paths of the candidate files under `directory` (`.yaml`, `.yml`,
    /// `.json`, not hidden, not inside `excluding`), in byte order. Only regular
    /// files count (a link counts as what it leads to): a FIFO, socket or device
    /// named `net.yaml` is never listed, so never opened.
    package static func discover(directory: String, excluding outDirectory: String) -> [String] {
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
            var status = stat()
            guard stat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let full = resolved.path
            guard full.hasPrefix(root.path + "/") else { continue }
            found.append(String(full.dropFirst(root.path.count + 1)))
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: Up to date

    /// Every diagram of every input that can be drawn.
    package var allJobs: [Job] { inputs.flatMap(\.jobs) }

    /// The inputs whose outputs are current against `manifest`: same hash, same
    /// outputs, each output's file holding the recorded bytes.
    package func currentInputs(against manifest: BatchManifest?) -> Set<String> {
        guard let manifest else { return [] }
        var current = Set<String>()
        for input in inputs where input.failure == nil {
            // The same outputs (compared as sets: a hostile manifest may list
            // hundreds of thousands), each holding the recorded bytes.
            let outputs = input.jobs.flatMap(\.outputs)
            if let entry = manifest.inputs[input.relativePath], entry.hash == input.hash,
               entry.outputs.count == Set(outputs).count, outputs.allSatisfy({ entry.outputs[$0] != nil }),
               entry.outputs.allSatisfy({ name, hash in outputHash(name) == hash }) {
                current.insert(input.relativePath)
            }
        }
        return current
    }

    /// The diagrams to draw: those of inputs that can be drawn and are not in `current`.
    package func jobsToDraw(current: Set<String>) -> [Job] {
        inputs.filter { $0.failure == nil && !current.contains($0.relativePath) }.flatMap(\.jobs)
    }

    /// `sha256:` of an output file (relative to OUT); `nil` when it is missing or
    /// its name would lead out of OUT.
    package func outputHash(_ relative: String) -> String? {
        guard let path = try? folder.path(of: relative), let data = AtomicFile.currentBytes(at: path) else { return nil }
        return "sha256:" + SHA256Hasher.hex(data)
    }

    // MARK: After drawing

    /// The manifest after a run: drawn inputs get fresh entries (their outputs'
    /// hashes read now), current ones keep theirs, failed and vanished ones go.
    package func manifest(after old: BatchManifest?, current: Set<String>, failed: Set<String>) -> BatchManifest {
        var manifest = BatchManifest(generator: "relgraph \(RelGraphInfo.version)", inputs: [:])
        for input in inputs where !failed.contains(input.relativePath) {
            if current.contains(input.relativePath), let entry = old?.inputs[input.relativePath] {
                manifest.inputs[input.relativePath] = entry
                continue
            }
            var outputs: [String: String] = [:]
            for name in input.jobs.flatMap(\.outputs) { outputs[name] = outputHash(name) ?? "" }
            manifest.inputs[input.relativePath] = BatchManifest.Entry(hash: input.hash, outputs: outputs)
        }
        return manifest
    }

    /// What ``deleteStaleOutputs(old:failed:)`` did.
    package typealias Cleanup = OutputFolder.Removal

    /// Deletes the outputs an earlier run wrote (listed in `old`) that nothing
    /// produces any more (a view was removed, an input deleted), except those of
    /// `failed` inputs, through ``OutputFolder/removeRecorded(_:)``: only regular
    /// files inside OUT that still hold the bytes the manifest recorded; never a
    /// folder, a link, or a file changed since.
    package func deleteStaleOutputs(old: BatchManifest?, failed: Set<String>) -> Cleanup {
        let produced = Set(allJobs.flatMap(\.outputs))
        var stale: [String: String] = [:]
        for (name, entry) in old?.inputs ?? [:] where !failed.contains(name) {
            for (output, hash) in entry.outputs where !produced.contains(output) { stale[output] = hash }
        }
        return folder.removeRecorded(stale)
    }
}
