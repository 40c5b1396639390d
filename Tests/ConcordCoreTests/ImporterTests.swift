import Foundation
import Testing
@testable import ConcordCore

@Suite("Adding articles")
struct ImporterTests {
    @Test func addsValidFilesUnderUniqueSafeNames() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let incoming = archive.root.appendingPathComponent("incoming")
        try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        let good = incoming.appendingPathComponent("My Story!.md")
        try Data("---\ntitle: New\ndate: 2021-01-01\n---\nA new story.".utf8).write(to: good)
        let dup = incoming.appendingPathComponent("000_0f71f093a850930d.txt")
        try Data("date 2021-02-02 Another article with the same name as a seed.".utf8).write(to: dup)
        let bad = incoming.appendingPathComponent("bad.txt")
        try Data("date 2021-02-30 impossible".utf8).write(to: bad)
        let hidden = incoming.appendingPathComponent(".secret.md")
        try Data("---\ntitle: Hidden\ndate: 2021-01-01\n---\nText.".utf8).write(to: hidden)

        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([good, dup, bad, hidden])
        #expect(outcome.added.map(\.1) == ["My-Story.md", "000_0f71f093a850930d-2.txt", "secret.md"])
        #expect(outcome.diagnostics.map(\.line) == [1])
        #expect(outcome.diagnostics.first?.message.contains("invalid date") == true)
        // The seed was not overwritten.
        let seed = try String(contentsOf: archive.source.appendingPathComponent("000_0f71f093a850930d.txt"), encoding: .utf8)
        #expect(seed.contains("Spread This News"))
        // The listing handed to the build is the folder's, as a build would list it.
        #expect(outcome.articlePaths == (try ArchiveLoader(sourceFolder: archive.source).articlePaths()))
        var options = archive.options()
        options.articlePaths = outcome.articlePaths
        let report = try await SiteBuilder(options: options).build()
        #expect(report.articles == 6)
        #expect(report.diagnostics.isEmpty)
    }

    /// The names an import writes and removes, put in the listing and taken out of it at the
    /// end: the last note of a path decides, a few go in where the list lies and more by one merge, and
    /// either way the listing is the one a build's walk would sort.
    @Test(arguments: [3, 80]) func theListingTakesWhatTheImportNoted(added count: Int) {
        var paths = PathList(["a.md", "b/c.txt", "m.md", "z.md"])
        var notes: [(path: String, present: Bool)] = [("m.md", false), ("z.md", false), ("z.md", true), ("ghost.md", false),
                                                       ("q.md", true), ("q.md", false)]
        let new = (0..<count).map { String(format: "n%03d.md", $0) }
        for name in new.reversed() { notes.append((name, true)) }
        notes.append(("a.md", true))
        ArticleImporter.apply(notes, to: &paths)
        // (3 names go in where the list lies, 80 by one merge: `PathList.inPlaceLimit`.)
        #expect(Array(paths) == ArchiveLoader.sorted(["a.md", "b/c.txt", "z.md"] + new))
    }

    /// An article comes with the files it links to beside it, to the same place relative to it,
    /// so that its page shows them; a file the source folder holds with other bytes is not
    /// copied over (a warning), nor one outside the file's folder; the article is added.
    @Test func linkedFilesComeWithTheArticle() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        let downloads = archive.root.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: downloads.appendingPathComponent("img/bridge.png"))
        try Data([4]).write(to: downloads.appendingPathComponent("map.png"))
        try Data([5]).write(to: archive.root.appendingPathComponent("outside.png"))
        try archive.write("map.png", bytes: [6])        // another map, already in the source folder
        let story = downloads.appendingPathComponent("Bridge story.md")
        try Data("---\ntitle: Bridge\ndate: 2021-01-01\n---\n![b](img/bridge.png) ![m](map.png)\n\n![o](../outside.png) ![g](gone.png)\n".utf8).write(to: story)
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([story])
        #expect(outcome.added.map(\.1) == ["Bridge-story.md"] && outcome.diagnostics.isEmpty)
        #expect(outcome.linkedFiles.map(\.1) == ["img/bridge.png"])
        #expect(FileManager.default.contents(atPath: archive.source.appendingPathComponent("img/bridge.png").path) == Data([1, 2, 3]))
        #expect(FileManager.default.contents(atPath: archive.source.appendingPathComponent("map.png").path) == Data([6]))
        // (The link out of the file's folder, not copied, is the build's to warn of: once the article
        // lies at the top of the source folder, it leads out of that too.)
        #expect(outcome.warnings.map(\.line) == [5] && outcome.warnings.first?.message.contains("other bytes") == true)
        // Added again with --replace: the map is copied over.
        let again = try ArticleImporter(sourceFolder: archive.source, replace: true).importFiles([story])
        #expect(again.linkedFiles.map(\.1) == ["map.png"])
        let report = try await archive.build()
        #expect(report.warnings.map(\.description) == [
            "Bridge-story.md:7: warning: links to '../outside.png', outside the source folder: nothing is copied from there, and the link is left as written, where the site holds no such file",
            "Bridge-story.md:7: warning: links to 'gone.png', which is not a file of the source folder: the link is broken on the page"])
        #expect(try archive.read("articles/Bridge-story/index.html").contains("<img src=\"../../files/img/bridge.png\" alt=\"b\" />"))
        // The file `../outside.png` leads to, beside the source folder, is never copied into the site.
        let linked = try snapshot(archive.output).keys.filter { ($0.hasPrefix("files/") || $0.contains("outside")) && !$0.hasSuffix("/") }.sorted()
        #expect(linked == ["files/img/bridge.png", "files/map.png"], "\(linked)")
    }

    /// A linked file whose path the source folder holds as a folder is not copied there, even
    /// with --replace: the folder and the articles in it stay (it was removed, with them, when
    /// the file was copied into place). A large linked file comes whole.
    @Test func aLinkedFileNeverReplacesAFolder() throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.write("clips/kept.md", "---\ntitle: Kept\ndate: 2021-01-01\n---\nKept.\n")
        let downloads = archive.root.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        try Data([1]).write(to: downloads.appendingPathComponent("clips"))
        let video = Data((0..<(StreamedFile.threshold + 3)).map { UInt8(truncatingIfNeeded: $0 >> 3) })
        try video.write(to: downloads.appendingPathComponent("film.mp4"))
        let story = downloads.appendingPathComponent("story.md")
        try Data("---\ntitle: S\ndate: 2021-01-02\n---\n[the clips](clips) [the film](film.mp4)\n".utf8).write(to: story)
        for replace in [false, true] {
            let outcome = try ArticleImporter(sourceFolder: archive.source, replace: replace).importFiles([story])
            #expect(outcome.warnings.map(\.message) == ["links to 'clips', where the source folder holds a folder or link: not copied"], "replace: \(replace)")
            #expect(FileManager.default.fileExists(atPath: archive.source.appendingPathComponent("clips/kept.md").path))
        }
        #expect(FileManager.default.contents(atPath: archive.source.appendingPathComponent("film.mp4").path) == video)
    }

    /// A folder named like the new file (`story.md/`, holding an article) is never replaced:
    /// the file gets the next free name, and with --replace (which replaces articles, not
    /// folders) the add fails, naming the path; the folder and its article stay.
    @Test func aFolderNamedLikeTheFileStays() throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.write("story.md/inner.txt", "date 2021-01-01 Inner.\n")
        let download = archive.root.appendingPathComponent("story.md")
        try Data("---\ntitle: S\ndate: 2021-01-02\n---\nText.\n".utf8).write(to: download)
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([download])
        #expect(outcome.added.map(\.1) == ["story-2.md"])
        #expect(throws: BuildFailure.self) { try ArticleImporter(sourceFolder: archive.source, replace: true).importFiles([download]) }
        #expect(FileManager.default.fileExists(atPath: archive.source.appendingPathComponent("story.md/inner.txt").path))
    }

    /// A folder given adds the article files under it, sorted, hidden ones and other files
    /// passed over; a folder without one is reported.
    @Test func aFolderAddsTheArticlesUnderIt() throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        let batch = archive.root.appendingPathComponent("batch")
        let photos = archive.root.appendingPathComponent("photos")
        for folder in [batch.appendingPathComponent("wire"), photos] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data("date 2021-01-02 From the wire.".utf8).write(to: batch.appendingPathComponent("wire/b.txt"))
        try Data("---\ntitle: A\ndate: 2021-01-01\n---\nText.".utf8).write(to: batch.appendingPathComponent("a.md"))
        try Data("---\ntitle: H\ndate: 2021-01-01\n---\nHidden.".utf8).write(to: batch.appendingPathComponent(".h.md"))
        try Data([0xFF, 0xD8]).write(to: batch.appendingPathComponent("cover.jpg"))
        try Data([0xFF, 0xD8]).write(to: photos.appendingPathComponent("one.jpg"))
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([batch, photos])
        #expect(outcome.added.map(\.0) == [batch.path + "/a.md", batch.path + "/wire/b.txt"])
        #expect(outcome.added.map(\.1) == ["a.md", "b.txt"])
        #expect(outcome.passedOver.map(\.0) == [batch.path, photos.path] && outcome.passedOver.map(\.1) == [1, 1])
        #expect(outcome.diagnostics.map(\.description) == ["\(photos.path):1: error: no article files (.txt, .md) in this folder"])
        #expect(outcome.articlePaths == ["a.md", "b.txt"])
    }

    /// A file whose bytes an article of its name has (a file of the source folder given, a
    /// download added twice) is not copied again as a second article.
    @Test func aFileAlreadyThereIsNotAddedAgain() throws {
        let archive = try TempArchive(files: ["story.txt": "date 2020-01-01 The text of the story."])
        defer { archive.cleanup() }
        let download = archive.root.appendingPathComponent("story.txt")
        try Data("date 2020-01-01 The text of the story.".utf8).write(to: download)
        let outcome = try ArticleImporter(sourceFolder: archive.source)
            .importFiles([archive.source.appendingPathComponent("story.txt"), download, download])
        #expect(outcome.added.isEmpty)
        #expect(outcome.alreadyThere.map(\.1) == ["story.txt", "story.txt", "story.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.source.path) == ["story.txt"])
        // Other bytes under that name are a new article, as before.
        try Data("date 2020-01-02 Another story.".utf8).write(to: download)
        let again = try ArticleImporter(sourceFolder: archive.source).importFiles([download, download])
        #expect(again.added.map(\.1) == ["story-2.txt"] && again.alreadyThere.map(\.1) == ["story-2.txt"])
    }

    @Test func replaceOverwritesTheArticleWithThatName() throws {
        let archive = try TempArchive(files: ["story.txt": "date 2020-01-01 Old text of the story."])
        defer { archive.cleanup() }
        let incoming = archive.root.appendingPathComponent("story.md")
        try Data("---\ntitle: Story\ndate: 2020-01-02\n---\nNew text.".utf8).write(to: incoming)
        let outcome = try ArticleImporter(sourceFolder: archive.source, replace: true).importFiles([incoming])
        #expect(outcome.added.map(\.1) == ["story.md"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.source.path) == ["story.md"])
        #expect(outcome.articlePaths == ["story.md"])
    }

    /// A build takes the listing it is given (`concord add` hands over the importer's, so
    /// that the folder is not listed twice): a file left out of it is not built.
    @Test func aBuildTakesTheListingItIsGiven() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        var options = archive.options()
        options.articlePaths = Array(try ArchiveLoader(sourceFolder: archive.source).articlePaths().prefix(2))
        #expect(try await SiteBuilder(options: options).build().articles == 2)
    }

    @Test func safeNames() {
        #expect(ArticleImporter.safeName("../../etc/passwd") == "etc-passwd")
        #expect(ArticleImporter.safeName("Über uns") == "Uber-uns")
        #expect(ArticleImporter.safeName("...") == "article")
    }
}
