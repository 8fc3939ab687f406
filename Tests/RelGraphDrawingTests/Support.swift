import Foundation
import RelGraph
import RelGraphTestSupport

/// Where things are, for the tests of the drawing without Graphviz.
enum Paths {
    /// The package root.
    static let packageRoot: URL = TestPaths.packageRoot
}

extension Data {
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// The flagship network, loaded once.
let flagship: Network = TestFixtures.flagship
