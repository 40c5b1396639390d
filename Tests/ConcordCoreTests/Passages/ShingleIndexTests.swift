import Testing
@testable import ConcordCore

/// Candidate pairs are counted in parts, one per core: the pairs must not depend
/// on how many parts there are, and must be exactly the pairs sharing two runs.
@Suite("Shingle index")
struct ShingleIndexTests {
    /// (article, [(hash, position)]) → runs in article order.
    static func runs(_ articles: [[(UInt64, UInt32)]]) -> [ArticleRuns] {
        articles.map { list in
            let sorted = list.sorted { $0.0 < $1.0 }
            return ArticleRuns(hashes: sorted.map(\.0), positions: sorted.map(\.1))
        }
    }

    static func summary(_ pairs: [ShingleIndex.Pair]) -> [String] {
        pairs.map { p in "\(p.a)-\(p.b): " + p.anchors.map { "\($0.0)/\($0.1)" }.joined(separator: " ") }
    }

    @Test func pairsSharingTwoRunsAreFoundInEveryPart() {
        // Articles 0, 1 and 3 share runs 10 and 11 (3 twice over); 2 shares only run 12 with 0
        // (a coincidence, not a pair); run 99 is carried by all five, more than the limit of 4.
        let index = ShingleIndex(runs: Self.runs([
            [(10, 0), (11, 5), (12, 9), (99, 1)],
            [(10, 3), (11, 8), (99, 2)],
            [(12, 4), (99, 0)],
            [(10, 1), (11, 6), (10, 20), (11, 25), (99, 7)],
            [(99, 3), (13, 0)],
        ]), maxArticles: 4)
        let expected = ["0-1: 0/3 5/8", "0-3: 0/1 0/20 5/6 5/25", "1-3: 3/1 3/20 8/6 8/25"]
        for parts in [1, 2, 4, 16] {
            #expect(Self.summary(index.candidatePairs(parts: parts)) == expected, "\(parts) parts")
        }
    }

