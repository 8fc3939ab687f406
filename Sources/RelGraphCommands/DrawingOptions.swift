import ArgumentParser
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// The drawing options shared by every command that draws a network (`render`,
/// `timeline`), and handed on to a batch render's child processes.
///
/// Adding a drawing flag is a change to this file only: declare it, apply it in
/// ``renderOptions(format:defaultPrefix:)``, and forward it in
/// ``forwardedArguments()`` (batch children get it, and it enters the batch's
/// up-to-date hash).
struct DrawingOptions: ParsableArguments {
    @Option(help: EngineArgument.help("Layout engine (auto: dot up to 300 entities plus relations, sfdp with straight edges above)"))
    var engine: String = "auto"

    @Flag(name: .customLong("no-legend"), help: "Leave out the legend.")
    var noLegend = false

    @Option(help: "Colour theme: light, dark, or auto (follows the system's light or dark setting, and a page's own switch on an ancestor: data-theme=\"dark\" or class dark, MkDocs Material's data-md-color-scheme=\"slate\", MkDocs' data-bs-theme=\"dark\", Quarto's class quarto-dark; SVG only).")
    var theme: ThemeChoice = .light

    @Option(name: .customLong("svg-mode"), help: "standalone (with XML declaration) or inline (starts with <svg, for pasting into HTML).")
    var svgMode: SVGOptions.Mode = .standalone

    @Option(name: .customLong("id-prefix"), help: "Prefix for every id in the SVG (default: from the file name and view; a timeline frame adds its date).")
    var idPrefix: String?

    @Flag(help: "Drop the SVG's fixed width and height so it scales to its container.")
    var responsive = false

    @Option(help: ArgumentHelp("The page the drawing is read on: a4 (16 x 24 cm text area, the default unless the view sets `page:`), letter, WxH with a unit (16x24cm, 6.5x9in, 450x680pt), or none. relgraph lays the drawing out so names print as large as possible on it.", valueName: "PAGE"))
    var page: String?

    @Option(name: .customLong("pdf-page"), help: "What a PDF's page is: paper (the default: a sheet of --page's paper, A4 or Letter with the drawing fitted to its text area, WxH exactly that size) or drawing (the drawing's own size with a 36 pt margin, to place in LaTeX). Without a page (--page none) it is the drawing.")
    var pdfPage: PDFPageChoice = .paper

    @Option(help: "Edge labels: auto (the page fit keeps them unless they overlap, or dropping them makes names larger or the drawing tidier; without a page fit, only with dot), on, or off (type by colour and arrowhead; the label is in the title and tooltip).")
    var labels: LabelChoice = .auto

    @Flag(name: .customLong("no-merge"), help: "Draw one line per relation, even between the same two entities.")
    var noMerge = false

    @Flag(name: .customLong("no-fold"), help: "Never fold leaves into a list node.")
    var noFold = false

    @Option(help: ArgumentHelp("PNG resolution in dots per inch, 36 to 1200 (default 96; 300 for print and office documents). Other formats ignore it.", valueName: "N"))
    var dpi: Int?

    @Flag(help: "SVG: hovering an entity dims everything not touching it; hovering a line, everything but the line and its ends (CSS in the SVG, no script).")
    var hover = false

    func validate() throws {
        _ = try EngineArgument.setting(engine)
        _ = try pageSize()
        if let dpi, !(36...1200).contains(dpi) { throw ValidationError("--dpi: \(dpi) is out of range; give 36 to 1200 (96 is the default, 300 prints sharp)") }
    }

    /// `--page` as a page size: A4 when not given, `nil` for `none`.
    func pageSize() throws -> PageSize? {
        guard let page else { return .a4 }
        if page.lowercased() == "none" { return nil }
        do {
            return try PageSize(parsing: page)
        } catch {
            throw ValidationError("--page: \(error.description)")
        }
    }

    /// `--engine` as the library's setting (checked in ``validate()``).
    var engineSetting: EngineSetting {
        (try? EngineArgument.setting(engine)) ?? .auto
    }

    /// The render options these flags ask for; the id prefix is `defaultPrefix`
    /// unless `--id-prefix` is given. The engine is left to the caller
    /// (``engineSetting`` decides it by the graph's size).
    /// The layout engine `--engine` names for a view: `auto` decides by the number of
    /// entities and relations drawn (see ``EngineChoice``).
    func engineChoice(for result: ViewResult) -> EngineChoice {
        engineSetting.choice(nodes: result.network.entities.count, edges: result.network.relations.count)
    }

    func renderOptions(format: RenderFormat, defaultPrefix: String) -> RenderOptions {
        var options = RenderOptions()
        options.format = format
        options.page = (try? pageSize()) ?? nil
        options.pageFromView = page == nil
        options.labels = labels.mode
        options.diagram.mergeRelations = !noMerge
        options.diagram.foldLeaves = !noFold
        options.diagram.legend = !noLegend
        options.diagram.theme = theme == .dark ? .dark : .light
        options.svg.mode = svgMode
        options.svg.responsive = responsive
        options.svg.autoTheme = theme == .auto
        options.svg.idPrefix = idPrefix ?? defaultPrefix
        options.hover = hover
        options.dpi = dpi
        options.pdfOnPaper = pdfPage == .paper
        return options
    }

    /// The flags as command-line arguments, in a fixed order, to hand the same
    /// drawing to a child `relgraph` process.
    func forwardedArguments() -> [String] {
        var arguments = ["--engine", engine, "--theme", theme.rawValue, "--svg-mode", svgMode.rawValue]
        if noLegend { arguments.append("--no-legend") }
        if responsive { arguments.append("--responsive") }
        if let idPrefix { arguments += ["--id-prefix", idPrefix] }
        if let page { arguments += ["--page", page] }
        arguments += ["--labels", labels.rawValue]
        if noMerge { arguments.append("--no-merge") }
        if noFold { arguments.append("--no-fold") }
        if hover { arguments.append("--hover") }
        if let dpi { arguments += ["--dpi", String(dpi)] }
        if pdfPage != .paper { arguments += ["--pdf-page", pdfPage.rawValue] }
        return arguments
    }
}

/// `--labels` values.
enum LabelChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, on, off

    /// The library's setting.
    var mode: EdgeLabels {
        switch self {
        case .auto: .auto
        case .on: .on
        case .off: .off
        }
    }
}

/// `--pdf-page` values.
enum PDFPageChoice: String, ExpressibleByArgument, CaseIterable {
    case paper, drawing
}

/// `--theme` values.
enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
    case light, dark, auto
}

extension SVGOptions.Mode: ExpressibleByArgument {}
