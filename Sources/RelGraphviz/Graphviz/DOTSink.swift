import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `agwrite` writes: the channel relgraph hands to `agwrite`, reached
/// through the I/O discipline's `putstr` (see ``IdDiscipline``).
///
/// It collects the text in memory, or streams it to a file descriptor in
/// pieces of about a MiB; either way it can put the text into canonical form
/// on the way (``CanonicalDOT/Stream``), so the raw text never exists whole.
/// Appending costs a `memcpy`, where a `FILE *` from `open_memstream` costs a
/// locked `fputs` for each of the millions of small strings `agwrite` writes.
final class DOTSink {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let descriptor: Int32?
    private let canonical: Bool
    private var stream = CanonicalDOT.Stream()
    /// The `errno` of the first failed write to the descriptor.
    private(set) var failure: Int32?

    /// A sink that keeps everything in memory (``takeData()``), canonical or as written.
    init(canonical: Bool) {
        capacity = 1 << 16
        buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        descriptor = nil
        self.canonical = canonical
    }

    /// A sink that writes canonical DOT to `descriptor` (``finish()`` writes the rest).
    init(canonicalTo descriptor: Int32) {
        capacity = 1 << 20
        buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        self.descriptor = descriptor
        canonical = true
    }

    deinit {
        free(buffer)
    }

    /// Appends a NUL-terminated string (what `putstr` receives).
    func put(_ text: UnsafePointer<CChar>) {
        let length = strlen(text)
        if length == 0 { return }
        if count + length + 1 > capacity { reserve(length + 1) }
        let input = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: length)
        if canonical {
            var stream = self.stream
            count += stream.feed(input, into: buffer + count)
            self.stream = stream
        } else {
            (buffer + count).update(from: input.baseAddress!, count: length)
            count += length
        }
    }

    /// The number of line feeds that end the buffer (canonical text drops them at
    /// the end, so they are never written out before it).
    private var trailingNewlines: Int {
        guard canonical else { return 0 }
        var k = count
        while k > 0, buffer[k - 1] == UInt8(ascii: "\n") { k -= 1 }
        return count - k
    }

    /// Makes room for `needed` more bytes: flushes to the descriptor, or grows.
    private func reserve(_ needed: Int) {
        if count + needed <= capacity { return }
        if let descriptor {
            let keep = trailingNewlines
            writeAll(descriptor, count - keep)
            if keep > 0 { buffer.update(from: buffer + (count - keep), count: keep) }
            count = keep
            if count + needed <= capacity { return }
        }
        var newCapacity = capacity
        while count + needed > newCapacity { newCapacity *= 2 }
        buffer = realloc(buffer, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    private func writeAll(_ descriptor: Int32, _ length: Int) {
        guard failure == nil else { return }
        var offset = 0
        while offset < length {
            let n = write(descriptor, buffer + offset, length - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += n
        }
    }

    /// Ends canonical text (trailing line feeds dropped, one added).
    private func endCanonicalText() {
        guard canonical else { return }
        count -= trailingNewlines
        reserve(1)
        buffer[count] = UInt8(ascii: "\n")
        count += 1
        stream = CanonicalDOT.Stream()
    }

    /// Writes what is left to the descriptor; returns the `errno` of the first failure.
    func finish() -> Int32? {
        endCanonicalText()
        if let descriptor { writeAll(descriptor, count) }
        count = 0
        return failure
    }

    /// The text collected in memory (canonical text ended), handed over without a copy.
    func takeData() -> Data {
        endCanonicalText()
        let data = Data(bytesNoCopy: buffer, count: count, deallocator: .free)
        capacity = 16
        buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        count = 0
        return data
    }
}

/// Writing output to a file descriptor failed (``GraphvizContext/writeCanonicalDOT(_:to:)``).
public struct OutputWriteError: Error, Sendable, CustomStringConvertible {
    /// The `errno` of the failed `write(2)`.
    public var errno: Int32

    /// Creates the error for `errno`.
    public init(errno: Int32) {
        self.errno = errno
    }

    public var description: String { String(cString: strerror(errno)) }
}
