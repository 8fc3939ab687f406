import Foundation
import Testing
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    @Suite("concurrency") struct Concurrency {
        @Test func fiftyConcurrentRendersGiveTheSameBytes() async throws {
            let spec = clusteredSpec()
            let expected = try gv.render(spec, format: .svg).data
            let results = await withTaskGroup(of: Data?.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        // Mix in other operations so they interleave under the lock.
                        if i % 5 == 0 { _ = try? gv.readDOT(Data("digraph { x -> ".utf8)) }
                        if i % 7 == 0 { _ = try? gv.writeDOT(spec) }
                        return try? gv.render(spec, format: .svg).data
                    }
                }
                var collected: [Data?] = []
                for await result in group { collected.append(result) }
                return collected
            }
            #expect(results.count == 50)
            #expect(results.allSatisfy { $0 == expected })
        }
    }
}
