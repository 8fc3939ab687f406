#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RelGraph

/// Byte-level searches in UTF-8 text, for the hot paths of the page fit and the
/// SVG finishing (every attribute of every candidate drawing): `String.contains`
/// with a `String` argument goes through Foundation's Unicode-aware search, and
/// `utf8.contains` walks one byte at a time.
///
/// Only for ASCII needles in ids, class lists, styles and attribute values, where a
/// byte match is a character match.
package enum ByteSearch {
    /// Whether `text` contains the bytes of `needle`.
    package static func contains(_ text: some StringProtocol, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        if n == 0 { return true }
        let first = needle.utf8Start.pointee
        return text.utf8.withContiguousStorageIfAvailable { hay -> Bool in
            guard hay.count >= n, let base = hay.baseAddress else { return false }
            var i = 0
            let last = hay.count - n
            while i <= last {
                guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + at, needle.utf8Start, n) == 0 { return true }
                i = at + 1
            }
            return false
        } ?? String(text).utf8.elementsEqualSearch(needle)
    }

    /// Whether `text` holds a NUL byte.
    package static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { hay in
            guard let base = hay.baseAddress, !hay.isEmpty else { return false }
            return memchr(base, 0, hay.count) != nil
        } ?? text.utf8.contains(0)
    }
}

private extension String.UTF8View {
    /// The slow path of ``ByteSearch/contains(_:_:)`` (text not stored contiguously).
    package func elementsEqualSearch(_ needle: StaticString) -> Bool {
        let pattern = Array(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
        let bytes = Array(self)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return true
        }
        return false
    }
}

/// Where escaped XML bytes are written (an array).
package protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    package mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
