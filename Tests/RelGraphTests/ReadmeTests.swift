import Foundation
import Testing
@testable import RelGraph

/// The README and the pages it hands the reference to are the user's manual:
/// their examples must stay true.
@Suite("README")
struct ReadmeTests {
    /// The pages that were the README's reference (the README links each).
    static let pages = ["README.md", "docs/input-format.md", "docs/views.md", "docs/render.md", "docs/commands.md", "docs/install.md"]

    /// The README and those pages, one after the other. A missing page fails the
    /// tests that look for its text.
    let readme = pages.map { (try? String(contentsOf: packageRoot.appendingPathComponent($0), encoding: .utf8)) ?? "" }
        .joined(separator: "\n")

    @Test("the README and every page of the manual exist")
    func pagesExist() {
        for page in Self.pages { #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(page).path), "\(page)") }
    }

    /// The fenced blocks of a language in the README.
    func blocks(_ language: String) -> [String] {
        var result: [String] = []
        var current: [String]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```\(language)" { current = []; continue }
            if current != nil, line == "```" { result.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(String(line))
        }
        return result
    }

    @Test("the complete small example validates with no diagnostics at all")
    func smallExample() throws {
        let example = try #require(blocks("yaml").first { $0.hasPrefix("title:") })
        #expect(codes(example) == [])
    }

    @Test("every YAML snippet that declares types, styles or views is valid on top of the small example")
    func snippets() throws {
        let example = try #require(blocks("yaml").first { $0.hasPrefix("title:") })
        for snippet in blocks("yaml") where !snippet.hasPrefix("title:") {
            let loaded = load(example + "\n" + snippet + "\n")
            #expect(loaded.errors.isEmpty, "\(snippet)\n\(loaded.errors.map(\.formatted))")
        }
    }

    @Test("every built-in relation type is in the manual's table (docs/input-format.md), with its kinds")
    func relationTypesTable() {
        for type in RelationType.builtIn {
            let from = type.fromKinds.names(separator: ", ")
            #expect(readme.contains("| `\(type.name)` | \(type.symmetric ? "symmetric" : "directed") | \(from) |"), "\(type.name)")
        }
    }

    @Test("every diagnostic code the validator can emit is documented")
    func diagnosticCodes() {
        let all: [DiagnosticCode] = [.unreadable, .encoding, .syntax, .limit, .emptyDocument, .unknownKey, .missingKey, .wrongType,
                                     .duplicateKey, .emptyValue, .badID, .unknownKind, .unknownRelationType, .badConfidence,
                                     .badGrade, .badDate, .badURL, .badValue, .redefinedType, .duplicateEntity, .duplicateRelation,
                                     .unknownEntity, .unknownSource, .kindNotAllowed, .dateOrder, .withinCycle, .withinKind,
                                     .selfRelation, .unsupportedRelation, .isolatedEntity, .unusedSource, .suspiciousText]
        for code in all { #expect(readme.contains("`\(code.rawValue)`"), "\(code.rawValue)") }
    }

    /// GitHub's anchor of a heading: lower case, formatting marks and punctuation
    /// dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        var text = heading.trimmingCharacters(in: .whitespaces).lowercased()
        text.removeAll { "`*_".contains($0) }
        text = String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == " " }.map(Character.init))
        return text.replacingOccurrences(of: " ", with: "-")
    }

    /// The text of a Markdown file outside its fenced code blocks.
    static func prose(_ text: String) -> [Substring] {
        var inFence = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.hasPrefix("```") { inFence.toggle(); return false }
            return !inFence
        }
    }

    @Test("every relative link and #anchor in the README, docs/, ARCHITECTURE.md and CONTRIBUTING.md resolves")
    func linksResolve() throws {
        let root = packageRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        let files = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "graphs/corpus/README.md"] + docs.sorted()
        func anchors(_ path: String) -> Set<String> {
            guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { return [] }
            return Set(Self.prose(text).compactMap { line -> String? in
                guard line.hasPrefix("#"), let space = line.firstIndex(of: " ") else { return nil }
                return Self.anchor(String(line[space...]))
            })
        }
        let link = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let folder = (file as NSString).deletingLastPathComponent
            for line in Self.prose(text) {
                let string = String(line)
                for match in link.matches(in: string, range: NSRange(string.startIndex..., in: string)) {
                    let target = String(string[Range(match.range(at: 1), in: string)!])
                    if target.range(of: #"^[a-z]+:"#, options: .regularExpression) != nil { continue }
                    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    let path = parts[0].isEmpty ? file : ((folder as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
                    checked += 1
                    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(file): \(target): no such file")
                    if parts.count == 2, path.hasSuffix(".md") {
                        #expect(anchors(path).contains(parts[1]), "\(file): \(target): no such heading")
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}
