import RelGraphDrawing
internal import CGraphviz

/// Pieces of Graphviz messages received since the current operation started.
///
/// Only touched by the `agseterrf` callback and by ``Session``, both of which
/// run while ``GraphvizContext``'s lock is held, so it needs no lock of its own.
nonisolated(unsafe) private var messagePieces: [String] = []

/// Graphviz's error and warning output, captured instead of printed.
enum GraphvizMessages {
    /// Routes every Graphviz message (warnings included) to the capture buffer.
    ///
    /// `agseterr(AGWARN)` makes cgraph report every message at warning level or
    /// above right away, through the function given to `agseterrf`, instead of
    /// writing it to stderr or keeping it in its temporary log file.
    static func install() {
        _ = agseterr(AGWARN)
        _ = agseterrf { piece in
            if let piece { messagePieces.append(String(cString: piece)) }
            return 0
        }
    }

    /// Forgets every captured piece.
    static func clear() {
        messagePieces.removeAll()
    }

    /// The raw pieces captured so far (for saving around internal work).
    static var pieces: [String] {
        get { messagePieces }
        set { messagePieces = newValue }
    }

    /// The captured pieces assembled into messages.
    ///
    /// cgraph calls the error function with "Error" or "Warning", then ": ",
    /// then the formatted text; continuation messages (`AGPREV`) arrive as text
    /// alone and are appended to the message before them.
    static func assemble(_ pieces: [String]) -> [GraphvizMessage] {
        var messages: [GraphvizMessage] = []
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            if (piece == "Error" || piece == "Warning"), index + 1 < pieces.count, pieces[index + 1] == ": " {
                messages.append(GraphvizMessage(level: piece == "Error" ? .error : .warning, text: ""))
                index += 2
                continue
            }
            if messages.isEmpty {
                messages.append(GraphvizMessage(level: .warning, text: ""))
            }
            messages[messages.count - 1].text += piece
            index += 1
        }
        return messages.map { message in
            var trimmed = message
            while let last = trimmed.text.last, last == "\n" || last == "\r" || last == " " {
                trimmed.text.removeLast()
            }
            return trimmed
        }
    }
}
