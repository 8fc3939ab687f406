/// A text assembled from many short pieces in one byte buffer and made a
/// `String` once at the end. Appending a piece's UTF-8 bytes costs less than
/// `String +=`, which matters for tooltips built for tens of thousands of
/// relations.
struct TextBuffer {
    private var bytes: [UInt8] = []

    /// An empty text with room for `capacity` bytes.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends `piece`.
    mutating func append(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `pieces` with `separator` between them.
    mutating func append(_ pieces: [String], separator: String) {
        for (i, piece) in pieces.enumerated() {
            if i > 0 { append(separator) }
            append(piece)
        }
    }

    /// The text so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
