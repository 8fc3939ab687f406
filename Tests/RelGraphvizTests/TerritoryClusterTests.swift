import Foundation
import Testing
@testable import RelGraph
@testable import RelGraphDrawing
@testable import RelGraphviz

/// Pakistan ⊃ Khyber Pakhtunkhwa ⊃ Orakzai, Afghanistan ⊃ Kabul; groups based in
/// them, an agency within one, an event that occurred in two nested places.
let clusterYAML = """
title: Clusters
entities:
  - {id: pakistan, kind: state, name: Pakistan}
  - {id: kp, kind: territory, name: Khyber Pakhtunkhwa, within: pakistan}
  - {id: orakzai, kind: territory, name: Orakzai, within: kp}
  - {id: afghanistan, kind: state, name: Afghanistan}
  - {id: kabul, kind: territory, name: Kabul, within: afghanistan}
  - {id: isi, kind: agency, name: ISI, within: pakistan}
  - {id: ttp, kind: group, name: TTP}
  - {id: iskp, kind: group, name: ISKP}
  - {id: attack, kind: event, name: Attack, since: 2020-03}
  - {id: elsewhere, kind: group, name: Elsewhere}
relations:
  - {from: ttp, type: based-in, to: orakzai}
  - {from: iskp, type: based-in, to: afghanistan}
  - {from: iskp, type: based-in, to: kabul}
  - {from: isi, type: based-in, to: kabul}
  - {from: attack, type: occurred-in, to: afghanistan}
  - {from: attack, type: occurred-in, to: kabul}
  - {from: isi, type: sponsors, to: iskp}
  - {from: iskp, type: perpetrated, to: attack}
  - {from: elsewhere, type: rival-of, to: ttp}
"""

func loadNetwork(_ yaml: String) -> Network {
    let loaded = NetworkLoader().load(bytes: Array(yaml.utf8), file: "t.yaml", format: .yaml)
    precondition(!loaded.hasErrors, "\(loaded.errors.map(\.formatted))")
    return loaded.network
}

/// The bounding box of the first shape (path, polygon, ellipse) inside each
/// element that has an id, read from an SVG (y as written: down is bigger).
func shapeBoxes(_ svg: Data) throws -> [String: (minX: Double, minY: Double, maxX: Double, maxY: Double)] {
    var boxes: [String: (Double, Double, Double, Double)] = [:]
    func numbers(_ text: String) -> [Double] {
        var out: [Double] = []
        var current = ""
        for c in text {
            if c.isNumber || c == "." || (c == "-" && current.isEmpty) { current.append(c) } else {
                if let n = Double(current) { out.append(n) }
                current = c == "-" ? "-" : ""
            }
        }
        if let n = Double(current) { out.append(n) }
        return out
    }
    func box(of element: XMLElement) -> (Double, Double, Double, Double)? {
        switch element.name {
        case "ellipse":
            guard let cx = Double(element[attribute: "cx"] ?? ""), let cy = Double(element[attribute: "cy"] ?? ""),
                  let rx = Double(element[attribute: "rx"] ?? ""), let ry = Double(element[attribute: "ry"] ?? "") else { return nil }
            return (cx - rx, cy - ry, cx + rx, cy + ry)
        case "path", "polygon":
            let values = numbers(element[attribute: element.name == "path" ? "d" : "points"] ?? "")
            guard values.count >= 2 else { return nil }
            let xs = stride(from: 0, to: values.count - 1, by: 2).map { values[$0] }
            let ys = stride(from: 1, to: values.count, by: 2).map { values[$0] }
            return (xs.min()!, ys.min()!, xs.max()!, ys.max()!)
        default:
            for case .element(let child) in element.children {
                if let b = box(of: child) { return b }
            }
            return nil
        }
    }
    func walk(_ element: XMLElement) {
        if element.name == "g", let id = element[attribute: "id"], let b = box(of: element) { boxes[id] = b }
        for case .element(let child) in element.children { walk(child) }
    }
    walk(try XMLReader.parse(svg))
    return boxes.mapValues { (minX: $0.0, minY: $0.1, maxX: $0.2, maxY: $0.3) }
}

@Suite("Territory clusters")
struct TerritoryClusterTests {
    let network = loadNetwork(clusterYAML)

    func diagram(_ network: Network) throws -> Diagram {
        var options = DiagramOptions()
        options.cluster = .territories
        return DiagramBuilder(options: options).build(try network.applying(ViewDefinition()), full: network)
    }

    @Test("the within hierarchy nests; based-in and occurred-in place entities in the deepest place; within wins")
    func structure() throws {
        let clusters = try diagram(network).clusters
        let expected = [
            Diagram.Cluster(id: "afghanistan", label: "Afghanistan", nodeIDs: ["afghanistan"], children: [
                Diagram.Cluster(id: "kabul", label: "Kabul", nodeIDs: ["attack", "iskp", "kabul"], children: []),
            ]),
            Diagram.Cluster(id: "pakistan", label: "Pakistan", nodeIDs: ["isi", "pakistan"], children: [
                Diagram.Cluster(id: "kp", label: "Khyber Pakhtunkhwa", nodeIDs: ["kp"], children: [
                    Diagram.Cluster(id: "orakzai", label: "Orakzai", nodeIDs: ["orakzai", "ttp"], children: []),
                ]),
            ]),
        ]
        #expect(clusters == expected)
        // Without clustering, none.
        let plain = DiagramBuilder().build(try network.applying(ViewDefinition()), full: network)
        #expect(plain.clusters.isEmpty)
        // A view's `cluster: territories` asks for them too.
        let viaView = DiagramBuilder().build(try network.applying(ViewDefinition(cluster: .territories)), full: network)
        #expect(viaView.clusters == expected)
    }

