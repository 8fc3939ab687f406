import Foundation
import Testing
@testable import RelGraph
import RelGraphTestSupport

/// A PDF written by hand: `objects[i]` is the body of object i + 1 (what stands
/// between `obj` and `endobj`), then a classic xref table and a trailer holding
/// `/Size` and `trailer`.
func handMadePDF(_ objects: [String], trailer: String = "/Root 1 0 R", header: String = "%PDF-1.4") -> Data {
    var text = header + "\n"
    var offsets: [Int] = []
    for (index, body) in objects.enumerated() {
        offsets.append(text.utf8.count)
        text += "\(index + 1) 0 obj\n\(body)\nendobj\n"
    }
    let start = text.utf8.count
    text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
    text += "trailer\n<< /Size \(objects.count + 1) \(trailer) >>\nstartxref\n\(start)\n%%EOF\n"
    return Data(text.utf8)
}

/// A stream object's body holding `content`, its length given by `length`
/// (a number, or a reference such as `"10 0 R"`).
func streamBody(_ content: String, length: String? = nil) -> String {
    "<< /Length \(length ?? String(content.utf8.count)) >>\nstream\n\(content)\nendstream"
}

/// The text of page 1 of ``nested``: its stream holds a string and a comment that
/// look like references and a comment with `endstream`, which must stay as they are.
let firstContent = "BT /F1 12 Tf 20 40 Td (first page, not 1 0 R) Tj ET % endstream endobj 3 0 R\n"

/// Three pages in nested `Pages` nodes: the root gives `/MediaBox` (200 x 100)
/// and `/Resources`, the inner node `/Rotate 90`; page 2 has its own `/MediaBox`
/// (300 x 150); page 1's stream length is an indirect object.
let nested = handMadePDF([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [ 3 0 R 6 0 R ] /Count 3 /MediaBox [ 0 0 200 100 ] /Resources 9 0 R >>",
    "<< /Type /Pages /Parent 2 0 R /Kids [ 4 0 R 5 0 R ] /Count 2 /Rotate 90 >>",
    "<< /Type /Page /Parent 3 0 R /Contents 7 0 R >>",
    "<< /Type /Page /Parent 3 0 R /MediaBox [ 0 0 300 150 ] /Contents 8 0 R >>",
    "<< /Type /Page /Parent 2 0 R /Contents 12 0 R >>",
    streamBody(firstContent, length: "10 0 R"),
    streamBody("BT /F1 12 Tf 20 40 Td (second page) Tj ET"),
    "<< /Font << /F1 11 0 R >> /ProcSet [ /PDF /Text ] >>",
    "\(firstContent.utf8.count)",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    streamBody("BT /F1 12 Tf 20 40 Td (third page) Tj ET"),
])

/// One page, 400 x 300, with a dangling reference (object 50 is not in the file)
/// and a string that looks like a reference in a dictionary.
let singleObjects = [
    "<< /Type /Catalog /Pages 2 0 R /Title (see 2 0 R) >>",
    "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 400 300 ] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [ 50 0 R ] /Note (keep 3 0 R) >>",
    streamBody("BT /F1 12 Tf 20 40 Td (single page) Tj ET"),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]
let single = handMadePDF(singleObjects, header: "%PDF-1.6")

/// `data` with every `from` replaced by `to`.
func replacing(_ from: String, with to: String, in data: Data) -> Data {
    Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: from, with: to).utf8)
}

/// The error `body` throws, which must be a `PDFPages.Error`.
func pdfError(_ body: () throws -> Data) -> PDFPages.Error? {
    #expect(throws: PDFPages.Error.self) { _ = try body() }
    do { _ = try body() } catch let error as PDFPages.Error { return error } catch { return nil }
    return nil
}

