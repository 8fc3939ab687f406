import Foundation
@testable import RelGraph
import RelGraphTestSupport

/// Loads a document from a string, as `relgraph validate` would a file called `file`.
func load(_ text: String, file: String = "test.yaml", format: InputFormat? = nil) -> LoadedNetwork {
    NetworkLoader().load(bytes: Array(text.utf8), file: file, format: format ?? InputFormat.fromExtension(of: file))
}

/// The diagnostics of a document as `code@line:column` strings, sorted by position.
func codes(_ text: String, file: String = "test.yaml") -> [String] {
    load(text, file: file).diagnostics.map { d in
        "\(d.code.rawValue)@\(d.location.map { "\($0.line):\($0.column)" } ?? "-")"
    }
}

/// The path of the package root, for reading committed files in tests.
let packageRoot: URL = TestPaths.packageRoot

/// A minimal valid document with two entities and one claimed relation, to which a
/// test appends or changes lines.
let minimalYAML = """
title: Minimal
sources:
  op-ed: {title: An op-ed, publisher: A paper, date: 2025-10-09}
entities:
  - {id: isi, kind: agency, name: ISI}
  - {id: iskp, kind: group, name: ISKP}
relations:
  - from: isi
    type: sponsors
    to: iskp
    confidence: alleged
    claims:
      - {source: op-ed, quote: "deep ties"}
"""
