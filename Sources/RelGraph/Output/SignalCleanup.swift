import Foundation

/// What the command line does when it is told to stop (SIGINT from Ctrl-C,
/// SIGTERM from `timeout`, `kill` or CI, SIGHUP when the terminal goes): it runs
/// the registered actions (a batch render stops its child processes and waits
/// for them), removes its temporary files (``TemporaryFiles/removeAll()``), and
/// then ends of that signal, as it would have without a handler (exit status
/// 128 + N in a shell).
///
/// ``install()`` also ignores SIGXFSZ: past the file size limit (`ulimit -f`)
/// a write then fails with `EFBIG`, which relgraph reports ("file too large",
/// exit 73), instead of the process being killed without a word.
///
/// The handler only writes the signal's number to a pipe; a thread of its own
/// reads it and does the work, so nothing unsafe runs inside the handler, and
/// the work happens whatever the other threads are doing (Graphviz included).
/// A signal that was ignored when relgraph started (`nohup` ignores SIGHUP)
/// stays ignored; one that was blocked is unblocked. Handled signals are reset
/// to their default in child processes.
package enum SignalCleanup {
    /// The signals that stop relgraph cleanly.
    package static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var actions: [Int: @Sendable (Int32) -> Void] = [:]
    nonisolated(unsafe) private static var nextToken = 0
    nonisolated(unsafe) private static var installed = false
    /// The pipe's write end, read by the handler (set before any handler is installed).
    nonisolated(unsafe) static var pipeWriteEnd: Int32 = -1

    /// Ignores SIGXFSZ and handles SIGINT, SIGTERM and SIGHUP as described above.
    /// Call it once, early (the command line does, before parsing arguments).
    package static func install() {
        let first = lock.withLock { () -> Bool in
            defer { installed = true }
            return !installed
        }
        guard first else { return }
        signal(SIGXFSZ, SIG_IGN)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        pipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            while true {
                var byte: UInt8 = 0
                let n = read(readEnd, &byte, 1)
                if n == 1 { stop(by: Int32(byte)) }
                if n == 0 || (n < 0 && errno != EINTR) { return }
            }
        }
        thread.name = "relgraph signals"
        thread.start()
        let handler: @convention(c) (Int32) -> Void = { number in
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(SignalCleanup.pipeWriteEnd, &byte, 1)
        }
        // A process can start with these signals blocked (a parent's thread that
        // blocks them passes its mask on through exec): unblock them, or a handled
        // SIGTERM would wait forever.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in signals { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for number in signals {
            let previous = signal(number, handler)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(number, SIG_IGN)  // ignored by whoever started relgraph (nohup): keep it so
            }
        }
    }

    /// Adds `action`, run with the signal's number before the process ends of it.
    /// Actions run on the signal thread, the latest added first.
    /// - Returns: a token for ``remove(_:)``.
    package static func add(_ action: @escaping @Sendable (Int32) -> Void) -> Int {
        lock.withLock {
            nextToken += 1
            actions[nextToken] = action
            return nextToken
        }
    }

    /// Removes an action added by ``add(_:)``.
    package static func remove(_ token: Int) {
        lock.withLock { _ = actions.removeValue(forKey: token) }
    }

    /// Runs the actions, removes the temporary files, and ends the process of `number`.
    static func stop(by number: Int32) {
        let pending = lock.withLock { actions.sorted { $0.key > $1.key }.map(\.value) }
        for action in pending { action(number) }
        TemporaryFiles.removeAll()
        signal(number, SIG_DFL)
        kill(getpid(), number)
        // The signal is delivered at once; should it not end the process, exit as it would have.
        usleep(200_000)
        _exit(128 + number)
    }
}
