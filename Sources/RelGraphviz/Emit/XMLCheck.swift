import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that bytes are well-formed XML with an independent parser (libxml2,
/// through Foundation's `XMLParser`), before any SVG is written to a file.
enum XMLCheck {
    /// Throws ``SVGError/notWellFormed(_:)`` when `data` is not well-formed XML.
    static func verify(_ data: Data) throws {
        // Streamed: given the data whole, libxml2 refuses documents over about 10 MB
        // (a 10,000-entity SVG is 45 MB) with an internal error.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        if !parser.parse() {
            let reason = parser.parserError.map { "\($0.localizedDescription) (line \(parser.lineNumber), column \(parser.columnNumber))" } ?? "unknown error"
            throw SVGError.notWellFormed(reason)
        }
    }
}

/// Problems finishing an SVG.
public enum SVGError: Error, CustomStringConvertible, Equatable {
    /// Graphviz's SVG could not be read.
    case unreadable(String)
    /// The finished SVG failed the XML check (a bug in relgraph; nothing is written).
    case notWellFormed(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "cannot read Graphviz's SVG: \(reason)"
        case .notWellFormed(let reason): "the finished SVG is not well-formed XML (\(reason)); nothing was written"
        }
    }
}
