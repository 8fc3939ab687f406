import ArgumentParser
import RelGraphDrawing
import RelGraphviz

/// `--engine NAME`, checked against the library's one list (``EngineSetting``).
enum EngineArgument {
    /// The setting `name` names, among `allowed`.
    /// - Throws: a usage error listing the names accepted.
    static func setting(_ name: String, allowed: [EngineSetting] = EngineSetting.all) throws -> EngineSetting {
        guard let setting = EngineSetting(name: name), allowed.contains(setting) else {
            throw ValidationError("unknown engine '\(name)'; engines: \(allowed.map(\.description).joined(separator: ", "))")
        }
        return setting
    }

    /// `--engine` help: the accepted names.
    static func help(_ lead: String, allowed: [EngineSetting] = EngineSetting.all) -> ArgumentHelp {
        ArgumentHelp("\(lead): \(allowed.map(\.description).joined(separator: ", ")).")
    }
}
