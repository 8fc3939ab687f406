import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The package root (this file is Tests/CLITests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The debug `relgraph` binary that `swift build` / `swift test` makes; `nil` (with a
/// recorded issue saying what to do) when it is missing.
func relgraphBinary() -> String? {
    let path = packageRoot.appendingPathComponent(".build/debug/relgraph").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        Issue.record("the relgraph binary is missing at \(path): run `swift build` first")
        return nil
    }
    return path
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
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
