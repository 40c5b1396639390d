import Foundation
import Testing
@testable import ConcordCore

/// Files beside the articles that their bodies link to: copied into the site, every link of the
/// page resolving, warnings for links that lead nowhere, and incremental builds that follow
/// the files as a full build would.
@Suite("Linked files")
struct LinkedFilesTests {
    static let story = """
        ---
        title: The bridge
        date: 2024-05-01
        ---
        The bridge opened today. ![The bridge](photos/bridge.png "At dawn")

        See [the report](photos/my%20report.pdf#page=2) and [the earlier story](earlier.txt).

        Gone: ![gone](photos/gone.png). Hidden: ![h](.private/a.png). Not ours: ![o](../outside.png).
        """

    func archive() throws -> TempArchive {
        let archive = try TempArchive(files: ["story.md": Self.story, "earlier.txt": "date 2024-04-01 An earlier story.\n"])
        try archive.write("photos/bridge.png", bytes: [0x89, 0x50, 0x4E, 0x47, 1])
        try archive.write("photos/my report.pdf", bytes: Array("%PDF".utf8))
        try archive.write(".private/a.png", bytes: [2])
        return archive
    }

    /// Each file's entry of the last build is found by its target, whatever the others before and after.
    @Test func lastEntriesAreFoundByTarget() {
        func e(_ t: String, _ size: Int) -> LinkedFiles.Entry { .init(target: t, stamp: FileStamp(size: size, modified: 0, changed: 0, inode: 0)) }
        let now = [e("a.png", 1), e("c/d.png", 2), e("e.png", 3), e("z.pdf", 4)]
        let earlier = [e("b.png", 10), e("c/d.png", 20), e("z.pdf", 40), e("zz.png", 50)]
        #expect(LinkedFiles.matched(now, in: earlier).map { $0?.stamp?.size } == [nil, 20, nil, 40])
        #expect(LinkedFiles.matched(now, in: []).allSatisfy { $0 == nil } && LinkedFiles.matched([], in: earlier).isEmpty)
    }

