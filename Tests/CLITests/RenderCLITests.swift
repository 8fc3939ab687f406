import Foundation
import Testing
import RelGraphTestSupport

@Suite("relgraph render")
struct RenderCLITests {
    @Test("renders the flagship to SVG, PNG, PDF and DOT in one run, named after the base path")
    func severalFormats() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("net").path
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--format", "svg,png,pdf,dot", "-o", base])
        #expect(run.status == 0, "\(run.stderr)")
        for ext in ["svg", "png", "pdf", "dot"] {
            #expect(FileManager.default.fileExists(atPath: base + "." + ext), "\(ext) missing")
        }
        #expect(run.stdout.isEmpty)
    }

    @Test("the format comes from the output's extension; -o - writes only the diagram to stdout")
    func formatFromExtension() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("x.pdf")
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", pdf.path, "-q"]).status == 0)
        #expect(try Data(contentsOf: pdf).prefix(5) == Data("%PDF-".utf8))
        let stdout = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--format", "dot", "-o", "-"])
        #expect(stdout.status == 0)
        #expect(stdout.stdout.hasPrefix("digraph relgraph {\n") && stdout.stdout.hasSuffix("}\n"))
    }

    @Test("a PDF is a sheet of the page's paper (A4 by default, Letter, WxH exactly); --page none and --pdf-page drawing keep the drawing's size",
          .enabled(if: PDFTools.available, PDFTools.missing))
    func pdfPaper() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([String], String?)] = [
            ([], "595.276 x 841.89 pts (A4)"), (["--page", "letter"], "612 x 792 pts (letter)"),
            (["--page", "10x12in"], "720 x 864 pts"), (["--page", "none"], nil), (["--pdf-page", "drawing"], nil),
        ]
        for (index, (flags, size)) in cases.enumerated() {
            let pdf = dir.appendingPathComponent("\(index).pdf")
            let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", pdf.path, "-q"] + flags)
            #expect(run.status == 0, "\(flags): \(run.stderr)")
            let sizes = try PDFTools.pageSizes(try Data(contentsOf: pdf))
            if let size {
                #expect(sizes == [size], "\(flags)")
            } else {
                #expect(sizes.count == 1 && !sizes[0].contains("A4") && sizes[0] != "595.276 x 841.89 pts", "\(flags): \(sizes)")
            }
        }
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--pdf-page", "a4", "-o", "-"]).status == 64)
    }

    @Test("invalid input stops with the diagnostics and exit 65, writing nothing and leaving an existing output untouched")
    func invalidInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "entities:\n  - {id: a, kind: gruop, name: A}\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("bad.svg")
        try "previous content".write(to: out, atomically: true, encoding: .utf8)
        let run = try relgraph(["render", bad.path, "-o", out.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.yaml:2:19: error: [unknown-kind] unknown entity kind 'gruop'"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous content")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bad.svg", "bad.yaml"])
    }

    @Test("an output that cannot be written exits 73 with a clear message and leaves no temporary file")
    func unwritableOutput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", file.path + "/out.svg"])
        #expect(run.status == 73)
        #expect(run.stderr.contains("cannot write \(file.path)/out.svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plain-file"])
    }

    @Test("bad usage exits 64: unknown engine, unknown format, mismatched extension, missing input")
    func usage() throws {
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--engine", "bogus", "-o", "-"]).status == 64)
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--format", "gif", "-o", "-"]).status == 64)
        let mismatch = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--format", "png", "-o", "/tmp/x.svg"])
        #expect(mismatch.status == 64)
        #expect(mismatch.stderr.contains("has the extension of svg, but --format is png"))
        #expect(try relgraph(["render", "no/such.yaml", "-o", "-"]).status == 66)
    }

    @Test("every layout engine renders the flagship", arguments: ["dot", "neato", "fdp", "sfdp", "circo", "twopi"])
    func engines(engine: String) throws {
        let run = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--engine", engine, "--format", "svg", "-o", "-", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("<svg ") && run.stdout.contains("ISKP"))
    }

    @Test("--no-legend drops the legend; --theme dark draws on a dark background")
    func legendAndTheme() throws {
        let plain = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--no-legend", "-o", "-", "-q"]).stdout
        #expect(!plain.contains(">Entities<") && !plain.contains(">Lines<"))
        let withLegend = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", "-", "-q"]).stdout
        #expect(withLegend.contains(">Entities<") && withLegend.contains(">Lines<"))
        let dark = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--theme", "dark", "-o", "-", "-q"]).stdout
        #expect(dark.contains("fill=\"#0d1117\""))
    }

    @Test("--dpi 300 draws a PNG 300/96 times as many pixels wide and records 300 dpi in it (pHYs); out of range is bad usage")
    func dpi() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("96.png"), sharp = dir.appendingPathComponent("300.png")
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", plain.path, "-q"]).status == 0)
        #expect(try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--dpi", "300", "-o", sharp.path, "-q"]).status == 0)
        let (width96, phys96) = try pngFacts(plain)
        let (width300, phys300) = try pngFacts(sharp)
        #expect(abs(Double(width300) / Double(width96) - 300.0 / 96) < 0.02, "\(width96) px → \(width300) px")
        #expect(phys96 == nil)
        #expect(phys300 == 11811, "300 dpi is 11811 dots per metre")
        let bad = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--dpi", "3", "-o", "-"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--dpi: 3 is out of range"))
    }
}

/// A PNG file's width and its pHYs dots per metre, if any; every chunk's CRC is
/// checked with zlib's crc32 in python3 (an implementation of its own).
func pngFacts(_ file: URL) throws -> (width: Int, dotsPerMetre: Int?) {
    let bytes = [UInt8](try Data(contentsOf: file))
    func uint32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    var index = 8, dotsPerMetre: Int?
    while index + 12 <= bytes.count {
        let length = uint32(index)
        if String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self) == "pHYs" { dotsPerMetre = uint32(index + 8) }
        index += 12 + length
    }
    let check = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
        import sys, struct, zlib
        d = open(sys.argv[1], 'rb').read(); i = 8; ok = True
        while i < len(d):
            n, = struct.unpack('>I', d[i:i+4]); ok &= zlib.crc32(d[i+4:i+8+n]) == struct.unpack('>I', d[i+8+n:i+12+n])[0]; i += 12 + n
        print(ok)
        """, file.path])
    #expect(check.out == "True\n", "a chunk's CRC is wrong: \(check.stderr)")
    return (uint32(16), dotsPerMetre)
}

/// Issue 28: a bad flag value found while a command runs ends with that
/// command's usage, as errors found while parsing do, not the top-level one.
@Suite("flag errors end with the subcommand's usage")
struct FlagErrorUsageTests {
    @Test("--as-of 2019-13 is not a valid month, and the usage is the command's", arguments: ["render", "stats", "report"])
    func badMonth(_ command: String) throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph([command, file.path, "--as-of", "2019-13"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Error: --as-of: '2019-13' is not a valid month: months run from 01 to 12"), "\(run.stderr)")
        #expect(run.stderr.contains("Usage: relgraph \(command) "), "\(run.stderr)")
        #expect(run.stderr.contains("See 'relgraph \(command) --help' for more information."), "\(run.stderr)")
        #expect(!run.stderr.contains("relgraph <subcommand>"))
    }
}
