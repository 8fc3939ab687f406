import FlyingFox
import FlyingSocks
import Foundation
import RelGraphCommands

// `relgraph-serve`: the whole `relgraph` command line plus the HTTP server that
// `relgraph serve` hands over to (``PreviewServing``).
PreviewServing.server = { host, port, source, started in
    try PreviewServer.run(host: host, port: port, source: source, started: started)
}
RelGraphCommand.start()

/// Runs the server until SIGINT or SIGTERM.
enum PreviewServer {
    /// Listens on `host`:`port`, calls `started` with the page's URL, and returns
    /// the name of the signal that stopped it (``PreviewServing/Server``).
    static func run(host: String, port: UInt16, source: PreviewSource,
                    started: @escaping @Sendable (String) -> Void) throws -> String {
        let address: any SocketAddress
        do {
            if host.contains(":") {
                address = try sockaddr_in6.inet6(ip6: host, port: port)
            } else {
                address = try sockaddr_in.inet(ip4: host, port: port)
            }
        } catch {
            throw PreviewServing.Failure.badAddress
        }
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
            throw PreviewServing.Failure.failed(message)
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
