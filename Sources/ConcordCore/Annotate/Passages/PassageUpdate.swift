/// Redoes the passage stage after some articles changed, aligning only the
/// pairs that involve a changed article and reusing every other alignment.
///
/// Gives the same edges as a full `PassageFinder` run, because a pair's
/// alignment depends only on its two texts, the runs they share that pair
/// articles, and the boilerplate runs cut out of them. A change can alter
/// the last two for other pairs only by moving a run across a threshold
/// (to boilerplate, or past `pairs(distinct:postings:)`); then `update`
/// returns nil and the caller runs the full stage.
struct PassageUpdate {
    let options: PassageFinder.Options

    struct Input {
        /// Every article now, in id order, with its runs.
        var articles: [Article]
        var runs: RunsByArticle
        /// Indices of articles that are new or whose text changed.
        var changed: Set<Int>
        /// The runs of the replaced versions of edited articles and of deleted articles.
        var oldRuns: [ArticleRuns]
        /// Boilerplate hashes of the previous build.
        var boilerplate: Set<UInt64>
        /// Which unchanged articles carry a hash, from the cache's run index (nil: every
        /// article's runs are read instead).
        var lookup: RunLookup? = nil
    }

    struct Output {
        /// The segments the change aligned (each between a changed article and a partner): the
        /// caller's kept edges, between unchanged articles, are not among them.
        var fresh: [WitnessClusterer.Edge]
        var boilerplate: Set<UInt64>
        var alignedPairs: Int
        /// Whether the carriers of the touched hashes came from the run index (else from every article's runs).
        var fromIndex = false
        /// Whether the run index was found damaged where it was read (it should be written anew).
        var indexDamaged = false
    }

    /// Each article's runs (by index, as `Input.articles`), taken from where the article keeps
    /// them only when asked for: with the run index, a change reads those of the changed articles
    /// and their partners alone. Gathered into an array first, 100,000 articles' runs (each a
    /// visit to a record, and a reference to its shard's mapped file counted from both cores)
    /// took 8–10 ms of every add at 100,000 articles.
    struct RunsByArticle: Sendable {
        let count: Int
        private let runs: @Sendable (Int) -> ArticleRuns

        init(count: Int, _ runs: @escaping @Sendable (Int) -> ArticleRuns) { self.count = count; self.runs = runs }

        subscript(i: Int) -> ArticleRuns { runs(i) }
    }

    /// - Parameter text: the tokenized body of article `i` (called for changed articles and their partners only).
    func update(_ input: Input, text: (Int) -> TokenizedText) -> Output? {
        let maxArticles = options.boilerplateArticles
        // Runs from a damaged cache shard are not read: the caller annotates everything anew.
        guard input.oldRuns.allSatisfy(\.isIntact) else { return nil }
        // The hashes whose counts the change can move.
        var touched: [UInt64] = []
        for c in input.changed { touched += input.runs[c].hashes }
        for r in input.oldRuns { touched += r.hashes }
        touched.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(touched.count)
        for h in touched where unique.last != h { unique.append(h) }
        guard !unique.isEmpty else {
            return Output(fresh: [], boilerplate: input.boilerplate, alignedPairs: 0)
        }

        // The articles carrying each of those hashes, once per run, in article order.
        var indexDamaged = false
        guard let (carriers, fromIndex) = carriers(of: unique, input, damaged: &indexDamaged) else { return nil }
        var oldCount = [Int](repeating: 0, count: unique.count)
        var oldDistinct = [Int](repeating: 0, count: unique.count)
        for r in input.oldRuns {
            var last = -1
            for h in r.hashes {
                let j = unique.sortedPosition(of: h)
                oldCount[j] += 1
                if last != j { oldDistinct[j] += 1; last = j }
            }
        }

        var boilerplate = input.boilerplate
        // Hashes that pair the articles carrying them (`ShingleIndex.pairs`), after the change.
        var pairing = [Bool](repeating: false, count: unique.count)
        for j in unique.indices {
            let list = carriers[j]
            var distinct = 0, others = 0, otherCount = 0
            var last: Int32 = -1
            for a in list {
                let isOther = !input.changed.contains(Int(a))
                if isOther { otherCount += 1 }
                if a != last { distinct += 1; if isOther { others += 1 }; last = a }
            }
            let beforeDistinct = others + oldDistinct[j], beforeCount = otherCount + oldCount[j]
            let wasBoilerplate = beforeDistinct > maxArticles, isBoilerplate = distinct > maxArticles
            // The previous build must agree, or the cache does not describe this archive.
            guard wasBoilerplate == input.boilerplate.contains(unique[j]) else { return nil }
            if others >= 1 && wasBoilerplate != isBoilerplate { return nil }
            if others >= 2 && ShingleIndex.pairs(distinct: beforeDistinct, postings: beforeCount, maxArticles: maxArticles)
                != ShingleIndex.pairs(distinct: distinct, postings: list.count, maxArticles: maxArticles) { return nil }
            if isBoilerplate { boilerplate.insert(unique[j]) } else { boilerplate.remove(unique[j]) }
            pairing[j] = ShingleIndex.pairs(distinct: distinct, postings: list.count, maxArticles: maxArticles)
        }

        // Candidate pairs that involve a changed article: at least two anchors (one for each
        // run of the one and run of the other with a pairing hash).
        var anchorCounts: [UInt64: Int] = [:]
        for j in unique.indices where pairing[j] {
            var runsOf: [(article: Int32, runs: Int)] = []
            for a in carriers[j] { if runsOf.last?.article == a { runsOf[runsOf.count - 1].runs += 1 } else { runsOf.append((a, 1)) } }
            for x in runsOf.indices {
                for y in (x + 1)..<runsOf.count {
                    guard input.changed.contains(Int(runsOf[x].article)) || input.changed.contains(Int(runsOf[y].article)) else { continue }
                    anchorCounts[UInt64(runsOf[x].article) << 32 | UInt64(runsOf[y].article), default: 0] += runsOf[x].runs * runsOf[y].runs
                }
            }
        }
        let pairs = anchorCounts.filter { $0.value >= 2 }.keys.sorted()
        // The partners' runs are read only now, and only theirs.
        for key in pairs { for i in [Int(key >> 32), Int(key & 0xFFFF_FFFF)] where !input.runs[i].isIntact { return nil } }
        let pairingHashes = unique.indices.filter { pairing[$0] }.map { unique[$0] }
        var texts: [Int: TokenizedText] = [:]
        for key in pairs { for i in [Int(key >> 32), Int(key & 0xFFFF_FFFF)] where texts[i] == nil { texts[i] = text(i) } }
        let aligner = PairAligner(options: options)
        var fresh: [WitnessClusterer.Edge] = []
        for key in pairs {
            let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
            let ta = texts[a]!, tb = texts[b]!
            let anchors = Self.anchors(input.runs[a], input.runs[b], pairingHashes)
            let segments = aligner.align(ta, tb, anchors: anchors,
                                         excludedA: input.runs[a].covered(by: boilerplate, runLength: options.shingle),
                                         excludedB: input.runs[b].covered(by: boilerplate, runLength: options.shingle))
            for seg in segments {
                fresh.append(WitnessClusterer.Edge(
                    a: a, aTokens: seg.a, aBytes: WitnessClusterer.bytes(of: seg.a, in: ta, input.articles[a]),
                    b: b, bTokens: seg.b, bBytes: WitnessClusterer.bytes(of: seg.b, in: tb, input.articles[b])))
            }
        }
        return Output(fresh: fresh, boilerplate: boilerplate, alignedPairs: pairs.count, fromIndex: fromIndex, indexDamaged: indexDamaged)
    }

