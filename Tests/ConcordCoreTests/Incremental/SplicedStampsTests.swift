import Foundation
import Testing
@testable import ConcordCore

/// `annotations.json` and the list pages are spliced from their earlier bytes. The cache
/// records each one's stamp as the build left it; the next build trusts a file with that
/// stamp without checksumming it, and checks any other.
@Suite("Spliced files known by stamp")
struct SplicedStampsTests {
    let incremental = IncrementalBuildTests()

    func loadedState(_ archive: TempArchive) throws -> BuildState {
        var loaded = try BuildCache(output: archive.output).readState()
        try BuildCache(output: archive.output).loadTables(into: &loaded)
        return loaded.state
    }

    func liveStamp(_ archive: TempArchive, _ path: String) throws -> FileStamp {
        try #require(FileStamp.of([path], in: archive.output.path, now: .max)[0])
    }

    /// An archive after two incremental builds.
    func archiveAfterTwoAdds() async throws -> TempArchive {
        let archive = try await incremental.builtArchive()
        do {
            try archive.write("added-1.txt", "date 2023-06-01 An article added, quoting “Kim Kardashian West,” a new speaker.\n")
            try await incremental.buildAndCompare(archive, "the first add")
            try archive.write("added-2.txt", "date 2023-06-02 Another article, “with a quote of its own,” said Ann Other.\n")
            try await incremental.buildAndCompare(archive, "the second add")
            return archive
        } catch {
            archive.cleanup(); throw error
        }
    }

