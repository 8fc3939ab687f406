import Foundation
import Testing

/// Which Graphviz the tests run with, for the assertions that hold for one
/// version only (byte comparisons with committed drawings and goldens, and with
/// Graphviz's own CLI).
public enum TestGraphviz {
    /// The Graphviz the committed drawings (graphs/*.svg, graphs/views/*.svg) were
    /// made with: Debian's, on which the README's `make flagship` runs. SVG bytes
    /// differ between Graphviz versions (coordinates, fonts, the SVG header), so
    /// other versions skip comparing the committed SVGs and say why.
    public static let committedDrawings = "2.43.0"

    /// The Graphviz the built `relgraph` runs with (`relgraph --version --verbose`),
    /// or why it could not be asked: the binary is missing, cannot start, fails, or
    /// names no Graphviz. A test that depends on it is not skipped for that reason
    /// (see ``cliMatchesRelgraph``): it runs, and fails with the binary.
    public static let relgraphGraphviz: Result<String, TestSupportError> = {
        guard let binary = TestPaths.relgraph else { return .failure(TestSupportError("no built relgraph")) }
        let run: ProcessResult
        do {
            run = try ProcessRunner.run(binary, ["--version", "--verbose"])
        } catch {
            return .failure(error as? TestSupportError ?? TestSupportError("\(error)"))
        }
        guard run.status == 0 else { return .failure(TestSupportError("relgraph --version --verbose exited \(run.status): \(run.stderr)")) }
        let version = run.stdout.split(separator: "\n").lazy.compactMap { line -> String? in
            guard line.hasPrefix("Graphviz ") else { return nil }
            return String(line.dropFirst(9).prefix { $0 != " " })
        }.first
        return version.map { .success($0) } ?? .failure(TestSupportError("relgraph --version --verbose names no Graphviz"))
    }()

    /// ``relgraphGraphviz``'s version, or `nil` when relgraph could not be asked.
    public static var relgraphVersion: String? {
        if case .success(let version) = relgraphGraphviz { return version }
        return nil
    }

    /// Whether a comparison of relgraph's output with the `dot` CLI's is to run:
    /// when both run the same Graphviz, and also when relgraph could not say which
    /// it runs (the test then fails with relgraph instead of being skipped).
    public static var cliMatchesRelgraph: Bool {
        relgraphVersion.map { cliMatches($0) } ?? true
    }

    /// The version `dot -V` of ``TestPaths/dotCLI`` reports; `nil` when there is no
    /// `dot` on PATH; why not, when there is one but it cannot start, fails or names
    /// no version (a comparison with it then runs and fails, see ``cliMatches(_:)``).
    public static let dotCLI: Result<String, TestSupportError>? = {
        guard let dot = TestPaths.dotCLI else { return nil }
        let run: ProcessResult
        do {
            run = try ProcessRunner.run(dot, ["-V"])
        } catch {
            return .failure(error as? TestSupportError ?? TestSupportError("\(error)"))
        }
        guard run.status == 0, let range = run.stderr.range(of: "graphviz version ") else {
            return .failure(TestSupportError("\(dot.path) -V exited \(run.status): \(run.stderr)"))
        }
        return .success(String(run.stderr[range.upperBound...].prefix { $0 != " " && $0 != "\n" }))
    }()

    /// ``dotCLI``'s version, or `nil`.
    public static var dotCLIVersion: String? {
        if case .success(let version)? = dotCLI { return version }
        return nil
    }

    /// Whether a comparison with the `dot` CLI on PATH is to run for relgraph running
    /// `running`: when it is the same Graphviz, and also when a `dot` is there but
    /// could not say which it is (the test then fails with it instead of being skipped).
    public static func cliMatches(_ running: String?) -> Bool {
        guard let running, let dotCLI else { return false }
        switch dotCLI {
        case .success(let version): return version == running
        case .failure: return true
        }
    }

    /// Why a comparison with the `dot` CLI is skipped.
    public static func cliMismatch(_ running: String?) -> Comment {
        Comment(rawValue: "the dot CLI on PATH is Graphviz \(dotCLIVersion ?? "missing"), relgraph runs with \(running ?? "unknown"): comparison with the CLI skipped")
    }

    /// Why comparing with the committed drawings is skipped.
    public static func committedMismatch(_ running: String?) -> Comment {
        Comment(rawValue: "the committed drawings are made with Graphviz \(committedDrawings), this run uses \(running ?? "unknown"): byte comparison skipped")
    }

    /// The major version (`2` of `2.43.0`, `14` of `14.1.4~dev`).
    public static func major(_ version: String?) -> Int? {
        version.flatMap { Int($0.prefix { $0.isNumber }) }
    }
}