    /// For each of `unique` (sorted, distinct), the articles now carrying it, once per run, in
    /// article order: unchanged ones from the cache's run index where there is one, else
    /// from every article's runs; nil when runs or the index read are damaged.
    /// - Parameter damaged: set when the index was read and found damaged.
    private func carriers(of unique: [UInt64], _ input: Input, damaged: inout Bool) -> ([[Int32]], fromIndex: Bool)? {
        if let lookup = input.lookup {
            if var found = lookup.articles(of: unique) {
                for c in input.changed.sorted() { RunLookup.forEachShared(input.runs[c], unique) { found[$0].append(Int32(c)) } }
                for j in found.indices where found[j].count > 1 { found[j].sort() }
                return (found, true)
            }
            damaged = true
        }
        // Every article's runs checked against a 65,536-bit filter of the touched hashes (a
        // few hundred, so almost every run is passed over with one load), in parallel by chunks;
        // nil when any article's runs are damaged (each read once, checked as it is).
        var filter = [UInt64](repeating: 0, count: 1024)
        for h in unique { let b = Int(truncatingIfNeeded: h & 0xFFFF); filter[b >> 6] |= 1 << UInt64(b & 63) }
        let chunk = max(256, input.runs.count / 16)
        let parts = ParallelMap.map(Array(stride(from: 0, to: input.runs.count, by: chunk)), chunk: 1) { start -> [[Int32]]? in
            var found = [[Int32]](repeating: [], count: unique.count)
            var intact = true
            unique.withUnsafeBufferPointer { u in
                filter.withUnsafeBufferPointer { bits in
                    for d in start..<min(input.runs.count, start + chunk) {
                        let runs = input.runs[d]
                        guard runs.isIntact else { intact = false; return }
                        runs.withBytes { h, _ in
                            for i in 0..<runs.count {
                                let v = ArticleRuns.hash(h, i), b = Int(truncatingIfNeeded: v & 0xFFFF)
                                guard bits[b >> 6] & (1 << UInt64(b & 63)) != 0 else { continue }
                                let j = u.sortedPosition(of: v)
                                if j < u.count && u[j] == v { found[j].append(Int32(d)) }
                            }
                        }
                    }
                }
            }
            return intact ? found : nil
        }
        var found = [[Int32]](repeating: [], count: unique.count)
        for part in parts {
            guard let part else { return nil }
            for j in part.indices where !part[j].isEmpty { found[j].append(contentsOf: part[j]) }
        }
        return (found, false)
    }

    /// The anchors of a pair: each (position in `a`, position in `b`) of runs with the same
    /// hash, one of `hashes` (sorted), in order.
    static func anchors(_ a: ArticleRuns, _ b: ArticleRuns, _ hashes: [UInt64]) -> [(Int32, Int32)] {
        var result: [(Int32, Int32)] = []
        a.withBytes { ah, ap in
            b.withBytes { bh, bp in
                var i = 0, k = 0
                while i < a.count && k < b.count {
                    let x = ArticleRuns.hash(ah, i), y = ArticleRuns.hash(bh, k)
                    if x < y { i += 1; continue }
                    if y < x { k += 1; continue }
                    // The same hash: every run of it in `a` with every run of it in `b`.
                    var i2 = i, k2 = k
                    while i2 < a.count && ArticleRuns.hash(ah, i2) == x { i2 += 1 }
                    while k2 < b.count && ArticleRuns.hash(bh, k2) == x { k2 += 1 }
                    if hashes.sortedContains(x) {
                        for p in i..<i2 { for q in k..<k2 { result.append((Int32(ArticleRuns.position(ap, p)), Int32(ArticleRuns.position(bp, q)))) } }
                    }
                    i = i2; k = k2
                }
            }
        }
        result.sort { $0 < $1 }
        return result
    }
}
