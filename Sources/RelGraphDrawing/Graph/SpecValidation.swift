import RelGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GraphSpec {
    /// Checks what cgraph cannot be asked to build: unknown or duplicate node
    /// names, NUL characters, empty attribute names, `key` as an edge attribute.
    package func validate() throws {
        func checkText(_ text: String, _ what: @autoclosure () -> String) throws {
            if ByteSearch.containsNUL(text) {
                throw GraphvizError.invalidSpec("\(what()) contains a NUL character")
            }
        }
        func checkAttributes(_ attributes: GraphAttributes, _ owner: @autoclosure () -> String) throws {
            for (name, value) in attributes {
                if name.isEmpty { throw GraphvizError.invalidSpec("\(owner()) has an attribute with an empty name") }
                try checkText(name, "attribute name '\(name)' of \(owner())")
                try checkText(value.text, "value of attribute '\(name)' of \(owner())")
            }
        }

        try checkText(name, "graph name")
        try checkAttributes(attributes, "the graph")
        try checkAttributes(nodeDefaults, "the node defaults")
        try checkAttributes(edgeDefaults, "the edge defaults")
        if edgeDefaults["key"] != nil {
            throw GraphvizError.invalidSpec("'key' is not an edge attribute: set Edge.key")
        }

        var known = Set<String>()
        for node in nodes {
            try checkText(node.name, "node name '\(node.name)'")
            guard known.insert(node.name).inserted else {
                throw GraphvizError.invalidSpec("node '\(node.name)' is declared twice")
            }
            try checkAttributes(node.attributes, "node '\(node.name)'")
        }
        for edge in edges {
            // Spelled out only for an error (this runs per edge).
            func label() -> String { "edge '\(edge.tail)' -> '\(edge.head)'" }
            guard known.contains(edge.tail) else {
                throw GraphvizError.invalidSpec("\(label()) uses the undeclared node '\(edge.tail)'")
            }
            guard known.contains(edge.head) else {
                throw GraphvizError.invalidSpec("\(label()) uses the undeclared node '\(edge.head)'")
            }
            if let key = edge.key { try checkText(key, "key of \(label())") }
            if edge.attributes["key"] != nil {
                throw GraphvizError.invalidSpec("\(label()) sets 'key' as an attribute: set Edge.key")
            }
            try checkAttributes(edge.attributes, label())
        }
        func checkSubgraph(_ subgraph: Subgraph) throws {
            let label = "subgraph '\(subgraph.name ?? "(anonymous)")'"
            if let name = subgraph.name { try checkText(name, "\(label) name") }
            try checkAttributes(subgraph.attributes, label)
            for member in subgraph.nodes where !known.contains(member) {
                throw GraphvizError.invalidSpec("\(label) lists the undeclared node '\(member)'")
            }
            for child in subgraph.subgraphs { try checkSubgraph(child) }
        }
        for subgraph in subgraphs { try checkSubgraph(subgraph) }
    }

    /// Checks that every name and value survives Graphviz 2.42's DOT writer and
    /// reader unchanged (see ``GraphvizContext/writeDOT(_:)``).
    package func validateForDOT() throws {
        func check(_ text: String, _ what: @autoclosure () -> String) throws {
            if let problem = DOTQuoting.problem(plain: text) {
                throw GraphvizError.invalidSpec("\(what()) cannot be written as DOT: \(problem)")
            }
        }
        func checkName(_ text: String, _ what: @autoclosure () -> String) throws {
            try check(text, what())
            if text.hasPrefix("%") {
                throw GraphvizError.invalidSpec(
                    "\(what()) cannot be written as DOT: cgraph reads names starting with '%' as anonymous (%N) names")
            }
        }
        func checkAttributes(_ attributes: GraphAttributes, _ owner: @autoclosure () -> String) throws {
            for (name, value) in attributes {
                try check(name, "attribute name '\(name)' of \(owner())")
                switch value {
                case .string(let text):
                    try check(text, "value of '\(name)' of \(owner())")
                case .html(let text):
                    if let problem = DOTQuoting.problem(html: text) {
                        throw GraphvizError.invalidSpec("HTML value of '\(name)' of \(owner()) cannot be written as DOT: \(problem)")
                    }
                }
            }
        }
        try checkName(name, "graph name")
        try checkAttributes(attributes, "the graph")
        try checkAttributes(nodeDefaults, "the node defaults")
        try checkAttributes(edgeDefaults, "the edge defaults")
        for node in nodes {
            try checkName(node.name, "node name '\(node.name)'")
            try checkAttributes(node.attributes, "node '\(node.name)'")
        }
        for edge in edges {
            // The edge's name is only spelled out for an error (this runs per edge).
            func label() -> String { "edge '\(edge.tail)' -> '\(edge.head)'" }
            if let key = edge.key { try checkName(key, "key of \(label())") }
            try checkAttributes(edge.attributes, label())
        }
        func checkSubgraph(_ subgraph: Subgraph) throws {
            let label = "subgraph '\(subgraph.name ?? "(anonymous)")'"
            if let name = subgraph.name { try checkName(name, "\(label) name") }
            try checkAttributes(subgraph.attributes, label)
            for child in subgraph.subgraphs { try checkSubgraph(child) }
        }
        for subgraph in subgraphs { try checkSubgraph(subgraph) }
    }
}

