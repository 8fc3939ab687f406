import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation
import RelGraph

/// `relgraph serve FILE|DIR`: a live preview in the browser that redraws when the
/// file is saved.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview a network in the browser; the page redraws when the file is saved.",
        discussion: """
        Serves http://127.0.0.1:PORT/ (the page: the diagram with hover highlighting,
        a picker of the named views, and the file's errors with file:line:column when
        it has any), /diagram.svg (the diagram alone) and nothing else. With a
        directory, the page lists its network files. The page checks twice a second
        whether the file changed and reloads itself. Binds 127.0.0.1 unless --host says
        otherwise. Ctrl-C (SIGINT) or SIGTERM stops it (exit 0).
        """
    )

    @Argument(help: "The network file (.yaml, .yml, .json) or a directory of them.")
    var input: String

    @Option(help: "The port (0: any free port; the address is printed).")
    var port: Int = 8080

    @Option(help: "The address to listen on: 127.0.0.1 (default, this machine only), an IPv4 or IPv6 address, or localhost.")
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("no-hover"), help: "Leave out hover highlighting (on by default here).")
    var noHover = false

    @OptionGroup(title: "Drawing")
    var drawing: DrawingOptions

    @OptionGroup(title: "View")
    var viewOptions: ViewOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        if viewOptions.view != nil { throw ValidationError("pick a view on the page (or open /?view=NAME); --view is not taken here") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            Terminal.error("relgraph: error: \(input): no such file or directory")
            throw ExitCode(ExitStatus.noInput)
        }
        let source = PreviewSource(path: input, isFolder: isDirectory.boolValue, drawing: drawing, viewOptions: viewOptions,
                                   hover: !noHover || drawing.hover)
        let address: any SocketAddress
        let ip = host == "localhost" ? "127.0.0.1" : host
        do {
            if ip.contains(":") {
                address = try sockaddr_in6.inet6(ip6: ip, port: UInt16(port))
            } else {
                address = try sockaddr_in.inet(ip4: ip, port: UInt16(port))
            }
        } catch {
            throw ValidationError("--host \(host) is not an IPv4 or IPv6 address")
        }
        let stopped = try PreviewServer.run(address: address, host: ip, source: source) { url in
            Terminal.error("relgraph: previewing \(input) at \(url) (Ctrl-C to stop)")
        }
        Terminal.error("relgraph: \(stopped); preview stopped")
    }
}

/// Runs the server until SIGINT or SIGTERM.
enum PreviewServer {
    /// Starts listening on `address`, calls `started` with the page's URL, and
    /// returns the name of the signal that stopped it.
    static func run(address: some SocketAddress, host: String, source: PreviewSource,
                    started: @escaping @Sendable (String) -> Void) throws -> String {
        let box = ServerBox()
        let stop = DispatchSemaphore(value: 0)
        let stoppedBy = SignalName()
        var sources: [DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "interrupted"), (SIGTERM, "terminated")] {
            signal(number, SIG_IGN)
            let signalSource = DispatchSource.makeSignalSource(signal: number, queue: .global())
            signalSource.setEventHandler {
                stoppedBy.set(name)
                stop.signal()
            }
            signalSource.resume()
            sources.append(signalSource)
        }
        let failure = FailureBox()
        let hosts = Locked<Set<String>>()
        Task {
            do {
                let server = HTTPServer(address: address, timeout: 15, logger: .disabled,
                                        handler: PreviewHandler(source: source, hosts: hosts))
                await box.set(server)
                try await server.run()
            } catch {
                failure.set("\(error)")
                stop.signal()
            }
        }
        Task {
            do {
                let server = try await box.wait()
                try await server.waitUntilListening(timeout: 10)
                guard let listening = await server.listeningAddress else { throw CancellationError() }
                let port: UInt16
                switch listening {
                case .ip4(_, let p), .ip6(_, let p): port = p
                case .unix: port = 0
                }
                let shown = host.contains(":") ? "[\(host)]" : host
                hosts.set(host == "0.0.0.0" || host == "::" ? []
                    : ["\(shown):\(port)", "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"])
                started("http://\(shown):\(port)/")
            } catch {
                failure.set("the server did not start: \(error)")
                stop.signal()
            }
        }
        stop.wait()
        sources.forEach { $0.cancel() }
        if let message = failure.value {
            Terminal.error("relgraph: error: serving on \(host): \(message)")
            throw ExitCode(ExitStatus.software)
        }
        let done = DispatchSemaphore(value: 0)
        Task {
            if let server = await box.server { await server.stop(timeout: 1) }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
        return stoppedBy.value ?? "stopped"
    }
}

/// The server, once made, for the tasks that wait on it.
actor ServerBox {
    private(set) var server: HTTPServer?
    private var waiting: [CheckedContinuation<HTTPServer, Never>] = []

    func set(_ server: HTTPServer) {
        self.server = server
        waiting.forEach { $0.resume(returning: server) }
        waiting = []
    }

    func wait() async throws -> HTTPServer {
        if let server { return server }
        return await withCheckedContinuation { waiting.append($0) }
    }
}

/// A value set from one thread and read from another.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value?
    private let lock = NSLock()
    func set(_ value: Value) { lock.lock(); if stored == nil { stored = value }; lock.unlock() }
    var value: Value? { lock.lock(); defer { lock.unlock() }; return stored }
}

typealias SignalName = Locked<String>
typealias FailureBox = Locked<String>
