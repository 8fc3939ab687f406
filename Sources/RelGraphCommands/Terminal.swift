import Foundation
import RelGraph
import RelGraphDrawing

/// Writing to standard output and standard error without buffering surprises.
///
/// Writes go straight to the descriptors: Foundation's `FileHandle.write` stops the
/// process with a fatal error when a write fails (standard output redirected to a
/// full disk, or past `ulimit -f`). A failed write to standard output ends the
/// command with exit 73 and says why; one to standard error is dropped.
enum Terminal {
    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        _ = writeAll(Data((text + "\n").utf8), to: 2)
    }

    /// Writes `text` as it is to standard error (progress lines redrawn in place).
    static func error(raw text: String) {
        _ = writeAll(Data(text.utf8), to: 2)
    }

    /// Writes `text` and a newline to standard output.
    static func print(_ text: String) {
        write(Data((text + "\n").utf8))
    }

    /// Writes raw bytes to standard output; exits 73 when they cannot be written.
    static func write(_ data: Data) {
        guard let failure = writeAll(data, to: 1) else { return }
        error("relgraph: error: cannot write standard output: \(AtomicFile.WriteError(path: "-", errno: failure).reason)")
        TemporaryFiles.removeAll()
        Foundation.exit(ExitStatus.cannotCreate)
    }

    /// Writes every byte of `data` to `descriptor`; the `errno` of a failure, else `nil`.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
    }

    /// Whether standard error is a terminal (for progress output).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// The width of the terminal on standard error, in columns (80 when unknown).
    static func stderrColumns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return 80
    }
}
