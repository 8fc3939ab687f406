import Foundation

/// Splits DOT text into statements, and writes it back with statements
/// reordered and reformatted, without changing what the graph means. For tests
/// on DOT that relgraph did not write.
///
/// What may move without changing the graph: node and edge statements between
/// two "barriers" of the same block. Barriers stay where they are: attribute
/// statements (`node [...]`, `edge [...]`, `graph [...]`, whose defaults apply
/// only to what follows), `name=value` graph attributes, and subgraph blocks
/// (whose nodes take the subgraph's defaults only when the subgraph creates
/// them). Subgraph blocks are shuffled inside in the same way.
///
/// Reformatting: comments are dropped, every statement goes on its own line
/// with a `;`, with other indentation and spacing; `a b c;` becomes three
/// statements.
struct DOTDocument {
    indirect enum Statement {
        /// Tokens of a node, edge, attribute or `name=value` statement (edge
        /// operands that are blocks are kept as tokens).
        case simple([String])
        /// `subgraph name { ... }` or `{ ... }` standing alone: its header tokens and body.
        case block(header: [String], body: [Statement])

        var isBarrier: Bool {
            switch self {
            case .block: return true
            case .simple(let tokens):
                guard let first = tokens.first?.lowercased() else { return true }
                if ["graph", "node", "edge"].contains(first), tokens.count > 1, tokens[1] == "[" { return true }
                return tokens.count > 1 && tokens[1] == "="
            }
        }

        /// Whether it is an edge statement (`a -> b`, `a -- b`).
        var edgeOperators: Int {
            if case .simple(let tokens) = self { return tokens.filter { $0 == "->" || $0 == "--" }.count }
            return 0
        }
    }

    /// `strict digraph name` (the tokens before the outer `{`).
    var header: [String]
    var body: [Statement]

    // MARK: Reading

    init(_ text: String) throws {
        var tokens = DOTDocument.tokenize(text)[...]
        var header: [String] = []
        while let token = tokens.first, token != "{" { header.append(token); tokens.removeFirst() }
        guard tokens.first == "{" else { throw ShuffleError.malformed("no '{'") }
        tokens.removeFirst()
        self.header = header
        body = try DOTDocument.statements(&tokens)
    }

    enum ShuffleError: Error { case malformed(String) }

    static func tokenize(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var tokens: [String] = []
        var i = 0
        var lineStart = true
        func isIDChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "." || c.value >= 0x80
        }
        while i < s.count {
            let c = s[i]
            if c == "\n" { lineStart = true; i += 1; continue }
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            defer { lineStart = false }
            if c == "#" && lineStart {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", i + 1 < s.count, s[i + 1] == "/" {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                i += 2
                while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            if c == "\"" {
                var token = "\""
                i += 1
                while i < s.count {
                    token.unicodeScalars.append(s[i])
                    if s[i] == "\\", i + 1 < s.count { token.unicodeScalars.append(s[i + 1]); i += 2; continue }
                    i += 1
                    if s[i - 1] == "\"" { break }
                }
                tokens.append(token)
                continue
            }
            if c == "<" {
                var depth = 0
                var token = ""
                repeat {
                    if s[i] == "<" { depth += 1 } else if s[i] == ">" { depth -= 1 }
                    token.unicodeScalars.append(s[i])
                    i += 1
                } while i < s.count && depth > 0
                tokens.append(token)
                continue
            }
            if c == "-", i + 1 < s.count, s[i + 1] == ">" || s[i + 1] == "-" {
                tokens.append("-" + String(s[i + 1]))
                i += 2
                continue
            }
            if "{}[];,=:+".unicodeScalars.contains(c) {
                tokens.append(String(c))
                i += 1
                continue
            }
            var token = ""
            if c == "-" { token = "-"; i += 1 }  // a negative number: -1.5
            while i < s.count, isIDChar(s[i]) {
                token.unicodeScalars.append(s[i])
                i += 1
            }
            if token.isEmpty {
                token.unicodeScalars.append(s[i])
                i += 1
            }
            tokens.append(token)
        }
        return tokens
    }

    /// Statements up to the block's closing `}` (consumed).
    static func statements(_ tokens: inout ArraySlice<String>) throws -> [Statement] {
        var result: [Statement] = []
        while let token = tokens.first {
            if token == "}" { tokens.removeFirst(); return result }
            if token == ";" || token == "," { tokens.removeFirst(); continue }
            result.append(try statement(&tokens))
        }
        throw ShuffleError.malformed("missing '}'")
    }

    /// One ID, with `"a" + "b"` concatenations.
    static func id(_ tokens: inout ArraySlice<String>) -> [String] {
        var out = [tokens.removeFirst()]
        while tokens.first == "+", tokens.count > 1 {
            out.append(tokens.removeFirst())
            out.append(tokens.removeFirst())
        }
        return out
    }

