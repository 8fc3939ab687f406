import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing

/// `relgraph import stix|csv`: convert other formats into a relgraph network.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a STIX 2.1 bundle or CSV tables into a relgraph YAML network.",
        discussion: """
        The output is checked before it is written: it loads without errors \
        (warnings, such as entities without relations, are counted). Outputs are \
        written atomically; '-o -' writes to standard output. See docs/interop.md \
        for the mappings. Exit status: 0 ok, 64 bad usage, 65 invalid input, 66 \
        unreadable input, 70 internal error, 73 cannot write output.
        """,
        subcommands: [ImportSTIXCommand.self, ImportCSVCommand.self]
    )
}

/// `relgraph import stix BUNDLE.json -o network.yaml`.
struct ImportSTIXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stix",
        abstract: "Convert a STIX 2.1 (or 2.0) bundle into a relgraph network.",
        discussion: """
        Threat actors and intrusion sets become groups; campaigns and incidents \
        events; identities people, groups or organizations (by identity_class); \
        locations states or territories; malware and tools the declared kind \
        software, infrastructure the declared kind infrastructure (--skip-software \
        leaves them out); reports and external references sources; \
        relationships relations (STIX types without a built-in counterpart are \
        declared as custom types). Other objects (attack patterns, indicators, ...) \
        are skipped and counted. Every item keeps its STIX id under \
        external_ids.stix. See docs/interop.md for the tables.
        """
    )

    @Argument(help: "The STIX bundle (.json); '-' reads standard input.")
    var bundle: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The network file to write; '-' for standard output.", valueName: "OUT"))
    var output: String

    @Flag(name: .customLong("include-revoked"), help: "Also import revoked and deprecated (x_mitre_deprecated) objects, tagged as such.")
    var includeRevoked = false

    @Flag(name: .customLong("skip-software"), help: "Leave out malware, tool and infrastructure objects (imported by default as the declared kinds software and infrastructure), and their relationships.")
    var skipSoftware = false

    @Option(name: .customLong("software-as"), help: ArgumentHelp("Import malware and tool objects as this built-in kind (organization, group, agency, publication) instead of the declared kind software.", valueName: "KIND"))
    var softwareAs: String?

    @Option(help: "The network's title (default: the bundle's only report, else the file name).")
    var title: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let softwareAs {
            let allowed = STIXImportOptions.softwareKinds.map(\.rawValue)
            guard STIXImportOptions.softwareKinds.contains(EntityKind(softwareAs)) else {
                throw ValidationError("--software-as takes one of \(allowed.joined(separator: ", ")), not '\(softwareAs)'")
            }
            if skipSoftware { throw ValidationError("--software-as and --skip-software cannot be used together") }
        }
    }

    func run() throws {
        var bytes = try InteropIO.read(bundle)
        var options = STIXImportOptions(includeRevoked: includeRevoked, skipSoftware: skipSoftware, title: title)
        options.softwareKind = softwareAs.map(EntityKind.init(rawValue:))
        var result: STIXImportResult
        do {
            result = try STIXImporter(options: options).importBundle(bytes: bytes, file: bundle)
        } catch {
            Terminal.error(error.formatted)
            throw ExitCode(ExitStatus.dataError)
        }
        bytes = []  // the bundle's bytes go before the network is written
        InteropIO.report(result.diagnostics, quiet: quiet)
        if result.hasErrors { throw ExitCode(ExitStatus.dataError) }
        if !quiet { result.report.lines.forEach { Terminal.error($0) } }
        let name = bundle == "-" ? "standard input" : (bundle as NSString).lastPathComponent
        // The network is handed over, so that writeNetwork can let it go before checking the YAML.
        let network = result.network
        result.network = Network()
        try InteropIO.writeNetwork(consume network, to: output,
                                   header: ["Converted from the STIX bundle \(name) by `relgraph import stix`; see docs/interop.md."],
                                   quiet: quiet)
    }
}

/// `relgraph import csv --entities entities.csv --relations relations.csv -o network.yaml`.
struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Build a relgraph network from CSV tables whose columns are named like the YAML keys.",
        discussion: """
        Columns (the first line of each table names them, in any order):
          entities   id,kind,name,aliases,description,since,until,ended,within,tags,
                     url,sources,external_ids.stix,external_ids.csv,external_ids.other
          relations  from,type,to,id,since,until,ended,confidence,grade,note,tags,
                     sources,claim.source,claim.by,claim.quote,claim.date,
                     claim.stance,claim.credibility,
                     external_ids.stix,external_ids.csv,external_ids.other
          sources    id,title,author,publisher,date,url,reliability
          types      name,label,description,direction,from,to,allow_self

        Only the entities table is required, and in each table only id, kind, \
        name (from, type, to; id, title; name). Lists (aliases, tags, sources, \
        from, to) separate items with ';'. A relations row that repeats an \
        earlier relation (same id, or same from, type, to, since) with nothing \
        else different adds its claim to it. Files are UTF-8 (with or without \
        BOM), CRLF or LF, RFC 4180 quoting. Every bad row is reported as \
        FILE:LINE:COLUMN: error: [code] column NAME: message; then nothing is \
        written and the exit status is 65.
        """
    )

    @Option(help: ArgumentHelp("The entities table.", valueName: "FILE"))
    var entities: String

    @Option(help: ArgumentHelp("The relations table.", valueName: "FILE"))
    var relations: String?

    @Option(help: ArgumentHelp("The sources table.", valueName: "FILE"))
    var sources: String?

    @Option(name: .customLong("relation-types"), help: ArgumentHelp("The table of custom relation types.", valueName: "FILE"))
    var relationTypes: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The network file to write; '-' for standard output.", valueName: "OUT"))
    var output: String

    @Option(help: "The network's title (default: 'Network from ENTITIES-FILE').")
    var title: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        let inputs = [entities, relations, sources, relationTypes].compactMap { $0 }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("only one table can be read from standard input") }
    }

    func run() throws {
        func input(_ path: String?) throws -> CSVInput? {
            guard let path else { return nil }
            return CSVInput(file: path, bytes: try InteropIO.read(path))
        }
        let result = CSVImporter(title: title).importTables(
            entities: try input(entities)!, relations: try input(relations), sources: try input(sources),
            relationTypes: try input(relationTypes))
        InteropIO.report(result.diagnostics, quiet: quiet)
        if result.hasErrors {
            let errors = result.diagnostics.filter(\.isError).count
            Terminal.error("relgraph: \(errors) error\(errors == 1 ? "" : "s") in the CSV tables; nothing was written")
            throw ExitCode(ExitStatus.dataError)
        }
        if !quiet {
            let counts = [("entities", "entity"), ("relations", "relation"), ("sources", "source"), ("relation types", "relation type")]
                .compactMap { table, noun in result.rows[table].map { "\($0) \(noun) row\($0 == 1 ? "" : "s")" } }
            Terminal.error("read \(counts.joined(separator: ", ")): \(result.network.entities.count) entities, \(result.network.relations.count) relations")
        }
        try InteropIO.writeNetwork(result.network, to: output, header: ["Built from CSV tables by `relgraph import csv`."], quiet: true)
        if !quiet && output != "-" { Terminal.error("wrote \(output)") }
    }
}
