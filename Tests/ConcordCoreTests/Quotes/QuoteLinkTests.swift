import Testing
@testable import ConcordCore

/// `QuoteFinder.link`: a quote lies in the passage of which one of its own
/// article's witnesses covers at least half of it (the most, then the smallest id).
@Suite("Quote links")
struct QuoteLinkTests {
    @Test func quotesLinkToTheirOwnArticlesWitnesses() {
        let passages = [
            Passage(id: "p2", witnesses: [.init(article: "a", start: 0, end: 100), .init(article: "b", start: 50, end: 150)]),
            Passage(id: "p1", witnesses: [.init(article: "c", start: 200, end: 300), .init(article: "b", start: 400, end: 500),
                                          .init(article: "b", start: 600, end: 700)]),
            Passage(id: "p3", witnesses: [.init(article: "c", start: 0, end: 40), .init(article: "a", start: 300, end: 340)]),
            Passage(id: "p0", witnesses: [.init(article: "d", start: 600, end: 650), .init(article: "c", start: 600, end: 650)]),
        ]
        var quotes = [
            Quote(id: "q1", article: "b", start: 60, end: 100),     // inside b's copy of p2
            Quote(id: "q2", article: "c", start: 60, end: 100),     // a's and b's ranges, not c's: none
            Quote(id: "q3", article: "b", start: 620, end: 640),    // b's second copy of p1
            Quote(id: "q4", article: "a", start: 90, end: 110),     // half in p2 (10 of 20 bytes): linked
            Quote(id: "q5", article: "a", start: 91, end: 110),     // 9 of 19: not
            Quote(id: "q6", article: "c", start: 20, end: 220),     // p3 20 bytes, p1 20 bytes of 200: not half
            Quote(id: "q7", article: "c", start: 610, end: 640),    // p0, c's copy
            Quote(id: "q8", article: "e", start: 0, end: 10),       // an article without witnesses
            Quote(id: "q9", article: "d", start: 0, end: 10, passage: "stale"),   // a link that no longer holds is cleared
            Quote(id: "q10", article: "a", start: 300, end: 340),   // p3, a's copy (its last witness)
        ]
        QuoteFinder.link(&quotes, to: passages)
        #expect(quotes.map(\.passage) == ["p2", nil, "p1", "p2", nil, nil, "p0", nil, nil, "p3"])
    }

    @Test func ofTwoPassagesTheOneCoveringMostThenTheSmallestId() {
        let passages = [
            Passage(id: "pb", witnesses: [.init(article: "x", start: 0, end: 60), .init(article: "y", start: 0, end: 60)]),
            Passage(id: "pa", witnesses: [.init(article: "x", start: 40, end: 100), .init(article: "z", start: 0, end: 60)]),
            Passage(id: "pc", witnesses: [.init(article: "y", start: 40, end: 100), .init(article: "z", start: 100, end: 200)]),
        ]
        var quotes = [
            Quote(id: "q1", article: "x", start: 20, end: 60),   // pb 40 bytes, pa 20: pb
            Quote(id: "q2", article: "x", start: 40, end: 60),   // both all 20: pa, the smaller id
            Quote(id: "q3", article: "y", start: 40, end: 60),   // pb and pc both all 20: pb
        ]
        QuoteFinder.link(&quotes, to: passages)
        #expect(quotes.map(\.passage) == ["pb", "pa", "pb"])
    }
}
