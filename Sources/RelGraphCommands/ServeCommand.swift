import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing

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
        // The HTTP server lives in `relgraph-serve`, beside `relgraph`: its library
        // (FlyingFox) brings in FoundationNetworking and libcurl, whose loading
        // would cost every other command about 6 ms of start-up.
        guard let server = PreviewServing.server else { try PreviewServing.handOver() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            Terminal.error("relgraph: error: \(input): no such file or directory")
            throw ExitCode(ExitStatus.noInput)
        }
        let source = PreviewSource(path: input, isFolder: isDirectory.boolValue, drawing: drawing, viewOptions: viewOptions,
                                   hover: !noHover || drawing.hover)
        let ip = host == "localhost" ? "127.0.0.1" : host
        let stopped: String
        do {
            stopped = try server(ip, UInt16(port), source) { url in
                Terminal.error("relgraph: previewing \(input) at \(url) (Ctrl-C to stop)")
            }
        } catch let error as PreviewServing.Failure {
            switch error {
            case .badAddress: throw ValidationError("--host \(host) is not an IPv4 or IPv6 address")
            case .failed(let message):
                Terminal.error("relgraph: error: serving on \(ip): \(message)")
                throw ExitCode(ExitStatus.software)
            }
        }
        Terminal.error("relgraph: \(stopped); preview stopped")
    }
}

/// How `relgraph serve` reaches its HTTP server. `relgraph` itself has none: it
/// hands the command over (`execv`, same process and arguments) to `relgraph-serve`
/// in the same folder, which is the whole CLI plus the server and sets ``server``
/// before it parses the command line.
package enum PreviewServing {
    /// A preview server: listens on `host`:`port` (0: any free port), calls
    /// `started` with the page's URL once it listens, and returns the name of the
    /// signal that stopped it ("interrupted", "terminated").
    package typealias Server = @Sendable (_ host: String, _ port: UInt16, _ source: PreviewSource,
                                          _ started: @escaping @Sendable (String) -> Void) throws -> String

    /// Why a server could not serve.
    package enum Failure: Error {
        /// The host is not an IPv4 or IPv6 address.
        case badAddress
        /// Listening failed, or the server stopped with an error.
        case failed(String)
    }

    /// The server, in `relgraph-serve`; `nil` in `relgraph`.
    package nonisolated(unsafe) static var server: Server?

    /// The name of the serving executable.
    static let executableName = "relgraph-serve"

    /// Replaces this process with `relgraph-serve` from this executable's folder,
    /// with the same arguments; returns only by throwing when it cannot.
    static func handOver() throws -> Never {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent(executableName)
        let arguments = [path] + CommandLine.arguments.dropFirst()
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        execv(path, pointers)
        let reason = String(cString: strerror(errno))
        Terminal.error("relgraph: error: serve needs \(path) (\(reason)); it is built with relgraph (`swift build`, `make install`)")
        throw ExitCode(ExitStatus.software)
    }
}
