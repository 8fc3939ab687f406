import Foundation
import Testing
import RelGraphTestSupport

/// A directory with two networks (one in a subdirectory), a JSON file that is
/// not a network, and a hidden file.
private func batchDirectory() throws -> (root: URL, input: URL, out: URL) {
    let root = try temporaryDirectory()
    let input = root.appendingPathComponent("graphs")
    try FileManager.default.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try smallNetworkYAML.write(to: input.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
    try datedNetworkYAML.replacingOccurrences(of: "\n  dated: {as_of: 2020}", with: "")
        .write(to: input.appendingPathComponent("sub/dated.yaml"), atomically: true, encoding: .utf8)
    try "{\"name\": \"not a network\"}\n".write(to: input.appendingPathComponent("package.json"), atomically: true, encoding: .utf8)
    try smallNetworkYAML.write(to: input.appendingPathComponent(".hidden.yaml"), atomically: true, encoding: .utf8)
    return (root, input, root.appendingPathComponent("out"))
}

/// Every file under `directory` (relative path → bytes).
private func snapshot(_ directory: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [:] }
    for case let url as URL in enumerator where !url.hasDirectoryPath {
        let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
        if let data = FileManager.default.contents(atPath: url.path), !relative.hasSuffix("/") { files[relative] = data }
    }
    return files
}

private let expectedOutputs = [
    ".relgraph-manifest.json", "index.html",
    "net.early.svg", "net.iskp-ties.svg", "net.places.svg", "net.svg",
    "sub/dated.mid-ties.svg", "sub/dated.svg",
]

@Suite("relgraph render DIR: batch")
struct BatchRenderTests {
    @Test("renders every network and every view, skips what is not a network, writes a manifest and a gallery")
    func rendersEverything() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try relgraph(["render", input.path, "--out-dir", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = snapshot(out)
        #expect(files.keys.sorted() == expectedOutputs)
        // Plain progress lines when standard error is not a terminal.
        #expect(run.stderr.contains("[1/6] drew "))
        #expect(run.stderr.contains("[6/6] drew "))
        #expect(run.stderr.contains("rendered 6 diagrams of 2 files in "))
        // Each output is what `relgraph render FILE` writes on its own.
        let single = root.appendingPathComponent("single")
        #expect(try relgraph(["render", input.appendingPathComponent("net.yaml").path, "--view", "places", "--out-dir", single.path]).status == 0)
        #expect(FileManager.default.contents(atPath: single.appendingPathComponent("net.places.svg").path) == files["net.places.svg"])

        let gallery = String(decoding: files["index.html"]!, as: UTF8.self)
        for output in expectedOutputs where output.hasSuffix(".svg") {
            #expect(gallery.contains("<img src=\"./\(output)\""), "\(output)")
        }
        #expect(gallery.contains("<div class=\"title\">ISKP&#39;s ties</div>"))
        #expect(gallery.contains("View iskp-ties: focus ISKP, depth 1"))
        #expect(gallery.contains("<span class=\"file\">sub/dated.yaml</span>"))
        #expect(!gallery.contains("package.json") && !gallery.contains("hidden"))
        #expect(!gallery.lowercased().contains("<script"))

        let manifest = try #require(try JSONSerialization.jsonObject(with: files[".relgraph-manifest.json"]!) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [String: [String: Any]])
        #expect(inputs.keys.sorted() == ["net.yaml", "sub/dated.yaml"])
        let outputs = try #require(inputs["net.yaml"]?["outputs"] as? [String: String])
        #expect(outputs.keys.sorted() == ["net.early.svg", "net.iskp-ties.svg", "net.places.svg", "net.svg"])
        #expect(outputs.values.allSatisfy { $0.hasPrefix("sha256:") && $0.count == 71 })
        let text = String(decoding: files[".relgraph-manifest.json"]!, as: UTF8.self)
        #expect(text.range(of: "\"generator\"")!.lowerBound < text.range(of: "\"inputs\"")!.lowerBound)
    }

    @Test("a second run skips unchanged inputs; a changed input, an edited or a missing output are drawn again")
    func skipsUnchanged() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try relgraph(["render", input.path, "--out-dir", out.path]).status == 0)
        let first = snapshot(out)

