import Foundation
import Testing
import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// The flagship edited as a new user would: one entity added, one confidence
/// changed, one relation removed.
func editedFlagship() throws -> (old: Network, new: Network) {
    let old = try Flagship.network()
    var new = old
    new.entities.append(Entity(id: "zabihullah-mujahid", kind: .person, name: "Zabihullah Mujahid",
                               description: "Taliban spokesman.", sources: ["asian-age-2025-10-09"]))
    new.relations[new.relations.firstIndex { $0.key == "isi trains iskp" }!].confidence = .reported
    new.relations.removeAll { $0.key == "isi funds iskp" }
    return (old, new)
}

private func overlay(_ old: Network, _ new: Network, context: Int? = nil) throws -> DiffOverlay {
    let report = NetworkDiff.compare(old, new, oldName: "old.yaml", newName: "new.yaml")
    let graphs = GraphComparison(old: try NormalizedGraph.canonical(old), new: try NormalizedGraph.canonical(new),
                                 oldSide: report.old, newSide: report.new)
    return DiffOverlay.make(graphs, model: report, context: context)
}

extension GraphvizTests {
    /// The overlay diagram of `relgraph diff --format svg|dot|png`.
    @Suite("diff overlay") struct Overlay {
        @Test("the three edits are added, changed and removed; everything else unchanged")
        func statusesFollowTheModel() throws {
            let (old, new) = try editedFlagship()
            let picture = try overlay(old, new)
            #expect(picture.nodes.filter { $0.status != .unchanged }.map(\.name) == ["zabihullah-mujahid"])
            #expect(picture.nodes.first { $0.name == "zabihullah-mujahid" }?.status == .added)
            let changedEdges = picture.edges.filter { $0.status != .unchanged }
            #expect(changedEdges.map(\.key) == ["isi funds iskp", "isi trains iskp"])
            #expect(changedEdges.map(\.status) == [.removed, .changed])
            #expect(changedEdges.last?.changedFields == ["confidence"])
            #expect(picture.counts.added == 1 && picture.counts.removed == 1 && picture.counts.changed == 1)
            #expect(picture.nodes.count == new.entities.count)
            #expect(picture.edges.count == old.relations.count)
            #expect(picture.notDrawn.isEmpty)
        }

        @Test("renaming an entity marks the entity changed, not its relations (whose tooltips changed)")
        func renameChangesTheEntityOnly() throws {
            let old = try Flagship.network()
            var new = old
            new.entities[new.entities.firstIndex { $0.id == "ttp" }!].name = "Tehrik-i-Taliban Pakistan"
            let picture = try overlay(old, new)
            #expect(picture.nodes.filter { $0.status == .changed }.map(\.name) == ["ttp"])
            #expect(picture.edges.allSatisfy { $0.status == .unchanged })
        }

        @Test("--context N keeps changed items and their neighbours up to N steps")
        func context() throws {
            let (old, new) = try editedFlagship()
            let zero = try overlay(old, new, context: 0)
            #expect(Set(zero.nodes.map(\.name)) == ["isi", "iskp", "zabihullah-mujahid"])
            #expect(zero.edges.allSatisfy { Set([$0.tail, $0.head]).isSubset(of: ["isi", "iskp"]) })
            #expect(zero.hiddenCount > 0)
            let one = try overlay(old, new, context: 1)
            #expect(one.nodes.count > zero.nodes.count)
            #expect(one.nodes.contains { $0.name == "isis" })  // iskp affiliate-of isis
            let all = try overlay(old, new)
            #expect(one.nodes.count < all.nodes.count)
        }

