import Testing
@testable import ConcordCore

/// `QuoteTable`: quotes kept as columns of numbers read back as the quotes given, whatever
/// their strings and ids; joined, set, and with speakers renamed and merged.
@Suite("Quote table")
struct QuoteTableTests {
    /// Quotes of a few articles with ids as the finder makes them, speakers named again and
    /// again, one name given two kinds, cues and passages, and none.
    static func quotes(seed: UInt64, count: Int = 300) -> [Quote] {
        var rng = SplitMix64(seed: seed)
        let names = ["Kim Kardashian", "Kanye", "a source", "Zoë Ng", "Alexandria Ocasio-Cortez and a long name"]
        let cues = ["said", "according to", "told reporters"]
        return (0..<count).map { k in
            let article = "article-\(k / 7)"
            let start = Int(rng.next() % 5000), pick = Int(rng.next() % 6)
            let speaker = pick < names.count
                ? SpeakerMention(name: names[pick], kind: pick == 2 ? .anonymous : (k % 11 == 0 ? .organization : .person),
                                 mention: start + 40..<start + 52) : nil
            return Quote(id: "q" + StableHash.hex("\(article):\(start):\(start + 30)", digits: 12), article: article,
                         start: start, end: start + 30, speaker: speaker,
                         cue: rng.next() % 4 == 0 ? nil : cues[Int(rng.next() % 3)],
                         passage: rng.next() % 3 == 0 ? "p\(rng.next() % 4)" : nil)
        }
    }

    @Test func quotesReadBackAsGiven() {
        let quotes = Self.quotes(seed: 1)
        let table = QuoteTable(quotes)
        #expect(Array(table) == quotes)
        #expect(table.explicitIDs == nil, "the finder's ids kept as hashes")
        #expect(Set(table.speakers) == Set(quotes.compactMap { $0.speaker.map { QuoteTable.Speaker(name: $0.name, kind: $0.kind) } }))
        #expect(table.speakers.count == Set(table.speakers).count && table.cues.count == 3, "each name and kind, each cue, once")
        #expect(table.count == quotes.count && QuoteTable() == [])
    }

    /// An id the finder would not make is kept as given, with every other one.
    @Test func idsOfAnotherFormAreKept() {
        var quotes = Self.quotes(seed: 2, count: 40)
        quotes[17] = Quote(id: "q-by-hand", article: quotes[17].article, start: 1, end: 2)
        quotes[30] = Quote(id: "qABCDEF012345", article: quotes[30].article, start: 1, end: 2)   // (upper case: not the finder's)
        #expect(Array(QuoteTable(quotes)) == quotes)
        for bad in ["q12345", "x0123456789ab", "q0123456789abc", "q0123456789aG", "q0123456789a:"] { #expect(QuoteTable.idHash(bad) == nil, "\(bad)") }
        #expect(QuoteTable.id(hash: QuoteTable.idHash("q00a0000000ff")!) == "q00a0000000ff")
        // Every hash reads back; a byte that is no lowercase hex digit, anywhere, is no such id.
        var rng = SplitMix64(seed: 9)
        for _ in 0..<2000 {
            let hash = rng.next() >> 16
            let id = QuoteTable.id(hash: hash)
            #expect(QuoteTable.idHash(id) == hash, "\(id)")
            var bytes = Array(id.utf8)
            bytes[1 + Int(rng.next() % 12)] = [0x2F, 0x3A, 0x40, 0x47, 0x60, 0x67, 0x41, 0x46, 0xB0, 0xE1, 0x00][Int(rng.next() % 11)]
            #expect(bytes.withUnsafeBytes { QuoteTable.idHash($0) } == nil, "\(bytes)")
        }
    }

    /// Every field reads back as given: an id of another form, another article, a cue, a
    /// passage, a new speaker, a renamed one.
    @Test func everyFieldReadsBack() {
        let quotes = Self.quotes(seed: 3, count: 50)
        var expected = quotes
        for (k, q) in [(3, quotes[40]), (10, Quote(id: "hand", article: "elsewhere", start: 7, end: 9, cue: "wrote", passage: "p9")),
                       (11, Quote(id: quotes[11].id, article: quotes[11].article, start: 1, end: 2,
                                  speaker: SpeakerMention(name: "New Person", kind: .person, mention: 3..<4)))] {
            expected[k] = q
        }
        expected[20].speaker?.name = "Renamed"
        #expect(Array(QuoteTable(expected)) == expected)
    }

    /// A table filled by runs of rows, each on its own core with strings numbered its own way,
    /// reads as its quotes in order, each string once in the table's; ids of another form and
    /// passages given kept.
    @Test func filledByRunsReadsInOrder() {
        var parts = [Self.quotes(seed: 4, count: 90), [], Self.quotes(seed: 5, count: 70), Self.quotes(seed: 6, count: 1)]
        var runs: [Range<Int>] = [], at = 0
        for p in parts { runs.append(at..<at + p.count); at += p.count }
        func filled(_ parts: [[Quote]]) -> QuoteTable {
            QuoteTable.filled(count: at, runs: runs) { r, writer in for q in parts[r] { writer.append(q) } }
        }
        let table = filled(parts)
        #expect(Array(table) == parts.flatMap { $0 })
        #expect(table.speakers.count == Set(table.speakers).count && table.cues.count == Set(table.cues).count)
        #expect(Set(table.speakers) == Set(parts.joined().compactMap { $0.speaker.map { QuoteTable.Speaker(name: $0.name, kind: $0.kind) } }))
        #expect(table.explicitIDs == nil)
        parts[3][0] = Quote(id: "by hand", article: "x", start: 0, end: 1)
        #expect(Array(filled(parts)) == parts.flatMap { $0 })
    }

    /// Speakers renamed (the archive's names) read back renamed; two renamed alike are one
    /// speaker in the site model, with every quote of both.
    @Test func renamedSpeakersAreOneByName() {
        let quotes = Self.quotes(seed: 7)
        var table = QuoteTable(quotes)
        let before = table.speakers.count
        for n in table.speakers.indices where table.speakers[n].name == "Kanye" { table.speakers[n].name = "Kim Kardashian" }
        let expected = quotes.map { q in
            var q = q; if q.speaker?.name == "Kanye" { q.speaker?.name = "Kim Kardashian" }; return q
        }
        #expect(Array(table) == expected)
        #expect(table.speakers.count == before, "the rows keep their numbers")
        let (names, _, of) = SiteModel.speakerNumbers(table)
        #expect(Set(names) == Set(expected.compactMap { $0.speaker?.name }) && names.count == Set(names).count)
        let kim = Int32(names.firstIndex(of: "Kim Kardashian")!)
        #expect(of.filter { $0 == kim }.count == expected.filter { $0.speaker?.name == "Kim Kardashian" }.count)
    }
}
