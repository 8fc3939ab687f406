import Foundation
import RelGraph

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
package final class DOTSink {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let canonical: Bool
    private var stream = CanonicalDOT.Stream()

    /// A sink that keeps everything in memory (``takeData()``), canonical or as written.
    package init(canonical: Bool) {
        capacity = 1 << 16
        buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        self.canonical = canonical
    }

    /// A sink that writes canonical DOT to `descriptor` (``finish()`` writes the rest).
    ///
    /// `agwrite`'s text is collected raw, a MiB at a time, and each MiB is put
    /// into canonical form and written by a thread of its own (``Streamer``)
    /// while `agwrite` goes on filling the next: the two halves of the work run
    /// side by side.
    package init(canonicalTo descriptor: Int32) {
        capacity = Streamer.chunkSize
        buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        canonical = true
        streamer = Streamer(descriptor: descriptor)
    }

    deinit {
        // An export that failed half-way may still have a chunk in the works.
        streamer?.drain()
        free(buffer)
    }

    /// The streamed export's canonicalizing writer.
    private var streamer: Streamer?

    /// Appends a NUL-terminated string (what `putstr` receives).
    package func put(_ text: UnsafePointer<CChar>) {
        let length = strlen(text)
        if length == 0 { return }
        if streamer != nil {
            // Raw: the streamer canonicalizes. One byte stays free for the NUL
            // that ends a chunk (the stream finds quoted runs with `strcspn`).
            if count + length + 1 > capacity {
                if count > 0 { handOver() }
                if length + 1 > capacity {
                    capacity = length + 1
                    buffer = realloc(buffer, capacity)!.assumingMemoryBound(to: UInt8.self)
                }
            }
            (buffer + count).update(from: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: length)
            count += length
            return
        }
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

    /// Makes room for `needed` more bytes.
    private func reserve(_ needed: Int) {
        if count + needed <= capacity { return }
        var newCapacity = capacity
        while count + needed > newCapacity { newCapacity *= 2 }
        buffer = realloc(buffer, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    /// Ends canonical text (trailing line feeds dropped, one added).
    private func endCanonicalText() {
        guard canonical else { return }
        count -= trailingNewlines(buffer, count)
        reserve(1)
        buffer[count] = UInt8(ascii: "\n")
        count += 1
        stream = CanonicalDOT.Stream()
    }

    /// Hands the raw text collected so far to the streamer and goes on in the
    /// spare buffer (waiting, if the streamer still works on it).
    private func handOver() {
        guard let streamer else { return }
        buffer[count] = 0
        let full = Streamer.Chunk(bytes: buffer, count: count, capacity: capacity)
        let next = streamer.takeSpare()
        buffer = next.bytes
        capacity = next.capacity
        count = 0
        streamer.process(full)
    }

    /// A sink writing to a descriptor: writes what is left and returns the
    /// `errno` of the first failed write. (A sink in memory has nothing to write:
    /// see ``takeData()``.)
    package func finish() -> Int32? {
        guard let streamer else { return nil }
        if count > 0 { handOver() }
        streamer.drain()
        return streamer.end()
    }

    /// The text collected in memory (canonical text ended), handed over without a copy.
    package func takeData() -> Data {
        endCanonicalText()
        let data = Data(bytesNoCopy: buffer, count: count, deallocator: .free)
        capacity = 16
        buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        count = 0
        return data
    }
}

extension DOTSink {
    /// Puts raw `agwrite` text into canonical form and writes it to a file
    /// descriptor, a chunk at a time, on a serial queue of its own.
    ///
    /// Two raw buffers take turns: while the queue works on one, `put` fills the
    /// other; ``takeSpare()`` blocks until the queue gives the first back. All
    /// other state is touched only on the queue (or after ``drain()``).
    package final class Streamer: @unchecked Sendable {
        /// Raw chunks are handed over at about a MiB.
        package static let chunkSize = 1 << 20

        /// A raw buffer: `count` bytes of text and a NUL after them.
        package struct Chunk: @unchecked Sendable {
            package var bytes: UnsafeMutablePointer<UInt8>
            package var count: Int
            package var capacity: Int
        }

        private let queue = DispatchQueue(label: "relgraph.dot-stream")
        private let spareReady = DispatchSemaphore(value: 0)
        /// The buffer the queue is done with (set on the queue before `spareReady`).
        private var done: Chunk?
        /// Whether a second buffer was ever made (the first hand-over makes it).
        private var madeSecond = false

        private let descriptor: Int32
        private var output: UnsafeMutablePointer<UInt8>
        private var outputCapacity: Int
        private var outputCount = 0
        private var stream = CanonicalDOT.Stream()
        private var failure: Int32?

        package init(descriptor: Int32) {
            self.descriptor = descriptor
            outputCapacity = Self.chunkSize + 64
            output = malloc(outputCapacity)!.assumingMemoryBound(to: UInt8.self)
        }

        deinit {
            free(output)
            if let done { free(done.bytes) }
        }

        /// Canonicalizes and writes `chunk` on the queue; the buffer then becomes the spare.
        package func process(_ chunk: Chunk) {
            queue.async {
                self.canonicalize(chunk)
                self.done = chunk
                self.spareReady.signal()
            }
        }

        /// A raw buffer to fill: a new one the first time, then the one the
        /// queue finished last (waiting for it).
        package func takeSpare() -> Chunk {
            if !madeSecond {
                madeSecond = true
                return Chunk(bytes: malloc(Self.chunkSize)!.assumingMemoryBound(to: UInt8.self), count: 0, capacity: Self.chunkSize)
            }
            spareReady.wait()
            let chunk = queue.sync { () -> Chunk in
                let chunk = done!
                done = nil
                return chunk
            }
            return chunk
        }

        /// Waits until every chunk handed over is written.
        package func drain() {
            queue.sync {}
        }

        /// Ends the text (trailing line feeds dropped, one added) and writes it;
        /// returns the `errno` of the first failed write. Call after ``drain()``.
        package func end() -> Int32? {
            queue.sync {
                outputCount -= trailingNewlines(output, outputCount)
                output[outputCount] = UInt8(ascii: "\n")
                outputCount += 1
                writeAll(outputCount)
                outputCount = 0
                return failure
            }
        }

        private func canonicalize(_ chunk: Chunk) {
            let needed = outputCount + chunk.count + 1
            if needed > outputCapacity {
                outputCapacity = needed
                output = realloc(output, outputCapacity)!.assumingMemoryBound(to: UInt8.self)
            }
            outputCount += stream.feed(UnsafeBufferPointer(start: chunk.bytes, count: chunk.count), into: output + outputCount)
            // Line feeds at the end stay until more text follows (canonical text
            // drops them at the very end).
            let keep = trailingNewlines(output, outputCount)
            writeAll(outputCount - keep)
            if keep > 0 { output.update(from: output + (outputCount - keep), count: keep) }
            outputCount = keep
        }

        private func writeAll(_ length: Int) {
            guard failure == nil else { return }
            var offset = 0
            while offset < length {
                let n = write(descriptor, output + offset, length - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
    }
}

/// The number of line feeds that end the first `count` bytes of `buffer`
/// (canonical text drops them at its very end, so they are held back until more
/// text follows).
private func trailingNewlines(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    var k = count
    while k > 0, buffer[k - 1] == UInt8(ascii: "\n") { k -= 1 }
    return count - k
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
