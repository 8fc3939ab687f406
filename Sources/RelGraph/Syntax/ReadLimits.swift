/// The documented limits on what relgraph reads. Inputs beyond them get a clear
/// `[limit]` error instead of exhausting memory or the stack.
public struct ReadLimits: Sendable, Hashable {
    /// Largest input file, in bytes (default 256 MiB).
    public var maxInputBytes: Int
    /// Deepest nesting of lists and mappings (default 512). libyaml stops at 1,000 itself.
    public var maxNesting: Int
    /// How many nodes YAML aliases may add beyond the nodes written in the file
    /// (default 100,000). This stops "billion laughs" alias bombs.
    public var maxAliasExpansion: Int
    /// Longest single string value, in bytes (default 1 MiB).
    public var maxStringBytes: Int

    /// Creates limits.
    public init(maxInputBytes: Int = 256 << 20, maxNesting: Int = 512,
                maxAliasExpansion: Int = 100_000, maxStringBytes: Int = 1 << 20) {
        self.maxInputBytes = maxInputBytes
        self.maxNesting = maxNesting
        self.maxAliasExpansion = maxAliasExpansion
        self.maxStringBytes = maxStringBytes
    }

    /// The defaults documented in docs/input-format.md ("Limits").
    public static let `default` = ReadLimits()
}