    @Test func generatedArchiveGivesTheSamePairsInAnyNumberOfParts() throws {
        let tokenizer = WordTokenizer()
        let runs = try generatedArticles(160, seed: 5).map { a in
            ArticleRuns.of(tokenizer.tokenize(a.source, in: a.body), size: 5, window: 4)
        }
        let index = ShingleIndex(runs: runs, maxArticles: 100)
        let one = Self.summary(index.candidatePairs(parts: 1))
        #expect(one.count > 50)
        for parts in [2, 8] { #expect(Self.summary(index.candidatePairs(parts: parts)) == one, "\(parts) parts") }
    }

    /// Candidate pairs as their definition states them, from every posting: runs carried twice
    /// or more, by 2 to `maxArticles` articles and at most twice that many times; each pair of
    /// postings in two articles an anchor; pairs with two anchors or more.
    static func naivePairs(_ runs: [ArticleRuns], maxArticles: Int) -> (pairs: [String], kept: Int) {
        var byHash: [UInt64: [(Int, UInt32)]] = [:]
        for (d, r) in runs.enumerated() { for (h, p) in zip(r.hashes, r.positions) { byHash[h, default: []].append((d, p)) } }
        var anchors: [[Int]: [(Int32, Int32)]] = [:]
        var kept = 0
        for list in byHash.values where list.count >= 2 {
            kept += list.count
            let sorted = list.sorted { $0 < $1 }
            guard ShingleIndex.pairs(distinct: Set(sorted.map(\.0)).count, postings: sorted.count, maxArticles: maxArticles) else { continue }
            for x in sorted.indices { for y in sorted.indices where y > x && sorted[y].0 != sorted[x].0 {
                anchors[[sorted[x].0, sorted[y].0], default: []].append((Int32(sorted[x].1), Int32(sorted[y].1)))
            } }
        }
        let pairs = anchors.filter { $0.value.count >= 2 }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        return (pairs.map { key, list in "\(key[0])-\(key[1]): " + list.sorted { $0 < $1 }.map { "\($0.0)/\($0.1)" }.joined(separator: " ") }, kept)
    }

    @Test func generatedArchiveGivesThePairsTheDefinitionGives() throws {
        let tokenizer = WordTokenizer()
        let runs = try generatedArticles(160, seed: 11).map { a in
            ArticleRuns.of(tokenizer.tokenize(a.source, in: a.body), size: 5, window: 4)
        }
        // A low limit, so that some runs are boilerplate too.
        for maxArticles in [100, 3] {
            let index = ShingleIndex(runs: runs, maxArticles: maxArticles)
            let expected = Self.naivePairs(runs, maxArticles: maxArticles)
            #expect(expected.pairs.count > (maxArticles == 3 ? 20 : 50))
            #expect(Self.summary(index.candidatePairs(parts: 2)) == expected.pairs, "limit \(maxArticles)")
            #expect(index.keptCount == expected.kept, "only runs carried twice or more are kept")
        }
    }

    /// The table that finds runs carried twice, filled well past its slots' first choices.
    @Test func repeatTableTellsHashesAddedTwiceFromTheRest() {
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
        for n in [1, 5, 8, 300] {
            var table = RepeatTable(capacity: n)
            var counts: [UInt64: Int] = [:]
            // Some hashes differ only in their low bits or only in their high bits, and 0 is one of them.
            let hashes: [UInt64] = (0..<n).map { i in
                if i % 3 == 0 { return UInt64(i) }
                if i % 3 == 1 { return UInt64(i) << 56 }
                return next()
            }
            for (i, h) in hashes.enumerated() where i % 2 == 0 || i % 5 == 0 { table.add(h); counts[h, default: 0] += 1 }
            for (i, h) in hashes.enumerated() where i % 4 == 0 { table.add(h); counts[h, default: 0] += 1 }
            for h in hashes + [next(), 1 << 40] {
                #expect(table.isRepeated(h) == (counts[h, default: 0] >= 2), "\(n) hashes, \(h)")
            }
        }
    }

    /// Winnowing as its paper states it: in every window of `window` consecutive runs the
    /// rightmost smallest hash, each position reported once, in order.
    static func winnowed(_ text: TokenizedText, size: Int, window: Int) -> [(UInt64, Int)] {
        var all: [UInt64] = []
        ShingleIndex.forEachRun(text, size, window: 1) { h, _ in all.append(h) }
        guard !all.isEmpty else { return [] }
        if all.count <= window {
            let m = all.indices.last { all[$0] == all.min()! }!
            return [(all[m], m)]
        }
        var out: [(UInt64, Int)] = []
        for start in 0...(all.count - window) {
            let w = start..<(start + window)
            let m = w.last { all[$0] == all[w].min()! }!
            if out.last?.1 != m { out.append((all[m], m)) }
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 4, 5, 8])
    func winnowingPicksTheRightmostSmallestRunOfEveryWindow(window: Int) throws {
        let tokenizer = WordTokenizer()
        var runs = 0
        for a in try generatedArticles(12, seed: 3) {
            let text = tokenizer.tokenize(a.source, in: a.body)
            // Whole articles, and short texts (fewer runs than the window, one run, none).
            for cut in [text.count, 9, 6, 5, 4] {
                let t = TokenizedText(tokens: Array(text.tokens.prefix(cut)), normBytes: text.normBytes,
                                      normEnds: Array(text.normEnds.prefix(cut)), trailing: text.trailing)
                var got: [(UInt64, Int)] = []
                ShingleIndex.forEachRun(t, 5, window: window) { h, p in got.append((h, p)) }
                let expected = Self.winnowed(t, size: 5, window: window)
                #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1), "window \(window), \(cut) words")
                runs += got.count
            }
        }
        #expect(runs > 1000)
    }
}
