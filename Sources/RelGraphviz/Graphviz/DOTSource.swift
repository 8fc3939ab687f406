internal import CGraphviz
import Foundation
import RelGraphDrawing

/// DOT text as cgraph reads it through ``IdDiscipline``'s I/O discipline: the
/// input channel handed to `agread`, giving out a line at a time (as `fgets`
/// on a `FILE *` would), and never past the end of a graph.
///
/// The DOT parser stops at the `}` that closes a graph, but its lexer reads ahead
/// whatever the I/O discipline gives it. Up to Graphviz 12 one lexer serves the
/// whole process and carries on where the last graph ended; from 13.0 each
/// `agread` has a scanner of its own and throws away what it read past its graph
/// (Graphviz 14's own CLI reads only the first of `digraph A { a } graph C { c }`,
/// two graphs on one line). So a read ends right after each `}` that closes a
/// graph, and the next `agread` starts there, with every Graphviz.
///
/// Only touched by Graphviz under ``GraphvizContext``'s lock.
final class DOTSource {
    private let bytes: [UInt8]
    private var position = 0
    /// Offsets just after each `}` that closes a graph, in order; a read ends there.
    private let boundaries: [Int]
    private var nextBoundary = 0

    /// A source of `text`.
    init(_ text: some Collection<UInt8>) {
        bytes = Array(text)
        boundaries = DOTSource.graphEnds(in: bytes)
    }

    /// The I/O discipline's `afread`: copies the next line (at most `size - 1`
    /// bytes, ending after a newline or at a graph end) into `buffer`, NUL
    /// terminated; 0 at the end of the input.
    func read(into buffer: UnsafeMutablePointer<CChar>, size: Int) -> Int32 {
        guard size > 1, position < bytes.count else { return 0 }
        var end = min(bytes.count, position + size - 1)
        while nextBoundary < boundaries.count, boundaries[nextBoundary] <= position { nextBoundary += 1 }
        if nextBoundary < boundaries.count { end = min(end, boundaries[nextBoundary]) }
        if let newline = bytes[position..<end].firstIndex(of: UInt8(ascii: "\n")) { end = newline + 1 }
        let count = end - position
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        buffer[count] = 0
        position = end
        // As cgraph's own discipline (fgets, then strlen): a NUL byte ends what the lexer sees of the line.
        return Int32(strlen(buffer))
    }

    /// The offsets just after each `}` that brings the brace depth back to 0,
    /// counting braces as the DOT lexer sees them: not inside quoted strings
    /// (with `\` escapes), HTML strings (`<…>`, nested), `/* */` comments, or
    /// `//` and `#` comments (to the end of the line).
    static func graphEnds(in bytes: [UInt8]) -> [Int] {
        enum State { case plain, quoted, html(Int), block, line }
        var state = State.plain
        var depth = 0
        var ends: [Int] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch state {
            case .plain:
                switch byte {
                case UInt8(ascii: "\""): state = .quoted
                case UInt8(ascii: "<"): state = .html(1)
                case UInt8(ascii: "#"): state = .line
                case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                    state = .block
                    i += 1
                case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/"):
                    state = .line
                case UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "}"):
                    if depth == 1 { ends.append(i + 1) }
                    depth = max(0, depth - 1)
                default: break
                }
            case .quoted:
                if byte == UInt8(ascii: "\\") { i += 1 } else if byte == UInt8(ascii: "\"") { state = .plain }
            case .html(let nesting):
                if byte == UInt8(ascii: "<") { state = .html(nesting + 1) }
                if byte == UInt8(ascii: ">") { state = nesting == 1 ? .plain : .html(nesting - 1) }
            case .block:
                if byte == UInt8(ascii: "*"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                    state = .plain
                    i += 1
                }
            case .line:
                if byte == UInt8(ascii: "\n") { state = .plain }
            }
            i += 1
        }
        return ends
    }
}
