extension Geometry {
    /// Estimated width of text set in DejaVu Sans, the font relgraph's SVG asks for
    /// first: advance widths of the printable ASCII characters (from DejaVuSans.ttf
    /// and DejaVuSans-Bold.ttf, thousandths of an em), a few common punctuation
    /// marks, and an average for every other character. No kerning.
    public enum TextMetrics {
        /// Line height as a multiple of the font size (ascent + descent of DejaVu Sans, rounded).
        public static let lineHeight = 1.2
        /// The part of the line height above the baseline.
        public static let ascent = 0.95

        /// The width of `text` at `fontSize`.
        public static func width(of text: String, fontSize: Double, bold: Bool = false) -> Double {
            var thousandths = 0
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v >= 32, v < 127 {
                    thousandths += Int(bold ? boldWidths[Int(v - 32)] : regularWidths[Int(v - 32)])
                } else {
                    switch v {
                    case 0x2013, 0x2012: thousandths += 500  // en dash
                    case 0x2014: thousandths += 1000  // em dash
                    case 0x2018, 0x2019, 0xB7, 0x2022: thousandths += bold ? 380 : 318  // quotes, middle dot, bullet
                    case 0x201C, 0x201D: thousandths += bold ? 657 : 518
                    case 0x2026: thousandths += bold ? 1140 : 954  // ellipsis
                    case 0xA0: thousandths += Int(bold ? boldWidths[0] : regularWidths[0])  // no-break space
                    case 0x0300...0x036F, 0x200B...0x200F: break  // combining marks, zero-width
                    default: thousandths += bold ? 680 : 620
                    }
                }
            }
            return Double(thousandths) / 1000 * fontSize
        }

        /// The box of a line of text whose anchor point is `(x, baseline)`;
        /// `anchor` is SVG's `text-anchor` (`start`, `middle` or `end`).
        public static func box(of text: String, x: Double, baseline: Double, fontSize: Double, anchor: String, bold: Bool = false) -> Box {
            let w = width(of: text, fontSize: fontSize, bold: bold)
            let left: Double
            switch anchor {
            case "middle": left = x - w / 2
            case "end": left = x - w
            default: left = x
            }
            let top = baseline - ascent * fontSize
            return Box(minX: left, minY: top, maxX: left + w, maxY: top + lineHeight * fontSize)
        }

        static let regularWidths: [UInt16] = [
            318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
            636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
            1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
            603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
            500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
            635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
        ]

        static let boldWidths: [UInt16] = [
            348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
            696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
            1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
            733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
            500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
            716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
        ]
    }
}
