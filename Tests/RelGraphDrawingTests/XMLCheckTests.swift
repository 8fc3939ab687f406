import Foundation
import Testing
@testable import RelGraphDrawing

@Suite("XML check")
struct XMLCheckTests {
    /// A well-formed document of about `megabytes` MB: an SVG root with many small groups.
    static func document(megabytes: Int) -> Data {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n"
        let group = "<g id=\"entity-n\" class=\"entity\"><title>An entity &amp; its name</title><polygon points=\"0,0 10,0 10,10\"/></g>\n"
        text.reserveCapacity(megabytes * 1_000_000 + 100)
        while text.utf8.count < megabytes * 1_000_000 { text += group }
        return Data((text + "</svg>\n").utf8)
    }

    @Test("documents larger than libxml2's 10 MB single-chunk limit pass (a 10,000-entity SVG is 45 MB)")
    func largeDocumentsPass() throws {
        try XMLCheck.verify(Self.document(megabytes: 24))
    }

    @Test("ill-formed documents still fail, small or large")
    func illFormedDocumentsFail() {
        #expect(throws: SVGError.self) { try XMLCheck.verify(Data("<svg><g></svg>".utf8)) }
        var large = Self.document(megabytes: 12)
        large.append(contentsOf: Array("<g>".utf8))
        #expect(throws: SVGError.self) { try XMLCheck.verify(large) }
    }
}
