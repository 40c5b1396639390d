import Foundation
import Testing
@testable import ConcordCore

@Suite("Read ahead")
struct ReadAheadTests {
    /// Whether the first page of `path` is in memory.
    static func resident(_ path: String) -> Bool {
        let file = open(path, O_RDONLY); defer { close(file) }
        let map = mmap(nil, 4096, PROT_READ, MAP_SHARED, file, 0)!
        defer { munmap(map, 4096) }
        var flag: UInt8 = 0
        return mincore(map, 4096, &flag) == 0 && flag & 1 == 1
    }

    /// Files written and synced, then dropped from memory (`POSIX_FADV_DONTNEED`), are found
    /// on disk and asked for again; files just written are in memory, and nothing is asked.
    @Test func filesOutOfMemoryAreAskedFor() throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        let names = (0..<40).map { "a\($0).txt" } + ["missing.txt"]
        for name in names.dropLast() { try archive.write(name, String(repeating: "word ", count: 2000)) }
        let folder = archive.source.path
        let fd = open(folder, O_RDONLY | O_DIRECTORY); defer { close(fd) }
        #expect(!ReadAhead.mostlyOnDisk(names, in: fd))
        for name in names.dropLast() {
            let file = open(folder + "/" + name, O_RDONLY)
            fsync(file); _ = posix_fadvise(file, 0, 0, POSIX_FADV_DONTNEED); close(file)
        }
        // A file system that keeps files in memory (tmpfs) cannot drop them: nothing to check there.
        guard !Self.resident(folder + "/a0.txt") else { return }
        #expect(ReadAhead.mostlyOnDisk(names, in: fd))
        let ahead = ReadAhead(names, in: folder, threads: 3)
        // The reads were asked for, not waited for: they land soon after (within 10 s on a busy disk).
        var waited = 0
        while !names.dropLast().allSatisfy({ Self.resident(folder + "/" + $0) }) && waited < 1000 { usleep(10_000); waited += 1 }
        ahead.stop()
        #expect(names.dropLast().allSatisfy { Self.resident(folder + "/" + $0) }, "after \(waited * 10) ms")
    }

    /// The files an article page and a passage page read: each article once, in page order.
    @Test func pagesNameTheFilesTheyRead() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let loaded = try ArchiveLoader(sourceFolder: archive.source).load()
        let annotations = Annotator().annotate(loaded.articles).0
        let model = SiteModel(articles: loaded.articles, annotations: annotations)
        let renderer = SiteRenderer(templates: try await TemplateSet(folder: Repo.templates), model: model)
        let (article, k) = try #require(renderer.pages.enumerated().lazy.compactMap { i, page -> (Int, Int)? in
            if case .article(let k) = page { (i, k) } else { nil } }.first)
        let passage = try #require(renderer.pages.indices.first { if case .passage = renderer.pages[$0] { true } else { false } })
        let copies = annotations.passages[0].witnesses.map(\.article)
        let ids = renderer.sourcePaths(of: [article, passage, article]).map { String($0.split(separator: ".")[0]) }
        var expected = [model.articles[k].id]
        for id in copies where !expected.contains(id) { expected.append(id) }
        #expect(ids == expected)
        #expect(renderer.sourcePaths(of: [0, 1, 2, 3]).isEmpty)    // the lists and the 404 page read no article
    }
}
