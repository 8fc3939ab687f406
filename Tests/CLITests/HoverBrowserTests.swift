import Foundation
import Testing
import RelGraphTestSupport

/// `render --hover` in a real browser: scripts/hover-check.py drives headless
/// Chromium through its DevTools protocol, hovers an entity, a merged line and a
/// folded list's entity and hub, and checks computed opacities and the auto
/// theme's page switch; scripts/serve-check.py watches a page of `relgraph serve`
/// follow saves. Runs when Chromium and Python's websocket-client are installed
/// (`make browser-check` installs what is missing).
@Suite("Hover highlighting and serve in Chromium", .serialized)
struct HoverBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/local/bin/chromium"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    static let websocketClient: Bool = {
        guard let result = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import websocket"]) else { return false }
        return result.status == 0
    }()

    @Test("hovering dims what does not touch the hovered entity or line, in this diagram only",
          .enabled(if: chromium && websocketClient, "needs chromium and python3's websocket-client"),
          .timeLimit(.minutes(3)))
    func hoverInChromium() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let screenshot = folder.appendingPathComponent("hover.png")
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", CLI.packageRoot.appendingPathComponent("scripts/hover-check.py").path,
                                            try CLI.relgraph().path, "--screenshot", screenshot.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("hover-check: ok"))
        #expect(!result.stdout.contains("FAIL"))
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("serve: a saved edit and a saved mistake show on the open page; SIGINT stops it",
          .enabled(if: chromium && websocketClient, "needs chromium and python3's websocket-client"),
          .timeLimit(.minutes(3)))
    func serveInChromium() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", CLI.packageRoot.appendingPathComponent("scripts/serve-check.py").path,
                                            try CLI.relgraph().path, "--screenshots", folder.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("serve-check: ok"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("serve.png").path))
    }
}
