import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing

/// Reading inputs and writing outputs for the interop commands, with the exit
/// statuses of `relgraph --help`.
enum InteropIO {
    /// The bytes of `path` (`-` is standard input); exits 66 when unreadable.
    /// The file becomes an input of the run: no output may overwrite it.
    static func read(_ path: String) throws -> [UInt8] {
        OutputFolder.protectInput(path)
        switch NetworkLoader().readBytes(path: path) {
        case .success(let bytes): return bytes
        case .failure(let diagnostic):
            Terminal.error(diagnostic.formatted)
            throw ExitCode(diagnostic.code == .limit ? ExitStatus.dataError : ExitStatus.noInput)
        }
    }

    /// Writes `bytes` to `path` atomically, or to standard output for `-`; exits 73
    /// when the file cannot be written.
    static func write(_ bytes: [UInt8], to path: String, quiet: Bool) throws {
        try write(all: [(path, Data(bytes))], quiet: quiet)
    }

    /// Writes files that belong together all at once or not at all
    /// (``AtomicFile/Transaction``), `-` to standard output; exits 73 when any
    /// cannot be written, and then none is.
    static func write(all files: [(path: String, data: Data)], quiet: Bool) throws {
        do {
            try AtomicFile.write(all: files.filter { $0.path != "-" })
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        for (path, data) in files {
            if path == "-" {
                Terminal.write(data)
            } else if !quiet {
                Terminal.error("wrote \(path)")
            }
        }
    }

    /// Prints diagnostics (errors always, warnings unless quiet) to standard error.
    static func report(_ diagnostics: [Diagnostic], quiet: Bool) {
        for diagnostic in diagnostics where diagnostic.isError || !quiet {
            Terminal.error(diagnostic.formatted)
        }
    }

    /// Writes an imported network as YAML after checking that it loads back without
    /// errors (a failed check is a relgraph bug: exit 70, nothing written).
    ///
    /// The network is taken over (`consuming`): it is let go once written as YAML,
    /// before the YAML is loaded back, so the two are never in memory at once.
    static func writeNetwork(_ network: consuming Network, to path: String, header: [String], quiet: Bool) throws {
        let yaml: [UInt8]
        do {
            yaml = try NetworkYAMLWriter(headerComments: header).data(for: network)
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.software)
        }
        _ = consume network
        let check = NetworkLoader().load(bytes: yaml, file: path == "-" ? "output" : path, format: .yaml)
        if check.hasErrors {
            Terminal.error("relgraph: internal error: the converted network does not validate; nothing was written. Please report this with the input.")
            check.errors.prefix(20).forEach { Terminal.error($0.formatted) }
            throw ExitCode(ExitStatus.software)
        }
        try write(yaml, to: path, quiet: quiet)
        if !quiet, !check.warnings.isEmpty {
            var counts: [String: Int] = [:]
            for warning in check.warnings { counts[warning.code.rawValue, default: 0] += 1 }
            let list = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Terminal.error("the network is valid, with \(check.warnings.count) warning\(check.warnings.count == 1 ? "" : "s") (\(list)); `relgraph validate` lists them")
        }
    }
}
