import Foundation
import Testing

/// The one golden-file helper: outputs compared byte for byte with committed
/// files, rewritten instead when `RELGRAPH_ACCEPT_GOLDENS=1` (`make goldens`).
public enum Golden {
    /// The environment variable that turns comparing into rewriting.
    public static let acceptVariable = "RELGRAPH_ACCEPT_GOLDENS"

    /// Whether this run rewrites goldens.
    public static var accepting: Bool { ProcessInfo.processInfo.environment[acceptVariable] == "1" }

    /// What a comparison found.
    public enum Outcome: Equatable {
        /// The output equals the golden.
        case same
        /// The golden was rewritten (accepting).
        case rewritten
        /// There is no golden yet.
        case missing(String)
        /// The output differs from the golden.
        case differs(String)
    }

    /// Whether `folder` holds goldens made with Graphviz `version` (files named
    /// `*.graphviz-VERSION.*`, as `gvcVersion` spells it). Goldens are kept per
    /// Graphviz version: fonts, coordinates and the SVG header differ between
    /// versions. A test whose Graphviz has none skips its byte comparisons
    /// (`.enabled(if:)`, with ``missingReason(for:)``) and says so; accepting
    /// makes them.
    public static func exist(for version: String, in folder: URL) -> Bool {
        if accepting { return true }
        let marker = ".graphviz-\(version)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.contains { $0.contains(marker) }
    }

    /// Why byte comparisons are skipped on Graphviz `version`.
    public static func missingReason(for version: String) -> Comment {
        Comment(rawValue: "no goldens for Graphviz \(version): byte comparisons skipped (`make goldens` run with that Graphviz makes them)")
    }

    /// Compares `data` with the golden `name` in `folder`, or rewrites it when
    /// accepting. The messages say how to re-accept.
    public static func check(_ data: Data, name: String, in folder: URL) throws -> Outcome {
        let url = folder.appendingPathComponent(name)
        if accepting {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: url)
            print("rewrote golden \(name)")
            return .rewritten
        }
        guard let golden = FileManager.default.contents(atPath: url.path) else {
            return .missing("no golden \(name); run `make goldens` (\(acceptVariable)=1) to create it")
        }
        return golden == data ? .same : .differs("\(name) differs from its golden; `make goldens` (\(acceptVariable)=1) rewrites it (then review git diff)")
    }
}
