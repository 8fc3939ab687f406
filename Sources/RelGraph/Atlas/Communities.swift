/// Splits a network's entities into communities for an atlas: groups of entities
/// more tied to each other than to the rest, each small enough for one page.
///
/// The method is Louvain (Blondel, Guillaume, Lambiotte and Lefebvre 2008) on the
/// undirected graph of the network's lines: two entities are joined with the
/// weight of how many relations run between them. It is made deterministic by
/// visiting entities in a fixed order (their ids, sorted) and breaking ties by the
/// lower community number, so the same network always gives the same pages; no
/// random seed is involved. Then:
/// - a community larger than `maxSize` is split by running Louvain inside it, and
///   if that finds no split, into runs of `maxSize` entities in breadth-first order;
/// - a community smaller than `minSize` joins the community it has most weight to
///   (when that stays within `maxSize`);
/// - entities without any line are kept together, in runs of `maxSize`.
///
/// The result lists communities largest first (ties: by their first member),
/// members sorted as given.
package enum Communities {
    /// An undirected weighted edge between two node indexes.
    package struct Link: Sendable, Hashable {
        package var a: Int
        package var b: Int
        package var weight: Double

        package init(_ a: Int, _ b: Int, weight: Double = 1) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }

    /// Communities of `count` nodes (indexes `0..<count`) joined by `links`.
    package static func detect(count: Int, links: [Link], maxSize: Int, minSize: Int = 3) -> [[Int]] {
        guard count > 0 else { return [] }
        let adjacency = Self.adjacency(count: count, links: links)
        var communities: [[Int]] = []
        var isolated: [Int] = []
        for node in 0..<count where adjacency[node].isEmpty { isolated.append(node) }
        let connected = (0..<count).filter { !adjacency[$0].isEmpty }
        for community in louvain(connected, adjacency: adjacency) {
            communities += bounded(community, adjacency: adjacency, maxSize: maxSize)
        }
        communities = absorbSmall(communities, adjacency: adjacency, minSize: minSize, maxSize: maxSize)
        for start in stride(from: 0, to: isolated.count, by: max(1, maxSize)) {
            communities.append(Array(isolated[start..<min(isolated.count, start + maxSize)]))
        }
        return communities.map { $0.sorted() }.sorted { ($1.count, $0.first ?? 0) < ($0.count, $1.first ?? 0) }
    }

    typealias Adjacency = [[(Int, Double)]]

    static func adjacency(count: Int, links: [Link]) -> Adjacency {
        var weights: [[Int: Double]] = Array(repeating: [:], count: count)
        for link in links where link.a != link.b && link.a < count && link.b < count && link.weight > 0 {
            weights[link.a][link.b, default: 0] += link.weight
            weights[link.b][link.a, default: 0] += link.weight
        }
        return weights.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    /// Louvain on the subgraph of `nodes`: communities of node indexes.
    static func louvain(_ nodes: [Int], adjacency: Adjacency) -> [[Int]] {
        guard nodes.count > 1 else { return nodes.isEmpty ? [] : [nodes] }
        // Work on a local graph 0..<n; each local node stands for a set of original nodes.
        var local: [Int: Int] = [:]
        for (index, node) in nodes.enumerated() { local[node] = index }
        var members: [[Int]] = nodes.map { [$0] }
        var graph: [[(Int, Double)]] = nodes.map { node in
            adjacency[node].compactMap { neighbour, weight in local[neighbour].map { ($0, weight) } }
        }
        var selfLoops = [Double](repeating: 0, count: nodes.count)
        while true {
            let assignment = onePass(graph, selfLoops: selfLoops)
            let communityCount = (assignment.max() ?? -1) + 1
            if communityCount == graph.count { break }
            // Aggregate: one node per community.
            var nextMembers: [[Int]] = Array(repeating: [], count: communityCount)
            var nextGraph: [[Int: Double]] = Array(repeating: [:], count: communityCount)
            var nextLoops = [Double](repeating: 0, count: communityCount)
            for (node, community) in assignment.enumerated() {
                nextMembers[community] += members[node]
                nextLoops[community] += selfLoops[node]
                for (neighbour, weight) in graph[node] {
                    let other = assignment[neighbour]
                    if other == community { nextLoops[community] += weight } else { nextGraph[community][other, default: 0] += weight }
                }
            }
            members = nextMembers
            graph = nextGraph.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
            selfLoops = nextLoops
        }
        return members
    }

    /// One Louvain pass: each node moves to the neighbouring community that raises
    /// modularity most, until no move does. Communities are numbered 0… in order of
    /// their lowest node.
    static func onePass(_ graph: [[(Int, Double)]], selfLoops: [Double]) -> [Int] {
        let n = graph.count
        var community = Array(0..<n)
        let degree = (0..<n).map { node in graph[node].reduce(selfLoops[node]) { $0 + $1.1 } }
        let total = degree.reduce(0, +)  // 2m (self loops counted once each way already)
        guard total > 0 else { return community }
        var communityDegree = degree
        var moved = true
        var rounds = 0
        while moved && rounds < 100 {
            moved = false
            rounds += 1
            for node in 0..<n {
                let current = community[node]
                var toCommunity: [Int: Double] = [:]
                for (neighbour, weight) in graph[node] { toCommunity[community[neighbour], default: 0] += weight }
                communityDegree[current] -= degree[node]
                func gain(_ c: Int) -> Double { (toCommunity[c] ?? 0) - communityDegree[c] * degree[node] / total }
                var best = current
                var bestGain = gain(current)
                for c in toCommunity.keys.sorted() where c != current {
                    let g = gain(c)
                    if g > bestGain + 1e-12 || (abs(g - bestGain) <= 1e-12 && c < best && best != current) {
                        best = c
                        bestGain = g
                    }
                }
                communityDegree[best] += degree[node]
                if best != current {
                    community[node] = best
                    moved = true
                }
            }
        }
        // Renumber by lowest node.
        var number: [Int: Int] = [:]
        return community.map { c in
            if let known = number[c] { return known }
            number[c] = number.count
            return number[c]!
        }
    }

    /// `community` as pieces of at most `maxSize`: Louvain inside it, else runs in
    /// breadth-first order.
    static func bounded(_ community: [Int], adjacency: Adjacency, maxSize: Int) -> [[Int]] {
        guard community.count > maxSize, maxSize > 0 else { return [community] }
        let inside = Set(community)
        let restricted: Adjacency = adjacency.enumerated().map { node, neighbours in
            inside.contains(node) ? neighbours.filter { inside.contains($0.0) } : []
        }
        let split = louvain(community.sorted(), adjacency: restricted)
        if split.count > 1 {
            return split.flatMap { bounded($0, adjacency: adjacency, maxSize: maxSize) }
        }
        // No split found: runs of maxSize in breadth-first order from the lowest node.
        var order: [Int] = []
        var seen = Set<Int>()
        for start in community.sorted() where !seen.contains(start) {
            var queue = [start]
            seen.insert(start)
            while !queue.isEmpty {
                let node = queue.removeFirst()
                order.append(node)
                for (neighbour, _) in restricted[node] where seen.insert(neighbour).inserted { queue.append(neighbour) }
            }
        }
        return stride(from: 0, to: order.count, by: maxSize).map { Array(order[$0..<min(order.count, $0 + maxSize)]) }
    }

    /// Communities under `minSize` joined to the community they are most tied to,
    /// where that one has room; smallest first, repeated until none moves.
    static func absorbSmall(_ communities: [[Int]], adjacency: Adjacency, minSize: Int, maxSize: Int) -> [[Int]] {
        var communities = communities
        var changed = true
        while changed {
            changed = false
            var owner: [Int: Int] = [:]
            for (index, community) in communities.enumerated() { for node in community { owner[node] = index } }
            let small = communities.indices.filter { communities[$0].count < minSize }
                .sorted { (communities[$0].count, communities[$0].min() ?? 0) < (communities[$1].count, communities[$1].min() ?? 0) }
            for index in small {
                var ties: [Int: Double] = [:]
                for node in communities[index] {
                    for (neighbour, weight) in adjacency[node] {
                        if let other = owner[neighbour], other != index { ties[other, default: 0] += weight }
                    }
                }
                let target = ties.filter { communities[$0.key].count + communities[index].count <= maxSize }
                    .max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
                guard let target else { continue }
                communities[target] += communities[index]
                communities[index] = []
                changed = true
                break
            }
            communities.removeAll { $0.isEmpty }
        }
        return communities
    }

    /// Newman's modularity of `communities` (for tests and documentation).
    package static func modularity(count: Int, links: [Link], communities: [[Int]]) -> Double {
        let adjacency = Self.adjacency(count: count, links: links)
        var owner = [Int](repeating: -1, count: count)
        for (index, community) in communities.enumerated() { for node in community { owner[node] = index } }
        let degree = adjacency.map { $0.reduce(0) { $0 + $1.1 } }
        let total = degree.reduce(0, +)
        guard total > 0 else { return 0 }
        var inside = [Double](repeating: 0, count: communities.count)
        var sums = [Double](repeating: 0, count: communities.count)
        for node in 0..<count where owner[node] >= 0 {
            sums[owner[node]] += degree[node]
            for (neighbour, weight) in adjacency[node] where owner[neighbour] == owner[node] { inside[owner[node]] += weight }
        }
        return zip(inside, sums).reduce(0) { $0 + $1.0 / total - ($1.1 / total) * ($1.1 / total) }
    }
}
