import Foundation
import RelGraph

/// How a difference drawing shows one kind of change, in colour and, for paper
/// and greyscale, in line and words: added thick, removed dashed, changed
/// doubled and labelled (`alleged → reported`), unchanged thin and grey.
package struct DifferenceLook {
    package let status: ChangeStatus

    package init(_ status: ChangeStatus) { self.status = status }

    /// Line and outline colour.
    package var color: String {
        switch status {
        case .added: "#15803d"
        case .removed: "#b91c1c"
        case .changed: "#c2410c"
        case .unchanged: "#a8adb3"
        }
    }

    /// The colour on `theme` (grey follows the theme's muted text).
    package func color(_ theme: Theme) -> String { status == .unchanged ? theme.mutedText : color }

    /// The legend's sample line.
    package var sample: String {
        switch status {
        case .added: "━━━━"
        case .removed: "– – –"
        case .changed: "════"
        case .unchanged: "────"
        }
    }

    /// The legend's words.
    package var words: String {
        switch status {
        case .added: "added (thick)"
        case .removed: "removed (dashed)"
        case .changed: "changed (double, says what)"
        case .unchanged: "unchanged (thin, grey)"
        }
    }
}
