import ArgumentParser
import Foundation
import RelGraph
import RelGraphviz

/// `render --layout-from OLD.svg` and `render --keep-layout`: drawing a new version
/// in the layout of an earlier drawing (``PreviousDrawing``).
extension RenderCommand {
    /// The largest earlier drawing read, in bytes.
    static let previousDrawingLimit = 512 << 20

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
        if let layoutFrom { return try Self.readPrevious(layoutFrom) }
        guard keepLayout else { return nil }
        let path: String
        do {
            path = try self.path(for: .svg, view: view, multiple: formats.count > 1 || jobs > 1)
        } catch {
            return nil
        }
        guard path != "-", Self.isRegularFile(path) else { return nil }
        return try Self.readPrevious(path)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Reads an earlier drawing from a path or git:REV:PATH; a clear error (exit 66)
    /// when it cannot be read or is not a relgraph SVG.
    static func readPrevious(_ argument: String) throws -> PreviousDrawing {
        let data: Data
        if let (revision, path) = GitRevisionFile.parse(argument) {
            do {
                data = Data(try GitRevisionFile.show(revision: revision, path: path, input: argument, maxBytes: previousDrawingLimit))
            } catch {
                Terminal.error("relgraph: error: --layout-from \(argument): \(error)")
                throw ExitCode(ExitStatus.noInput)
            }
        } else {
            guard isRegularFile(argument), let bytes = FileManager.default.contents(atPath: argument) else {
                Terminal.error("relgraph: error: --layout-from \(argument): no such file (give the SVG of an earlier render, or git:REV:PATH)")
                throw ExitCode(ExitStatus.noInput)
            }
            guard bytes.count <= previousDrawingLimit else {
                Terminal.error("relgraph: error: --layout-from \(argument): \(bytes.count) bytes is over the limit of \(previousDrawingLimit)")
                throw ExitCode(ExitStatus.noInput)
            }
            data = bytes
        }
        do {
            return try PreviousDrawing(svg: data)
        } catch {
            Terminal.error("relgraph: error: --layout-from \(argument): \(error) (give an SVG relgraph wrote)")
            throw ExitCode(ExitStatus.noInput)
        }
    }
}
