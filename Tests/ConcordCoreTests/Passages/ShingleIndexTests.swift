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
        var options = ArchiveGenerator.Options()
        options.articles = 160
        options.seed = 5
        let parser = ArticleParser()
        let tokenizer = WordTokenizer()
        let runs = try ArchiveGenerator(options: options).generate().map { g in
            let a = try parser.parse(Array(g.contents.utf8), path: g.fileName)
            return ArticleRuns.of(tokenizer.tokenize(a.source, in: a.body), size: 5, window: 4)
        }
        let index = ShingleIndex(runs: runs, maxArticles: 100)
        let one = Self.summary(index.candidatePairs(parts: 1))
        #expect(one.count > 50)
        for parts in [2, 8] { #expect(Self.summary(index.candidatePairs(parts: parts)) == one, "\(parts) parts") }
    }
}