        let again = try relgraph(["render", input.path, "--out-dir", out.path])
        #expect(again.status == 0)
        #expect(again.stderr.contains("skipped 2 unchanged files"))
        #expect(!again.stderr.contains("drew"))
        #expect(snapshot(out) == first)

        try (datedNetworkYAML + "# a comment\n").write(to: input.appendingPathComponent("sub/dated.yaml"), atomically: true, encoding: .utf8)
        let changed = try relgraph(["render", input.path, "--out-dir", out.path])
        #expect(changed.status == 0)
        #expect(changed.stderr.contains("skipped 1 unchanged file"))
        #expect(changed.stderr.contains("[1/3] drew "))  // dated.yaml now has a third view, `dated`
        #expect(!changed.stderr.contains("net.yaml"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub/dated.dated.svg").path))

        try FileManager.default.removeItem(at: out.appendingPathComponent("net.svg"))
        try "<svg/>".write(to: out.appendingPathComponent("net.early.svg"), atomically: true, encoding: .utf8)
        let repaired = try relgraph(["render", input.path, "--out-dir", out.path])
        #expect(repaired.stderr.contains("[4/4] drew "))
        #expect(snapshot(out)["net.svg"] == first["net.svg"] && snapshot(out)["net.early.svg"] == first["net.early.svg"])

