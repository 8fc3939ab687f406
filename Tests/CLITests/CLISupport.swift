import Foundation
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()


/// What a run of the CLI produced.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

/// Runs `relgraph` with `arguments` in `directory`, feeding `stdin`.
@discardableResult
func relgraph(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String]? = nil) throws -> RunResult {
    guard let binary = CLI.binary else {
        throw CLITestError("the relgraph binary is missing: run `swift build` (or set RELGRAPH_BIN) before `swift test`")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    signal(SIGPIPE, SIG_IGN)
    if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Read both pipes concurrently so neither fills up.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Where things are, for tests that run the built `relgraph` binary.
enum CLI {
    /// The package root (this file is Tests/CLITests/CLISupport.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary. `swift test` builds the `relgraph` product into the same
    /// directory as the test bundle, whatever `--build-path` is; `RELGRAPH_BIN`
    /// overrides; `.build/debug/relgraph` is the last resort.
    static let binary: URL? = {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["RELGRAPH_BIN"] { candidates.append(URL(fileURLWithPath: path)) }
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            // …/debug/relgraphPackageTests.xctest → …/debug/relgraph
            candidates.append(URL(fileURLWithPath: test).deletingLastPathComponent().appendingPathComponent("relgraph"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("relgraph"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/relgraph"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static let flagship = packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml")
    /// The shared, read-only test data (`$RELGRAPH_SHARED_DATA`, else the first
    /// `shared/data` above the package root: CI clones sit beside `shared/`).
    static let sharedData: URL = {
        if let path = ProcessInfo.processInfo.environment["RELGRAPH_SHARED_DATA"] { return URL(fileURLWithPath: path) }
        var folder = packageRoot
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("shared/data")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.standardizedFileURL }
            folder = folder.deletingLastPathComponent()
        }
        // A clone elsewhere (e.g. /tmp) on a machine of this workplace: its shared folder.
        if FileManager.default.fileExists(atPath: "/work/shared/data") { return URL(fileURLWithPath: "/work/shared/data") }
        return packageRoot.appendingPathComponent("../shared/data").standardizedFileURL
    }()

    /// Graphviz's own test graphs.
    static let dotData = sharedData.appendingPathComponent("dot")

    /// The built binary, or a test failure that says how to get one.
    static func relgraph() throws -> URL {
        try #require(binary, "the relgraph binary is missing: run `swift build` (or set RELGRAPH_BIN) before `swift test`")
    }

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments` in `directory`.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = Collector(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: output, stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Runs the built relgraph.
    static func relgraph(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        try run(try relgraph(), arguments, in: directory)
    }

    /// Runs git (`/usr/bin/env git`).
    @discardableResult
    static func git(_ arguments: [String], in directory: URL) throws -> Result {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: directory)
        #expect(result.status == 0, "git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result
    }

    /// A fresh empty directory, removed by the caller.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("relgraph-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads a pipe to its end on a background thread.
private final class Collector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The flagship with the three edits of the issue's "done when": an entity
/// added, a confidence changed, a relation removed (as a user edits the YAML).
func editFlagship(_ yaml: String) -> String {
    var text = yaml
    let marker = "  # -------------------------------------------------------------- publications"
    text = text.replacingOccurrences(of: marker, with: """
          - id: zabihullah-mujahid
            kind: person
            name: Zabihullah Mujahid
            description: "Taliban spokesman."
            sources: [asian-age-2025-10-09]

        \(marker)
        """)
    let funds = """
          - from: isi
            type: funds
            to: iskp
            confidence: alleged
            claims:
              - source: asian-age-2025-10-09
                quote: "By providing safe havens, funding, and training, ISI has bolstered ISKP"
            tags: [nexus]

        """
    text = text.replacingOccurrences(of: funds, with: "")
    let trains = """
          - from: isi
            type: trains
            to: iskp
            confidence: alleged
        """
    text = text.replacingOccurrences(of: trains, with: trains.replacingOccurrences(of: "alleged", with: "reported"))
    return text
}
