import Foundation
import RelGraph

/// Puts `agwrite`'s output into relgraph's canonical DOT form.
///
/// `agwrite` already writes nodes in creation order (relgraph creates them sorted
/// by id), edges after their tail node, and attributes sorted by name; it breaks
/// long attribute lists over several lines, though. This joins every attribute
/// list onto its statement's line (outside quoted and HTML strings only), so the
/// file has one statement per line and `git diff` shows whole statements.
/// Line endings are LF and the file ends with one newline.
public enum CanonicalDOT {
    /// The canonical form made piece by piece, as `agwrite` hands its output over,
    /// so that the canonical text can go to a file without the whole raw text in
    /// memory first. Feeding all of a text, dropping the line feeds that end the
    /// output and adding one gives the canonical text.
    ///
    /// The only implementation in the library. The reference it is tested
    /// against, the whole text canonicalized at once (formerly `finish(_:)`), is
    /// `CanonicalDOTOracle` in Tests/RelGraphTestSupport/Oracles: a streamed
    /// export keeps the 100,000-entity DOT (about 200 MB) out of memory
    /// (docs/performance.md, "Twin implementations").
    package struct Stream {
        private var inQuote = false
        private var escaped = false
        private var htmlDepth = 0
        private var bracketDepth = 0
        /// A line break inside brackets was dropped: the indentation after it is
        /// skipped, and a space goes before the next byte unless it is `]`.
        private var joining = false

        /// `strcspn`'s set: where a quoted run ends (a static string literal is stored NUL-terminated).
        private static let quoteOrBackslash: StaticString = "\"\\"
        /// The bytes that change the state outside quotes and HTML strings (with a
        /// line feed, which only changes anything inside brackets).
        private static let stateChanging: StaticString = "\"<[]\r\n"

        /// Canonicalizes `input` into `output`, which must have room for
        /// `input.count + 1` bytes; returns how many bytes were written. The byte
        /// after `input` must be a NUL (as after a C string): quoted runs are
        /// found with `strcspn`.
        package mutating func feed(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
            // The state in locals: stores through `output` could otherwise alias it.
            var inQuote = self.inQuote, escaped = self.escaped, joining = self.joining
            var htmlDepth = self.htmlDepth, bracketDepth = self.bracketDepth
            defer {
                self.inQuote = inQuote
                self.escaped = escaped
                self.joining = joining
                self.htmlDepth = htmlDepth
                self.bracketDepth = bracketDepth
            }
            let count = input.count
            let source = input.baseAddress!
            var n = 0
            var i = 0
            if joining {
                while i < count, source[i] == UInt8(ascii: "\t") || source[i] == UInt8(ascii: " ") { i += 1 }
                if i == count { return 0 }
                joining = false
                if source[i] != UInt8(ascii: "]") { output[0] = UInt8(ascii: " "); n = 1 }
            }
            // Most pieces (names, `=`, `, `, bare values, indentation outside
            // brackets) hold nothing that changes the state: copied whole.
            if !inQuote, htmlDepth == 0,
               strcspn(UnsafeRawPointer(source + i).assumingMemoryBound(to: CChar.self),
                       UnsafeRawPointer(Self.stateChanging.utf8Start).assumingMemoryBound(to: CChar.self)) == count - i {
                (output + n).update(from: source + i, count: count - i)
                return n + count - i
            }
            while i < count {
                let b = source[i]
                if joining {
                    if b == UInt8(ascii: "\t") || b == UInt8(ascii: " ") { i += 1; continue }
                    joining = false
                    if b != UInt8(ascii: "]") { output[n] = UInt8(ascii: " "); n += 1 }
                }
                if inQuote {
                    if escaped {
                        // The byte after a backslash is copied, whatever it is.
                        escaped = false
                        output[n] = b; n += 1
                        i += 1
                        continue
                    }
                    // Copy the quoted run up to the next quote or backslash at once
                    // (`strcspn` stops at the NUL after the input at the latest).
                    let j = i + strcspn(UnsafeRawPointer(source + i).assumingMemoryBound(to: CChar.self),
                                    UnsafeRawPointer(Self.quoteOrBackslash.utf8Start).assumingMemoryBound(to: CChar.self))
                    if j > i {
                        (output + n).update(from: source + i, count: j - i)
                        n += j - i
                        i = j
                        continue
                    }
                    output[n] = b; n += 1
                    if b == UInt8(ascii: "\\") { escaped = true } else { inQuote = false }
                    i += 1
                    continue
                }
                if htmlDepth > 0 {
                    output[n] = b; n += 1
                    if b == UInt8(ascii: "<") { htmlDepth += 1 }
                    if b == UInt8(ascii: ">") { htmlDepth -= 1 }
                    i += 1
                    continue
                }
                switch b {
                case UInt8(ascii: "\""):
                    inQuote = true
                case UInt8(ascii: "<"):
                    htmlDepth = 1
                case UInt8(ascii: "["):
                    bracketDepth += 1
                case UInt8(ascii: "]"):
                    bracketDepth -= 1
                case UInt8(ascii: "\r"):
                    i += 1
                    continue
                case UInt8(ascii: "\n") where bracketDepth > 0:
                    joining = true
                    i += 1
                    continue
                default:
                    break
                }
                output[n] = b; n += 1
                i += 1
            }
            return n
        }
    }
}
