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

    /// What `process`, which has ended, did.
    init(_ process: Process, stdoutData: Data, stderr: String) {
        let signaled = process.terminationReason == .uncaughtSignal
        self.status = signaled ? -1 : process.terminationStatus
        self.signal = signaled ? process.terminationStatus : nil
        self.stdoutData = stdoutData
        self.stderr = stderr
    }
}

/// The one way tests run a program: both pipes read at once (a full pipe never
/// blocks the child), a quiet Swift backtrace, no pager. ``run(_:_:in:stdin:environment:extraEnvironment:)``
/// runs one to its end; ``start(_:_:in:environment:extraEnvironment:)`` starts one
/// that the test signals, reads or waits for while it runs (``RunningProcess``).
public enum ProcessRunner {
    /// Runs `executable` with `arguments` in `directory`, feeding `stdin`.
    /// - Throws: when the program cannot be started (so the test fails).
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                           environment: [String: String]? = nil, extraEnvironment: [String: String] = [:]) throws -> ProcessResult {
        let process = makeProcess(executable, arguments, in: directory, environment: environment, extraEnvironment: extraEnvironment)
        let input = Pipe()
        let out: FileHandle, err: FileHandle
        do {
            (out, err) = try process.runPiped(input: stdin == nil ? nil : input)
        } catch {
            throw TestSupportError("cannot start \(executable.path): \(error)")
        }
        // Both pipes are read before standard input is written: a child that answers
        // while it reads cannot fill a pipe and wait on us.
        let errors = PipeCollector(err)
        let output = PipeCollector(out)
        if let stdin {
            signal(SIGPIPE, SIG_IGN)
            try? input.fileHandleForWriting.write(contentsOf: stdin)  // a child that exits early closes its end
            try? input.fileHandleForWriting.close()
        }
        let outputData = output.wait()
        process.waitUntilExit()
        return ProcessResult(process, stdoutData: outputData, stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Starts `executable` with `arguments` in `directory` and returns at once, for a
    /// test that acts on the program while it runs: signals it, reads what it has
    /// written so far, waits for it with a time limit (``RunningProcess``).
    /// Standard input is empty; the environment is ``run(_:_:in:stdin:environment:extraEnvironment:)``'s.
    /// - Throws: when the program cannot be started (so the test fails).
    public static func start(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                             environment: [String: String]? = nil, extraEnvironment: [String: String] = [:]) throws -> RunningProcess {
        let process = makeProcess(executable, arguments, in: directory, environment: environment, extraEnvironment: extraEnvironment)
        let out: FileHandle, err: FileHandle
        do {
            (out, err) = try process.runPiped()
        } catch {
            throw TestSupportError("cannot start \(executable.path): \(error)")
        }
        return RunningProcess(process, stdout: out, stderr: err)
    }

    /// A `Process` for `executable`: `environment`, else this one with a quiet Swift
    /// backtrace and no pager; `extraEnvironment` on top.
    private static func makeProcess(_ executable: URL, _ arguments: [String], in directory: URL?,
                                    environment: [String: String]?, extraEnvironment: [String: String]) -> Process {
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
        return process
    }

    /// Runs the built `relgraph`.
    /// - Throws: when the binary is missing or cannot start.
    public static func relgraph(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                                environment: [String: String]? = nil) throws -> ProcessResult {
        try run(try TestPaths.relgraphBinary(), arguments, in: directory ?? TestPaths.packageRoot, stdin: stdin, environment: environment)
    }
}

/// A program started by ``ProcessRunner/start(_:_:in:environment:extraEnvironment:)``,
/// for the tests that act on it mid-run: ``signal(_:)`` sends it a signal, ``standardError``
/// is what it has written so far, ``wait(timeout:)`` waits with a time limit.
///
/// Both pipes are read as the child writes (a full pipe never blocks it). A child still
/// running when its `RunningProcess` goes away is killed (SIGKILL) and reaped, so a test
/// that fails half-way leaves no process behind.
public final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let output: Output

    /// The child's process id (still valid after it ended, e.g. for "a process that is gone").
    public let pid: pid_t

    init(_ process: Process, stdout: FileHandle, stderr: FileHandle) {
        self.process = process
        self.pid = process.processIdentifier
        self.output = Output(stdout: stdout, stderr: stderr)
    }

    deinit {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Whether the child is still running.
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (`SIGINT`, `SIGTERM`, `SIGKILL`…) to the child.
    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// What the child has written to standard error so far.
    public var standardError: String { String(decoding: output.snapshot().stderr, as: UTF8.self) }

    /// Waits until `condition` holds of what the child has written to standard error
    /// so far: that text, or `nil` when `timeout` seconds pass first or the child
    /// closes its standard error (ends) without it holding.
    public func waitForStandardError(timeout: TimeInterval, until condition: (String) -> Bool) -> String? {
        output.wait(until: Date().addingTimeInterval(timeout)) { _, stderr, _ in
            let text = String(decoding: stderr, as: UTF8.self)
            return condition(text) ? text : nil
        }
    }

    /// Waits for the child to end: its status (or the signal that ended it) and all it wrote.
    public func wait() -> ProcessResult {
        process.waitUntilExit()
        return result()
    }

    /// Waits at most `timeout` seconds for the child to end: what it did, or `nil`
    /// when it is still running (then it is left running).
    public func wait(timeout: TimeInterval) -> ProcessResult? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { return nil }
        return wait()
    }

    /// What the ended child did. Its pipes are read to their end, for at most 10
    /// seconds: a grandchild that outlives it may hold them open.
    private func result() -> ProcessResult {
        let written = output.wait(until: Date().addingTimeInterval(10)) { stdout, stderr, open in
            open == 0 ? (stdout: stdout, stderr: stderr) : nil
        } ?? output.snapshot()
        return ProcessResult(process, stdoutData: written.stdout, stderr: String(decoding: written.stderr, as: UTF8.self))
    }

    /// Both pipes, read by a thread each as the child writes.
    private final class Output: @unchecked Sendable {
        private let condition = NSCondition()
        private var stdout = Data(), stderr = Data()
        private var open = 2

        init(stdout: FileHandle, stderr: FileHandle) {
            read(stdout) { $0.stdout.append($1) }
            read(stderr) { $0.stderr.append($1) }
        }

        private func read(_ handle: FileHandle, into append: @escaping @Sendable (Output, Data) -> Void) {
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    condition.lock()
                    if chunk.isEmpty { open -= 1 } else { append(self, chunk) }
                    condition.broadcast()
                    condition.unlock()
                    if chunk.isEmpty { break }
                }
            }
        }

        func snapshot() -> (stdout: Data, stderr: Data) {
            condition.lock()
            defer { condition.unlock() }
            return (stdout, stderr)
        }

        /// Waits until `check` returns a value for what was read so far (and how many
        /// pipes are still open), or `deadline`, or both pipes closed without one.
        func wait<T>(until deadline: Date, _ check: (Data, Data, Int) -> T?) -> T? {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let value = check(stdout, stderr, open) { return value }
                if open == 0 || !condition.wait(until: deadline) { return check(stdout, stderr, open) }
            }
        }
    }
}
