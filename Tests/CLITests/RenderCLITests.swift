import Foundation
import Testing

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
        #expect(!plain.contains(">Entities<") && !plain.contains(">Confidence<"))
        let withLegend = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "-o", "-", "-q"]).stdout
        #expect(withLegend.contains(">Entities<") && withLegend.contains(">Confidence<"))
        let dark = try relgraph(["render", "graphs/iskp-isi-nexus.yaml", "--theme", "dark", "-o", "-", "-q"]).stdout
        #expect(dark.contains("fill=\"#0d1117\""))
    }
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
