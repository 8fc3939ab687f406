import Foundation

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
