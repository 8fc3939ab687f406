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

extension Process {
    /// Starts the process with its standard output and standard error each on a
    /// pipe, and standard input from `input` (empty when `nil`). Read both pipes at
    /// once (one through a ``PipeCollector``) so that neither fills up and blocks
    /// the child.
    /// - Returns: the read ends of the output and error pipes.
    /// - Throws: when the process cannot be started.
    package func runPiped(input: Pipe? = nil) throws -> (output: FileHandle, errors: FileHandle) {
        let output = Pipe(), errors = Pipe()
        standardOutput = output
        standardError = errors
        standardInput = input ?? FileHandle.nullDevice
        try run()
        return (output.fileHandleForReading, errors.fileHandleForReading)
    }
}
