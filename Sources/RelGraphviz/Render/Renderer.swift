import Foundation
import RelGraph
import RelGraphDrawing

/// The formats relgraph writes.
public enum RenderFormat: String, CaseIterable, Sendable, Hashable {
    /// Canonical DOT, without layout data: for git and `relgraph diff`.
    case dot
    /// Report-ready SVG: safe, accessible, with stable prefixed ids.
    case svg
    /// PNG bitmap (96 dpi by default).
    case png
    /// PDF.
    case pdf
    /// GraphML with every field as typed data, for Gephi, yEd and networkx
    /// (written by ``GraphMLWriter`` from the view's network, without Graphviz).
    case graphml

    /// The file extension.
    public var fileExtension: String { rawValue }

    /// The format an output path's extension names, if any.
    public static func fromExtension(of path: String) -> RenderFormat? {
        let ext = (path as NSString).pathExtension.lowercased()
        return RenderFormat(rawValue: ext)
    }
}

/// Everything that shapes a rendering besides the network itself.
public struct RenderOptions: Sendable {
    /// Draws with `choice`: its engine, its graph attributes and its alternatives.
    public mutating func use(_ choice: EngineChoice) {
        engine = .engine(choice.engine)
        layoutAttributes = choice.graphAttributes
        alternativeEngines = choice.alternatives
    }

    /// These options with ``engine`` decided for a graph of `nodes` nodes and
    /// `edges` edges: unchanged for a named engine; for ``EngineSetting/auto``, the
    /// engine ``EngineChoice/auto(nodes:edges:)`` picks, its graph attributes under
    /// ``layoutAttributes`` (those set here win) and its alternatives unless
    /// ``alternativeEngines`` names some. ``Renderer`` calls it with the view's
    /// entity and relation counts, as `relgraph render --engine auto` does.
    public func resolvingEngine(nodes: Int, edges: Int) -> RenderOptions {
        guard engine == .auto else { return self }
        let choice = EngineChoice.auto(nodes: nodes, edges: edges)
        var resolved = self
        resolved.engine = .engine(choice.engine)
        resolved.layoutAttributes = choice.graphAttributes.merging(layoutAttributes) { _, own in own }
        if alternativeEngines.isEmpty { resolved.alternativeEngines = choice.alternatives }
        return resolved
    }

    /// The engine to lay out with once ``engine`` is resolved
    /// (``resolvingEngine(nodes:edges:)``); `dot` for an unresolved `auto`.
    package var layoutEngine: LayoutEngine {
        switch engine {
        case .auto: .dot
        case .engine(let engine): engine
        }
    }

    /// Output format.
    public var format: RenderFormat = .svg
    /// Layout engine: ``EngineSetting/auto`` (the default, as on the command line)
    /// picks by the size of what is drawn (`dot` up to 300 entities plus relations,
    /// `sfdp` with straight edges above: ``EngineChoice/auto(nodes:edges:)``), or
    /// `.engine(.neato)` and so on names one.
    public var engine: EngineSetting = .auto
    /// Diagram options: theme, legend, clustering, wrapping.
    public var diagram = DiagramOptions()
    /// SVG options: embedding mode, id prefix, responsiveness, theme switching.
    public var svg = SVGOptions()
    /// Root-graph attributes set over the diagram's own, for every format (DOT
    /// included): e.g. ``EngineChoice/graphAttributes`` (`overlap`, `splines`)
    /// for large graphs. Empty by default.
    public var layoutAttributes: GraphAttributes = [:]
    /// Other engines the page fit may draw with when ``engine``'s best drawing
    /// misses its goals (``EngineChoice/alternatives``). Empty by default.
    public var alternativeEngines: [EngineChoice] = []
    /// The page the drawing is made to be read on: drawn formats (SVG, PNG, PDF)
    /// are laid out so that names print as large as possible once the drawing is
    /// fitted to it (``PageFit``). `nil` keeps the default drawing settings.
    /// The text area of an A4 page by default. DOT is never fitted: it stays
    /// canonical for diffs.
    public var page: PageSize? = .a4
    /// Whether a view's own `page:` takes the place of ``page`` (true unless the
    /// page was given explicitly, e.g. by `--page`).
    public var pageFromView: Bool = true
    /// Drawing settings to use as they are (no page fit); `nil` lets ``page`` decide.
    public var style: DrawingStyle?
    /// Whether a PDF drawn for a ``page`` is a sheet of that page's paper
    /// (``PageSize/paper``: A4 or Letter with the drawing fitted to its text area,
    /// any other size exactly that size; true, the default) or the drawing's own
    /// size with cairo's 36 pt margin (false: to place in LaTeX). Without a page a
    /// PDF is always the drawing's size.
    public var pdfOnPaper: Bool = true
    /// An earlier drawing to keep the layout of (`render --layout-from OLD.svg`):
    /// entities it shows stay where they were, new ones go next to their
    /// neighbours, lines are routed afresh (``PreviousDrawing``). Takes the place
    /// of the page fit; `nil` draws afresh.
    public var layoutFrom: PreviousDrawing?
    /// Whether lines carry labels: `auto` lets the page fit decide.
    public var labels: EdgeLabels = .auto
    /// PNG resolution in dots per inch (`render --dpi`); `nil` is Graphviz's 96.
    /// Only the final PNG is drawn at it: the layout and the page fit, which work
    /// in points, are the same as for SVG and PDF.
    public var dpi: Int?
    /// Hover highlighting in SVG (`render --hover`): hovering an entity dims
    /// everything that does not touch it; hovering a line dims everything but the
    /// line and its two ends. Pure CSS inside the SVG, no script; off by default.
    /// The same setting as ``SVGOptions/hover``.
    public var hover: Bool {
        get { svg.hover }
        set { svg.hover = newValue }
    }

