import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The page fit measures each text span once (``TextMeasureCache``): its
/// layouts, measures and drawings are the ones measuring every span with Pango
/// gives, and PNG and PDF, which draw text with Pango's layouts, never use it.
@Suite("Text measure cache")
struct TextMeasureCacheTests {
    /// Debian's Graphviz ships its Pango plugin here; where it does, the cache must be installed.
    static let pangoPlugin = FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/graphviz/libgvplugin_pango.so.6")
        || FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/graphviz/libgvplugin_pango.so.6")

    @Test("is installed in front of Graphviz's Pango plugin", .enabled(if: pangoPlugin))
    func installed() {
        #expect(GraphvizContext.shared.cachesTextMeasures)
    }

    @Test("a page fit answers repeated spans from the cache", .enabled(if: pangoPlugin))
    func answersRepeats() throws {
        let diagram = try PageFitMemoTests.diagram(flagship)
        let memo = PageFitMemo()
        _ = try PageFit(page: .a4).choose(for: diagram, engine: .dot, labels: .auto, layoutAttributes: [:], memo: memo)
        let cache = try #require(memo.textCache)
        // Dozens of layouts of the same names: most spans were measured before.
        #expect(cache.misses > 0)
        #expect(cache.hits > 4 * cache.misses)
    }

    @Test("an engine whose candidates are drawn while measured draws the same SVG with the cache",
          arguments: [LayoutEngine.neato, .dot])
    func sameSVG(engine: LayoutEngine) throws {
        let diagram = try PageFitMemoTests.diagram(flagship, view: try flagship.view(named: "iskp-ties"))
        let fit = PageFit(page: .a4)
        let cached = try fit.choose(for: diagram, engine: engine, labels: .auto, layoutAttributes: [:], memo: PageFitMemo())
        let fresh = try fit.choose(for: diagram, engine: engine, labels: .auto, layoutAttributes: [:],
                                   memo: PageFitMemo(recalls: false))
        #expect(cached.style == fresh.style && cached.spec == fresh.spec)
        #expect(cached.svg != nil && cached.svg == fresh.svg)
    }

    @Test("PNG after a page fit is drawn with Pango's own layouts (the bytes of drawing its spec alone)")
    func pngUncached() throws {
        var options = RenderOptions()
        options.format = .png
        let png = try Renderer().render(flagship, options: options).data
        let diagram = try PageFitMemoTests.diagram(flagship)
        let choice = try PageFit(page: .a4).choose(for: diagram, engine: .dot, labels: .auto, layoutAttributes: [:],
                                                   memo: PageFitMemo(), draw: false)
        let alone = try GraphvizContext.shared.render(choice.spec, engine: choice.engine, format: .png).data
        #expect(png.count > 10_000)
        #expect(png == alone)
    }
}
