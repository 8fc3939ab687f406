import Foundation
import RelGraphTestSupport
import Testing

@Suite("MkDocs plugin (integrations/mkdocs), installed with pip and run by the real MkDocs")
struct MkDocsPluginTests {
    /// The plugin, installed from a copy of integrations/mkdocs into a folder of its
    /// own (pip --target: the checkout and the Python environment stay as they were),
    /// once per test run; nil when pip failed (the tests then fail, saying why).
    static let installed: Result<URL, CLITestError> = {
        do {
            let root = try temporaryDirectory("mkdocs-plugin")
            let source = root.appendingPathComponent("source")
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("integrations/mkdocs"), to: source)
            let run = try CLI.run(Toolchains.env, ["python3", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                                   "--no-deps", "--no-build-isolation", "--target", root.appendingPathComponent("site-packages").path,
                                                   source.path])
            guard run.status == 0 else { return .failure(CLITestError("pip install integrations/mkdocs failed: \(run.stderr)")) }
            return .success(root.appendingPathComponent("site-packages"))
        } catch {
            return .failure(CLITestError("\(error)"))
        }
    }()

    /// A site: docs/index.md with an inline diagram (fence on line 5) and a
    /// `file=` one with a view, inside a list item; docs/net.yaml.
    static func site(theme: String = "mkdocs", inline: String = inlineNetwork(), fileFence: String = #"```relgraph file="net.yaml" view="ties" caption="ISKP's ties""#) throws -> URL {
        let dir = try temporaryDirectory("mkdocs")
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try embeddingNetwork.write(to: docs.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
        try "site_name: relgraph test\ntheme:\n  name: \(theme)\nplugins:\n  - relgraph\n"
            .write(to: dir.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let indented = (fileFence + "\n```").split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        try """
            # Two diagrams

            Some text.

            ```relgraph caption="An inline network"
            \(inline)```

            - a list item with a diagram:

            \(indented)

            ````markdown
            ```relgraph
            an example in a code block, not a diagram
            ```
            ````

            """.write(to: docs.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        return dir
    }

    static func build(_ dir: URL) throws -> CLI.Result {
        let packages = try installed.get()
        return try CLI.run(Toolchains.env, ["python3", "-m", "mkdocs", "build", "--quiet"], in: dir,
                           environment: ["PYTHONPATH": packages.path, "RELGRAPH": try CLI.relgraph().path, "NO_MKDOCS_2_WARNING": "1"])
    }

    @Test("a site with two diagrams: two inline SVGs, no duplicate id, names there, no script in them, auto theme",
          .enabled(if: Toolchains.mkdocs && Toolchains.html5lib, "needs MkDocs, wheel and html5lib (`make test` installs them)"))
    func site() throws {
        let dir = try Self.site()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.build(dir)
        #expect(run.status == 0, "\(run.stderr)")
        let index = dir.appendingPathComponent("site/index.html")
        let page = try Toolchains.inspect(index)
        #expect(page.svgs == 2)
        #expect(page.roots == ["rg-index-1-root", "rg-index-2-root"])
        #expect(page.duplicates.isEmpty, "\(page.duplicates)")
        #expect(page.scriptsInFigures == 0 && page.handlers == 0)
        #expect(page.captions == ["An inline network", "ISKP's ties"], "\(page.captions)")
        for name in ["Alpha Front", "Bravo Service", "ISKP", "Tehreek-e-Taliban"] {
            #expect(page.text.contains(name), "\(name) missing")
        }
        #expect(!page.text.contains("Lashkar-e-Jhangvi"))
        #expect(page.sized)
        let html = try String(contentsOf: index, encoding: .utf8)
        #expect(html.contains("an example in a code block, not a diagram"), "a fence inside a fence is an example")
        #expect(html.contains("@media (prefers-color-scheme: dark)") && html.contains("[data-bs-theme=dark]"),
                "MkDocs' own theme marks its colour mode: --theme auto")
        #expect(!html.contains("relgraph-figure-"), "every placeholder was replaced")
    }

    @Test("MkDocs Material: the palette's scheme is on <body>, and the diagrams follow it (--theme auto keys on data-md-color-scheme)",
          .enabled(if: Toolchains.mkdocs && Toolchains.material, "needs MkDocs Material (`make test` installs it)"))
    func material() throws {
        let dir = try Self.site(theme: "material")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "site_name: relgraph test\ntheme:\n  name: material\n  palette:\n    - scheme: slate\n      toggle: {icon: material/brightness-4, name: Light}\n    - scheme: default\n      toggle: {icon: material/brightness-7, name: Dark}\nplugins:\n  - relgraph\n"
            .write(to: dir.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let run = try Self.build(dir)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(html.contains("<body dir=\"ltr\" data-md-color-scheme=\"slate\""), "Material marks the page")
        #expect(html.contains(":is([data-theme=dark],.dark,[data-md-color-scheme=slate],"), "the diagrams follow the mark")
        #expect(html.contains(":not(:is([data-theme=light],.light,[data-md-color-scheme=default],"))
    }

    @Test("an invalid inline network fails the build with relgraph's message at the page's line and column",
          .enabled(if: Toolchains.mkdocs, "needs MkDocs (`make test` installs it)"))
    func invalid() throws {
        let dir = try Self.site(inline: inlineNetwork(kind: "agncy"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.build(dir)
        #expect(run.status != 0)
        // The fence is line 5; `kind: agncy` is its 6th line, column 19.
        #expect(run.stderr.contains("docs/index.md:11:19: error: [unknown-kind] unknown entity kind 'agncy'"), "\(run.stderr)")
        #expect(run.stderr.contains("relgraph block 1 (line 5): not drawn: relgraph exit 65 (an invalid network or view)"), "\(run.stderr)")
        #expect(!run.stderr.contains("Traceback"))
    }

    @Test("file= stays in the docs folder: '..', absolute paths and a link out are refused; a missing file is named",
          .enabled(if: Toolchains.mkdocs, "needs MkDocs (`make test` installs it)"))
    func files() throws {
        func failure(_ fence: String, prepare: (URL) throws -> Void = { _ in }) throws -> String {
            let dir = try Self.site(fileFence: fence)
            defer { try? FileManager.default.removeItem(at: dir) }
            try prepare(dir)
            let run = try Self.build(dir)
            #expect(run.status != 0, "\(fence) was drawn")
            return run.stderr
        }
        #expect(try failure(#"```relgraph file="../mkdocs.yml""#).contains("steps out with '..'"))
        #expect(try failure(#"```relgraph file="/etc/passwd""#).contains("is an absolute path"))
        #expect(try failure(#"```relgraph file="none.yaml""#).contains("file='none.yaml' not found in the docs folder"))
        #expect(try failure(#"```relgraph file="out.yaml""#) { dir in
            try embeddingNetwork.write(to: dir.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("docs/out.yaml"),
                                                       withDestinationURL: dir.appendingPathComponent("outside.yaml"))
        }.contains("leads out of the docs folder"))
        #expect(try failure(#"```relgraph file="net.yaml" output="x.svg""#).contains("unknown attribute 'output'"))
        // A value that looks like a flag stays a value (--focus=-o pwned.svg), which relgraph refuses.
        #expect(try failure(#"```relgraph file="net.yaml" focus="-o pwned.svg""#).contains("focus names unknown entity '-o pwned.svg'"))
    }
}
