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

    @Test("a transaction whose second rename fails puts the first file back: all or nothing")
    func transactionRollsBack() throws {
        let folder = try TestPaths.temporaryDirectory("atomic-transaction")
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.svg").path, b = folder.appendingPathComponent("b.svg").path
        try Data("old a".utf8).write(to: URL(fileURLWithPath: a))
        let transaction = AtomicFile.Transaction()
        try transaction.add(Data("new a".utf8), to: a)
        try transaction.add(Data("new b".utf8), to: b)
        // b.svg becomes a folder after it was staged: its rename fails (EISDIR).
        try FileManager.default.createDirectory(atPath: b, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: b + "/inside", withIntermediateDirectories: false)
        #expect(throws: AtomicFile.WriteError.self) { try transaction.commit() }
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.svg", "b.svg"])
        // Only this test's folder: tests running beside it in this process have their
        // own temporary files in flight.
        #expect(TemporaryFiles.current.filter { $0.hasPrefix(folder.path + "/") }.isEmpty)
    }

    @Test("a transaction that fails before renaming leaves new files unmade and old ones as they were")
    func transactionCreatesNothing() throws {
        let folder = try TestPaths.temporaryDirectory("atomic-transaction-new")
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.svg").path
        let directory = folder.appendingPathComponent("r.md").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write(all: [(a, Data("a".utf8)), (directory, Data("report".utf8))])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.md"])
    }

    @Test("temporary file names: .NAME.tmp-PID-RAND and nothing else", arguments: [
        (".net.svg.tmp-123-456", Int32(123)), (".a.tmp-1-2", 1), ("net.svg.tmp-1-2", nil), (".tmp-1-2", nil),
        (".net.svg.tmp-x-2", nil), (".net.svg.tmp-1-", nil), (".net.svg.tmp-1-2-3", nil), (".net.svg", nil),
    ] as [(String, Int32?)])
    func temporaryNames(name: String, pid: Int32?) {
        #expect(TemporaryFiles.writer(ofTemporary: name) == pid)
    }

    @Test("stale temporary files of a process that is gone are removed; a live one's, a folder and other files stay")
    func staleTemporaryFiles() throws {
        let folder = try TestPaths.temporaryDirectory("atomic-stale")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ended = try ProcessRunner.start(URL(fileURLWithPath: "/bin/true"), [])
        _ = ended.wait()
        let dead = ended.pid
        let names = [".a.svg.tmp-\(dead)-1", ".b.svg.tmp-\(getpid())-2", ".c.svg", "d.svg.tmp-\(dead)-3"]
        for name in names { try Data().write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".e.tmp-\(dead)-4"), withIntermediateDirectories: false)
        let removed = TemporaryFiles.removeStale(in: folder.path)
        #expect(removed == [folder.appendingPathComponent(".a.svg.tmp-\(dead)-1").path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == [".b.svg.tmp-\(getpid())-2", ".c.svg", ".e.tmp-\(dead)-4", "d.svg.tmp-\(dead)-3"])
    }
}
