import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// `render --layout-from OLD.svg` and `render --keep-layout`: drawing a new version
/// in the layout of an earlier drawing (``PreviousDrawing``).
extension RenderCommand {
    func validateLayoutOptions() throws {
        guard layoutFrom != nil || keepLayout else { return }
        if layoutFrom != nil && keepLayout { throw ValidationError("use either --layout-from OLD.svg or --keep-layout, not both") }
        if atlas { throw ValidationError("an atlas is drawn afresh: --layout-from and --keep-layout draw one page") }
        if layoutFrom != nil && inputIsDirectory {
            throw ValidationError("--layout-from gives one earlier drawing; a directory keeps each file's layout with --keep-layout")
        }
        if layoutFrom != nil && allViews {
            throw ValidationError("--layout-from gives one earlier drawing; with --all-views use --keep-layout (each view keeps its own file's layout)")
        }
        if layoutFrom == "-" { throw ValidationError("--layout-from reads a file or git:REV:PATH, not standard input") }
        if keepLayout && output == "-" { throw ValidationError("--keep-layout keeps the layout of the file an output replaces; -o - replaces none") }
    }

    /// The earlier drawing to keep for the outputs of `view`: --layout-from's, or
    /// with --keep-layout the SVG at the path the SVG output of this view has (when
    /// there is one). Read once per view.
    func previousDrawing(view: String?, formats: [RenderFormat], jobs: Int) throws -> PreviousDrawing? {
        if let layoutFrom { return try EarlierDrawing.read(layoutFrom) }
        guard keepLayout else { return nil }
        let path: String
        do {
            path = try self.path(for: .svg, view: view, multiple: formats.count > 1 || jobs > 1)
        } catch {
            return nil
        }
        guard path != "-", EarlierDrawing.isRegularFile(path) else { return nil }
        return try EarlierDrawing.read(path)
    }
}
