import Foundation

/// Puts `agwrite`'s output into relgraph's canonical DOT form.
///
/// `agwrite` already writes nodes in creation order (relgraph creates them sorted
/// by id), edges after their tail node, and attributes sorted by name; it breaks
/// long attribute lists over several lines, though. This joins every attribute
/// list onto its statement's line (outside quoted and HTML strings only), so the
/// file has one statement per line and `git diff` shows whole statements.
/// Line endings are LF and the file ends with one newline.
public enum CanonicalDOT {
    /// The canonical form of `dot`, which must be `agwrite` output.
    public static func finish(_ dot: Data) -> Data {
        let bytes = [UInt8](dot)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inQuote = false
        var htmlDepth = 0
        var bracketDepth = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuote {
                out.append(b)
                if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    out.append(bytes[i + 1])
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "\"") { inQuote = false }
                i += 1
                continue
            }
            if htmlDepth > 0 {
                out.append(b)
                if b == UInt8(ascii: "<") { htmlDepth += 1 }
                if b == UInt8(ascii: ">") { htmlDepth -= 1 }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inQuote = true
                out.append(b)
            case UInt8(ascii: "<"):
                htmlDepth = 1
                out.append(b)
            case UInt8(ascii: "["):
                bracketDepth += 1
                out.append(b)
            case UInt8(ascii: "]"):
                bracketDepth -= 1
                out.append(b)
            case UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "\n") where bracketDepth > 0:
                // Join: drop the line break and the indentation after it.
                var j = i + 1
                while j < bytes.count, bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: " ") { j += 1 }
                if j < bytes.count, bytes[j] != UInt8(ascii: "]") { out.append(UInt8(ascii: " ")) }
                i = j
                continue
            default:
                out.append(b)
            }
            i += 1
        }
        while out.last == UInt8(ascii: "\n") { out.removeLast() }
        out.append(UInt8(ascii: "\n"))
        return Data(out)
    }
}
