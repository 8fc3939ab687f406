import Foundation
import Testing
@testable import RelGraph

/// `relgraph generate`'s core: valid, deterministic, and able to make big networks.
@Suite("Generator")
struct GeneratorTests {
    func loadGenerated(_ generator: NetworkGenerator, format: InputFormat) throws -> LoadedNetwork {
        let bytes = format == .json ? try generator.json() : try generator.yaml()
        return NetworkLoader().load(bytes: bytes, file: "generated.\(format.rawValue)", format: format)
    }

    @Test("generated networks validate with no errors and no warnings", arguments: [
        (2, 6, UInt64(1)), (3, 9, 2), (10, 30, 3), (100, 300, 4), (250, 0, 5), (1000, 3000, 6), (500, 5000, 7),
    ])
    func validates(entities: Int, relations: Int, seed: UInt64) throws {
        for format in InputFormat.allCases {
            let loaded = try loadGenerated(NetworkGenerator(entities: entities, relations: relations, seed: seed), format: format)
            #expect(loaded.errors.isEmpty, "\(format): \(loaded.errors.prefix(5).map(\.formatted))")
            if relations >= entities {
                #expect(loaded.warnings.isEmpty, "\(format): \(loaded.warnings.prefix(5).map(\.formatted))")
            }
            #expect(loaded.network.entities.count == entities)
            #expect(loaded.network.relations.count == relations)
        }
    }

    @Test("YAML and JSON describe the same network")
    func formatsAgree() throws {
        let generator = NetworkGenerator(entities: 300, relations: 900, seed: 11)
        let yaml = try loadGenerated(generator, format: .yaml).network
        let json = try loadGenerated(generator, format: .json).network
        #expect(yaml == json)
    }

    @Test("the same seed gives the same bytes; another seed another network")
    func deterministic() throws {
        let a = NetworkGenerator(entities: 2000, relations: 6000, seed: 42)
        #expect(try a.json() == a.json())
        #expect(try a.yaml() == a.yaml())
        let b = NetworkGenerator(entities: 2000, relations: 6000, seed: 43)
        #expect(try a.json() != b.json())
    }

    @Test("a fixed seed gives fixed bytes (across processes and machines)")
    func pinned() throws {
        // SplitMix64 from seed 0: reference values of the published algorithm.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        // A tiny network's bytes, so a change to the generator is a visible decision.
        let json = String(decoding: try NetworkGenerator(entities: 3, relations: 2, seed: 1).json(), as: UTF8.self)
        #expect(json.hasPrefix("{\n  \"title\": \"Synthetic network: 3 entities, 2 relations (seed 1)\""))
        #expect(fnv1a(json) == 0xfb76_cd75_c282_ca09, "the generator's output changed: update this hash if that was intended")
    }

    @Test("the mix covers every kind, many relation types and a within hierarchy")
    func mix() throws {
        let network = try loadGenerated(NetworkGenerator(entities: 2000, relations: 6000, seed: 9), format: .json).network
        let kinds = Set(network.entities.map(\.kind))
        #expect(kinds == Set(EntityKind.builtIn))
        let types = Set(network.relations.map(\.type))
        #expect(types.count >= 24, "\(types.sorted())")
        #expect(network.entities.filter { $0.within != nil }.count > 100)
        #expect(Set(network.relations.map(\.confidence)) == Set(Confidence.allCases))
        #expect(network.relations.allSatisfy { !$0.claims.isEmpty || !$0.sources.isEmpty })
        #expect(network.relations.allSatisfy { $0.from != $0.to })
    }

    @Test("bad counts are refused with a clear message")
    func badCounts() {
        #expect(throws: NetworkGenerator.GenerateError.self) { try NetworkGenerator(entities: 0, relations: 0, seed: 1).check() }
        #expect(throws: NetworkGenerator.GenerateError.self) { try NetworkGenerator(entities: 1, relations: 1, seed: 1).check() }
        #expect(throws: NetworkGenerator.GenerateError.self) { try NetworkGenerator(entities: 10, relations: -1, seed: 1).check() }
        #expect(throws: NetworkGenerator.GenerateError.self) { try NetworkGenerator(entities: 10, relations: 1000, seed: 1).check() }
        #expect((try? NetworkGenerator(entities: 1, relations: 0, seed: 1).json()) != nil)
    }

    // 100,000 entities: GenerateCLITests.large, in a child process, so that its
    // hundreds of MB do not show in the RSS measured by the memory tests running
    // alongside in this process.

    private func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
