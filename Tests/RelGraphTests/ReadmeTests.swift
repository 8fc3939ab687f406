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
}
