import Foundation
import Testing
@testable import ConcordCore

/// An article as the build cache gives it back: its details decoded only when asked
/// for, its digests the ones kept, its bytes read from its file on first use.
@Suite("Article records")
struct ArticleRecordTests {
    static let temporary = FileManager.default.temporaryDirectory

    /// A front-matter article with every detail (non-ASCII included), and a dated one with none.
    static func articles() -> [Article] {
        let full = Array("---\ntitle: Ça va\n---\n\nWords here.\n".utf8)
        let plain = Array("date 2021-03-04\n\nOther words.\n".utf8)
        return [
            Article(id: "a-full", path: "a-full.md", format: .frontMatter, title: "Ça va — “quoted”",
                    date: ArticleDate(year: 2020, month: 2, day: 29)!, credits: ["By Zoë", "Wire"],
                    author: "Zoë Ng", url: "https://example.org/a?b=1", tags: ["x", "y z"],
                    source: full, body: 21..<full.count),
            Article(id: "b-plain", path: "sub/b-plain.txt", format: .datedText, title: "Other words",
                    date: ArticleDate(year: 2021, month: 3, day: 4)!, credits: [], source: plain, body: 17..<plain.count),
        ]
    }

    /// One quote for each kind of speaker, one with none, and the first speaker again with
    /// another cue; ids as the annotator makes them ("q" and 12 hex digits) and others.
    static func quotes(_ a: Article) -> [Quote] {
        let kinds: [SpeakerKind] = [.person, .organization, .anonymous, .unknown]
        var quotes: [Quote] = []
        for (k, kind) in kinds.enumerated() {
            let speaker = SpeakerMention(name: "Speaker \(k)", kind: kind, mention: (10 + k)..<(12 + k))
            let id = k % 2 == 0 ? QuoteTable.id(hash: 0xF0_0000_0000 | UInt64(k)) : "q\(k)"
            quotes.append(Quote(id: id, article: a.id, start: k, end: k + 2, speaker: speaker, cue: k == 0 ? nil : "said"))
        }
        return quotes + [Quote(id: "qn", article: a.id, start: 20, end: 22),
                         Quote(id: QuoteTable.id(hash: 0xA_BCDE_F012_3456), article: a.id, start: 23, end: 25,
                               speaker: SpeakerMention(name: "Speaker 0", kind: .person, mention: 26..<30), cue: "wrote")]
    }

    static func record(_ a: Article) -> ArticleRecord {
        ArticleRecord(stamp: FileStamp(size: a.source.count, modified: 5, changed: 6, inode: 7), article: a,
                      analysis: ArticleAnalysis(wordCount: 2, runs: ArticleRuns(), quotes: QuoteList(quotes(a)), fullNames: FullNames(["Zoë Ng"])))
    }

