import Foundation
import Testing
import RelGraph
import RelGraphTestSupport
@testable import RelGraphDrawing

/// The streamed canonical DOT (``CanonicalDOT/Stream``, the library's only
/// implementation) against the oracle that canonicalizes the whole text at once
/// (`CanonicalDOTOracle`, Tests/RelGraphTestSupport/Oracles), on random texts and
/// on every DOT file committed in the repository, each cut into random pieces as
/// `agwrite` hands its text over.
@Suite("canonical DOT: the stream against the whole-text oracle")
struct CanonicalDOTOracleTests {
    static func expectSame(_ bytes: [UInt8], _ generator: inout SplitMix64, _ name: String,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = Array(CanonicalDOTOracle.finish(Data(bytes)))
        #expect(StreamedCanonicalDOT.bytes(bytes, cuts: []) == expected, "\(name) whole", sourceLocation: sourceLocation)
        for _ in 0..<8 where !bytes.isEmpty {
            let cuts = (0..<Int(1 + generator.next() % 40)).map { _ in Int(generator.next() % UInt64(bytes.count + 1)) }.sorted()
            #expect(StreamedCanonicalDOT.bytes(bytes, cuts: cuts) == expected, "\(name) cut at \(cuts)", sourceLocation: sourceLocation)
        }
    }

    /// Every DOT file in the repository: graphs/, docs/, the tests' fixtures and goldens.
    static let committedDOT: [URL] = {
        let root = Paths.packageRoot
        var files: [URL] = []
        for folder in ["graphs", "docs", "Tests"] {
            guard let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["dot", "gv"].contains(url.pathExtension) { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }()

    @Test("random texts of DOT's state-changing bytes, cut anywhere")
    func randomTexts() {
        let pieces: [[UInt8]] = ["a", "=", ", ", "\"", "\\", "\\\"", "<", ">", "<B>", "[", "]", "\n", "\r\n", "\t", "  ", "\n\t\t",
                                 "é", "digraph G {", "}", ";", "label=\"x\"", "\n\n"].map { Array($0.utf8) }
        var generator = SplitMix64(seed: 27)
        for round in 0..<3_000 {
            var text: [UInt8] = []
            for _ in 0..<Int(generator.next() % 40) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            Self.expectSame(text, &generator, "random text \(round): \(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }

    @Test("every committed DOT file, as written and with its attribute lists broken over lines as agwrite breaks them")
    func committedFiles() throws {
        #expect(Self.committedDOT.count >= 5, "found \(Self.committedDOT.map(\.lastPathComponent))")
        var generator = SplitMix64(seed: 5)
        for url in Self.committedDOT {
            let bytes = Array(try Data(contentsOf: url))
            Self.expectSame(bytes, &generator, url.lastPathComponent)
            // `, ` broken after some commas, some line ends made CRLF.
            var broken: [UInt8] = []
            broken.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte == UInt8(ascii: "\n"), generator.next() % 7 == 0 { broken.append(UInt8(ascii: "\r")) }
                broken.append(byte)
                if byte == UInt8(ascii: ","), generator.next() % 3 == 0 { broken += Array("\n\t\t".utf8) }
            }
            Self.expectSame(broken, &generator, url.lastPathComponent + " broken")
        }
    }
}
