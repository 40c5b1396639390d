/// Which of this build's unchanged articles carry given run hashes, found from the cache's
/// run index and what changed since it was written (`RunIndexState`), not by reading
/// every article's runs.
struct RunLookup: Sendable {
    let index: RunIndex
    let state: RunIndexState
    /// The position, in this build's articles, of the unchanged article with this path hash
    /// (the one its cache record describes); nil for none (removed, changed or new).
    let unchangedArticle: @Sendable (UInt64) -> Int?

    /// For each of `hashes` (sorted, distinct), the unchanged articles carrying it, once per
    /// run, in article order; nil when the index is damaged where it was read.
    func articles(of hashes: [UInt64]) -> [[Int32]]? {
        guard let fromFile = index.slots(of: hashes) else { return nil }
        var result = [[Int32]](repeating: [], count: hashes.count)
        for (j, slots) in fromFile.enumerated() {
            for slot in slots {
                let pathHash = index.pathHash(ofSlot: Int(slot))
                guard !state.gone.sortedContains(pathHash), let i = unchangedArticle(pathHash) else { continue }
                result[j].append(Int32(i))
            }
        }
        for (pathHash, runs) in state.added {
            guard let i = unchangedArticle(pathHash) else { continue }
            Self.forEachShared(runs, hashes) { j in result[j].append(Int32(i)) }
        }
        for j in result.indices where result[j].count > 1 { result[j].sort() }
        return result
    }

    /// Calls `body` with the position in `hashes` (sorted, distinct) of each run of `runs` whose
    /// hash is there: both are sorted, so one walk through both.
    static func forEachShared(_ runs: ArticleRuns, _ hashes: [UInt64], _ body: (Int) -> Void) {
        runs.withBytes { h, _ in
            var j = 0
            for k in 0..<runs.count {
                let v = ArticleRuns.hash(h, k)
                while j < hashes.count && hashes[j] < v { j += 1 }
                if j == hashes.count { return }
                if hashes[j] == v { body(j) }
            }
        }
    }
}
