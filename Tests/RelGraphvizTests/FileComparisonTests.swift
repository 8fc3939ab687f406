import Foundation
import Testing
import RelGraphTestSupport
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

private let oldYAML = TestFixtures.twoEntities()

private func files(_ contents: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-filecomparison-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in contents { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
}

extension GraphvizTests {
    @Suite("diff as a library call")
    struct FileComparisonTests {
        @Test("two network files compare as networks in one call, and give an overlay")
        func networks() throws {
            let newYAML = oldYAML.replacingOccurrences(of: "name: B}", with: "name: Bee}")
            let dir = try files(["old.yaml": oldYAML, "new.yaml": newYAML])
            defer { try? FileManager.default.removeItem(at: dir) }
            let comparison = try FileComparison(old: dir.appendingPathComponent("old.yaml").path, new: dir.appendingPathComponent("new.yaml").path)
            #expect(comparison.report.level == .model)
            #expect(comparison.report.differenceCount == 1)
            #expect(comparison.networks != nil && comparison.graphs == nil)
            let overlay = try comparison.overlay()
            #expect(overlay.nodes.contains { $0.status == .changed })
        }

        @Test("a network and the DOT relgraph wrote for it compare equal as graphs")
        func networkAgainstDOT() throws {
            let network = NetworkLoader().load(bytes: Array(oldYAML.utf8), file: "old.yaml", format: .yaml).network
            var options = RenderOptions()
            options.format = .dot
            let dot = String(decoding: try Renderer().render(network, options: options).data, as: UTF8.self)
            let dir = try files(["old.yaml": oldYAML, "old.dot": dot])
            defer { try? FileManager.default.removeItem(at: dir) }
            let comparison = try FileComparison(old: dir.appendingPathComponent("old.yaml").path, new: dir.appendingPathComponent("old.dot").path)
            #expect(comparison.report.isEmpty, "\(comparison.report.text())")
            #expect(comparison.graphs != nil)
        }

        @Test("an invalid network or bad DOT is a Problem that says what to do")
        func problems() throws {
            let dir = try files(["bad.yaml": "entities:\n  - {id: x, kind: nonsense}\n", "bad.dot": "digraph { a -> }", "ok.yaml": oldYAML])
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect { try FileComparison(old: dir.appendingPathComponent("bad.yaml").path, new: dir.appendingPathComponent("ok.yaml").path) } throws: { error in
                "\(error)".contains("is not a valid network") && "\(error)".contains("relgraph validate")
            }
            #expect { try FileComparison(old: dir.appendingPathComponent("ok.yaml").path, new: dir.appendingPathComponent("bad.dot").path) } throws: { error in
                "\(error)".contains("cannot be read as DOT")
            }
            #expect(throws: FileComparison.Problem.self) { try FileComparison(old: dir.appendingPathComponent("missing.yaml").path, new: dir.appendingPathComponent("ok.yaml").path) }
        }
    }
}
