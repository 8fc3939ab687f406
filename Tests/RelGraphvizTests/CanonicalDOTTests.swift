import Foundation
import Testing
import RelGraphTestSupport
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

extension GraphvizTests {
    /// relgraph's DOT is canonical: the same network gives the same bytes however
    /// its file is ordered, in every process, and one edit changes only the lines
    /// of what was edited. That is what makes `git diff` of DOT readable.
    @Suite("canonical DOT") struct CanonicalDOT {
        // MARK: Order does not matter

        @Test("100 shuffles of the flagship's entities, relations, keys, aliases and tags give byte-identical DOT")
        func shuffledFlagshipGivesIdenticalBytes() throws {
            let original = try Flagship.network()
            let plain = try canonicalDOT(original)
            let clustered = try canonicalDOT(original, cluster: .territories)
            var rng = SeededGenerator(seed: 20251009)
            var reorderedEntities = 0
            for round in 0..<100 {
                let text = try YAMLShuffler.shuffle(Flagship.yaml, using: &rng)
                let network = try load(text, file: "shuffled-\(round).yaml")
                if network.entities.map(\.id) != original.entities.map(\.id) { reorderedEntities += 1 }
                #expect(network.entities.count == original.entities.count)
                #expect(network.relations.count == original.relations.count)
                #expect(try canonicalDOT(network) == plain, "shuffle \(round) (seeded) changed the DOT")
                #expect(try canonicalDOT(network, cluster: .territories) == clustered, "shuffle \(round), clustered")
            }
            #expect(reorderedEntities == 100, "the shuffler must really reorder")
        }

        @Test("lists without meaning built in code in any order give the same DOT (sources of relations too)")
        func listsWithoutMeaningBuiltInCode() throws {
            var rng = SeededGenerator(seed: 7)
            let base = try Flagship.network()
            var rich = base
            rich.sources["second-source"] = Source(id: "second-source", title: "Second", publisher: "Another paper")
            rich.sources["third-source"] = Source(id: "third-source", title: "Third", publisher: "A third paper")
            for index in rich.relations.indices where index % 3 == 0 {
                rich.relations[index].sources = ["third-source", "asian-age-2025-10-09", "second-source"]
                rich.relations[index].tags += ["zeta", "alpha"]
            }
            rich.style.tags["alpha"] = StyleRule(color: "#123456")
            rich.style.tags["zeta"] = StyleRule(color: "#654321")
            let expected = try canonicalDOT(rich)
            for _ in 0..<20 {
                var shuffled = rich
                shuffled.entities.shuffle(using: &rng)
                shuffled.relations.shuffle(using: &rng)
                for i in shuffled.relations.indices {
                    shuffled.relations[i].sources.shuffle(using: &rng)
                    shuffled.relations[i].tags.shuffle(using: &rng)
                }
                for i in shuffled.entities.indices {
                    shuffled.entities[i].aliases.shuffle(using: &rng)
                    shuffled.entities[i].tags.shuffle(using: &rng)
                }
                // Dictionaries rebuilt in another insertion order and capacity.
                var sources: [String: Source] = [:]
                sources.reserveCapacity(Int.random(in: 1...64, using: &rng))
                for key in shuffled.sources.keys.shuffled(using: &rng) { sources[key] = shuffled.sources[key] }
                shuffled.sources = sources
                #expect(try canonicalDOT(shuffled) == expected)
            }
        }

        // MARK: Same bytes in every process

        /// The flagship's DOT, compared byte for byte with a committed golden, so
        /// it is the same across processes (Swift's hash seed changes per process).
        /// `make goldens` (RELGRAPH_ACCEPT_GOLDENS=1 swift test --filter Golden)
        /// rewrites it after an intended change; review `git diff` after.
        @Test(.enabled(if: Golden.exist(for: graphvizVersion, in: Paths.goldens), Golden.missingReason(for: graphvizVersion)))
        func flagshipDOTMatchesGolden() throws {
            let name = "iskp-isi-nexus.graphviz-\(graphvizVersion).dot"
            let data = Data(try canonicalDOT(Flagship.network()).utf8)
            let outcome = try Golden.check(data, name: name, in: Paths.goldens)
            #expect(outcome == .same || outcome == .rewritten, "\(outcome)")
        }

