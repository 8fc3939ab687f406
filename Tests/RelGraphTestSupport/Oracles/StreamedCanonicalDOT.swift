import Foundation
@testable import RelGraphDrawing

/// Canonical DOT as relgraph writes it while `agwrite` writes: the text fed to a
/// ``CanonicalDOT/Stream`` in pieces, for tests that compare it with the oracle.
public enum StreamedCanonicalDOT {
    /// `text` fed to a stream in pieces cut at `cuts`, ended as a sink ends it
    /// (trailing line feeds dropped, one added).
    public static func bytes(_ text: [UInt8], cuts: [Int]) -> [UInt8] {
        var stream = CanonicalDOT.Stream()
        var output: [UInt8] = []
        var start = 0
        for end in cuts + [text.count] where end >= start {
            // Each piece is a C string, as `putstr` receives it.
            let piece = Array(text[start..<end]) + [0]
            var out = [UInt8](repeating: 0, count: piece.count + 1)
            let n = piece.withUnsafeBufferPointer { input in
                out.withUnsafeMutableBufferPointer { buffer in
                    stream.feed(UnsafeBufferPointer(rebasing: input[0..<(end - start)]), into: buffer.baseAddress!)
                }
            }
            output += out[0..<n]
            start = end
        }
        while output.last == UInt8(ascii: "\n") { output.removeLast() }
        return output + [UInt8(ascii: "\n")]
    }
}
