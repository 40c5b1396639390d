import Testing
@testable import ConcordCore

/// Passage ids: the first choice comes from the first copy's words; the previous build's
/// first choices (by seed: the first copy's article, unchanged, and its range) stand in for
/// tokenizing them again, and only where the seed matches.
@Suite("Witness clustering")
struct WitnessClustererTests {
    /// Two passages: articles 0 and 1 share their whole body, and so do 2 and 3.
    func articles(lastWord: String = "epsilon") throws -> [Article] {
        let bodies = ["alpha beta gamma delta \(lastWord)", "alpha beta gamma delta \(lastWord)",
                      "one two three four five", "one two three four five"]
        return try bodies.enumerated().map { k, body in
            try ArticleParser().parse(Array("date 2020-01-0\(k + 1)\n\n\(body)\n".utf8), path: "a\(k).txt")
        }
    }

    func edges(_ a: [Article]) -> [WitnessClusterer.Edge] {
        [(0, 1), (2, 3)].map { x, y in
            WitnessClusterer.Edge(a: x, aTokens: 0...4, aBytes: a[x].body, b: y, bTokens: 0...4, bBytes: a[y].body)
        }
    }

    /// The first choices of `clusters` as the next build knows them by seed, each article at
    /// index `now[k]` (-1: edited or removed since), as the cache gives them.
    func known(_ clusters: WitnessClusterer.Clusters, now: [Int], _ a: [Article]) throws -> [WitnessClusterer.Seed: String] {
        let stored = try #require(StoredPassages(clusters.passages, articles: clusters.witnessArticles, firstChoices: clusters.firstChoices))
        return PreviousPassages(stored, now: now, articleID: { a[$0].id }).seeds()
    }

    @Test func knownFirstChoicesGiveTheSamePassages() throws {
        let a = try articles()
        let fresh = WitnessClusterer(articles: a).passages(from: edges(a), known: [:])
        #expect(fresh.passages.count == 2)
        #expect(fresh.firstChoices == fresh.passages.map(\.id))
        let seeds = try known(fresh, now: Array(a.indices), a)
        #expect(seeds.count == 2)
        let again = WitnessClusterer(articles: a).passages(from: edges(a), known: seeds)
        #expect(again.passages.map(\.id) == fresh.passages.map(\.id))
        #expect(again.firstChoices == fresh.firstChoices)
    }

    /// An article edited since (its words changed, its byte ranges the same) is -1 in `now`:
    /// the passages whose first copy it holds have no seed, and take an id from their words.
    @Test func aFirstChoiceOfAnEditedArticleIsNotUsed() throws {
        let a = try articles()
        let before = WitnessClusterer(articles: a).passages(from: edges(a), known: [:])
        let b = try articles(lastWord: "epsilom")
        let seeds = try known(before, now: [-1, -1, 2, 3], b)
        #expect(seeds.count == 1)
        let fresh = WitnessClusterer(articles: b).passages(from: edges(b), known: [:])
        let reusing = WitnessClusterer(articles: b).passages(from: edges(b), known: seeds)
        #expect(reusing.passages.map(\.id) == fresh.passages.map(\.id))
        #expect(fresh.passages[0].id != before.passages[0].id)
        #expect(fresh.passages[1].id == before.passages[1].id)
        // Had the edit been missed, the seed would have given the old words' id.
        let wrong = WitnessClusterer(articles: b).passages(from: edges(b), known: try known(before, now: Array(b.indices), b))
        #expect(wrong.passages[0].id == before.passages[0].id)
    }

    @Test func aTakenFirstChoiceGetsACounter() throws {
        let a = try articles()
        let fresh = WitnessClusterer(articles: a).passages(from: edges(a), known: [:])
        // Both seeds given the same first choice: the second passage must take another id.
        let clash = try known(fresh, now: Array(a.indices), a).mapValues { _ in "p000000000000" }
        let result = WitnessClusterer(articles: a).passages(from: edges(a), known: clash)
        #expect(result.passages[0].id == "p000000000000")
        #expect(result.passages[1].id != "p000000000000")
        #expect(result.passages[1].id.hasPrefix("p") && result.passages[1].id.count == 13)
        #expect(result.firstChoices == ["p000000000000", "p000000000000"])
    }

