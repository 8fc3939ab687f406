internal import CGraphviz
import Foundation
import RelGraphDrawing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text sizes Graphviz has measured, so that laying out many candidate drawings
/// of one diagram (``PageFit``) measures each name once instead of once per layout.
///
/// Graphviz measures every text span of every label with its text layout plugin
/// (Pango), at each layout: in a page fit of the flagship that was 2,666
/// measurements costing 193 M instructions, a fifth of the whole render, for a
/// few hundred distinct spans. The measure depends only on the span's font name,
/// size, HTML flags (bold, italic…) and text (see Graphviz's
/// `plugin/pango/gvtextlayout_pango.c`), so one measured span is the same for
/// every later one with those four.
///
/// How: a text layout plugin of higher quality than Pango's is added to the
/// context (``install(_:)``). It hands every span to Pango unless a cache is
/// ``active``; then it answers spans measured before from the cache. A cached
/// answer carries no Pango layout (`span->layout`), which only the Cairo
/// renderers (PNG, PDF) draw with, so a cache is only made active for layouts
/// that are measured or drawn as SVG, never for Cairo output. Where the plugin or
/// Pango's engine cannot be found (Pango's plugin library is named for the plugin
/// API version of the Graphviz relgraph was built against), or
/// `RELGRAPH_TEXT_CACHE=off` is set, nothing is added, every span goes to
/// whatever Graphviz chose, and ``unavailableReason`` says why.
///
/// Only used inside ``GraphvizContext``'s lock (the plugin state is global, as
/// Graphviz's is).
final class TextMeasureCache {
    /// What identifies a measurement: font name, size in points, HTML flags and text (bytes as given).
    struct Key: Hashable {
        var font: [UInt8]
        var size: Double
        var flags: UInt32
        var text: [UInt8]
    }

    /// What Pango set on the span, and what it returned.
    struct Measure {
        var width: Double
        var height: Double
        var yoffsetLayout: Double
        var yoffsetCenterline: Double
        var measured: Int32
    }

    private(set) var measures: [Key: Measure] = [:]
    /// Spans answered from the cache, and spans handed to Pango (for tests and profiles).
    private(set) var hits = 0, misses = 0

    init() {}

    // MARK: - The plugin

    /// The cache spans are answered from, while a layout that may use one runs.
    nonisolated(unsafe) static var active: TextMeasureCache?
    /// Pango's text layout engine, which measures what the cache does not know.
    nonisolated(unsafe) private static var inner: UnsafeMutablePointer<gvtextlayout_engine_t>?
    nonisolated(unsafe) private static var library: PluginLibrary?

    /// Whether spans measured in `gvc` can be cached (the plugin is installed there).
    static func isInstalled(in gvc: OpaquePointer) -> Bool {
        library?.isAdded(to: gvc) ?? false
    }

    /// Why the cache is not installed (`nil` while it is, or before a context was
    /// made): set by ``install(_:)``, reported by `relgraph --version --verbose`
    /// and at the top of a `--trace-layouts` file.
    nonisolated(unsafe) private(set) static var unavailableReason: String?

    /// The environment variable that turns the cache off (`RELGRAPH_TEXT_CACHE=off`).
    static let environmentVariable = "RELGRAPH_TEXT_CACHE"

    /// The file name of Graphviz's Pango plugin library for this Graphviz's plugin
    /// API version (`libgvplugin_pango.so.6` up to Graphviz 12, `.so.8` from 13).
    static var pangoPluginName: String {
        #if canImport(Darwin)
        "libgvplugin_pango.\(RELGRAPH_GVPLUGIN_VERSION).dylib"
        #else
        "libgvplugin_pango.so.\(RELGRAPH_GVPLUGIN_VERSION)"
        #endif
    }

