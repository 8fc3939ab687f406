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
    }

    /// Writes `data` to `path` atomically, creating missing parent directories
    /// when `createDirectories` is set.
    public static func write(_ data: Data, to path: String, createDirectories: Bool = true) throws(WriteError) {
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
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: describe(errno: errno)) }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = describe(errno: errno)
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = describe(errno: errno) }
        if close(fd) != 0, failure == nil { failure = describe(errno: errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = describe(errno: errno) }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
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