    /// Witnesses come oldest first, then by article id on the same day, then by position,
    /// whether the articles are given in id order (a build's case) or not.
    @Test func witnessesInOrderOfFirstAppearanceInAnyArticleOrder() throws {
        // (id, day): two on the 3rd (ids out of day order), one earlier, one later.
        let spec = [("c", 3), ("a", 3), ("d", 1), ("b", 9)]
        let body = "one two three four five six seven eight"
        let byID = try spec.sorted { $0.0 < $1.0 }.map { id, day in
            try ArticleParser().parse(Array("date 2020-01-0\(day)\n\n\(body) \(body)\n".utf8), path: "\(id).txt")
        }
        // One passage over every article: each copies its first half to the next one's, and
        // "c" also most of its second half (a second witness, later in the same article).
        func edges(_ list: [Article]) -> [WitnessClusterer.Edge] {
            let at = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1.id, $0) })
            func first(_ id: String) -> (Int, ClosedRange<Int>, Range<Int>) {
                let a = list[at[id]!]; return (at[id]!, 0...7, a.body.lowerBound..<(a.body.lowerBound + body.utf8.count))
            }
            func second(_ id: String) -> (Int, ClosedRange<Int>, Range<Int>) {
                // From the second copy's third word ("three"): a word apart from the first half.
                let a = list[at[id]!]; let s = a.body.lowerBound + body.utf8.count + 1
                return (at[id]!, 10...15, (s + 8)..<(s + body.utf8.count))
            }
            return [(first("a"), first("b")), (first("b"), first("c")), (first("c"), first("d")), (second("c"), first("a"))].map { x, y in
                WitnessClusterer.Edge(a: x.0, aTokens: x.1, aBytes: x.2, b: y.0, bTokens: y.1, bBytes: y.2)
            }
        }
        let inOrder = WitnessClusterer(articles: byID).passages(from: edges(byID), known: [:]).passages
        let shuffled = [byID[2], byID[0], byID[3], byID[1]]
        let outOfOrder = WitnessClusterer(articles: shuffled).passages(from: edges(shuffled), known: [:]).passages
        #expect(inOrder.count == 1)
        let order = inOrder.first?.witnesses.map { "\($0.article)@\($0.start)" } ?? []
        let bodyStart = byID[0].body.lowerBound
        #expect(order == ["d@\(bodyStart)", "a@\(bodyStart)", "c@\(bodyStart)", "c@\(bodyStart + body.utf8.count + 9)", "b@\(bodyStart)"])
        #expect(outOfOrder == inOrder)
    }

    /// Each article's witnesses as the clusterer gives them (by index, for word counts) are
    /// the witnesses of the passages, article by article, sorted by start; and each witness's
    /// article index names its article.
    @Test func witnessRangesByArticleAreThePassagesWitnesses() throws {
        var o = ArchiveGenerator.Options()
        o.articles = 150; o.seed = 4
        let articles = try ArchiveGenerator(options: o).generate()
            .map { try ArticleParser().parse(Array($0.contents.utf8), path: $0.fileName) }
            .sorted { $0.id < $1.id }
        let outcome = Annotator().annotateAll(articles)
        #expect(outcome.annotations.passages.count > 5)
        let byID = SiteModel.witnessRanges(outcome.annotations)
        for (i, a) in articles.enumerated() {
            #expect(Array(outcome.witnessRanges[i]) == (byID[a.id] ?? []), "\(a.id)")
        }
        #expect(outcome.witnessRanges.ranges.count == outcome.annotations.passages.reduce(0) { $0 + $1.witnesses.count })
        // Each witness's article by index, which the site model takes instead of searching for its id.
        #expect(outcome.annotations.witnessArticles.map { articles[Int($0)].id }
                == outcome.annotations.passages.flatMap { $0.witnesses.map(\.article) })
    }

    /// Ranges given in any order land in their articles, each article's by start, with none
    /// for articles skipped; the order they are given in does not matter.
    @Test func rangesByArticleGroupInOrder() {
        let unordered: [(article: Int, range: Range<Int>)] = [(3, 2..<4), (1, 5..<9), (1, 0..<3)]
        let r = RangesByArticle(articles: 5, unordered: unordered)
        #expect(r.starts == [0, 0, 2, 2, 3, 3])
        #expect((0..<5).map { Array(r[$0]) } == [[], [0..<3, 5..<9], [], [2..<4], []])
        #expect(RangesByArticle(articles: 5, unordered: unordered.reversed()) == r)
        #expect(RangesByArticle(articles: 2, unordered: []).ranges.isEmpty && RangesByArticle(articles: 2, unordered: []).starts == [0, 0, 0])
    }
}
