/// "Did you mean …?" suggestions for misspelt keys, kinds, types and ids.
package enum Suggestions {
    /// The candidate closest to `word` by edit distance (with transpositions),
    /// if it is close enough to be a plausible typo.
    package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lower, candidate.lowercased())
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = max(1, min(3, max(lower.count, candidate.count) / 3))
        if distance <= allowed { return candidate }
        // A prefix or suffix of a longer name ("iskp" for "iskp-k").
        if lower.count >= 3, candidate.lowercased().hasPrefix(lower) || lower.hasPrefix(candidate.lowercased()) {
            return candidate
        }
        // Another form of the same word: all but the shorter one's last letter in
        // common, at least three ("deny" for "denies", "supported" for "supports").
        let common = zip(lower, candidate.lowercased()).prefix { $0 == $1 }.count
        if common >= max(3, min(lower.count, candidate.count) - 1) { return candidate }
        return nil
    }

    /// A hint sentence: "did you mean 'kind'?", or `nil`.
    package static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
