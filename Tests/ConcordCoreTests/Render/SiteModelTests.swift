import Testing
@testable import ConcordCore

@Suite("Site model")
struct SiteModelTests {
    /// Articles with many shared dates, ids in id order or shuffled.
    func articles(shuffled: Bool) throws -> [Article] {
        var rng = SplitMix64(seed: 7)
        var list: [Article] = []
        for i in 0..<300 {
            let day = 1 + Int(rng.next() % 5), id = "a\(Int(rng.next() % 1000))-\(i)"
            list.append(try ArticleParser().parse(Array("date 2020-01-0\(day) Title \(i)\n\nBody \(i).\n".utf8), path: id + ".txt"))
        }
        return shuffled ? list.shuffled(using: &rng) : list.sorted { $0.id < $1.id }
    }

    @Test(arguments: [false, true])
    func newestFirstSortsAsTheComparatorDoes(shuffled: Bool) throws {
        let list = try articles(shuffled: shuffled)
        // Each article's word counts name the article (id "a123-17": 17 words in its witness), so a
        // count that lands on another article's position shows.
        let stats = list.map { a in
            let n = Int(a.id.split(separator: "-").last!)!
            return ArticleWordStats(words: n + 1, shared: n, perWitness: [(0, n)], witnesses: [0..<1])
        }
        let model = SiteModel(articles: list, annotations: Annotations(passages: [], quotes: []), wordStats: stats)
        #expect(model.articles.map(\.id) == list.sorted(by: Article.newestFirst).map(\.id))
        #expect(model.articlesByID.map(\.id) == list.map(\.id).sorted())
        for (k, a) in model.articles.enumerated() {
            let n = Int(a.id.split(separator: "-").last!)!
            #expect(model.wordStats[k].words == n + 1 && model.wordStats[k].shared == n)
            #expect(model.words(inWitnessOf: k, at: 0) == n && model.words(inWitnessOf: k, at: 1) == 0)
        }
    }

    @Test(arguments: [false, true])
    func chronologicalOrderIsTheComparatorsEitherWay(shuffled: Bool) throws {
        let list = try articles(shuffled: shuffled)
        #expect(Article.chronological(list).map { list[$0].id } == list.sorted(by: Article.oldestFirst).map(\.id))
        #expect(Article.chronological(list, newestFirst: true).map { list[$0].id } == list.sorted(by: Article.newestFirst).map(\.id))
    }
}