        // MARK: Form

        @Test("one statement per line, attributes sorted, no wrapping, LF and a final newline",
              arguments: [false, true])
        func oneStatementPerLine(clustered: Bool) throws {
            let dot = try canonicalDOT(Flagship.network(), cluster: clustered ? .territories : nil)
            #expect(dot.hasSuffix("}\n"))
            #expect(!dot.hasSuffix("\n\n"))
            #expect(!dot.contains("\r"))
            let all = lines(dot)
            #expect(all.first == "digraph relgraph {")
            #expect(all.last == "}")
            for line in all {
                #expect(!line.hasSuffix("\\"), "wrapped line: \(line.prefix(80))")
                let statement = line.trimmingCharacters(in: .whitespaces)
                let isStructure = statement.hasPrefix("digraph ") || statement.hasPrefix("subgraph ") || statement == "}"
                if let list = attributeList(of: line) {
                    var names = attributeNames(inList: list)
                    #expect(!names.isEmpty)
                    if names.first == "key" { names.removeFirst() }  // an edge's key comes first
                    #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "unsorted: \(line.prefix(80))")
                    // Nothing after the list but an optional ';'.
                    let rest = line[list.endIndex...].dropFirst()
                    #expect(rest == "" || rest == ";", "more after the list: \(line.prefix(80))")
                } else if !isStructure {
                    #expect(statement.hasSuffix(";"), "bare statement without ';': \(line.prefix(80))")
                    #expect(statement.dropLast().contains(";") == false || statement.hasPrefix("\""))
                }
            }
        }

