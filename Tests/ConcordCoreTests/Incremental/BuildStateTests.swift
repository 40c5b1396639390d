import Foundation
import Testing
@testable import ConcordCore

/// The aligned segments `state.bin` keeps: written compactly, read back as they were.
@Suite("Build state")
struct BuildStateTests {
    static let ids = ["a-first", "b-second", "c-third"]
    static let hashes = ids.map { PathHash.of($0 + ".md") }

    func state(_ edges: [WitnessClusterer.Edge]) -> BuildState {
        BuildState(settings: 0, generation: 0, previousGeneration: 0, previousFiles: FileTable(), records: RecordTable(),
                   boilerplate: [7, 3], edges: edges, articleHashes: Self.hashes, files: FileTable())
    }

    /// Encodes the body of `state`, maps it from a file and decodes it into an empty state.
    func readBack(_ state: BuildState) throws -> (BuildState, bytes: Int) {
        var w = ByteWriter()
        state.encodeBody(into: &w)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).bin")
        try Data(w.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        var back = self.state([])
        back.articleHashes = []
        try back.decodeBody(from: &r)
        #expect(r.atEnd)
        return (back, w.bytes.count)
    }

    /// The word counts come back as written, one article's for each of `articleHashes`; none
    /// written, none read; a table for another number of articles is damage.
    @Test func wordCountsComeBackAsWritten() throws {
        var s = state([])
        let stats = [ArticleWordStats(words: 12, shared: 5, perWitness: [(start: 40, words: 5)], witnesses: [40..<90]),
                     ArticleWordStats(words: 3, shared: 0, perWitness: [], witnesses: []),
                     ArticleWordStats(words: 9, shared: 9, perWitness: [(start: 0, words: 4), (start: 30, words: 5)],
                                      witnesses: [0..<25, 30..<70, 30..<60])]
        s.wordCounts = WordCounts(stats)
        let (back, _) = try readBack(s)
        #expect(back.wordCounts == s.wordCounts && back.wordCounts?.stats(2) == stats[2])
        let (none, _) = try readBack(state([]))
        #expect(none.wordCounts == nil)
        s.wordCounts = WordCounts(Array(stats.prefix(2)))
        #expect(throws: ByteReader.Malformed.self) { _ = try readBack(s) }
    }

    /// The order newest first comes back as written, with the word counts or without; one that
    /// does not name each of `articleHashes` once is damage.
    @Test func orderNewestFirstComesBackAsWritten() throws {
        var s = state([])
        for counts in [nil, WordCounts(Self.ids.map { _ in ArticleWordStats(words: 4, shared: 0, perWitness: [], witnesses: []) })] {
            s.wordCounts = counts
            s.newestFirst = [2, 0, 1]
            let (back, _) = try readBack(s)
            #expect(back.newestFirst == [2, 0, 1] && back.wordCounts == counts)
        }
        s.newestFirst = nil
        #expect(try readBack(s).0.newestFirst == nil)
        for damaged: [Int32] in [[2, 0], [2, 0, 1, 1], [2, 0, 0], [2, 0, 3], [-1, 0, 1]] {
            s.newestFirst = damaged
            #expect(throws: ByteReader.Malformed.self, "\(damaged)") { _ = try readBack(s) }
        }
    }

    /// Both file tables come back with their entries (the previous generation's keys too).
    @Test func fileTablesComeBackAsWritten() throws {
        var s = state([])
        s.files = FileTableTests.table([(1, 2, 3), (4, 5, 6)])
        s.previousFiles = FileTableTests.table([(4, 5, 7), (8, 9, 10), (11, 12, 13)])
        let (back, _) = try readBack(s)
        #expect(back.files == s.files && back.previousFiles == s.previousFiles)
        #expect(back.files[4] == .init(key: 5, checksum: 6) && back.previousFiles[4]?.checksum == 7 && back.previousFiles.count == 3)
        // Written where they lie: the count, the hashes, then each entry's key and checksum.
        let pieces = s.pieces(of: .files)
        #expect(pieces.count == 3 && pieces.contains { if case .values(let v) = $0 { v is [BuildState.FileEntry] } else { false } })
        var expected = ByteWriter()
        for n in [2, 1, 4, 2, 3, 5, 6] as [UInt64] { expected.u64(n) }
        #expect(Self.joined(pieces) == expected.bytes)
        #expect(Self.joined(FileTable().pieces()) == [UInt8](repeating: 0, count: 8))
    }

