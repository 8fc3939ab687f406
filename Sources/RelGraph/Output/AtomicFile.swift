import Foundation

/// Writes files so that a reader (or a crash) never sees a half-written file:
/// the bytes go to a temporary file in the same directory (`.NAME.tmp-PID-RAND`),
/// are flushed to disk, and the temporary file is renamed over the target. On any
/// failure the target is untouched and the temporary file is removed.
///
/// - Several files that belong together (the formats of one render, a Markdown
///   report and its SVGs, a timeline's frames and page) go through one
///   ``Transaction``: every file is written and flushed first, then all are
///   renamed into place, or, if anything fails, none is.
/// - Every target passes ``OutputFolder/checkTarget(_:)``: an input of the run is
///   never overwritten.
/// - Temporary files are listed in ``TemporaryFiles`` while they exist, so that
///   ``SignalCleanup`` can remove them when the process is interrupted, and the
///   first write into a folder removes those an earlier, killed run left there.
package enum AtomicFile {
    /// Why a write failed, in words a user can act on.
    package struct WriteError: Error, CustomStringConvertible {
        /// The path that could not be written.
        package var path: String
        /// What went wrong.
        package var reason: String
        package var description: String { "cannot write \(path): \(reason)" }

        /// The error of a failed call that set `errno` to `code`, in the same words.
        package init(path: String, errno code: Int32) {
            self.init(path: path, reason: AtomicFile.describe(errno: code))
        }

        init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Writes `data` to `path` atomically, creating missing parent directories
    /// when `createDirectories` is set.
    package static func write(_ data: Data, to path: String, createDirectories: Bool = true) throws(WriteError) {
        let staged = try Staged(for: path, createDirectories: createDirectories)
        try staged.write(data)
        try staged.commit()
    }

    /// Writes every file of `files` atomically and all at once (a ``Transaction``):
    /// afterwards either every file holds its new bytes, or, when any could not be
    /// written, every one is as it was.
    package static func write(all files: [(path: String, data: Data)], createDirectories: Bool = true) throws(WriteError) {
        let transaction = Transaction()
        for (path, data) in files { try transaction.add(data, to: path, createDirectories: createDirectories) }
        try transaction.commit()
    }

    /// A file being written: its bytes go to a temporary file beside `path`
    /// (through ``descriptor``), which ``commit()`` flushes to disk and renames
    /// over `path`. Until then `path` is untouched; ``discard()`` (or dropping
    /// the value without committing) removes the temporary file.
    package final class Staged {
        /// The file the bytes are for.
        package let path: String
        /// Where to write the bytes (the temporary file, open for writing).
        package let descriptor: Int32
        let temporary: String
        private var open = true
        private var flushed = false

        /// Creates the temporary file in `path`'s directory, creating missing
        /// parent directories when `createDirectories` is set.
        /// Refuses a `path` that exists and is not a regular file (a device, a
        /// pipe, a socket, a directory): renaming over it would replace it; and
        /// one that is an input of this run (``OutputFolder/checkTarget(_:)``).
        package init(for path: String, createDirectories: Bool = true) throws(WriteError) {
            var status = stat()
            if stat(path, &status) == 0 {  // what a symbolic link points to
                let type = status.st_mode & S_IFMT
                if type == S_IFDIR { throw WriteError(path: path, reason: describe(errno: EISDIR)) }
                if type != S_IFREG {
                    throw WriteError(path: path, reason: "it is not a regular file (a device, pipe or socket), which relgraph does not replace; name a file, or '-' for standard output")
                }
            }
            do {
                try OutputFolder.checkTarget(path)
            } catch {
                throw WriteError(path: path, reason: error.reason)
            }
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
                guard createDirectories else { throw WriteError(path: path, reason: "the directory \(directory) does not exist") }
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw WriteError(path: path, reason: "cannot create the directory \(directory) (\(describe(errno: errno)))")
                }
            } else if !isDirectory.boolValue {
                throw WriteError(path: path, reason: "\(directory) is not a directory")
            }
            TemporaryFiles.removeStale(in: directory)
            let (temporary, fd) = TemporaryFiles.create(beside: path)
            guard let fd else { throw WriteError(path: path, reason: describe(errno: errno)) }
            self.temporary = temporary
            self.path = path
            descriptor = fd
        }

        /// Writes `data` to the temporary file; on failure it is discarded.
        package func write(_ data: Data) throws(WriteError) {
            var failure: Int32?
            data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    offset += n
                }
            }
            if let failure {
                discard()
                throw WriteError(path: path, errno: failure)
            }
        }

        /// Flushes the bytes to disk and renames the temporary file over ``path``;
        /// on failure the temporary file is removed and ``path`` left as it was.
        package func commit() throws(WriteError) {
            try flush()
            try install()
        }

        /// Flushes the bytes to disk and closes the temporary file; on failure it is removed.
        func flush() throws(WriteError) {
            guard open else { throw WriteError(path: path, reason: "the file was already committed or discarded") }
            open = false
            var failure: Int32?
            if fsync(descriptor) != 0 { failure = errno }
            if close(descriptor) != 0, failure == nil { failure = errno }
            if let failure {
                TemporaryFiles.remove(temporary)
                throw WriteError(path: path, errno: failure)
            }
            flushed = true
        }

        /// Renames the flushed temporary file over ``path``; on failure it is removed.
        func install() throws(WriteError) {
            guard flushed else { throw WriteError(path: path, reason: "the file was not flushed") }
            flushed = false
            if rename(temporary, path) != 0 {
                let failure = errno
                TemporaryFiles.remove(temporary)
                throw WriteError(path: path, errno: failure)
            }
            TemporaryFiles.forget(temporary)
        }

        /// Closes and removes the temporary file; ``path`` is left as it was.
        package func discard() {
            if open {
                open = false
                close(descriptor)
                TemporaryFiles.remove(temporary)
            } else if flushed {
                flushed = false
                TemporaryFiles.remove(temporary)
            }
        }

        deinit {
            discard()
        }
    }

    /// Files written together, committed all at once or not at all: ``add(_:to:createDirectories:)``
    /// writes each to its temporary file, ``commit()`` flushes every one and only
    /// then renames them into place. When a rename fails midway the files already
    /// renamed are put back as they were (from a hard link to each old file, made
    /// before it is replaced), so a failure leaves every target as it was. An
    /// interruption (``SignalCleanup``) waits for a commit under way to end.
    package final class Transaction {
        private var staged: [Staged] = []

        /// Creates an empty transaction.
        package init() {}

        /// The files staged so far.
        package var paths: [String] { staged.map(\.path) }

        /// Writes `data` for `path` to a temporary file; on failure every file of
        /// the transaction is discarded.
        package func add(_ data: Data, to path: String, createDirectories: Bool = true) throws(WriteError) {
            do {
                let file = try Staged(for: path, createDirectories: createDirectories)
                try file.write(data)
                staged.append(file)
            } catch {
                discard()
                throw error
            }
        }

        /// Adds a file whose bytes were written through its descriptor.
        package func add(_ file: Staged) {
            staged.append(file)
        }

        /// Flushes every file, then renames each over its target. On any failure
        /// nothing is replaced (targets already replaced are restored), every
        /// temporary file is removed, and the error names the file that failed.
        package func commit() throws(WriteError) {
            defer { staged = [] }
            for (index, file) in staged.enumerated() {
                do {
                    try file.flush()
                } catch {
                    staged[(index + 1)...].forEach { $0.discard() }
                    staged[..<index].forEach { $0.discard() }
                    throw error
                }
            }
            try TemporaryFiles.committing {
                () throws(WriteError) in
                // With one file, rename is all or nothing already.
                let keepsBackups = staged.count > 1
                var installed: [(file: Staged, backup: TemporaryFiles.Backup)] = []
                for (index, file) in staged.enumerated() {
                    let backup = keepsBackups ? TemporaryFiles.backup(of: file.path) : .unavailable
                    do throws(WriteError) {
                        try file.install()
                        installed.append((file, backup))
                    } catch {
                        if case .saved(let saved) = backup { TemporaryFiles.remove(saved) }
                        for (done, backup) in installed.reversed() {
                            switch backup {
                            case .saved(let saved):
                                if rename(saved, done.path) == 0 { TemporaryFiles.forget(saved) } else { TemporaryFiles.remove(saved) }
                            case .absent:
                                unlink(done.path)  // it did not exist before
                            case .unavailable:
                                break  // the old bytes could not be kept (no hard links here): the new file stays
                            }
                        }
                        staged[(index + 1)...].forEach { $0.discard() }
                        throw error
                    }
                }
                for (_, backup) in installed { if case .saved(let saved) = backup { TemporaryFiles.remove(saved) } }
            }
        }

        /// Removes every temporary file; no target is touched.
        package func discard() {
            staged.forEach { $0.discard() }
            staged = []
        }

        deinit {
            discard()
        }
    }

    /// The bytes a file holds now, to compare with what relgraph would write:
    /// `nil` when it is missing or not a regular file (a pipe is never opened for
    /// reading in a way that could wait, a folder never read).
    package static func currentBytes(at path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: false).readDataToEndOfFile()
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EFBIG: return "file too large (beyond the file size limit, `ulimit -f`, or what the file system takes)"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "no such directory"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }
}