@Suite("PDFPages")
struct PDFPagesTests {
    @Test("joins hand-made PDFs: inherited attributes go onto the pages, the old tree and catalog are dropped")
    func joinsHandMade() throws {
        let joined = try PDFPages.concatenate([nested, single])
        let text = String(decoding: joined, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.6\n"))  // the highest input version
        #expect(text.contains(firstContent), "stream data is copied as it is")
        #expect(text.contains("(keep 3 0 R)"), "strings are not rewritten")
        #expect(!text.contains("(see 2 0 R)"), "the old catalog is dropped")
        #expect(text.contains("/Annots [ null ]"), "a reference to a missing object becomes null")
        #expect(text.components(separatedBy: "/Type /Catalog").count == 2)
        #expect(text.components(separatedBy: "/Type /Pages").count == 2)
        #expect(text.components(separatedBy: "/MediaBox [ 0 0 200 100 ]").count == 3, "pages 1 and 3 inherit it")
        #expect(text.components(separatedBy: "/Rotate 90").count == 3, "pages 1 and 2 inherit it")
        #expect(text.contains("/Count 4"))

        // The output reads back: four pages whose /Parent is the new tree.
        let again = try PDFPages.Source(document: PDFPages.Document(joined), firstNumber: 1)
        #expect(again.pages.count == 4)
        let tree = try again.document.catalog().value["Pages"]?.reference?.number
        for page in again.pages {
            #expect(try again.document.object(page.number).value["Parent"]?.reference?.number == tree)
            #expect(page.inherited.isEmpty)
        }
    }

    @Test("qpdf and pdfinfo accept the join of hand-made PDFs: sizes, rotation and text per page",
          .enabled(if: PDFTools.available, PDFTools.missing))
    func handMadeCheckedByTools() throws {
        let joined = try PDFPages.concatenate([nested, single, nested])
        let check = try PDFTools.check(joined)
        #expect(check.status == 0, "qpdf --check: \(check.stdout) \(check.stderr)")
        #expect(try PDFTools.pageCount(joined) == 7)
        let sizes = ["200 x 100 pts", "300 x 150 pts", "200 x 100 pts", "400 x 300 pts"]
        #expect(try PDFTools.pageSizes(joined) == sizes + sizes.prefix(3))
        #expect(try PDFTools.pageRotations(joined) == [90, 90, 0, 0, 90, 90, 0])
        let texts = ["first page, not 1 0 R", "second page", "third page", "single page"]
        for (index, expected) in (texts + texts.prefix(3)).enumerated() {
            #expect(try PDFTools.text(joined, page: index + 1).trimmingCharacters(in: .whitespacesAndNewlines) == expected)
        }
    }

    @Test("the same inputs give the same bytes; the /ID is a hash of the content")
    func deterministic() throws {
        let first = try PDFPages.concatenate([nested, single], title: "Atlas")
        #expect(try PDFPages.concatenate([nested, single], title: "Atlas") == first)
        #expect(try PDFPages.concatenate([single, nested], title: "Atlas") != first)
        let text = String(decoding: first, as: UTF8.self)
        #expect(!text.contains("/CreationDate"))
        #expect(text.contains("/ID [ <"))
    }

    @Test("the title is a PDF text string: ASCII escaped, anything else UTF-16BE with a byte-order mark")
    func title() throws {
        #expect(PDFPages.textString("Atlas (draft) \\ 1") == "(Atlas \\(draft\\) \\\\ 1)")
        #expect(PDFPages.textString("a\nb") == "(a\\nb)")
        #expect(PDFPages.textString("ISKP – ISI") == "<FEFF00490053004B0050002020130020004900530049>")
        #expect(PDFPages.textString("€") == "<FEFF20AC>")
        #expect(PDFPages.textString("\u{1}") == "<FEFF0001>")
        let joined = String(decoding: try PDFPages.concatenate([single], title: "Réseau"), as: UTF8.self)
        #expect(joined.contains("/Title <FEFF005200E90073006500610075>\n"))
    }

    @Test("an incremental update (/Prev) replaces the object it changes")
    func incrementalUpdate() throws {
        var text = String(decoding: single, as: UTF8.self)
        let previous = text.range(of: "startxref\n")!.upperBound
        let prevOffset = Int(text[previous...].prefix { $0.isNumber })!
        let objectOffset = text.utf8.count
        text += "4 0 obj\n\(streamBody("BT /F1 12 Tf 20 40 Td (updated page) Tj ET"))\nendobj\n"
        let start = text.utf8.count
        text += "xref\n0 1\n0000000000 65535 f \n4 1\n" + String(format: "%010d 00000 n \n", objectOffset)
        text += "trailer\n<< /Size 6 /Root 1 0 R /Prev \(prevOffset) >>\nstartxref\n\(start)\n%%EOF\n"
        let joined = String(decoding: try PDFPages.concatenate([Data(text.utf8)]), as: UTF8.self)
        #expect(joined.contains("(updated page)"))
        #expect(!joined.contains("(single page)"))
    }

    @Test("refuses what it cannot read, saying which input and why")
    func refusals() throws {
        func reason(_ documents: [Data]) -> String {
            pdfError { try PDFPages.concatenate(documents) }?.description ?? "no error"
        }
        #expect(reason([]) == "cannot join PDFs: no documents were given")
        #expect(reason([nested, Data("digraph { a -> b }".utf8)])
            == "cannot read PDF 2: it is not a PDF: it does not start with %PDF-")
        #expect(pdfError { try PDFPages.concatenate([single, nested.prefix(nested.count / 2)]) }?.document == 1)
        #expect(reason([nested.prefix(nested.count / 2)]).contains("there is no startxref at its end: the file is truncated"))
        // Cut inside startxref's number, which then points elsewhere.
        #expect(reason([nested.prefix(nested.count - 9)]).contains("where there is no xref table"))
        #expect(reason([replacing("\nxref\n", with: "\nxrfe\n", in: nested)]).contains("where there is no xref table"))
        // Every object is 8 bytes later than the xref table says.
        let start = String(decoding: nested, as: UTF8.self).components(separatedBy: "startxref\n")[1].prefix { $0.isNumber }
        let padded = replacing("startxref\n\(start)", with: "startxref\n\(Int(start)! + 8)",
                               in: replacing("%PDF-1.4\n", with: "%PDF-1.4\npadding\n", in: nested))
        #expect(reason([padded]) == "cannot read PDF 1: the xref table puts object 1 at byte 9, but '1 0 obj' is not there (a damaged xref table)")
        #expect(reason([replacing("0000000009 00000 n", with: "0000000010 00000 n", in: nested)])
            .contains("the xref table puts object 1 at byte 10"))
        #expect(reason([replacing("0000000009 00000 n", with: "000000000x 00000 n", in: nested)]).contains("malformed"))
        #expect(reason([replacing("/Root 1 0 R", with: "/Root 1 0 R /Encrypt 2 0 R", in: single)])
            == "cannot read PDF 1: it is encrypted, and encrypted PDFs are not read")
        #expect(reason([replacing("/Root 1 0 R", with: "/Root 1 0 R /XRefStm 9", in: single)]).contains("/XRefStm"))
        #expect(reason([replacing("/Length 41", with: "/Length 40", in: single)])
            == "cannot read PDF 1: the stream of object 4 does not end with endstream where its /Length says")
        #expect(reason([replacing("/Pages 2 0 R /Title", with: "/Pages 20 0 R /Title", in: single)])
            == "cannot read PDF 1: object 20 is needed but the xref table does not list it")
        #expect(reason([replacing("/Kids [ 3 0 R 6 0 R ]", with: "/Kids [ 3 0 R 2 0 R ]", in: nested)])
            == "cannot read PDF 1: its page tree reaches pages node 2 twice (a loop)")
        #expect(reason([replacing("/Kids [ 3 0 R ] /Count 1", with: "/Kids [       ] /Count 0", in: single)])
            == "cannot join PDFs: the documents have no pages")
    }

    @Test("a page without /Parent gets the new tree; one with /Parent twice has both replaced")
    func parents() throws {
        for (parents, expected) in [("", 1), ("/Parent 2 0 R /Parent 2 0 R", 2)] {
            var objects = singleObjects
            objects[2] = objects[2].replacingOccurrences(of: "/Parent 2 0 R", with: parents)
            let joined = String(decoding: try PDFPages.concatenate([handMadePDF(objects)]), as: UTF8.self)
            // The page, its content and font are objects 1 to 3; the new tree is 4.
            let page = joined.components(separatedBy: "1 0 obj")[1].components(separatedBy: "endobj")[0]
            #expect(page.components(separatedBy: "/Parent 4 0 R").count - 1 == expected)
            #expect(!page.contains("/Parent 2 0 R"))
            #expect(joined.contains("4 0 obj\n<< /Type /Pages"))
        }
    }

    @Test("damaged inputs end in a PDFPages.Error or a PDF, never a crash")
    func damaged() throws {
        var seed: UInt64 = 0x5EED
        func random(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let original = [UInt8](nested)
        var refused = 0
        for trial in 0..<300 {
            var bytes = original
            for _ in 0...random(3) {
                let at = random(bytes.count)
                switch random(4) {
                case 0: bytes[at] = UInt8(random(256))
                case 1: bytes[at] = Array("0123456789 <>[]()/R%".utf8)[random(20)]
                case 2: bytes.insert(UInt8(random(256)), at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + random(40)))
                }
            }
            do {
                let joined = try PDFPages.concatenate([Data(bytes)])
                #expect(joined.starts(with: Array("%PDF-".utf8)), "trial \(trial)")
            } catch is PDFPages.Error {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test("refuses a cross-reference stream (PDF 1.5's compressed structure)")
    func crossReferenceStream() {
        var text = String(decoding: single, as: UTF8.self)
        let xref = text.range(of: "xref\n0 6")!.lowerBound
        text = String(text[..<xref]) + "6 0 obj\n<< /Type /XRef /Size 7 /W [ 1 2 1 ] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n"
            + "startxref\n\(xref.utf16Offset(in: text))\n%%EOF\n"
        let error = pdfError { try PDFPages.concatenate([Data(text.utf8)]) }
        #expect(error?.description == "cannot read PDF 1: its cross-reference data is a stream (PDF 1.5's compressed structure), which is not read; only classic xref tables are")
    }
}
