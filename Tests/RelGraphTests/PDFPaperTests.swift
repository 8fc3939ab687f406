import Foundation
import Testing
@testable import RelGraph
import RelGraphTestSupport

/// A one-page PDF whose page dictionary holds `page` (besides `/Type`, `/Parent` and
/// `/Resources`), with `extra` objects from number 6 on. Objects: 1 catalog, 2 pages,
/// 3 the page, 4 its content stream (text at 20, 40), 5 its font.
func onePage(_ page: String, extra: [String] = [], pages: String = "") -> Data {
    handMadePDF([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 \(pages) >>",
        "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> \(page) >>",
        streamBody("BT /F1 12 Tf 20 40 Td (on paper) Tj ET"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + extra)
}

/// The `q s 0 0 s x y cm` a page of `width` × `height` whose box starts at
/// (`minX`, `minY`) gets on `paper`: scaled to fit its area, centred across it, at its top.
func placing(_ width: Double, _ height: Double, minX: Double = 0, minY: Double = 0, on paper: PageSize.Paper) -> String {
    let scale = min(paper.areaWidth / width, paper.areaHeight / height)
    let x = paper.areaX + (paper.areaWidth - width * scale) / 2 - scale * minX
    let y = paper.areaY + paper.areaHeight - height * scale - scale * minY
    let n = PDFPages.number
    return "q \(n(scale)) 0 0 \(n(scale)) \(n(x)) \(n(y)) cm\n"
}

@Suite("PDFPages on paper")
struct PDFPaperTests {
    @Test("A4 is 595.28 × 841.89 pt with the 16 × 24 cm text area in its middle; Letter 612 × 792 with one-inch margins; any other page is a sheet of its size")
    func papers() throws {
        let a4 = PageSize.a4.paper
        #expect(abs(a4.width - 595.2756) < 0.001 && abs(a4.height - 841.8898) < 0.001)
        #expect(abs(a4.areaX - 70.8661) < 0.001 && abs(a4.areaY - 80.7874) < 0.001)
        #expect(a4.areaWidth == PageSize.a4.width && a4.areaHeight == PageSize.a4.height)
        #expect(try PageSize(parsing: "A4").paper == a4)
        #expect(PageSize.letter.paper == PageSize.Paper(width: 612, height: 792, areaX: 72, areaY: 72, areaWidth: 468, areaHeight: 648))
        let custom = try PageSize(parsing: "18x25cm")
        #expect(custom.paper == PageSize.Paper(width: custom.width, height: custom.height, areaX: 0, areaY: 0,
                                               areaWidth: custom.width, areaHeight: custom.height))
        // The text area's size is not A4: a 16x24cm page is a sheet of that size.
        #expect(try PageSize(parsing: "16x24cm").paper.width == PageSize.a4.width)
    }

    @Test("a wide page goes on A4: the sheet's size, scaled to the text area's width, at its top; its contents wrapped, byte for byte")
    func wideOnA4() throws {
        let paper = PageSize.a4.paper
        let placed = try PDFPages.place(single, on: paper, title: "On paper")
        let text = String(decoding: placed, as: UTF8.self)
        #expect(text.contains("/MediaBox [ 0 0 595.2756 841.8898 ]"))
        #expect(!text.contains("/MediaBox [ 0 0 400 300 ]"))
        #expect(text.contains(placing(400, 300, on: paper)))
        #expect(text.contains("stream\nBT /F1 12 Tf 20 40 Td (single page) Tj ET\nendstream"), "the page's own stream is untouched")
        // Its contents: the placing stream, its own, the closing `Q`.
        let contents = try #require(text.firstMatch(of: /\/Contents \[ (\d+) 0 R (\d+) 0 R (\d+) 0 R \]/))
        let opening = placing(400, 300, on: paper)
        #expect(text.contains("\(contents.1) 0 obj\n<< /Length \(opening.utf8.count) >>\nstream\n\(opening)\nendstream"))
        #expect(text.contains("\(contents.3) 0 obj\n<< /Length 3 >>\nstream\n\nQ\n\nendstream"))
        #expect(try PDFPages.place(single, on: paper, title: "On paper") == placed, "the same input gives the same bytes")
    }

    @Test("qpdf accepts placed pages; pdfinfo reads the paper's size, pdftotext the same text, and the ink lies in the text area, at its top",
          .enabled(if: PDFTools.available, PDFTools.missing),
          arguments: [("a4", "595.276 x 841.89 pts (A4)"), ("letter", "612 x 792 pts (letter)"), ("10x5in", "720 x 360 pts")])
    func checkedByTools(page: String, size: String) throws {
        let paper = try PageSize(parsing: page).paper
        // A wide page (400 x 300) and a tall one (100 x 400), its text near its top.
        let tall = replacing("20 40 Td", with: "5 380 Td", in: onePage("/MediaBox [ 0 0 100 400 ] /Contents 4 0 R"))
        for (input, width, height) in [(single, 400.0, 300.0), (tall, 100.0, 400.0)] {
            let placed = try PDFPages.place(input, on: paper)
            let check = try PDFTools.check(placed)
            #expect(check.status == 0, "qpdf --check: \(check.stdout) \(check.stderr)")
            #expect(try PDFTools.pageSizes(placed) == [size])
            #expect(try PDFTools.text(placed, page: 1).trimmingCharacters(in: .whitespacesAndNewlines)
                    == (try PDFTools.text(input, page: 1)).trimmingCharacters(in: .whitespacesAndNewlines))
            // The text, 12 pt at (20, 40) or (5, 380) of the page, lands where the placement says.
            let scale = min(paper.areaWidth / width, paper.areaHeight / height)
            let left = paper.areaX + (paper.areaWidth - width * scale) / 2, top = paper.height - paper.areaY - paper.areaHeight
            let ink = try PDFTools.ink(placed, page: 1)
            let box = try #require(ink.box, "the page shows its text")
            #expect(abs(Double(ink.width) - paper.width) <= 1 && abs(Double(ink.height) - paper.height) <= 1, "\(ink.width) x \(ink.height)")
            #expect(Double(box.minX) >= paper.areaX - 1 && Double(box.maxX) <= paper.areaX + paper.areaWidth + 1)
            #expect(Double(box.minY) >= top - 1 && Double(box.maxY) <= top + paper.areaHeight + 1)
            let textX = width == 400 ? 20.0 : 5.0, textBaseline = height - (width == 400 ? 40.0 : 380.0)
            #expect(abs(Double(box.minX) - (left + textX * scale)) <= 2 + scale, "text starts at x \(left + textX * scale): \(box)")
            #expect(abs(Double(box.maxY) - (top + textBaseline * scale)) <= 2 + 3 * scale, "baseline at y \(top + textBaseline * scale): \(box)")
        }
    }

    @Test("a page's crop box is what is placed; an inherited media box and crop box become the sheet")
    func boxes() throws {
        let paper = PageSize.letter.paper
        let cropped = try PDFPages.place(onePage("/MediaBox [ 0 0 200 100 ] /CropBox [ 50 20 150 100 ] /Contents 4 0 R"), on: paper)
        var text = String(decoding: cropped, as: UTF8.self)
        #expect(text.contains("/MediaBox [ 0 0 612 792 ] /CropBox [ 0 0 612 792 ]"))
        #expect(text.contains(placing(100, 80, minX: 50, minY: 20, on: paper)))
        let inherited = try PDFPages.place(onePage("/Contents 4 0 R", pages: "/MediaBox [ 10 10 110 210 ] /CropBox [ 0 0 300 300 ]"), on: paper)
        text = String(decoding: inherited, as: UTF8.self)
        #expect(text.contains("/MediaBox [ 0 0 612 792 ]") && text.contains("/CropBox [ 0 0 612 792 ]"))
        #expect(!text.contains("10 10 110 210"))
        #expect(text.contains(placing(100, 200, minX: 10, minY: 10, on: paper)))
        // Boxes written the other way round, as reals, or as an object of their own.
        let odd = try PDFPages.place(onePage("/MediaBox 6 0 R /Contents 4 0 R", extra: ["[ 400.0 300 0. 0 ]"]), on: paper)
        #expect(String(decoding: odd, as: UTF8.self).contains(placing(400, 300, on: paper)))
    }

    @Test("contents: an array of streams keeps its order, a missing one gets the placing streams alone")
    func contents() throws {
        let two = try PDFPages.place(onePage("/MediaBox [ 0 0 100 100 ] /Contents [ 4 0 R 6 0 R ]", extra: [streamBody("0 0 m 10 10 l S")]),
                                     on: PageSize.a4.paper)
        let text = String(decoding: two, as: UTF8.self)
        let match = try #require(text.firstMatch(of: /\/Contents \[ (\d+) 0 R (\d+) 0 R (\d+) 0 R (\d+) 0 R \]/))
        #expect(text.contains("\(match.2) 0 obj\n<< /Length 38 >>\nstream\nBT /F1 12 Tf 20 40 Td (on paper) Tj ET\nendstream"))
        #expect(text.contains("\(match.3) 0 obj\n<< /Length 15 >>\nstream\n0 0 m 10 10 l S\nendstream"))
        let empty = try PDFPages.place(onePage("/MediaBox [ 0 0 100 100 ]"), on: PageSize.a4.paper)
        #expect(String(decoding: empty, as: UTF8.self).firstMatch(of: /\/Contents \[ \d+ 0 R \d+ 0 R \]\n>>/) != nil)
        // Contents as a reference to an array of streams: its streams.
        let referenced = try PDFPages.place(onePage("/MediaBox [ 0 0 100 100 ] /Contents 6 0 R", extra: ["[ 4 0 R ]"]), on: PageSize.a4.paper)
        #expect(String(decoding: referenced, as: UTF8.self).firstMatch(of: /\/Contents \[ \d+ 0 R \d+ 0 R \d+ 0 R \]/) != nil)
    }

    @Test("link annotations move with the page, as objects of their own or written in the page")
    func links() throws {
        let paper = PageSize.a4.paper
        let scale = paper.areaWidth / 400, x = paper.areaX, y = paper.areaY + paper.areaHeight - 300 * scale
        let n = PDFPages.number
        func moved(_ values: [Double]) -> String {
            "[ " + stride(from: 0, to: values.count, by: 2).flatMap { [n(scale * values[$0] + x), n(scale * values[$0 + 1] + y)] }
                .joined(separator: " ") + " ]"
        }
        let link = "<< /Type /Annot /Subtype /Link /Rect [ 10 20 110 60 ] /QuadPoints [ 10 20 110 20 110 60 10 60 ] /A << /S /URI /URI (https://example.org/3 0 R) >> >>"
        let own = try PDFPages.place(onePage("/MediaBox [ 0 0 400 300 ] /Contents 4 0 R /Annots [ 6 0 R ]", extra: [link]), on: paper)
        let inPage = try PDFPages.place(onePage("/MediaBox [ 0 0 400 300 ] /Contents 4 0 R /Annots [ \(link) ]"), on: paper)
        for placed in [own, inPage] {
            let text = String(decoding: placed, as: UTF8.self)
            #expect(text.contains("/Rect \(moved([10, 20, 110, 60]))"))
            #expect(text.contains("/QuadPoints \(moved([10, 20, 110, 20, 110, 60, 10, 60]))"))
            #expect(text.contains("(https://example.org/3 0 R)"))
        }
    }

    @Test("refuses what it cannot place correctly, saying which page and why", arguments: [
        (nested, "page 1 is turned (/Rotate 90): a turned page is not placed on paper"),
        (onePage("/MediaBox [ 0 0 100 100 ] /Rotate 180"), "page 1 is turned (/Rotate 180)"),
        (onePage("/MediaBox [ 0 0 100 100 ] /TrimBox [ 0 0 50 50 ]"), "page 1 has a /TrimBox, which is not placed on paper"),
        (onePage("/MediaBox [ 0 0 100 ]"), "page 1's /MediaBox is not four numbers"),
        (onePage(""), "page 1 has no /MediaBox"),
        (onePage("/MediaBox [ 0 0 100 0 ]"), "page 1 shows nothing"),
        (onePage("/MediaBox [ 0 0 100 100 ] /CropBox [ 200 200 300 300 ]"), "page 1's /CropBox lies outside its /MediaBox"),
        (onePage("/MediaBox [ 0 0 100 100 ] /Annots [ 6 0 R ]", extra: ["<< /Type /Annot /Subtype /Text /Rect [ 0 0 10 10 ] >>"]),
         "page 1 has a /Text annotation, which is not placed on paper (links are)"),
        (onePage("/MediaBox [ 0 0 100 100 ] /Annots [ << /Subtype /Link /Rect [ 0 0 10 ] >> ]"),
         "page 1 has a link whose /Rect is not an array of numbers"),
        (onePage("/MediaBox [ 0 0 100 100 ] /Annots 6 0 R", extra: ["[ << /Subtype /Link /Rect [ 0 0 10 10 ] >> ]"]),
         "page 1's /Annots is an object of its own with links written in it"),
        (onePage("/MediaBox [ 0 0 100 100 ] /Contents [ 4 0 R (text) ]"), "page 1's /Contents holds something that is not a reference"),
    ])
    func refusals(input: Data, reason: String) {
        let error = pdfError { try PDFPages.place(input, on: PageSize.a4.paper) }
        #expect(error?.document == 0)
        #expect(error?.reason.hasPrefix(reason) == true, "\(error?.reason ?? "no error")")
        // Joined without paper, the same documents are fine (all but the broken box).
        if !reason.contains("not four numbers") && !reason.contains("not a reference") {
            #expect(throws: Never.self) { try PDFPages.concatenate([input]) }
        }
    }

    @Test("pages joined on paper each get their own placement, after the kept objects of their document")
    func joined() throws {
        let paper = PageSize.a4.paper
        let tall = onePage("/MediaBox [ 0 0 100 400 ] /Contents 4 0 R")
        let both = try PDFPages.concatenate([single, tall], title: "Both", paper: paper)
        let text = String(decoding: both, as: UTF8.self)
        #expect(text.contains(placing(400, 300, on: paper)) && text.contains(placing(100, 400, on: paper)))
        #expect(text.components(separatedBy: "/MediaBox [ 0 0 595.2756 841.8898 ]").count == 3)
        // Every object is written once, in order, and the result reads back.
        let again = try PDFPages.Source(document: PDFPages.Document(both), firstNumber: 1)
        #expect(again.pages.count == 2)
    }
}
