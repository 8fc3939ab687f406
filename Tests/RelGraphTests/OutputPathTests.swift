import Foundation
import Testing
import RelGraph
import RelGraphTestSupport

@Suite("output paths: names from documents, manifests and flags stay inside the output folder")
struct OutputPathTests {
    @Test("usual names are unchanged; other bytes are %XX; a leading dot is %2E", arguments: [
        ("iskp-ties", "iskp-ties"),
        ("group_1.v2@x+y=z,w", "group_1.v2@x+y=z,w"),
        ("x/../../../pwned", "x%2F..%2F..%2F..%2Fpwned"),
        ("/etc/passwd", "%2Fetc%2Fpasswd"),
        ("..", "%2E."),
        (".", "%2E"),
        (".hidden", "%2Ehidden"),
        ("a:b", "a%3Ab"),
        ("100%", "100%25"),
        ("nul\u{0}byte", "nul%00byte"),
        ("line\nbreak", "line%0Abreak"),
        ("Türkiye", "T%C3%BCrkiye"),
        ("a b", "a%20b"),
        ("back\\slash", "back%5Cslash"),
    ])
    func fileComponent(name: String, expected: String) throws {
        let component = try OutputFolder.fileComponent(name)
        #expect(component == expected)
        #expect(!component.contains("/") && component != "." && component != ".." && !component.hasPrefix("."))
    }

    @Test("an empty name and one too long for a file system are errors that say so")
    func emptyAndLong() throws {
        #expect(throws: OutputPathError.self) { try OutputFolder.fileComponent("") }
        let long = String(repeating: "v", count: 300)
        #expect { try OutputFolder.fileComponent(long) } throws: { error in
            "\(error)".contains("at most 255") && "\(error)".contains("use a shorter name")
        }
        #expect(throws: OutputPathError.self) { try OutputFolder.fileName(stem: "net", view: String(repeating: "v", count: 250), fileExtension: "svg") }
        #expect(try OutputFolder.fileComponent(String(repeating: "v", count: 255)).utf8.count == 255)
    }

    @Test("output names: STEM.EXT for a network, STEM.VIEW.EXT for a view")
    func fileNames() throws {
        #expect(try OutputFolder.fileName(stem: "net", view: nil, fileExtension: "svg") == "net.svg")
        #expect(try OutputFolder.fileName(stem: "net", view: "iskp-ties", fileExtension: "dot") == "net.iskp-ties.dot")
        #expect(try OutputFolder.fileName(stem: "net", view: "a/b", fileExtension: "svg") == "net.a%2Fb.svg")
        #expect(throws: OutputPathError.self) { try OutputFolder.fileName(stem: "../net", view: nil, fileExtension: "svg") }
        #expect(throws: OutputPathError.self) { try OutputFolder.fileName(stem: "", view: nil, fileExtension: "svg") }
    }

    @Test("relative paths from a manifest: hostile ones are refused with the reason", arguments: [
        ("../victim.txt", "would lead out"),
        ("sub/../../victim.txt", "would lead out"),
        ("/etc/passwd", "absolute path"),
        ("./net.svg", "would lead out"),
        ("", "empty"),
        ("sub//net.svg", "empty step"),
        ("net.svg/", "empty step"),
        ("nul\u{0}.svg", "NUL"),
        (String(repeating: "n", count: 256) + ".svg", "at most 255"),
    ])
    func hostileRelativePaths(relative: String, reason: String) {
        #expect { try OutputFolder("/tmp/out").path(of: relative) } throws: { error in
            (error as? OutputPathError)?.reason.contains(reason) == true
        }
    }

    @Test("a relative path inside the folder is joined to it")
    func insidePaths() throws {
        let folder = OutputFolder("/tmp/out")
        #expect(try folder.path(of: "net.svg") == "/tmp/out/net.svg")
        #expect(try folder.path(of: "sub/net.x%2F..%2Fy.svg") == "/tmp/out/sub/net.x%2F..%2Fy.svg")
        #expect(try folder.path(of: "a..b.svg") == "/tmp/out/a..b.svg")
    }

    @Test("a symbolic link inside the folder is never followed out of it")
    func symbolicLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-outputpath-\(UUID().uuidString)")
        let out = root.appendingPathComponent("out"), elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("link"), withDestinationURL: elsewhere)
        #expect { try OutputFolder(out.path).path(of: "link/victim.txt") } throws: { error in
            "\(error)".contains("is a symbolic link")
        }
        #expect(try OutputFolder(out.path).path(of: "link.svg") == out.path + "/link.svg")
        // The last step too: a link named like an output is never replaced or followed.
        #expect { try OutputFolder(out.path).path(of: "link") } throws: { error in "\(error)".contains("is a symbolic link") }
    }

    @Test("only regular files relgraph recorded, still holding the recorded bytes, are deleted")
    func removeRecorded() throws {
        let root = try TestPaths.temporaryDirectory("outputpath-remove")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = OutputFolder(root.path)
        let written = Data("<svg/>".utf8)
        try written.write(to: root.appendingPathComponent("old.svg"))
        try Data("changed".utf8).write(to: root.appendingPathComponent("edited.svg"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub/keep"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.svg").path, withDestinationPath: "old.svg")
        let hash = "sha256:" + SHA256Hasher.hex(written)
        let removal = folder.removeRecorded(["old.svg": hash, "edited.svg": hash, "sub": hash, "link.svg": hash,
                                             "../x.svg": hash, "gone.svg": hash])
        #expect(removal.removed == [root.path + "/old.svg"])
        #expect(removal.refused.map(\.name).sorted() == ["../x.svg", "edited.svg", "link.svg", "sub"])
        #expect(removal.refused.first { $0.name == "sub" }?.reason.contains("is a folder") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["edited.svg", "link.svg", "sub"])
    }

    @Test("names that differ only by case are found (one file on macOS and Windows)")
    func caseCollisions() throws {
        #expect(OutputFolder.caseCollision(in: ["net.Ties.svg", "net.svg", "net.ties.svg"]).map { [$0.0, $0.1] } == ["net.Ties.svg", "net.ties.svg"])
        #expect(OutputFolder.caseCollision(in: ["a.svg", "b.svg", "a.svg"]) == nil)
    }
}
