import RelGraph
/// What a user asks for as the layout engine: `auto` (relgraph picks by size, see
/// ``EngineChoice/auto(nodes:edges:)``) or one of the engines relgraph draws with.
///
/// The one list of names `--engine` accepts, for every command that draws.
public enum EngineSetting: Sendable, Hashable, CustomStringConvertible {
    /// `dot` for small graphs, `sfdp` with straight edges for large ones.
    case auto
    /// One engine, as named.
    case engine(LayoutEngine)

    /// The engines relgraph draws diagrams with (the others in
    /// ``LayoutEngine/standard`` place nodes in ways its diagrams do not use).
    public static let drawingEngines: [LayoutEngine] = [.dot, .neato, .fdp, .sfdp, .circo, .twopi]

    /// Every setting, `auto` first.
    public static let all: [EngineSetting] = [.auto] + drawingEngines.map { .engine($0) }

    /// The accepted names, `auto` first: `auto, dot, neato, fdp, sfdp, circo, twopi`.
    public static var names: [String] { all.map(\.description) }

    /// The setting named `name`; `nil` for a name that is not in ``names``.
    public init?(name: String) {
        guard let setting = Self.all.first(where: { $0.description == name }) else { return nil }
        self = setting
    }

    /// `auto` or the engine's name.
    public var description: String {
        switch self {
        case .auto: "auto"
        case .engine(let engine): engine.rawValue
        }
    }

    /// The engine (and root-graph attributes) for a graph of this size.
    public func choice(nodes: Int, edges: Int) -> EngineChoice {
        switch self {
        case .auto: EngineChoice.auto(nodes: nodes, edges: edges)
        case .engine(let engine): EngineChoice(engine: engine, reason: "--engine \(engine.rawValue)")
        }
    }
}
