import Foundation
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `relgraph` binary that `swift test` built next to the tests.
var relgraphBinary: URL {
    // The test bundle lives in .build/<triple>/debug; the executable is beside it.
    let candidates = [
        Bundle.main.bundleURL.appendingPathComponent("relgraph"),
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("relgraph"),
        packageRoot.appendingPathComponent(".build/debug/relgraph"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
}

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
    let binary = relgraphBinary
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw CLITestError("relgraph binary not found at \(binary.path); run `swift build` first")
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
