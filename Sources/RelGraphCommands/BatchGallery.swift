import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// The `index.html` of a batch render: every diagram with its title, view
/// summary, size and links to its formats, grouped by input file. No script;
/// SVGs are shown with `<img>` (so their ids never meet), PNGs likewise, and
/// DOT/PDF are links. The same inputs give the same bytes.
enum BatchGallery {
    static func html(inputs: [BatchPlan.Input], formats: [RenderFormat]) -> Data {
        let shown = formats.first { $0 == .svg } ?? formats.first { $0 == .png }
        let diagrams = inputs.reduce(0) { $0 + $1.jobs.count }
        var style: [String] = []
        style.append("body{font-family:\"DejaVu Sans\",Verdana,sans-serif;margin:1.5rem;color:#1f2328;background:#ffffff}")
        style.append("h1{font-size:1.5rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}")
        style.append(".file{color:#57606a;font-size:.9rem;font-weight:normal}")
        style.append(".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}")
        style.append("figure{margin:0;border:1px solid #d0d7de;border-radius:6px;padding:.6rem;background:#f6f8fa}")
        style.append("figure img{width:100%;height:16rem;object-fit:contain;background:#ffffff}")
        style.append("figcaption{margin-top:.4rem} .title{font-weight:bold} .view,.counts{color:#57606a;font-size:.9rem}")
        style.append(".formats a{margin-right:.6rem} .failed{color:#8e1b1b}")
        var lines: [String] = []
        lines.append("<h1>relgraph gallery</h1>")
        lines.append("<p>\(diagrams) diagram\(diagrams == 1 ? "" : "s") from \(inputs.count) network file\(inputs.count == 1 ? "" : "s"), drawn by relgraph \(escape(RelGraphInfo.version)).</p>")
        for input in inputs {
            lines.append("<section>")
            lines.append("<h2>\(escape(input.title)) <span class=\"file\">\(escape(input.relativePath))</span></h2>")
            if let failure = input.failure {
                lines.append("<p class=\"failed\">Not drawn: \(escape(failure.reason)). Run <code>relgraph validate \(escape(input.relativePath))</code>.</p>")
                lines.append("</section>")
                continue
            }
            lines.append("<div class=\"grid\">")
            for job in input.jobs {
                lines.append("<figure>")
                if let shown, let output = job.outputs.first(where: { $0.hasSuffix(".\(shown.fileExtension)") }) {
                    lines.append("<a href=\"\(href(output))\"><img src=\"\(href(output))\" alt=\"\(escape(job.title))\" loading=\"lazy\"></a>")
                }
                lines.append("<figcaption>")
                lines.append("<div class=\"title\">\(escape(job.title))</div>")
                let view = job.view.map { "View \($0)" + (job.summary.isEmpty ? "" : ": \(job.summary)") }
                    ?? (job.summary.isEmpty ? "The whole network" : "View: \(job.summary)")
                lines.append("<div class=\"view\">\(escape(view))</div>")
                lines.append("<div class=\"counts\">\(escape(job.counts))</div>")
                let links = job.outputs.map { "<a href=\"\(href($0))\">\(escape(($0 as NSString).pathExtension.uppercased()))</a>" }
                lines.append("<div class=\"formats\">\(links.joined(separator: " "))</div>")
                lines.append("</figcaption>")
                lines.append("</figure>")
            }
            lines.append("</div>")
            lines.append("</section>")
        }
        return HTMLPage(title: "relgraph gallery", style: style, body: lines).data
    }

    static func escape(_ text: String) -> String { HTMLPage.escape(text) }

    /// A relative link: each path component percent-encoded (everything but
    /// letters, digits and `- . _ ~`, so a `:` can never make the first component
    /// a scheme such as `javascript:`), after `./`, then escaped for the attribute.
    static func href(_ path: String) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map { component in
            String(component).addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        }
        return escape("./" + encoded.joined(separator: "/"))
    }

    /// RFC 3986's unreserved characters.
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
