import Foundation
import Testing
import RelGraphTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `relgraph serve`: started on a free port, a file edited and the change seen over
/// HTTP, paths outside the input refused, stopped by SIGINT with exit 0.
@Suite("relgraph serve", .serialized)
struct ServeCommandTests {
    /// A running `relgraph serve`, its port read from the line it prints.
    final class Server {
        let process: RunningProcess
        var port: UInt16 = 0

        init(_ arguments: [String]) throws {
            process = try ProcessRunner.start(try CLI.relgraph(), ["serve", "--port", "0"] + arguments)
            let address = #"http://127\.0\.0\.1:(\d+)/"#
            if let printed = process.waitForStandardError(timeout: 20, until: { $0.range(of: address, options: .regularExpression) != nil }),
               let range = printed.range(of: address, options: .regularExpression) {
                let url = printed[range]
                port = UInt16(url.split(separator: ":").last!.dropLast())!
                return
            }
            process.signal(SIGTERM)
            throw CLITestError("serve printed no address: \(process.standardError)")
        }

        /// Sends SIGINT and waits: the exit status and what it printed.
        func interrupt() -> (status: Int32, printed: String) {
            process.signal(SIGINT)
            let result = process.wait()
            return (result.signal == nil ? result.status : -1, result.stderr)
        }
    }

