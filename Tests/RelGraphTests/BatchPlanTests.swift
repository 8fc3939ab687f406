import Foundation
import Testing
import RelGraphTestSupport
@testable import RelGraph

private let viewsYAML = TestFixtures.twoEntities(title: "With views", views: ["ties: {focus: [b]}", "a/b: {focus: [a]}"])

/// A directory with a network with two views, one in a subfolder, a JSON file
/// that is not a network and an invalid network; removed by the caller.
private func batchFolder() throws -> (root: URL, input: URL, out: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-batchplan-\(UUID().uuidString)")
    let input = root.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try viewsYAML.write(to: input.appendingPathComponent("net.yaml"), atomically: true, encoding: .utf8)
    try minimalYAML.write(to: input.appendingPathComponent("sub/small.yaml"), atomically: true, encoding: .utf8)
    try "{\"name\": \"not a network\"}\n".write(to: input.appendingPathComponent("package.json"), atomically: true, encoding: .utf8)
    try "entities:\n  - {id: x, kind: nonsense}\n".write(to: input.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
    return (root, input, root.appendingPathComponent("out"))
}

private func plan(_ input: URL, _ out: URL, options: [String] = ["--format", "svg"]) -> BatchPlan {
    BatchPlan(directory: input.path, outDirectory: out.path, fileExtensions: ["svg", "dot"], flags: ViewDefinition(),
              graphvizVersion: "test", options: options)
}

@Suite("batch plan: what a directory render draws, skips and deletes")
struct BatchPlanTests {
    @Test("every network, whole and through each view, named STEM[.VIEW].EXT under its subfolder; other files skipped")
    func plansEveryDiagram() throws {
        let (root, input, out) = try batchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = plan(input, out)
        #expect(plan.inputs.map(\.relativePath) == ["bad.yaml", "net.yaml", "sub/small.yaml"])
        #expect(plan.inputs[0].failure?.kind == .invalid)
        #expect(plan.diagnostics.contains { $0.isError })
        #expect(plan.allJobs.map(\.outputs) == [
            ["net.svg", "net.dot"], ["net.a%2Fb.svg", "net.a%2Fb.dot"], ["net.ties.svg", "net.ties.dot"],
            ["sub/small.svg", "sub/small.dot"],
        ])
        #expect(plan.allJobs.last?.outputDirectory == out.path + "/sub")
        #expect(plan.allJobs[2].label == input.path + "/net.yaml (view ties)")
        #expect(plan.allJobs[2].counts == "2 entities, 1 relation")
    }

    @Test("an input is current when its hash, its outputs and their bytes match the manifest")
    func upToDate() throws {
        let (root, input, out) = try batchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = plan(input, out)
        #expect(first.currentInputs(against: nil).isEmpty)
        for output in first.allJobs.flatMap(\.outputs) { try write("drawn \(output)", to: out.appendingPathComponent(output)) }
        let manifest = first.manifest(after: nil, current: [], failed: ["bad.yaml"])
        #expect(manifest.inputs.keys.sorted() == ["net.yaml", "sub/small.yaml"])
        #expect(first.currentInputs(against: manifest) == ["net.yaml", "sub/small.yaml"])
        #expect(first.jobsToDraw(current: ["net.yaml", "sub/small.yaml"]).isEmpty)

        try write("edited", to: out.appendingPathComponent("sub/small.svg"))
        #expect(first.currentInputs(against: manifest) == ["net.yaml"])
        let otherOptions = plan(input, out, options: ["--format", "svg", "--no-legend"])
        #expect(otherOptions.currentInputs(against: manifest).isEmpty, "other options draw everything again")
    }

    @Test("outputs nobody produces any more are deleted inside OUT; hostile manifest entries are refused")
    func staleOutputs() throws {
        let (root, input, out) = try batchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let victim = root.appendingPathComponent("victim.txt")
        try write("keep", to: victim)
        try write("old view", to: out.appendingPathComponent("net.removed.svg"))
        try write("edited view", to: out.appendingPathComponent("net.edited.svg"))
        let old = BatchManifest(generator: "relgraph test", inputs: [
            // Recorded with the hash of the bytes written: deleted; a wrong hash: the file changed, left.
            "net.yaml": .init(hash: "sha256:0", outputs: ["net.removed.svg": "sha256:" + SHA256Hasher.hex(Data("old view".utf8)), "net.svg": "",
                                                           "net.edited.svg": "sha256:0"]),
            "gone.yaml": .init(hash: "sha256:0", outputs: ["../victim.txt": "", victim.path: ""]),
        ])
        let cleanup = plan(input, out).deleteStaleOutputs(old: old, failed: [])
        #expect(cleanup.removed == [out.path + "/net.removed.svg"])
        #expect(cleanup.refused.map(\.name).sorted() == ["../victim.txt", victim.path, "net.edited.svg"].sorted())
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("net.edited.svg").path))
        #expect(FileManager.default.fileExists(atPath: victim.path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("net.removed.svg").path))
    }

    @Test("the manifest reads back as written, in stable bytes; a manifest in a bad shape is none")
    func manifestRoundTrip() throws {
        let (root, _, out) = try batchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = BatchManifest(generator: "relgraph test", inputs: ["a/net.yaml": .init(hash: "sha256:1", outputs: ["a/net.svg": "sha256:2"])])
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try manifest.data().write(to: out.appendingPathComponent(BatchManifest.fileName))
        #expect(BatchManifest.read(from: OutputFolder(out.path)) == manifest)
        #expect(String(decoding: try manifest.data(), as: UTF8.self).contains("\"a/net.svg\" : \"sha256:2\""))
        try write("{\"version\": 2}", to: out.appendingPathComponent(BatchManifest.fileName))
        #expect(BatchManifest.read(from: OutputFolder(out.path)) == nil)
        // Read without JSONDecoder: what it refused is still refused.
        for bad in ["", "[]", "{\"version\": 1}", "{\"version\": \"1\", \"generator\": \"g\", \"inputs\": {}}",
                    "{\"version\": 1, \"generator\": \"g\", \"inputs\": {\"a\": {\"hash\": \"h\"}}}",
                    "{\"version\": 1, \"generator\": \"g\", \"inputs\": {\"a\": {\"hash\": \"h\", \"outputs\": {\"x\": 3}}}}",
                    "{\"version\": 1, \"generator\": \"g\", \"inputs\": {\"a\": {\"hash\": null, \"outputs\": {}}}}"] {
            #expect(BatchManifest.decode(Data(bad.utf8)) == nil, "\(bad)")
            #expect((try? JSONDecoder().decode(BatchManifest.self, from: Data(bad.utf8)))?.version != 1, "\(bad)")
        }
        let minimal = "{\"version\": 1, \"generator\": \"g\", \"inputs\": {\"a\": {\"hash\": \"h\", \"outputs\": {\"x\": \"y\"}}}, \"extra\": 1}"
        #expect(BatchManifest.decode(Data(minimal.utf8)) == BatchManifest(generator: "g", inputs: ["a": .init(hash: "h", outputs: ["x": "y"])]))
    }

    @Test("a child's JSON lines are read back; other lines are kept apart")
    func childReports() {
        let lines = BatchChildReport(event: .wrote, path: "out/net.svg").line
            + "something else\n"
            + BatchChildReport(event: .stale, path: "out/net \"x\".svg", reason: "missing").line
        let (reports, other) = BatchChildReport.parse(lines)
        #expect(reports == [BatchChildReport(event: .wrote, path: "out/net.svg"),
                            BatchChildReport(event: .stale, path: "out/net \"x\".svg", reason: "missing")])
        #expect(other == ["something else"])
    }
}

private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
