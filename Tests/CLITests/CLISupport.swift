import Foundation
import Testing
import RelGraphTestSupport

/// The package root, found from this file's path.
let packageRoot = TestPaths.packageRoot


/// What a run of the CLI produced.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

/// Runs `relgraph` with `arguments` in `directory` (default: the package root),
/// feeding `stdin` (``ProcessRunner``).
/// - Throws: when the binary is missing or cannot start, so the test fails.
@discardableResult
func relgraph(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String]? = nil) throws -> RunResult {
    let result = try ProcessRunner.relgraph(arguments, in: directory, stdin: stdin.map { Data($0.utf8) }, environment: environment)
    return RunResult(status: result.status, stdout: result.stdout, stderr: result.stderr, stdoutData: result.stdoutData)
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
    /// The package root.
    static let packageRoot = TestPaths.packageRoot

    /// The built binary (``TestPaths/relgraph``).
    static let binary: URL? = TestPaths.relgraph

    static let flagship = TestPaths.flagship
    /// The shared, read-only test data (``TestPaths/sharedData``).
    static let sharedData: URL = TestPaths.sharedData

    /// Graphviz's own test graphs.
    static let dotData = TestPaths.dotData
    static let hasDotData = TestPaths.hasDotData
    static let noDotData = TestPaths.noDotData

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

    /// Runs `executable` with `arguments` in `directory`, in the `C` locale (``ProcessRunner``).
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let result = try ProcessRunner.run(executable, arguments, in: directory, extraEnvironment: ["LC_ALL": "C"].merging(extra) { $1 })
        return Result(status: result.status, stdout: result.stdoutData, stderr: result.stderr)
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
        try TestPaths.temporaryDirectory(name)
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
            confidence: disputed
            claims:
              - source: asian-age-2025-10-09
                quote: "By providing safe havens, funding, and training, ISI has bolstered ISKP"
              - source: asian-age-2025-10-09
                by: pakistan
                stance: denies
                quote: "Pakistan has attempted to deflect accusations of supporting ISKP by pointing to attacks carried out by the group inside its territory"
            tags: [nexus]

        """
    text = text.replacingOccurrences(of: funds, with: "")
    let trains = """
          - from: isi
            type: trains
            to: iskp
            confidence: disputed
        """
    text = text.replacingOccurrences(of: trains, with: trains.replacingOccurrences(of: "disputed", with: "reported"))
    return text
}