    /// The files are in the site with their bytes, every link and image of every page resolves,
    /// and the three links that do not work are warnings naming their line; the article is built.
    @Test func linkedFilesAreCopiedAndEveryLinkWorks() async throws {
        let archive = try archive()
        defer { archive.cleanup() }
        let report = try await archive.build()
        #expect(report.diagnostics.isEmpty && report.articles == 2)
        #expect(FileManager.default.contents(atPath: archive.output.appendingPathComponent("files/photos/bridge.png").path) == Data([0x89, 0x50, 0x4E, 0x47, 1]))
        #expect(FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("files/photos/my report.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("files/.private").path))
        let page = try archive.read("articles/story/index.html")
        #expect(page.contains("<img src=\"../../files/photos/bridge.png\" alt=\"The bridge\" title=\"At dawn\" />"))
        #expect(page.contains("<a href=\"../earlier/index.html\">the earlier story</a>"))
        #expect(page.contains("src=\"../outside.png\""), "a path out of the source folder is left as written")
        #expect(report.warnings.map(\.description) == [
            "story.md:9: warning: links to 'photos/gone.png', which is not a file of the source folder: the link is broken on the page",
            "story.md:9: warning: links to '.private/a.png', a hidden file, which is not copied into the site: the link is broken on the page",
            "story.md:9: warning: links to '../outside.png', outside the source folder: nothing is copied from there, and the link is left as written, where the site holds no such file"])
        #expect(report.summary.contains("2 articles, 3 warnings →"))
        // Every link resolves but the three reported ones.
        try archive.write("story.md", Self.story.replacingOccurrences(of: "Gone: ![gone](photos/gone.png). Hidden: ![h](.private/a.png). Not ours: ![o](../outside.png).", with: "That is all."))
        let second = try await archive.build()
        #expect(second.warnings.isEmpty)
        try checkLinks(in: archive.output)
    }

    /// After each change (a linked file's bytes, a link removed, the file deleted and put back,
    /// the article moved into a folder of its own with its photos), an incremental build gives
    /// the site a full build gives, byte for byte; a build with nothing changed does nothing,
    /// and one that finds only a linked file changed writes only that file.
    @Test func incrementalBuildsFollowTheLinkedFiles() async throws {
        let archive = try archive()
        defer { archive.cleanup() }
        _ = try await archive.build()
        var round = 0
        func expectLikeFull(_ what: Comment) async throws -> BuildReport {
            let report = try await archive.build()
            round += 1
            let fresh = try await archive.freshBuild(into: "fresh\(round)")
            #expect(try snapshot(archive.output) == fresh, what)
            return report
        }
        // Without the warnings, a second build has nothing to do.
        var story = Self.story.replacingOccurrences(of: "Gone: ![gone](photos/gone.png). Hidden: ![h](.private/a.png). Not ours: ![o](../outside.png).", with: "That is all.")
        try archive.write("story.md", story)
        _ = try await expectLikeFull("the warnings' links removed")
        #expect(try await archive.build().timings.map(\.name) == ["templates", "check"], "nothing to do, found from the stamps alone")

        try archive.write("photos/bridge.png", bytes: [9, 9, 9])
        let changed = try await expectLikeFull("the photo's bytes changed")
        #expect(changed.written == 1 && changed.rendered == 0)
        #expect(FileManager.default.contents(atPath: archive.output.appendingPathComponent("files/photos/bridge.png").path) == Data([9, 9, 9]))

        story = story.replacingOccurrences(of: "[the report](photos/my%20report.pdf#page=2)", with: "the report")
        try archive.write("story.md", story)
        _ = try await expectLikeFull("the link to the PDF removed")
        #expect(!FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("files/photos/my report.pdf").path))

        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("photos/bridge.png"))
        let gone = try await expectLikeFull("the photo deleted")
        #expect(gone.warnings.count == 1)
        try archive.write("photos/bridge.png", bytes: [7])
        _ = try await expectLikeFull("the photo put back")

        // Moved into a folder with its photos: the same id and bytes, its links now lead into `2024/`.
        let fm = FileManager.default, year = archive.source.appendingPathComponent("2024")
        try fm.createDirectory(at: year, withIntermediateDirectories: true)
        try fm.moveItem(at: archive.source.appendingPathComponent("story.md"), to: year.appendingPathComponent("story.md"))
        try fm.moveItem(at: archive.source.appendingPathComponent("photos"), to: year.appendingPathComponent("photos"))
        try fm.moveItem(at: archive.source.appendingPathComponent("earlier.txt"), to: year.appendingPathComponent("earlier.txt"))
        _ = try await expectLikeFull("the article moved into a folder with its photos")
        #expect(try archive.read("articles/story/index.html").contains("src=\"../../files/2024/photos/bridge.png\""))
        try checkLinks(in: archive.output)
    }
    /// A file larger than `StreamedFile.threshold` (a video) is copied a piece at a time, and
    /// followed as a photo is: its bytes changed at the same size are copied again; written
    /// again with the same bytes, it is not copied over a copy known to hold them, nor over one
    /// found to hold them after `--full` (which vouches for nothing the cache says).
    @Test func largeLinkedFilesAreCopiedInPieces() async throws {
        let archive = try TempArchive(files: ["clip.md": "---\ntitle: The clip\ndate: 2024-05-02\n---\nWatch [the clip](media/clip.mp4).\n"])
        defer { archive.cleanup() }
        var video = (0..<(StreamedFile.threshold + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 13) }
        try archive.write("media/clip.mp4", bytes: video)
        let site = archive.output.appendingPathComponent("files/media/clip.mp4").path
        let first = try await archive.build()
        #expect(first.warnings.isEmpty && FileManager.default.contents(atPath: site) == Data(video))
        #expect(first.timings.contains { $0.name == "render" && $0.detail.contains("1 read, 1 of them in pieces") })
        #expect(try archive.read("articles/clip/index.html").contains("href=\"../../files/media/clip.mp4\""))

        video[StreamedFile.pieceSize + 5] ^= 0xFF
        try archive.write("media/clip.mp4", bytes: video)
        let changed = try await archive.build()
        #expect(changed.written == 1 && FileManager.default.contents(atPath: site) == Data(video))
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))

        // The same bytes written again: the next build puts them in the other generation, which
        // held the old ones; the one after finds them there, known from the cache.
        try archive.write("media/clip.mp4", bytes: video)
        #expect(try await archive.build().written == 1)
        try archive.write("media/clip.mp4", bytes: video)
        #expect(try await archive.build().written == 0, "the staging folder's copy is known to hold the same bytes")
        var options = archive.options()
        options.full = true
        let full = try await SiteBuilder(options: options).build()
        #expect(full.written == 0 && FileManager.default.contents(atPath: site) == Data(video), "--full compares the copy with the file")
    }
    /// A templates' asset at `files/…` keeps its place: the file an article links to at that
    /// path is not copied over it, the link is warned of, and the site lists the path once.
    /// Once the asset is gone, the file is copied, as a full build would.
    @Test func anAssetUnderFilesIsNotReplacedByALinkedFile() async throws {
        let archive = try archive()
        defer { archive.cleanup() }
        let templates = archive.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repo.templates, to: templates)
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("files/photos"), withIntermediateDirectories: true)
        try Data([0xA5]).write(to: templates.appendingPathComponent("files/photos/bridge.png"))
        let report = try await archive.build(templates: templates)
        #expect(FileManager.default.contents(atPath: archive.output.appendingPathComponent("files/photos/bridge.png").path) == Data([0xA5]))
        #expect(report.warnings.first?.description == "story.md:5: warning: links to 'photos/bridge.png', whose place in the site ('files/photos/bridge.png') the templates' asset of that path takes: the page shows the asset; rename one of them")
        let manifest = try String(contentsOf: archive.output.appendingPathComponent(OutputFolder.manifest), encoding: .utf8).split(separator: "\n")
        #expect(manifest.filter { $0 == "files/photos/bridge.png" }.count == 1 && Set(manifest).count == manifest.count)

        try FileManager.default.removeItem(at: templates.appendingPathComponent("files"))
        let after = try await archive.build(templates: templates)
        #expect(!after.warnings.contains { $0.message.contains("asset") })
        #expect(FileManager.default.contents(atPath: archive.output.appendingPathComponent("files/photos/bridge.png").path) == Data([0x89, 0x50, 0x4E, 0x47, 1]))
        var options = archive.options(templates: templates)
        options.output = archive.root.appendingPathComponent("fresh")
        _ = try await SiteBuilder(options: options).build()
        #expect(try snapshot(archive.output) == (try snapshot(options.output)))
    }
}
