import Foundation
import Testing
import RelGraphTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Faults around `relgraph render`: killed mid-write, a full disk, a read-only
/// folder, Graphviz trouble. The old output must survive every failure.
@Suite("faults (CLI)", .serialized)
struct FaultTests {
    /// A generated network big enough that writing its DOT takes a while.
    func bigInput(in dir: URL, relgraph: String, entities: Int = 3000) throws -> String {
        let input = dir.appendingPathComponent("net.json").path
        let generated = try run(relgraph, ["generate", "--entities", "\(entities)", "--seed", "2", "-o", input, "-q"])
        #expect(generated.status == 0, "\(generated.stderr)")
        return input
    }

    func otherFiles(in dir: URL, keeping: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !keeping.contains($0) }.sorted()
    }

    @Test("SIGKILL at random moments leaves either the old output or the complete new one")
    func killedMidWrite() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try bigInput(in: dir, relgraph: relgraph)
        let expectedPath = dir.appendingPathComponent("expected.dot").path
        let started = Date()
        #expect(try run(relgraph, ["render", input, "--format", "dot", "-o", expectedPath, "-q"]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let expected = try Data(contentsOf: URL(fileURLWithPath: expectedPath))
        let old = Data("digraph old { a -> b }\n".utf8)
        let output = dir.appendingPathComponent("out.dot")
        var outcomes: [String] = []
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<12 {
            try old.write(to: output)
            let process = try ProcessRunner.start(URL(fileURLWithPath: relgraph), ["render", input, "--format", "dot", "-o", output.path, "-q"])
            // Spread the kills over the whole run, the last ones near its end (the write).
            let fraction = attempt < 6 ? Double.random(in: 0...1, using: &random) : Double.random(in: 0.9...1.6, using: &random)
            usleep(UInt32(duration * fraction * 1_000_000))
            process.signal(SIGKILL)
            _ = process.wait()
            let now = try Data(contentsOf: output)
            #expect(now == old || now == expected, "attempt \(attempt): \(now.count) bytes, neither old (\(old.count)) nor new (\(expected.count))")
            outcomes.append(now == old ? "old" : "new")
        }
        print("killed relgraph render 12 times over \(String(format: "%.1f", duration)) s runs: outputs \(outcomes.joined(separator: " "))")
    }

    @Test("a full disk (write fails with EFBIG) gives exit 73, a clear error, the old file untouched, no temporary file")
    func fullDisk() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("full")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try bigInput(in: dir, relgraph: relgraph, entities: 500)
        let output = dir.appendingPathComponent("out.dot")
        let old = Data("old\n".utf8)
        try old.write(to: output)
        // RLIMIT_FSIZE of 16 blocks, SIGXFSZ ignored: write() fails with EFBIG as on a full disk.
        let result = try run("/bin/sh", ["-c", "ulimit -f 16 && trap '' XFSZ && exec \"$0\" \"$@\"",
                                         relgraph, "render", input, "--format", "dot", "-o", output.path])
        #expect(result.status == 73, "status \(result.status), signal \(String(describing: result.signal)): \(result.stderr)")
        #expect(result.stderr.contains("cannot write \(output.path)"), "\(result.stderr)")
        #expect(try Data(contentsOf: output) == old)
        #expect(otherFiles(in: dir, keeping: ["net.json", "out.dot"]).isEmpty)
    }

    @Test("a read-only output folder gives exit 73 and a clear error, the old file untouched")
    func readOnlyFolder() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("readonly")
        defer {
            chmod(dir.appendingPathComponent("out").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        chmod(dir.path, 0o755)
        let input = try bigInput(in: dir, relgraph: relgraph, entities: 50)
        chmod(input, 0o644)
        let folder = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("net.dot")
        try Data("old\n".utf8).write(to: output)
        chmod(output.path, 0o644)
        chmod(folder.path, 0o555)
        // Root ignores permission bits: run as nobody then.
        let arguments = ["render", input, "--format", "dot", "-o", output.path]
        let result = getuid() == 0
            ? try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", relgraph] + arguments)
            : try run(relgraph, arguments)
        #expect(result.status == 73, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("permission denied"), "\(result.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
        #expect(otherFiles(in: folder, keeping: ["net.dot"]).isEmpty)
    }

    /// Regression: a 16,000-character relation type label (or title) reached the
    /// legend's HTML table and aborted Graphviz 2.42 (`htmltable.c:1761 pos_html_tbl:
    /// Assertion delx >= 0`). Labels and titles are now cut (DiagramOptions).
    @Test("an edge label or title wider than Graphviz's limits is drawn or reported, never a crash",
          arguments: ["label", "title"])
    func hugeLabel(_ which: String) throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("label")
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "W", count: 20_000)
        let label = which == "label" ? long : "huge"
        let yaml = """
        title: \(which == "title" ? long : "t")
        sources:
          s: {title: S}
        relation_types:
          huge: {label: "\(label)", from: [group], to: [group]}
        entities:
          - {id: a, kind: group, name: A}
          - {id: b, kind: group, name: B}
        relations:
          - {from: a, type: huge, to: b, claims: [{source: s}]}
          - {from: b, type: huge, to: a, claims: [{source: s}]}
        """
        let input = dir.appendingPathComponent("label.yaml")
        try yaml.write(to: input, atomically: true, encoding: .utf8)
        for format in ["svg", "png"] {
            let result = try run(relgraph, ["render", input.path, "--format", format, "-o", dir.appendingPathComponent("out.\(format)").path, "-q"])
            #expect(result.signal == nil, "\(format): killed by signal \(String(describing: result.signal))")
            #expect([0, 70].contains(result.status), "\(format): \(result.status) \(result.stderr)")
        }
    }
}

