internal import CGraphviz
import Foundation
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one entry point to Graphviz in this process.
///
/// Graphviz is not thread safe (cgraph keeps its error state, id counters, a
/// name buffer, attribute-symbol globals, the DOT lexer and parser state and
/// more in process globals), so there is exactly one context, ``shared``,
/// holding ONE long-lived `GVC_t` behind ONE lock. Every Graphviz call made by
/// this module, creating the context included, happens while that lock is held.
/// Each public operation is one critical section:
/// lock → `agreseterrors()` → build or read the graph → work → free everything
/// (`gvFreeLayout`, `agclose`, render data) → unlock.
/// Concurrent callers are therefore serialized, and safe.
///
/// Graphviz's messages never reach stderr: they are captured (see
/// ``GraphvizMessage``), turned into ``GraphvizError`` when something failed,
/// and returned as warnings otherwise.
///
/// Determinism: graphs are opened with a custom id discipline that numbers
/// objects in creation order, so subgraphs and clusters keep their order from
/// run to run inside one process (2.42 orders them by heap address otherwise).
/// Things this layer cannot fix, which callers must avoid when they want
/// byte-stable output: SVG gradient ids (`l_N`/`r_N`, a process-wide counter in
/// 2.42: don't use gradient fills such as `fillcolor="red:blue"` or
/// `style=radial`), PDF creation dates, and anything font-dependent across
/// machines.
///
/// Graphviz 2.42 itself leaks about 20 KB per `dot` layout of a graph with
/// clusters (`class1`/`make_aux_edge`, `class2`/`virtual_edge`); the wrapper
/// frees everything it allocates (see `ConcurrencyTests`). Some inputs make
/// Graphviz end the process (`exit`, failed `assert`, NULL dereference): see
/// `KNOWN_CRASH_PATHS.md` beside this file.
public final class GraphvizContext: @unchecked Sendable {
    /// The process-wide context. There is no other: two contexts would mean two
    /// locks around one non-thread-safe library.
    public static let shared = GraphvizContext()

    let lock = NSLock()
    var gvc: OpaquePointer?
    let discipline: UnsafeMutablePointer<Agdisc_t>
    /// The graphs laid out since ``startTracingLayouts()``, while tracing (under the lock).
    var trace: LayoutTrace?

    private init() {
        discipline = IdDiscipline.make()
    }

    // MARK: - Public operations

    /// The Graphviz version the library reports (`gvcVersion`), e.g. `2.43.0`
    /// for Debian bookworm's 2.42.2 packages.
    public func version() throws -> String {
        try withLock { gvc in String(cString: gvcVersion(gvc)) }
    }

    // MARK: - Test hooks

    /// Whether text sizes can be cached in this context (``TextMeasureCache`` is
    /// installed: Graphviz's Pango plugin and `gvtextlayout_select` were found).
    var cachesTextMeasures: Bool {
        (try? withLock { TextMeasureCache.isInstalled(in: $0) }) ?? false
    }

    /// Reads `dot` with `agmemread` (cgraph's default id discipline, which
    /// orders subgraphs by heap address in 2.42), lays it out with `dot` and
    /// renders SVG. Only for tests that show why ``IdDiscipline`` exists.
    func renderWithDefaultDiscipline(_ dot: String) throws -> Data {
        try withSession { session in
            guard let graph = agmemread(dot) else {
                throw GraphvizError.syntax(message: GraphvizContext.text(of: session.messages(), or: "agmemread failed"))
            }
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: .dot)
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            guard relgraph_render_data(session.gvc, graph, "svg", &result, &length) == 0, let result else {
                throw GraphvizError.renderFailed(message: GraphvizContext.text(of: session.messages(), or: ""))
            }
            defer { gvFreeRenderData(result) }
            session.resetLexer()
            return Data(bytes: result, count: length)
        }
    }

    // MARK: - Locking

    /// Runs `body` under the lock with the context created.
    func withLock<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if gvc == nil {
            GraphvizMessages.install()
            gvc = gvContext()
            if let made = gvc {
                let running = String(cString: gvcVersion(made))
                if let mismatch = GraphvizVersions.mismatch(built: GraphvizVersions.built, running: running) {
                    _ = gvFreeContext(made)
                    gvc = nil
                    GraphvizMessages.clear()
                    throw mismatch
                }
                TextMeasureCache.install(made)
            }
            GraphvizMessages.clear()
        }
        guard let gvc else { throw GraphvizError.contextUnavailable }
        return try body(gvc)
    }

    /// Runs one operation: lock, reset Graphviz's error state, work, reset, unlock.
    /// Text sizes measured meanwhile come from `textCache` where it has them
    /// (``TextMeasureCache``): only for work that draws no text with Pango's
    /// layouts (layouts, recordings, SVG; never PNG or PDF).
    func withSession<T>(textCache: TextMeasureCache? = nil, _ body: (Session) throws -> T) throws -> T {
        try withLock { gvc in
            GraphvizMessages.install()  // In case anything else in the process replaced it.
            _ = agreseterrors()
            GraphvizMessages.clear()
            TextMeasureCache.active = textCache
            defer {
                TextMeasureCache.active = nil
                _ = agreseterrors()
                GraphvizMessages.clear()
            }
            return try body(Session(gvc: gvc, discipline: discipline, trace: trace))
        }
    }

    static func checkName(_ name: String, _ what: String) throws {
        if name.isEmpty || name.utf8.contains(0) {
            throw GraphvizError.invalidSpec("invalid \(what) name '\(name)'")
        }
    }

    static func text(of messages: [GraphvizMessage], or fallback: String) -> String {
        let errors = messages.filter { $0.level == .error }
        let chosen = errors.isEmpty ? messages : errors
        return chosen.isEmpty ? fallback : chosen.map(\.text).joined(separator: "\n")
    }
}
