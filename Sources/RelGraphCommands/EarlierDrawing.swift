import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing
import RelGraphviz

/// The earlier drawing `--layout-from` names (`render`, `report`, `diff`), read
/// from a file or `git:REV:PATH`.
enum EarlierDrawing {
    /// The largest earlier drawing read, in bytes.
    static let limit = 512 << 20

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Reads an earlier drawing from a path or git:REV:PATH; a clear error (exit 66)
    /// when it cannot be read or is not a relgraph SVG.
    static func read(_ argument: String) throws -> PreviousDrawing {
        let data: Data
        if let (revision, path) = GitRevisionFile.parse(argument) {
            do {
                data = Data(try GitRevisionFile.show(revision: revision, path: path, input: argument, maxBytes: limit))
            } catch {
                Terminal.error("relgraph: error: --layout-from \(argument): \(error)")
                throw ExitCode(ExitStatus.noInput)
            }
        } else {
            guard isRegularFile(argument), let bytes = FileManager.default.contents(atPath: argument) else {
                Terminal.error("relgraph: error: --layout-from \(argument): no such file (give the SVG of an earlier render, or git:REV:PATH)")
                throw ExitCode(ExitStatus.noInput)
            }
            guard bytes.count <= limit else {
                Terminal.error("relgraph: error: --layout-from \(argument): \(bytes.count) bytes is over the limit of \(limit)")
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
