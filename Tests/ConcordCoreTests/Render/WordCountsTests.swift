import Testing
@testable import ConcordCore

@Suite("Word counts")
struct WordCountsTests {
    /// Article `i` has `i % 4` witnesses, at starts 10, 20, …, with distinct word counts.
    func stats(_ count: Int) -> [ArticleWordStats] {
        (0..<count).map { i in
            let per = (0..<(i % 4)).map { n in (start: 10 * (n + 1), words: 100 * i + n + 1) }
            return ArticleWordStats(words: 1000 * i + 7, shared: per.reduce(0) { $0 + $1.words },
                                    perWitness: per, witnesses: per.map { $0.start..<($0.start + 5) })
        }
    }

    @Test(arguments: [1, 2, 3, 7])
    func countsJoinedFromPartsReadAsMadeWhole(parts: Int) {
        let all = stats(23)
        let size = (all.count + parts - 1) / parts
        // Each part made apart, the records' counts marked in every third article.
        let made = stride(from: 0, to: all.count, by: size).map { lo -> WordCounts in
            var part = WordCounts()
            for i in lo..<min(all.count, lo + size) { part.append(all[i], fromRecord: i % 3 == 0) }
            return part
        }
        let joined = WordCounts(joining: made)
        #expect(joined.count == all.count)
        for (i, s) in all.enumerated() {
            #expect(Int(joined.words[i]) == s.words && Int(joined.shared[i]) == s.shared)
            #expect(joined.fromRecord[i] == (i % 3 == 0))
            // Each witness's words found by its start in this article's part alone (a part's
            // offsets not moved by the parts before it would find another article's).
            for w in s.perWitness { #expect(joined.words(inWitnessAt: w.start, of: i) == w.words) }
            #expect(joined.words(inWitnessAt: 15, of: i) == 0 && joined.words(inWitnessAt: 1000, of: i) == 0)
            #expect(joined.stats(i, witnesses: s.witnesses) == s)
        }
    }

    @Test func countsMadeFromStatsAreNoRecordsAndTheModelReadsThem() throws {
        let all = stats(9)
        let counts = WordCounts(all)
        #expect(counts.fromRecord == Array(repeating: false, count: 9))
        let articles = try (0..<9).map { i in
            try ArticleParser().parse(Array("date 2020-01-0\(1 + i % 9) Title\n\nBody.\n".utf8), path: "a\(i).txt")
        }
        let model = SiteModel(articles: articles, annotations: Annotations(), wordCounts: counts)
        for (k, a) in model.articles.enumerated() {
            let s = all[Int(a.id.dropFirst())!]
            #expect(model.wordStats(at: k) == (s.words, s.shared))
            for w in s.perWitness { #expect(model.words(inWitnessOf: k, at: w.start) == w.words) }
        }
    }

    @Test func aRecordGivesItsCountsOnlyForTheWitnessesTheyWereMadeFor() throws {
        let article = try ArticleParser().parse(Array("date 2020-01-01 Title\n\nOne two three.\n".utf8), path: "a.txt")
        let s = ArticleWordStats(words: 3, shared: 2, perWitness: [(start: 18, words: 2)], witnesses: [18..<25])
        let record = ArticleRecord(stamp: .unknown, article: article,
                                   analysis: ArticleAnalysis(wordCount: 3, runs: ArticleRuns(), quotes: QuoteList([]), fullNames: FullNames([])),
                                   stats: s)
        var counts = WordCounts()
        #expect(!record.appendCounts(to: &counts, ifWitnesses: [18..<26]))
        #expect(counts.count == 0)
        #expect(record.appendCounts(to: &counts, ifWitnesses: [18..<25]))
        #expect(counts.count == 1 && counts.fromRecord == [true] && counts.stats(0, witnesses: [18..<25]) == s)
    }
}
