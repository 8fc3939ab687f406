import Foundation
import RelGraph

#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process did.
public struct ProcessResult: Sendable {
    /// The exit status (`-1` when a signal ended it).
    public var status: Int32
    /// The signal that ended it, if one did.
    public var signal: Int32?
    /// Standard output, as bytes.
    public var stdoutData: Data
    /// Standard error.
    public var stderr: String

    /// Standard output, as text.
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
}

/// The one way tests run a program: both pipes read at once (a full pipe never
/// blocks the child), a quiet Swift backtrace, no pager.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` in `directory`, feeding `stdin`.
    /// - Throws: when the program cannot be started (so the test fails).
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                           environment: [String: String]? = nil, extraEnvironment: [String: String] = [:]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil {
            env["SWIFT_BACKTRACE"] = "enable=no"
            env["GIT_PAGER"] = "cat"
        }
        for (key, value) in extraEnvironment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        do {
            try process.run()
        } catch {
            throw TestSupportError("cannot start \(executable.path): \(error)")
        }
        if let stdin {
            signal(SIGPIPE, SIG_IGN)
            try? input.fileHandleForWriting.write(contentsOf: stdin)  // a child that exits early closes its end
            try? input.fileHandleForWriting.close()
        }
        let errors = PipeCollector(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let signaled = process.terminationReason == .uncaughtSignal
        return ProcessResult(status: signaled ? -1 : process.terminationStatus, signal: signaled ? process.terminationStatus : nil,
                             stdoutData: output, stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Runs the built `relgraph`.
    /// - Throws: when the binary is missing or cannot start.
    public static func relgraph(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                                environment: [String: String]? = nil) throws -> ProcessResult {
        try run(try TestPaths.relgraphBinary(), arguments, in: directory ?? TestPaths.packageRoot, stdin: stdin, environment: environment)
    }
}