// MARK: - The fault battery of issue 28

/// The fifteen faults of issue 28's battery, each replayed as the issue reports
/// it, with the README's small example as `s.yaml`. `scripts/faults.sh` (`make
/// faults`) runs the whole battery, slow and root-only cases included.
extension FaultTests {
    /// A fresh folder holding the README's small example as `s.yaml`.
    func exampleFolder(_ name: String) throws -> (dir: URL, example: URL) {
        let dir = try temporaryDirectory(name)
        let example = dir.appendingPathComponent("s.yaml")
        try TestFixtures.readmeExample.write(to: example, atomically: true, encoding: .utf8)
        return (dir, example)
    }

    /// A fresh folder holding `in/NAME`, the README's small example under the name
    /// a case gives it (`sub/s.yaml`, `javascript:alert(1).yaml`).
    func exampleInput(_ name: String, as fileName: String) throws -> (dir: URL, input: URL) {
        let (dir, example) = try exampleFolder(name)
        let input = dir.appendingPathComponent("in")
        let file = input.appendingPathComponent(fileName)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: example, to: file)
        return (dir, input)
    }

    /// Every file and folder under `dir`, relative, with each file's bytes (folders: empty).
    func tree(_ dir: URL) -> [String: Data] {
        var found: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [:] }
        while let relative = walker.nextObject() as? String {
            let path = dir.appendingPathComponent(relative).path
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            found[relative] = status.st_mode & S_IFMT == S_IFREG ? (FileManager.default.contents(atPath: path) ?? Data()) : Data()
        }
        return found
    }

    /// Names of relgraph's temporary files (`.NAME.tmp-PID-RAND`) under `dir`.
    func temporaryFiles(in dir: URL) -> [String] {
        tree(dir).keys.filter { ($0 as NSString).lastPathComponent.contains(".tmp-") }.sorted()
    }

    @Test("1. a manifest entry naming a folder never deletes it (only regular files relgraph wrote and recorded)")
    func manifestNamesAFolder() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, input) = try exampleInput("f1", as: "sub/s.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try run(relgraph, ["render", input.path, "--out-dir", out.path, "-q"]).status == 0)
        // The user's files under out/sub, and a link and an edited output the manifest also lists.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("sub/notes"), withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: out.appendingPathComponent("sub/notes/keep.txt"))
        try Data("edited\n".utf8).write(to: out.appendingPathComponent("sub/old.svg"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("sub/link.svg").path, withDestinationPath: "old.svg")
        let manifestURL = out.appendingPathComponent(".relgraph-manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var inputs = try #require(manifest["inputs"] as? [String: [String: Any]])
        var outputs = try #require(inputs["sub/s.yaml"]?["outputs"] as? [String: String])
        outputs["sub"] = "sha256:0"
        outputs["sub/old.svg"] = "sha256:0"
        outputs["sub/link.svg"] = "sha256:0"
        inputs["sub/s.yaml"]?["outputs"] = outputs
        manifest["inputs"] = inputs
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)

        let result = try run(relgraph, ["render", input.path, "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("removed"), "\(result.stderr)")
        #expect(result.stderr.contains("lists 'sub', left alone: \(out.path)/sub is a folder"), "\(result.stderr)")
        #expect(result.stderr.contains("\(out.path)/sub/link.svg is a symbolic link"), "\(result.stderr)")
        #expect(result.stderr.contains("\(out.path)/sub/old.svg was changed since relgraph wrote it"), "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("sub/notes/keep.txt"), encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub/old.svg").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub/s.svg").path))
    }

    @Test("2. timeline: a folder named like a stale frame is left alone; recorded frames are removed")
    func timelineFolderNamedLikeAFrame() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, example) = try exampleFolder("f2")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tl")
        let notes = out.appendingPathComponent("frame-050-2050.svg/sub/notes.txt")
        try FileManager.default.createDirectory(at: notes.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: notes)
        let first = try run(relgraph, ["timeline", example.path, "--dates", "2015,2020,2025", "--out-dir", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "mine\n")
        #expect(first.stderr.contains("frame-050-2050.svg is named like a frame, but no relgraph timeline recorded writing it; left alone"), "\(first.stderr)")
        // A recorded frame the next run does not write goes; an edited one stays.
        try Data("edited\n".utf8).write(to: out.appendingPathComponent("frame-002-2020.svg"))
        let second = try run(relgraph, ["timeline", example.path, "--dates", "2015", "--out-dir", out.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("removed \(out.path)/frame-003-2025.svg"), "\(second.stderr)")
        #expect(second.stderr.contains("frame-002-2020.svg was changed since relgraph wrote it"), "\(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("frame-002-2020.svg").path))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "mine\n")
    }

    /// The commands of item 3, each with the exit status it must end with.
    static let outputIsAnInputCases: [([String], Int32)] = [
            (["render", "s.yaml", "-o", "s.yaml"], 73),
            (["render", "s.yaml", "-o", "link.yaml"], 73),
            (["render", "s.yaml", "--format", "dot", "-o", "./s.yaml"], 73),
            (["report", "s.yaml", "-o", "s.yaml"], 73),
            (["export", "stix", "s.yaml", "-o", "s.yaml"], 73),
            (["diff", "s.yaml", "t.yaml", "-o", "s.yaml"], 2),
            (["import", "stix", "b.json", "-o", "b.json"], 73),
            (["import", "csv", "--entities", "e.csv", "-o", "link.csv"], 73),
    ]

    @Test("3. an output that is one of the inputs is refused, whatever the command or the name (link, ./)",
          arguments: outputIsAnInputCases)
    func outputIsAnInput(_ arguments: [String], status: Int32) throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, example) = try exampleFolder("f3")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: example, to: dir.appendingPathComponent("t.yaml"))
        #expect(try run(relgraph, ["export", "stix", example.path, "-o", dir.appendingPathComponent("b.json").path, "-q"]).status == 0)
        try Data("id,kind,name\na,group,A\n".utf8).write(to: dir.appendingPathComponent("e.csv"))
        let linked = arguments.contains("e.csv") ? "e.csv" : "s.yaml"
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(arguments.contains("e.csv") ? "link.csv" : "link.yaml").path,
                                                   withDestinationPath: linked)
        let before = tree(dir)
        let absolute = arguments.map { ["s.yaml", "t.yaml", "b.json", "e.csv", "link.yaml", "link.csv", "./s.yaml"].contains($0) ? dir.path + "/" + $0 : $0 }
        let result = try run(relgraph, absolute)
        #expect(result.status == status, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("which relgraph never overwrites; name another output file"), "\(result.stderr)")
        #expect(tree(dir) == before, "\(arguments) changed the folder")
    }

    @Test("4a. a multi-format render that fails on a full disk writes none of its files")
    func multiFormatAllOrNothing() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, example) = try exampleFolder("f4")
        defer { try? FileManager.default.removeItem(at: dir) }
        let formats = ["svg", "dot", "png", "pdf"]
        for format in formats { try Data("old\n".utf8).write(to: dir.appendingPathComponent("multi.\(format)")) }
        // 30 blocks of 1 KiB: the SVG and DOT fit, the PNG does not.
        let result = try run("/bin/sh", ["-c", "ulimit -f 30 && exec \"$0\" \"$@\"", relgraph, "render", example.path,
                                         "--format", formats.joined(separator: ","), "-o", dir.appendingPathComponent("multi").path])
        #expect(result.status == 73, "\(result.status) \(String(describing: result.signal)) \(result.stderr)")
        #expect(result.stderr.contains("file too large"), "\(result.stderr)")
        for format in formats {
            #expect(try String(contentsOf: dir.appendingPathComponent("multi.\(format)"), encoding: .utf8) == "old\n", "multi.\(format) was replaced")
        }
        #expect(temporaryFiles(in: dir).isEmpty)
    }

    @Test("4b. report -o md2/r.md where r.md is a folder leaves r.svg as it was")
    func markdownReportAllOrNothing() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, example) = try exampleFolder("f4b")
        defer { try? FileManager.default.removeItem(at: dir) }
        let md2 = dir.appendingPathComponent("md2")
        try FileManager.default.createDirectory(at: md2.appendingPathComponent("r.md"), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: md2.appendingPathComponent("r.svg"))
        let result = try run(relgraph, ["report", example.path, "-o", md2.appendingPathComponent("r.md").path])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(try String(contentsOf: md2.appendingPathComponent("r.svg"), encoding: .utf8) == "old\n")
        #expect(temporaryFiles(in: dir).isEmpty)
    }

    @Test("5. a symbolic link below the output folder is never written through")
    func linkedSubfolder() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, input) = try exampleInput("f5", as: "sub/n.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), elsewhere = dir.appendingPathComponent("elsewhere")
        for folder in [out, elsewhere] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try Data("outside\n".utf8).write(to: elsewhere.appendingPathComponent("n.svg"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("sub").path, withDestinationPath: elsewhere.path)
        let result = try run(relgraph, ["render", input.path, "--out-dir", out.path])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("\(out.path)/sub is a symbolic link"), "\(result.stderr)")
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("n.svg"), encoding: .utf8) == "outside\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["n.svg"])
    }

    @Test("6. a file named javascript:alert(1).yaml gets a relative link in the gallery, never a script URL")
    func galleryLinkInjection() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, input) = try exampleInput("f6", as: "javascript:alert(1).yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let result = try run(relgraph, ["render", input.path, "--out-dir", out.path, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let links = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            + html.components(separatedBy: "src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(links.count == 3)  // the picture's link and source, and the SVG format's link
        for link in links {
            #expect(link == "./javascript%3Aalert%281%29.svg")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("javascript:alert(1).svg").path))
    }

    @Test("7. a FIFO named p.yaml in an input folder is skipped, never opened")
    func fifoInAFolder() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, input) = try exampleInput("f7", as: "s.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(input.appendingPathComponent("p.yaml").path, 0o644) == 0)
        let result = try run("/usr/bin/timeout", ["60", relgraph, "render", input.path, "--out-dir", dir.appendingPathComponent("out").path])
        #expect(result.status == 0, "status \(result.status) (124: it hung): \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/s.svg").path))
        #expect(!result.stderr.contains("p.yaml"), "\(result.stderr)")
    }

    @Test("8. serve DIR with a FIFO: requests for it are 404 and the server keeps answering")
    func serveFIFO() throws {
        let (dir, example) = try exampleFolder("f8")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(dir.appendingPathComponent("p.yaml").path, 0o644) == 0)
        let server = try ServeCommandTests.Server([dir.path])
        for _ in 0..<6 {
            #expect(try ServeCommandTests.get(server.port, "/?file=p.yaml").status == 404)
            #expect(try ServeCommandTests.get(server.port, "/diagram.svg?file=p.yaml").status == 404)
        }
        let page = try ServeCommandTests.get(server.port, "/")
        #expect(page.status == 200 && page.body.contains("s.yaml") && !page.body.contains("p.yaml"))
        #expect(try ServeCommandTests.get(server.port, "/diagram.svg?file=s.yaml").status == 200)
        _ = example
        #expect(server.interrupt().status == 0)
    }

    @Test("8b. serve FILE where FILE is a FIFO shows an error instead of blocking")
    func serveOneFIFO() throws {
        let dir = try temporaryDirectory("f8b")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("p.yaml")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let server = try ServeCommandTests.Server([fifo.path])
        let page = try ServeCommandTests.get(server.port, "/")
        #expect(page.status == 200 && page.body.contains("not a regular file"), "\(page.body.prefix(300))")
        #expect(try ServeCommandTests.get(server.port, "/version").status == 200)
        #expect(server.interrupt().status == 0)
    }

    @Test("10. ulimit -f: exit 73 'file too large', not death by SIGXFSZ")
    func fileSizeLimit() throws {
        let relgraph = try relgraphBinaryPath()
        let (dir, example) = try exampleFolder("f10")
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("net.png")
        try Data("old\n".utf8).write(to: output)
        let result = try run("/bin/sh", ["-c", "ulimit -f 4 && exec \"$0\" \"$@\"", relgraph, "render", example.path, "-o", output.path])
        #expect(result.signal == nil, "killed by signal \(String(describing: result.signal))")
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write \(output.path): file too large"), "\(result.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
        #expect(temporaryFiles(in: dir).isEmpty)
        // -o - redirected to a file past the limit: Foundation's FileHandle.write stopped
        // the process with a fatal error (SIGILL); now it is exit 73 with a message.
        let stdout = dir.appendingPathComponent("stdout.png").path
        let piped = try run("/bin/sh", ["-c", "ulimit -f 4 && exec \"$0\" \"$@\" > \"\(stdout)\"", relgraph, "render", example.path,
                                        "--format", "png", "-o", "-"])
        #expect(piped.signal == nil, "killed by signal \(String(describing: piped.signal)): \(piped.stderr.prefix(300))")
        #expect(piped.status == 73, "\(piped.stderr.prefix(300))")
        #expect(piped.stderr.contains("relgraph: error: cannot write standard output: file too large"), "\(piped.stderr.prefix(300))")
    }

    /// Starts `relgraph` with `arguments` and waits until a temporary file shows up in `folder`.
    func startWriting(_ relgraph: String, _ arguments: [String], into folder: URL) throws -> RunningProcess {
        let process = try ProcessRunner.start(URL(fileURLWithPath: relgraph), arguments)
        let deadline = Date().addingTimeInterval(60)
        while temporaryFiles(in: folder).isEmpty && process.isRunning && Date() < deadline { usleep(5_000) }
        return process
    }

    @Test("11. interrupted mid-write (SIGINT, SIGTERM, SIGHUP): no temporary file left; after SIGKILL the next run removes it",
          arguments: [SIGINT, SIGTERM, SIGHUP, SIGKILL])
    func interruptedMidWrite(_ signal: Int32) throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("f11")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try bigInput(in: dir, relgraph: relgraph)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: out.appendingPathComponent("net.dot"))
        let process = try startWriting(relgraph, ["render", input, "--format", "dot", "-o", out.appendingPathComponent("net.dot").path], into: out)
        #expect(process.isRunning, "the render ended before it could be interrupted")
        process.signal(signal)
        let ended = process.wait()
        #expect(ended.signal == signal, "ended with \(ended.signal.map { "signal \($0)" } ?? "exit \(ended.status)")")
        #expect(try String(contentsOf: out.appendingPathComponent("net.dot"), encoding: .utf8) == "old\n")
        if signal != SIGKILL {
            #expect(temporaryFiles(in: out).isEmpty)
            return
        }
        #expect(temporaryFiles(in: out).count == 1, "SIGKILL cannot be caught: the temporary file stays until the next run")
        // What the next run must leave: a live process's temporary file, and a folder named like one.
        let live = ".other.svg.tmp-\(getpid())-1"
        try Data().write(to: out.appendingPathComponent(live))
        let gone = try ProcessRunner.start(URL(fileURLWithPath: "/bin/true"), [])
        _ = gone.wait()
        let folderLikeATemporary = ".notes.tmp-\(gone.pid)-2"
        try FileManager.default.createDirectory(at: out.appendingPathComponent(folderLikeATemporary), withIntermediateDirectories: true)
        let (_, example) = try exampleFolder("f11-example")
        defer { try? FileManager.default.removeItem(at: example.deletingLastPathComponent()) }
        #expect(try run(relgraph, ["render", example.path, "-o", out.appendingPathComponent("s.svg").path, "-q"]).status == 0)
        #expect(temporaryFiles(in: out) == [folderLikeATemporary, live].sorted())
    }

    /// The processes whose parent is `pid` (from /proc).
    func children(of pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let child = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && pid_t(fields[1]) == pid ? child : nil
        }
    }

    @Test("12. SIGTERM to a batch render stops its children before it ends; nothing is written after")
    func batchTerminated() throws {
        let relgraph = try relgraphBinaryPath()
        let dir = try temporaryDirectory("f12")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let big = try bigInput(in: dir, relgraph: relgraph)
        for name in ["a", "b", "c", "d"] { try FileManager.default.copyItem(atPath: big, toPath: input.appendingPathComponent("\(name).json").path) }
        let batch = try ProcessRunner.start(URL(fileURLWithPath: relgraph), ["render", input.path, "--out-dir", out.path, "--format", "dot", "--jobs", "2"])
        var running: [pid_t] = []
        let deadline = Date().addingTimeInterval(120)
        while running.count < 2 && batch.isRunning && Date() < deadline {
            usleep(20_000)
            running = children(of: batch.pid)
        }
        #expect(running.count == 2, "the batch started \(running.count) children")
        batch.signal(SIGTERM)
        #expect(batch.wait().signal == SIGTERM)
        for child in running {
            #expect(kill(child, 0) != 0, "child \(child) outlived the batch")
        }
        let after = tree(out)
        usleep(1_000_000)
        #expect(tree(out) == after, "something was written into OUT after the batch ended")
        #expect(temporaryFiles(in: out).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".relgraph-manifest.json").path))
    }
}
