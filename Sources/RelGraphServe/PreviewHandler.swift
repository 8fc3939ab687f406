import FlyingFox
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphCommands

/// The HTTP side of `relgraph serve` (FlyingFox): three addresses and nothing
/// else — `/` (the page), `/diagram.svg` (the diagram alone) and `/version` (what
/// the page polls) — each taking `?file=` (in a folder) and `?view=`; and an empty
/// `/favicon.ico` (204). Any other
/// path, method, file or view is 404: no file can be read through it but what it
/// renders. Requests whose `Host` is not the server's own are refused (403), so a
/// web page cannot reach it through DNS rebinding.
struct PreviewHandler: HTTPHandler {
    let source: PreviewSource
    /// `Host` header values accepted (`127.0.0.1:8080`, `localhost:8080`…), set
    /// once the port is known (until then every request is refused); empty accepts any.
    let hosts: Locked<Set<String>>

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let hosts = hosts.value else { return Self.text(.serviceUnavailable, "starting\n") }
        if !hosts.isEmpty, !hosts.contains((request.headers[.host] ?? "").lowercased()) {
            return Self.text(.forbidden, "relgraph serve answers only to its own address\n")
        }
        guard request.method == .GET || request.method == .HEAD else { return Self.text(.methodNotAllowed, "only GET\n") }
        // Browsers ask for it unbidden: an empty answer, not a 404 in the console.
        if request.path == "/favicon.ico" { return HTTPResponse(statusCode: .noContent) }
        let file = request.query.first { $0.name == "file" }?.value
        let view = request.query.first { $0.name == "view" }?.value
        let unknown = request.query.contains { $0.name != "file" && $0.name != "view" }
        guard !unknown else { return Self.notFound }
        if source.isFolder, file == nil {
            switch request.path {
            case "/": return Self.html(folderPage())
            case "/version": return Self.text(.ok, folderVersion())
            default: return Self.notFound
            }
        }
        let path: String
        do {
            path = try source.file(named: file)
        } catch {
            return Self.notFound
        }
        switch request.path {
        case "/version":
            return Self.text(.ok, PreviewSource.version(of: path))
        case "/":
            return Self.html(page(path: path, file: file, view: view))
        case "/diagram.svg":
            let shown = source.content(file: path, view: view)
            guard case .diagram(let svg, _) = shown.content else {
                return Self.text(.unprocessableContent, "no diagram: open / to see why\n")
            }
            return HTTPResponse(statusCode: .ok, headers: Self.headers("image/svg+xml"), body: Data(svg.utf8))
        default:
            return Self.notFound
        }
    }

    /// The page of one file through one view.
    func page(path: String, file: String?, view: String?) -> PreviewPage {
        let shown = source.content(file: path, view: view)
        var content = shown.content
        if let view, !shown.views.contains(view), case .diagram = content {
            content = .problems(["\(path): error: no view named '\(view)'" + (shown.views.isEmpty ? "" : "; views: \(shown.views.joined(separator: ", "))")])
        }
        let views = shown.views.isEmpty ? [] : [PreviewPage.Link(label: "whole network", href: PreviewPage.address("/", file: file, view: nil), isCurrent: view == nil)]
            + shown.views.map { PreviewPage.Link(label: $0, href: PreviewPage.address("/", file: file, view: $0), isCurrent: $0 == view) }
        return PreviewPage(title: shown.title, source: path, files: fileLinks(current: file), views: views, content: content,
                           version: shown.version, versionAddress: PreviewPage.address("/version", file: file, view: view),
                           diagramAddress: PreviewPage.address("/diagram.svg", file: file, view: view))
    }

    /// A folder's page before a file is picked.
    func folderPage() -> PreviewPage {
        let files = fileLinks(current: nil)
        return PreviewPage(title: (source.path as NSString).lastPathComponent, source: source.path, files: files, views: [],
                           content: .prompt(files.isEmpty ? "No network files (.yaml, .yml, .json) in \(source.path)." : "Pick a network file."),
                           version: folderVersion(), versionAddress: "/version", diagramAddress: "")
    }

    /// The version of a folder's page: its list of network files.
    func folderVersion() -> String {
        var hash = SHA256Hasher()
        hash.update(source.files().joined(separator: "\n"))
        return SHA256Hasher.hexString(hash.finalize())
    }

    func fileLinks(current: String?) -> [PreviewPage.Link] {
        guard source.isFolder else { return [] }
        return source.files().map { PreviewPage.Link(label: $0, href: PreviewPage.address("/", file: $0, view: nil), isCurrent: $0 == current) }
    }

    static let notFound = text(.notFound, "not found\n")

    static func headers(_ type: String) -> HTTPHeaders {
        [.contentType: type, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff",
         HTTPHeader("Referrer-Policy"): "no-referrer"]
    }

    static func text(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/plain; charset=utf-8"), body: Data(text.utf8))
    }

    static func html(_ page: PreviewPage) -> HTTPResponse {
        var headers = headers("text/html; charset=utf-8")
        // Only the page's own script runs; nothing is fetched from elsewhere.
        headers[HTTPHeader("Content-Security-Policy")] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
        return HTTPResponse(statusCode: .ok, headers: headers, body: page.data)
    }
}
