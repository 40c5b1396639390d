import Testing
@testable import ConcordCore

/// `QuoteFinder.link`: a quote lies in the passage of which one of its own
/// article's witnesses covers at least half of it (the most, then the smallest id).
@Suite("Quote links")
struct QuoteLinkTests {
    /// Each quote's passage as a build links them: articles in id order, their quotes grouped
    /// by article (`quoteStarts`), each witness's article by index.
    func linked(_ quotes: [Quote], _ passages: [Passage]) -> [String?] {
        let ids = Set(quotes.map(\.article) + passages.flatMap { $0.witnesses.map(\.article) }).sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let order = quotes.indices.sorted { (index[quotes[$0].article]!, $0) < (index[quotes[$1].article]!, $1) }
        var grouped = QuoteTable(order.map { quotes[$0] })
        var starts = [Int](repeating: 0, count: ids.count + 1)
        for q in grouped { starts[index[q.article]! + 1] += 1 }
        for i in ids.indices { starts[i + 1] += starts[i] }
        QuoteFinder.link(&grouped, quoteStarts: starts, passages: passages,
                         witnessArticles: passages.flatMap { $0.witnesses.map { Int32(index[$0.article]!) } })
        var result = [String?](repeating: nil, count: quotes.count)
        for (k, i) in order.enumerated() { result[i] = grouped[k].passage }
        return result
    }

    @Test func quotesLinkToTheirOwnArticlesWitnesses() {
        let passages = [
            Passage(id: "p2", witnesses: [.init(article: "a", start: 0, end: 100), .init(article: "b", start: 50, end: 150)]),
            Passage(id: "p1", witnesses: [.init(article: "c", start: 200, end: 300), .init(article: "b", start: 400, end: 500),
                                          .init(article: "b", start: 600, end: 700)]),
            Passage(id: "p3", witnesses: [.init(article: "c", start: 0, end: 40), .init(article: "a", start: 300, end: 340)]),
            Passage(id: "p0", witnesses: [.init(article: "d", start: 600, end: 650), .init(article: "c", start: 600, end: 650)]),
        ]
        let quotes = [
            Quote(id: "q1", article: "b", start: 60, end: 100),     // inside b's copy of p2
            Quote(id: "q2", article: "c", start: 60, end: 100),     // a's and b's ranges, not c's: none
            Quote(id: "q3", article: "b", start: 620, end: 640),    // b's second copy of p1
            Quote(id: "q4", article: "a", start: 90, end: 110),     // half in p2 (10 of 20 bytes): linked
            Quote(id: "q5", article: "a", start: 91, end: 110),     // 9 of 19: not
            Quote(id: "q6", article: "c", start: 20, end: 220),     // p3 20 bytes, p1 20 bytes of 200: not half
            Quote(id: "q7", article: "c", start: 610, end: 640),    // p0, c's copy
            Quote(id: "q8", article: "e", start: 0, end: 10),       // an article without witnesses
            Quote(id: "q9", article: "d", start: 0, end: 10),       // outside its article's witness (600..<650): none
            Quote(id: "q10", article: "a", start: 300, end: 340),   // p3, a's copy (its last witness)
        ]
        #expect(linked(quotes, passages) == ["p2", nil, "p1", "p2", nil, nil, "p0", nil, nil, "p3"])
    }

    @Test func ofTwoPassagesTheOneCoveringMostThenTheSmallestId() {
        let passages = [
            Passage(id: "pb", witnesses: [.init(article: "x", start: 0, end: 60), .init(article: "y", start: 0, end: 60)]),
            Passage(id: "pa", witnesses: [.init(article: "x", start: 40, end: 100), .init(article: "z", start: 0, end: 60)]),
            Passage(id: "pc", witnesses: [.init(article: "y", start: 40, end: 100), .init(article: "z", start: 100, end: 200)]),
        ]
        let quotes = [
            Quote(id: "q1", article: "x", start: 20, end: 60),   // pb 40 bytes, pa 20: pb
            Quote(id: "q2", article: "x", start: 40, end: 60),   // both all 20: pa, the smaller id
            Quote(id: "q3", article: "y", start: 40, end: 60),   // pb and pc both all 20: pb
        ]
        #expect(linked(quotes, passages) == ["pb", "pa", "pb"])
    }

    /// Enough articles for the comparisons to run on every core (in chunks of articles): each
    /// quote linked as comparing it with every witness of its article, one at a time, links it.
    @Test func manyArticlesLinkAsOneByOne() {
        var rng = SplitMix64(seed: 21)
        let ids = (0..<3000).map { String(format: "a%04d", $0) }
        let passages = (0..<900).map { p in
            Passage(id: "p\(rng.next() % 400)", witnesses: (0..<(2 + p % 4)).map { _ in
                let start = Int(rng.next() % 500)
                return Witness(article: ids[Int(rng.next() % UInt64(ids.count))], start: start, end: start + 20 + Int(rng.next() % 80))
            })
        }
        let quotes = ids.flatMap { id in
            (0..<Int(rng.next() % 3)).map { k in
                let start = Int(rng.next() % 550)
                return Quote(id: "\(id)-\(k)", article: id, start: start, end: start + 1 + Int(rng.next() % 60))
            }
        }
        let expected = quotes.map { q -> String? in
            var best: (id: String, words: Int)? = nil
            for p in passages {
                for w in p.witnesses where w.article == q.article {
                    let n = w.range.clamped(to: q.range).count
                    guard n * 2 >= max(1, q.range.count) else { continue }
                    if let b = best, b.words > n || (b.words == n && b.id <= p.id) { continue }
                    best = (p.id, n)
                }
            }
            return best?.id
        }
        #expect(expected.filter { $0 != nil }.count > 100, "enough quotes lie in passages")
        #expect(linked(quotes, passages) == expected)
    }
}

/// `QuoteFinder.combineByArticle`: chunks of articles decoded in parallel give the quotes in
/// article order, with each article's start, and short names completed across chunks.
@Suite("Quotes combined by article")
struct CombineByArticleTests {
    @Test func manyArticlesInChunksGiveQuotesInOrderWithTheirStarts() {
        // 10,000 articles (three chunks), some without quotes; "Ng" is spelled out only in the last.
        let count = 10_000
        let lists: [[Quote]] = (0..<count).map { i in
            (0..<(i % 3)).map { k in
                let name = i % 1000 == 1 ? "Ng" : "Speaker \(i)"
                return Quote(id: "q\(i)-\(k)", article: "a\(i)", start: k * 10, end: k * 10 + 5,
                             speaker: SpeakerMention(name: name, kind: .person, mention: 0..<2))
            }
        }
        let names = (0..<count).map { FullNames($0 == count - 1 ? ["Zoë Ng"] : []) }
        let (quotes, starts) = QuoteFinder().combineByArticle(lists.lazy.map { QuoteList($0) }, names: names)
        #expect(quotes.map(\.id) == lists.flatMap { $0.map(\.id) })
        #expect(starts.count == count + 1 && starts.first == 0 && starts.last == quotes.count)
        #expect((0..<count).allSatisfy { i in quotes[starts[i]..<starts[i + 1]].map(\.id) == lists[i].map(\.id) })
        #expect(quotes.filter { $0.article == "a1" }.map { $0.speaker?.name } == ["Zoë Ng"])
        // Every quote as given, speakers and all (each chunk numbers its own speakers, which the
        // table numbers again), "Ng" completed.
        #expect(Array(quotes) == lists.flatMap { $0 }.map { q in
            var q = q; if q.speaker?.name == "Ng" { q.speaker?.name = "Zoë Ng" }; return q
        })
    }
}