    /// Should `annotations.json` fail to be written (here the staging folder holds a folder of
    /// that name), the build fails, the site and the cache are left as they were, and the next
    /// build gives what a full build gives.
    @Test func aSplicedFileThatCannotBeWrittenFailsTheBuildAndSavesNothing() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let before = try snapshot(archive.output)
        let seal = try BuildCache(output: archive.output).readState().seal
        let stateBytes = FastFiles.read(BuildCache(output: archive.output).folder.path + "/state.bin")
        let previous = OutputFolder(archive.output).previous
        try FileManager.default.removeItem(at: previous.appendingPathComponent("annotations.json"))
        try FileManager.default.createDirectory(at: previous.appendingPathComponent("annotations.json/in-the-way"), withIntermediateDirectories: true)
        try archive.write("added-1.txt", "date 2023-06-01 An article added, quoting “Kim Kardashian West,” a new speaker.\n")
        await #expect {
            _ = try await archive.build()
        } throws: { error in
            (error as? BuildFailure)?.message.contains("annotations.json") == true
        }
        #expect(try snapshot(archive.output) == before, "the last site left in place")
        #expect(try BuildCache(output: archive.output).readState().seal == seal, "no cache saved")
        #expect(FastFiles.read(BuildCache(output: archive.output).folder.path + "/state.bin") == stateBytes)
        try await incremental.buildAndCompare(archive, "the build after the failed one")
    }

    @Test func theCacheRecordsEachSplicedFilesStampAsTheSiteHoldsIt() async throws {
        let archive = try await archiveAfterTwoAdds(); defer { archive.cleanup() }
        let state = try loadedState(archive)
        for path in ["annotations.json", "index.html", "passages/index.html", "speakers/index.html"] {
            #expect(state.splicedStamps[PathHash.of(path)] == (try liveStamp(archive, path)), "\(path)")
        }
    }

    /// A site's first build links its files into a previous generation, which would set each
    /// one's inode change time, and make the next build write the spliced files into fresh pages
    /// (a linked file is made anew, not written over). Those are copied instead: the cache's
    /// stamps are still the site's, and the previous generation holds copies of one link each.
    @Test func aSitesFirstBuildCopiesTheSplicedFilesIntoThePreviousGeneration() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let previous = OutputFolder(archive.output).previous.path
        let state = try loadedState(archive)
        for path in ["annotations.json", "index.html", "passages/index.html", "speakers/index.html"] {
            var st = stat()
            #expect(stat(previous + "/" + path, &st) == 0 && st.st_nlink == 1, "\(path) is a copy of its own")
            #expect(FileManager.default.contentsEqual(atPath: previous + "/" + path, andPath: archive.output.path + "/" + path), "\(path)")
            #expect(state.splicedStamps[PathHash.of(path)] == (try liveStamp(archive, path)), "\(path)")
        }
        let article = try #require(try FileManager.default.contentsOfDirectory(atPath: previous + "/articles").sorted().first)
        var st = stat()
        #expect(stat(previous + "/articles/" + article + "/index.html", &st) == 0 && st.st_nlink == 2, "the other pages are linked")
    }

    @Test func aFileWithItsStampIsTrustedWithoutAChecksum() async throws {
        let archive = try await archiveAfterTwoAdds(); defer { archive.cleanup() }
        let state = try loadedState(archive)
        let hash = PathHash.of("annotations.json")
        let entry = try #require(state.files[hash]), stamp = try #require(state.splicedStamps[hash])
        let path = archive.output.appendingPathComponent("annotations.json").path
        let counted = Locked(0)
        // A checksum the file does not have: only the stamp can vouch for it.
        let wrong = BuildState.FileEntry(key: entry.key, checksum: entry.checksum &+ 1)
        let trusted = SiteBuilder.previous(path, wrong, state.jsonParts, stamp: stamp, byStamp: counted) != nil
        #expect(trusted && counted.withLock { $0 } == 1)
        let checked = SiteBuilder.previous(path, wrong, state.jsonParts, stamp: nil, byPieces: true) != nil
        #expect(!checked, "without a stamp, the checksum decides")
        // The file's checksum is the one of its entries and the bytes between them.
        #expect(SiteBuilder.previous(path, entry, state.jsonParts, stamp: nil, byPieces: true) != nil)
        #expect(SiteBuilder.previous(path, entry, state.jsonParts, stamp: nil) == nil, "not the checksum of its bytes whole")
    }

    /// Bytes changed in place with the size and modification time put back: the inode's
    /// change time still differs, so the file is checksummed, found changed, and not spliced from.
    @Test func aFileChangedBehindTheBuildsBackIsCheckedAndNotSplicedFrom() async throws {
        let archive = try await archiveAfterTwoAdds(); defer { archive.cleanup() }
        let state = try loadedState(archive)
        let url = archive.output.appendingPathComponent("annotations.json")
        let stamp = try #require(state.splicedStamps[PathHash.of("annotations.json")])
        // Every letter of the quotes' speakers swapped for another, the length kept.
        var bytes = Array(try Data(contentsOf: url))
        let needle = Array("Kardashian".utf8)
        var changed = 0
        for i in 0..<(bytes.count - needle.count) where bytes[i..<(i + needle.count)].elementsEqual(needle) {
            for (k, b) in "Xardashiaz".utf8.enumerated() { bytes[i + k] = b }
            changed += 1
        }
        #expect(changed > 0)
        let fd = open(url.path, O_WRONLY)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        let times = [timespec(tv_sec: stamp.modified / 1_000_000_000, tv_nsec: stamp.modified % 1_000_000_000),
                     timespec(tv_sec: stamp.modified / 1_000_000_000, tv_nsec: stamp.modified % 1_000_000_000)]
        #expect(futimens(fd, times) == 0)
        close(fd)
        let now = try liveStamp(archive, "annotations.json")
        #expect(now.size == stamp.size && now.modified == stamp.modified && now.inode == stamp.inode && now != stamp)
        let entry = try #require(state.files[PathHash.of("annotations.json")])
        let splicedFrom = SiteBuilder.previous(url.path, entry, state.jsonParts, stamp: stamp, byPieces: true) != nil
        #expect(!splicedFrom)
        try archive.write("added-3.txt", "date 2023-06-03 A third article, after the site was changed by hand.\n")
        let r = try await incremental.buildAndCompare(archive, "an add after annotations.json was changed in place")
        #expect(r.incremental)
    }
}