    /// Puts the caching plugin in front of Pango's in `gvc` (once), when both
    /// Pango's engine and Graphviz's `gvtextlayout_select` can be found and
    /// `RELGRAPH_TEXT_CACHE` is not `off`; otherwise records why not
    /// (``unavailableReason``) and leaves Graphviz's text layout as it is.
    static func install(_ gvc: OpaquePointer) {
        guard !isInstalled(in: gvc) else { return }
        if let reason = findPango() {
            unavailableReason = reason
            return
        }
        // Not in Graphviz's public headers (exported by libgvc from 2.42 to 14): looked up, not linked.
        guard let select = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gvtextlayout_select") else {
            unavailableReason = "Graphviz's libgvc does not export gvtextlayout_select"
            return
        }
        typealias Select = @convention(c) (OpaquePointer) -> Int32
        let library = self.library ?? makeLibrary()
        self.library = library
        library.add(to: gvc)
        _ = unsafeBitCast(select, to: Select.self)(gvc)
        unavailableReason = nil
    }

    /// Finds Pango's text layout engine (``inner``); the reason when it cannot.
    private static func findPango() -> String? {
        if let setting = ProcessInfo.processInfo.environment[environmentVariable]?.lowercased(),
           ["off", "0", "no", "false"].contains(setting) {
            return "turned off by \(environmentVariable)=\(setting)"
        }
        if inner != nil { return nil }
        // Graphviz has loaded its Pango plugin when it made the context (it picks
        // the text layout plugin then); RTLD_NOLOAD finds it without loading anything.
        let name = pangoPluginName
        guard let handle = dlopen(name, RTLD_NOW | RTLD_NOLOAD) else {
            return "Graphviz's Pango plugin (\(name), plugin API \(RELGRAPH_GVPLUGIN_VERSION)) is not loaded"
        }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "gvplugin_pango_LTX_library"),
              let engine = relgraph_library_textlayout(symbol.assumingMemoryBound(to: gvplugin_library_t.self)),
              engine.pointee.textlayout != nil else {
            return "\(name) offers no text layout engine"
        }
        inner = engine
        return nil
    }

    private static func makeLibrary() -> PluginLibrary {
        let engine = UnsafeMutablePointer<gvtextlayout_engine_t>.allocate(capacity: 1)
        engine.initialize(to: gvtextlayout_engine_t())
        engine.pointee.textlayout = { span, fontpath in
            guard let span, let pango = TextMeasureCache.inner else { return relgraph_textlayout_result(0) }
            // Verbose runs (a font path asked for) and spans outside a cached layout go to Pango.
            guard fontpath == nil, let cache = TextMeasureCache.active, let font = span.pointee.font,
                  let name = font.pointee.name, let text = span.pointee.str else {
                return relgraph_textlayout_result(relgraph_textlayout_call(pango, span, fontpath))
            }
            let key = TextMeasureCache.Key(font: TextMeasureCache.bytes(name), size: font.pointee.size,
                                           flags: relgraph_span_font_flags(span), text: TextMeasureCache.bytes(text))
            return relgraph_textlayout_result(cache.measure(span, key: key) { relgraph_textlayout_call(pango, $0, nil) })
        }
        // Pango's is 10: this one is chosen.
        return PluginLibrary(package: "relgraph_textcache", plugins: [
            PluginLibrary.Plugin(api: API_textlayout, type: "textlayout", quality: 1000, engine: UnsafeMutableRawPointer(engine)),
        ])
    }

    private static func bytes(_ string: UnsafeMutablePointer<CChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: UnsafeRawPointer(string).assumingMemoryBound(to: UInt8.self), count: strlen(string)))
    }

    /// `span` measured: from the cache when `key` was measured before, else by
    /// `measure` (Pango), remembered.
    private func measure(_ span: UnsafeMutablePointer<textspan_t>, key: Key,
                         with measure: (UnsafeMutablePointer<textspan_t>) -> Int32) -> Int32 {
        if let known = measures[key] {
            hits += 1
            span.pointee.size = pointf(x: known.width, y: known.height)
            span.pointee.yoffset_layout = known.yoffsetLayout
            span.pointee.yoffset_centerline = known.yoffsetCenterline
            span.pointee.layout = nil
            span.pointee.free_layout = nil
            return known.measured
        }
        misses += 1
        let measured = measure(span)
        measures[key] = Measure(width: span.pointee.size.x, height: span.pointee.size.y,
                                yoffsetLayout: span.pointee.yoffset_layout,
                                yoffsetCenterline: span.pointee.yoffset_centerline, measured: measured)
        return measured
    }
}
