import Foundation

/// Reads a pipe to its end on a background thread, so that a child process
/// writing to two pipes never blocks on a full one while the other is read.
package final class PipeCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `handle` (the read end of a pipe).
    package init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe held, once its write end is closed.
    package func wait() -> Data {
        done.wait()
        return data
    }
}
