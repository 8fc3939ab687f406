internal import CGraphviz
import Foundation
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// DOT text: writing a graph value as DOT (canonical or not) and reading DOT back.
extension GraphvizContext {
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

    /// ``writeDOT(_:)`` in relgraph's canonical form (every attribute list joined
    /// onto its statement's line, LF line ends, one final newline), made as
    /// `agwrite` writes (`CanonicalDOT.Stream`), without the raw text in memory first.
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
    func write(_ spec: consuming GraphSpec, into sink: DOTSink, freeingGraph: Bool = true) throws {
        try spec.validate()
        try spec.validateForDOT()
        // Once cgraph holds the graph (with its own copies of every string), the
        // spec is let go before `agwrite` writes: with 100,000 entities the spec's
        // attribute dictionaries and strings are hundreds of MB.
        var pending: GraphSpec? = consume spec
        try withSession { session in
            let graph = try session.build(pending.take()!, extraGraphAttributes: ["linelength": "0"], releasingAsBuilt: true)
            defer { if freeingGraph { agclose(graph) } }
            let status = withExtendedLifetime(sink) {
                agwrite(graph, Unmanaged.passUnretained(sink).toOpaque())
            }
            let messages = session.messages()
            if status != 0 || messages.contains(where: { $0.level == .error }) {
                throw GraphvizError.writeFailed(message: Self.text(of: messages, or: "agwrite returned \(status)"))
            }
        }
    }


    /// Reads one graph from DOT text into a ``DOTReading``.
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
    public func readDOT(_ data: Data) throws -> DOTReading {
        let graphs = try readDOTGraphs(data)
        guard graphs.count == 1 else { throw GraphvizError.multipleGraphs(count: graphs.count) }
        return graphs[0]
    }

    /// Reads every graph in DOT text (a file may hold several, one after another).
    /// - Throws: as ``readDOT(_:)``; ``GraphvizError/emptyInput`` when there is none.
    public func readDOTGraphs(_ data: Data) throws -> [DOTReading] {
        if data.isEmpty { throw GraphvizError.emptyInput }
        return try withSession { session in
            try session.read(data)
        }
    }
}
