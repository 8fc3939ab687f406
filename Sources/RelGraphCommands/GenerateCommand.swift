import ArgumentParser
import Foundation
import RelGraph
import RelGraphDrawing

/// `relgraph generate`: write a synthetic network for benchmarks and tests.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic network (invented names) for benchmarks and stress tests.",
        discussion: """
        The same --entities, --relations and --seed always give the same bytes.
        The network mixes every entity kind and built-in relation type, with a
        `within` hierarchy, dates, confidences and claims citing a few sources,
        and validates with no errors. The format follows -o's extension (.json,
        .yaml, .yml); `-o -` writes JSON to standard output.
        Exit status: 0 ok, 64 bad usage, 73 cannot write the output.
        """
    )

    @Option(help: "Number of entities (1 to 1,000,000).")
    var entities: Int

    @Option(help: "Number of relations (default: three per entity).")
    var relations: Int?

    @Option(help: "Seed of the random choices: the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (.json, .yaml or .yml), or '-' for JSON on standard output.", valueName: "FILE"))
    var output: String

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if output != "-", InputFormat.fromExtension(of: output) == nil {
            throw ValidationError("-o \(output): name a .json, .yaml or .yml file, or '-' for standard output")
        }
        do {
            try generator.check()
        } catch {
            throw ValidationError(error.description)
        }
    }

    private var generator: NetworkGenerator {
        NetworkGenerator(entities: entities, relations: relations ?? 3 * entities, seed: seed)
    }

    func run() throws {
        let format: InputFormat = output == "-" ? .json : InputFormat.fromExtension(of: output) ?? .json
        let bytes: [UInt8]
        do {
            bytes = format == .json ? try generator.json() : try generator.yaml()
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.dataError)
        }
        if output == "-" {
            Terminal.write(Data(bytes))
            return
        }
        do {
            try AtomicFile.write(Data(bytes), to: output)
        } catch {
            Terminal.error("relgraph: error: \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        if !quiet {
            Terminal.error("wrote \(output) (\(entities) entities, \(relations ?? 3 * entities) relations, seed \(seed), \(bytes.count) bytes)")
        }
    }
}
