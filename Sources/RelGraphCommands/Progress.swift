import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress on standard error, the one type for every command:
///
/// - **Jobs** (a batch render): a bar redrawn in place, with the jobs running;
///   `started`/`finished` per job, `log` for messages, `done` at the end.
/// - **One long step** (a render): a spinner with the phase and the elapsed time,
///   turning from a background thread while Graphviz blocks the caller:
///   `phase`, then `whileWorking { … }`, then `done`.
///
/// On a terminal (and `TERM` not `dumb`) lines are redrawn in place; elsewhere
/// (logs, CI) jobs give one plain line each and a spinner draws nothing, so output
/// meant for machines never holds control sequences; with `--quiet` nothing but
/// logged errors. Messages logged meanwhile are printed above the line. Safe to
/// call from several threads.
final class Progress: @unchecked Sendable {
    /// How progress is shown.
    enum Style: Equatable {
        /// A line redrawn in place.
        case bar
        /// One line per finished job.
        case lines
        /// Nothing but logged errors.
        case silent

        /// `.bar` on a terminal, `.lines` otherwise, `.silent` when quiet.
        static func automatic(quiet: Bool) -> Style {
            if quiet { return .silent }
            let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
            return Terminal.stderrIsTerminal && !dumb ? .bar : .lines
        }
    }

    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    private let lock = NSLock()
    private let total: Int
    private let style: Style
    private let start = Date()
    private var finishedCount = 0
    private var running: [String] = []
    private var phaseText = ""
    private var frame = 0
    private var lineShown = false
    private var timer: DispatchSourceTimer?

    /// A progress display for `total` jobs; `0` for one long step (a spinner).
    init(total: Int = 0, style: Style) {
        self.total = max(0, total)
        self.style = style
    }

    deinit {
        timer?.cancel()
    }

    // MARK: Jobs

    /// A job began (shown on the bar).
    func started(_ label: String) {
        lock.withLock {
            running.append(label)
            draw()
        }
    }

    /// A job ended; `line` is printed in `.lines` style ("[3/8] drew ...").
    func finished(_ label: String, line: String) {
        lock.withLock {
            if let index = running.firstIndex(of: label) { running.remove(at: index) }
            finishedCount += 1
            if style == .lines { write("[\(finishedCount)/\(total)] \(line)\n") }
            draw()
        }
    }

    // MARK: One long step

    /// What is being done now ("laying out 10,000 entities with sfdp").
    func phase(_ text: String) {
        lock.withLock {
            phaseText = text
            startTimerIfNeeded()
            draw()
        }
    }

    /// Runs `body` (typically one long Graphviz call) with the spinner turning.
    func whileWorking<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { startTimerIfNeeded() }
        return try body()
    }

    // MARK: Both

    /// A message to show whatever the style (errors) or unless silent (`important: false`).
    func log(_ line: String, important: Bool = true) {
        lock.withLock {
            guard important || style != .silent else { return }
            clear()
            write(line + "\n")
            draw()
        }
    }

    /// Stops and removes the line.
    func done() {
        lock.withLock {
            timer?.cancel()
            timer = nil
            clear()
            phaseText = ""
        }
    }

    // MARK: Drawing (lock held)

    private func startTimerIfNeeded() {
        guard style == .bar, timer == nil else { return }
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        source.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.withLock {
                guard self.timer != nil else { return }
                self.frame += 1
                self.draw()
            }
        }
        source.resume()
        timer = source
    }

    /// The line as it would be drawn now, without control sequences.
    func renderedLine(elapsed: TimeInterval) -> String {
        if total > 0 {
            let width = 24
            let filled = min(finishedCount, total) * width / total
            var line = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
                + "\(finishedCount)/\(total)"
            if let label = running.first { line += "  " + label + (running.count > 1 ? " (+\(running.count - 1))" : "") }
            return line
        }
        return Self.frames[frame % Self.frames.count] + (phaseText.isEmpty ? "" : " " + phaseText) + " (\(Int(elapsed)) s)"
    }

    private func draw() {
        guard style == .bar, total > 0 || !phaseText.isEmpty else { return }
        var line = renderedLine(elapsed: Date().timeIntervalSince(start))
        let columns = Terminal.stderrColumns()
        if line.count > columns - 1 { line = String(line.prefix(max(10, columns - 2))) + "…" }
        write("\r\u{1B}[2K" + line)
        lineShown = true
    }

    private func clear() {
        guard lineShown else { return }
        write("\r\u{1B}[2K")
        lineShown = false
    }

    private func write(_ text: String) {
        Terminal.error(raw: text)
    }
}
