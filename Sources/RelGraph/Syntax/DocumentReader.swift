/// The two text formats relgraph reads.
public enum InputFormat: String, Sendable, CaseIterable {
    case yaml
    case json

    /// The format a file name's extension names: `.json` is JSON, `.yaml`/`.yml` YAML;
    /// `nil` for anything else.
    public static func fromExtension(of path: String) -> InputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        return nil
    }

    /// Guesses the format of unnamed input (standard input): JSON when the first
    /// non-blank character is `{` or `[`, YAML otherwise.
    public static func sniff(_ bytes: ArraySlice<UInt8>) -> InputFormat {
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
            default: return .yaml
            }
        }
        return .yaml
    }
}

/// Reads the bytes of a YAML or JSON file into a ``SyntaxNode`` tree, enforcing
/// ``ReadLimits`` and UTF-8.
package struct DocumentReader: Sendable {
    /// The limits enforced while reading.
    package var limits: ReadLimits

    /// Creates a reader.
    package init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// Parses `bytes` as `format` (sniffed when `nil`).
    package func read(_ bytes: [UInt8], format: InputFormat?) throws(SyntaxError) -> SyntaxNode {
        if bytes.count > limits.maxInputBytes {
            throw SyntaxError(.limit, "the input is \(bytes.count) bytes; the limit is \(limits.maxInputBytes) bytes",
                              at: nil, hint: "split the network into several files")
        }
        let body = try TextDecoding.body(of: bytes)
        switch format ?? InputFormat.sniff(body) {
        case .json:
            // The JSON reader checks the UTF-8 itself, in the strings it reads
            // (every other byte of valid JSON is ASCII it has matched).
            return try JSONSyntaxReader(limits: limits).parse(body)
        case .yaml:
            try TextDecoding.checkUTF8(body)
            return try YAMLSyntaxReader(limits: limits).parse(body)
        }
    }
}