    /// One HTTP/1.1 request over a plain socket, the target sent exactly as given
    /// (no client tidies `/../` away): the status code and the body.
    static func get(_ port: UInt16, _ target: String, method: String = "GET", host: String? = nil) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CLITestError("socket failed") }
        defer { close(fd) }
        // A server that stopped answering fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CLITestError("cannot connect to port \(port)") }
        let request = "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        if text.isEmpty { throw CLITestError("no answer to \(target) within 20 s") }
        let statusLine = text.prefix { $0 != "\r" }.split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw CLITestError("no HTTP response: \(text.prefix(200))") }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    /// Asks `/version` until it differs from `old` (at most 10 s).
    static func waitForNewVersion(_ port: UInt16, query: String = "", old: String) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let now = try get(port, "/version" + query).body
            if now != old { return now }
            usleep(100_000)
        }
        throw CLITestError("the version did not change")
    }

    @Test("a saved edit shows on the page; errors replace the diagram; Ctrl-C stops it with exit 0")
    func editAndStop() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("net.yaml")
        try FileManager.default.copyItem(at: CLI.flagship, to: file)
        let server = try Server([file.path])

        let page = try Self.get(server.port, "/")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>The ISKP–ISI nexus"))
        #expect(page.body.contains("t-iskp"), "hover is on by default")
        #expect(page.body.contains("href=\"/?view=iskp-ties\""))
        let diagram = try Self.get(server.port, "/diagram.svg")
        #expect(diagram.status == 200 && diagram.body.hasPrefix("<svg"))
        #expect(try Self.get(server.port, "/?view=iskp-ties").body.contains("s web of ties</text>"))
        #expect(try Self.get(server.port, "/?view=no-such-view").body.contains("no view named &#39;no-such-view&#39;"))

        // Save an edit: the version changes, and the page shows the new title.
        let version = try Self.get(server.port, "/version").body
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "title: \"The ISKP–ISI nexus", with: "title: \"Edited while served").write(to: file, atomically: true, encoding: .utf8)
        let edited = try Self.waitForNewVersion(server.port, old: version)
        #expect(try Self.get(server.port, "/").body.contains("<h1>Edited while served"))

        // Save a mistake: the page shows it with file:line:column instead of the diagram.
        try "entities:\n  - {id: a, kind: gruop, name: A}\n".write(to: file, atomically: true, encoding: .utf8)
        _ = try Self.waitForNewVersion(server.port, old: edited)
        let broken = try Self.get(server.port, "/").body
        #expect(broken.contains("net.yaml:2:"))
        #expect(broken.contains("unknown entity kind &#39;gruop&#39;"))
        #expect(!broken.contains("<svg"))
        #expect(try Self.get(server.port, "/diagram.svg").status == 422)

        // Nothing but what it renders.
        for target in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "/net.yaml",
                       "/?file=..%2F..%2Fetc%2Fpasswd", "/diagram.svg?file=%2Fetc%2Fpasswd", "/index.html", "//etc/passwd"] {
            let response = try Self.get(server.port, target)
            #expect(response.status == 404, "\(target): \(response.status)")
            #expect(!response.body.contains("root:"))
        }
        #expect(try Self.get(server.port, "/", host: "attacker.example").status == 403)
        #expect(try Self.get(server.port, "/", method: "POST").status == 405)

        let stopped = server.interrupt()
        #expect(stopped.status == 0)
        #expect(stopped.printed.contains("preview stopped"))
    }

    @Test("a save is drawn in the layout shown before it: every entity stays, the new one appears")
    func keepsLayout() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("net.yaml")
        let text = try String(contentsOf: CLI.flagship, encoding: .utf8)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let server = try Server([file.path])
        let before = try Self.get(server.port, "/diagram.svg")
        #expect(before.status == 200)
        let version = try Self.get(server.port, "/version").body
        try editFlagship(text).write(to: file, atomically: true, encoding: .utf8)
        _ = try Self.waitForNewVersion(server.port, old: version)
        let after = try Self.get(server.port, "/diagram.svg")
        #expect(after.status == 200 && after.body.contains("-entity-zabihullah-mujahid\""))
        let old = folder.appendingPathComponent("before.svg"), new = folder.appendingPathComponent("after.svg")
        try before.body.write(to: old, atomically: true, encoding: .utf8)
        try after.body.write(to: new, atomically: true, encoding: .utf8)
        let moved = try CLI.relgraph(["measure", new.path, "--moved-from", old.path])
        #expect(moved.out.contains("| 0.0 % | 0.0 % | 100.0 % |"), "\(moved.out)")
        _ = server.interrupt()
    }

    @Test("a folder: a picker of its network files; no name leads out of it")
    func folder() throws {
        let outside = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let folder = outside.appendingPathComponent("networks")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.flagship, to: folder.appendingPathComponent("sub/nexus.yaml"))
        try "entities:\n  - {id: a, kind: group, name: Alpha}\n".write(to: folder.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        try "entities:\n  - {id: s, kind: group, name: Secret}\n".write(to: outside.appendingPathComponent("secret.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link.yaml"), withDestinationURL: outside.appendingPathComponent("secret.yaml"))
        let server = try Server([folder.path])

        let index = try Self.get(server.port, "/").body
        #expect(index.contains("href=\"/?file=small.yaml\""))
        #expect(index.contains("href=\"/?file=sub%2Fnexus.yaml\""))
        #expect(!index.contains("secret") && !index.contains("link.yaml"))
        #expect(try Self.get(server.port, "/?file=small.yaml").body.contains("Alpha"))
        #expect(try Self.get(server.port, "/?file=sub%2Fnexus.yaml&view=iskp-ties").status == 200)
        for name in ["..%2Fsecret.yaml", "link.yaml", "sub%2F..%2F..%2Fsecret.yaml", "%2Fetc%2Fpasswd", "missing.yaml", ""] {
            let response = try Self.get(server.port, "/?file=\(name)")
            #expect(response.status == 404, "\(name): \(response.status)")
            #expect(!response.body.contains("Secret"))
        }
        #expect(server.interrupt().status == 0)
    }

    @Test("relgraph hands serve over to relgraph-serve beside it, and says so when it is missing")
    func handOver() throws {
        let relgraph = try CLI.relgraph()
        let serve = relgraph.deletingLastPathComponent().appendingPathComponent("relgraph-serve")
        #expect(FileManager.default.isExecutableFile(atPath: serve.path), "swift build builds relgraph-serve beside relgraph")
        // `relgraph` itself links no HTTP server (FlyingFox brings in libcurl).
        let linked = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["readelf", "-d", relgraph.path])
        #expect(linked.status == 0 && linked.out.contains("libgvc") && !linked.out.contains("libcurl"), "\(linked.out)")

        let alone = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: alone) }
        let copy = alone.appendingPathComponent("relgraph")
        try FileManager.default.copyItem(at: relgraph, to: copy)
        let result = try CLI.run(copy, ["serve", CLI.flagship.path, "--port", "0"])
        #expect(result.status == 70)
        #expect(result.stderr.contains("relgraph: error: serve needs \(alone.path)/relgraph-serve"), "\(result.stderr)")
    }
}
