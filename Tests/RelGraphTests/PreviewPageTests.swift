import Foundation
import Testing
@testable import RelGraph

/// The page of `relgraph serve` (``PreviewPage``): pickers, the diagram or the
/// problems in its place, and one small script that cannot be broken out of.
@Suite("Preview page")
struct PreviewPageTests {
    func page(_ content: PreviewPage.Content, title: String = "Net", version: String = "1-2") -> String {
        let views = [PreviewPage.Link(label: "whole network", href: PreviewPage.address("/", file: nil, view: nil), isCurrent: false),
                     PreviewPage.Link(label: "ties", href: PreviewPage.address("/", file: nil, view: "ties"), isCurrent: true)]
        let page = PreviewPage(title: title, source: "net.yaml", files: [], views: views, content: content, version: version,
                               versionAddress: PreviewPage.address("/version", file: nil, view: "ties"),
                               diagramAddress: PreviewPage.address("/diagram.svg", file: nil, view: "ties"))
        return String(decoding: page.data, as: UTF8.self)
    }

    @Test("addresses carry the file and view percent-encoded")
    func addresses() {
        #expect(PreviewPage.address("/", file: nil, view: nil) == "/")
        #expect(PreviewPage.address("/diagram.svg", file: "sub/net.yaml", view: "a b&c") == "/diagram.svg?file=sub%2Fnet.yaml&view=a%20b%26c")
        #expect(PreviewPage.address("/", file: nil, view: "ISKP’s") == "/?view=ISKP%E2%80%99s")
    }

    @Test("the diagram inline, the current view marked, a link to diagram.svg")
    func diagram() {
        let html = page(.diagram(svg: "<svg id=\"x\"></svg>\n", warnings: ["net.yaml:3:1: warning: [isolated-entity] …"]))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg id=\"x\"></svg>"))
        #expect(html.contains("<a href=\"/?view=ties\" aria-current=\"page\">ties</a>"))
        #expect(html.contains("<a href=\"/\">whole network</a>"))
        #expect(html.contains("href=\"/diagram.svg?view=ties\""))
        #expect(html.contains("net.yaml:3:1: warning"))
        #expect(html.components(separatedBy: "<script>").count == 2)
    }

    @Test("problems take the diagram's place, each line of a diagnostic kept, escaped")
    func problems() {
        let html = page(.problems(["net.yaml:4:19: error: [unknown-kind] unknown entity kind 'gruop' <b>\n  hint: did you mean 'group'?"]))
        #expect(html.contains("<pre class=\"problems\" role=\"alert\">net.yaml:4:19: error: [unknown-kind] unknown entity kind &#39;gruop&#39; &lt;b&gt;\n  hint: did you mean"))
        #expect(!html.contains("<b>\n"))
        #expect(!html.contains("diagram.svg"))
    }

    @Test("the script polls the version and cannot be ended early by any text")
    func script() {
        let html = page(.prompt("Pick a file"), title: "</script><script>alert(1)</script>", version: "</script><script>alert(2)")
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(html.components(separatedBy: "</script>").count == 2)
        #expect(html.contains("fetch(u,{cache:'no-store'})"))
        #expect(html.contains("\"\\u003c/script\\u003e\\u003cscript\\u003ealert(2)\""))
        #expect(html.contains("u=\"/version?view=ties\""))
    }

    @Test("same content, same bytes")
    func deterministic() {
        #expect(page(.prompt("x")) == page(.prompt("x")))
    }
}