        // Other options are other outputs: the hash covers them.
        let dark = try relgraph(["render", input.path, "--out-dir", out.path, "--theme", "dark"])
        #expect(dark.stderr.contains("rendered 7 diagrams of 2 files"))
    }

    @Test("a view removed from a file takes its outputs with it")
    func removedView() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try relgraph(["render", input.path, "--out-dir", out.path]).status == 0)
        try smallNetworkYAML.replacingOccurrences(of: "  early: {title: Early days, as_of: 2015-06}\n", with: "")
            .write(to: input.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
        let run = try relgraph(["render", input.path, "--out-dir", out.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("removed \(out.path)/net.early.svg"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("net.early.svg").path))
        #expect(!String(decoding: snapshot(out)["index.html"]!, as: UTF8.self).contains("net.early.svg"))
    }

    @Test("--check exits 0 when everything is current, 1 naming stale files; it writes nothing")
    func check() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = try relgraph(["render", input.path, "--out-dir", out.path, "--check"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("stale: \(out.path)/net.svg (missing)"))
        #expect(missing.stdout.contains("stale: \(out.path)/index.html (missing)"))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        #expect(try relgraph(["render", input.path, "--out-dir", out.path]).status == 0)
        let before = snapshot(out)
        let current = try relgraph(["render", input.path, "--out-dir", out.path, "--check"])
        #expect(current.status == 0, "\(current.stdout)\(current.stderr)")
        #expect(current.stdout.isEmpty)
        #expect(current.stderr.contains("relgraph: all 7 outputs in \(out.path) are current"))

        try smallNetworkYAML.replacingOccurrences(of: "name: ISKP,", with: "name: ISKP (Khorasan),")
            .write(to: input.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
        let stale = try relgraph(["render", input.path, "--out-dir", out.path, "--check", "--jobs", "2"])
        #expect(stale.status == 1)
        let lines = stale.stdout.split(separator: "\n").map(String.init).sorted()
        // The gallery too: it quotes the view summary, which names ISKP.
        #expect(lines == ["stale: \(out.path)/index.html (differs)",
                          "stale: \(out.path)/net.early.svg (differs)", "stale: \(out.path)/net.iskp-ties.svg (differs)",
                          "stale: \(out.path)/net.places.svg (differs)", "stale: \(out.path)/net.svg (differs)"])
        #expect(snapshot(out) == before)
    }

    @Test("--jobs 1 and --jobs 2 give the same bytes")
    func jobsAgree() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let other = root.appendingPathComponent("out2")
        #expect(try relgraph(["render", input.path, "--out-dir", out.path, "--jobs", "1"]).status == 0)
        #expect(try relgraph(["render", input.path, "--out-dir", other.path, "--jobs", "2"]).status == 0)
        var a = snapshot(out), b = snapshot(other)
        #expect(a.keys.sorted() == b.keys.sorted())
        a[".relgraph-manifest.json"] = nil; b[".relgraph-manifest.json"] = nil
        #expect(a == b)
    }

    @Test("an invalid network fails with its diagnostics (exit 65); the others are still drawn")
    func invalidInput() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try "entities:\n  - {id: a, kind: gruop, name: A}\n".write(to: input.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let run = try relgraph(["render", input.path, "--out-dir", out.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("broken.yaml:2:19: error: [unknown-kind]"))
        #expect(run.stderr.contains("relgraph: error: \(input.path)/broken.yaml: invalid: 1 error"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("net.svg").path))
        let gallery = String(decoding: snapshot(out)["index.html"]!, as: UTF8.self)
        #expect(gallery.contains("Not drawn: invalid: 1 error"))
    }

    @Test("bad usage with a directory exits 64")
    func usage() throws {
        let (root, input, out) = try batchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cases: [([String], String)] = [
            ([input.path], "rendering the directory \(input.path) needs --out-dir DIR"),
            ([input.path, "-o", out.path], "a directory is rendered with --out-dir DIR, not -o"),
            ([input.path, "--out-dir", out.path, "--view", "early"], "--view picks a view of one file"),
            ([input.path, "--out-dir", out.path, "--jobs", "0"], "--jobs must be 1 or more"),
            ([input.appendingPathComponent("net.yaml").path, "--jobs", "2"], "--jobs applies when INPUT is a directory"),
            ([root.appendingPathComponent("empty").path, "--out-dir", out.path], ""),
        ]
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        for (arguments, message) in cases.dropLast() {
            let run = try relgraph(["render"] + arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        let empty = try relgraph(["render", root.appendingPathComponent("empty").path, "--out-dir", out.path])
        #expect(empty.status == 66)
        #expect(empty.stderr.contains("holds no network files"))
    }

    @Test("render FILE --check compares one file's outputs")
    func singleFileCheck() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("net.svg")
        let missing = try relgraph(["render", file.path, "--check"])
        #expect(missing.status == 1)
        #expect(missing.stdout == "stale: \(out.path) (missing)\n")
        #expect(try relgraph(["render", file.path]).status == 0)
        let current = try relgraph(["render", file.path, "--check"])
        #expect(current.status == 0)
        #expect(current.stderr.contains("relgraph: all 1 output is current"))
        try "<svg/>".write(to: out, atomically: true, encoding: .utf8)
        let stale = try relgraph(["render", file.path, "--check", "--format", "svg,dot", "--out-dir", dir.path])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("stale: \(out.path) (differs)"))
        #expect(stale.stdout.contains("stale: \(dir.path)/net.dot (missing)"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "<svg/>")
    }
}

@Suite("relgraph render DIR: progress on a terminal")
struct BatchProgressTests {
    @Test("on a terminal the progress is a bar redrawn in place (run under script(1))",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) at /usr/bin/script"))
    func bar() throws {
        let (dir, file) = try smallNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = file
        let out = dir.appendingPathComponent("out")
        let binary = try relgraphBinaryPath()
        let script = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/script"),
                                           ["-qec", "'\(binary)' render '\(dir.path)' --out-dir '\(out.path)'", "/dev/null"])
        let text = script.stdout + script.stderr
        #expect(script.status == 0, "\(text)")
        #expect(text.contains("\r\u{1B}[2K[████████████████████████] 4/4"))
        #expect(!text.contains("[1/4] drew"))
        #expect(text.contains("rendered 4 diagrams of 1 file"))
    }
}
