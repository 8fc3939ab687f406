import Foundation
import RelGraph
import RelGraphTestSupport
import Testing

/// ``AtomicFile``: a target is replaced whole or not at all, and never when it is
/// not a regular file.
@Suite("AtomicFile")
struct AtomicFileTests {
    @Test("writes a new file and replaces an old one whole, leaving no temporary file")
    func replaces() throws {
        let folder = try TestPaths.temporaryDirectory("atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.svg").path
        try AtomicFile.write(Data("first".utf8), to: path)
        try AtomicFile.write(Data("second".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.svg"])
    }

    @Test("a pipe, a directory or a link to a pipe is refused and left as it was")
    func refusesWhatIsNotAFile() throws {
        let folder = try TestPaths.temporaryDirectory("atomic-special")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = folder.appendingPathComponent("link.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
        let directory = folder.appendingPathComponent("dir.svg").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)

        for (path, reason) in [(fifo, "not a regular file"), (link, "not a regular file"), (directory, "it is a directory")] {
            let error = #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(Data("x".utf8), to: path) }
            #expect(error?.description.contains(reason) == true, "\(path): \(String(describing: error))")
        }
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat(directory, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["dir.svg", "link.svg", "pipe"])
    }
}
