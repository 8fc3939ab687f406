import ArgumentParser
import Foundation
import RelGraph

/// `relgraph import stix|csv`: convert other formats into a relgraph network.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a STIX 2.1 bundle or CSV tables into a relgraph YAML network.",
        discussion: """
        The output is checked before it is written: it loads without errors (warnings,
        such as entities without relations, are counted). Outputs are written
        atomically; '-o -' writes to standard output. See docs/interop.md for the
        mappings. Exit status: 0 ok, 64 bad usage, 65 invalid input, 66 unreadable
        input, 73 cannot write output.
        """,
        subcommands: [ImportSTIXCommand.self]
    )
}

/// `relgraph import stix BUNDLE.json -o network.yaml`.
struct ImportSTIXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stix",
        abstract: "Convert a STIX 2.1 (or 2.0) bundle into a relgraph network.",
        discussion: """
        Threat actors and intrusion sets become groups; campaigns and incidents events;
        identities people, groups or organizations (by identity_class); locations states
        or territories; reports and external references sources; relationships
        relations (STIX types without a built-in counterpart are declared as custom
        types). Other objects (attack patterns, indicators, ...) are skipped and counted.
        Every item keeps its STIX id under external_ids.stix.
        """
    )

    @Argument(help: "The STIX bundle (.json); '-' reads standard input.")
    var bundle: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The network file to write; '-' for standard output.", valueName: "OUT"))
    var output: String

    @Flag(name: .customLong("include-revoked"), help: "Also import revoked and deprecated (x_mitre_deprecated) objects, tagged as such.")
    var includeRevoked = false

    @Option(name: .customLong("software-as"), help: ArgumentHelp("Import malware and tool objects as this kind (organization, group, agency, publication); skipped by default.", valueName: "KIND"))
    var softwareAs: String?

    @Option(help: "The network's title (default: the bundle's only report, else the file name).")
    var title: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let softwareAs {
            let allowed = STIXImportOptions.softwareKinds.map(\.rawValue)
            guard let kind = EntityKind(rawValue: softwareAs), STIXImportOptions.softwareKinds.contains(kind) else {
                throw ValidationError("--software-as takes one of \(allowed.joined(separator: ", ")), not '\(softwareAs)'")
            }
        }
    }

    func run() throws {
        let bytes = try InteropIO.read(bundle)
        var options = STIXImportOptions(includeRevoked: includeRevoked, title: title)
        options.softwareKind = softwareAs.flatMap(EntityKind.init(rawValue:))
        let result: STIXImportResult
        do {
            result = try STIXImporter(options: options).importBundle(bytes: bytes, file: bundle)
        } catch {
            Terminal.error(error.formatted)
            throw ExitCode(ExitStatus.dataError)
        }
        InteropIO.report(result.diagnostics, quiet: quiet)
        if result.hasErrors { throw ExitCode(ExitStatus.dataError) }
        if !quiet { result.report.lines.forEach { Terminal.error($0) } }
        let name = bundle == "-" ? "standard input" : (bundle as NSString).lastPathComponent
        try InteropIO.writeNetwork(result.network, to: output,
                                   header: ["Converted from the STIX bundle \(name) by `relgraph import stix`; see docs/interop.md."],
                                   quiet: quiet)
    }
}