    @Test("a container the view hides makes no cluster, and what it held is placed no further up")
    func hiddenContainer() throws {
        let view = try network.applying(ViewDefinition(excludeKinds: [.state]))
        let clusters = DiagramBuilder().build(view, full: network).clusters
        let viewWithClusters = ViewResult(view: ViewDefinition(cluster: .territories), network: view.network, summary: "", notes: [])
        #expect(clusters.isEmpty)
        let drawn = DiagramBuilder().build(viewWithClusters, full: network).clusters
        #expect(drawn.map(\.id) == ["kabul", "kp"])
        #expect(drawn[1].children.map(\.id) == ["orakzai"])
    }

    @Test("the SVG nests the boxes: Orakzai inside Khyber Pakhtunkhwa inside Pakistan, members inside their box")
    func geometry() throws {
        let data = try svg(network, view: ViewDefinition(cluster: .territories)) { $0.svg.idPrefix = "rg-t" }
        let boxes = try shapeBoxes(data)
        func inside(_ inner: String, _ outer: String) -> Bool {
            guard let a = boxes[inner], let b = boxes[outer] else { return false }
            return a.minX >= b.minX && a.maxX <= b.maxX && a.minY >= b.minY && a.maxY <= b.maxY
        }
        for id in ["pakistan", "kp", "orakzai", "afghanistan", "kabul"] {
            #expect(boxes["rg-t-cluster-\(id)"] != nil, "cluster \(id)")
        }
        #expect(inside("rg-t-cluster-orakzai", "rg-t-cluster-kp"))
        #expect(inside("rg-t-cluster-kp", "rg-t-cluster-pakistan"))
        #expect(inside("rg-t-cluster-kabul", "rg-t-cluster-afghanistan"))
        #expect(inside("rg-t-entity-ttp", "rg-t-cluster-orakzai"))
        #expect(inside("rg-t-entity-isi", "rg-t-cluster-pakistan") && !inside("rg-t-entity-isi", "rg-t-cluster-kp"))
        #expect(inside("rg-t-entity-attack", "rg-t-cluster-kabul"))
        #expect(inside("rg-t-entity-pakistan", "rg-t-cluster-pakistan"))
        #expect(!inside("rg-t-entity-elsewhere", "rg-t-cluster-pakistan") && !inside("rg-t-entity-elsewhere", "rg-t-cluster-afghanistan"))
        let text = data.text
        #expect(text.contains("<title>Within Khyber Pakhtunkhwa</title>"))
        #expect(text.contains("class=\"cluster territory\""))
    }

    @Test("cluster ids are stable: the file's order does not change a byte")
    func stableIDs() throws {
        var lines = clusterYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let entities = lines.indices.filter { lines[$0].hasPrefix("  - {id:") }
        let reversed = entities.reversed().map { lines[$0] }
        for (index, line) in zip(entities, reversed) { lines[index] = line }
        let shuffled = loadNetwork(lines.joined(separator: "\n"))
        #expect(shuffled.entities.first?.id == "elsewhere")
        let view = ViewDefinition(cluster: .territories)
        let a = try svg(network, view: view) { $0.svg.idPrefix = "rg-t" }
        let b = try svg(shuffled, view: view) { $0.svg.idPrefix = "rg-t" }
        #expect(a == b)
    }

    @Test("nested boxes alternate the cluster fill and the background")
    func fills() throws {
        let spec = DiagramGraph.spec(for: try diagram(network))
        let pakistan = try #require(spec.subgraphs.first { $0.name == "cluster_pakistan" })
        let kp = try #require(pakistan.subgraphs.first)
        let orakzai = try #require(kp.subgraphs.first)
        #expect(pakistan.attributes["fillcolor"]?.text == Theme.light.clusterFill)
        #expect(kp.attributes["fillcolor"]?.text == Theme.light.background)
        #expect(orakzai.attributes["fillcolor"]?.text == Theme.light.clusterFill)
        #expect(pakistan.attributes["labelloc"] == "t")
    }

    @Test("only dot and fdp lay out clusters")
    func engines() throws {
        #expect(LayoutEngine.standard.filter(\.drawsClusters) == [.dot, .fdp])
        let data = try svg(network, view: ViewDefinition(cluster: .territories)) { $0.engine = .engine(.fdp); $0.svg.idPrefix = "rg-t" }
        let boxes = try shapeBoxes(data)
        #expect(boxes["rg-t-cluster-orakzai"] != nil)
    }

    @Test("the flagship's territorial footprint: Orakzai inside Khyber Pakhtunkhwa inside Pakistan")
    func flagshipFootprint() throws {
        let view = try flagship.view(named: "territorial-footprint")
        #expect(view.cluster == .territories)
        let data = try svg(flagship, view: view) { $0.svg.idPrefix = "rg-f" }
        let boxes = try shapeBoxes(data)
        func inside(_ inner: String, _ outer: String) -> Bool {
            guard let a = boxes[inner], let b = boxes[outer] else { return false }
            return a.minX >= b.minX && a.maxX <= b.maxX && a.minY >= b.minY && a.maxY <= b.maxY
        }
        #expect(inside("rg-f-entity-orakzai-district", "rg-f-cluster-khyber-pakhtunkhwa"))
        #expect(inside("rg-f-entity-bajaur-attack", "rg-f-cluster-bajaur-district"))
        #expect(inside("rg-f-cluster-khyber-pakhtunkhwa", "rg-f-cluster-pakistan"))
        #expect(inside("rg-f-entity-isi", "rg-f-cluster-pakistan"))
    }
}
