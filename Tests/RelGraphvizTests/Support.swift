import Foundation
import Testing
@testable import RelGraphDrawing
import RelGraphviz
import RelGraphTestSupport

#if canImport(Glibc)
import Glibc
#endif

enum Paths {
    /// The package root.
    static let packageRoot: URL = TestPaths.packageRoot

    /// The shared, read-only test data (``TestPaths/sharedData``).
    static let sharedData: URL = TestPaths.sharedData

    /// Graphviz's own test graphs, shared read-only beside the work trees.
    static let dotData: URL = TestPaths.dotData
    static let hasDotData = TestPaths.hasDotData
    static let noDotData = TestPaths.noDotData

    /// Committed golden outputs.
    static let goldens: URL = packageRoot.appendingPathComponent("Tests/RelGraphvizTests/Golden")
}

let gv = GraphvizContext.shared

/// The Graphviz this test process runs with (`gvcVersion`).
let graphvizVersion = (try? gv.version()) ?? "unavailable"

extension Data {
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// A graph with two clusters, nested subgraphs, keys, ports and HTML: the
/// shape that exposed 2.42's address-ordered subgraphs.
func clusteredSpec() -> GraphSpec {
    GraphSpec(
        name: "clusters",
        attributes: ["rankdir": "LR", "fontname": "Helvetica"],
        nodeDefaults: ["shape": "box", "fontname": "Helvetica"],
        edgeDefaults: ["color": "gray40"],
        nodes: [
            .init("alice", attributes: ["label": "Alice"]),
            .init("bob"),
            .init("carol", attributes: ["label": .html("<b>Carol</b>")]),
            .init("dave"),
            .init("erin"),
            .init("frank"),
            .init("grace"),
        ],
        edges: [
            .init("alice", "bob", attributes: ["label": "knows"]),
            .init("alice", "bob", key: "second"),
            .init("bob", "carol"),
            .init("carol", "dave"),
            .init("dave", "erin", attributes: ["style": "dashed"]),
            .init("erin", "frank"),
            .init("frank", "grace"),
            .init("grace", "alice"),
        ],
        subgraphs: [
            .init("cluster_z", attributes: ["label": "Zeta", "style": "filled", "fillcolor": "lightyellow"],
                  nodes: ["alice", "bob"],
                  subgraphs: [.init("cluster_inner", attributes: ["label": "Inner"], nodes: ["bob"])]),
            .init("cluster_a", attributes: ["label": "Alpha"], nodes: ["carol", "dave"]),
            .init("cluster_m", attributes: ["label": "Mid", "color": "blue"], nodes: ["erin"]),
            .init(nil, attributes: ["rank": "same"], nodes: ["frank", "grace"]),
        ])
}

/// Resident set size of this process in bytes, from /proc/self/statm.
/// Whether the tests run under a sanitizer (`make test-asan`/`make test-tsan` set
/// `RELGRAPH_SANITIZER`): the sanitizers' own shadow memory makes resident-memory
/// bounds meaningless, so memory tests report their numbers without asserting them.
let underSanitizer = ProcessInfo.processInfo.environment["RELGRAPH_SANITIZER"] != nil

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Runs `body` with file descriptor 2 redirected into a pipe; returns what was written.
/// (C's `stderr` FILE is unbuffered, and anything buffered is flushed with `fflush(nil)`.)
func capturingStderr(_ body: () throws -> Void) rethrows -> String {
    fflush(nil)
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return "<pipe failed>" }
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    let saved = dup(2)
    dup2(fds[1], 2)
    close(fds[1])
    defer {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(fds[0])
    }
    try body()
    fflush(nil)
    var collected = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(fds[0], &buffer, buffer.count)
        if count <= 0 { break }
        collected.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: collected, as: UTF8.self)
}

/// `(cx, cy)` of each node's ellipse in an SVG, by the node's `<title>`.
func svgNodeCentres(_ svg: String) -> [String: String] {
    var result: [String: String] = [:]
    let lines = svg.components(separatedBy: "\n")
    var inNode = false
    var title: String?
    for line in lines {
        if line.contains("class=\"node\"") { inNode = true; title = nil; continue }
        if inNode, title == nil, let start = line.range(of: "<title>"), let end = line.range(of: "</title>") {
            title = String(line[start.upperBound..<end.lowerBound])
            continue
        }
        if inNode, let title, line.contains("<ellipse") {
            func attribute(_ name: String) -> String {
                guard let r = line.range(of: " \(name)=\"") else { return "?" }
                let rest = line[r.upperBound...]
                return String(rest[..<rest.firstIndex(of: "\"")!])
            }
            result[title] = "\(attribute("cx")),\(attribute("cy"))"
            inNode = false
        }
    }
    return result
}

/// The `transform` of the SVG's top-level graph group.
func svgTransform(_ svg: String) -> String? {
    svg.components(separatedBy: "\n").first { $0.contains("id=\"graph0\"") }
}

/// All RelGraphviz tests. Serialized: Graphviz work is serialized by the
/// context's lock anyway, and the memory and stderr tests want a quiet process.
@Suite(.serialized) struct GraphvizTests {}
