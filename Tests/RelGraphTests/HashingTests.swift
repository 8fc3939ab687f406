import Foundation
import Testing
@testable import RelGraph

@Suite("SHA-256 and network detection")
struct HashingTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors, fed at once or in pieces")
    func vectors() {
        #expect(SHA256Hasher.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256Hasher.hex(Array(two.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var pieces = SHA256Hasher()
        for chunk in stride(from: 0, to: two.utf8.count, by: 7) {
            pieces.update(Array(two.utf8)[chunk..<min(two.utf8.count, chunk + 7)])
        }
        #expect(SHA256Hasher.hexString(pieces.finalize()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Hasher.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a network is a YAML or JSON mapping with an `entities` key; unparsable files count when they mention entities")
    func looksLikeNetwork() {
        let loader = NetworkLoader()
        func check(_ text: String, _ format: InputFormat) -> Bool { loader.looksLikeNetwork(Array(text.utf8), format: format) }
        #expect(check(minimalYAML, .yaml))
        #expect(check("{\"entities\": []}", .json))
        #expect(!check("{\"name\": \"package\", \"version\": \"1.0.0\"}", .json))
        #expect(!check("- a\n- b\n", .yaml))
        #expect(!check("title: only a title\n", .yaml))
        #expect(check("entities: [\n  {id: a\n", .yaml))  // broken, but meant as a network: report it
        #expect(!check("key: [unclosed\n", .yaml))
        #expect(!check("", .yaml))
    }
}
