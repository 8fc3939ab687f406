import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of a run of several jobs, on standard error: a bar redrawn in place
/// when standard error is a terminal, one plain line per finished job otherwise
/// (logs, CI), nothing with `--quiet`. Messages logged meanwhile (warnings,
/// errors) are printed above the bar. Safe to call from several threads.
///
/// Any command that runs jobs can use it: `let progress = Progress(total: n, style: .automatic(quiet: quiet))`,
/// then `started`/`finished` per job, `log` for messages, `done` at the end.
final class Progress: @unchecked Sendable {
    /// How progress is shown.
    enum Style: Equatable {
        /// A bar redrawn in place.
        case bar
        /// One line per finished job.
        case lines
        /// Nothing but logged errors.
        case silent

        /// `.bar` on a terminal, `.lines` otherwise, `.silent` when quiet.
        static func automatic(quiet: Bool) -> Style {
            quiet ? .silent : (Terminal.stderrIsTerminal ? .bar : .lines)
        }
    }

    private let lock = NSLock()
    private let total: Int
    private let style: Style
    private var finishedCount = 0
    private var running: [String] = []
    private var barShown = false

    /// A progress display for `total` jobs.
    init(total: Int, style: Style) {
        self.total = total
        self.style = style
    }

    /// A job began (shown on the bar).
    func started(_ label: String) {
        lock.withLock {
            running.append(label)
            drawBar()
        }
    }

    /// A job ended; `line` is printed in `.lines` style ("[3/8] rendered ...").
    func finished(_ label: String, line: String) {
        lock.withLock {
            if let index = running.firstIndex(of: label) { running.remove(at: index) }
            finishedCount += 1
            if style == .lines { write("[\(finishedCount)/\(total)] \(line)\n") }
            drawBar()
        }
    }

    /// A message to show whatever the style (errors) or unless silent (`important: false`).
    func log(_ line: String, important: Bool = true) {
        lock.withLock {
            guard important || style != .silent else { return }
            clearBar()
            write(line + "\n")
            drawBar()
        }
    }

    /// Removes the bar.
    func done() {
        lock.withLock { clearBar() }
    }

    // MARK: Drawing (lock held)

    private func drawBar() {
        guard style == .bar, total > 0 else { return }
        let width = 24
        let filled = total == 0 ? width : finishedCount * width / total
        var line = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            + "\(finishedCount)/\(total)"
        if let label = running.first { line += "  " + label + (running.count > 1 ? " (+\(running.count - 1))" : "") }
        let columns = Terminal.stderrColumns()
        if line.count > columns - 1 { line = String(line.prefix(max(10, columns - 2))) + "…" }
        write("\r\u{1B}[2K" + line)
        barShown = true
    }

    private func clearBar() {
        guard barShown else { return }
        write("\r\u{1B}[2K")
        barShown = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
