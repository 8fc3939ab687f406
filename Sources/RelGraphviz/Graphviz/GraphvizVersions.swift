import RelGraphDrawing
internal import CGraphviz

/// The Graphviz relgraph was compiled against, and the check that the one it
/// runs with is the same major version.
///
/// Graphviz's data structures (the id discipline, the render plugin API, text
/// spans) change between major versions, so a binary built against 14's headers
/// crashes inside 2.42's libgvc and the other way round; this turns that into an
/// error that says what to do.
enum GraphvizVersions {
    /// The `PACKAGE_VERSION` of the headers relgraph was compiled against.
    static let built = String(cString: relgraph_header_version())

    /// The error for running `running` (gvcVersion) with headers of `built`, when
    /// their major versions differ.
    static func mismatch(built: String, running: String) -> GraphvizError? {
        major(of: built) == major(of: running) ? nil : .versionMismatch(built: built, running: running)
    }

    /// The number before the first `.` (`2` of `2.43.0`, `14` of `14.1.4~dev`).
    static func major(of version: String) -> Int? {
        Int(version.prefix { $0.isNumber })
    }
}

/// What ``GraphvizContext/runtimeReport()`` finds: the Graphviz in this process
/// and whether relgraph's text-measure cache could be installed in it.
package struct GraphvizRuntimeReport: Sendable, Equatable {
    /// `gvcVersion` of the running libgvc, e.g. `2.43.0` or `14.1.4~dev.20260315.2220`.
    package var running: String
    /// The version of the headers relgraph was compiled against.
    package var built: String
    /// Graphviz's plugin API version (6 up to Graphviz 12, 8 from 13).
    package var pluginAPI: Int
    /// Why the text-measure cache is off (`nil` when it is on).
    package var textMeasureCacheOff: String?

    /// The lines `relgraph --version --verbose` prints.
    package var lines: [String] {
        [
            "Graphviz \(running) (libgvc at run time), built against \(built) headers, plugin API \(pluginAPI)",
            "text-measure cache: " + (textMeasureCacheOff.map { "off (\($0))" } ?? "on"),
        ]
    }
}
