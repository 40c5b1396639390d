import Foundation
import Testing
@testable import ConcordCore

/// The cache's article records: found by path, and written back one shard at a time.
@Suite("Record table")
struct RecordTableTests {
    /// An archive of `count` small articles, built once, and its cache read back
    /// (the archive is removed if any of that fails).
    func builtArchive(_ count: Int) async throws -> (TempArchive, BuildCache, BuildCache.Loaded) {
        let archive = try TempArchive()
        do {
            for i in 0..<count {
                try archive.write(String(format: "a%03d.txt", i), "date 2021-03-\(String(format: "%02d", i % 28 + 1))\nArticle number \(i) says little.\n")
            }
            _ = try await archive.build()
            let cache = BuildCache(output: archive.output)
            var loaded = try cache.readState()
            try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
            return (archive, cache, loaded)
        } catch {
            archive.cleanup(); throw error
        }
    }

    @Test func findsEveryRecordByItsPathAndNothingElse() async throws {
        let (archive, _, loaded) = try await builtArchive(40)
        defer { archive.cleanup() }
        let table = loaded.state.records
        #expect(table.count == 40)
        for i in 0..<40 {
            let path = String(format: "a%03d.txt", i)
            #expect(table[path]?.article.path == path)
        }
        #expect(table["a040.txt"] == nil)
        #expect(table["a001.md"] == nil)
        #expect(table[""] == nil)
    }

    /// Records two of whose paths have the same hash make the cache unusable (it names the last
    /// build's articles by their paths' hashes); distinct ones are taken as they are.
    @Test func recordsWithTheSamePathHashAreRefused() async throws {
        let (archive, _, loaded) = try await builtArchive(3)
        defer { archive.cleanup() }
        let records = loaded.state.records.records
        #expect(try BuildCache.distinct(RecordTable(records)).count == 3)
        let clash = RecordTable(records, pathHashes: [records[0].pathHash, records[1].pathHash, records[0].pathHash])
        #expect(!clash.pathHashesAreDistinct)
        #expect(throws: BuildCache.Unusable.self) { _ = try BuildCache.distinct(clash) }
    }

