import Foundation
import RelGraph

/// Writes a PNG's resolution into the file (its `pHYs` chunk), so that a PNG
/// drawn at `render --dpi 300` is placed at its size in inches by the programs
/// that read it (pandoc's DOCX and ODT writers, LibreOffice, Word), not taken for a
/// 96 dpi picture three times too large. Graphviz's cairo renderer draws at the
/// resolution asked but does not record it.
package enum PNGResolution {
    /// The eight bytes every PNG starts with.
    package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// `png` with a `pHYs` chunk saying `dpi` dots per inch on both axes, placed
    /// right after `IHDR` (any `pHYs` already there is dropped). Bytes that are not
    /// a PNG with an `IHDR` chunk first are returned as they are.
    package static func stamping(_ png: Data, dpi: Int) -> Data {
        let bytes = [UInt8](png)
        guard bytes.count >= 33, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return png }
        let ihdrEnd = 8 + 12 + Int(readUInt32(bytes, at: 8))
        guard ihdrEnd <= bytes.count else { return png }
        var out = Array(bytes[0..<ihdrEnd])
        let perMetre = UInt32((Double(dpi) / 0.0254).rounded())
        out += chunk("pHYs", bigEndian(perMetre) + bigEndian(perMetre) + [1])  // unit 1: the metre
        var index = ihdrEnd
        while index + 12 <= bytes.count {
            let length = Int(readUInt32(bytes, at: index))
            let end = index + 12 + length
            guard end <= bytes.count else { out += bytes[index...]; break }
            if Array(bytes[(index + 4)..<(index + 8)]) != Array("pHYs".utf8) { out += bytes[index..<end] }
            index = end
        }
        return Data(out)
    }

    /// One chunk: length, type, data, and the CRC-32 of type and data.
    package static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    /// The CRC-32 PNG uses (ISO 3309, polynomial 0xEDB88320, reflected).
    package static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func readUInt32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        bytes[index..<(index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
