import Testing
@testable import RelGraph

@Suite("A parallel map gives what map gives")
struct ConcurrentMapTests {
    @Test("same results in the same order, for every size around the chunk edges", arguments: [0, 1, 2, 255, 256, 257, 1000, 4097, 30_001])
    func sameAsMap(count: Int) {
        let input = (0..<count).map { "item \($0)" }
        let transform: @Sendable (String) -> String = { String($0.reversed()) + "|\($0.utf8.count)" }
        #expect(input.concurrentMap(minimumPerCore: 1, transform) == input.map(transform))
        #expect(input.concurrentMap(transform) == input.map(transform))
    }

    @Test("a large diagram, built on every core, has its edges in edge order, the same each time")
    func largeDiagram() throws {
        let bytes = try NetworkGenerator(entities: 3000, relations: 9000, seed: 7).json()
        let network = NetworkLoader().load(bytes: bytes, file: "generated.json", format: .json).network
        let result = try network.applying(ViewDefinition())
        var options = DiagramOptions()
        options.mergeRelations = false
        options.foldLeaves = false
        let diagram = DiagramBuilder(options: options).build(result, full: network)
        #expect(diagram.edges.map(\.key) == DiagramBuilder.sortedForEdges(network.relations).map(\.key))
        #expect(diagram.nodes.map(\.id) == network.entities.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let again = DiagramBuilder(options: options).build(result, full: network)
        #expect(again == diagram)
    }
}
