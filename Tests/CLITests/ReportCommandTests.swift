import Foundation
import RelGraph
import RelGraphTestSupport
import Testing

/// Whether python3 with html5lib is installed (`make test` installs it).
private let hasHTML5Lib: Bool = {
    guard let result = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import html5lib"]) else { return false }
    return result.status == 0
}()

/// Debian's chromium, when installed (`make browser-check` installs it).
private let chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// A network whose sources and quotes try to inject markup and script.
private let hostileReportYAML = """
title: "Hostile <script>alert(1)</script>"
description: "<img src=x onerror=alert(1)> & friends"
sources:
  evil: {title: "<script>alert('s')</script>", author: "\\"><b>x", url: "javascript:alert(1)"}
  fine: {title: Fine, url: "https://example.org/?a=1&b=<2>"}
entities:
  - {id: a, kind: group, name: "A <script>x</script>", url: "javascript:alert(2)"}
  - {id: b, kind: state, name: "B\\" onmouseover=\\"alert(3)"}
relations:
  - from: a
    type: operates-in
    to: b
    confidence: alleged
    claims:
      - {source: evil, quote: "</blockquote><script>alert('q')</script>"}
      - {source: fine, by: b, stance: denies, quote: "[x](javascript:alert(4)) <a href=javascript:alert(5)>y</a>"}
"""

/// Runs `relgraph report` with `arguments` and returns the report's text.
private func report(_ arguments: [String], in dir: URL, name: String = "report.html") throws -> String {
    let out = dir.appendingPathComponent(name)
    let run = try relgraph(["report"] + arguments + ["-o", out.path, "-q"])
    #expect(run.status == 0, "\(run.stderr)")
    return try String(contentsOf: out, encoding: .utf8)
}

/// The values of `attribute` in `html` (double-quoted, as relgraph writes them).
private func values(of attribute: String, in html: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "[\\s:]\(attribute)=\"([^\"]*)\"")
    return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
        Range($0.range(at: 1), in: html).map { String(html[$0]) }
    }
}

