internal import CLibXML2
import Foundation

/// Checks that bytes are well-formed XML with an independent parser (libxml2's
/// push parser, called directly), before any SVG is written to a file.
package enum XMLCheck {
    /// Bytes given to libxml2 at a time: given a document whole, libxml2 refuses
    /// documents over about 10 MB (a 10,000-entity SVG is 45 MB).
    package static let chunk = 1 << 20

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Throws ``SVGError/notWellFormed(_:)`` when `data` is not well-formed XML.
    package static func verify(_ data: Data) throws {
        _ = initialized
        // No callbacks: nothing is built, libxml2 only reads. Errors are kept on the
        // context (the structured handler does nothing, so nothing is printed).
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.serror = { _, _ in }
        guard let context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
            throw SVGError.notWellFormed("libxml2 could not start a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        xmlCtxtUseOptions(context, Int32(options))
        data.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: CChar.self).baseAddress
            var offset = 0
            while offset < raw.count, context.pointee.wellFormed != 0 {
                let n = min(chunk, raw.count - offset)
                xmlParseChunk(context, base! + offset, Int32(n), 0)
                offset += n
            }
            if context.pointee.wellFormed != 0 { xmlParseChunk(context, nil, 0, 1) }
        }
        guard context.pointee.wellFormed != 0 else {
            let reason: String
            if let error = xmlCtxtGetLastError(context), let message = error.pointee.message {
                let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
                reason = "\(text) (line \(error.pointee.line), column \(error.pointee.int2))"
            } else {
                reason = "unknown error"
            }
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
