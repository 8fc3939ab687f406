import Foundation

/// Writing to standard output and standard error without buffering surprises.
enum Terminal {
    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` and a newline to standard output.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes raw bytes to standard output.
    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
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
