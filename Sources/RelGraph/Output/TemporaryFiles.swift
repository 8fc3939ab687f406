import Foundation

/// The temporary files of ``AtomicFile``: `.NAME.tmp-PID-RAND` beside the file
/// `NAME` they become, where PID is the writing process.
///
/// While one exists it is listed here, so that ``removeAll()`` (run by
/// ``SignalCleanup`` on SIGINT, SIGTERM and SIGHUP) can remove it. A process
/// killed outright (SIGKILL, a power cut) cannot clean up, so the first write
/// into a folder removes what such a run left there: ``removeStale(in:)`` deletes
/// the regular files with that name pattern whose process no longer exists, and
/// nothing else, and only in folders relgraph writes to.
package enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<String> = []
    nonisolated(unsafe) private static var cleanedFolders: Set<String> = []
    /// Held while a ``AtomicFile/Transaction`` renames its files, and by
    /// ``removeAll()``: an interruption never splits a commit.
    private static let commitLock = NSLock()

    /// Creates a new temporary file for `path` (listed before it exists), open
    /// for writing; the descriptor is `nil` (with `errno` set) when it cannot be created.
    static func create(beside path: String) -> (String, Int32?) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/" + name(for: url.lastPathComponent)
        lock.withLock { _ = live.insert(temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            let failure = errno
            forget(temporary)
            errno = failure
            return (temporary, nil)
        }
        return (temporary, fd)
    }

    /// `.NAME.tmp-PID-RAND`.
    static func name(for fileName: String) -> String {
        "." + fileName + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Deletes a temporary file and stops listing it.
    static func remove(_ temporary: String) {
        unlink(temporary)
        forget(temporary)
    }

    /// Stops listing a temporary file (it was renamed into place).
    static func forget(_ temporary: String) {
        lock.withLock { _ = live.remove(temporary) }
    }

    /// What ``backup(of:)`` kept of a file about to be replaced.
    enum Backup {
        /// There was no file.
        case absent
        /// A hard link to the old file, under a temporary name.
        case saved(String)
        /// There was a file, but no link could be made (a file system without hard links).
        case unavailable
    }

    /// A second name for `path`'s current file (a hard link under a temporary
    /// name), so that it can be put back if a transaction fails after replacing it.
    static func backup(of path: String) -> Backup {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .absent }
        let url = URL(fileURLWithPath: path)
        let saved = url.deletingLastPathComponent().path + "/" + name(for: url.lastPathComponent)
        lock.withLock { _ = live.insert(saved) }
        guard link(path, saved) == 0 else {
            forget(saved)
            return .unavailable
        }
        return .saved(saved)
    }

    /// Runs `body` (a transaction's renames) so that ``removeAll()`` waits for it to end.
    static func committing<E: Error>(_ body: () throws(E) -> Void) throws(E) {
        commitLock.lock()
        defer { commitLock.unlock() }
        try body()
    }

    /// The temporary files that exist now.
    package static var current: [String] {
        lock.withLock { live.sorted() }
    }

    /// Deletes every temporary file of this process (after a commit under way has
    /// ended). Called when the process is interrupted.
    package static func removeAll() {
        commitLock.lock()
        let paths = lock.withLock { () -> Set<String> in
            defer { live = [] }
            return live
        }
        for path in paths { unlink(path) }
        commitLock.unlock()
    }

    /// Deletes, in `directory`, the temporary files a run that no longer exists
    /// left behind: regular files named `.NAME.tmp-PID-RAND` whose process PID is
    /// gone. Files of a live process (another relgraph writing now) and anything
    /// else are left alone. Each folder is looked at once per process.
    /// - Returns: the paths deleted.
    @discardableResult
    package static func removeStale(in directory: String) -> [String] {
        guard lock.withLock({ cleanedFolders.insert(directory).inserted }) else { return [] }
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var removed: [String] = []
        while let entry = readdir(folder) {
            // Only hidden names can match: look at the first byte before making a string.
            let isHidden = withUnsafeBytes(of: entry.pointee.d_name) { $0.first == UInt8(ascii: ".") }
            guard isHidden else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = writer(ofTemporary: name), pid != getpid(), !isRunning(pid) else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }

    /// The process id in a temporary file's name (`.NAME.tmp-PID-RAND`), or `nil`
    /// when `name` is not one.
    package static func writer(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return nil }
        let numbers = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let pid = pid_t(numbers[0]), pid > 0, UInt32(numbers[1]) != nil else { return nil }
        return pid
    }

    /// Whether process `pid` exists (also one of another user).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
