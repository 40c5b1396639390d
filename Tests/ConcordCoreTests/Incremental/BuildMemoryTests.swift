import Foundation
import Testing
@testable import ConcordCore

/// A long-lived process (`concord serve`) keeps the build cache between its builds
/// (`BuildMemory`) instead of reading it back: what it keeps must be what the disk holds,
/// and every build must still give a full build's site.
@Suite("Build memory")
struct BuildMemoryTests {
    let incremental = IncrementalBuildTests()

    func fromDisk(_ archive: TempArchive) throws -> BuildCache.Loaded {
        let cache = BuildCache(output: archive.output)
        var loaded = try cache.readState()
        try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
        return loaded
    }

    func keptCache(_ memory: BuildMemory, _ archive: TempArchive, seal: UInt64) -> BuildMemory.Kept? {
        memory.take(seal: seal, source: archive.source.path, output: archive.output.path)
    }

    /// What `memory` keeps is the cache the disk holds, read back from there: its records mapped
    /// views in the disk's order (no article's bytes held), its file table the disk's. Takes it,
    /// so counts as a use.
    func expectReadBack(_ memory: BuildMemory, _ archive: TempArchive) throws {
        let disk = try fromDisk(archive)
        let kept = try #require(keptCache(memory, archive, seal: disk.seal), "the cache on disk is kept").loaded
        #expect(kept.inMemory == 0 && kept.body == nil && kept.state.files == disk.state.files)
        #expect(kept.state.records.records.map(\.article.path) == disk.state.records.records.map(\.article.path))
        let anyLoaded = kept.state.records.records.contains { $0.article.storage.isLoaded }
        #expect(!anyLoaded, "mapped views, no bytes held")
    }

    /// A record as the cache writes it: its bytes, its full names' and its runs'.
    func encoded(_ record: ArticleRecord) -> [UInt8] {
        var w = ByteWriter(), names = ByteWriter(), runs = ByteWriter()
        record.encode(into: &w, names: &names, runs: &runs)
        return w.bytes + names.bytes + runs.bytes
    }

