import Foundation

/// The page `relgraph serve` shows: a picker of network files (when serving a
/// folder), a picker of named views, and the diagram inline — or, when the network
/// has errors, the diagnostics (`file:line:column: error: …`) in its place.
///
/// The page keeps itself current with one small script: it asks the server for
/// the input's ``version`` every half second and reloads when it changed. The
/// pickers are plain links and work without it. Pure: the same content gives the
/// same bytes.
package struct PreviewPage: Sendable, Equatable {
    /// One entry of a picker.
    package struct Link: Sendable, Equatable {
        /// What the reader sees.
        package var label: String
        /// The entry's address on the server (``address(_:file:view:)``).
        package var href: String
        /// Whether it is the one shown.
        package var isCurrent: Bool

        /// Creates an entry.
        package init(label: String, href: String, isCurrent: Bool) {
            self.label = label
            self.href = href
            self.isCurrent = isCurrent
        }
    }

    /// What takes the page's main place.
    package enum Content: Sendable, Equatable {
        /// The diagram, as inline SVG (starting with `<svg`), and the warnings about it.
        case diagram(svg: String, warnings: [String])
        /// Why there is no diagram: diagnostics, one per line (`file:line:column: error: …`).
        case problems([String])
        /// Nothing chosen yet (a folder, before a file is picked).
        case prompt(String)
    }

    /// The page title: the network's, or the file's name.
    package var title: String
    /// What is being watched, as the reader named it (`graphs/net.yaml`).
    package var source: String
    /// The network files of a served folder; empty when a single file is served.
    package var files: [Link]
    /// The whole network and each named view; empty when there are no views.
    package var views: [Link]
    /// The diagram or the problems.
    package var content: Content
    /// The input's version when the page was made: the page reloads when the
    /// server's answer at ``versionAddress`` differs.
    package var version: String
    /// Where the page asks for the current version (`/version?file=…&view=…`).
    package var versionAddress: String
    /// Where the diagram alone is (`/diagram.svg?…`), linked from the page.
    package var diagramAddress: String

    /// Creates a page.
    package init(title: String, source: String, files: [Link], views: [Link], content: Content,
                version: String, versionAddress: String, diagramAddress: String) {
        self.title = title
        self.source = source
        self.files = files
        self.views = views
        self.content = content
        self.version = version
        self.versionAddress = versionAddress
        self.diagramAddress = diagramAddress
    }

    /// `path` with the query that picks `file` and `view` (each percent-encoded;
    /// left out when `nil`): `/diagram.svg?file=sub%2Fnet.yaml&view=ties`.
    package static func address(_ path: String, file: String?, view: String?) -> String {
        var items: [String] = []
        if let file { items.append("file=" + percentEncoded(file)) }
        if let view { items.append("view=" + percentEncoded(view)) }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }

    /// `text` for a query value: unreserved characters (RFC 3986) kept, every other byte `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// The page's one script: poll the version, reload when it changed; say so
    /// when the server has stopped.
    package static func script(versionAddress: String, version: String) -> String {
        "(()=>{const v=\(JSONString.quoted(version, scriptSafe: true)),u=\(JSONString.quoted(versionAddress, scriptSafe: true)),s=document.getElementById('status');"
            + "setInterval(()=>fetch(u,{cache:'no-store'}).then(r=>r.text()).then(t=>{if(t!==v)location.reload();s.textContent='live';})"
            + ".catch(()=>{s.textContent='server stopped';}),500);})();"
    }

    /// The inline style sheet.
    static let style = [
        "body { font-family: 'DejaVu Sans', Verdana, sans-serif; margin: 0; color: #1b1f24; background: #fff; }",
        "header { padding: 8px 16px; border-bottom: 1px solid #d0d7de; font-size: 14px; }",
        "header h1 { font-size: 17px; margin: 0 0 4px 0; }",
        "nav { margin: 4px 0; } nav b { color: #57606a; font-weight: normal; margin-right: 4px; }",
        "nav a { margin-right: 10px; color: #0969da; text-decoration: none; } nav a[aria-current] { color: #1b1f24; font-weight: bold; }",
        "#status { float: right; color: #57606a; }",
        "main { padding: 12px 16px; } main svg { width: 100%; height: auto; max-height: calc(100vh - 130px); }",
        "pre.problems { color: #a40e26; background: #ffebe9; border: 1px solid #ff8182; padding: 12px; white-space: pre-wrap; }",
        "pre.warnings { color: #7d4e00; font-size: 12px; white-space: pre-wrap; }",
        "@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } nav a { color: #58a6ff; }"
            + " nav a[aria-current] { color: #e6edf3; } pre.problems { background: #3a1113; color: #ffb3b3; } }",
    ]

    /// The page's HTML.
    package var data: Data {
        var body = ["<header>", "<span id=\"status\">…</span>", "<h1>\(HTMLPage.escape(title))</h1>"]
        func picker(_ name: String, _ links: [Link]) {
            guard !links.isEmpty else { return }
            let items = links.map { link in
                "<a href=\"\(HTMLPage.escape(link.href))\"\(link.isCurrent ? " aria-current=\"page\"" : "")>\(HTMLPage.escape(link.label))</a>"
            }
            body.append("<nav aria-label=\"\(name)\"><b>\(name):</b> " + items.joined(separator: " ") + "</nav>")
        }
        picker("Files", files)
        picker("Views", views)
        body.append("<div>Watching \(HTMLPage.escape(source)): the page updates when it is saved."
                    + (content.isDiagram ? " <a href=\"\(HTMLPage.escape(diagramAddress))\">diagram.svg</a>" : "") + "</div>")
        body.append("</header>")
        body.append("<main>")
        switch content {
        case .diagram(let svg, let warnings):
            body.append(svg.trimmingCharacters(in: .newlines))
            if !warnings.isEmpty {
                let text = warnings.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { HTMLPage.escape(String($0)) }
                body.append("<pre class=\"warnings\">\(text.joined(separator: "\n"))</pre>")
            }
        case .problems(let lines):
            // Escaping drops control characters: each line of a diagnostic (its hint) on its own.
            let text = lines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { HTMLPage.escape(String($0)) }
            body.append("<pre class=\"problems\" role=\"alert\">\(text.joined(separator: "\n"))</pre>")
        case .prompt(let text):
            body.append("<p>\(HTMLPage.escape(text))</p>")
        }
        body.append("</main>")
        body.append("<script>\(Self.script(versionAddress: versionAddress, version: version))</script>")
        return HTMLPage(title: title + " — relgraph preview", style: Self.style, body: body).data
    }
}

extension PreviewPage.Content {
    var isDiagram: Bool {
        if case .diagram = self { return true }
        return false
    }
}
