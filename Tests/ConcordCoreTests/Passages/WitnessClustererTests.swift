import Testing
@testable import ConcordCore

/// Passage ids: the first choice comes from the first copy's words; the previous build's
/// first choices (by seed) stand in for tokenizing them again, and only where the seed matches.
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

    @Test func knownFirstChoicesGiveTheSamePassages() throws {
        let a = try articles()
        let fresh = WitnessClusterer(articles: a).passages(from: edges(a), known: [:])
        #expect(fresh.passages.count == 2)
        #expect(fresh.ids.count == 2)
        let again = WitnessClusterer(articles: a).passages(from: edges(a), known: fresh.ids)
        #expect(again.passages.map(\.id) == fresh.passages.map(\.id))
        #expect(again.ids == fresh.ids)
    }

    @Test func aFirstChoiceOfOtherWordsIsNotUsed() throws {
        let a = try articles()
        let before = WitnessClusterer(articles: a).passages(from: edges(a), known: [:])
        // Same paths and byte ranges, other words (the same length): the seeds differ by the bytes' checksum.
        let b = try articles(lastWord: "epsilom")
        let fresh = WitnessClusterer(articles: b).passages(from: edges(b), known: [:])
        let reusing = WitnessClusterer(articles: b).passages(from: edges(b), known: before.ids)
        #expect(reusing.passages.map(\.id) == fresh.passages.map(\.id))
        #expect(fresh.passages[0].id != before.passages[0].id)
        #expect(fresh.passages[1].id == before.passages[1].id)
    }

    @Test func aTakenFirstChoiceGetsACounter() throws {
        let a = try articles()
        let fresh = WitnessClusterer(articles: a).passages(from: edges(a), known: [:])
        // Both seeds given the same first choice: the second passage must take another id.
        let clash = fresh.ids.mapValues { _ in "p000000000000" }
        let result = WitnessClusterer(articles: a).passages(from: edges(a), known: clash)
        #expect(result.passages[0].id == "p000000000000")
        #expect(result.passages[1].id != "p000000000000")
        #expect(result.passages[1].id.hasPrefix("p") && result.passages[1].id.count == 13)
    }
}