    /// One dirty shard: only its file is new, and it still holds every record of the shard
    /// (not only the changed one); every other shard is the file it was.
    @Test func writesOnlyTheDirtyShardWhole() async throws {
        let (archive, cache, loaded) = try await builtArchive(600)
        defer { archive.cleanup() }
        let records = loaded.state.records.records
        #expect(loaded.shardFiles.count == 2, "600 records: two shards of about 400")
        let shard = BuildCache.shard(of: records[0].pathHash, among: 2)
        let inShard = records.filter { BuildCache.shard(of: $0.pathHash, among: 2) == shard }.count
        #expect(inShard > 1 && inShard < 600)
        // Dirty as a build marks it: among the most shards a cache has.
        let written = try cache.writeShards(records, dirty: [BuildCache.shard(of: records[0].pathHash)], previous: loaded.shardFiles)
        for k in written.indices {
            if k == shard { #expect(written[k].0 != loaded.shardFiles[k].0) } else { #expect(written[k] == loaded.shardFiles[k]) }
        }
        try cache.commit(loaded.state, shards: written)
        var again = try cache.readState()
        try cache.loadRest(into: &again, sourceFolder: archive.source.path)
        #expect(again.state.records.count == 600)
        #expect(again.state.records.records.map(\.article.path).sorted() == records.map(\.article.path).sorted())
    }

    /// The first incremental build after a full one rewrites the shards of the records that
    /// changed, not every shard (it did, when records kept the texts a full build had asked for).
    /// The article added copies a paragraph of an older one that shared nothing: the older one
    /// gets a witness, and new word counts, which the cache keeps apart from the records
    /// (`WordCounts`), so that its record and its shard stay as they were (they were written
    /// again, when records kept their article's word counts).
    @Test func theFirstAddAfterAFullBuildRewritesFewShards() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        // Enough articles for four shards (`BuildCache.shards(for:previous:)`).
        var options = ArchiveGenerator.Options()
        options.articles = 850; options.seed = 11
        let all = ArchiveGenerator(options: options).generate()
        for g in all { try archive.write(g.fileName, g.contents) }
        _ = try await archive.build()
        let cache = BuildCache(output: archive.output)
        let before = try cache.readState().shardFiles.map(\.0)
        /// The articles (by path hash) and word counts in the cache of `output`.
        func wordCounts(_ output: URL = archive.output) throws -> ([UInt64], WordCounts) {
            let cache = BuildCache(output: output)
            var loaded = try cache.readState()
            try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
            return (loaded.state.articleHashes, try #require(loaded.state.wordCounts))
        }
        let (hashesBefore, countsBefore) = try wordCounts()
        // An article with no shared passage, and the longest paragraph of its body.
        let lonely = try #require(all.first { g in
            let j = hashesBefore.firstIndex(of: PathHash.of(g.fileName))!
            return countsBefore.witnesses(of: j).isEmpty && g.quotes.isEmpty
        })
        let paragraph = try #require(lonely.contents.components(separatedBy: "\n\n").dropFirst().max { $0.count < $1.count })
        try archive.write("zz-copy.txt", "date 2024-06-01 A copy\n\n\(paragraph)\n")
        let report = try await archive.build()
        #expect(report.incremental)
        let after = try cache.readState().shardFiles.map(\.0)
        let rewritten = zip(before, after).filter { $0 != $1 }.count
        #expect(before.count == 4 && after.count == 4)
        #expect(rewritten == 1, "\(rewritten) of \(before.count) shards rewritten")
        let detail = try #require(report.timings.first { $0.name == "cache" }?.detail)
        #expect(detail.contains("(1 of 851 records new, 1 of 4 shards written)"), "\(detail)")
        // The older article has a witness now, and its counts are a full build's.
        let (hashesAfter, countsAfter) = try wordCounts()
        let k = try #require(hashesAfter.firstIndex(of: PathHash.of(lonely.fileName)))
        #expect(countsAfter.witnesses(of: k).count == 1)
        var full = archive.options()
        full.output = archive.root.appendingPathComponent("full"); full.full = true
        _ = try await SiteBuilder(options: full).build()
        let (fullHashes, fullCounts) = try wordCounts(full.output)
        #expect(fullHashes == hashesAfter && fullCounts == countsAfter)
    }

    /// About 400 records a shard, a power of two up to 256; the count a cache has is kept
    /// while the archive stays within a factor of two of it, so that one going back and
    /// forth across a bound does not rewrite every shard each time.
    @Test func shardsOfAbout400RecordsKeptWithinAFactorOfTwo() {
        let counts = [0: 1, 3: 1, 400: 1, 401: 2, 1_250: 4, 10_000: 32, 12_800: 32, 12_801: 64, 100_000: 256, 1_000_000: 256]
        for (records, shards) in counts { #expect(BuildCache.shards(for: records, previous: nil) == shards, "\(records) records") }
        #expect(BuildCache.shards(for: 12_801, previous: 32) == 32)
        #expect(BuildCache.shards(for: 12_800, previous: 64) == 64)
        #expect(BuildCache.shards(for: 25_601, previous: 32) == 128)
        #expect(BuildCache.shards(for: 3_201, previous: 32) == 32)
        #expect(BuildCache.shards(for: 3_200, previous: 32) == 8)
        #expect(BuildCache.shards(for: 100_001, previous: 256) == 256)
        // A count no cache has is not kept.
        #expect(BuildCache.shards(for: 1_250, previous: 3) == 4 && BuildCache.shards(for: 1_250, previous: 512) == 4)
    }

    /// An archive that grows past a bound gets more shards: every shard written anew, every record there.
    @Test func aNewShardCountRewritesEveryShard() async throws {
        let (archive, cache, loaded) = try await builtArchive(300)
        defer { archive.cleanup() }
        #expect(loaded.shardFiles.count == 1)
        for i in 300..<900 {
            try archive.write(String(format: "a%03d.txt", i), "date 2021-04-\(String(format: "%02d", i % 28 + 1))\nArticle number \(i) says more.\n")
        }
        let report = try await archive.build()
        #expect(report.incremental)
        var again = try cache.readState()
        #expect(again.shardFiles.count == 4 && !again.shardFiles.contains { $0.0 == loaded.shardFiles[0].0 })
        try cache.loadRest(into: &again, sourceFolder: archive.source.path)
        #expect(again.state.records.count == 900)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).filter { $0.hasPrefix("articles-") }
        #expect(files.sorted() == again.shardFiles.map(\.0).sorted(), "the old shard removed")
    }
}
