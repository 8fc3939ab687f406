import ArgumentParser
import RelGraph
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

    @Option(help: "Colour theme: light, dark, or auto (follows the page's prefers-color-scheme; SVG only).")
    var theme: ThemeChoice = .light

    @Option(name: .customLong("svg-mode"), help: "standalone (with XML declaration) or inline (starts with <svg, for pasting into HTML).")
    var svgMode: SVGOptions.Mode = .standalone

    @Option(name: .customLong("id-prefix"), help: "Prefix for every id in the SVG (default: from the file name and view; a timeline frame adds its date).")
    var idPrefix: String?

    @Flag(help: "Drop the SVG's fixed width and height so it scales to its container.")
    var responsive = false

    func validate() throws {
        _ = try EngineArgument.setting(engine)
    }

    /// `--engine` as the library's setting (checked in ``validate()``).
    var engineSetting: EngineSetting {
        (try? EngineArgument.setting(engine)) ?? .auto
    }

    /// The render options these flags ask for; the id prefix is `defaultPrefix`
    /// unless `--id-prefix` is given. The engine is left to the caller
    /// (``engineSetting`` decides it by the graph's size).
    func renderOptions(format: RenderFormat, defaultPrefix: String) -> RenderOptions {
        var options = RenderOptions()
        options.format = format
        options.diagram.legend = !noLegend
        options.diagram.theme = theme == .dark ? .dark : .light
        options.svg.mode = svgMode
        options.svg.responsive = responsive
        options.svg.autoTheme = theme == .auto
        options.svg.idPrefix = idPrefix ?? defaultPrefix
        return options
    }

    /// The flags as command-line arguments, in a fixed order, to hand the same
    /// drawing to a child `relgraph` process.
    func forwardedArguments() -> [String] {
        var arguments = ["--engine", engine, "--theme", theme.rawValue, "--svg-mode", svgMode.rawValue]
        if noLegend { arguments.append("--no-legend") }
        if responsive { arguments.append("--responsive") }
        if let idPrefix { arguments += ["--id-prefix", idPrefix] }
        return arguments
    }
}

/// `--theme` values.
enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
    case light, dark, auto
}

extension SVGOptions.Mode: ExpressibleByArgument {}
