import Foundation
import Testing
import RelGraphTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The `relgraph` binary `swift test` built (see ``CLI/binary``).
/// - Throws: when it is missing, saying what to do, so the test fails.
func relgraphBinaryPath() throws -> String {
    try TestPaths.relgraphBinary().path
}

/// What a finished child process did.
struct Finished {
    var status: Int32
    /// The signal that killed it, if one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` (``ProcessRunner``).
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> Finished {
    let result = try ProcessRunner.run(URL(fileURLWithPath: executable), arguments)
    return Finished(status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr)
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory(_ name: String) throws -> URL {
    try CLI.temporaryDirectory(name)
}