    /// Default options: SVG, the engine `auto` picks, light theme, legend on, the
    /// text area of an A4 page: what `relgraph render` draws without flags.
    public init() {}
}

/// The result of a rendering: the bytes and what Graphviz or relgraph warned about.
public struct RenderOutput: Sendable {
    /// The file's bytes.
    public var data: Data
    /// Warnings (Graphviz's, and relgraph's own such as dropped links).
    public var warnings: [String]
    /// Size in points of the smallest entity text on the page (``RenderOptions/page``),
    /// when the page fit (``PageFit``) chose the drawing; `nil` otherwise.
    public var smallestTextOnPage: Double?

    /// Creates an output.
    public init(data: Data, warnings: [String], smallestTextOnPage: Double? = nil) {
        self.data = data
        self.warnings = warnings
        self.smallestTextOnPage = smallestTextOnPage
    }
}

/// Renders networks through Graphviz's C API.
///
///     let loaded = NetworkLoader().load(path: "graphs/iskp-isi-nexus.yaml")
///     var options = RenderOptions()
///     options.format = .svg
///     let svg = try Renderer().render(loaded.network, options: options).data
///
/// Safe to call from many threads or tasks at once: all Graphviz work is
/// serialised inside ``GraphvizContext``, and the same input gives the same bytes.
public struct Renderer: Sendable {
    /// The Graphviz context used (the process-wide one by default).
    public var context: GraphvizContext

    /// Creates a renderer.
    public init(context: GraphvizContext = .shared) {
        self.context = context
    }

    /// Renders `network` as seen through `view`.
    public func render(_ network: Network, view: ViewDefinition = ViewDefinition(), options: RenderOptions) throws -> RenderOutput {
        let result = try network.applying(view)
        return try render(result, full: network, options: options)
    }

    /// Renders an already-applied view (`full` supplies names the view hides).
    ///
    /// Both are taken over: a caller that hands over its last copy (`consume`) lets
    /// DOT export free the network once the diagram is built.
    public func render(_ result: consuming ViewResult, full: consuming Network, options: RenderOptions) throws -> RenderOutput {
        if options.format == .graphml {
            return RenderOutput(data: Data(GraphMLWriter().data(for: result.network)), warnings: [])
        }
        // `auto` picks by the view's entities and relations, as `relgraph render` does.
        var options = options.resolvingEngine(nodes: result.network.entities.count, edges: result.network.relations.count)
        if options.format == .dot {
            return RenderOutput(data: try context.writeCanonicalDOT(Self.dotSpec(consume result, full: consume full, options: options)),
                                warnings: [])
        }
        let diagram = DiagramBuilder(options: options.diagram).build(result, full: full)
        if options.pageFromView, let page = result.view.page { options.page = page }
        return try render(diagram, options: options)
    }

    /// Renders an already-applied view as canonical DOT straight into the open
    /// file `descriptor`, as Graphviz writes it (the bytes ``render(_:full:options:)``
    /// gives for `format` `.dot`, without them all in memory at once). What is in
    /// the file after a failure is incomplete: write to a temporary file and move
    /// it into place after success (`AtomicFile.Staged`). `freeingGraph: false`
    /// leaves Graphviz's graph to the end of the process (see
    /// ``GraphvizContext/writeCanonicalDOT(_:to:freeingGraph:)``).
    public func renderDOT(_ result: consuming ViewResult, full: consuming Network, options: RenderOptions,
                          to descriptor: Int32, freeingGraph: Bool = true) throws {
        let options = options.resolvingEngine(nodes: result.network.entities.count, edges: result.network.relations.count)
        try context.writeCanonicalDOT(Self.dotSpec(consume result, full: consume full, options: options), to: descriptor,
                                      freeingGraph: freeingGraph)
    }

    /// The graph spec of DOT export.
    private static func dotSpec(_ result: consuming ViewResult, full: consuming Network, options: RenderOptions) -> GraphSpec {
        // DOT is the review format: one statement per entity and per relation, so
        // that `git diff` and `relgraph diff` show each relation's change on its
        // own line. Merging and folding are for the drawn formats.
        var diagramOptions = options.diagram
        diagramOptions.mergeRelations = false
        diagramOptions.foldLeaves = false
        // DOT needs only the spec: let the network go once the diagram is built,
        // and the diagram before Graphviz builds the graph (each is hundreds of
        // MB for 100,000 entities).
        let diagram = DiagramBuilder(options: diagramOptions).build(result, full: full)
        _ = consume result
        _ = consume full
        return DiagramGraph.spec(consuming: consume diagram, style: options.style ?? DrawingStyle(),
                                 layoutAttributes: options.layoutAttributes)
    }

