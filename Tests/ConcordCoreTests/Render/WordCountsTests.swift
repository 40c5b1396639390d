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
        // Each part made apart.
        let made = stride(from: 0, to: all.count, by: size).map { lo -> WordCounts in
            var part = WordCounts()
            for i in lo..<min(all.count, lo + size) { part.append(all[i]) }
            return part
        }
        let joined = WordCounts(joining: made)
        #expect(joined.count == all.count)
        #expect(joined == WordCounts(all))
        for (i, s) in all.enumerated() {
            #expect(Int(joined.words[i]) == s.words && Int(joined.shared[i]) == s.shared)
            #expect(joined.witnesses(of: i).elementsEqual(s.witnesses))
            // Each witness's words found by its start in this article's part alone (a part's
            // offsets not moved by the parts before it would find another article's).
            for w in s.perWitness { #expect(joined.words(inWitnessAt: w.start, of: i) == w.words) }
            #expect(joined.words(inWitnessAt: 15, of: i) == 0 && joined.words(inWitnessAt: 1000, of: i) == 0)
            #expect(joined.stats(i) == s)
        }
    }

    @Test func theModelReadsTheCounts() throws {
        let all = stats(9)
        let counts = WordCounts(all)
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

    /// What a build does with the last build's table: an unchanged article's counts taken by
    /// position, the rest made anew, in the order of this build's articles.
    @Test func countsTakenFromAnotherTableByPositionAreTheSameCounts() {
        let all = stats(12)
        let last = WordCounts(all)
        var now = WordCounts()
        let order: [Int?] = [3, nil, 0, 11, nil, 7, 2]          // nil: made anew (article 5's)
        for j in order { if let j { now.append(j, of: last) } else { now.append(all[5]) } }
        #expect(now == WordCounts(order.map { all[$0 ?? 5] }))
        // Whether a table's counts are for given witnesses, which lie among others.
        let around = [0..<1] + all[3].witnesses + [7..<9]
        #expect(last.isFor(3, witnesses: around, at: 1..<4) && now.isFor(0, witnesses: around, at: 1..<4))
        #expect(!last.isFor(3, witnesses: around, at: 1..<3) && !last.isFor(3, witnesses: around, at: 2..<5))
        #expect(last.isFor(4, witnesses: around, at: 2..<2) && !last.isFor(5, witnesses: around, at: 2..<2))
        for (i, j) in order.enumerated() {
            #expect(now.stats(i) == all[j ?? 5])
            for w in all[j ?? 5].perWitness { #expect(now.words(inWitnessAt: w.start, of: i) == w.words) }
        }
    }

    /// The table as the cache keeps it reads back the same, every number in 32 bits.
    @Test func countsComeBackAsEncoded() throws {
        var all = stats(10)
        all[4] = ArticleWordStats(words: Int(Int32.max), shared: 0, perWitness: [(start: Int(Int32.max) - 9, words: 3)],
                                  witnesses: [(Int(Int32.max) - 9)..<Int(Int32.max), (Int(Int32.max) - 9)..<(Int(Int32.max) - 4)])
        for table in [WordCounts(all), WordCounts()] {
            var w = ByteWriter()
            table.encode(into: &w)
            var r = try ArticleRecordTests.mapped(w.bytes)
            #expect(try WordCounts.decode(from: &r) == table)
            #expect(r.atEnd)
        }
    }

    /// A table whose parts do not add up, or with a range reversed, is damage, not read past.
    @Test func aDamagedTableIsRefused() throws {
        var w = ByteWriter()
        WordCounts(stats(6)).encode(into: &w)
        let good = w.bytes
        // The numbers begin after three counts; the second block holds where each article's parts start.
        let bounds = 24 + 8 * 6
        for (offset, value) in [(0, 7), (8, 1), (16, 100), (bounds, 1), (bounds + 8 * 6, 0)] as [(Int, UInt32)] {
            var bad = good
            if offset < 24 { bad.replaceSubrange(offset..<(offset + 8), with: withUnsafeBytes(of: UInt64(value).littleEndian, Array.init)) }
            else { bad.replaceSubrange(offset..<(offset + 4), with: withUnsafeBytes(of: value.littleEndian, Array.init)) }
            var r = try ArticleRecordTests.mapped(bad)
            #expect(throws: ByteReader.Malformed.self, "changed at \(offset)") { _ = try WordCounts.decode(from: &r) }
        }
        // A range whose end is before its start.
        var reversed = good
        let last = good.count - 8
        reversed.replaceSubrange(last..<good.count, with: withUnsafeBytes(of: UInt32(100).littleEndian, Array.init) + withUnsafeBytes(of: UInt32(5).littleEndian, Array.init))
        var r = try ArticleRecordTests.mapped(reversed)
        #expect(throws: ByteReader.Malformed.self) { _ = try WordCounts.decode(from: &r) }
    }
}
