import Foundation

/// `OUT/.relgraph-manifest.json`: what the last batch render drew from what.
///
/// A manifest is input like any other: the output names it lists are only ever
/// used through ``OutputFolder/path(of:)``, so an entry such as `../victim.txt`
/// is never read or deleted.
package struct BatchManifest: Codable, Equatable, Sendable {
    /// One input: the hash of what it was drawn from, and each output's hash.
    package struct Entry: Codable, Equatable, Sendable {
        /// `sha256:` of the input bytes, relgraph's and Graphviz's versions and the options.
        package var hash: String
        /// Output path (relative to OUT) → `sha256:` of its bytes.
        package var outputs: [String: String]

        /// Creates an entry.
        package init(hash: String, outputs: [String: String]) {
            self.hash = hash
            self.outputs = outputs
        }
    }

    /// The manifest format's version.
    package var version = 1
    /// `relgraph 0.1.0`.
    package var generator: String
    /// Input path (relative to the input directory) → entry.
    package var inputs: [String: Entry]

    /// The manifest's file name in OUT.
    package static let fileName = ".relgraph-manifest.json"

    /// Creates a manifest.
    package init(generator: String, inputs: [String: Entry]) {
        self.generator = generator
        self.inputs = inputs
    }

    /// The record a timeline keeps of the files it wrote in its folder (same format).
    package static let timelineFileName = ".relgraph-timeline.json"

    /// The manifest in `folder` (`name`: ``fileName``, or ``timelineFileName``), or
    /// `nil` when there is none (or it cannot be read: then everything is drawn,
    /// and nothing is deleted).
    package static func read(from folder: OutputFolder, named name: String = fileName) -> BatchManifest? {
        guard let path = try? folder.path(of: name), let data = AtomicFile.currentBytes(at: path) else { return nil }
        return decode(data)
    }

    /// The manifest in `data`, or `nil` when it is not one. Read with relgraph's
    /// own JSON reader (the one every network goes through, with its limits), about
    /// four times faster than JSONDecoder, whose Codable containers took a third of
    /// a run on a 48 MB manifest.
    static func decode(_ data: Data) -> BatchManifest? {
        guard let root = try? DocumentReader().read([UInt8](data), format: .json),
              let top = root.members, let version = top["version"], case .scalar("1", .plain) = version.value,
              let generator = top["generator"]?.quotedText,
              let inputsNode = top["inputs"], case .mapping(let entries) = inputsNode.value else { return nil }
        var inputs: [String: Entry] = [:]
        inputs.reserveCapacity(entries.count)
        // Each entry's pairs are read as they are (no dictionary of its members:
        // a large manifest has hundreds of thousands of entries).
        for entry in entries {
            guard let input = entry.keyText, case .mapping(let fields) = entry.value.value else { return nil }
            var hash: String?
            var outputs: [String: String]?
            for field in fields {
                switch field.keyText {
                case "hash": hash = field.value.quotedText
                case "outputs":
                    guard case .mapping(let listed) = field.value.value else { return nil }
                    var hashes: [String: String] = [:]
                    hashes.reserveCapacity(listed.count)
                    for pair in listed {
                        guard let name = pair.keyText, let value = pair.value.quotedText else { return nil }
                        hashes[name] = value
                    }
                    outputs = hashes
                default: continue
                }
            }
            guard let hash, let outputs else { return nil }
            inputs[input] = Entry(hash: hash, outputs: outputs)
        }
        return BatchManifest(generator: generator, inputs: inputs)
    }

    /// Deterministic JSON: keys sorted, two-space indentation, final newline.
    package func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