@Suite("relgraph report")
struct ReportCommandTests {
    @Test("the flagship's report holds every claim's quote, has no script, and every internal link resolves")
    func flagship() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try report([CLI.flagship.path], in: dir)
        let network = NetworkLoader().load(path: CLI.flagship.path).network
        let quotes = network.relations.flatMap(\.claims).compactMap(\.quote)
        #expect(quotes.count > 90)
        for quote in quotes { #expect(html.contains(HTMLPage.escape(LabelText.clean(quote))), "missing quote: \(quote)") }
        #expect(!html.lowercased().contains("<script"))
        for check in [values(of: "id", in: html)] { #expect(check.count == Set(check).count, "duplicate ids") }
        let ids = Set(values(of: "id", in: html))
        let refs = values(of: "href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        #expect(refs.count > 200)
        #expect(Set(refs).subtracting(ids).isEmpty, "\(Set(refs).subtracting(ids).sorted().prefix(5))")
        // Lines link to the evidence; rows link back to lines. The flagship rests on one
        // article, so the key says so once instead of a "1" on every line.
        #expect(html.contains("xlink:href=\"#ev-pair-") && !html.contains("class=\"sources-count\""))
        #expect(html.contains("Every relation rests on the same single source, so lines carry no count of sources."))
        #expect(html.contains("<a href=\"#rg-iskp-isi-nexus-relation-"))
        #expect(html.contains("<a href=\"#rg-iskp-isi-nexus-entity-iskp\">↑ in the diagram</a>"), "the index links to the entity drawn")
        // Attribution is kept: the flagship's covert ties are alleged by the author and denied by Pakistan.
        #expect(html.contains("ISI sponsors ISKP <span class=\"qualifiers\">(disputed; denied by Pakistan)</span>"))
        #expect(html.contains("Denied by Pakistan"))
    }

    @Test("--all-views: the whole network and each view, no id twice, every link resolves")
    func allViews() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try report([CLI.flagship.path, "--all-views"], in: dir)
        let ids = values(of: "id", in: html)
        #expect(ids.count == Set(ids).count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted().prefix(5))")
        let refs = Set(values(of: "href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) })
        #expect(refs.subtracting(ids).isEmpty)
        let network = NetworkLoader().load(path: CLI.flagship.path).network
        #expect(html.components(separatedBy: "<figure class=\"diagram\"").count - 1 == network.views.count + 1)
        for view in network.views.keys { #expect(ids.contains("rg-iskp-isi-nexus-\(CSSName.make(view))-root"), "\(view)") }
    }

    @Test("a hostile network gives a safe report: no script, no javascript: link, no injected element")
    func hostile() throws {
        let (dir, file) = try smallNetwork(hostileReportYAML)
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try report([file.path], in: dir)
        let lower = html.lowercased()
        // The hostile words are shown as text (escaped), never as markup.
        #expect(!lower.contains("<script") && !lower.contains("<img"))
        // No event handler inside a tag (text may show the words: `B" onmouseover="…` is a name here).
        #expect(lower.range(of: #"<[a-z][a-z0-9:-]*(\s+[a-z:-]+="[^"]*")*\s+on[a-z]+\s*="#, options: .regularExpression) == nil, "an event handler attribute")
        let links = values(of: "href", in: html)
        #expect(!links.isEmpty && links.allSatisfy { !$0.lowercased().contains("javascript") }, "\(links)")
        #expect(html.contains("&lt;/blockquote&gt;&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt;"))
        #expect(html.contains("href=\"https://example.org/?a=1&amp;b=%3C2%3E\""))
        let md = try report([file.path, "--format", "md"], in: dir, name: "report.md")
        #expect(!md.lowercased().contains("<script"))
        #expect(md.range(of: #"[^\\]\]\(javascript:"#, options: .regularExpression) == nil, "a Markdown link to javascript:")
        #expect(md.contains("\\[x\\](javascript:alert(4))"), "the quote, escaped")
        #expect(!md.contains("<a href"))
    }

    @Test("well-formed for an HTML5 parser (html5lib): no parse error, no duplicate id",
          .enabled(if: hasHTML5Lib, "needs python3 with html5lib (`make test` installs it)"))
    func html5lib() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try report([CLI.flagship.path, "--all-views"], in: dir)
        let script = """
        import sys, html5lib
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
        doc = parser.parse(open(sys.argv[1], encoding='utf-8').read())
        ids = [v for el in doc.iter() for k, v in el.attrib.items() if k.split('}')[-1] == 'id']
        tags = {el.tag.split('}')[-1] for el in doc.iter() if isinstance(el.tag, str)}
        print(len(parser.errors), len(ids) - len(set(ids)), 'script' in tags, 'img' in tags)
        """
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, dir.appendingPathComponent("report.html").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "0 0 False False\n")
    }

    @Test("loads in headless Chromium without a console error",
          .enabled(if: chromiumPath != nil, "needs chromium (`make browser-check` installs it)"))
    func chromium() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try report([CLI.flagship.path, "--all-views"], in: dir)
        let page = "file://" + dir.appendingPathComponent("report.html").path
        let result = try ProcessRunner.run(URL(fileURLWithPath: chromiumPath!), [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=3000", "--user-data-dir=" + dir.appendingPathComponent("profile").path, "--dump-dom", page,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("id=\"ev-evidence\""), "the page did not load")
        let errors = result.stderr.split(separator: "\n").filter { ($0.contains("CONSOLE") || $0.contains("Uncaught")) && !$0.contains(":INFO:") }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test("--format md writes Markdown with each diagram's SVG beside it, named after the report")
    func markdown() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A second source on one relation, so that lines carry their counts.
        let yaml = try String(contentsOf: CLI.flagship, encoding: .utf8)
            .replacingOccurrences(of: "\nsources:\n", with: "\nsources:\n  second:\n    title: \"A second source\"\n")
            .replacingOccurrences(of: "    to: isis\n    since: \"2015-01\"\n", with: "    to: isis\n    since: \"2015-01\"\n    sources: [second]\n")
        let input = dir.appendingPathComponent("two-sources.yaml")
        try yaml.write(to: input, atomically: true, encoding: .utf8)
        let md = try report([input.path, "--view", "iskp-ties"], in: dir, name: "docs.md")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["docs.iskp-ties.svg", "docs.md", "two-sources.yaml"])
        #expect(md.contains("](docs.iskp-ties.svg)"))
        let svg = try String(contentsOf: dir.appendingPathComponent("docs.iskp-ties.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("class=\"sources-count\""))
        #expect(!svg.contains("xlink:href=\"#ev-"), "no link to evidence that is not in the SVG's page")
    }

    @Test("a view's name cannot lead the Markdown's SVG out of the folder")
    func viewNameStaysInFolder() throws {
        let (dir, file) = try smallNetwork(TestFixtures.twoEntities(views: ["\"x/../../pwned\": {focus: [a]}"]))
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let run = try relgraph(["report", file.path, "--all-views", "-o", out.appendingPathComponent("r.md").path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["r.md", "r.svg", "r.x%2F..%2F..%2Fpwned.svg"])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned.svg").path))
    }

    @Test("without -o the report goes next to the input; bad input writes nothing and exits 65, 66 or 64")
    func pathsAndExitCodes() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try relgraph(["report", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("net.report.html").path))
        #expect(run.stderr.contains("wrote \(dir.appendingPathComponent("net.report.html").path)"))

        let bad = dir.appendingPathComponent("bad.yaml")
        try "entities:\n  - {id: a, kind: gruop, name: A}\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(try relgraph(["report", bad.path]).status == 65)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.report.html").path))
        #expect(try relgraph(["report", dir.appendingPathComponent("missing.yaml").path]).status == 66)
        #expect(try relgraph(["report", file.path, "--format", "md", "-o", "-"]).status == 64)
        #expect(try relgraph(["report", file.path, "--view", "nope"]).status == 64)
    }
}
