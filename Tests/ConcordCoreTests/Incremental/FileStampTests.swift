import Foundation
import Testing
@testable import ConcordCore

/// A file's stamp vouches for its bytes only once a later write is sure to change it:
/// a file system keeps times to a clock tick or to a second, and a file written again
/// within that step of a build's `stat` keeps its size, times and inode.
@Suite("File stamps")
struct FileStampTests {
    static let second = 1_000_000_000

    func stamp(changed: Int) -> FileStamp { FileStamp(size: 10, modified: changed, changed: changed, inode: 1) }

    @Test func settledOnlyAStepAfterTheLastChange() {
        let now = 1_800_000_000 * Self.second + 500_000_000
        // Fine times (digits below the millisecond): a step of 20 ms.
        #expect(stamp(changed: now - 30_000_123).isSettled(now: now))
        #expect(!stamp(changed: now - 10_000_123).isSettled(now: now))
        // Whole seconds (ext3, FAT, ext4 with small inodes): a step of 2 s.
        let whole = now / Self.second * Self.second
        #expect(!stamp(changed: whole - Self.second).isSettled(now: now))
        #expect(stamp(changed: whole - 2 * Self.second).isSettled(now: now))
        // Later than now (another machine's clock): not settled.
        #expect(!stamp(changed: now + 5_000_123).isSettled(now: now))
    }

    /// On a file system that keeps times to the second, an article rewritten in the second of
    /// the build that read it has the stamp that build saw. That build recorded no stamp for
    /// it, so the next one reads it again and does not find "nothing to do".
    @Test func aFileRewrittenWithinItsStepIsReadAgain() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("x.txt", "date 2020-01-01 Alpha statement here, said nobody.\n")
        let paths = try ArchiveLoader(sourceFolder: archive.source).articlePaths()
        let x = try #require(paths.firstIndex(of: "x.txt"))
        // The stamps as any build sees them now (judged at the end of time: all settled).
        let seen = FileStamp.of(paths, in: archive.source.path, now: .max)
        let written = try #require(seen[x]).changed
        // Built 5 ms after x was written.
        var options = archive.options()
        options.stampTime = { written + 5_000_000 }
        _ = try await SiteBuilder(options: options).build()
        let cache = BuildCache(output: archive.output)
        var loaded = try cache.readState()
        try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
        #expect(loaded.state.records["x.txt"]?.stamp == .unknown)

        // Rewritten in place, same size; the file system gives it the stamp it had (`seen`).
        try archive.write("x.txt", "date 2020-01-01 Bravo statement here, said nobody.\n")
        #expect(loaded.state.sourcesKey != BuildState.sourcesKey(paths: PathList(paths), stamps: seen), "nothing to do")
        let delta = ArchiveDelta.scan(ArchiveLoader(sourceFolder: archive.source), paths: PathList(paths), stamps: seen, state: loaded.state)
        let k = try #require(delta.articles.firstIndex { $0.id == "x" })
        #expect(delta.articles[k].bodyText.hasPrefix("Bravo"))
        #expect(delta.reused[k] == nil && delta.edited == 1)
        // The seeds' records are reused when their stamps were settled, read again and kept when not.
        #expect(delta.reused.compactMap { $0 }.count == paths.count - 1)

        // And the next real build gives what a full build does.
        let report = try await archive.build()
        #expect(report.incremental)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
    }
}
