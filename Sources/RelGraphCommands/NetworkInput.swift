import Foundation
import ArgumentParser
import RelGraph
import RelGraphDrawing

/// Loading the network a command works on, the same way for every command.
enum NetworkInput {
    /// The network in `path` ('-' is standard input). Prints its diagnostics to
    /// standard error (errors always, warnings unless `quiet`), and ends the
    /// command with 66 when it cannot be read, 65 when it has errors.
    /// The file becomes an input of the run (``OutputFolder/protectInput(_:)``): no
    /// output may overwrite it.
    static func load(_ path: String, quiet: Bool) throws -> LoadedNetwork {
        OutputFolder.protectInput(path)
        let loaded = NetworkLoader().load(path: path, keepingBytes: false)
        for diagnostic in loaded.diagnostics where diagnostic.isError || !quiet {
            Terminal.error(diagnostic.formatted)
        }
        if loaded.isUnreadable { throw ExitCode(ExitStatus.noInput) }
        if loaded.hasErrors { throw ExitCode(ExitStatus.dataError) }
        return loaded
    }

    /// The name outputs are named after: the input's file name without its
    /// extension, `network` for standard input.
    static func stem(of path: String) -> String {
        if path == "-" { return "network" }
        let name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    }
}
