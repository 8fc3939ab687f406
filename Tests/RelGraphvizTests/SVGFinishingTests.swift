import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The SVG finisher (``SVGPostProcessor``: read the tree, clean it, write it) on
/// Graphviz's SVG of hostile and folded networks with every option, and on that SVG
/// damaged; and the byte escaper and decoder it reads and writes with.
@Suite("SVG finishing: hostile, folded and damaged drawings")
struct SVGFinishingTests {
    static func network(_ name: String) -> Network {
        let loaded = NetworkLoader().load(path: Paths.packageRoot.appendingPathComponent("Tests/RelGraphvizTests/Fixtures/\(name)").path)
        precondition(!loaded.hasErrors)
        return loaded.network
    }

    /// A diagram of `network` and Graphviz's SVG of it, before finishing.
    static func raw(_ network: Network) throws -> (Diagram, Data) {
        let diagram = DiagramBuilder(options: DiagramOptions()).build(try network.applying(ViewDefinition()), full: network)
        let spec = Renderer.spec(for: diagram, options: RenderOptions())
        return (diagram, try gv.render(spec, format: .svg).data)
    }

    /// Finishing options to try: every switch the finisher reads.
    static let variants: [SVGOptions] = {
        var all: [SVGOptions] = []
        for hover in [false, true] {
            for responsive in [false, true] {
                var options = SVGOptions()
                options.hover = hover
                options.responsive = responsive
                options.autoTheme = hover
                options.mode = responsive ? .inline : .standalone
                options.idPrefix = hover ? "p<&\"x" : "9z"
                all.append(options)
            }
        }
        return all
    }()

    /// The finisher gives XML its own check accepts, or says why it cannot
    /// (``SVGError``); it never traps.
    static func expectFinishedOrRefused(_ processor: SVGPostProcessor, _ data: Data, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            let finished = try processor.process(data)
            #expect(throws: Never.self, sourceLocation: sourceLocation) { try XMLCheck.verify(finished) }
        } catch {
            #expect(error is SVGError, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("hostile and folded networks, with every option", arguments: ["hostile.yaml", "hub-50.yaml"])
    func networks(_ file: String) throws {
        let (diagram, data) = try Self.raw(Self.network(file))
        for options in Self.variants {
            #expect(throws: Never.self) { try SVGPostProcessor(options: options, diagram: diagram).process(data) }
        }
    }

    @Test("damaged SVG: references, markup, comments, control and non-characters, bad UTF-8, quotes")
    func damaged() throws {
        let (diagram, data) = try Self.raw(Self.network("hub-50.yaml"))
        let (hostileDiagram, hostileData) = try Self.raw(Self.network("hostile.yaml"))
        let snippets: [[UInt8]] = [
            "&", "&amp;", "&#45;", "&#x41;", "&#0;", "&#xD800;", "&#+5;", "&#1114112;", "&bogus;", "<", ">", "\"", "'",
            "<!-- c -->", "<![CDATA[a<b&c]]>", "<?pi x?>", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\t", "\n", "\r", "\u{1}",
            " onload=\"x\"", " ONCLICK='y'", " style=\"fill:url(#a)\"", " fill=\"transparent\"", " fill='url(#g)'",
            " xlink:href=\"#\u{301}x\"", " href=\"javascript:x\"", " xlink:title=\"t&#10;u\"", " class=\"c\"",
            "<script>x</script>", "<foreignObject><g/></foreignObject>", "<title>t</title>", "<a xlink:href=\"#relgraph-list-cell\"/>",
            "url(#", "é", "\u{212A}", "#",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        var generator = SplitMix64(seed: 13)
        for (diagram, data) in [(diagram, data), (hostileDiagram, hostileData)] {
            let bytes = [UInt8](data)
            for round in 0..<150 {
                var damaged = bytes
                for _ in 0..<(1 + round % 4) {
                    let at = Int(generator.next() % UInt64(damaged.count))
                    damaged.insert(contentsOf: snippets[Int(generator.next() % UInt64(snippets.count))], at: at)
                }
                let options = Self.variants[round % Self.variants.count]
                Self.expectFinishedOrRefused(SVGPostProcessor(options: options, diagram: diagram), Data(damaged))
            }
        }
    }

    @Test("the byte escaper is XMLText.escape, in every context")
    func escaper() {
        let samples = ["", "plain", "a&b<c>d\"e'f", "tab\tnew\nline\rret", "\u{1}\u{7}\u{1F}x", "\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}",
                       "ثثث 🏴‍☠️ é\u{301}", String(repeating: "0123456789,-. ", count: 20) + "&"]
        for text in samples {
            for context in [XMLEscape.Context.text, .attribute, .htmlLabel] {
                var out: [UInt8] = []
                XMLWriter.append(text, context: context, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == XMLEscape.escape(text, context: context))
            }
        }
    }

    @Test("the byte decoder decodes as the element-wise one")
    func decoder() {
        var generator = SplitMix64(seed: 3)
        let pieces = ["a", "é", "&", ";", "#", "x", "1", "45", "&#45;", "&#x2014;", "&amp;", "&lt;", "&quot;", "&apos;", "&gt;",
                      "&#0;", "&#xD800;", "&#+5;", "&#-0;", "&#1114111;", "&#x110000;", "&#99999999;", "&bogus;", "&#;", "&#x;"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 10) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            #expect(XMLReader.decode(bytes[...]) == XMLReader.decodeElementwise(bytes[...]), "\(text)")
        }
    }
}
