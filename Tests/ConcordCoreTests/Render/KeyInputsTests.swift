import Testing
@testable import ConcordCore

/// What page and entry keys take of articles and quotes (`SiteModel.addArticle`,
/// `addQuoteSource`): digests from flat tables stand for an article's bytes and id, so each
/// must still tell apart what the pages tell apart.
@Suite("Key inputs")
struct KeyInputsTests {
    let bytes = Array("date 2020-01-01 Same title\n\n\"We are here,\" she said. \"And here,\" he said.\n".utf8)

    /// Two articles with the same bytes under other names, and one with other bytes;
    /// two quotes in the first, one in the second, one of an article the archive lacks.
    func model() throws -> SiteModel {
        try model(quotes: [Quote(id: "q1", article: "a", start: 29, end: 41, cue: "said"),
                           Quote(id: "q2", article: "a", start: 55, end: 64, cue: "said"),
                           Quote(id: "q3", article: "b", start: 29, end: 41, cue: "said"),
                           Quote(id: "q4", article: "gone", start: 29, end: 41, cue: "said"),
                           Quote(id: "q4", article: "gone", start: 29, end: 41, cue: "told"),
                           Quote(id: "q6", article: "gone", start: 29, end: 41, cue: "said")])
    }

    /// The articles of `model()`, with `quotes`.
    func model(quotes: [Quote]) throws -> SiteModel {
        let articles = try [ArticleParser().parse(bytes, path: "a.txt"), ArticleParser().parse(bytes, path: "b.txt"),
                            ArticleParser().parse(bytes + Array(" More.".utf8), path: "c.txt")]
        let none = ArticleWordStats(words: 0, shared: 0, perWitness: [], witnesses: [])
        return SiteModel(articles: articles, annotations: Annotations(passages: [], quotes: quotes),
                         wordCounts: WordCounts(articles.map { _ in none }))
    }

    func key(_ add: (inout PageKey) -> Void) -> UInt64 { var key = PageKey(seed: 9); add(&key); return key.value }

    @Test func articlesWithTheSameBytesOrTheSameNameDiffer() throws {
        let model = try model()
        let k = { (id: String) in Int32(model.position(of: id)!) }
        let a = key { model.addArticle(k("a"), or: "a", to: &$0) }
        #expect(a == key { model.addArticle(k("a"), or: "a", to: &$0) })
        #expect(a != key { model.addArticle(k("b"), or: "b", to: &$0) }, "same bytes, another id")
        #expect(a != key { model.addArticle(k("c"), or: "c", to: &$0) }, "other bytes")
        // No article: its id is what there is.
        #expect(key { model.addArticle(-1, or: "a", to: &$0) } != key { model.addArticle(-1, or: "b", to: &$0) })
        #expect(a != key { model.addArticle(-1, or: "a", to: &$0) })
    }

    @Test func quotesDifferByArticleAndPlace() throws {
        let model = try model()
        let q = (0..<6).map { p in key { model.addQuoteSource(p, to: &$0) } }
        #expect(q[0] != q[1], "two places in one article")
        #expect(q[0] != q[2], "the same place in an article with the same bytes under another name")
        // Quotes of an article the archive lacks add their own id and cue: q4 and its copy with
        // another cue, and with another id.
        #expect(q[3] != q[4] && q[3] != q[5] && q[4] != q[5])
        #expect(q[0] == key { model.addQuoteSource(0, to: &$0) })
    }

    /// `SiteModel.quoteKeys`, which the speaker pages' keys and `annotations.json`'s quote
    /// entries take, digested once per quote: they tell apart what `addQuoteSource` does, and
    /// the quote's passage too.
    @Test func quoteKeysTakeTheSourceAndThePassage() throws {
        let speaker = SpeakerMention(name: "Kim Kardashian", kind: .person, mention: 0..<3)
        func quote(_ id: String, _ article: String, _ start: Int, _ end: Int, cue: String = "said", passage: String? = nil) -> Quote {
            Quote(id: id, article: article, start: start, end: end, speaker: speaker, cue: cue, passage: passage)
        }
        let quotes = [quote("q1", "a", 29, 41), quote("q1", "a", 29, 41, passage: "p1"), quote("q1", "a", 29, 41, passage: "p2"),
                      quote("q2", "a", 55, 64), quote("q3", "b", 29, 41), quote("q4", "gone", 29, 41),
                      quote("q4", "gone", 29, 41, cue: "told"), quote("q4", "gone", 29, 41, passage: "p1")]
        let model = try model(quotes: quotes)
        #expect(model.quoteKeys.count == quotes.count)
        #expect(Set(model.quoteKeys).count == quotes.count, "each quote's key its own: \(model.quoteKeys)")
        // Made from each article's part once (`SiteModel.quoteKeys`), they are what a key of the
        // quote's source and passage, made quote by quote, gives.
        #expect(model.quoteKeys == quotes.indices.map { q in
            var key = PageKey(seed: 4)
            model.addQuoteSource(q, to: &key)
            key.add(model.annotations.quotes.passage(q) ?? "\u{0}")
            return key.value
        })
        // The same quotes give the same keys, in a model of their own and in another order.
        #expect(try self.model(quotes: quotes).quoteKeys == model.quoteKeys)
        let reversed = try self.model(quotes: quotes.reversed())
        #expect(reversed.quoteKeys.reversed() == model.quoteKeys)
        // A speaker's page key changes with the passage of one of their quotes.
        func speakerKey(_ m: SiteModel) -> UInt64 {
            var key = PageKey(seed: 9)
            PageContexts(model: m).speakerKey(at: 0, into: &key)
            return key.value
        }
        var moved = quotes
        moved[3].passage = "p3"
        let other = try self.model(quotes: moved)
        #expect(other.speakers.count == 1 && model.speakers.count == 1)
        #expect(speakerKey(other) != speakerKey(model))
        #expect(speakerKey(try self.model(quotes: quotes)) == speakerKey(model))
    }
}
