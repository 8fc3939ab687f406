import Foundation
import Testing
import RelGraphTestSupport

/// A network whose view names try to leave the output folder.
private let hostileViewsYAML = TestFixtures.twoEntities(title: "Hostile", views: ["x/../../../pwned: {focus: [a]}", "plain: {focus: [b]}"])

/// `ROOT/a/b/c/net.yaml` holding the hostile views, three folders down so an
/// escape has somewhere to go; removed by the caller.
private func hostileNetworkDeepDown() throws -> (root: URL, deep: URL, file: URL) {
    let root = try temporaryDirectory()
    let deep = root.appendingPathComponent("a/b/c")
    try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
    let file = deep.appendingPathComponent("net.yaml")
    try hostileViewsYAML.write(to: file, atomically: true, encoding: .utf8)
    return (root, deep, file)
}

/// Every file under `directory`, as paths relative to it, sorted.
private func files(under directory: URL) -> [String] {
    let base = directory.standardizedFileURL.path
    let enumerator = FileManager.default.enumerator(atPath: base)
    var found: [String] = []
    while let next = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: base + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue { found.append(next) }
    }
    return found.sorted()
}

@Suite("nothing escapes the output folder")
struct OutputFolderCLITests {
    @Test("a view named x/../../../pwned is written inside --out-dir, its name encoded (render --all-views)")
    func hostileViewNameStaysInside() throws {
        let (root, deep, file) = try hostileNetworkDeepDown()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = deep.appendingPathComponent("OUT")
        let run = try relgraph(["render", file.path, "--all-views", "--out-dir", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(files(under: root) == ["a/b/c/OUT/net.plain.svg", "a/b/c/OUT/net.x%2F..%2F..%2F..%2Fpwned.svg", "a/b/c/net.yaml"])
    }

    @Test("a view's name is encoded in every naming: -o BASE with several formats, next to the input, batch")
    func hostileViewNameEverywhere() throws {
        let (root, deep, file) = try hostileNetworkDeepDown()
        defer { try? FileManager.default.removeItem(at: root) }
        let base = try relgraph(["render", file.path, "--view", "x/../../../pwned", "--format", "svg,dot", "-o", deep.appendingPathComponent("o/net").path])
        #expect(base.status == 0, "\(base.stderr)")
        let beside = try relgraph(["render", file.path, "--all-views", "--format", "dot"])
        #expect(beside.status == 0, "\(beside.stderr)")
        let batch = try relgraph(["render", deep.path, "--out-dir", deep.appendingPathComponent("batch").path, "--format", "dot", "-q"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(files(under: root).allSatisfy { $0.hasPrefix("a/b/c/") }, "\(files(under: root))")
        #expect(files(under: root).contains("a/b/c/o/net.x%2F..%2F..%2F..%2Fpwned.svg"))
        #expect(files(under: root).contains("a/b/c/net.x%2F..%2F..%2F..%2Fpwned.dot"))
        #expect(files(under: root).contains("a/b/c/batch/net.x%2F..%2F..%2F..%2Fpwned.dot"))
    }

    @Test("views whose names differ only by case are refused: they would be one file on macOS and Windows")
    func caseOnlyViewNames() throws {
        let yaml = hostileViewsYAML.replacingOccurrences(of: "  x/../../../pwned: {focus: [a]}\n", with: "  Plain: {focus: [a]}\n")
        let (dir, file) = try smallNetwork(yaml)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("OUT")
        let run = try relgraph(["render", file.path, "--all-views", "--out-dir", out.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("differ only by case"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
    }

    @Test("a batch manifest entry ../victim.txt (or absolute, or through ..) is left alone, with a warning")
    func manifestCannotDelete() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("in"), out = root.appendingPathComponent("OUT")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try smallNetworkYAML.write(to: input.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
        let first = try relgraph(["render", input.path, "--out-dir", out.path, "--format", "dot", "-q", "--jobs", "1"])
        #expect(first.status == 0, "\(first.stderr)")

        let victim = root.appendingPathComponent("victim.txt")
        try "keep me\n".write(to: victim, atomically: true, encoding: .utf8)
        let manifestURL = out.appendingPathComponent(".relgraph-manifest.json")
        var manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var inputs = try #require(manifest["inputs"] as? [String: Any])
        inputs["gone.yaml"] = ["hash": "sha256:0", "outputs": ["../victim.txt": "", victim.path: "", "sub/../../victim.txt": ""]]
        manifest["inputs"] = inputs
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)

        let second = try relgraph(["render", input.path, "--out-dir", out.path, "--format", "dot", "--jobs", "1"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
        #expect(!second.stderr.contains("removed"), "\(second.stderr)")
        #expect(second.stderr.contains("lists '../victim.txt', left alone: '..' would lead out of the output folder"), "\(second.stderr)")
        #expect(second.stderr.contains("it is an absolute path"))

        // Issue 28: a hostile manifest listing thousands is summed up after the first 20.
        manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        inputs = try #require(manifest["inputs"] as? [String: Any])
        inputs["many.yaml"] = ["hash": "sha256:0", "outputs": Dictionary(uniqueKeysWithValues: (0..<30).map { ("../x\($0)", "") })]
        manifest["inputs"] = inputs
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let third = try relgraph(["render", input.path, "--out-dir", out.path, "--format", "dot", "--jobs", "1"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.components(separatedBy: "left alone: '..'").count == 21, "\(third.stderr)")
        #expect(third.stderr.contains(".relgraph-manifest.json: 10 more entries left alone"), "\(third.stderr)")
    }
}