    /// A block `subgraph [name] { ... }` or `{ ... }`: header tokens and body.
    static func block(_ tokens: inout ArraySlice<String>) throws -> ([String], [Statement]) {
        var header: [String] = []
        if tokens.first?.lowercased() == "subgraph" {
            header.append(tokens.removeFirst())
            if let next = tokens.first, next != "{" { header += id(&tokens) }
        }
        guard tokens.first == "{" else { return (header, []) }  // `subgraph name` without a body
        tokens.removeFirst()
        return (header, try statements(&tokens))
    }

    static func write(_ statements: [Statement], depth: Int) -> [String] {
        statements.flatMap { line($0, depth: depth) }
    }

    /// An operand: a node id with ports, or a block (kept verbatim).
    static func operand(_ tokens: inout ArraySlice<String>) throws -> [String] {
        if tokens.first?.lowercased() == "subgraph" || tokens.first == "{" {
            let (header, body) = try block(&tokens)
            return header + ["{"] + write(body, depth: 0).map { $0.trimmingCharacters(in: .whitespaces) } + ["}"]
        }
        var out = id(&tokens)
        while tokens.first == ":", tokens.count > 1 {
            out.append(tokens.removeFirst())
            out += id(&tokens)
        }
        return out
    }

    static func attributeLists(_ tokens: inout ArraySlice<String>) -> [String] {
        var out: [String] = []
        while tokens.first == "[" {
            while let token = tokens.first {
                out.append(tokens.removeFirst())
                if token == "]" { break }
            }
        }
        return out
    }

    static func statement(_ tokens: inout ArraySlice<String>) throws -> Statement {
        let first = tokens.first!.lowercased()
        if ["graph", "node", "edge"].contains(first), tokens.dropFirst().first == "[" {
            let keyword = tokens.removeFirst()
            return .simple([keyword] + attributeLists(&tokens))
        }
        if first == "subgraph" || first == "{" {
            let (header, body) = try block(&tokens)
            guard tokens.first == "->" || tokens.first == "--" else { return .block(header: header, body: body) }
            var out = header + ["{"] + write(body, depth: 0).map { $0.trimmingCharacters(in: .whitespaces) } + ["}"]
            while tokens.first == "->" || tokens.first == "--" {
                out.append(tokens.removeFirst())
                out += try operand(&tokens)
            }
            return .simple(out + attributeLists(&tokens))
        }
        var out = try operand(&tokens)
        if tokens.first == "=" {
            out.append(tokens.removeFirst())
            out += id(&tokens)
            return .simple(out)
        }
        while tokens.first == "->" || tokens.first == "--" {
            out.append(tokens.removeFirst())
            out += try operand(&tokens)
        }
        return .simple(out + attributeLists(&tokens))
    }

    // MARK: Writing

    static func line(_ statement: Statement, depth: Int) -> [String] {
        let indent = String(repeating: depth % 2 == 0 ? "   " : "\t", count: depth + 1)
        switch statement {
        case .simple(let tokens):
            return [indent + tokens.joined(separator: " ") + " ;"]
        case .block(let header, let body):
            return [indent + (header + ["{"]).joined(separator: " ")] + write(body, depth: depth + 1) + [indent + "}"]
        }
    }

    /// The document written back, with node and edge statements shuffled between barriers.
    func shuffled(using rng: inout SeededGenerator) -> String {
        func shuffle(_ statements: [Statement]) -> [Statement] {
            var result: [Statement] = []
            var run: [Statement] = []
            for statement in statements {
                if statement.isBarrier {
                    result += run.shuffled(using: &rng)
                    run = []
                    if case .block(let header, let body) = statement {
                        result.append(.block(header: header, body: shuffle(body)))
                    } else {
                        result.append(statement)
                    }
                } else {
                    run.append(statement)
                }
            }
            return result + run.shuffled(using: &rng)
        }
        return text(body: shuffle(body))
    }

    /// The document written back with `body` as its statements.
    func text(body: [Statement]) -> String {
        (header + ["{"]).joined(separator: " ") + "\n" + DOTDocument.write(body, depth: 0).joined(separator: "\n") + "\n}\n"
    }

    /// The top-level edge statements with one edge whose ends are both named in
    /// some other statement (removing one removes exactly that edge), with
    /// their index in `body`.
    var removableEdges: [Int] {
        func names(_ statement: Statement) -> Set<String> {
            switch statement {
            case .simple(let tokens): return Set(tokens)
            case .block(_, let body): return body.reduce(into: Set<String>()) { $0.formUnion(names($1)) }
            }
        }
        return body.indices.filter { index in
            guard body[index].edgeOperators == 1, case .simple(let tokens) = body[index],
                  !tokens.contains("{"), !tokens.contains("key") else { return false }
            let others = body.indices.filter { $0 != index }.reduce(into: Set<String>()) { $0.formUnion(names(body[$1])) }
            let op = tokens.firstIndex { $0 == "->" || $0 == "--" }!
            return others.contains(tokens[0]) && others.contains(tokens[op + 1])
        }
    }
}
