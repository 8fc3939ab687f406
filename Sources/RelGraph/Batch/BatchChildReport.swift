import Foundation

/// What a child `relgraph render … --batch-child` process reports to the batch
/// that started it: one JSON object per line on its standard output, so the
/// batch never depends on the wording of messages meant for people.
///
/// ```
/// {"event":"wrote","path":"out/net.svg"}
/// {"event":"stale","path":"out/net.svg","reason":"differs"}
/// ```
package struct BatchChildReport: Codable, Equatable, Sendable {
    /// What happened to one output.
    package enum Event: String, Codable, Sendable {
        /// The output was written (or already held these bytes).
        case wrote
        /// `--check`: the output is missing or differs.
        case stale
    }

    /// What happened.
    package var event: Event
    /// The output's path, as the child was told to write it.
    package var path: String
    /// For ``Event/stale``: `missing` or `differs`.
    package var reason: String?

    /// Creates a report line.
    package init(event: Event, path: String, reason: String? = nil) {
        self.event = event
        self.path = path
        self.reason = reason
    }

    /// The report as one line of JSON, with its newline.
    package var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding three strings cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// The reports in a child's standard output, and the lines that are not
    /// reports (anything else the child printed there).
    package static func parse(_ output: String) -> (reports: [BatchChildReport], other: [String]) {
        var reports: [BatchChildReport] = [], other: [String] = []
        let decoder = JSONDecoder()
        for line in output.split(separator: "\n") where !line.isEmpty {
            if line.hasPrefix("{"), let report = try? decoder.decode(BatchChildReport.self, from: Data(line.utf8)) {
                reports.append(report)
            } else {
                other.append(String(line))
            }
        }
        return (reports, other)
    }
}
