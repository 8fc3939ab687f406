import Foundation
import RelGraphTestSupport
import Testing

@Suite("pandoc filter and Quarto extension (_extensions/relgraph/relgraph.lua), run by the real pandoc")
struct PandocFilterTests {
    /// A folder with `doc.md` (an inline block on line 7, then a `file=` block
    /// with a view) and `net.yaml`.
    static func document(inline: String = inlineNetwork(), fileBlock: String = #"```{.relgraph #fig-ties file="net.yaml" view="ties" caption="ISKP's ties"}"#) throws -> URL {
        let dir = try temporaryDirectory("pandoc")
        try embeddingNetwork.write(to: dir.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
        let doc = """
            ---
            title: Two diagrams
            ---

            # Inline

            ```{.relgraph caption="An *inline* network"}
            \(inline)```

            # From a file

            \(fileBlock)
            ```

            """
        try doc.write(to: dir.appendingPathComponent("doc.md"), atomically: true, encoding: .utf8)
        return dir
    }

    /// Runs `pandoc` with the filter in `dir`; relgraph is `RELGRAPH` (the built one).
    static func pandoc(_ pandoc: String, _ arguments: [String], in dir: URL, locale: String = "C.UTF-8",
                       environment: [String: String]? = nil) throws -> CLI.Result {
        try CLI.run(URL(fileURLWithPath: pandoc), ["--lua-filter", Toolchains.filter.path] + arguments, in: dir,
                    environment: (environment ?? ["RELGRAPH": try CLI.relgraph().path]).merging(["LC_ALL": locale]) { $1 })
    }

    @Test("HTML: two inline SVGs, no duplicate id, names and captions there, no script, responsive, hover and a caption",
          .enabled(if: !Toolchains.pandocs.isEmpty && Toolchains.html5lib, "needs pandoc and html5lib (`make test` installs them)"),
          arguments: Toolchains.pandocRuns)
    func html(run pandoc: PandocRun) throws {
        let dir = try Self.document()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.pandoc(pandoc.pandoc, ["doc.md", "-s", "-o", "doc.html"], in: dir, locale: pandoc.locale)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let page = try Toolchains.inspect(dir.appendingPathComponent("doc.html"))
        #expect(page.svgs == 2)
        #expect(page.roots == ["rg-1-root", "rg-fig-ties-root"])
        #expect(page.duplicates.isEmpty, "\(page.duplicates)")
        #expect(page.scripts == 0 && page.handlers == 0)
        #expect(page.captions == ["An inline network", "ISKP’s ties"] || page.captions == ["An inline network", "ISKP's ties"], "\(page.captions)")
        for name in ["Alpha Front", "Bravo Service", "ISKP", "Tehreek-e-Taliban", "ISKP's ties"] {
            #expect(page.text.contains(name), "\(name) missing")
        }
        #expect(!page.text.contains("Lashkar-e-Jhangvi"), "the view keeps ISKP's ties only")
        #expect(page.sized)
        let html = try String(contentsOf: dir.appendingPathComponent("doc.html"), encoding: .utf8)
        #expect(html.contains(":has("), "hover highlighting is on")
        #expect(html.contains("id=\"fig-ties\""), "the block's identifier names its figure")
    }

    @Test("an invalid inline network stops the build with relgraph's message at the document's line and column",
          .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc (`make test` installs it)"), arguments: Toolchains.pandocRuns)
    func invalidInline(run pandoc: PandocRun) throws {
        let dir = try Self.document(inline: inlineNetwork(kind: "agncy"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.pandoc(pandoc.pandoc, ["doc.md", "-s", "-o", "doc.html"], in: dir, locale: pandoc.locale)
        #expect(run.status == 65)
        // The block's fence is line 7; `kind: agncy` is its 6th line, column 19.
        #expect(run.stderr.contains("doc.md:13:19: error: [unknown-kind] unknown entity kind 'agncy'"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: did you mean 'agency'?"))
        #expect(run.stderr.contains("relgraph block 1 (line 7): not drawn: relgraph exit 65 (an invalid network or view); the build stops"), "\(run.stderr)")
        #expect(!run.stderr.contains("stack traceback"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("doc.html").path))
    }

    @Test("a network file with a mistake: its own file:line:column", .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"),
          arguments: Toolchains.pandocs)
    func invalidFile(pandoc: String) throws {
        let dir = try Self.document()
        defer { try? FileManager.default.removeItem(at: dir) }
        let net = dir.appendingPathComponent("net.yaml")
        try embeddingNetwork.replacingOccurrences(of: "type: harbors", with: "type: harbours").write(to: net, atomically: true, encoding: .utf8)
        let run = try Self.pandoc(pandoc, ["doc.md", "-o", "doc.html"], in: dir)
        #expect(run.status == 65)
        #expect(run.stderr.contains("net.yaml:15:28: error: [unknown-relation-type] unknown relation type 'harbours'"), "\(run.stderr)")
        #expect(run.stderr.contains("relgraph block 2 (line 20)"))
    }

    @Test("refused: an absolute path, a '..' step, an unknown attribute; a missing file is 66, a missing relgraph 69",
          .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"))
    func refusals() throws {
        let pandoc = Toolchains.pandocs[0]
        func build(_ fileBlock: String, environment: [String: String]? = nil) throws -> CLI.Result {
            let dir = try Self.document(fileBlock: fileBlock)
            defer { try? FileManager.default.removeItem(at: dir) }
            return try Self.pandoc(pandoc, ["doc.md", "-o", "doc.html"], in: dir, environment: environment)
        }
        let absolute = try build(#"```{.relgraph file="/etc/passwd"}"#)
        #expect(absolute.status == 65 && absolute.stderr.contains("is an absolute path"), "\(absolute.stderr)")
        let up = try build(#"```{.relgraph file="sub/../../net.yaml"}"#)
        #expect(up.status == 65 && up.stderr.contains("steps out with '..'"), "\(up.stderr)")
        let missing = try build(#"```{.relgraph file="nets/none.yaml"}"#)
        #expect(missing.status == 66 && missing.stderr.contains("file=\"nets/none.yaml\" not found in the resource path (.)"), "\(missing.stderr)")
        let unknown = try build(#"```{.relgraph file="net.yaml" output="x.svg"}"#)
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown attribute \"output\""), "\(unknown.stderr)")
        let absent = try build(#"```{.relgraph file="net.yaml"}"#, environment: ["RELGRAPH": "/nonexistent/relgraph"])
        #expect(absent.status == 69 && absent.stderr.contains("RELGRAPH is /nonexistent/relgraph, which does not exist"), "\(absent.stderr)")
        let notOnPath = try build(#"```{.relgraph file="net.yaml"}"#, environment: ["PATH": "/nonexistent", "RELGRAPH": ""])
        #expect(notOnPath.status == 69 && notOnPath.stderr.contains("cannot find relgraph on PATH"), "\(notOnPath.stderr)")
        for run in [absolute, up, missing, unknown, absent, notOnPath] {
            #expect(!run.stderr.contains("stack traceback"), "\(run.stderr)")
        }
    }

    @Test("a value that looks like a flag stays a value: focus=\"-o pwned.svg\" writes nothing, and the build stops",
          .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"))
    func noFlagInjection() throws {
        let dir = try Self.document(fileBlock: #"```{.relgraph file="net.yaml" focus="-o pwned.svg" page="none;touch pwned"}"#)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.pandoc(Toolchains.pandocs[0], ["doc.md", "-o", "doc.html"], in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("relgraph block 2"), "\(run.stderr)")
        #expect(run.stderr.contains("unknown entity '-o pwned.svg'") || run.stderr.contains("--page"), "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.sorted() == ["doc.md", "net.yaml"], "\(files)")
    }

    @Test("the relgraph on PATH is found without RELGRAPH; file= follows --resource-path",
          .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"))
    func pathAndResourcePath() throws {
        let dir = try Self.document(fileBlock: #"```{.relgraph file="net.yaml"}"#)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("net.yaml"), to: data.appendingPathComponent("net.yaml"))
        let path = try CLI.relgraph().deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let run = try Self.pandoc(Toolchains.pandocs[0], ["doc.md", "--resource-path", ".:data", "-o", "doc.html"], in: dir,
                                  environment: ["PATH": path, "RELGRAPH": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("doc.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
    }

    @Test("DOCX and ODT hold each diagram as a PNG at 300 dpi", .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"),
          arguments: Toolchains.pandocs)
    func office(pandoc: String) throws {
        let dir = try Self.document()
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ["docx", "odt"] {
            let run = try Self.pandoc(pandoc, ["doc.md", "-o", "doc.\(format)"], in: dir)
            #expect(run.status == 0, "\(Toolchains.version(pandoc)) \(format): \(run.stderr)")
            let unpacked = dir.appendingPathComponent(format)
            let pngs = try Toolchains.unzip(dir.appendingPathComponent("doc.\(format)"), to: unpacked).filter { $0.hasSuffix(".png") && !$0.hasPrefix("Thumbnails/") }
            #expect(pngs.count == 2, "\(format): \(pngs)")
            for png in pngs {
                #expect(try pngFacts(unpacked.appendingPathComponent(png)).dotsPerMetre == 11811, "\(format) \(png): not 300 dpi")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("relgraph-figures").path),
                "office documents carry their pictures inside")
    }

    @Test("LaTeX: each diagram is a PDF drawing beside the .tex, included as a figure with its caption",
          .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"), arguments: Toolchains.pandocs)
    func latex(pandoc: String) throws {
        let dir = try Self.document()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.pandoc(pandoc, ["doc.md", "-s", "-o", "doc.tex"], in: dir)
        #expect(run.status == 0, "\(Toolchains.version(pandoc)): \(run.stderr)")
        let tex = try String(contentsOf: dir.appendingPathComponent("doc.tex"), encoding: .utf8)
        let included = tex.matches(of: /\\includegraphics(\[[^\]]*\])?\{(relgraph-figures\/relgraph-[0-9a-f]{12}\.pdf)\}/).map { String($0.output.2) }
        #expect(included.count == 2, "\(tex)")
        for file in included {
            let pdf = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(pdf.prefix(5) == Data("%PDF-".utf8))
            // The drawing itself (--pdf-page drawing), not an A4 sheet around it.
            #expect(!String(decoding: pdf, as: UTF8.self).contains("/MediaBox [ 0 0 595.2756 841.8898 ]"), "\(file) is a drawing, not a sheet")
        }
        #expect(tex.contains("\\caption{ISKP's ties}"))
        #expect(tex.contains("\\begin{figure}"))
    }

    @Test("PDF through LaTeX: pandoc -o doc.pdf", .enabled(if: !Toolchains.pandocs.isEmpty && Toolchains.pdflatex != nil,
                                                          "needs pandoc and pdflatex (LaTeX is not among the test tools; the LaTeX test above checks the .tex)"))
    func pdf() throws {
        let dir = try Self.document()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.pandoc(Toolchains.pandocs[0], ["doc.md", "-o", "doc.pdf"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("doc.pdf")).prefix(5) == Data("%PDF-".utf8))
    }

    @Test("other formats (GitHub Markdown): an SVG file beside the output, referred to relative to it",
          .enabled(if: !Toolchains.pandocs.isEmpty, "needs pandoc"), arguments: Toolchains.pandocs)
    func svgFiles(pandoc: String) throws {
        let dir = try Self.document()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.pandoc(pandoc, ["doc.md", "-t", "gfm", "-o", "out/doc.md"], in: dir)
        #expect(run.status == 0, "\(Toolchains.version(pandoc)): \(run.stderr)")
        let markdown = try String(contentsOf: dir.appendingPathComponent("out/doc.md"), encoding: .utf8)
        let files = markdown.matches(of: /relgraph-figures\/relgraph-[0-9a-f]{12}\.svg/).map { String($0.output) }
        #expect(Set(files).count == 2, "\(markdown)")
        for file in files {
            let svg = try String(contentsOf: dir.appendingPathComponent("out").appendingPathComponent(file), encoding: .utf8)
            #expect(svg.contains("<svg") && !svg.contains("<script"))
        }
        // pandoc 2's figures have no alt text of their own: their caption is the image's description.
        if !Toolchains.version(pandoc).hasPrefix("pandoc 2.") {
            #expect(markdown.contains("A four-actor excerpt of the flagship network"), "the network's description is the alt text")
        }
        #expect(markdown.contains("alt=\"Inline network\"") || markdown.contains("![An *inline* network]"), "no description: the title")
    }

    @Test("the Quarto extension: _extension.yml contributes the filter the tests run")
    func quartoExtension() throws {
        let yml = try String(contentsOf: CLI.packageRoot.appendingPathComponent("_extensions/relgraph/_extension.yml"), encoding: .utf8)
        #expect(yml.contains("contributes:\n  filters:\n    - relgraph.lua\n"), "\(yml)")
        #expect(FileManager.default.fileExists(atPath: Toolchains.filter.path))
    }
}
