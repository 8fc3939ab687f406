import Foundation
import Testing
import RelGraph
@testable import RelGraph

/// Hostile input never crashes or hangs the loader: each case gets a clear error.
@Suite("Hostile input")
struct HostileInputTests {
    func firstDiagnostic(_ bytes: [UInt8], file: String) -> Diagnostic? {
        NetworkLoader().load(bytes: bytes, file: file, format: InputFormat.fromExtension(of: file)).diagnostics.first
    }

    @Test("a YAML alias bomb (billion laughs) is stopped by the alias limit")
    func billionLaughs() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let letters = Array("bcdefghi")
        var previous = "a"
        for letter in letters {
            yaml += "\(letter): &\(letter) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = String(letter)
        }
        let d = firstDiagnostic(Array(yaml.utf8), file: "bomb.yaml")
        #expect(d?.code == .limit)
        #expect(d?.message.contains("alias") == true)
        #expect(d?.location?.line == 6)  // a..e add 74,718 nodes; f's nine copies of e pass 100,000
    }

    @Test("aliases used a reasonable number of times are fine")
    func modestAliases() {
        let yaml = minimalYAML.replacingOccurrences(of: "  - {id: isi, kind: agency, name: ISI}",
                                                    with: "  - {id: isi, kind: agency, name: ISI, tags: &t [a, b]}\n  - {id: x, kind: agency, name: X, tags: *t, within: isi}")
        let loaded = load(yaml)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.formatted))")
        #expect(loaded.network.entities[1].tags == ["a", "b"])
    }

    @Test("nesting 10,000 deep is a limit error, in YAML and in JSON")
    func deepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        for file in ["deep.yaml", "deep.json"] {
            let d = firstDiagnostic(Array(deep.utf8), file: file)
            #expect(d?.code == .limit, "\(file): \(d?.formatted ?? "none")")
            #expect(d?.message.contains("nesting deeper than") == true)
            #expect(d?.location?.line == 1)
        }
        // JSON stops exactly at the first bracket past the limit; libyaml stops at the
        // start of the flow collection, whose whole depth its scanner has already seen.
        #expect(firstDiagnostic(Array(deep.utf8), file: "deep.json")?.location == SourceLocation(line: 1, column: 513))
        let blockDeep = (0..<2000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        #expect(firstDiagnostic(Array(blockDeep.utf8), file: "deep.yaml")?.code == .limit)
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() {
        var bytes = Array("title: ok\nname: caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array("\n".utf8)
        let d = firstDiagnostic(bytes, file: "latin1.yaml")
        #expect(d?.code == .encoding)
        #expect(d?.location == SourceLocation(line: 2, column: 10))
        #expect(d?.hint?.contains("UTF-8") == true)
    }

    @Test("NUL bytes are rejected as binary input")
    func nulBytes() {
        let d = firstDiagnostic(Array("title: a\u{0}b\n".utf8), file: "nul.yaml")
        #expect(d?.code == .encoding)
        #expect(d?.message.contains("NUL") == true)
        #expect(d?.location == SourceLocation(line: 1, column: 9))
    }

    @Test("UTF-16 input is recognised and explained")
    func utf16() {
        let d = firstDiagnostic([0xFF, 0xFE] + Array("t".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), file: "u16.yaml")
        #expect(d?.code == .encoding)
        #expect(d?.message.contains("UTF-16") == true)
    }

    @Test("an empty file, and a file of blank lines, are empty documents", arguments: ["e.yaml", "e.json"])
    func emptyFile(file: String) {
        #expect(firstDiagnostic([], file: file)?.code == .emptyDocument)
        #expect(firstDiagnostic(Array("\n\n   \n".utf8), file: file)?.code == .emptyDocument)
    }

    @Test("a byte-order mark is skipped")
    func bom() {
        let loaded = NetworkLoader().load(bytes: [0xEF, 0xBB, 0xBF] + Array(minimalYAML.utf8), file: "bom.yaml", format: .yaml)
        #expect(!loaded.hasErrors)
    }

    @Test("a file over the size limit is refused before it is read")
    func oversizedFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-huge-\(getpid()).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(300 << 20))  // sparse: 300 MB of NULs, nothing written
        try handle.close()
        let loaded = NetworkLoader().load(path: path)
        #expect(loaded.diagnostics.first?.code == .limit)
        #expect(loaded.diagnostics.first?.message.contains("limit is 268435456 bytes") == true)
    }

    @Test("a 100 MB file within the limit is read to a clear answer")
    func hundredMegabytes() {
        // 100 MB of comment lines: read entirely, then reported as holding no document.
        let line = Array("# padding padding padding padding padding padding padding padding padding padding\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(100 << 20)
        while bytes.count < 100 << 20 { bytes += line }
        let d = firstDiagnostic(bytes, file: "big.yaml")
        #expect(d?.code == .emptyDocument)
    }

    @Test("a huge string value is a limit error")
    func hugeString() {
        let json = "{\"title\": \"" + String(repeating: "x", count: 2 << 20) + "\"}"
        #expect(firstDiagnostic(Array(json.utf8), file: "s.json")?.code == .limit)
        let yaml = "title: \"" + String(repeating: "x", count: 2 << 20) + "\"\n"
        #expect(firstDiagnostic(Array(yaml.utf8), file: "s.yaml")?.code == .limit)
    }

    @Test("a 10,000-character name is accepted")
    func longName() {
        let yaml = minimalYAML.replacingOccurrences(of: "name: ISKP}", with: "name: \"\(String(repeating: "ك", count: 10_000))\"}")
        #expect(!load(yaml).hasErrors)
    }

    @Test("random bytes never crash the loader")
    func randomBytes() {
        var generator = SplitMix64(seed: 42)
        for round in 0..<300 {
            let count = Int(generator.next() % 400)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = NetworkLoader().load(bytes: bytes, file: round % 2 == 0 ? "r.yaml" : "r.json", format: nil)
        }
        // Mutations of a valid document: flip, drop and duplicate bytes.
        let base = Array(minimalYAML.utf8)
        for _ in 0..<300 {
            var bytes = base
            for _ in 0..<3 {
                let i = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: i)
                default: bytes.insert(bytes[i], at: i)
                }
            }
            _ = NetworkLoader().load(bytes: bytes, file: "m.yaml", format: .yaml)
        }
    }
}