/// How Graphviz 2.42 quotes strings in DOT, and what its lexer reads back.
package enum DOTQuoting {
    /// Why `text`, written by `agwrite` between double quotes, would read back
    /// differently; `nil` when it reads back unchanged.
    ///
    /// `agwrite` only turns `"` into `\"`; backslashes and newlines are copied.
    /// The lexer then keeps `\\` as two backslashes, reads `\"` as a quote, drops
    /// backslash-newline, and drops a newline that starts a token and is followed
    /// by `"`, `\` or the end (a flex tie between two rules). So a value with an
    /// odd run of backslashes before a quote or at its end, or with such a lone
    /// newline, does not survive.
    package static func problem(plain text: String) -> String? {
        // Without quotes and newlines the text is written as it is and read back the
        // same, backslash pairs included, unless it ends with an odd run of
        // backslashes (the last one would escape the closing quote). This is the
        // common case (tooltips hold `\\n`), decided with memchr instead of the
        // simulation below.
        let simple: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return true }
            return memchr(base, Int32(UInt8(ascii: "\"")), bytes.count) == nil
                && memchr(base, Int32(UInt8(ascii: "\n")), bytes.count) == nil
        }
        if simple == true {
            var trailing = 0
            for byte in text.utf8.reversed() {
                guard byte == UInt8(ascii: "\\") else { break }
                trailing += 1
            }
            return trailing % 2 == 1 ? endingBackslash : nil
        }
        // Without quotes, backslashes and newlines the text is written and read as it is.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") }) {
            return nil
        }
        var written: [UInt8] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { written.append(UInt8(ascii: "\\")) }
            written.append(byte)
        }
        var read: [UInt8] = []
        var i = 0
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n")
        while i < written.count {
            let c = written[i]
            if c == backslash {
                let next: UInt8? = i + 1 < written.count ? written[i + 1] : nil
                switch next {
                case quote: read.append(quote); i += 2
                case backslash: read.append(backslash); read.append(backslash); i += 2
                case newline: i += 2
                case nil: return endingBackslash
                default: read.append(backslash); i += 1
                }
            } else if c == quote {
                return "a backslash before a double quote makes the quote end the string"
            } else {
                var j = i
                while j < written.count, written[j] != quote, written[j] != backslash { j += 1 }
                if c == newline, j - i == 1 {
                    i += 1  // The lexer's newline rule wins the tie: the newline is lost.
                } else {
                    read.append(contentsOf: written[i..<j])
                    i = j
                }
            }
        }
        if read != Array(text.utf8) {
            return "Graphviz 2.42 would read it back changed (a newline next to a backslash, quote or the end is dropped)"
        }
        return nil
    }

    package static let endingBackslash = "it ends with an unescaped backslash, which would escape the closing quote"

    /// Why an HTML-like value cannot be written as `<text>`: its `<`/`>` must nest.
    package static func problem(html text: String) -> String? {
        var depth = 0
        let nested: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                if byte == UInt8(ascii: "<") { depth += 1 }
                if byte == UInt8(ascii: ">") {
                    depth -= 1
                    if depth < 0 { return false }
                }
            }
            return true
        }
        if let nested {
            if !nested { return "an unmatched '>' would end the HTML string early" }
            return depth == 0 ? nil : "an unmatched '<' would leave the HTML string open"
        }
        for byte in text.utf8 {
            if byte == UInt8(ascii: "<") { depth += 1 }
            if byte == UInt8(ascii: ">") {
                depth -= 1
                if depth < 0 { return "an unmatched '>' would end the HTML string early" }
            }
        }
        return depth == 0 ? nil : "an unmatched '<' would leave the HTML string open"
    }
}
