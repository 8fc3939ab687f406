import Foundation
import RelGraph

extension TestFixtures {
    /// The flagship network (graphs/iskp-isi-nexus.yaml), loaded once.
    public static let flagship: Network = {
        let loaded = NetworkLoader().load(path: TestPaths.packageRoot.appendingPathComponent("graphs/iskp-isi-nexus.yaml").path)
        precondition(!loaded.hasErrors, "the flagship must be valid")
        return loaded.network
    }()
}