    /// Four bytes a number, up to the largest (`Edge` holds them in 32 bits).
    @Test func segmentsComeBackAsWritten() throws {
        let edges: [WitnessClusterer.Edge] = [
            .init(a: 0, aTokens: 0...3, aBytes: 10..<4_000_000_000, b: 2, bTokens: 7...9, bBytes: 100..<200),
            .init(a: 1, aTokens: 5...5, aBytes: 40..<48, b: 0, bTokens: 12...30, bBytes: 70..<Int(UInt32.max))]
        let (back, size) = try readBack(state(edges))
        let (none, emptySize) = try readBack(state([]))
        #expect(back.edges == edges && none.edges.isEmpty)
        #expect(back.edges.map(\.aBytes) == [10..<4_000_000_000, 40..<48] && back.edges.map(\.bTokens) == [7...9, 12...30])
        #expect(back.articleHashes == Self.hashes)
        #expect(back.boilerplate == [3, 7])
        #expect(size - emptySize == 2 * 11 * 4, "ten numbers a segment and its passage, four bytes each")
        #expect(back.edgePassages == [-1, -1], "no passage known")
    }

    /// The passages and each segment's passage come back as written, witnesses naming their
    /// articles by position in the list of articles.
    @Test func passagesComeBackAsWritten() throws {
        var s = state([.init(a: 0, aTokens: 0...3, aBytes: 10..<40, b: 2, bTokens: 7...9, bBytes: 100..<200),
                       .init(a: 1, aTokens: 5...5, aBytes: 40..<48, b: 0, bTokens: 12...30, bBytes: 70..<90)])
        let passages = [Passage(id: "p1", witnesses: [Witness(article: Self.ids[0], start: 10, end: 40), Witness(article: Self.ids[2], start: 100, end: 200)]),
                        Passage(id: "p2", witnesses: [Witness(article: Self.ids[1], start: 40, end: 48), Witness(article: Self.ids[0], start: 70, end: 90)])]
        // The second passage's first choice was taken by the first: kept beside its id.
        s.passages = StoredPassages(passages, articles: [0, 2, 1, 0], firstChoices: ["p1", "p1"])
        #expect(s.passages?.clashes == [1: "p1"])
        s.edgePassages = [0, 1]
        let (back, _) = try readBack(s)
        let stored = try #require(back.passages)
        #expect(stored == s.passages)
        #expect(stored.firstChoice(of: 0) == "p1" && stored.firstChoice(of: 1) == "p1")
        #expect(stored.ids.indices.map { Passage(id: stored.ids[$0], witnesses: stored.witnesses(of: $0) { Self.ids[Int($0)] }) } == passages)
        #expect(back.edgePassages == [0, 1])
        // Passages not known (no article for every witness) are not written, nor any segment's passage.
        #expect(StoredPassages(passages, articles: [0, 2, 1], firstChoices: ["p1", "p2"]) == nil)
        var unknown = s
        unknown.passages = nil
        let (none, _) = try readBack(unknown)
        #expect(none.passages?.count == 0 && none.edgePassages == [-1, -1])
        // A segment naming a passage past the list is damage.
        s.edgePassages = [0, 2]
        #expect(throws: ByteReader.Malformed.self) { _ = try readBack(s) }
    }

    /// The spliced files' stamps come back as written, every field (nanoseconds, large inodes).
    @Test func splicedStampsComeBackAsWritten() throws {
        var s = state([])
        s.splicedStamps = [PathHash.of("annotations.json"): FileStamp(size: 92_044_754, modified: 1_764_806_400_123_456_789,
                                                                      changed: 1_764_806_400_987_654_321, inode: UInt64.max - 1),
                           PathHash.of("index.html"): FileStamp(size: 0, modified: 1, changed: 2, inode: 3)]
        #expect(try readBack(s).0.splicedStamps == s.splicedStamps)
        #expect(try readBack(state([])).0.splicedStamps.isEmpty)
    }

