import Foundation

/// A progress line on standard error for long renders: a spinner with the current
/// phase and the elapsed time, or a bar when the amount of work is known.
///
///     let progress = Spinner(quiet: quiet)
///     progress.phase("reading \(input)")
///     let loaded = NetworkLoader().load(path: input)
///     progress.phase("laying out 10,000 entities with sfdp")
///     let output = try progress.whileWorking { try Renderer().render(...) }
///     progress.finish()                  // clears the line
///
///     let bar = Spinner(quiet: quiet, total: views.count)
///     for view in views { ...; bar.advance() }
///     bar.finish()
///
/// It draws nothing at all when `quiet` is set, when standard error is not a
/// terminal (pipes, files, CI logs), or when `TERM` is `dumb`: output meant for
/// machines never contains control sequences. While active it redraws one line
/// (`\r` and erase-line) at most ten times a second from a background thread, so
/// the spinner keeps turning while Graphviz blocks the calling thread. Messages
/// written with ``message(_:)`` clear the line first, so they never mix with it.
/// Safe to call from any thread.
final class Spinner: @unchecked Sendable {
    /// Whether anything is drawn.
    let isEnabled: Bool
    private let total: Int?
    private let lock = NSLock()
    private let start = Date()
    private var label = ""
    private var completed = 0
    private var frame = 0
    private var visible = false
    private var finished = false
    private var timer: DispatchSourceTimer?
    private let write: (String) -> Void

    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// Creates a progress line.
    /// - Parameters:
    ///   - quiet: draw nothing (`--quiet`).
    ///   - total: the number of steps for a bar; `nil` for a spinner.
    ///   - isTerminal: whether standard error is a terminal (default: asked with `isatty`).
    ///   - write: where the text goes (default: standard error, unbuffered); for tests.
    init(quiet: Bool = false, total: Int? = nil, isTerminal: Bool = Terminal.stderrIsTerminal,
         write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        self.isEnabled = !quiet && isTerminal && !dumb
        self.total = total.map { max(0, $0) }
        self.write = write
    }

    deinit {
        timer?.cancel()
    }

    /// Sets the text after the spinner ("reading net.yaml", "laying out with sfdp")
    /// and starts the line if it was not shown yet.
    func phase(_ text: String) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        label = text
        startTimerIfNeeded()
        draw()
    }

    /// Marks `count` more steps of the bar done.
    func advance(by count: Int = 1) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        completed += count
        startTimerIfNeeded()
        draw()
    }

    /// Runs `body` (typically one long Graphviz call) with the spinner turning.
    func whileWorking<T>(_ body: () throws -> T) rethrows -> T {
        if isEnabled {
            lock.lock()
            startTimerIfNeeded()
            lock.unlock()
        }
        return try body()
    }

    /// Writes a line of its own (a warning, "wrote out.svg") without breaking the
    /// progress line, which is redrawn below it. Works when disabled too.
    func message(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if visible { write("\r\u{1B}[2K") }
        write(text + "\n")
        if visible { draw() }
    }

    /// Stops and erases the line; writes `text` on its own line when given.
    func finish(_ text: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if finished { return }
        finished = true
        timer?.cancel()
        timer = nil
        if visible { write("\r\u{1B}[2K") }
        visible = false
        if let text { write(text + "\n") }
    }

    /// The line as drawn now (without control sequences), for tests.
    func renderedLine(elapsed: TimeInterval) -> String {
        var line = ""
        if let total, total > 0 {
            let done = min(completed, total)
            let width = 24
            let filled = done * width / total
            line = "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] \(done)/\(total)"
        } else {
            line = Self.frames[frame % Self.frames.count]
        }
        if !label.isEmpty { line += " " + label }
        line += " (\(Int(elapsed)) s)"
        return line
    }

    // MARK: - Drawing (lock held)

    private func startTimerIfNeeded() {
        guard timer == nil, !finished else { return }
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        source.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
        source.setEventHandler { [weak self] in self?.tick() }
        source.resume()
        timer = source
    }

    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        frame += 1
        draw()
    }

    private func draw() {
        var line = renderedLine(elapsed: Date().timeIntervalSince(start))
        let columns = Terminal.stderrColumns()
        if line.count >= columns { line = String(line.prefix(max(1, columns - 2))) + "…" }
        write("\r\u{1B}[2K" + line)
        visible = true
    }
}
