import Foundation
import RelGraph
import RelGraphDrawing

/// The HTML page that steps through a timeline's frames: previous/next buttons,
/// a slider, the left/right arrow keys (Home/End for the ends), and a list of
/// links to every frame that works without JavaScript.
///
/// Frames are shown with `<img>`, so their SVGs stay script-free and their ids
/// never meet on one page; the small inline script only swaps the image.
/// The page is deterministic: the same frames give the same bytes.
public enum TimelinePage {
    /// One frame as the page lists it.
    public struct Entry: Sendable, Equatable {
        /// The frame's file name, relative to the page.
        public var fileName: String
        /// The date shown ("2015", "2015-06").
        public var date: String
        /// "12 entities, 20 relations".
        public var counts: String

        /// Creates an entry.
        public init(fileName: String, date: String, counts: String) {
            self.fileName = fileName
            self.date = date
            self.counts = counts
        }
    }

    /// The entries of a rendered timeline.
    public static func entries(of timeline: Timeline.Result) -> [Entry] {
        timeline.frames.map { frame in
            let e = frame.result.network.entities.count, r = frame.result.network.relations.count
            return Entry(fileName: frame.fileName, date: frame.date.description,
                         counts: "\(e) entit\(e == 1 ? "y" : "ies"), \(r) relation\(r == 1 ? "" : "s")")
        }
    }

    /// The page for `timeline`.
    public static func html(for timeline: Timeline.Result) -> Data {
        html(title: timeline.title, viewSummary: timeline.viewSummary, entries: entries(of: timeline), axis: timeline.axis)
    }

    /// The page: `title` as heading, `viewSummary` under it (when not empty), and the frames.
    /// Along the `known` axis the frames are described as "as known on" their dates.
    public static func html(title: String, viewSummary: String, entries: [Entry], axis: Timeline.Axis = .asOf) -> Data {
        let phrase = axis == .known ? "as known on" : "as of"
        let first = entries.first
        var about = "\(entries.count) frame\(entries.count == 1 ? "" : "s")"
        if let first, let last = entries.last { about += first.date == last.date ? ", \(first.date)" : ", \(first.date) to \(last.date)" }
        if !viewSummary.isEmpty { about = "View: \(viewSummary). " + about }
        about += axis == .known
            ? ". Nodes stay in place from frame to frame: what changes is what was on record on each date."
            : ". Nodes stay in place from frame to frame: what changes is what exists on each date."
        let frameData = entries.map { "{\"src\":\(js($0.fileName)),\"date\":\(js($0.date)),\"counts\":\(js($0.counts))}" }
        var style: [String] = []
        style.append("body{font-family:\"DejaVu Sans\",Verdana,sans-serif;margin:1.5rem;color:#1f2328;background:#ffffff}")
        style.append("h1{font-size:1.4rem;margin:0 0 .3rem}")
        style.append(".about{color:#57606a;margin:0 0 .8rem}")
        style.append(".controls{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}")
        style.append("#slider{flex:1;min-width:12rem}")
        style.append("#date{font-size:1.6rem;font-weight:bold;min-width:7rem}")
        style.append("#counts{color:#57606a}")
        style.append("figure{margin:.5rem 0}")
        style.append("figure img{max-width:100%;max-height:85vh;height:auto;width:auto;border:1px solid #d0d7de}")
        style.append("nav a{margin-right:.6rem}")
        style.append("nav a[aria-current]{font-weight:bold}")
        var lines: [String] = []
        lines.append("<h1>\(escape(title))</h1>")
        lines.append("<p class=\"about\">\(escape(about))</p>")
        lines.append("<div class=\"controls\">")
        lines.append("<button type=\"button\" id=\"prev\" aria-label=\"Previous date\">◀ Previous</button>")
        lines.append("<input type=\"range\" id=\"slider\" min=\"0\" max=\"\(max(0, entries.count - 1))\" value=\"0\" step=\"1\" aria-label=\"Date\">")
        lines.append("<button type=\"button\" id=\"next\" aria-label=\"Next date\">Next ▶</button>")
        lines.append("<span id=\"date\" aria-live=\"polite\">\(escape(first?.date ?? ""))</span>")
        lines.append("<span id=\"counts\">\(escape(first?.counts ?? ""))</span>")
        lines.append("</div>")
        lines.append("<figure><img id=\"frame\" src=\"\(escape(first?.fileName ?? ""))\" alt=\"\(escape(title)), \(phrase) \(escape(first?.date ?? ""))\"></figure>")
        lines.append("<nav aria-label=\"All dates\">")
        for (index, entry) in entries.enumerated() {
            let current = index == 0 ? " aria-current=\"true\"" : ""
            lines.append("<a href=\"\(escape(entry.fileName))\" data-index=\"\(index)\"\(current)>\(escape(entry.date))</a>")
        }
        lines.append("</nav>")
        lines.append("<script>")
        lines.append("\"use strict\";")
        lines.append("const frames = [\(frameData.joined(separator: ","))];")
        lines.append("const title = \(js(title)), phrase = \(js(phrase));")
        lines.append("""
            const img = document.getElementById("frame"), slider = document.getElementById("slider");
            const dateLabel = document.getElementById("date"), counts = document.getElementById("counts");
            const links = Array.from(document.querySelectorAll("nav a"));
            let current = 0;
            frames.forEach(f => { const preload = new Image(); preload.src = f.src; });
            function show(i) {
              if (frames.length === 0) return;
              current = Math.max(0, Math.min(frames.length - 1, i));
              const f = frames[current];
              img.src = f.src;
              img.alt = title + ", " + phrase + " " + f.date;
              dateLabel.textContent = f.date;
              counts.textContent = f.counts;
              slider.value = String(current);
              links.forEach((a, n) => { if (n === current) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current"); });
              document.getElementById("prev").disabled = current === 0;
              document.getElementById("next").disabled = current === frames.length - 1;
            }
            document.getElementById("prev").addEventListener("click", () => show(current - 1));
            document.getElementById("next").addEventListener("click", () => show(current + 1));
            slider.addEventListener("input", () => show(Number(slider.value)));
            links.forEach(a => a.addEventListener("click", e => { e.preventDefault(); show(Number(a.dataset.index)); }));
            document.addEventListener("keydown", e => {
              if (e.target === slider || e.altKey || e.ctrlKey || e.metaKey) return;
              if (e.key === "ArrowLeft") { show(current - 1); e.preventDefault(); }
              else if (e.key === "ArrowRight") { show(current + 1); e.preventDefault(); }
              else if (e.key === "Home") { show(0); e.preventDefault(); }
              else if (e.key === "End") { show(frames.length - 1); e.preventDefault(); }
            });
            show(0);
            """)
        lines.append("</script>")
        return HTMLPage(title: title + " — timeline", style: style, body: lines).data
    }

    /// Text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        HTMLPage.escape(text)
    }

    /// A JavaScript string literal that is also safe inside `<script>` (no `</`, no raw line separators).
    static func js(_ text: String) -> String {
        JSONString.quoted(text, scriptSafe: true)
    }
}