    /// Renders a diagram. An ``EngineSetting/auto`` engine picks by the diagram's
    /// nodes and lines (after merging and folding, so it may differ from the pick
    /// for the view it was built from: ``render(_:full:options:)`` picks by that).
    public func render(_ diagram: Diagram, options: RenderOptions) throws -> RenderOutput {
        let options = options.resolvingEngine(nodes: diagram.nodes.count, edges: diagram.edges.count)
        if options.format != .dot, let previous = options.layoutFrom {
            let kept = try KeptLayout(context: context).spec(for: diagram, previous: previous, options: options)
            var options = options
            options.svg.layoutNote = kept.note
            return try draw(diagram, spec: kept.spec, engine: .nop2, options: options)
        }
        if options.format != .dot, options.style == nil, let page = options.page,
           PageFit.searches(diagram) {
            // PNG and PDF are drawn from the chosen spec below: the fit need not draw its SVG.
            let choice = try PageFit(page: page, context: context)
                .choose(for: diagram, engine: options.layoutEngine, labels: options.labels, layoutAttributes: options.layoutAttributes,
                        alternatives: options.alternativeEngines, memo: PageFitMemo(), draw: options.format == .svg)
            var options = options
            options.svg.layoutNote = LayoutNote(style: choice.style, engine: choice.engine)
            var output = try draw(diagram, spec: choice.spec, engine: choice.engine, options: options,
                                  svg: choice.svg, warnings: choice.warnings)
            output.smallestTextOnPage = choice.smallestText
            return output
        }
        var style = options.style ?? DrawingStyle()
        if options.format == .dot {
            // Canonical DOT carries every label, whatever the engine.
            return RenderOutput(data: try context.writeCanonicalDOT(Self.spec(for: diagram, style: style, options: options)),
                                warnings: [])
        }
        if options.style == nil {
            // Without a page fit, `auto` keeps labels only where the engine places them
            // clear of everything: `dot`. Force-directed engines put each at its line's
            // middle, on top of entities and of each other in any dense drawing.
            style.edgeLabels = options.labels == .on || (options.labels == .auto && options.layoutEngine == .dot)
        }
        var noted = options
        noted.svg.layoutNote = LayoutNote(style: style, engine: options.layoutEngine)
        return try draw(diagram, spec: Self.spec(for: diagram, style: style, options: noted), engine: options.layoutEngine, options: noted)
    }

    /// Draws `spec` as SVG, PNG or PDF; `svg` is Graphviz's SVG when it was already drawn.
    func draw(_ diagram: Diagram, spec: GraphSpec, engine: LayoutEngine, options: RenderOptions,
                      svg: Data? = nil, warnings: [String] = []) throws -> RenderOutput {
        switch options.format {
        case .svg:
            var raw = svg
            var messages = warnings
            if raw == nil {
                let result = try context.render(spec, engine: engine, format: .svg)
                raw = result.data
                messages = result.warnings.map(\.text)
            }
            let finished = try SVGPostProcessor(options: options.svg, diagram: diagram).process(raw!)
            return RenderOutput(data: finished, warnings: messages)
        case .png, .pdf:
            var spec = spec
            if options.format == .png, let dpi = options.dpi { spec.attributes["dpi"] = .string(String(dpi)) }
            // A PDF for a page is that page's paper: cairo's 36 pt margin is left out
            // (the paper has margins of its own) and the drawing placed on the sheet.
            let paper = options.format == .pdf && options.pdfOnPaper ? options.page?.paper : nil
            if paper != nil { spec.attributes["margin"] = "0" }
            let result = try context.render(spec, engine: engine, format: OutputFormat(rawValue: options.format.rawValue))
            if options.format == .png, let dpi = options.dpi {
                return RenderOutput(data: PNGResolution.stamping(result.data, dpi: dpi), warnings: result.warnings.map(\.text))
            }
            if let paper {
                // Throws a PDFPages.Error if cairo wrote a page it cannot place (never seen).
                return RenderOutput(data: try PDFPages.place(result.data, on: paper, title: diagram.title),
                                    warnings: result.warnings.map(\.text))
            }
            return RenderOutput(data: result.data, warnings: result.warnings.map(\.text))
        case .dot:
            return RenderOutput(data: try context.writeCanonicalDOT(spec), warnings: [])
        case .graphml:
            throw GraphvizError.unknownFormat("graphml is written from a network or view, not from a diagram")
        }
    }

    /// The diagram's graph spec with ``RenderOptions/layoutAttributes`` applied.
    static func spec(for diagram: Diagram, style: DrawingStyle? = nil, options: RenderOptions) -> GraphSpec {
        DiagramGraph.spec(for: diagram, style: style ?? options.style ?? DrawingStyle(), layoutAttributes: options.layoutAttributes)
    }
}