        @Test("SVG goes through relgraph's post-processing, with a legend that names the colours")
        func svg() throws {
            let (old, new) = try editedFlagship()
            let picture = try overlay(old, new, context: 1)
            let svg = try OverlayRenderer().render(picture, format: .svg).data.text
            #expect(svg.hasPrefix("<?xml"))
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("<title id=\"rg-title\">Differences from old.yaml to new.yaml</title>"))
            for words in ["Added: 1 (green)", "Removed: 1 (red, dashed)", "Changed: 1 (orange)", "(grey)"] {
                #expect(svg.contains(words), "legend lacks \(words)")
            }
            #expect(svg.contains("class=\"edge diff-edge diff-removed\""))
            #expect(svg.contains("stroke-dasharray"))
            #expect(svg.contains("<title>isi -&gt; iskp [isi trains iskp]: changed (confidence)</title>"))
            #expect(svg.contains("id=\"rg-node-zabihullah-mujahid\""))
            #expect(!svg.contains("<script"))
            // The same overlay gives the same bytes.
            #expect(try OverlayRenderer().render(picture, format: .svg).data.text == svg)
        }

        @Test("DOT of the overlay is canonical too: nodes first, one statement per line")
        func dot() throws {
            let (old, new) = try editedFlagship()
            let dot = try OverlayRenderer().render(try overlay(old, new, context: 0), format: .dot).data.text
            let all = lines(dot)
            let firstEdge = all.firstIndex { $0.contains(" -> ") }!
            let lastNode = all.lastIndex { $0.hasPrefix("\t\t") && $0.contains("class=\"diff-node") }!
            #expect(lastNode < firstEdge)
            #expect(dot.hasSuffix("}\n") && !dot.contains("\r"))
            #expect(all.allSatisfy { !$0.hasSuffix("\\") })
        }

        @Test("PNG renders")
        func png() throws {
            let (old, new) = try editedFlagship()
            let data = try OverlayRenderer().render(try overlay(old, new, context: 0), format: .png).data
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }

        @Test("attributes that read files or link out are not passed on from a compared DOT file")
        func untrustedDOTIsDefanged() throws {
            let old = try NormalizedGraph.read(dot: Data("digraph { a; b }".utf8)).graph
            let new = try NormalizedGraph.read(dot: Data("""
                digraph { a [image="/etc/passwd", URL="javascript:alert(1)", shapefile="/etc/hostname",
                             fontname="x\\" onload=\\"alert(1)", label=<<TABLE><TR><TD><IMG SRC="/etc/passwd"/>x</TD></TR></TABLE>>];
                          b [shape=record, label="<p> one|two"]; a -> b:p [href="javascript:x", headport=p] }
                """.utf8)).graph
            let picture = DiffOverlay.make(GraphComparison(old: old, new: new))
            let spec = OverlayGraph.spec(for: picture)
            let a = try #require(spec.nodes.first { $0.name == "a" })
            #expect(a.attributes["image"] == nil && a.attributes["URL"] == nil && a.attributes["shapefile"] == nil)
            #expect(a.attributes["fontname"] == nil)
            #expect(a.attributes["label"]?.isHTML == false)
            #expect(spec.nodes.first { $0.name == "b" }?.attributes["shape"] == "record")
            #expect(spec.edges.first?.attributes["href"] == nil)
            #expect(spec.edges.first?.attributes["headport"] == "p")
            let svg = try OverlayRenderer().render(picture, format: .svg).data.text
            #expect(!svg.contains("passwd") && !svg.contains("javascript") && !svg.contains("onload"))
        }

        @Test("clusters of compared DOT are drawn with their status")
        func clusters() throws {
            let old = try NormalizedGraph.read(dot: Data("digraph { subgraph cluster_x { label=X; a; b } subgraph cluster_y { c } a -> c }".utf8)).graph
            let new = try NormalizedGraph.read(dot: Data("digraph { subgraph cluster_x { label=X; a } b; a -> c }".utf8)).graph
            let picture = DiffOverlay.make(GraphComparison(old: old, new: new))
            #expect(picture.clusters.map(\.name) == ["cluster_x", "cluster_y"])
            #expect(picture.clusters.map(\.status) == [.changed, .removed])
            #expect(picture.clusters.first?.nodes == ["a"])
            #expect(picture.clusters.last?.nodes == ["c"])
            let svg = try OverlayRenderer().render(picture, format: .svg).data.text
            #expect(svg.contains("class=\"cluster diff-cluster diff-removed\""))
        }
    }
}
