import Foundation

/// Writes files so that a reader (or a crash) never sees a half-written file:
/// the bytes go to a temporary file in the same directory, are flushed to disk,
/// and the temporary file is renamed over the target. On any failure the target
/// is untouched and the temporary file is removed.
public enum AtomicFile {
    /// Why a write failed, in words a user can act on.
    public struct WriteError: Error, CustomStringConvertible {
        /// The path that could not be written.
        public var path: String
        /// What went wrong.
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }

        /// The error of a failed call that set `errno` to `code`, in the same words.
        public init(path: String, errno code: Int32) {
            self.init(path: path, reason: AtomicFile.describe(errno: code))
        }

        init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Writes `data` to `path` atomically, creating missing parent directories
    /// when `createDirectories` is set.
    public static func write(_ data: Data, to path: String, createDirectories: Bool = true) throws(WriteError) {
        let staged = try Staged(for: path, createDirectories: createDirectories)
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(staged.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = describe(errno: errno)
                    return
                }
                offset += n
            }
        }
        if let failure {
            staged.discard()
            throw WriteError(path: path, reason: failure)
        }
        try staged.commit()
    }

    /// A file being written: its bytes go to a temporary file beside `path`
    /// (through ``descriptor``), which ``commit()`` flushes to disk and renames
    /// over `path`. Until then `path` is untouched; ``discard()`` (or dropping
    /// the value without committing) removes the temporary file.
    public final class Staged {
        /// The file the bytes are for.
        public let path: String
        /// Where to write the bytes (the temporary file, open for writing).
        public let descriptor: Int32
        private let temporary: String
        private var open = true

        /// Creates the temporary file in `path`'s directory, creating missing
        /// parent directories when `createDirectories` is set.
        /// Refuses a `path` that exists and is not a regular file (a device, a
        /// pipe, a socket, a directory): renaming over it would replace it.
        public init(for path: String, createDirectories: Bool = true) throws(WriteError) {
            var status = stat()
            if stat(path, &status) == 0 {  // what a symbolic link points to
                let type = status.st_mode & S_IFMT
                if type == S_IFDIR { throw WriteError(path: path, reason: describe(errno: EISDIR)) }
                if type != S_IFREG {
                    throw WriteError(path: path, reason: "it is not a regular file (a device, pipe or socket), which relgraph does not replace; name a file, or '-' for standard output")
                }
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
            temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WriteError(path: path, reason: describe(errno: errno)) }
            self.path = path
            descriptor = fd
        }

        /// Flushes the bytes to disk and renames the temporary file over ``path``;
        /// on failure the temporary file is removed and ``path`` left as it was.
        public func commit() throws(WriteError) {
            guard open else { throw WriteError(path: path, reason: "the file was already committed or discarded") }
            open = false
            var failure: String?
            if fsync(descriptor) != 0 { failure = describe(errno: errno) }
            if close(descriptor) != 0, failure == nil { failure = describe(errno: errno) }
            if failure == nil, rename(temporary, path) != 0 { failure = describe(errno: errno) }
            if let failure {
                unlink(temporary)
                throw WriteError(path: path, reason: failure)
            }
        }

        /// Closes and removes the temporary file; ``path`` is left as it was.
        public func discard() {
            guard open else { return }
            open = false
            close(descriptor)
            unlink(temporary)
        }

        deinit {
            discard()
        }
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "no such directory"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }
}