    /// The `.pageTables` section (`annotations.json`'s entries) and the list rows are written
    /// where they lie, as the bytes their encoding makes; a section given to `bodySections` as
    /// `early` is taken as it is and makes the same bytes, which read back.
    @Test func pageTablesEncodedAheadMakeTheSameBody() throws {
        var s = state([])
        s.listRows = ["articles/index.html": Fragments(items: [.init(key: 1, start: 0, count: 10), .init(key: 2, start: 10, count: 5)]),
                      "speakers/index.html": Fragments(items: [.init(key: 3, start: 0, count: 7)])]
        s.jsonParts = Fragments(items: (0..<50).map { .init(key: UInt64($0) * 977, start: $0 * 30, count: 30) })
        s.splicedStamps = [PathHash.of("index.html"): FileStamp(size: 10, modified: 1, changed: 2, inode: 3)]
        let ahead = s.encoded(.pageTables)
        // Written where they lie: the count, then each item's key, start, count and checksum.
        var expected = ByteWriter()
        expected.int(50)
        for item in s.jsonParts.items { expected.u64(item.key); expected.int(item.start); expected.int(item.count); expected.u64(item.checksum) }
        #expect(s.pieces(of: .pageTables).count == 2 && ahead == expected.bytes)
        #expect(s.pieces(of: .listRows).contains { if case .values(let v) = $0 { v is [Fragments.Item] } else { false } })
        let sections = s.bodySections(early: [.pageTables: [.bytes(ahead)]])
        #expect(sections.contains { if case .bytes(let b) = $0 { b == ahead } else { false } })
        #expect(Self.joined(sections) == Self.joined(s.bodySections()))
        var w = ByteWriter()
        s.encodeBody(into: &w, early: [.pageTables: [.bytes(ahead)]])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).bin")
        try Data(w.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        var back = state([])
        back.articleHashes = []
        try back.decodeBody(from: &r)
        #expect(back.listRows == s.listRows && back.jsonParts == s.jsonParts
                && back.splicedStamps == s.splicedStamps)
    }

    /// A body cut short anywhere, in the segments' numbers (read where they lie) or elsewhere,
    /// is damage: never a read past its end.
    @Test func aBodyCutShortIsDamage() throws {
        var w = ByteWriter()
        state([.init(a: 0, aTokens: 0...3, aBytes: 10..<40, b: 2, bTokens: 7...9, bBytes: 100..<200),
               .init(a: 1, aTokens: 5...5, aBytes: 40..<48, b: 0, bTokens: 12...30, bBytes: 70..<90)]).encodeBody(into: &w)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).bin")
        try Data(w.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try #require(FastFiles.Mapped(url.path))
        var whole = ByteReader(file), back = state([])
        try back.decodeBody(from: &whole)
        #expect(whole.atEnd && back.edges.count == 2)
        for end in 0..<w.bytes.count {
            var r = ByteReader(file, end: end), cut = state([])
            #expect(throws: ByteReader.Malformed.self, "cut at \(end) of \(w.bytes.count) bytes") { try cut.decodeBody(from: &r) }
        }
    }

    /// A segment naming an article the list does not have is damage, not a segment; so is one
    /// whose ranges end before they start (either side, tokens or bytes).
    @Test func aSegmentNamingNoArticleIsDamage() throws {
        let bad = state([.init(a: 3, aTokens: 0...1, aBytes: 0..<5, b: 0, bTokens: 0...1, bBytes: 0..<5)])
        #expect(throws: ByteReader.Malformed.self) { _ = try readBack(bad) }
        let good: [UInt32] = [0, 2, 0, 3, 7, 9, 10, 40, 100, 200]
        #expect(try readBack(state([CacheValueTests.edge(good)])).0.edges.count == 1)
        for (low, high) in [(2, 3), (4, 5), (6, 7), (8, 9)] {
            var numbers = good
            numbers.swapAt(low, high)
            #expect(throws: ByteReader.Malformed.self, "\(low)") { _ = try readBack(state([CacheValueTests.edge(numbers)])) }
        }
    }

    /// The segments are written from where they lie: the annotation section's pieces are the
    /// bytes before them, the segments' own memory, the bytes after; joined, the boilerplate,
    /// the articles, the segments' count and ten numbers each, each one's passage, no passages.
    @Test func theSegmentsAreWrittenWhereTheyLie() throws {
        let edges: [WitnessClusterer.Edge] = [
            .init(a: 0, aTokens: 0...3, aBytes: 10..<4_000_000_000, b: 2, bTokens: 7...9, bBytes: 100..<200),
            .init(a: 1, aTokens: 5...5, aBytes: 40..<48, b: 0, bTokens: 12...30, bBytes: 70..<Int(UInt32.max))]
        var s = state(edges)
        s.edgePassages = [0, -1]
        let pieces = s.pieces(of: .annotation)
        #expect(pieces.count == 3)
        guard pieces.count == 3, case .values(let written) = pieces[1] else { Issue.record("no segments piece"); return }
        #expect(written as? [WitnessClusterer.Edge] == edges)
        var expected = ByteWriter()
        expected.u64s([3, 7]); expected.u64s(Self.hashes); expected.int(2)
        for n in [0, 2, 0, 3, 7, 9, 10, 4_000_000_000, 100, 200, 1, 0, 5, 5, 12, 30, 40, 48, 70, UInt32.max] as [UInt32] { expected.u32(n) }
        expected.u32(UInt32.max); expected.u32(UInt32.max)      // each segment's passage: none known
        expected.int(0); expected.int(0)                         // no passages, no clashes
        #expect(Self.joined(pieces) == expected.bytes)
        let back = try readBack(s).0
        #expect(back.edges == edges && back.edges.capacity >= BuildState.edgeRoom(edges.count))
    }

    static func joined(_ pieces: [CachePiece]) -> [UInt8] {
        var bytes: [UInt8] = []
        for p in pieces { p.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        return bytes
    }
}
