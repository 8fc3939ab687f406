internal import CGraphviz
import Foundation
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Tracing the layouts a render does (for benchmarks) and what this Graphviz can do.
extension GraphvizContext {

    /// Starts writing down every graph this context lays out, as DOT: what
    /// ``stopTracingLayouts()`` returns. For benchmarks: Graphviz's own CLI given
    /// that text (`dot -Tsvg`) does the layouts a render did, with nothing of
    /// relgraph's, which is the floor for a render that lays out several
    /// candidate drawings (``PageFit``).
    public func startTracingLayouts() throws {
        try withLock { _ in trace = LayoutTrace() }
    }

    /// Stops tracing and returns the graphs laid out since ``startTracingLayouts()``,
    /// one after another, each as `agwrite` wrote it just before its layout, with
    /// `layout=ENGINE` added to its graph attributes (so `dot` lays each out
    /// with the engine relgraph used, `nop2` included). Empty when not tracing.
    /// The text starts with a `//` comment naming the Graphviz and whether the
    /// text-measure cache was on (a page fit measures text through it).
    public func stopTracingLayouts() throws -> Data {
        try withLock { gvc in
            defer { trace = nil }
            guard let trace else { return Data() }
            let cache = TextMeasureCache.isInstalled(in: gvc) ? "on" : "off (\(TextMeasureCache.unavailableReason ?? "not installed"))"
            let header = "// relgraph page-fit trace: Graphviz \(String(cString: gvcVersion(gvc))); text-measure cache \(cache)\n"
            return Data(header.utf8) + trace.dot
        }
    }

    /// What this process's Graphviz is and which of relgraph's Graphviz plugins
    /// work with it (`relgraph --version --verbose`).
    package func runtimeReport() throws -> GraphvizRuntimeReport {
        try withLock { gvc in
            GraphvizRuntimeReport(running: String(cString: gvcVersion(gvc)), built: GraphvizVersions.built,
                                  pluginAPI: Int(RELGRAPH_GVPLUGIN_VERSION),
                                  textMeasureCacheOff: TextMeasureCache.isInstalled(in: gvc) ? nil
                                      : TextMeasureCache.unavailableReason ?? "not installed")
        }
    }
}
