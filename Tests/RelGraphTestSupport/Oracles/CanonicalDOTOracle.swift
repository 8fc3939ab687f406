import Foundation

/// The reference for relgraph's canonical DOT (`CanonicalDOT.Stream` in
/// RelGraphDrawing, which puts `agwrite`'s text into canonical form piece by piece
/// as `agwrite` writes it): the whole raw text at once, in place.
///
/// This was `CanonicalDOT.finish(_:)` in the library until issue 27 (item 5): no
/// code path used it any more (every export streams), so it lives here as the
/// oracle the stream is compared with (`CanonicalDOTOracleTests` and
/// `StreamedDOT` in the Graphviz tests). Keep it simple; do not make it fast.
public enum CanonicalDOTOracle {
    /// The canonical form of `dot`, which must be `agwrite` output.
    public static func finish(_ dot: consuming Data) -> Data {
        // Works in place: every input byte gives at most one output byte, so the
        // output never overtakes the input. A 100,000-entity DOT is about 200 MB;
        // this needs no second buffer when the caller hands its only copy over.
        var data = dot
        var n = 0
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            var inQuote = false
            var htmlDepth = 0
            var bracketDepth = 0
            var i = 0
            while i < count {
                let b = bytes[i]
                if inQuote {
                    // Copy the quoted run up to the next quote or backslash at once
                    // (most of a DOT file is quoted tooltips).
                    var j = i
                    while j < count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\") { j += 1 }
                    if j > i {
                        if n != i { (bytes.baseAddress! + n).update(from: bytes.baseAddress! + i, count: j - i) }
                        n += j - i
                        i = j
                        continue
                    }
                    bytes[n] = b; n += 1
                    if b == UInt8(ascii: "\\"), i + 1 < count {
                        bytes[n] = bytes[i + 1]; n += 1
                        i += 2
                        continue
                    }
                    if b == UInt8(ascii: "\"") { inQuote = false }
                    i += 1
                    continue
                }
                if htmlDepth > 0 {
                    bytes[n] = b; n += 1
                    if b == UInt8(ascii: "<") { htmlDepth += 1 }
                    if b == UInt8(ascii: ">") { htmlDepth -= 1 }
                    i += 1
                    continue
                }
                switch b {
                case UInt8(ascii: "\""):
                    inQuote = true
                    bytes[n] = b; n += 1
                case UInt8(ascii: "<"):
                    htmlDepth = 1
                    bytes[n] = b; n += 1
                case UInt8(ascii: "["):
                    bracketDepth += 1
                    bytes[n] = b; n += 1
                case UInt8(ascii: "]"):
                    bracketDepth -= 1
                    bytes[n] = b; n += 1
                case UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\n") where bracketDepth > 0:
                    // Join: drop the line break and the indentation after it.
                    var j = i + 1
                    while j < count, bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: " ") { j += 1 }
                    if j < count, bytes[j] != UInt8(ascii: "]") { bytes[n] = UInt8(ascii: " "); n += 1 }
                    i = j
                    continue
                default:
                    bytes[n] = b; n += 1
                }
                i += 1
            }
            while n > 0, bytes[n - 1] == UInt8(ascii: "\n") { n -= 1 }
        }
        if n < data.count {
            data[n] = UInt8(ascii: "\n")
            data.count = n + 1
        } else {
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }
}
