import Foundation

/// `OUT/.relgraph-manifest.json`: what the last batch render drew from what.
///
/// A manifest is input like any other: the output names it lists are only ever
/// used through ``OutputFolder/path(of:)``, so an entry such as `../victim.txt`
/// is never read or deleted.
public struct BatchManifest: Codable, Equatable, Sendable {
    /// One input: the hash of what it was drawn from, and each output's hash.
    public struct Entry: Codable, Equatable, Sendable {
        /// `sha256:` of the input bytes, relgraph's and Graphviz's versions and the options.
        public var hash: String
        /// Output path (relative to OUT) → `sha256:` of its bytes.
        public var outputs: [String: String]

        /// Creates an entry.
        public init(hash: String, outputs: [String: String]) {
            self.hash = hash
            self.outputs = outputs
        }
    }

    /// The manifest format's version.
    public var version = 1
    /// `relgraph 0.1.0`.
    public var generator: String
    /// Input path (relative to the input directory) → entry.
    public var inputs: [String: Entry]

    /// The manifest's file name in OUT.
    public static let fileName = ".relgraph-manifest.json"

    /// Creates a manifest.
    public init(generator: String, inputs: [String: Entry]) {
        self.generator = generator
        self.inputs = inputs
    }

    /// The record a timeline keeps of the files it wrote in its folder (same format).
    public static let timelineFileName = ".relgraph-timeline.json"

    /// The manifest in `folder` (`name`: ``fileName``, or ``timelineFileName``), or
    /// `nil` when there is none (or it cannot be read: then everything is drawn,
    /// and nothing is deleted).
    public static func read(from folder: OutputFolder, named name: String = fileName) -> BatchManifest? {
        guard let path = try? folder.path(of: name), let data = AtomicFile.currentBytes(at: path),
              let manifest = try? JSONDecoder().decode(BatchManifest.self, from: data), manifest.version == 1 else { return nil }
        return manifest
    }

    /// Deterministic JSON: keys sorted, two-space indentation, final newline.
    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
