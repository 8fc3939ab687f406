import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// What `relgraph serve` previews: one network file, or the network files of a
/// folder. Renders a file (through a view) into a ``PreviewPage`` or an SVG, and
/// says which version of the file it is. Reads nothing but the file the user
/// named, or the network files found in the folder the user named.
package final class PreviewSource: @unchecked Sendable {
    /// The file or folder, as the user named it.
    package let path: String
    /// Whether ``path`` is a folder.
    package let isFolder: Bool
    let drawing: DrawingOptions
    let viewOptions: ViewOptions
    let hover: Bool

    /// Renders by (file, view, version): a page reload after a save loads and renders once.
    private var cache: [String: Shown] = [:]
    /// The last diagram drawn of each (file, view), kept while a save shows problems:
    /// once they are fixed, the drawing comes back in the layout it had.
    private var drawn: [String: PreviewPage.Content] = [:]
    private let lock = NSLock()

    init(path: String, isFolder: Bool, drawing: DrawingOptions, viewOptions: ViewOptions, hover: Bool) {
        self.path = path
        self.isFolder = isFolder
        self.drawing = drawing
        self.viewOptions = viewOptions
        self.hover = hover
    }

    /// Why a request names nothing this server shows.
    struct NotServed: Error {}

    /// The network files of the folder, relative to it (``BatchPlan/discover(directory:excluding:)``).
    package func files() -> [String] {
        BatchPlan.discover(directory: path, excluding: path)
    }

    /// The file a request names: the served file itself (no `file` given), or, in a
    /// folder, one of its network files — and only after the one path check every
    /// name from outside goes through (``OutputFolder/path(of:)``: relative, no `..`,
    /// no step through a symbolic link).
    /// - Throws: ``NotServed`` for anything else.
    package func file(named name: String?) throws -> String {
        guard isFolder else {
            guard name == nil else { throw NotServed() }
            return path
        }
        guard let name, files().contains(name) else { throw NotServed() }
        do {
            return try OutputFolder(path).path(of: name)
        } catch {
            throw NotServed()
        }
    }

    /// The version of `file`: its modification time and size (`missing` when it
    /// cannot be read). Cheap: the page asks for it twice a second.
    package static func version(of file: String) -> String {
        var status = stat()
        guard stat(file, &status) == 0 else { return "missing" }
        return "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)-\(status.st_size)"
    }

    /// What the page shows of one file through one view, as of `version`.
    package struct Shown {
        package var version: String
        package var content: PreviewPage.Content
        /// The network's title, or the file's name.
        package var title: String
        /// The network's named views, sorted.
        package var views: [String]
    }

    /// The diagram of `file` through `view` (a named view, else the whole network
    /// with the view flags), or the problems that stop it, as of its current version.
    package func content(file: String, view: String?) -> Shown {
        let version = Self.version(of: file)
        let key = file + "\u{0}" + (view ?? "")
        lock.lock()
        let earlier = drawn[key]
        if let cached = cache[key], cached.version == version {
            lock.unlock()
            return cached
        }
        lock.unlock()
        // The layout of the last diagram shown keeps from one save to the next:
        // an edit moves nothing the reader was looking at.
        var previous: PreviousDrawing?
        if case .diagram(let svg, _)? = earlier { previous = try? PreviousDrawing(svg: Data(svg.utf8)) }
        // Only a regular file is read: a FIFO would hold a server thread forever.
        let loaded = NetworkLoader().load(path: file, regularFilesOnly: true)
        let shown = Shown(version: version, content: render(loaded, file: file, view: view, previous: previous),
                          title: loaded.network.title ?? (file as NSString).lastPathComponent,
                          views: loaded.hasErrors ? [] : loaded.network.views.keys.sorted())
        lock.lock()
        cache[key] = shown
        if case .diagram = shown.content { drawn[key] = shown.content }
        lock.unlock()
        return shown
    }

    /// The page a preview is fitted to without `--page`: a landscape screen of
    /// 16:10 (1280 × 800 px), not a portrait sheet in a landscape window.
    static let screen = PageSize(width: 960, height: 600, name: "screen")

    private func render(_ loaded: LoadedNetwork, file: String, view: String?, previous: PreviousDrawing?) -> PreviewPage.Content {
        if loaded.hasErrors {
            return .problems(loaded.diagnostics.filter(\.isError).map(\.formatted))
        }
        var flags = viewOptions
        flags.view = view
        do {
            let network = loaded.network
            let definition = try flags.resolve(in: network)
            let result = try network.applying(definition)
            let layout = drawing.engineChoice(for: result)
            let stem = NetworkInput.stem(of: file)
            var options = drawing.renderOptions(format: .svg, defaultPrefix: CSSName.make("rg-" + stem + (view.map { "-" + $0 } ?? "")))
            options.use(layout)
            options.svg.mode = .inline
            options.svg.responsive = true
            options.hover = hover
            if drawing.page == nil && options.pageFromView && result.view.page == nil { options.page = Self.screen }
            options.layoutFrom = previous
            let output = try Renderer().render(result, full: network, options: options)
            let warnings = loaded.diagnostics.filter { !$0.isError }.map(\.formatted) + result.notes
            return .diagram(svg: String(decoding: output.data, as: UTF8.self), warnings: warnings)
        } catch {
            return .problems(["\(file): error: \(error)"])
        }
    }
}
