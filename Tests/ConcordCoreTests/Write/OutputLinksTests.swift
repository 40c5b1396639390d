import Foundation
import Testing
@testable import ConcordCore

/// Concord makes no symbolic links in its output. A user's link there (to serve a folder
/// kept elsewhere, or in place of a page) may lead out of the output folder: no build writes
/// or removes anything through it, and the site is still what a fresh build makes.
@Suite("Links in the output folder")
struct OutputLinksTests {
    let fm = FileManager.default

    /// A folder outside the output, with a file in it, and an archive built twice (so that
    /// the output has a previous generation, the next build's staging folder).
    func setUp() async throws -> (TempArchive, outside: URL) {
        let archive = try TempArchive()
        try archive.copySeeds()
        let outside = archive.root.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: outside.appendingPathComponent("important.txt"))
        _ = try await archive.build()
        _ = try await archive.build()
        return (archive, outside)
    }

    func link(_ target: URL, at place: URL) throws {
        try? fm.removeItem(at: place)
        #expect(symlink(target.path, place.path) == 0)
    }

    func expectUntouched(_ archive: TempArchive, _ outside: URL, _ what: Comment) async throws {
        #expect(try String(contentsOf: outside.appendingPathComponent("important.txt"), encoding: .utf8) == "keep me", what)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()), what)
    }

    /// A folder linked into the previous generation, whose manifest is gone: the build that
    /// reuses that generation walks it to find what to remove, and must not walk into the link.
    @Test func aLinkedFolderIsNeverWalkedOrPruned() async throws {
        let (archive, outside) = try await setUp(); defer { archive.cleanup() }
        let previous = OutputFolder(archive.output).previous
        try link(outside, at: previous.appendingPathComponent("articles/photos"))
        try fm.removeItem(at: previous.appendingPathComponent(OutputFolder.manifest))
        var options = archive.options()
        options.full = true
        _ = try await SiteBuilder(options: options).build()
        try await expectUntouched(archive, outside, "after the build that reused the generation with the link")
    }

    /// A site folder of the previous generation replaced by a link to a copy elsewhere, and an
    /// article removed: the next build neither writes its pages into the copy nor removes the
    /// removed article's page from it.
    @Test func aLinkedSiteFolderIsNeitherWrittenNorPrunedThrough() async throws {
        let (archive, outside) = try await setUp(); defer { archive.cleanup() }
        let previous = OutputFolder(archive.output).previous
        let copy = outside.appendingPathComponent("articles")
        try fm.copyItem(at: previous.appendingPathComponent("articles"), to: copy)
        let before = try snapshot(copy)
        try link(copy, at: previous.appendingPathComponent("articles"))
        let removed = try #require(try fm.contentsOfDirectory(atPath: archive.source.path).sorted().first)
        try fm.removeItem(at: archive.source.appendingPathComponent(removed))
        let report = try await archive.build()
        #expect(report.incremental)
        #expect(try snapshot(copy) == before, "the copy outside changed")
        try await expectUntouched(archive, outside, "after removing \(removed)")
    }

    /// The folder of a removed article's page, in the previous generation, replaced by a link
    /// to a copy elsewhere: the build that removes the page does not remove it from the copy.
    @Test func nothingIsPrunedThroughALinkedPageFolder() async throws {
        let (archive, outside) = try await setUp(); defer { archive.cleanup() }
        let removed = try #require(try fm.contentsOfDirectory(atPath: archive.source.path).sorted().first)
        let folder = OutputFolder(archive.output).previous.appendingPathComponent("articles/" + ArticleParser.id(forPath: removed))
        let copy = outside.appendingPathComponent("page")
        try fm.copyItem(at: folder, to: copy)
        try link(copy, at: folder)
        try fm.removeItem(at: archive.source.appendingPathComponent(removed))
        _ = try await archive.build()
        #expect(fm.fileExists(atPath: copy.appendingPathComponent("index.html").path))
        try await expectUntouched(archive, outside, "after removing \(removed)")
    }

    /// A page replaced by a link to a file outside: the build replaces the link by the page
    /// and leaves the file as it was.
    @Test func aLinkedPageIsReplacedNotWrittenThrough() async throws {
        let (archive, outside) = try await setUp(); defer { archive.cleanup() }
        let mine = outside.appendingPathComponent("important.txt")
        let id = ArticleParser.id(forPath: try #require(try fm.contentsOfDirectory(atPath: archive.source.path).sorted().first))
        let page = "articles/\(id)/index.html"
        try link(mine, at: archive.output.appendingPathComponent(page))
        var options = archive.options()
        options.full = true
        for _ in 0..<2 { _ = try await SiteBuilder(options: options).build() }
        var st = stat()
        #expect(lstat(archive.output.appendingPathComponent(page).path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
        try await expectUntouched(archive, outside, "after two full builds")
    }
}