    /// `bytes` written to a file after one byte (off alignment, as in a shard), mapped, read from there.
    static func mapped(_ bytes: [UInt8]) throws -> ByteReader {
        let url = temporary.appendingPathComponent("shard-\(UUID().uuidString).bin")
        try Data([9] + bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return ByteReader(try #require(FastFiles.Mapped(url.path)), offset: 1)
    }

    /// A runs section for records without runs.
    static func noRuns() throws -> ShardSection {
        let url = temporary.appendingPathComponent("runs-\(UUID().uuidString).bin")
        try Data([0]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return ShardSection(file: try #require(FastFiles.Mapped(url.path)), range: 1..<1, checksum: Checksum.of([]))
    }

    /// Records encoded as a shard holds them: their bytes, and their full names (its names section).
    struct Encoded: Equatable { var records: [UInt8], names: [UInt8] }

    static func encoded(_ records: [ArticleRecord]) -> Encoded {
        var w = ByteWriter(), names = ByteWriter(), runs = ByteWriter()
        for r in records { r.encode(into: &w, names: &names, runs: &runs) }
        return Encoded(records: w.bytes, names: names.bytes)
    }

    /// `encoded` written to a file as a shard lies (after one byte, off alignment: the records,
    /// then the names), mapped, and read back, the articles' files in `folder`.
    static func decoded(_ encoded: Encoded, folder: String = "/nonexistent", damagingNames: Bool = false) throws -> [ArticleRecord] {
        let url = temporary.appendingPathComponent("shard-\(UUID().uuidString).bin")
        var names = encoded.names
        if damagingNames, !names.isEmpty { names[names.count / 2] ^= 0x40 }
        try Data([9] + encoded.records + names).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try #require(FastFiles.Mapped(url.path))
        let start = 1 + encoded.records.count
        let section = ShardSection(file: file, range: start..<(start + names.count), checksum: Checksum.of(encoded.names))
        var r = ByteReader(file, offset: 1, end: start)
        var back: [ArticleRecord] = []
        while !r.atEnd { back.append(try ArticleRecord.decode(from: &r, folder: folder, names: section, runs: try noRuns())) }
        return back
    }

    @Test func restoredArticlesShowWhatWasWritten() throws {
        let originals = Self.articles()
        let bytes = Self.encoded(originals.map(Self.record))
        let back = try Self.decoded(bytes)
        #expect(back.count == originals.count)
        for (a, rec) in zip(originals, back) {
            #expect(rec.analysis.quotes.all == Self.quotes(a))
            #expect(rec.analysis.fullNames == FullNames(["Zoë Ng"]) && rec.analysis.wordCount == 2)
        }
        for (a, b) in zip(originals, back.map(\.article)) {
            #expect(b.id == a.id && b.path == a.path && b.format == a.format && b.date == a.date)
            #expect(b.details.fields == a.details.fields)
            #expect(b.title == a.title && b.credits == a.credits && b.author == a.author && b.url == a.url && b.tags == a.tags)
            #expect(b.digests == a.digests)
            #expect(b.body == a.body && b.contentHash == a.contentHash)
        }
        // Written again from where they lie (the details copied, not decoded): the same bytes.
        #expect(Self.encoded(back) == bytes)
    }

    /// A record's full names lie in its shard's names section, checked only when first read:
    /// damaged, the records still read, their names say so (`isIntact`) and give none.
    @Test func fullNamesInADamagedSectionAreNotRead() throws {
        let records = Self.articles().map(Self.record)
        let sound = try Self.decoded(Self.encoded(records))
        #expect(sound.allSatisfy { $0.analysis.fullNames.isIntact && $0.analysis.fullNames.names == ["Zoë Ng"] })
        let damaged = try Self.decoded(Self.encoded(records), damagingNames: true)
        #expect(damaged.map(\.article.id) == records.map(\.article.id))
        #expect(damaged.allSatisfy { !$0.analysis.fullNames.isIntact && $0.analysis.fullNames.names.isEmpty })
        #expect(records.allSatisfy { $0.analysis.fullNames.isIntact }, "names just made")
    }

    /// A record whose names reach past the end of their section is refused as it is read.
    @Test func fullNamesPastTheirSectionAreRefused() throws {
        var encoded = Self.encoded([Self.record(Self.articles()[0])])
        #expect(try Self.decoded(encoded).count == 1)
        encoded.names.removeLast()
        #expect(throws: ByteReader.Malformed.self) { _ = try Self.decoded(encoded) }
    }

    /// The bytes stay in the article's file until asked for; a file that changed since is stale.
    @Test func restoredArticlesReadTheirFileWhenAsked() throws {
        let a = Self.articles()[1]
        let folder = Self.temporary.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(a.path)
        try Data(a.source).write(to: file)
        let back = try Self.decoded(Self.encoded([Self.record(a)]), folder: folder.path)[0].article
        #expect(back.source == a.source)
        #expect(back.text(a.body) == "Other words.\n")
        let backStale = back.storage.isStale
        #expect(!backStale)

        try Data("date 2021-03-04\n\nChanged.\n".utf8).write(to: file)
        let changed = try Self.decoded(Self.encoded([Self.record(a)]), folder: folder.path)[0].article
        // Spaces stand in for it, as many as the record's ranges reach: the stages of a build
        // that is to start again read them without crashing.
        #expect(changed.source.count >= a.body.upperBound && changed.source.allSatisfy { $0 == 0x20 })
        #expect(changed.text(a.body).count == a.body.count)
        let changedStale = changed.storage.isStale
        #expect(changedStale)
        // What a build asks before swapping in: any of its articles stale.
        #expect(SourceBytes.anyStale(in: [back, changed]))
        #expect(!SourceBytes.anyStale(in: [back, a]))
    }

    /// Details whose count does not match what they hold are damage, found when the record is read.
    @Test func damagedDetailsAreFoundWhenRead() throws {
        var w = ByteWriter()
        w.counted { w in w.string("title"); w.int(0) }          // credits, then nothing: author missing
        var r = try Self.mapped(w.bytes)
        #expect(throws: ByteReader.Malformed.self) { _ = try ArticleDetails.decode(from: &r) }

        var long = ByteWriter()
        long.counted { w in
            w.string("title"); w.strings([]); w.optionalString(nil); w.optionalString(nil); w.strings([]); w.u8(0)
        }
        var r2 = try Self.mapped(long.bytes)
        #expect(throws: ByteReader.Malformed.self) { _ = try ArticleDetails.decode(from: &r2) }
    }

    /// Quotes are checked when the record is read: whatever `append` later takes on trust (a
    /// speaker's kind, a quote's speaker and cue among its article's, offsets in order and in
    /// range, the places of ids given apart), and a block shorter or longer than its quotes.
    @Test func damagedQuotesAreFoundWhenRead() throws {
        /// A block as `QuoteList.encode` writes it: one speaker, one cue, ids given apart, rows.
        struct Block {
            var count = 1, speakerCount = 1, cueCount = 1, kindTag: UInt8 = 0
            var explicit: [(Int, String)] = [(0, "q1")]
            var rows: [[Int32]] = [[0, 4, 0, 5, 12, 0, 0, 0]]
            var trailing: [UInt8] = []
            func reader() throws -> ByteReader {
                var w = ByteWriter()
                w.counted { w in
                    w.int(count); w.int(speakerCount); w.int(cueCount)
                    for _ in 0..<speakerCount { w.u8(kindTag); w.string("Ann Lee") }
                    for _ in 0..<cueCount { w.string("said") }
                    w.int(explicit.count); for (k, id) in explicit { w.int(k); w.string(id) }
                    for row in rows { for v in row { w.u32(UInt32(bitPattern: v)) } }
                    w.plain(trailing)
                }
                return try ArticleRecordTests.mapped(w.bytes)
            }
        }
        var good = try Block().reader()
        let list = try QuoteList.decode(from: &good, article: "a1")
        #expect(list.all == [Quote(id: "q1", article: "a1", start: 0, end: 4,
                                   speaker: SpeakerMention(name: "Ann Lee", kind: .person, mention: 5..<12), cue: "said")])
        func damaged(_ change: (inout Block) -> Void, _ what: Comment) throws {
            var block = Block()
            change(&block)
            var r = try block.reader()
            #expect(throws: ByteReader.Malformed.self, what) { _ = try QuoteList.decode(from: &r, article: "a1") }
        }
        try damaged({ $0.kindTag = 4 }, "a kind beyond the four")
        try damaged({ $0.rows[0][2] = 1 }, "a speaker the article does not list")
        try damaged({ $0.rows[0][2] = -2 }, "a speaker below none")
        try damaged({ $0.rows[0][5] = 1 }, "a cue the article does not list")
        try damaged({ $0.rows[0][0] = 5 }, "a quote ending before it starts")
        try damaged({ $0.rows[0][0] = -1 }, "a quote starting before its article")
        try damaged({ $0.rows[0][3] = 13 }, "a mention ending before it starts")
        try damaged({ $0.rows[0][3] = -1 }, "a mention starting before its article")
        try damaged({ $0.explicit = [(1, "q1")] }, "an id given for a quote beyond the count")
        try damaged({ $0.count = 2; $0.rows.append($0.rows[0]); $0.explicit = [(1, "x"), (0, "y")] }, "ids given out of order")
        try damaged({ $0.speakerCount = 2 }, "more speakers than quotes")
        try damaged({ $0.count = 2 }, "a block shorter than its quotes")
        try damaged({ $0.trailing = [0] }, "a block longer than its quotes")
        // Each of those changes is what makes the block damaged: with none, two quotes read back.
        var two = Block(); two.count = 2; two.rows.append([6, 9, -1, 0, 0, -1, 0, 0]); two.explicit = [(0, "q1"), (1, "q2")]
        var r = try two.reader()
        #expect(try QuoteList.decode(from: &r, article: "a1").all.map(\.id) == ["q1", "q2"])
    }

    /// Speakers are combined from lists left in records as from lists just found: the
    /// same quotes, in order, short names given the archive's full name.
    @Test func combinedFromRecordsAsFromFreshLists() throws {
        let originals = Self.articles()
        let back = try Self.decoded(Self.encoded(originals.map(Self.record)))
        // Each article also quotes "Ng" alone: the records' full names make it "Zoë Ng".
        let fresh = originals.map { a in (Self.quotes(a) + [Quote(id: "qs", article: a.id, start: 30, end: 32,
                                                                 speaker: SpeakerMention(name: "Ng", kind: .person, mention: 33..<35))],
                                          FullNames(["Zoë Ng"])) }
        var w = ByteWriter()
        for (quotes, _) in fresh { QuoteList(quotes).encode(into: &w) }
        var q = try Self.mapped(w.bytes)
        let lists = try zip(originals, back).map { a, rec in (try QuoteList.decode(from: &q, article: a.id), rec.analysis.fullNames) }
        let combined = QuoteFinder().combine(lists.lazy.map(\.0), names: lists.lazy.map(\.1))
        #expect(combined == QuoteFinder().combine(fresh))
        #expect(combined.filter { $0.id == "qs" }.map { $0.speaker?.name } == originals.map { _ in "Zoë Ng" })
        #expect(combined.count == fresh.reduce(0) { $0 + $1.0.count })
        // Counted apart from the lists (as the incremental annotator counts them), the same.
        let counted = QuoteFinder().combineByArticle(lists.lazy.map(\.0), names: lists.lazy.map(\.1), counts: { lists[$0].0.count })
        #expect(counted.quotes == combined)
        #expect(counted.starts == QuoteFinder().combineByArticle(lists.lazy.map(\.0), names: lists.lazy.map(\.1)).starts)
    }

    /// A record's quotes read where they lie (`appendQuotes`, each field of its list taken by
    /// itself, decoded straight into a `QuoteTable`) are its list's: for records decoded from a
    /// shard (mapped) and records just made.
    @Test func quotesReadInPlaceFromRecords() throws {
        let originals = Self.articles()
        let back = try Self.decoded(Self.encoded(originals.map(Self.record)))
        for (a, rec) in zip(originals, back + originals.map(Self.record)) {
            let read = Array(QuoteTable.filled(count: rec.analysis.quotes.count, runs: [0..<rec.analysis.quotes.count]) { _, table in
                table.startArticle(rec.article.id)
                rec.appendQuotes(to: &table)
            })
            #expect(read == Self.quotes(a))
            #expect(read == rec.analysis.quotes.all)
        }
        #expect(back.allSatisfy { $0.analysis.quotes.address != 0 })
        #expect(originals.map(Self.record).allSatisfy { $0.analysis.quotes.address == 0 })
        // Combined from the records as the incremental annotator does, each article told to
        // `prefetch` once, in order, before its quotes are read: the same as from the lists.
        let records = back + originals.map(Self.record)
        var told: [Int] = []
        let combined = QuoteFinder().combineByArticle(
            articles: records.count, counts: { records[$0].analysis.quotes.count }, quotes: { i, table in table.startArticle(records[i].article.id); records[i].appendQuotes(to: &table) },
            names: records.lazy.map(\.analysis.fullNames), prefetch: { told.append($0) })
        #expect(told == Array(records.indices))
        let lists = records.map(\.analysis.quotes)
        let expected = QuoteFinder().combineByArticle(lists, names: records.lazy.map(\.analysis.fullNames))
        #expect(combined.quotes == expected.quotes)
        #expect(combined.starts == expected.starts)
        #expect(combined.starts == [0, 6, 12, 18, 24])
    }
}
