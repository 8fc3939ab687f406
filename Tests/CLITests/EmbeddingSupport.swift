import Foundation
import RelGraphTestSupport
import Testing

/// The report toolchains the integrations are tested with, as installed by
/// `scripts/ensure-deps.sh --test` (docs/embedding.md).
enum Toolchains {
    /// `/usr/bin/env`, to run python3 from PATH.
    static let env = URL(fileURLWithPath: "/usr/bin/env")

    /// python3 -c SCRIPT ARGS…
    static func python(_ script: String, _ arguments: [String] = [], in directory: URL? = nil,
                       environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(env, ["python3", "-c", script] + arguments, in: directory, environment: environment)
    }

    static func pythonHas(_ module: String) -> Bool {
        (try? python("import \(module)").status) == 0
    }

    /// Every pandoc here: pandoc 3 from PyPI's pypandoc-binary, Debian's (2.17) and
    /// any other on PATH, each once. The filter has a branch for pandoc before 3.7.
    static let pandocs: [String] = {
        var found: [String] = []
        if let pypi = try? python("import pypandoc; print(pypandoc.get_pandoc_path())"), pypi.status == 0 {
            found.append(pypi.out.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("pandoc").resolvingSymlinksInPath().path
            if FileManager.default.isExecutableFile(atPath: candidate) { found.append(candidate) }
        }
        var seen = Set<String>()
        return found.filter { FileManager.default.isExecutableFile(atPath: $0) && seen.insert($0).inserted }
    }()

    /// Each pandoc in a UTF-8 locale and in the C locale: the filter reads relgraph's
    /// messages back only where pandoc can (pandoc 3.7 on, UTF-8), and validates
    /// first elsewhere; both must place a mistake in the document.
    static let pandocRuns: [PandocRun] = pandocs.flatMap { [PandocRun(pandoc: $0, locale: "C.UTF-8"), PandocRun(pandoc: $0, locale: "C")] }

    /// pandoc's version line ("pandoc 3.9"), for messages and for the branch a test
    /// takes; a pandoc that cannot start or fails is recorded as an issue (the test
    /// fails with it) and named by its path.
    static func version(_ pandoc: String) -> String {
        do {
            let run = try CLI.run(URL(fileURLWithPath: pandoc), ["--version"])
            if run.status == 0, let line = run.out.split(separator: "\n").first { return String(line) }
            Issue.record("\(pandoc) --version exited \(run.status): \(run.stderr)")
        } catch {
            Issue.record("\(pandoc) --version could not run: \(error)")
        }
        return pandoc
    }

    /// The filter, where the Quarto extension keeps it.
    static let filter = CLI.packageRoot.appendingPathComponent("_extensions/relgraph/relgraph.lua")

    static let html5lib = pythonHas("html5lib")
    static let mkdocs = pythonHas("mkdocs") && pythonHas("wheel") && pythonHas("setuptools")
    static let material = pythonHas("material")
    static let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// What an HTML page holds, read with html5lib: the relgraph SVGs (`svg.relgraph`),
    /// duplicate ids, `<script>` elements (in the page, and inside figures), the
    /// figure captions, and the SVGs' text.
    static let inspector = """
        import sys, json, collections, html5lib
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
        doc = parser.parse(open(sys.argv[1], encoding='utf-8').read())
        def name(el): return el.tag.split('}')[-1] if isinstance(el.tag, str) else ''
        ids = [v for el in doc.iter() for k, v in el.attrib.items() if k.split('}')[-1] == 'id']
        svgs = [el for el in doc.iter() if name(el) == 'svg' and 'relgraph' in el.get('class', '').split()]
        figures = [el for el in doc.iter() if name(el) == 'figure']
        print(json.dumps({
            'svgs': len(svgs),
            'roots': [el.get('id') for el in svgs],
            'duplicates': [i for i, n in collections.Counter(ids).items() if n > 1],
            'scripts': sum(1 for el in doc.iter() if name(el) == 'script'),
            'scriptsInFigures': sum(1 for f in figures for el in f.iter() if name(el) == 'script'),
            'handlers': sum(1 for s in svgs for el in s.iter() for k in el.attrib if k.lower().startswith('on')),
            'captions': [''.join(c.itertext()).strip() for f in figures for c in f if name(c) == 'figcaption'],
            'text': ' '.join(''.join(s.itertext()) for s in svgs),
            'sized': all('max-width' in s.get('style', '') and s.get('width') is None for s in svgs),
        }))
        """

    struct Page: Decodable {
        var svgs: Int
        var roots: [String]
        var duplicates: [String]
        var scripts: Int
        var scriptsInFigures: Int
        var handlers: Int
        var captions: [String]
        var text: String
        var sized: Bool
    }

    static func inspect(_ html: URL) throws -> Page {
        let result = try python(inspector, [html.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Page.self, from: result.stdout)
    }

    /// Reads `member` of the zip `archive` (DOCX, ODT) into `target`; the members' names.
    static func unzip(_ archive: URL, to target: URL) throws -> [String] {
        let result = try python("""
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print('\\n'.join(z.namelist()))
            """, [archive.path, target.path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.out.split(separator: "\n").map(String.init)
    }
}

/// One pandoc in one locale.
struct PandocRun: Sendable, CustomTestStringConvertible {
    var pandoc: String
    var locale: String
    var testDescription: String { "\(Toolchains.version(pandoc)), LC_ALL=\(locale)" }
}

/// The network of the test documents' `file=` block: a view keeps ISKP's ties.
let embeddingNetwork = """
    title: ISI and ISKP, as one op-ed tells it
    description: A four-actor excerpt of the flagship network, drawn from one 2025 op-ed.
    sources:
      op-ed: {title: A Perilous Convergence, publisher: The Asian Age, date: 2025-10-09}
    views:
      ties: {title: "ISKP's ties", focus: [iskp], depth: 1}
    entities:
      - {id: pakistan, kind: state, name: Pakistan}
      - {id: isi, kind: agency, name: ISI, within: pakistan}
      - {id: iskp, kind: group, name: ISKP}
      - {id: ttp, kind: group, name: Tehreek-e-Taliban}
      - {id: lej, kind: group, name: Lashkar-e-Jhangvi}
    relations:
      - {from: isi, type: sponsors, to: iskp, confidence: alleged, sources: [op-ed]}
      - {from: pakistan, type: harbors, to: ttp, sources: [op-ed]}
      - {from: iskp, type: rival-of, to: ttp, sources: [op-ed]}
      - {from: lej, type: allied-with, to: ttp, sources: [op-ed]}

    """

/// The inline network of the test documents; `kind` lets a test break it.
func inlineNetwork(kind: String = "agency") -> String {
    """
    title: Inline network
    sources:
      s: {title: A report}
    entities:
      - {id: a, kind: group, name: Alpha Front}
      - {id: b, kind: \(kind), name: Bravo Service}
    relations:
      - {from: b, type: funds, to: a, confidence: reported, sources: [s]}

    """
}
