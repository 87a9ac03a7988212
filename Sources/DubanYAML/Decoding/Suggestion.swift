/// "Did you mean" suggestions by edit distance, for keys, ids and names.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    /// Words longer than this get no suggestion: nobody mistypes a 65-character id, and the
    /// search must stay cheap whatever a file holds.
    public static let maxWordLength = 64

    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word)
        guard target.count <= maxWordLength else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            // A candidate whose length differs by more than the allowed distance cannot be close enough.
            let length = candidate.count
            guard abs(length - target.count) <= max(2, target.count / 2) else { continue }
            let d = distance(target, Array(candidate))
            if best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let allowed = max(2, min(target.count, candidate.count) / 2)
        return d <= allowed ? candidate : nil
    }

    /// `; did you mean 'x'?` or nothing.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `hint` in both languages (`，是否应为“x”？`), from one search.
    public static func hints(for word: String, in candidates: some Sequence<String>) -> Bilingual {
        hints(closest(to: word, in: candidates))
    }

    /// The did-you-mean of a `suggestion` found already, in both languages; empty ones for nil.
    public static func hints(_ suggestion: String?) -> Bilingual {
        guard let suggestion else { return Bilingual("", zh: "") }
        return Bilingual("; did you mean '\(suggestion)'?", zh: "，是否应为“\(suggestion)”？")
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
