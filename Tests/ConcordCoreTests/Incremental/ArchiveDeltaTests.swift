import Testing
@testable import ConcordCore

@Suite("Archive delta")
struct ArchiveDeltaTests {
    /// Each previous article's index now, found through its record by its path's hash, by
    /// chunks: as a table of the paths now finds it (-1 for an article gone, edited, or whose
    /// record is not reused), whatever the chunk size, the records in an order of their own (as
    /// the shards give them), articles added and removed on either side of chunk boundaries.
    @Test func previousArticlesAreFoundNowInChunks() throws {
        var rng = SplitMix64(seed: 13)
        let all = try (0..<400).map {
            try ArticleParser().parse(Array("date 2020-01-01 Title\n\nBody.\n".utf8), path: String(format: "a%04d.txt", $0))
        }
        let before = all.filter { _ in rng.next() % 5 != 0 }
        let records = RecordTable(before.shuffled(using: &rng).map { ArticleRecordTests.record($0) })
        let now = all.filter { _ in rng.next() % 6 != 0 }
        // Each article's record, where it is reused (an article new since has none).
        let recordAt = now.map { a -> Int32 in
            guard rng.next() % 7 != 0, let k = records.position(of: a.path) else { return -1 }
            return Int32(k)
        }
        var index: [String: Int] = [:]
        for (j, a) in now.enumerated() where recordAt[j] >= 0 { index[a.path] = j }
        let expected = before.map { index[$0.path] ?? -1 }
        #expect(expected.contains(-1) && expected.contains { $0 >= 0 } && recordAt.contains(-1))
        // Each record's article now: the inverse of each article's record.
        #expect(ArchiveDelta.articleOfRecord([2, -1, 0], records: 4) == [2, -1, 0, -1])
        let articleOfRecord = ArchiveDelta.articleOfRecord(recordAt, records: records.count)
        for chunk in [1, 7, 64, 16384] {
            #expect(ArchiveDelta.positionsNow(of: before.map(\.pathHash), records: records, articleOfRecord: articleOfRecord, chunk: chunk) == expected,
                    "chunk \(chunk)")
        }
        #expect(ArchiveDelta.positionsNow(of: [], records: records, articleOfRecord: articleOfRecord).isEmpty)
        #expect(ArchiveDelta.positionsNow(of: before.map(\.pathHash), records: RecordTable(), articleOfRecord: [], chunk: 7) == before.map { _ in -1 })
    }

    /// Each path's article, its record, its hash and its position, gathered by chunks: what one pass in path
    /// order gives (a path with no record and nothing read passed over), whatever the chunk
    /// size, paths passed over and fresh articles on either side of chunk boundaries.
    @Test func articlesAreGatheredInPathOrderByChunks() throws {
        var rng = SplitMix64(seed: 29)
        let all = try (0..<300).map {
            try ArticleParser().parse(Array("date 2020-01-01 Title\n\nBody.\n".utf8), path: String(format: "a%04d.txt", $0))
        }
        let records = all.shuffled(using: &rng).map { ArticleRecordTests.record($0) }
        // Each path: its record taken (1 in 2), read anew (1 in 4), or neither (a file left out).
        var keptAt: [Int32] = [], fresh: [Int: Article] = [:]
        for (i, a) in all.enumerated() {
            switch rng.next() % 4 {
            case 0, 1: keptAt.append(Int32(records.firstIndex { $0.article.path == a.path }!))
            case 2: keptAt.append(-1); fresh[i] = a
            default: keptAt.append(-1)
            }
        }
        let hashes = all.map { _ in rng.next() }
        var expected: [(Article, ArticleRecord?, Int32, UInt64, Int32)] = []
        for i in all.indices {
            if keptAt[i] >= 0 { expected.append((records[Int(keptAt[i])].article, records[Int(keptAt[i])], keptAt[i], hashes[i], Int32(i))) }
            else if let a = fresh[i] { expected.append((a, nil, -1, hashes[i], Int32(i))) }
        }
        #expect(expected.count > 150 && expected.count < 300 && expected.contains { $0.1 == nil })
        for chunk in [1, 7, 64, 16384] {
            let got = ArchiveDelta.gather(keptAt: keptAt, fresh: fresh, hashes: hashes, records: records, chunk: chunk)
            #expect(got.articles.map(\.path) == expected.map(\.0.path), "chunk \(chunk)")
            #expect(got.reused.map { $0.map(ObjectIdentifier.init) } == expected.map { $0.1.map(ObjectIdentifier.init) }, "chunk \(chunk)")
            #expect(got.recordAt == expected.map(\.2) && got.pathHashes == expected.map(\.3), "chunk \(chunk)")
            #expect(got.pathIndex == expected.map(\.4), "chunk \(chunk)")
        }
        let none = ArchiveDelta.gather(keptAt: [], fresh: [:], hashes: [], records: records)
        #expect(none.articles.isEmpty && none.reused.isEmpty && none.recordAt.isEmpty && none.pathHashes.isEmpty && none.pathIndex.isEmpty)
    }

    /// The last build's segments, moved out of the state, are renumbered where they lie (the
    /// array the cache was decoded into, with room for the change's segments) and are those a
    /// scan that copies them first keeps: an article removed drops its segments and moves the
    /// others' articles down.
    @Test func theLastBuildsSegmentsAreRenumberedWhereTheyLie() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.copySeeds()
        _ = try await SiteBuilder(options: archive.options()).build()
        let cache = BuildCache(output: archive.output)
        var loaded = try cache.readState()
        try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
        let before = loaded.state.edges.count      // (the count alone: the array is to be held once)
        // The first article gone: its segments with the two others are dropped, theirs stay.
        let loader = ArchiveLoader(sourceFolder: archive.source)
        let paths = PathList(Array(try loader.articlePaths().dropFirst()))
        let stamps = FileStamp.of(paths, in: archive.source.path, now: .max)
        let copied = ArchiveDelta.scan(loader, paths: paths, stamps: stamps, state: loaded.state).previous.keptEdges
        #expect(!copied.isEmpty && copied.count < before)
        #expect(copied.allSatisfy { $0.a < 2 && $0.b < 2 })

        let held = Locked<[WitnessClusterer.Edge]>([])
        held.withLock { swap(&$0, &loaded.state.edges) }
        let address = held.withLock { $0.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        let moved = ArchiveDelta.scan(loader, paths: paths, stamps: stamps, state: loaded.state, edges: held).previous.keptEdges
        #expect(moved == copied)
        #expect(moved.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == address)
        #expect(moved.capacity >= BuildState.edgeRoom(before))
    }
}