    @Test func whatIsKeptIsWhatTheDiskHolds() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        try archive.write("added.txt", "date 2023-06-01 An article added, quoting “Kim Kardashian West,” a new speaker.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, the cache read from disk")
        #expect(memory.uses == (used: 0, kept: 1))
        let disk = try fromDisk(archive)
        let kept = try #require(keptCache(memory, archive, seal: disk.seal)).loaded
        #expect(kept.seal == disk.seal && kept.body == nil && kept.shardFiles.map(\.0) == disk.shardFiles.map(\.0))
        #expect(kept.state.files == disk.state.files && kept.state.jsonParts == disk.state.jsonParts
                && kept.state.splicedStamps == disk.state.splicedStamps && kept.state.edges == disk.state.edges)
        #expect(kept.runIndex != nil && kept.state.runIndex.file?.name == disk.state.runIndex.file?.name)
        // The records in the shards' order, each encoding to the bytes the disk holds.
        let a = kept.state.records.records, b = disk.state.records.records
        #expect(a.map(\.article.path) == b.map(\.article.path))
        #expect(a.count == b.count && a.count > 40)
        for (x, y) in zip(a, b) where encoded(x) != encoded(y) { Issue.record("\(x.article.path): another record than the disk's") }
        // Restored articles forgot the bytes the build read of them; the one parsed anew keeps its own.
        let loaded = a.filter { $0.article.storage.isLoaded }.map(\.article.path)
        #expect(loaded == ["added.txt"], "\(loaded)")
        #expect(kept.inMemory == 1)
    }

    /// Each change of the incremental sequence, built with a memory: the kept cache is used
    /// from the second build on, and every site is a full build's.
    @Test func buildsWithAMemoryGiveAFullBuildsSite() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        let generated = IncrementalBuildTests.generated
        try archive.write("added-1.txt", "date 2023-06-01 An article added, quoting “Kim Kardashian West,” a new speaker.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add")
        for g in generated[40..<44] { try archive.write(g.fileName, g.contents) }
        try await incremental.buildAndCompare(archive, memory: memory, "four generated articles added, sharing passages")
        try archive.write(generated[2].fileName, generated[2].contents + "\nOne more paragraph, “quoted here,” she said.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an edit")
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(generated[41].fileName))
        try await incremental.buildAndCompare(archive, memory: memory, "a delete")
        try FileManager.default.moveItem(at: archive.source.appendingPathComponent(generated[3].fileName),
                                         to: archive.source.appendingPathComponent("renamed-" + generated[3].fileName))
        try await incremental.buildAndCompare(archive, memory: memory, "a rename")
        let templates = try incremental.templatesCopy(archive)
        try (String(contentsOf: templates.appendingPathComponent("passage.mustache"), encoding: .utf8) + "<!-- changed -->\n")
            .write(to: templates.appendingPathComponent("passage.mustache"), atomically: true, encoding: .utf8)
        try await incremental.buildAndCompare(archive, templates: templates, memory: memory, "a template change")
        #expect(memory.uses == (used: 5, kept: 6))
    }

    /// Another process's build (`concord add`) writes another `state.bin`: the kept cache is
    /// not used (it would describe a site the output no longer holds), and is kept again after.
    @Test func anotherProcesssBuildMakesTheKeptCacheUnused() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        try archive.write("added-1.txt", "date 2023-06-01 An article added, quoting “Kim Kardashian West,” a new speaker.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, kept")
        try archive.write("added-2.txt", "date 2023-06-02 Another, “added by another process,” said Ann Other.\n")
        try await incremental.buildAndCompare(archive, "an add by another process, no memory")
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("added-1.txt"))
        try await incremental.buildAndCompare(archive, memory: memory, "a delete after the other process's build")
        #expect(memory.uses == (used: 0, kept: 2))
        try archive.write("added-3.txt", "date 2023-06-03 A third, “kept again,” said Ann Other.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, the kept cache used again")
        #expect(memory.uses == (used: 1, kept: 3))
    }

    /// A build that finds nothing to do (the first build of `concord serve`, more often than not)
    /// reads the cache back once its report is out: the first rebuild does not.
    @Test func aBuildWithNothingToDoKeepsTheCacheForTheNext() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        let report = try await SiteBuilder(options: archive.options(), memory: memory).build()
        #expect(report.timings.map(\.name).contains("check"), "nothing to do")
        #expect(memory.uses == (used: 0, kept: 1))
        try expectReadBack(memory, archive)
        // A second build with nothing to do keeps what is kept (not read again).
        _ = try await SiteBuilder(options: archive.options(), memory: memory).build()
        #expect(memory.uses == (used: 1, kept: 1), "used once, by the test")
        try archive.write("added.txt", "date 2023-06-01 An article added, quoting “Kim Kardashian West,” a new speaker.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, the cache kept from the build with nothing to do")
        #expect(memory.uses == (used: 2, kept: 2))
    }

    /// A full build (no cache yet, or one that cannot be used) reads back the cache it wrote.
    @Test func aFullBuildKeepsTheCacheForTheNext() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.copySeeds()
        let memory = BuildMemory()
        let report = try await SiteBuilder(options: archive.options(), memory: memory).build()
        #expect(!report.incremental)
        #expect(memory.uses == (used: 0, kept: 1))
        try expectReadBack(memory, archive)
        try archive.write("added.txt", "date 2023-06-01 An article added, “quoted,” said Ann Other.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add after a full build")
        #expect(memory.uses == (used: 2, kept: 2), "used by the test, then by the build")
    }

    /// Reading the cache back takes the output's lock only if it is free: while another build
    /// holds it (another process's, which may be writing the cache), nothing is kept, and nothing waits.
    @Test func nothingIsReadBackWhileAnotherBuildHoldsTheLock() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        let output = OutputFolder(archive.output)
        let other = try output.lock(onWait: { Issue.record("the test's lock waited") })
        memory.willKeep()
        SiteBuilder(options: archive.options(), memory: memory).keepFromDisk(in: memory, output)
        #expect(memory.uses == (used: 0, kept: 0))
        other.release()
        memory.willKeep()
        SiteBuilder(options: archive.options(), memory: memory).keepFromDisk(in: memory, output)
        #expect(memory.uses == (used: 0, kept: 1))
        #expect(output.tryLock() != nil, "the lock is released after reading")
    }

    /// Past `keptFreshLimit` articles held in memory, the build's records are not kept: the cache is
    /// read back from disk (mapped records) once the report is out, and kept from there.
    @Test func tooManyArticlesInMemoryAreReadBackFromDisk() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        try archive.write("added-1.txt", "date 2023-06-01 An article added.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, kept")
        let disk = try fromDisk(archive)
        let k = try #require(keptCache(memory, archive, seal: disk.seal))
        memory.keep(.init(seal: k.seal, loaded: { var l = k.loaded; l.inMemory = BuildMemory.keptFreshLimit; return l }(),
                          source: k.source, output: k.output))
        try archive.write("added-2.txt", "date 2023-06-02 Another article added.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add past the limit")
        #expect(memory.uses == (used: 2, kept: 3), "used (twice: by the test, then the build), then read back")
        try expectReadBack(memory, archive)
        try archive.write("added-3.txt", "date 2023-06-03 A third article added.\n")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, the cache read back used")
        #expect(memory.uses == (used: 4, kept: 4))
    }
}

/// A watching process (`BuildMemory.watching`) patches the last build's listing of the sources
/// from the changes reported; every site is still a full build's.
@Suite("Build memory: sources")
struct BuildMemorySourcesTests {
    let incremental = IncrementalBuildTests()

    @Test func reportedChangesPatchTheListing() async throws {
        let archive = try await incremental.builtArchive(); defer { archive.cleanup() }
        let memory = BuildMemory()
        memory.watching(flush: {})
        func report(_ names: String...) { for n in names { memory.changed(archive.source.appendingPathComponent(n).path) } }
        try await incremental.buildAndCompare(archive, memory: memory, "the first build watched: a listing")
        #expect(memory.listingsPatched == 0)
        try archive.write("added-1.txt", "date 2023-06-01 An article added, “quoted,” said Ann Other.\n")
        report("added-1.txt")
        try await incremental.buildAndCompare(archive, memory: memory, "an add, reported")
        let generated = IncrementalBuildTests.generated
        try archive.write(generated[2].fileName, generated[2].contents + "\nOne more paragraph.\n")
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(generated[5].fileName))
        report(generated[2].fileName, generated[5].fileName, "unrelated.tmp")
        try await incremental.buildAndCompare(archive, memory: memory, "an edit and a delete, reported")
        #expect(memory.listingsPatched == 2)
        // Reports lost (the watcher's queue overflowed): the sources are listed whole, and an
        // unreported change is seen.
        try archive.write("added-2.txt", "date 2023-06-02 Another, never reported.\n")
        memory.lostChanges()
        try await incremental.buildAndCompare(archive, memory: memory, "a change not reported, the reports lost")
        #expect(memory.listingsPatched == 2)
        try archive.write("added-3.txt", "date 2023-06-03 A third.\n")
        report("added-3.txt")
        try await incremental.buildAndCompare(archive, memory: memory, "reported again")
        #expect(memory.listingsPatched == 3)
    }
}
