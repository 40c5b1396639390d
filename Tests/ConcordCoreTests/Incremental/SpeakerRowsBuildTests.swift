import Foundation
import Testing
@testable import ConcordCore

/// Speaker pages keep their entries between builds (`SpeakerRows`, one cache file per
/// page): after every change the site must still be a full build's, whatever state the
/// rows files or the pages they describe are in.
extension IncrementalBuildTests {
    /// The seeds and 60 quote-dense generated articles (about six quotes each), built once; the
    /// next 10 generated articles are returned to be added.
    func builtQuoteDenseArchive() async throws -> (TempArchive, [ArchiveGenerator.GeneratedArticle]) {
        var o = ArchiveGenerator.Options()
        o.articles = 70; o.seed = 23; o.quoteParagraphs = 12
        let all = ArchiveGenerator(options: o).generate()
        let archive = try TempArchive()
        do {
            try archive.copySeeds()
            for g in all.prefix(60) { try archive.write(g.fileName, g.contents) }
            _ = try await archive.build()
            return (archive, Array(all.dropFirst(60)))
        } catch {
            archive.cleanup(); throw error
        }
    }

    /// The speaker pages' entries this build kept and rendered, from the render stage's line.
    func speakerEntries(_ log: RecordingLog) throws -> (kept: Int, all: Int) {
        let detail = try #require(log.stages.first { $0.name == "render" }?.detail)
        let match = try #require(detail.firstMatch(of: /(\d+) of (\d+) entries kept/))
        return (Int(match.1)!, Int(match.2)!)
    }

    func rowsFiles(_ archive: TempArchive) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cacheFolder(archive).path).filter { SpeakerRows.pathHash(ofFileName: $0) != nil }.sorted()
    }

    @Test func speakerPagesKeepTheirEntriesThroughChanges() async throws {
        let (archive, more) = try await builtQuoteDenseArchive(); defer { archive.cleanup() }
        // A full build leaves every speaker page's rows.
        let speakerPages = try FileManager.default.contentsOfDirectory(atPath: archive.output.appendingPathComponent("speakers").path)
            .filter { !$0.hasSuffix(".html") }
        #expect(speakerPages.count > 10)
        #expect(try rowsFiles(archive).count == speakerPages.count)

        var log = RecordingLog()
        for g in more.prefix(3) { try archive.write(g.fileName, g.contents) }
        #expect(try await buildAndCompare(archive, log: log, "three quote-dense articles added").incremental)
        var entries = try speakerEntries(log)
        #expect(entries.kept > 0 && entries.kept < entries.all, "\(entries)")

        // An edit inside a quote, and a removal.
        let edited = more[0]
        try archive.write(edited.fileName, edited.contents.replacingOccurrences(of: "said", with: "told reporters"))
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(more[1].fileName))
        log = RecordingLog()
        #expect(try await buildAndCompare(archive, log: log, "an edit and a removal").incremental)
        entries = try speakerEntries(log)
        #expect(entries.kept > 0, "\(entries)")

        // A template change renders every entry of every speaker page anew.
        let templates = try templatesCopy(archive)
        let url = templates.appendingPathComponent("speaker.mustache")
        try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "<blockquote>", with: "<blockquote class=\"said\">")
            .write(to: url, atomically: true, encoding: .utf8)
        log = RecordingLog()
        #expect(try await buildAndCompare(archive, templates: templates, log: log, "the speaker template changed").incremental)
        entries = try speakerEntries(log)
        #expect(entries.kept == 0 && entries.all > 0, "\(entries)")
        #expect(try archive.read("speakers/" + speakerPages.sorted()[0] + "/index.html").contains("<blockquote class=\"said\">"))
    }

    /// Rows files damaged, swapped between pages, or left from an earlier build of their page
    /// (whole and sealed, but describing other bytes than the page's): never used, and the
    /// site is a full build's.
    @Test(arguments: ["garbage", "swapped", "truncated", "stale"])
    func rowsThatDoNotDescribeThePageAreNeverUsed(_ how: String) async throws {
        let (archive, more) = try await builtQuoteDenseArchive(); defer { archive.cleanup() }
        let folder = cacheFolder(archive), files = try rowsFiles(archive)
        #expect(files.count > 2)
        var options = archive.options()
        switch how {
        case "garbage":
            for f in files { try Data("garbage".utf8).write(to: folder.appendingPathComponent(f)) }
        case "truncated":
            for f in files {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(f))
                try bytes.prefix(bytes.count - 9).write(to: folder.appendingPathComponent(f))
            }
        case "swapped":
            // Every page's rows file holds the next page's rows (whole and sealed).
            let contents = try files.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
            for (k, f) in files.enumerated() { try contents[(k + 1) % files.count].write(to: folder.appendingPathComponent(f)) }
        case "stale":
            // The rows as the full build left them, put back after a build that moved every
            // entry of every page (a longer site title): each still names the clusters of its page.
            let contents = try files.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
            options.config = archive.root.appendingPathComponent("concord.yml")
            try Data("title: A much longer title than the archive had before\n".utf8).write(to: options.config!)
            #expect(try await buildAndCompare(options, "the site's title changed").incremental)
            for (f, bytes) in zip(files, contents) { try bytes.write(to: folder.appendingPathComponent(f)) }
        default:
            Issue.record("no such damage: \(how)")
        }
        let log = RecordingLog()
        for g in more.prefix(3) { try archive.write(g.fileName, g.contents) }
        #expect(try await buildAndCompare(options, log: log, "three articles added, the rows \(how)").incremental)
        #expect(try speakerEntries(log).kept == 0)
        // The rows written by that build are used by the next.
        let next = RecordingLog()
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(more[0].fileName))
        #expect(try await buildAndCompare(options, log: next, "one removed again").incremental)
        #expect(try speakerEntries(next).kept > 0)
    }

    /// A speaker who is quoted no more loses their page, and the cache their page's rows.
    @Test func rowsOfAPageNoLongerBuiltAreRemoved() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try archive.write("2030-01-01-zoe.txt", "date 2030-01-01 “The harbour will open in May,” said Zoë Ng, the port’s director.\n")
        try await buildAndCompare(archive, "an article quoting a new speaker")
        let page = "speakers/zoe-ng/index.html"
        #expect(FileManager.default.fileExists(atPath: archive.output.appendingPathComponent(page).path))
        let name = SpeakerRows.fileName(pathHash: PathHash.of(page))
        #expect(try rowsFiles(archive).contains(name))
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("2030-01-01-zoe.txt"))
        try await buildAndCompare(archive, "the article removed")
        #expect(!FileManager.default.fileExists(atPath: archive.output.appendingPathComponent(page).path))
        #expect(try !rowsFiles(archive).contains(name))
        #expect(try rowsFiles(archive).count > 0)
    }
}