        @Test("no layout data, no version string, no timestamp")
        func noLayoutVersionOrTime() throws {
            let dot = try canonicalDOT(Flagship.network())
            for line in lines(dot) {
                guard let list = attributeList(of: line) else { continue }
                let names = Set(attributeNames(inList: list))
                #expect(names.isDisjoint(with: ["pos", "bb", "lp", "width", "height", "rects", "xlp", "head_lp", "tail_lp",
                                                 "_draw_", "_ldraw_", "xdotversion", "lheight", "lwidth", "lpos"]),
                        "layout data in \(line.prefix(80))")
            }
            #expect(!dot.localizedCaseInsensitiveContains("graphviz"))
            #expect(!dot.contains("Generated by"))
            #expect(!dot.contains("/*") && !dot.contains("//"))
            #expect(dot.range(of: #"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"#, options: .regularExpression) == nil)
        }

        @Test("ids with ':', quotes and backslashes are quoted names, never ports")
        func awkwardIdsAreQuotedNames() throws {
            let ids = ["a:b", "iskp:ne", "say \"hi\"", "back\\slash", "node", "x -> y", "1st", "semi;colon", "[bracket]"]
            let network = Network(
                title: "Awkward ids",
                entities: ids.map { Entity(id: $0, kind: .group, name: "Name of \($0)") },
                relations: zip(ids, ids.dropFirst()).map { Relation(from: $0, type: "allied-with", to: $1) })
            let dot = try canonicalDOT(network)
            #expect(dot.contains("\t\t\"a:b\"\t["))
            #expect(dot.contains("\t\t\"say \\\"hi\\\"\"\t["))
            let graph = try gv.readDOT(Data(dot.utf8)).graph
            #expect(Set(graph.nodes.map(\.name)) == Set(ids))
            #expect(graph.edges.count == ids.count - 1)
            for edge in graph.edges {
                #expect(edge.attributes["tailport"] == nil && edge.attributes["headport"] == nil, "read as a port: \(edge)")
                #expect(ids.contains(edge.tail) && ids.contains(edge.head))
            }
            // Each id on its own line, with exactly one node statement per entity.
            for id in ids {
                #expect(graph.node(named: id)?.attributes["tooltip"]?.text.hasPrefix("Name of") == true)
            }
        }

        @Test("an id DOT cannot hold (a trailing backslash) is refused with a clear error, never written wrong")
        func unwritableIdIsRefused() throws {
            let network = Network(entities: [Entity(id: "ends\\", kind: .group, name: "X")])
            #expect {
                _ = try canonicalDOT(network)
            } throws: { error in
                "\(error)".contains("ends\\") && "\(error)".contains("cannot be written as DOT")
            }
        }

        // MARK: One edit, its own lines only

        @Test("changing one field of one entity changes only that entity's line", arguments: ["description", "since", "aliases"])
        func oneFieldOfOneEntity(field: String) throws {
            let old = try Flagship.network()
            var new = old
            let index = new.entities.firstIndex { $0.id == "ttp" }!
            switch field {
            case "description": new.entities[index].description = "Pakistani Taliban umbrella group."
            case "since": new.entities[index].since = PartialDate("2007-12")
            default: new.entities[index].aliases.append("Pakistani Taliban")
            }
            let (removed, added) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(removed.count == 1 && added.count == 1)
            #expect(removed.allSatisfy { $0.hasPrefix("\t\tttp\t[") })
            #expect(added.allSatisfy { $0.hasPrefix("\t\tttp\t[") })
        }

        @Test("changing a relation's confidence changes only its line")
        func oneRelationConfidence() throws {
            let old = try Flagship.network()
            var new = old
            let index = new.relations.firstIndex { $0.key == "isi trains iskp" }!
            new.relations[index].confidence = .reported
            let (removed, added) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(removed.count == 1 && added.count == 1)
            #expect(removed.first?.hasPrefix("\tisi -> iskp\t[key=\"isi trains iskp\"") == true)
            #expect(added.first?.contains("confidence-reported") == true)
        }

        @Test("adding an entity of an existing kind adds its line and changes no other line")
        func addingAnEntity() throws {
            let old = try Flagship.network()
            var new = old
            new.entities.append(Entity(id: "zabihullah-mujahid", kind: .person, name: "Zabihullah Mujahid",
                                       description: "Taliban spokesman.", sources: ["asian-age-2025-10-09"]))
            let (removed, added) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(removed.isEmpty)
            #expect(added.count == 1)
            #expect(added.first?.hasPrefix("\t\t\"zabihullah-mujahid\"\t[") == true)

            // With a relation of an existing type and confidence: one more line, still nothing changed.
            new.relations.append(Relation(from: "zabihullah-mujahid", type: "member-of", to: "afghan-taliban", confidence: .confirmed))
            let (removed2, added2) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(removed2.isEmpty)
            #expect(added2.count == 2)
        }

        @Test("removing a relation removes its line only")
        func removingARelation() throws {
            let old = try Flagship.network()
            var new = old
            new.relations.removeAll { $0.key == "isi trains iskp" }  // `pakistan trains iskp` keeps the type drawn
            let (removed, added) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(added.isEmpty)
            #expect(removed.count == 1)
            #expect(removed.first?.contains("key=\"isi trains iskp\"") == true)
        }

        @Test("the legend line changes only when the set of drawn types changes")
        func legendChangesWithTheSetOfTypes() throws {
            let old = try Flagship.network()
            var new = old
            new.relations.removeAll { $0.key == "isi funds iskp" }  // the only `funds` relation
            let (removed, added) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(removed.count == 2 && added.count == 1)
            #expect(removed.contains { $0.hasPrefix("\tgraph [") } && added.first?.hasPrefix("\tgraph [") == true)
            // Without the legend, only the relation's line.
            let (removedBare, addedBare) = lineChanges(try canonicalDOT(old, legend: false), try canonicalDOT(new, legend: false))
            #expect(removedBare.count == 1 && addedBare.isEmpty)
        }

        @Test("renaming an entity changes its line and the lines of its relations (their tooltips quote names), nothing else")
        func renamingAnEntity() throws {
            let old = try Flagship.network()
            var new = old
            new.entities[new.entities.firstIndex { $0.id == "ttp" }!].name = "Tehrik-i-Taliban Pakistan"
            let (removed, added) = lineChanges(try canonicalDOT(old), try canonicalDOT(new))
            #expect(removed.count == added.count)
            let ttpRelations = old.relations.filter { $0.from == "ttp" || $0.to == "ttp" }.map(\.key)
            for line in removed + added {
                let isNode = line.hasPrefix("\t\tttp\t[")
                let isItsRelation = ttpRelations.contains { line.contains("[key=\"\($0)\"") }
                #expect(isNode || isItsRelation, "unexpected change: \(line.prefix(100))")
            }
            #expect(removed.count == 1 + ttpRelations.count)
        }
    }
}
