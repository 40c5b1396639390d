import Foundation
import Testing
@testable import ConcordCore

/// The cache's tables and records are read while the sources are listed when the source folder
/// changed after the cache was written (`SiteBuilder.cacheAhead`), else once the sources are
/// known to have changed; the site is a full build's either way.
extension IncrementalBuildTests {
    /// The parse stage's account of the build (`concord build -v`).
    func parseDetail(_ report: BuildReport) -> String {
        report.timings.first { $0.name == "parse" }?.detail ?? ""
    }

    /// Gives `url` a modification time `seconds` ago, so that which of two files changed
    /// last does not hang on the file system's clock tick.
    func age(_ url: URL, seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: url.path)
    }

    /// Builds (`options`, or the archive's) after one article was added since the last build,
    /// whose cache is aged so that the folder is the newer: an incremental build with the cache
    /// read ahead, and a full build's site.
    func buildAfterAnAdd(_ archive: TempArchive, _ options: BuildOptions? = nil, _ what: Comment) async throws {
        let report = try await buildAndCompare(options ?? archive.options(), what)
        #expect(report.incremental, what)
        #expect(parseDetail(report).contains("1 added"), "\(what): \(parseDetail(report))")
        #expect(parseDetail(report).contains("the rest read ahead"), "\(what): \(parseDetail(report))")
    }

    @Test func cacheIsReadAheadWhenAnArticleIsAdded() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try age(cacheFolder(archive).appendingPathComponent("state.bin"), seconds: 60)
        try archive.write("added-later.txt", "date 2023-05-06 An article added after the last build, to an archive of \(Self.generated.count) made-up ones.\n")
        try await buildAfterAnAdd(archive, nil, "an article added")
    }

    /// `concord add` hands the build the listing it made: the cache is read ahead all the same.
    @Test func cacheIsReadAheadForAnImport() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try age(cacheFolder(archive).appendingPathComponent("state.bin"), seconds: 60)
        let incoming = archive.root.appendingPathComponent("incoming.txt")
        try Data("date 2023-05-06 An article imported after the last build.\n".utf8).write(to: incoming)
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([incoming])
        #expect(outcome.added.count == 1)
        var options = archive.options()
        options.useArticles(listedBy: outcome)
        try await buildAfterAnAdd(archive, options, "an article imported")
    }

    /// Imports `name` into the archive, with the build cache read ahead before the import (as
    /// `concord add` does): the options for the build after it.
    func importReadingAhead(_ archive: TempArchive, _ name: String, _ text: String) throws -> BuildOptions {
        let reading = SiteBuilder(options: archive.options()).readCacheAhead()
        #expect(reading != nil)
        let incoming = archive.root.appendingPathComponent(name)
        try Data(text.utf8).write(to: incoming)
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([incoming])
        #expect(outcome.added.count == 1)
        var options = archive.options()
        options.useArticles(listedBy: outcome)
        options.useCache(readAhead: reading)
        return options
    }

    /// `concord add` starts reading the cache before it imports: the build takes what was read,
    /// even where the folder's time would not have had it read ahead.
    @Test func anImportHandsTheBuildTheCacheItReadAhead() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let options = try importReadingAhead(archive, "incoming.txt", "date 2023-05-06 An article imported after the last build.\n")
        try age(archive.source, seconds: 120)       // older than the cache: no read ahead of the build's own
        try await buildAfterAnAdd(archive, options, "an article imported, the cache read before")
    }

    /// Another build between the read and the import's build (`state.bin` is another): what was
    /// read is not used, and the site is a full build's.
    @Test func aCacheReadAheadOfAnotherBuildIsNotUsed() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let options = try importReadingAhead(archive, "incoming.txt", "date 2023-05-06 An article imported after the last build.\n")
        // Another build, of an article edited (the import's listing stays true), then the article edited again.
        let name = try #require(Self.generated.first?.fileName), url = archive.source.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data((text + "\nA sentence added, “with a quote,” said Ann Other.\n").utf8).write(to: url)
        _ = try await archive.build()
        try Data((text + "\nAnother sentence.\n").utf8).write(to: url)
        try age(archive.source, seconds: 120)
        let report = try await buildAndCompare(options, "a build after another one, with a cache read before it")
        #expect(report.incremental)
        #expect(!parseDetail(report).contains("the rest read ahead"), "\(parseDetail(report))")
    }

    /// An import that added nothing stops the reading (`concord add` then has nothing to build):
    /// what was read is not used, and a build given it reads the cache itself.
    @Test func aStoppedReadingIsNotUsed() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let cache = BuildCache(output: archive.output)
        let reading = try #require(SiteBuilder(options: archive.options()).readCacheAhead())
        reading.stop()
        let head = Result { () throws(BuildCache.Unusable) in try cache.readState() }
        #expect(reading.reading(for: head) == nil)
        // The reading stops before the next part it would read.
        var loaded = try cache.readState()
        #expect(throws: BuildCache.Unusable.self) { try cache.loadRest(into: &loaded, sourceFolder: archive.source.path, stopped: { true }) }
        try archive.write("added-later.txt", "date 2023-05-06 An article added after all.\n")
        var options = archive.options()
        options.useCache(readAhead: reading)
        let log = RecordingLog()
        let report = try await buildAndCompare(options, log: log, "a build given a stopped reading")
        #expect(report.incremental && log.notices.isEmpty, "\(log.notices)")
    }

    @Test func cacheIsNotReadAheadWhenTheFolderIsAsTheCacheLeftIt() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        // An article edited in place, which leaves its folder's time as it was.
        let name = try #require(Self.generated.first?.fileName)
        let handle = try FileHandle(forWritingTo: archive.source.appendingPathComponent(name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\nA sentence added in place, the folder untouched.\n".utf8))
        try handle.close()
        try age(archive.source, seconds: 120)
        try age(cacheFolder(archive).appendingPathComponent("state.bin"), seconds: 60)
        let report = try await buildAndCompare(archive, "an article edited in place")
        #expect(report.incremental)
        #expect(parseDetail(report).contains("1 edited"), "\(parseDetail(report))")
        #expect(!parseDetail(report).contains("the rest read ahead"), "\(parseDetail(report))")
    }

    /// Tables decoded ahead from a damaged body: the same notice and full build as when they
    /// are read beside the records.
    @Test func aDamagedCacheReadAheadFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let name = try #require(try BuildCache(output: archive.output).readState().body?.name)
        try flipMiddleByte(archive, name)
        try age(cacheFolder(archive).appendingPathComponent("state.bin"), seconds: 60)
        let log = RecordingLog()
        try archive.write("added-later.txt", "date 2023-05-06 An article added while the cache's body is damaged.\n")
        let report = try await buildAndCompare(archive, log: log, "damaged body, tables read ahead")
        #expect(!report.incremental)
        #expect(log.notices == ["full build: \(name) is truncated or damaged"], "\(log.notices)")
    }
}
