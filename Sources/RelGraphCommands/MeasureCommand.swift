import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `relgraph measure FILE.svg...`: readability of drawings (crossings, parallel lines, overlaps, text size on a page).
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure how readable SVG drawings are: crossings, parallel lines, overlaps, aspect, text size on a page and a screen.",
        discussion: """
        Reads any SVG written by relgraph or Graphviz (dot -Tsvg) and prints one
        Markdown table row per file: entities and lines drawn, edge crossings,
        parallel lines (k lines between one pair of entities count k - 1), edge
        labels overlapping an entity or another label, overlapping entities, the
        aspect ratio (width / height), the smallest text inside an entity (name or
        date) and the median name when the drawing is fitted to --page, the
        smallest entity text on an 880 px screen column (never enlarged), and the
        share of the drawing covered by entity names and by entities; and whether
        the lines can be followed: shallow crossings (under 30 degrees), misplaced
        ends (more than 3 pt from the entity the line joins and nearer another;
        in brackets, ends more than 3 pt from their entity at all), lines running
        through entities they do not join, and the gap between ranks crossed by
        the most lines per point of its width. Text widths are estimated
        for DejaVu Sans. --details lists each misplaced end, line through an
        entity and shallow crossing by name. --format json prints an array of
        {"file", "report"}.

        --moved-from OLD.svg (an earlier drawing of the same network) adds how far
        each drawing moved from it, over the entities both show, once aligned for
        shift and scale: the mean distance an entity moved (share of OLD's
        diagonal), the share that moved more than a tenth of it, and the share of
        left/right and above/below orders between pairs of entities kept
        (Bridgeman and Tamassia's measures of a kept mental map).
        Exit status: 0 ok, 64 bad usage, 65 a file is not a measurable SVG,
        66 a file is missing or unreadable.
        """
    )

    @Argument(help: "SVG files to measure.")
    var files: [String]

    @Option(help: ArgumentHelp("The page the drawing is fitted to: a4 (16 x 24 cm text area), letter (6.5 x 9 in), or WxH with a unit cm, mm, in or pt.", valueName: "SIZE"))
    var page: String = "a4"

    @Option(help: "Output format: text (a Markdown table) or json.")
    var format: DiagnosticsFormat = .text

    @Flag(help: "After the table, list each misplaced end, line through an entity and shallow crossing, by name.")
    var details = false

    @Option(name: .customLong("moved-from"), help: ArgumentHelp("An earlier drawing of the same network: also say how far each drawing moved from it.", valueName: "OLD.svg"))
    var movedFrom: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one SVG file to measure") }
        _ = try pageSize()
    }

    private func pageSize() throws -> PageSize {
        do {
            return try PageSize(parsing: page)
        } catch {
            throw ValidationError("--page: \(error)")
        }
    }

    func run() throws {
        let page = try pageSize()
        var rows: [MeasureRow] = []
        var status: Int32 = ExitStatus.ok
        var before: [String: Geometry.Point]?
        if let movedFrom {
            guard let data = FileManager.default.contents(atPath: movedFrom) else {
                Terminal.error("relgraph: error: --moved-from \(movedFrom): cannot read the file; check the path and permissions")
                throw ExitCode(ExitStatus.noInput)
            }
            do {
                before = try PreviousDrawing(svg: data).centres
            } catch {
                Terminal.error("relgraph: error: --moved-from \(movedFrom): \(error)")
                throw ExitCode(ExitStatus.dataError)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Terminal.error("relgraph: error: \(file): cannot read the file; check the path and permissions")
                status = max(status, ExitStatus.noInput)
                continue
            }
            do {
                var row = MeasureRow(file: file, report: try Readability.measure(svg: data, page: page), data: data)
                if let before {
                    row.moved = LayoutStability(old: before, new: try PreviousDrawing(svg: data).centres)
                }
                rows.append(row)
            } catch {
                Terminal.error("relgraph: error: \(file): \(error)")
                status = max(status, ExitStatus.dataError)
            }
        }
        switch format {
        case .text where rows.isEmpty:
            break
        case .text:
            var text = "Fitted to \(page); screen column \(Int(Readability.screenColumn)) px.\n\n"
            text += ReadabilityReport.tableHeader + "\n"
            for row in rows { text += row.report.tableRow(name: row.file) + "\n" }
            if let movedFrom {
                text += "\nMoved from \(movedFrom) (aligned for shift and scale):\n\n"
                text += "| drawing | entities in both | mean displacement | moved > 10 % | pair orders kept |\n|---|--:|--:|--:|--:|\n"
                for row in rows {
                    guard let moved = row.moved else {
                        text += "| \(row.file) | fewer than 2 | – | – | – |\n"
                        continue
                    }
                    func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
                    text += "| \(row.file) | \(moved.shared) | \(percent(moved.meanDisplacement)) | \(percent(moved.movedFar)) | \(percent(moved.ordersKept)) |\n"
                }
            }
            if details {
                for row in rows {
                    let problems = (try? Readability.lineProblems(svg: row.data)) ?? []
                    text += "\n\(row.file): " + (problems.isEmpty ? "every line can be followed\n" : "\(problems.count) problems\n")
                    for problem in problems { text += "- \(problem)\n" }
                }
            }
            Terminal.write(Data(text.utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.write(try encoder.encode(rows) + Data("\n".utf8))
        }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}

/// One file's entry in `measure --format json`.
struct MeasureRow: Encodable {
    var file: String
    var report: ReadabilityReport
    var data = Data()
    /// With --moved-from: how far it moved.
    var moved: LayoutStability?

    enum CodingKeys: String, CodingKey { case file, report, moved }
}
