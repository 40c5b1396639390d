/// The previous build's passages as a new build finds them: what `WitnessClusterer.passages(after:…)`
/// carries over unchanged.
struct PreviousPassages: Sendable {
    /// In the previous build's order (sorted by first witness), each witness's article by its
    /// position in that build.
    var stored: StoredPassages
    /// Each witness's article by its index now (-1: removed, or edited since), all passages'
    /// in one array: passage `p`'s are `articles[stored.witnessIndices(of: p)]`.
    var articles: [Int32]
    /// Each passage whose articles are all here unchanged, its witnesses naming them by their
    /// ids now (nil for the others, which a change reaches): what is carried over.
    var carriable: [Passage?]

    /// - Parameters:
    ///   - now: each article's index now, by its position in the previous build (-1: gone or edited).
    ///   - articleID: the id of the article at an index now. Taken from the articles (strings
    ///     they hold, which later lookups by id find equal at once) while the previous build's
    ///     segments are renumbered, not on the build's path (51,000 witnesses at 100,000 articles).
    init(_ stored: StoredPassages, now: [Int], articleID: (Int) -> String) {
        let articles = stored.articles.map { $0 >= 0 && Int($0) < now.count ? Int32(now[Int($0)]) : -1 }
        // Made by chunks on every core: 12,000 passages and their 50,000 witnesses at 100,000
        // articles took 18–32 ms on one, while the build waited for nothing else.
        carriable = ParallelMap.map(count: stored.count, chunk: 1024) { p in
            let at = stored.witnessIndices(of: p)
            guard !at.isEmpty, !articles[at].contains(where: { $0 < 0 }) else { return nil }
            return Passage(id: stored.ids[p], witnesses: stored.witnesses(of: p) { articleID(now[Int($0)]) })
        }
        self.stored = stored; self.articles = articles
    }

    var count: Int { stored.count }

    /// The first-choice ids of the passages `include` picks whose first copy's article is here
    /// unchanged, by seed: what `finish` looks up for a draft before tokenizing its first copy.
    func seeds(where include: (Int) -> Bool = { _ in true }) -> [WitnessClusterer.Seed: String] {
        var seeds: [WitnessClusterer.Seed: String] = [:]
        for p in 0..<count where include(p) {
            let n = stored.starts[p]
            guard n < stored.starts[p + 1], articles[n] >= 0 else { continue }
            seeds[.init(article: articles[n], start: stored.ranges[n].lowerBound, end: stored.ranges[n].upperBound)] = stored.firstChoice(of: p)
        }
        return seeds
    }
}

extension WitnessClusterer {
    /// Clusters after a change, giving what `passages(from: kept + fresh, known:)` gives.
    ///
    /// A passage of the previous build that no change reaches (none of its witnesses in an
    /// article changed, removed, or at one end of a fresh edge) is carried over as it was, with
    /// its first-choice id: every edge of its articles' nodes in it is unchanged, so its component
    /// is too. Only the edges of the other passages and the fresh ones are clustered again (their
    /// first choices looked up by seed among the passages reached), and the two lists are merged
    /// in order of first witness before ids are given, so clashes resolve as in a full run. At
    /// 100,000 articles clustering every edge took 70–100 ms of an add.
    ///
    /// - Parameters:
    ///   - kept: the previous build's edges between unchanged articles (by index now), and
    ///     `keptPassages` each one's passage in `previous` (-1: none).
    ///   - fresh: the edges aligned anew.
    ///   - changed: indices of articles new or edited.
    /// - Returns: nil when `previous` does not fit these edges (the caller clusters them all).
    func passages(after previous: PreviousPassages, kept: ArraySlice<Edge>, keptPassages: [Int32], fresh: ArraySlice<Edge>,
                  changed: some Sequence<Int>) -> Clusters? {
        guard keptPassages.count == kept.count, previous.stored.starts.count == previous.count + 1,
              previous.articles.count == previous.stored.starts.last else { return nil }
        var touched = [Bool](repeating: false, count: articles.count)
        for c in changed { touched[c] = true }
        for e in fresh { touched[e.a] = true; touched[e.b] = true }
        // Passages a change reaches: one of their witnesses' articles is touched, or gone.
        let reached = (0..<previous.count).map { p in
            previous.articles[previous.stored.witnessIndices(of: p)].contains { $0 < 0 || Int($0) >= articles.count || touched[Int($0)] }
        }
        // Their edges and the fresh ones, clustered anew; `origin`: each one's index in kept + fresh.
        var again: [Edge] = [], origin: [Int] = []
        for (i, e) in kept.enumerated() {
            let p = Int(keptPassages[i])
            guard p < previous.count else { return nil }
            if p < 0 || reached[p] { again.append(e); origin.append(i) }
        }
        for (j, e) in fresh.enumerated() { again.append(e); origin.append(kept.count + j) }
        let (drafts, edgeDrafts) = components(of: again)

        // The passages carried over (already in order) and the new ones, merged by first witness.
        let place = places()
        func order(_ articles: some Collection<Int32>, _ witnesses: [Witness]) -> (UInt64, Int) {
            (place(Int(articles.first!)), witnesses[0].start)
        }
        var merged: [Draft] = []
        merged.reserveCapacity(previous.count + drafts.count)
        var carriedAt = [Int32](repeating: -1, count: previous.count), draftAt = [Int32](repeating: -1, count: drafts.count)
        var d = 0
        var last: (UInt64, Int)? = nil
        for p in 0..<previous.count where !reached[p] {
            let mine = previous.articles[previous.stored.witnessIndices(of: p)]
            guard !mine.isEmpty, let passage = previous.carriable[p] else { return nil }
            let key = order(mine, passage.witnesses)
            if let last, !(last < key) { return nil }       // not the order a build leaves them in
            last = key
            while d < drafts.count && order(drafts[d].articles, drafts[d].witnesses) < key {
                draftAt[d] = Int32(merged.count); merged.append(drafts[d]); d += 1
            }
            carriedAt[p] = Int32(merged.count)
            merged.append(Draft(articles: Array(mine), witnesses: passage.witnesses, firstChoice: previous.stored.firstChoice(of: p)))
        }
        while d < drafts.count { draftAt[d] = Int32(merged.count); merged.append(drafts[d]); d += 1 }

        var edgePassages = [Int32](repeating: -1, count: kept.count + fresh.count)
        for (i, p) in keptPassages.enumerated() where p >= 0 && !reached[Int(p)] { edgePassages[i] = carriedAt[Int(p)] }
        for (k, i) in origin.enumerated() where edgeDrafts[k] >= 0 { edgePassages[i] = draftAt[Int(edgeDrafts[k])] }
        return finish(merged, edgePassages: edgePassages, known: previous.seeds { reached[$0] })
    }
}
