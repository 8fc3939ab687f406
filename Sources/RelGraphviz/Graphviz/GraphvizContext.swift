import CGraphviz
import Foundation

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

    private let lock = NSLock()
    private var gvc: OpaquePointer?
    private let discipline: UnsafeMutablePointer<Agdisc_t>
    /// The graphs laid out since ``startTracingLayouts()``, while tracing (under the lock).
    private var trace: LayoutTrace?

    private init() {
        discipline = IdDiscipline.make()
    }

    // MARK: - Public operations

    /// The Graphviz version the library reports (`gvcVersion`), e.g. `2.43.0`
    /// for Debian bookworm's 2.42.2 packages.
    public func version() throws -> String {
        try withLock { gvc in String(cString: gvcVersion(gvc)) }
    }

    /// The graph built from `spec`, written as DOT by `agwrite`, without any
    /// layout (no `pos`, `bb`, `width`...). The same spec gives the same bytes,
    /// in one process and across processes.
    ///
    /// The graph attribute `linelength=0` is always set (overriding the spec) so
    /// that Graphviz never wraps long strings with backslash-newline. Lines end
    /// with LF; the text ends with `}` and a newline.
    ///
    /// What Graphviz 2.42's `agwrite` writes (each point checked by a test in
    /// `WriteDOTTests`):
    /// - Order: `digraph NAME {`; the root's attributes as `graph [a=b, ...];`;
    ///   the `node [...]` and `edge [...]` defaults (`node [label="\N"];` appears
    ///   when no other node default is declared: every graph gets that default from
    ///   the GVC context); then every subgraph, recursively (its `graph [...]`
    ///   attributes, its nested subgraphs, then its member node statements); then
    ///   the root's nodes in creation order, each followed by its out-edges (ordered
    ///   by creation). A node gets a statement of its own only if it has attributes
    ///   of its own or has not been written yet (isolated nodes); otherwise it only
    ///   appears in edges. Then `}`.
    /// - Consequence: members of subgraphs are declared first, so *reading the DOT
    ///   back changes the node order* (and `dot` lays out by statement order, so
    ///   rendering the written DOT with the `dot` tool can differ from
    ///   ``render(_:engine:format:)`` of the spec).
    /// - Attributes inside `[...]` are sorted by name, except an edge's name, which
    ///   comes first as `key=NAME`: `a -> b [key=k1, arrowhead=dot, color=red];`
    ///   (one attribute per line when there are several).
    /// - Quoting: a name or value is left bare only if it is an identifier
    ///   (letters, `_`, digits, bytes >= 0x80, not starting with a digit) or a
    ///   number (`12`, `-1.5`). Names with `:`, `"`, `\`, spaces or `-`, the empty
    ///   name, and the keywords `node`, `edge`, `graph`, `digraph`, `subgraph`,
    ///   `strict` in any letter case (`Node`, `GRAPH`) are quoted: `"a:b"` (read
    ///   back as one name, not a node with a port), `"node"`.
    ///   Inside quotes only `"` is escaped (`\"`); backslashes and newlines are
    ///   copied as they are. HTML values are written as `<...>`.
    /// - Because of that, a plain string with an odd run of backslashes before a
    ///   `"` or at its end (`end\`), or a lone newline directly followed by a
    ///   backslash, a quote or the end (`"\n"`), does not read back unchanged, and
    ///   a name starting with `%` reads back as an anonymous `%N`. Such specs are
    ///   rejected with ``GraphvizError/invalidSpec(_:)`` instead of being written
    ///   wrong (they still render). ``AttributeValue/escapedText(_:)`` makes label
    ///   text safe.
    public func writeDOT(_ spec: consuming GraphSpec) throws -> Data {
        let sink = DOTSink(canonical: false)
        try write(consume spec, into: sink)
        return sink.takeData()
    }

    /// ``writeDOT(_:)`` in relgraph's canonical form: the bytes of
    /// `CanonicalDOT.finish(try writeDOT(spec))`, made as `agwrite` writes, without
    /// the raw text in memory first.
    public func writeCanonicalDOT(_ spec: consuming GraphSpec) throws -> Data {
        let sink = DOTSink(canonical: true)
        try write(consume spec, into: sink)
        return sink.takeData()
    }

    /// ``writeCanonicalDOT(_:)`` streamed to the open file `descriptor` as `agwrite`
    /// writes, in pieces of about a MiB: with 100,000 entities the text is about
    /// 200 MB that never needs to be in memory. A failed `write(2)` throws
    /// ``OutputWriteError``; after any error what is in the file is incomplete:
    /// write to a temporary file and rename it over the target only after
    /// success (see `AtomicFile.Staged`).
    ///
    /// `freeingGraph: false` is for a process that ends right after (the CLI's one
    /// DOT output): the graph is left for the system to reclaim at exit instead
    /// of being taken apart object by object (`agclose`: about a twentieth of the
    /// whole export's instructions; Graphviz's `nop` does pay it). The memory
    /// stays in use until the process ends: never pass `false` in a process that
    /// goes on working.
    public func writeCanonicalDOT(_ spec: consuming GraphSpec, to descriptor: Int32, freeingGraph: Bool = true) throws {
        let sink = DOTSink(canonicalTo: descriptor)
        try write(consume spec, into: sink, freeingGraph: freeingGraph)
        if let failure = sink.finish() {
            throw OutputWriteError(errno: failure)
        }
    }

    /// Builds `spec` and has `agwrite` write it into `sink`.
    private func write(_ spec: consuming GraphSpec, into sink: DOTSink, freeingGraph: Bool = true) throws {
        try spec.validate()
        try spec.validateForDOT()
        // Once cgraph holds the graph (with its own copies of every string), the
        // spec is let go before `agwrite` writes: with 100,000 entities the spec's
        // attribute dictionaries and strings are hundreds of MB.
        var pending: GraphSpec? = consume spec
        try withSession { session in
            let graph = try session.build(pending.take()!, extraGraphAttributes: ["linelength": "0"], releasingAsBuilt: true)
            defer { if freeingGraph { agclose(graph) } }
            #if os(Linux)
            // Hand the spec's freed pages back to the system.
            _ = glibcMallocTrim(0)
            #endif
            let status = withExtendedLifetime(sink) {
                agwrite(graph, Unmanaged.passUnretained(sink).toOpaque())
            }
            let messages = session.messages()
            if status != 0 || messages.contains(where: { $0.level == .error }) {
                throw GraphvizError.writeFailed(message: Self.text(of: messages, or: "agwrite returned \(status)"))
            }
        }
    }

    /// Lays out the graph built from `spec` with `engine` and renders it as
    /// `format`, in one critical section: `gvLayout`, `gvRenderData`,
    /// `gvFreeRenderData`, `gvFreeLayout`, `agclose`.
    ///
    /// As in ``writeDOT(_:)``, `linelength=0` is set on the graph, so the DOT
    /// family of outputs (`dot`, `xdot`, `canon`) never wraps long strings.
    /// Graphviz warnings (e.g. `nosuchcolor is not a known color.`) are returned
    /// in ``RenderResult/warnings``; any error-level message fails the call.
    ///
    /// - Throws: ``GraphvizError/unknownEngine(_:)``, ``GraphvizError/unknownFormat(_:)``,
    ///   ``GraphvizError/layoutFailed(message:)`` or ``GraphvizError/renderFailed(message:)``
    ///   (also when Graphviz reported an error but still returned success), or
    ///   ``GraphvizError/invalidSpec(_:)``.
    public func render(_ spec: GraphSpec, engine: LayoutEngine = .dot, format: OutputFormat) throws -> RenderResult {
        try render(spec, engine: engine, format: format, textCache: nil)
    }

    /// ``render(_:engine:format:)``, with text sizes from `textCache` where it has
    /// them (``TextMeasureCache``) when `format` is SVG (which, unlike PNG and PDF,
    /// draws no text with Pango's layouts).
    func render(_ spec: GraphSpec, engine: LayoutEngine, format: OutputFormat, textCache: TextMeasureCache?) throws -> RenderResult {
        try spec.validate()
        try Self.checkName(engine.rawValue, "engine")
        try Self.checkName(format.rawValue, "format")
        return try withSession(textCache: format == .svg ? textCache : nil) { session in
            let graph = try session.build(spec, extraGraphAttributes: ["linelength": "0"])
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: engine)
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            let status = format.rawValue.withCString { relgraph_render_data(session.gvc, graph, $0, &result, &length) }
            defer { if let result { gvFreeRenderData(result) } }
            let messages = session.messages()
            if status != 0 {
                // 2.42: "renderer for NAME is unavailable"; later: "Format: "NAME" not recognized...".
                if messages.contains(where: {
                    ($0.text.hasPrefix("Format:") && $0.text.contains("not recognized"))
                        || ($0.text.hasPrefix("renderer for") && $0.text.contains("unavailable"))
                }) {
                    throw GraphvizError.unknownFormat(format.rawValue)
                }
                throw GraphvizError.renderFailed(message: Self.text(of: messages, or: "gvRenderData returned \(status)"))
            }
            if messages.contains(where: { $0.level == .error }) {
                throw GraphvizError.renderFailed(message: Self.text(of: messages, or: ""))
            }
            let data = result.map { Data(bytes: $0, count: length) } ?? Data()
            return RenderResult(data: data, warnings: messages)
        }
    }

    /// Lays out the graph built from `spec` with `engine` and returns every
    /// node's centre and size and the graph's bounding box (points), then frees
    /// the layout.
    ///
    /// Use with ``GraphSpec/pinned(to:)`` and ``LayoutEngine/nop2`` to draw
    /// subsets of a graph with nodes at the same place (timeline frames).
    public func layout(_ spec: GraphSpec, engine: LayoutEngine = .dot) throws -> LayoutResult {
        try layout(spec, engine: engine, textCache: nil)
    }

    /// ``layout(_:engine:)``, with text sizes from `textCache` where it has them (``TextMeasureCache``).
    func layout(_ spec: GraphSpec, engine: LayoutEngine, textCache: TextMeasureCache?) throws -> LayoutResult {
        try withLayout(spec, engine: engine, textCache: textCache) { graph, session in
            var nodes: [LayoutResult.NodeLayout] = []
            var node = agfstnode(graph)
            while let current = node {
                nodes.append(LayoutResult.NodeLayout(
                    name: String(cString: agnameof(UnsafeMutableRawPointer(current))),
                    x: relgraph_nd_x(current),
                    y: relgraph_nd_y(current),
                    width: relgraph_nd_width(current) * 72,
                    height: relgraph_nd_height(current) * 72))
                node = agnxtnode(graph, current)
            }
            var box = (0.0, 0.0, 0.0, 0.0)
            relgraph_gd_bb(graph, &box.0, &box.1, &box.2, &box.3)
            return LayoutResult(
                nodes: nodes,
                boundingBox: LayoutResult.Box(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3),
                warnings: session.messages())
        }
    }

    /// Lays out the graph built from `spec` with `engine` and returns where
    /// Graphviz put everything, as its own attribute text: each node's `pos`,
    /// each edge's `pos` (its spline) and `lp` (its label's place), by the edge's
    /// `id` attribute, and the bounding box. Then frees the layout.
    ///
    /// Used to lay out the parts of a drawing separately and draw them together
    /// with ``LayoutEngine/nop2``, which takes node and edge positions as given.
    public func layoutGeometry(_ spec: GraphSpec, engine: LayoutEngine = .dot) throws -> LayoutGeometry {
        try layoutGeometry(spec, engine: engine, textCache: nil)
    }

    /// ``layoutGeometry(_:engine:)``, with text sizes from `textCache` where it has them (``TextMeasureCache``).
    func layoutGeometry(_ spec: GraphSpec, engine: LayoutEngine, textCache: TextMeasureCache?) throws -> LayoutGeometry {
        try withLayout(spec, engine: engine, textCache: textCache) { graph, _ in
            attach_attrs(graph)
            func value(_ object: UnsafeMutableRawPointer, _ name: String) -> String? {
                guard let text = name.withCString({ agget(object, UnsafeMutablePointer(mutating: $0)) }) else { return nil }
                let result = String(cString: text)
                return result.isEmpty ? nil : result
            }
            var geometry = LayoutGeometry()
            var node = agfstnode(graph)
            while let current = node {
                let object = UnsafeMutableRawPointer(current)
                if let pos = value(object, "pos") {
                    geometry.nodePositions[String(cString: agnameof(object))] = pos
                }
                var edge = agfstout(graph, current)
                while let e = edge {
                    let edgeObject = UnsafeMutableRawPointer(e)
                    if let id = value(edgeObject, "id"), let pos = value(edgeObject, "pos") {
                        geometry.edgeRoutes[id] = LayoutGeometry.Route(spline: pos, labelPosition: value(edgeObject, "lp"))
                    }
                    edge = agnxtout(graph, e)
                }
                node = agnxtnode(graph, current)
            }
            var box = (0.0, 0.0, 0.0, 0.0)
            relgraph_gd_bb(graph, &box.0, &box.1, &box.2, &box.3)
            geometry.boundingBox = LayoutResult.Box(minX: box.0, minY: box.1, maxX: box.2, maxY: box.3)
            return geometry
        }
    }

    /// Lays out the graph built from `spec` with `engine` and records what
    /// Graphviz draws (``DrawingRecorder``) as the ``Drawing`` that
    /// ``DrawingReader`` reads from its SVG, without writing SVG.
    /// ``Readability`` measures it as it measures the SVG (see
    /// `Readability.measure(_:engine:page:context:)`).
    ///
    /// With `svg`, the same layout is also rendered as SVG (the bytes
    /// ``render(_:engine:format:)`` gives, for engines that do not lay a graph out
    /// the same way twice in one process, such as `neato` and `sfdp`).
    ///
    /// - Returns: the drawing, the SVG when asked for, and Graphviz's warnings
    ///   (those of the SVG rendering when there is one).
    /// Text sizes come from `textCache` where it has them (``TextMeasureCache``):
    /// neither the recording nor SVG draws with Pango's layouts.
    ///
    /// - Throws: as ``render(_:engine:format:)``, or ``Readability/Error`` when
    ///   the drawing has no usable size or is out of range (as reading its SVG would).
    func recordDrawing(_ spec: GraphSpec, engine: LayoutEngine = .dot, svg: Bool = false, textCache: TextMeasureCache? = nil)
        throws -> (drawing: Drawing, svg: Data?, warnings: [GraphvizMessage]) {
        try spec.validate()
        try Self.checkName(engine.rawValue, "engine")
        let directed = spec.directed
        let recorded: (drawing: Drawing, svg: Data?, warnings: [GraphvizMessage]) = try withSession(textCache: textCache) { session in
            let graph = try session.build(spec, extraGraphAttributes: ["linelength": "0"])
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: engine)
            var svgData: Data?
            var svgMessages: [GraphvizMessage] = []
            if svg {
                var result: UnsafeMutablePointer<CChar>?
                var length = 0
                let status = relgraph_render_data(session.gvc, graph, "svg", &result, &length)
                defer { if let result { gvFreeRenderData(result) } }
                svgMessages = session.messages()
                if status != 0 || svgMessages.contains(where: { $0.level == .error }) {
                    throw GraphvizError.renderFailed(message: Self.text(of: svgMessages, or: "gvRenderData returned \(status)"))
                }
                svgData = result.map { Data(bytes: $0, count: length) } ?? Data()
            }
            DrawingRecorder.install(session.gvc)
            let builder = DrawingRecorder.Builder(directed: directed)
            DrawingRecorder.builder = builder
            defer { DrawingRecorder.builder = nil }
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            let status = DrawingRecorder.format.withCString { relgraph_render_data(session.gvc, graph, $0, &result, &length) }
            if let result { gvFreeRenderData(result) }
            let messages = session.messages()
            if status != 0 || messages.contains(where: { $0.level == .error }) {
                throw GraphvizError.renderFailed(message: Self.text(of: messages, or: "gvRenderData returned \(status)"))
            }
            guard builder.sized else { throw Readability.Error.noSize }
            return (builder.drawing, svgData, svg ? svgMessages : messages)
        }
        try DrawingReader().check(recorded.drawing)
        return recorded
    }

    /// Builds the graph of `spec`, lays it out with `engine`, hands it to `body`,
    /// then frees the layout and the graph: one critical section. Text sizes come
    /// from `textCache` where it has them.
    private func withLayout<T>(_ spec: GraphSpec, engine: LayoutEngine, textCache: TextMeasureCache? = nil,
                               _ body: (UnsafeMutablePointer<Agraph_t>, Session) throws -> T) throws -> T {
        try spec.validate()
        try Self.checkName(engine.rawValue, "engine")
        return try withSession(textCache: textCache) { session in
            let graph = try session.build(spec)
            defer { agclose(graph) }
            defer { _ = gvFreeLayout(session.gvc, graph) }
            try session.layout(graph, engine: engine)
            return try body(graph, session)
        }
    }

    /// Reads one graph from DOT text into a ``ParsedGraph``.
    ///
    /// Any valid DOT is accepted: clusters, records, HTML labels, ports, defaults,
    /// undirected, strict and multi-edge graphs. The text is parsed by cgraph
    /// (`agread` over an in-memory stream: what `agmemread` does, but with this
    /// module's id discipline so subgraph order is stable).
    ///
    /// The 2.42 lexer keeps state between reads: text after the first graph stays
    /// in its buffer (and would be read as the *next* input's start), and input
    /// that ends inside a `/* comment`, a quoted or an HTML string leaves it in
    /// that state. Every read therefore consumes its whole input and then checks
    /// the lexer with a probe, feeding it closers (`*/`, `"`, `>`) until the probe
    /// parses: a bad input never breaks the next one.
    ///
    /// - Throws: ``GraphvizError/syntax(message:)`` with Graphviz's text (e.g.
    ///   `syntax error in line 3 near '->'`), ``GraphvizError/emptyInput``, or
    ///   ``GraphvizError/multipleGraphs(count:)`` when the text holds more than one
    ///   graph (see ``readDOTGraphs(_:)``).
    public func readDOT(_ data: Data) throws -> ParsedGraph {
        let graphs = try readDOTGraphs(data)
        guard graphs.count == 1 else { throw GraphvizError.multipleGraphs(count: graphs.count) }
        return graphs[0]
    }

    /// Reads every graph in DOT text (a file may hold several, one after another).
    /// - Throws: as ``readDOT(_:)``; ``GraphvizError/emptyInput`` when there is none.
    public func readDOTGraphs(_ data: Data) throws -> [ParsedGraph] {
        if data.isEmpty { throw GraphvizError.emptyInput }
        return try withSession { session in
            try session.read(data)
        }
    }

    // MARK: - Tracing

    /// Starts writing down every graph this context lays out, as DOT: what
    /// ``stopTracingLayouts()`` returns. For benchmarks: Graphviz's own CLI given
    /// that text (`dot -Tsvg`) does the layouts a render did, with nothing of
    /// relgraph's, which is the floor for a render that lays out several
    /// candidate drawings (``PageFit``).
    public func startTracingLayouts() throws {
        try withLock { _ in trace = LayoutTrace() }
    }

    /// Stops tracing and returns the graphs laid out since ``startTracingLayouts()``,
    /// one after another, each as `agwrite` wrote it just before its layout, with
    /// `layout=ENGINE` added to its graph attributes (so `dot` lays each out
    /// with the engine relgraph used, `nop2` included). Empty when not tracing.
    /// The text starts with a `//` comment naming the Graphviz and whether the
    /// text-measure cache was on (a page fit measures text through it).
    public func stopTracingLayouts() throws -> Data {
        try withLock { gvc in
            defer { trace = nil }
            guard let trace else { return Data() }
            let cache = TextMeasureCache.isInstalled(in: gvc) ? "on" : "off (\(TextMeasureCache.unavailableReason ?? "not installed"))"
            let header = "// relgraph page-fit trace: Graphviz \(String(cString: gvcVersion(gvc))); text-measure cache \(cache)\n"
            return Data(header.utf8) + trace.dot
        }
    }

    /// What this process's Graphviz is and which of relgraph's Graphviz plugins
    /// work with it (`relgraph --version --verbose`).
    public func runtimeReport() throws -> GraphvizRuntimeReport {
        try withLock { gvc in
            GraphvizRuntimeReport(running: String(cString: gvcVersion(gvc)), built: GraphvizVersions.built,
                                  pluginAPI: Int(RELGRAPH_GVPLUGIN_VERSION),
                                  textMeasureCacheOff: TextMeasureCache.isInstalled(in: gvc) ? nil
                                      : TextMeasureCache.unavailableReason ?? "not installed")
        }
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
    private func withLock<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
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
    private func withSession<T>(textCache: TextMeasureCache? = nil, _ body: (Session) throws -> T) throws -> T {
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

    private static func checkName(_ name: String, _ what: String) throws {
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

/// The state of one operation, valid only inside ``GraphvizContext``'s lock.
struct Session {
    let gvc: OpaquePointer
    let discipline: UnsafeMutablePointer<Agdisc_t>
    /// Where each graph laid out is written down, while tracing.
    var trace: LayoutTrace?

    /// The messages captured so far in this operation.
    func messages() -> [GraphvizMessage] {
        GraphvizMessages.assemble(GraphvizMessages.pieces)
    }

    func build(_ spec: consuming GraphSpec, extraGraphAttributes: [String: String] = [:],
               releasingAsBuilt: Bool = false) throws -> UnsafeMutablePointer<Agraph_t> {
        try GraphBuilder(discipline: discipline).build(consume spec, extraGraphAttributes: extraGraphAttributes,
                                                       releasingAsBuilt: releasingAsBuilt)
    }

    /// `gvLayout`, with failures and reported errors turned into ``GraphvizError``.
    func layout(_ graph: UnsafeMutablePointer<Agraph_t>, engine: LayoutEngine) throws {
        trace?.append(graph, engine: engine)
        let status = engine.rawValue.withCString { gvLayout(gvc, graph, $0) }
        let messages = messages()
        if status != 0 {
            if messages.contains(where: { $0.text.hasPrefix("Layout type:") && $0.text.contains("not recognized") }) {
                throw GraphvizError.unknownEngine(engine.rawValue)
            }
            throw GraphvizError.layoutFailed(message: GraphvizContext.text(of: messages, or: "gvLayout returned \(status)"))
        }
        if messages.contains(where: { $0.level == .error }) {
            throw GraphvizError.layoutFailed(message: GraphvizContext.text(of: messages, or: ""))
        }
    }

    /// Reads every graph in `data`, then makes sure the lexer is clean again.
    func read(_ data: Data) throws -> [ParsedGraph] {
        var graphs: [ParsedGraph] = []
        let source = DOTSource(data)
        withExtendedLifetime(source) {
            let channel = Unmanaged.passUnretained(source).toOpaque()
            relgraph_reset_input_name()  // No file name in messages; line numbers from 1.
            while true {
                let before = GraphvizMessages.pieces.count
                guard let graph = agread(channel, discipline) else { break }
                let warnings = GraphvizMessages.assemble(Array(GraphvizMessages.pieces[before...]))
                graphs.append(GraphReader.extract(graph, warnings: warnings))
                agclose(graph)
            }
        }
        let messages = messages()
        let failed = agerrors() > 0
        resetLexer()
        if failed || messages.contains(where: { $0.level == .error }) {
            throw GraphvizError.syntax(message: GraphvizContext.text(of: messages, or: "agread failed"))
        }
        if graphs.isEmpty { throw GraphvizError.emptyInput }
        return graphs
    }

    /// Brings the 2.42 DOT lexer back to its initial state, discarding the
    /// messages this produces.
    ///
    /// flex keeps its start condition (inside a comment, quoted or HTML string)
    /// after an input ends in it, and cgraph offers no reset. A probe graph is
    /// parsed; while it fails, the closers of each state are fed in turn
    /// (`*/` ends a comment, `"` a quoted string, `>` an HTML string, and each is
    /// harmless in the other states or ends in a syntax error that flushes the
    /// lexer's buffer).
    func resetLexer() {
        let saved = GraphvizMessages.pieces
        defer {
            _ = agreseterrors()
            GraphvizMessages.pieces = saved
        }
        let closers = ["*/", "\"", String(repeating: ">", count: 256)]
        for attempt in 0..<30 {
            if probe() { return }
            feed(closers[attempt % closers.count])
        }
    }

    private func probe() -> Bool {
        var ok = false
        parse("digraph relgraph_lexer_probe {}") { graph in
            ok = String(cString: agnameof(UnsafeMutableRawPointer(graph))) == "relgraph_lexer_probe" && agnnodes(graph) == 0
        }
        return ok
    }

    private func feed(_ text: String) {
        parse(text) { _ in }
    }

    private func parse(_ text: String, _ inspect: (UnsafeMutablePointer<Agraph_t>) -> Void) {
        let source = DOTSource(text.utf8)
        withExtendedLifetime(source) {
            relgraph_reset_input_name()
            if let graph = agread(Unmanaged.passUnretained(source).toOpaque(), discipline) {
                inspect(graph)
                agclose(graph)
            }
        }
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (not in the Glibc module): returns free heap pages to the system.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// The graphs a context laid out while tracing (``GraphvizContext/startTracingLayouts()``).
final class LayoutTrace {
    private(set) var dot = Data()

    /// Writes `graph` down as DOT, with `layout=ENGINE` as the first graph attribute.
    func append(_ graph: UnsafeMutablePointer<Agraph_t>, engine: LayoutEngine) {
        let sink = DOTSink(canonical: false)
        guard withExtendedLifetime(sink, { agwrite(graph, Unmanaged.passUnretained(sink).toOpaque()) }) == 0 else { return }
        var text = sink.takeData()
        // agwrite's first line is `digraph NAME {`.
        if let open = text.range(of: Data("{\n".utf8)) {
            text.insert(contentsOf: Data("\tgraph [layout=\(engine.rawValue)];\n".utf8), at: open.upperBound)
        }
        dot.append(text)
    }
}
