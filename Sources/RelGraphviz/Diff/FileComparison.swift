import Foundation
import RelGraph
import RelGraphDrawing

/// Two versions of a network, or two DOT graphs, compared in one call: what
/// `relgraph diff OLD NEW` does before it prints.
///
/// ```swift
/// let comparison = try FileComparison(old: "git:HEAD~1:graphs/net.yaml", new: "graphs/net.yaml")
/// print(comparison.report.text())
/// let overlay = try comparison.overlay(context: 1)   // for OverlayRenderer
/// ```
///
/// Two networks are compared as networks (`NetworkDiff`). If either side is
/// DOT, both are compared as graphs (`GraphComparison`): a network is drawn as
/// `render --format dot` draws it, with `options`, and read back.
public struct FileComparison: Sendable {
    /// Why the comparison could not be made, in words a user can act on.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// The message, possibly over several lines (a network's diagnostics first).
        public var description: String
    }

    /// The differences.
    public var report: DiffReport
    /// The old side, as read.
    public var oldInput: DiffInput
    /// The new side, as read.
    public var newInput: DiffInput
    /// For two networks: the networks (drawn only when an overlay is asked for).
    public var networks: (old: Network, new: Network)?
    /// When a side is DOT: the graph comparison the report comes from.
    public var graphs: GraphComparison?
    /// Warnings Graphviz gave while reading DOT, each with its input's name.
    public var warnings: [String] = []

    /// How networks are drawn when compared with DOT (legend or not).
    public var options: DiagramOptions
    /// The Graphviz context used.
    public var context: GraphvizContext

    /// Reads both sides (a path, `git:REV:PATH` or `-`, see `DiffInput/read(_:limits:)`)
    /// and compares them.
    /// - Throws: ``Problem`` for an unreadable or invalid side, or DOT that does not parse.
    public init(old: String, new: String, options: DiagramOptions = DiagramOptions(), context: GraphvizContext = .shared) throws {
        try self.init(old: Self.read(old), new: Self.read(new), options: options, context: context)
    }

    /// Compares two sides already read.
    /// - Throws: ``Problem`` for an invalid network or DOT that does not parse.
    public init(old: DiffInput, new: DiffInput, options: DiagramOptions = DiagramOptions(), context: GraphvizContext = .shared) throws {
        oldInput = old
        newInput = new
        self.options = options
        self.context = context
        report = DiffReport(old: Self.side(old), new: Self.side(new), level: .graph, sections: [])
        if old.kind == .model && new.kind == .model {
            let oldNetwork = try Self.load(old), newNetwork = try Self.load(new)
            report = NetworkDiff.compare(oldNetwork, newNetwork, oldName: old.name, newName: new.name)
            networks = (oldNetwork, newNetwork)
            return
        }
        let comparison = GraphComparison(old: try graph(old), new: try graph(new), oldSide: Self.side(old), newSide: Self.side(new))
        report = comparison.report
        graphs = comparison
    }

    /// The overlay diagram of both versions (added, removed, changed, unchanged);
    /// `context` keeps only the changes and their neighbours up to that many steps.
    /// - Throws: ``Problem`` when a network cannot be drawn as canonical DOT.
    public func overlay(context steps: Int? = nil) throws -> DiffOverlay {
        if let graphs { return DiffOverlay.make(graphs, context: steps) }
        let n = networks!
        let graphs = GraphComparison(old: try canonical(n.old, oldInput), new: try canonical(n.new, newInput),
                                     oldSide: Self.side(oldInput), newSide: Self.side(newInput))
        return DiffOverlay.make(graphs, model: report, context: steps)
    }

    // MARK: Reading

    static func side(_ input: DiffInput) -> DiffReport.Side {
        DiffReport.Side(name: input.name, kind: input.kind.rawValue)
    }

    static func read(_ argument: String) throws -> DiffInput {
        do {
            return try DiffInput.read(argument)
        } catch {
            throw Problem(description: "relgraph: error: \(error)")
        }
    }

    /// The network in `input`, which must be valid.
    static func load(_ input: DiffInput) throws -> Network {
        let loaded = NetworkLoader().load(bytes: input.bytes, file: input.name, format: input.modelFormat)
        guard loaded.hasErrors else { return loaded.network }
        let lines = loaded.diagnostics.map(\.formatted)
        let count = loaded.errors.count
        throw Problem(description: lines.joined(separator: "\n")
            + "\nrelgraph: error: \(input.name) is not a valid network (\(count) error\(count == 1 ? "" : "s")); "
            + "fix it (`relgraph validate` shows the same) before comparing")
    }

    private mutating func graph(_ input: DiffInput) throws -> NormalizedGraph {
        switch input.kind {
        case .model:
            return try canonical(Self.load(input), input)
        case .dot:
            do {
                let (graph, warnings) = try NormalizedGraph.read(dot: Data(input.bytes), context: context)
                self.warnings += warnings.map { "\(input.name): \($0)" }
                return graph
            } catch let error as GraphvizError {
                throw Problem(description: "relgraph: error: \(input.name): cannot be read as DOT: \(error)")
            }
        }
    }

    private func canonical(_ network: Network, _ input: DiffInput) throws -> NormalizedGraph {
        do {
            return try NormalizedGraph.canonical(network, options: options, context: context)
        } catch {
            throw Problem(description: "relgraph: error: \(input.name): drawing the network as canonical DOT failed: \(error)")
        }
    }
}
