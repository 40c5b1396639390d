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
        let shard = BuildCache.shard(of: records[0].pathHash)
        let inShard = records.filter { BuildCache.shard(of: $0.pathHash) == shard }.count
        #expect(inShard > 1, "600 records over 256 shards: some shard holds several")
        let written = try cache.writeShards(records, dirty: [shard], previous: loaded.shardFiles)
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
    @Test func theFirstAddAfterAFullBuildRewritesFewShards() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        let all = IncrementalBuildTests.generated
        for g in all.prefix(200) { try archive.write(g.fileName, g.contents) }
        _ = try await archive.build()
        let cache = BuildCache(output: archive.output)
        let before = try cache.readState().shardFiles.map(\.0)
        let sharing = all.dropFirst(200).first { !$0.copies.isEmpty }!
        try archive.write(sharing.fileName, sharing.contents)
        let report = try await archive.build()
        #expect(report.incremental)
        let after = try cache.readState().shardFiles.map(\.0)
        let rewritten = zip(before, after).filter { $0 != $1 }.count
        #expect(rewritten >= 1 && rewritten <= 16, "\(rewritten) of \(before.count) shards rewritten")
    }
}
