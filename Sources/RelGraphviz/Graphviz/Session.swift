internal import CGraphviz
import Foundation
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    func read(_ data: Data) throws -> [DOTReading] {
        var graphs: [DOTReading] = []
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
