import Foundation

/// Why one side of `relgraph diff` could not be read, in words a user can act on.
public struct DiffInputError: Error, Sendable, CustomStringConvertible {
    /// The input as the user named it.
    public var input: String
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?

    /// Creates an error.
    public init(input: String, message: String, hint: String? = nil) {
        self.input = input
        self.message = message
        self.hint = hint
    }

    /// `INPUT: message` and, on a second line, `hint: …`.
    public var description: String {
        "\(input): \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
    }
}

/// One side of `relgraph diff`, read into memory: a network (YAML or JSON), a
/// DOT file, or `git:REV:PATH`, the file as of a git revision.
public struct DiffInput: Sendable {
    /// What the bytes hold.
    public enum Kind: String, Sendable {
        /// A relgraph network (YAML or JSON).
        case model
        /// A Graphviz DOT graph.
        case dot
    }

    /// The input as the user named it (`graphs/x.yaml`, `git:HEAD~1:graphs/x.yaml`).
    public var name: String
    /// The file's path (for `git:REV:PATH`, the PATH), which names its format.
    public var path: String
    /// The file's bytes.
    public var bytes: [UInt8]
    /// Network or DOT: from the extension (`.dot`, `.gv` are DOT; `.yaml`, `.yml`,
    /// `.json` are networks), else from the content.
    public var kind: Kind
    /// For networks, the format the extension names (`nil`: sniffed from the content).
    public var modelFormat: InputFormat?

    /// Creates an input from bytes already in memory.
    public init(name: String, path: String, bytes: [UInt8]) {
        self.name = name
        self.path = path
        self.bytes = bytes
        self.modelFormat = InputFormat.fromExtension(of: path)
        if modelFormat != nil {
            kind = .model
        } else if DOTSniffer.hasDOTExtension(path) || DOTSniffer.looksLikeDOT(bytes) {
            kind = .dot
        } else {
            kind = .model
        }
    }

    /// Reads `argument`: `git:REV:PATH`, `-` (standard input) or a file path.
    /// - Parameter directory: where git runs for `git:` inputs (default: the current directory).
    public static func read(_ argument: String, limits: ReadLimits = .default,
                            directory: String? = nil) throws(DiffInputError) -> DiffInput {
        if let (revision, path) = GitRevisionFile.parse(argument) {
            let bytes = try GitRevisionFile.show(revision: revision, path: path, input: argument,
                                                 maxBytes: limits.maxInputBytes, directory: directory)
            return DiffInput(name: argument, path: path, bytes: bytes)
        }
        switch NetworkLoader(limits: limits).readBytes(path: argument) {
        case .success(let bytes):
            return DiffInput(name: argument, path: argument == "-" ? "" : argument, bytes: bytes)
        case .failure(let diagnostic):
            var hint = diagnostic.hint
            if diagnostic.message == "no such file" {
                hint = "check the path; relgraph diff compares .yaml, .yml, .json and .dot/.gv files, "
                    + "or git:REV:PATH for a file as of a git revision"
            }
            throw DiffInputError(input: argument, message: diagnostic.message, hint: hint)
        }
    }
}

/// Tells DOT from YAML and JSON.
package enum DOTSniffer {
    /// Whether `path` ends in `.dot` or `.gv` (any letter case).
    package static func hasDOTExtension(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".dot") || lower.hasSuffix(".gv")
    }

    /// Whether the text starts like a DOT graph: after white space, comments
    /// (`//`, `/* */`, `#` lines) and a byte-order mark, `[strict] graph|digraph`
    /// followed by a name or `{` (a YAML key `graph:` is not DOT).
    package static func looksLikeDOT(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func skipSpaceAndComments() {
            while i < n {
                let b = bytes[i]
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                    i += 1
                } else if b == UInt8(ascii: "#") || (b == UInt8(ascii: "/") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")) {
                    while i < n, bytes[i] != 0x0A { i += 1 }
                } else if b == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i + 1 < n, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                    i += 2
                } else {
                    return
                }
            }
        }
        func word() -> String {
            var letters: [UInt8] = []
            while i < n, (bytes[i] | 0x20) >= UInt8(ascii: "a"), (bytes[i] | 0x20) <= UInt8(ascii: "z") {
                letters.append(bytes[i] | 0x20)
                i += 1
            }
            return String(decoding: letters, as: UTF8.self)
        }
        skipSpaceAndComments()
        var keyword = word()
        if keyword == "strict" {
            skipSpaceAndComments()
            keyword = word()
        }
        guard keyword == "graph" || keyword == "digraph" else { return false }
        skipSpaceAndComments()
        guard i < n else { return false }
        let b = bytes[i]
        let isNameStart = b == UInt8(ascii: "{") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "_") || b >= 0x80
            || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        return isNameStart
    }
}
