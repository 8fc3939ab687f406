import Foundation
import Testing

/// Where things are, for every test target: the package, the shared read-only
/// test data, and the built `relgraph` binary. No machine paths in tests.
public enum TestPaths {
    /// The package root (this file is Tests/RelGraphTestSupport/TestPaths.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared, read-only test data (`shared/data`): `$RELGRAPH_SHARED_DATA`,
    /// else the first `shared/data` found in the package root's parent folders
    /// (CI clones sit beside `shared/`, as the work trees do), else `../shared/data`
    /// (missing: the tests that read it say so). A clone elsewhere sets the variable.
    public static let sharedData: URL = {
        if let path = ProcessInfo.processInfo.environment["RELGRAPH_SHARED_DATA"] { return URL(fileURLWithPath: path) }
        var folder = packageRoot
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("shared/data")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.standardizedFileURL }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent("../shared/data").standardizedFileURL
    }()

    /// Graphviz's own test graphs, in the shared data.
    public static let dotData: URL = sharedData.appendingPathComponent("dot")

    /// Whether Graphviz's test graphs are there: the condition of a test that reads
    /// them (`.enabled(if:)`), so that a clone without `shared/` beside it skips it
    /// and says why.
    public static let hasDotData = FileManager.default.fileExists(atPath: dotData.appendingPathComponent("clust4.gv").path)

    /// Why a test that reads Graphviz's test graphs is skipped.
    public static let noDotData: Comment = "needs Graphviz's test graphs in shared/data/dot beside the clone (or RELGRAPH_SHARED_DATA)"

    /// The text the flagship encodes, the op-ed of 9 October 2025, beside the shared
    /// data (`shared/seed/asian-age-2025-10-09-iskp-isi.txt`); not in the package.
    public static let flagshipSeedText: URL = sharedData.deletingLastPathComponent()
        .appendingPathComponent("seed/asian-age-2025-10-09-iskp-isi.txt")

    /// The flagship network.
    public static let flagship: URL = packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml")

    /// The built binary. `swift test` builds the `relgraph` product into the same
    /// directory as the test bundle, whatever `--build-path` is; `RELGRAPH_BIN`
    /// overrides; `.build/debug/relgraph` is the last resort. `nil` when none exists.
    public static let relgraph: URL? = {
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

    /// Graphviz's `dot` CLI from `PATH` (the one beside the Graphviz relgraph was
    /// built against, when `scripts/graphviz14.sh` runs the tests), or `nil`.
    public static let dotCLI: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent("dot") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The built binary.
    /// - Throws: ``TestSupportError`` saying how to build it, so a test that needs it fails.
    public static func relgraphBinary() throws -> URL {
        guard let relgraph else {
            throw TestSupportError("the relgraph binary is missing: run `swift build` (or set RELGRAPH_BIN) before `swift test`")
        }
        return relgraph
    }

    /// A fresh empty directory, removed by the caller.
    public static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("relgraph-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A test could not do what it needs (a missing binary, a tool that failed to start).
public struct TestSupportError: Error, CustomStringConvertible {
    /// What is wrong and what to do.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
