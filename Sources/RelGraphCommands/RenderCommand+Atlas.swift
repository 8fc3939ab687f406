import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

extension AtlasPlan.Grouping: ExpressibleByArgument {}

extension RenderCommand {
    /// `render NET --atlas`: the overview and one page per group, as SVG or PNG files
    /// (`STEM.atlas-p01.svg`…) or one PDF of every page (`STEM.atlas.pdf`).
    func renderAtlas() throws {
        let network = try NetworkInput.load(input, quiet: quiet).network
        if traceLayouts != nil { try GraphvizContext.shared.startTracingLayouts() }
        let formats = try formats()
        let view = viewOptions.view
        let result: ViewResult
        do {
            result = try network.applying(try viewOptions.resolve(in: network))
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(error)")
        }
        let plan: AtlasPlan
        do {
            plan = try AtlasRenderer().plan(result, full: network, grouping: atlasBy, pageSize: atlasPageSize ?? AtlasPlan.defaultPageSize,
                                            options: renderOptions(format: .svg, view: view), engine: drawing.engineSetting)
        } catch {
            Terminal.error("relgraph: error: planning an atlas of \(input) failed: \(error)")
            throw ExitCode(ExitStatus.software)
        }
        var outputs: [(path: String, data: Data)] = []
        for format in formats {
            let options = renderOptions(format: format, view: view)
            let pages: [AtlasRenderer.Page]
            do {
                let progress = Progress(style: .automatic(quiet: quiet))
                defer { progress.done() }
                progress.phase("drawing an atlas of \(plan.pageCount) pages")
                pages = try progress.whileWorking {
                    try AtlasRenderer().render(result, full: network, plan: plan, options: options, engine: drawing.engineSetting)
                }
            } catch {
                Terminal.error("relgraph: error: drawing an atlas of \(input) as \(format.rawValue) failed: \(error)")
                throw ExitCode(ExitStatus.software)
            }
            if !quiet { pages.flatMap(\.output.warnings).forEach { Terminal.error("relgraph: graphviz: \($0)") } }
            let atlasName = (view.map { $0 + "-" } ?? "") + "atlas"
            do {
                if format == .pdf {
                    let document = try PDFPages.concatenate(pages.map(\.output.data), title: (result.view.title ?? network.title ?? stem) + " — atlas")
                    outputs.append((try path(for: .pdf, view: atlasName, multiple: true), document))
                } else {
                    for page in pages {
                        let name = atlasName + "-p" + (page.number < 10 ? "0" : "") + String(page.number)
                        outputs.append((try path(for: format, view: name, multiple: true), page.output.data))
                    }
                }
            } catch let error as OutputPathError {
                Terminal.error("relgraph: error: \(input): \(error)")
                throw ExitCode(ExitStatus.dataError)
            } catch {
                Terminal.error("relgraph: error: \(input): the atlas's PDF pages could not be joined: \(error)")
                throw ExitCode(ExitStatus.software)
            }
        }
        if !quiet {
            Terminal.error("relgraph: atlas of \(plan.pageCount) pages: p. 1 overview; "
                + plan.pages.map { "p. \($0.number) \($0.members.count) entities" }.joined(separator: ", "))
        }
        if let traceLayouts { outputs.append((traceLayouts, try GraphvizContext.shared.stopTracingLayouts())) }
        try write(outputs)
    }
}
