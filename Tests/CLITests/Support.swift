import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The `relgraph` binary `swift test` built (see ``CLI/binary``).
/// - Throws: when it is missing, saying what to do, so the test fails.
func relgraphBinaryPath() throws -> String {
    guard let binary = CLI.binary else {
        throw CLITestError("the relgraph binary is missing: run `swift build` (or set RELGRAPH_BIN) before `swift test`")
    }
    return binary.path
}

/// What a finished child process did.
struct Finished {
    var status: Int32
    /// The signal that killed it, if one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`; `/bin/sh -c` when `shell` is set.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdin: FileHandle? = nil) throws -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    if let stdin { process.standardInput = stdin }
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    try process.run()
    // Read before waiting, so a full pipe never blocks the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let signaled = process.terminationReason == .uncaughtSignal
    return Finished(status: signaled ? -1 : process.terminationStatus, signal: signaled ? process.terminationStatus : nil,
                    stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory(_ name: String) throws -> URL {
    try CLI.temporaryDirectory(name)
}
