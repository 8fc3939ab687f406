import Foundation
import Testing

/// Independent PDF checkers for the tests of `PDFPages`: qpdf (Debian's `qpdf`)
/// and poppler's `pdfinfo`, `pdftotext` and `pdftoppm` (Debian's `poppler-utils`), which
/// `scripts/ensure-deps.sh --test` installs. Tests that need them are
/// `.enabled(if: PDFTools.available, PDFTools.missing)`.
public enum PDFTools {
    /// The programs from PATH, when all are there.
    static let programs: [String: URL]? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var found: [String: URL] = [:]
        let names = ["qpdf", "pdfinfo", "pdftotext", "pdftoppm"]
        for name in names {
            found[name] = path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        }
        return found.count == names.count ? found : nil
    }()

    /// Whether the programs are on PATH.
    public static let available = programs != nil

    /// Why a test that needs them is skipped.
    public static let missing: Comment = "needs qpdf, pdfinfo, pdftotext and pdftoppm (Debian's qpdf and poppler-utils; `make test` installs them)"

    /// The tool versions, for the record (`qpdf 11.3.0, pdfinfo 22.12.0`).
    public static func versions() throws -> String {
        let qpdf = try run("qpdf", ["--version"], nil).stdout.split(separator: "\n").first.map(String.init) ?? "?"
        let info = try run("pdfinfo", ["-v"], nil).stderr.split(separator: "\n").first.map(String.init) ?? "?"
        return "\(qpdf), \(info)"
    }

    /// `qpdf --check` of `pdf`: its exit status (0: no problem, 3: warnings) and output.
    public static func check(_ pdf: Data) throws -> ProcessResult {
        try run("qpdf", ["--check"], pdf)
    }

    /// Each page's size as `pdfinfo` prints it (`"300 x 486 pts"`), in page order.
    public static func pageSizes(_ pdf: Data) throws -> [String] {
        try perPage(pdf, "size")
    }

    /// Each page's rotation in degrees, as `pdfinfo` prints it.
    public static func pageRotations(_ pdf: Data) throws -> [Int] {
        try perPage(pdf, "rot").map { Int($0) ?? -1 }
    }

    /// What `pdfinfo` prints for each page after `Page N field:`.
    private static func perPage(_ pdf: Data, _ field: String) throws -> [String] {
        let result = try run("pdfinfo", ["-f", "1", "-l", "100000"], pdf)
        guard result.status == 0 else { throw TestSupportError("pdfinfo failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Page "), let range = line.range(of: " \(field): ") else { return nil }
            return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The number of pages `pdfinfo` counts.
    public static func pageCount(_ pdf: Data) throws -> Int {
        let result = try run("pdfinfo", [], pdf)
        guard result.status == 0,
              let line = result.stdout.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
              let count = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) else {
            throw TestSupportError("pdfinfo gave no page count: \(result.stderr)")
        }
        return count
    }

    /// The text of page `page` (1 for the first), as `pdftotext -layout` reads it.
    public static func text(_ pdf: Data, page: Int) throws -> String {
        let result = try run("pdftotext", ["-layout", "-f", "\(page)", "-l", "\(page)"], pdf, output: "-")
        guard result.status == 0 else { throw TestSupportError("pdftotext failed: \(result.stderr)") }
        return result.stdout
    }

    /// Page `page` (1 for the first) drawn by `pdftoppm` at `dpi` dots per inch (36
    /// unless given), as PPM bytes.
    public static func pixels(_ pdf: Data, page: Int, dpi: Int = 36) throws -> Data {
        // pdftoppm writes to OUTPUT.ppm (a root of "-" too), never to standard output.
        let result = try run("pdftoppm", ["-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile"], pdf, outputFile: "page.ppm")
        guard result.status == 0 else { throw TestSupportError("pdftoppm failed: \(result.stderr)") }
        return result.stdoutData
    }

    /// What page `page` (1 for the first) shows, as `pdftoppm` draws it at 72 dots
    /// per inch (one pixel a point): the page's size, and the box around every pixel
    /// that is not white (a channel under 240), in points from the page's top-left
    /// corner, or `nil` when the page is blank.
    public static func ink(_ pdf: Data, page: Int) throws -> (width: Int, height: Int, box: (minX: Int, minY: Int, maxX: Int, maxY: Int)?) {
        let ppm = [UInt8](try pixels(pdf, page: page, dpi: 72))
        // "P6", width, height, maximum (255), each after white space, then one byte of white space.
        var fields: [Int] = []
        var at = 2
        while fields.count < 3 {
            while at < ppm.count, ppm[at] == 0x20 || ppm[at] == 0x0A || ppm[at] == 0x0D || ppm[at] == 0x09 { at += 1 }
            var value = 0
            while at < ppm.count, (0x30...0x39).contains(ppm[at]) { value = value * 10 + Int(ppm[at] - 0x30); at += 1 }
            fields.append(value)
        }
        at += 1
        let (width, height) = (fields[0], fields[1])
        guard ppm.starts(with: Array("P6".utf8)), fields[2] == 255, ppm.count - at >= width * height * 3 else {
            throw TestSupportError("pdftoppm wrote no 8-bit PPM")
        }
        var box: (minX: Int, minY: Int, maxX: Int, maxY: Int)?
        for y in 0..<height {
            for x in 0..<width {
                let pixel = at + (y * width + x) * 3
                guard ppm[pixel] < 240 || ppm[pixel + 1] < 240 || ppm[pixel + 2] < 240 else { continue }
                if let b = box {
                    box = (min(b.minX, x), min(b.minY, y), max(b.maxX, x), max(b.maxY, y))
                } else {
                    box = (x, y, x, y)
                }
            }
        }
        return (width, height, box)
    }

    /// Runs tool `name` with `arguments` and, when given, `pdf` written to a
    /// temporary file named after them, then `output` when given; with
    /// `outputFile`, the root of that file's name (without extension) in the same
    /// folder, whose content is returned as standard output.
    private static func run(_ name: String, _ arguments: [String], _ pdf: Data?, output: String? = nil,
                            outputFile: String? = nil) throws -> ProcessResult {
        guard let program = programs?[name] else { throw TestSupportError("\(name) is not on PATH") }
        guard let pdf else { return try ProcessRunner.run(program, arguments) }
        let folder = try TestPaths.temporaryDirectory("pdftools")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("in.pdf")
        try pdf.write(to: file)
        let target = outputFile.map { folder.appendingPathComponent($0) }
        let root = target.map { [$0.deletingPathExtension().path] } ?? output.map { [$0] } ?? []
        var result = try ProcessRunner.run(program, arguments + [file.path] + root, in: folder)
        if let target, result.status == 0 { result.stdoutData = try Data(contentsOf: target) }
        return result
    }
}
