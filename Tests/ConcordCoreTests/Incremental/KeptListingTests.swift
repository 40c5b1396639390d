import Foundation
import Testing
@testable import ConcordCore

/// The sources' listing is taken from the cache while no folder of the archive has changed
/// (`KeptListing`): every change that adds, removes or renames an entry gives its folder a new
/// stamp, and a listing whose folders were not settled is not kept at all.
@Suite("Kept listing")
struct KeptListingTests {
    /// The folder's listing with its folders' stamps, once every folder is settled by the
    /// system's clock (a folder changed within a clock tick of a `stat` could keep its stamp:
    /// a test's next change must come a tick later, as a user's does).
    func settledListing(_ folder: URL) async throws -> (paths: PathList, folders: [(path: String, stamp: FileStamp)], now: Int) {
        for _ in 0..<150 {
            let now = FileStamp.now()
            let walked = try ArchiveLoader(sourceFolder: folder).walk()
            let (paths, folders) = (walked.paths, walked.folders)
            if folders.allSatisfy({ $0.stamp.isSettled(now: now) }) { return (paths, folders, now) }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("the folders did not settle within 3.75 s"); throw CancellationError()
    }

    func archiveWithFolders() throws -> TempArchive {
        let archive = try TempArchive()
        try archive.write("a.txt", "date 2020-01-01 Alpha.\n")
        try archive.write("sub/b.md", "---\ndate: 2020-01-02\n---\nBravo.\n")
        try archive.write("sub/deeper/c.txt", "date 2020-01-03 Charlie.\n")
        try archive.write(".hidden/d.txt", "date 2020-01-04 Delta.\n")
        return archive
    }

    var cacheFolder: (TempArchive) -> String { { $0.root.appendingPathComponent("cache").path } }

    /// Whether a walk of the archive's source folder meets a symbolic link, as a build records it.
    func sawLink(_ archive: TempArchive) throws -> Bool { try ArchiveLoader(sourceFolder: archive.source).walk().sawLink }

    /// The listing kept for `source` in `cacheFolder`, if every folder it walked still has its stamp.
    func keptAsIs(_ source: String, _ cacheFolder: String) -> KeptListing? {
        KeptListing.load(source: source, from: cacheFolder).flatMap { $0.isCurrent(source: source) ? $0 : nil }
    }

    @Test func keptWhileOnlyFilesAreEditedInPlace() async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        let (paths, folders, now) = try await settledListing(archive.source)
        #expect(Array(paths) == ["a.txt", "sub/b.md", "sub/deeper/c.txt"])
        #expect(folders.map(\.path) == ["", "sub", "sub/deeper"])
        #expect(KeptListing.write(paths, folders: folders, sawLink: try sawLink(archive), source: archive.source.path, into: cacheFolder(archive), now: now))
        #expect(keptAsIs(archive.source.path, cacheFolder(archive))?.paths == paths)
        // Edits in place (a longer file, a rewritten one) touch no folder.
        let handle = try FileHandle(forWritingTo: archive.source.appendingPathComponent("a.txt"))
        try handle.seekToEnd(); try handle.write(contentsOf: Data("More.\n".utf8)); try handle.close()
        #expect(keptAsIs(archive.source.path, cacheFolder(archive))?.paths == paths)
    }

    /// A kept listing's paths are read only when a walk asks for them; one whose tables do not
    /// make a list (here, a start short) is not used: every folder is read, as with no listing.
    @Test func aListingWhosePathsDoNotMakeAListIsNotUsed() async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        let (paths, folders, _) = try await settledListing(archive.source)
        var w = BuildCache.headed(capacity: 256)
        w.string(ConcordVersion.number); w.string(archive.source.path); w.bool(false)
        w.int(folders.count)
        for f in folders { w.string(f.path); f.stamp.encode(into: &w) }
        w.int(paths.bytes.count)
        var tables = ByteWriter()
        tables.u64s(paths.starts.dropLast().map { UInt64($0) }); tables.u64s(paths.hashes)
        tables.int(0)      // no order kept
        try FileManager.default.createDirectory(atPath: cacheFolder(archive), withIntermediateDirectories: true)
        #expect(BuildCache.writeSealed([w.bytes, paths.bytes, tables.bytes], to: cacheFolder(archive) + "/" + KeptListing.fileName) != nil)
        let kept = try #require(keptAsIs(archive.source.path, cacheFolder(archive)), "the file itself is sound")
        #expect(kept.paths == nil)
        #expect(kept.size.paths >= paths.count && kept.size.bytes >= paths.bytes.count)
        let walked = try ArchiveLoader(sourceFolder: archive.source).walk(reusing: kept)
        #expect(walked.read == walked.folders.count)
        #expect(Array(walked.paths) == Array(paths))
    }

    /// Each change that the listing would show makes the kept one unusable, in whichever
    /// folder it is made, through a link too.
    @Test(arguments: ["add at the top", "add deep down", "remove", "rename", "new folder", "folder removed",
                      "hidden file added", "folder through a link", "source folder replaced"])
    func anyEntryChangedDropsIt(_ change: String) async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        let elsewhere = archive.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try "2020-01-05\nEcho.\n".write(to: elsewhere.appendingPathComponent("e.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: archive.source.appendingPathComponent("linked"), withDestinationURL: elsewhere)
        let (paths, folders, now) = try await settledListing(archive.source)
        #expect(Array(paths) == ["a.txt", "linked/e.txt", "sub/b.md", "sub/deeper/c.txt"])
        #expect(KeptListing.write(paths, folders: folders, sawLink: try sawLink(archive), source: archive.source.path, into: cacheFolder(archive), now: now))
        let fm = FileManager.default, src = archive.source
        switch change {
        case "add at the top": try archive.write("z.txt", "2020-01-09\nZulu.\n")
        case "add deep down": try archive.write("sub/deeper/y.txt", "2020-01-09\nYankee.\n")
        case "remove": try fm.removeItem(at: src.appendingPathComponent("sub/b.md"))
        case "rename": try fm.moveItem(at: src.appendingPathComponent("sub/b.md"), to: src.appendingPathComponent("sub/b2.md"))
        case "new folder": try fm.createDirectory(at: src.appendingPathComponent("sub/new"), withIntermediateDirectories: false)
        case "folder removed": try fm.removeItem(at: elsewhere.appendingPathComponent("empty"))
        case "hidden file added": try archive.write(".x.txt", "2020-01-09\nX-ray.\n")
        case "folder through a link": try "2020-01-09\nFoxtrot.\n".write(to: elsewhere.appendingPathComponent("f.txt"), atomically: false, encoding: .utf8)
        case "source folder replaced":
            let copy = archive.root.appendingPathComponent("copy")
            try fm.copyItem(at: src, to: copy)
            try fm.removeItem(at: src); try fm.moveItem(at: copy, to: src)
        default: Issue.record("unknown change \(change)")
        }
        #expect(keptAsIs(archive.source.path, cacheFolder(archive)) == nil)
    }

    /// A link back to a folder being walked (`ln -s . again`) is passed over by the walk, its
    /// stamp recorded all the same: the listing is kept, and dropped by a change below it.
    @Test func aLinkBackUpIsKeptAndWatched() async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        try FileManager.default.createSymbolicLink(atPath: archive.source.appendingPathComponent("sub/again").path, withDestinationPath: "..")
        let (paths, folders, now) = try await settledListing(archive.source)
        #expect(Array(paths) == ["a.txt", "sub/b.md", "sub/deeper/c.txt"])
        #expect(folders.map(\.path).contains("sub/again"))
        #expect(KeptListing.write(paths, folders: folders, sawLink: try sawLink(archive), source: archive.source.path, into: cacheFolder(archive), now: now))
        #expect(keptAsIs(archive.source.path, cacheFolder(archive))?.paths == paths)
        try archive.write("new.txt", "date 2020-01-09 November.\n")
        #expect(keptAsIs(archive.source.path, cacheFolder(archive)) == nil)
    }

    @Test func notKeptWhileAFolderIsUnsettled() throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        let walked = try ArchiveLoader(sourceFolder: archive.source).walk()
        let (paths, folders) = (walked.paths, walked.folders)
        // Judged 5 ms after the deepest folder last changed: it could still change unseen.
        let latest = folders.map(\.stamp.changed).max()!
        #expect(!KeptListing.write(paths, folders: folders, sawLink: try sawLink(archive), source: archive.source.path, into: cacheFolder(archive), now: latest + 5_000_000))
        #expect(!FileManager.default.fileExists(atPath: cacheFolder(archive) + "/" + KeptListing.fileName))
        // Nor when a folder could not be read.
        let unread = folders + [("gone", FileStamp.unknown)]
        #expect(!KeptListing.write(paths, folders: unread, sawLink: false, source: archive.source.path, into: cacheFolder(archive), now: .max))
    }

    @Test(arguments: ["another folder", "truncated", "a byte changed", "garbage", "empty"])
    func aForeignOrDamagedFileIsNotUsed(_ damage: String) async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        let (paths, folders, now) = try await settledListing(archive.source)
        #expect(KeptListing.write(paths, folders: folders, sawLink: try sawLink(archive), source: archive.source.path, into: cacheFolder(archive), now: now))
        let file = URL(fileURLWithPath: cacheFolder(archive) + "/" + KeptListing.fileName)
        var bytes = [UInt8](try Data(contentsOf: file))
        var source = archive.source.path
        switch damage {
        case "another folder": source = archive.root.path
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "a byte changed": bytes[bytes.count / 2] ^= 0x20
        case "garbage": bytes = Array(repeating: 0x41, count: bytes.count)
        default: bytes = []
        }
        try Data(bytes).write(to: file)
        #expect(keptAsIs(source, cacheFolder(archive)) == nil)
    }

    /// `concord add` takes the kept listing for the names in use: a file named like an article
    /// still gets a name of its own, and the build after it gives what a full build gives.
    @Test func anImportTakesItForTheNamesInUse() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("wire/later.txt", "date 2020-08-01 A later article, said nobody.\n")
        _ = try await settledListing(archive.source)
        _ = try await archive.build()
        let builder = SiteBuilder(options: archive.options())
        let kept = try #require(builder.currentListing())
        #expect(Array(try #require(kept.paths)) == Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList()))
        var full = archive.options(); full.full = true
        #expect(SiteBuilder(options: full).currentListing() == nil, "--full lists the folder")

        let incoming = archive.root.appendingPathComponent("later.txt")
        try Data("date 2020-08-02 Another later article, said somebody.\n".utf8).write(to: incoming)
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([incoming], listed: kept)
        #expect(outcome.added.map(\.1) == ["later-2.txt"])
        #expect(outcome.articlePaths == Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList()))
        var options = archive.options()
        options.useArticles(listedBy: outcome)
        let report = try await SiteBuilder(options: options).build()
        #expect(report.incremental && report.articles == 5)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
        // The folder changed: it is read again, and the listing is what a walk finds.
        #expect(keptAsIs(archive.source.path, BuildCache(output: archive.output).folder.path) == nil)
        #expect(builder.currentListing()?.paths.map { Array($0) } == Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList()))
    }

    /// A listing read from the cache is made with room for the names an add puts in, which go in
    /// where the list lies; an import of more files than that room (a folder of them), some with
    /// names already in use, still gives the folder's listing, sorted.
    @Test func anImportPutsItsNamesInTheListingItWasGiven() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        for i in stride(from: 0, to: 40, by: 2) { try archive.write(String(format: "n%02d.txt", i), "date 2020-01-01 Number \(i).\n") }
        let (paths, folders, now) = try await settledListing(archive.source)
        let cache = cacheFolder(archive)
        #expect(KeptListing.write(paths, folders: folders, sawLink: false, source: archive.source.path, into: cache, now: now))
        let kept = try #require(KeptListing.load(source: archive.source.path, from: cache))
        let list = try #require(kept.paths)
        let room = KeptListing.room(paths: list.count, bytes: list.bytes.count)
        #expect(list.bytes.capacity >= room.bytes && list.hashes.capacity >= room.paths && list.starts.capacity > room.paths)
        #expect(room.paths - list.count < 40, "more files than the room")

        let incoming = archive.root.appendingPathComponent("incoming")
        // Every number: the even ones are names in use (each gets -2), the odd ones new.
        for i in 0..<40 {
            try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
            try Data("date 2020-02-01 Incoming \(i).\n".utf8).write(to: incoming.appendingPathComponent(String(format: "n%02d.txt", i)))
        }
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([incoming], listed: kept)
        #expect(outcome.added.count == 40)
        #expect(outcome.added.contains { $0.1 == "n00-2.txt" } && outcome.added.contains { $0.1 == "n01.txt" })
        #expect(outcome.articlePaths == Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList()))
        #expect(outcome.articlePaths.count == 60)
    }

    /// The names the importer takes as in use are the kept listing's: the folder is not listed.
    @Test func anImportGivenAListingDoesNotListTheFolder() throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.write("a.txt", "date 2020-01-01 Alpha.\n")
        let kept = KeptListing(paths: PathList(["a.txt", "ghost.txt"]))
        let incoming = archive.root.appendingPathComponent("ghost.txt")
        try Data("date 2020-01-02 A ghost.\n".utf8).write(to: incoming)
        let outcome = try ArticleImporter(sourceFolder: archive.source).importFiles([incoming], listed: kept)
        #expect(outcome.added.map(\.1) == ["ghost-2.txt"])
    }

    /// A build takes the kept listing when only an edit was made, lists the folder when an
    /// article was added, and either way gives what a full build gives.
    @Test func buildsTakeItAndGiveWhatAFullBuildGives() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("2020/extra.txt", "date 2020-08-01 A later statement, said nobody.\n")
        _ = try await settledListing(archive.source)
        func listingKept(_ report: BuildReport) -> Bool {
            report.timings.contains { $0.detail.contains("kept from the last build: no folder changed") }
        }
        let first = try await archive.build()
        #expect(!first.incremental && !listingKept(first))
        // The last build's commit leaves the listing in the cache.
        let edited = archive.source.appendingPathComponent("2020/extra.txt")
        let handle = try FileHandle(forWritingTo: edited)
        try handle.seekToEnd(); try handle.write(contentsOf: Data("\nAnd one more paragraph.\n".utf8)); try handle.close()
        let second = try await archive.build()
        #expect(second.incremental && listingKept(second))
        #expect(try archive.read("articles/extra/index.html").contains("one more paragraph"))
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))

        // An article added: listed again.
        _ = try await settledListing(archive.source)
        try archive.write("2020/later.txt", "date 2020-08-02 A later article.\n")
        let third = try await archive.build()
        #expect(third.incremental && !listingKept(third) && third.articles == 5)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild(into: "fresh2")))

        // `--full` trusts nothing the cache holds.
        _ = try await settledListing(archive.source)
        _ = try await archive.build()
        var options = archive.options(); options.full = true
        let full = try await SiteBuilder(options: options).build()
        #expect(!listingKept(full))
        #expect(listingKept(try await archive.build()), "kept, and taken by the next build")
    }
    /// A walk given the kept listing reads only the folders whose entries changed (and new ones),
    /// takes every other folder's files from the listing, and finds what a walk of every folder
    /// finds: the same paths in the same order, the same folders with the same stamps.
    @Test(arguments: [("add deep down", ["sub/deeper"]), ("add at the top", [""]), ("remove", ["sub"]),
                      ("move to another folder", ["sub", "other"]), ("new folder with a file", ["sub", "sub/new"]),
                      ("folder removed", ["sub"]), ("folder renamed", ["sub", "sub/deep2"]),
                      ("folder replaced by a copy", ["sub", "sub/deeper"]), ("hidden file added", [""]),
                      ("name not ASCII", ["other"]), ("beside names not ASCII", ["sub/deeper"]),
                      ("top beside names not ASCII", [""]), ("nothing", []), ("edit in place", []),
                      ("source folder replaced", ["", "other", "sub", "sub/deeper"])])
    func onlyChangedFoldersAreRead(_ change: String, _ read: [String]) async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        try archive.write("other/x.txt", "date 2020-01-05 X-ray.\n")
        try archive.write("other/z.txt", "date 2020-01-06 Zulu.\n")
        // A listing not all ASCII is sorted as `String`s: its folders' files are found another way.
        if change.hasSuffix("beside names not ASCII") {
            try archive.write("sub/\u{F1}u.txt", "date 2020-01-07 \u{D1}u.\n")
            try archive.write("sub/deeper/\u{E9}t\u{E9}.txt", "date 2020-01-07 \u{C9}t\u{E9}.\n")
            try archive.write("\u{E0}.txt", "date 2020-01-07 \u{C0}.\n")
        }
        let (paths, folders, now) = try await settledListing(archive.source)
        #expect(KeptListing.write(paths, folders: folders, sawLink: false, source: archive.source.path, into: cacheFolder(archive), now: now))
        let fm = FileManager.default, src = archive.source
        switch change {
        case "add deep down", "beside names not ASCII": try archive.write("sub/deeper/y.txt", "date 2020-01-09 Yankee.\n")
        case "top beside names not ASCII": try archive.write("b.txt", "date 2020-01-09 Bravo.\n")
        case "add at the top": try archive.write("b.txt", "date 2020-01-09 Bravo.\n")
        case "remove": try fm.removeItem(at: src.appendingPathComponent("sub/b.md"))
        case "move to another folder": try fm.moveItem(at: src.appendingPathComponent("sub/b.md"), to: src.appendingPathComponent("other/b.md"))
        case "new folder with a file": try archive.write("sub/new/n.txt", "date 2020-01-09 November.\n")
        case "folder removed": try fm.removeItem(at: src.appendingPathComponent("sub/deeper"))
        case "folder renamed": try fm.moveItem(at: src.appendingPathComponent("sub/deeper"), to: src.appendingPathComponent("sub/deep2"))
        case "folder replaced by a copy":
            try fm.copyItem(at: src.appendingPathComponent("sub/deeper"), to: src.appendingPathComponent("sub/copy"))
            try fm.removeItem(at: src.appendingPathComponent("sub/deeper"))
            try fm.moveItem(at: src.appendingPathComponent("sub/copy"), to: src.appendingPathComponent("sub/deeper"))
        case "hidden file added": try archive.write(".x.txt", "date 2020-01-09 Hidden.\n")
        case "name not ASCII":
            try archive.write("other/\u{E9}cho.txt", "date 2020-01-09 \u{C9}cho.\n")
            try archive.write("other/e\u{301}t\u{E9}.txt", "date 2020-01-09 \u{C9}t\u{E9}.\n")
        case "nothing": break
        case "edit in place":
            let handle = try FileHandle(forWritingTo: src.appendingPathComponent("sub/b.md"))
            try handle.seekToEnd(); try handle.write(contentsOf: Data("More.\n".utf8)); try handle.close()
        case "source folder replaced":
            let copy = archive.root.appendingPathComponent("copy")
            try fm.copyItem(at: src, to: copy)
            try archive.write("other/w.txt", "date 2020-01-09 Whiskey.\n")
            try fm.removeItem(at: src); try fm.moveItem(at: copy, to: src)
        default: Issue.record("unknown change \(change)")
        }
        let kept = try #require(KeptListing.load(source: src.path, from: cacheFolder(archive)))
        let reused = try ArchiveLoader(sourceFolder: src).walk(reusing: kept)
        let full = try ArchiveLoader(sourceFolder: src).walk()
        #expect(Array(reused.paths) == Array(full.paths))
        #expect(reused.paths.hashes == full.paths.hashes)
        #expect(reused.folders.map(\.path).sorted() == full.folders.map(\.path).sorted())
        #expect(Dictionary(uniqueKeysWithValues: reused.folders.map { ($0.path, $0.stamp) })
                == Dictionary(uniqueKeysWithValues: full.folders.map { ($0.path, $0.stamp) }))
        #expect(reused.read == read.count, "read again: \(read)")
        #expect(!reused.sawLink)
    }

    /// A listing that met a link is taken whole while every folder has its stamp; once any
    /// changed, every folder is read (where a link leads changes with no folder changing).
    @Test func aListingWithALinkIsTakenWholeOrNotAtAll() async throws {
        let archive = try archiveWithFolders(); defer { archive.cleanup() }
        let elsewhere = archive.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try "date 2020-01-05 Echo.\n".write(to: elsewhere.appendingPathComponent("e.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: archive.source.appendingPathComponent("sub/linked"), withDestinationURL: elsewhere)
        let walked = try ArchiveLoader(sourceFolder: archive.source).walk()
        #expect(walked.sawLink)
        let (paths, folders, now) = try await settledListing(archive.source)
        #expect(KeptListing.write(paths, folders: folders, sawLink: true, source: archive.source.path, into: cacheFolder(archive), now: now))
        let kept = try #require(KeptListing.load(source: archive.source.path, from: cacheFolder(archive)))
        #expect(kept.sawLink)
        let whole = try ArchiveLoader(sourceFolder: archive.source).walk(reusing: kept)
        #expect(whole.read == 0 && whole.paths == paths)
        try archive.write("sub/deeper/y.txt", "date 2020-01-09 Yankee.\n")
        let again = try ArchiveLoader(sourceFolder: archive.source).walk(reusing: kept)
        #expect(again.read == again.folders.count && again.sawLink)
        #expect(Array(again.paths) == Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList()))
    }

    /// A build of an archive kept in folders, after an article is added to one of them, reads
    /// that folder alone, and gives what a full build gives.
    @Test func aBuildReadsOnlyTheFolderAddedTo() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("2020/07/extra.txt", "date 2020-07-01 A statement, said nobody.\n")
        try archive.write("2020/08/later.txt", "date 2020-08-01 A later statement, said somebody.\n")
        _ = try await settledListing(archive.source)
        _ = try await archive.build()
        _ = try await settledListing(archive.source)
        try archive.write("2020/08/latest.txt", "date 2020-08-02 The latest statement, said everybody.\n")
        let report = try await archive.build()
        #expect(report.incremental && report.articles == 6)
        #expect(report.timings.contains { $0.detail.contains("kept from the last build but for 1 of 4 folders, read again") },
                "\(report.timings.map(\.detail))")
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
    }

    /// A walk that read every folder keeps the order it read the files in; the listing file gives
    /// it back, and the next walk of the flat folder, an article added, puts the files in order
    /// from it (the guess taken, `PathList.split(following:)`) and finds what a fresh walk finds.
    @Test func theOrderTheWalkReadIsKeptAndTaken() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        for k in 0..<300 { try archive.write(String(format: "2020-01-%02d-story-%03d.txt", 1 + k % 28, k), "date 2020-01-01 Story \(k).\n") }
        let (_, _, now) = try await settledListing(archive.source)
        let walked = try ArchiveLoader(sourceFolder: archive.source).walk()
        let readOrder = try #require(walked.readOrder)
        let places = try #require(KeptListing.places(of: readOrder, in: walked.paths))
        #expect(places.count == 300 && Set(places).count == 300)
        #expect(KeptListing.write(walked.paths, readOrder: readOrder, folders: walked.folders, sawLink: false,
                                  source: archive.source.path, into: cacheFolder(archive), now: now))
        let kept = try #require(KeptListing.load(source: archive.source.path, from: cacheFolder(archive)))
        #expect(kept.withOrder { order in order.map { o in (0..<o.readCount).map { UInt32(o.place($0)) } } } == places)
        #expect(kept.withOrder { order in order.map { o in (0..<o.sortedCount).map(o.hash) } } == walked.paths.hashes)

        try archive.write("2020-01-15-story-new.txt", "date 2020-01-15 A new story.\n")
        var sawLink = false
        let read = try #require(FastFiles.listPaths(under: archive.source.path, followingLinks: true, sawLink: &sawLink,
                                                    keeping: ArticleParser.isArticlePath))
        #expect(kept.withOrder { $0.flatMap(read.split(following:)) }?.unplaced.count == 1, "the guess is taken")
        let again = try ArchiveLoader(sourceFolder: archive.source).walk(reusing: kept)
        let fresh = try ArchiveLoader(sourceFolder: archive.source).walk()
        #expect(again.paths == fresh.paths && again.paths.count == 301)
        #expect(again.readOrder == fresh.readOrder)

        // A listing kept without an order (a walk that took some folders from the last one) gives none.
        #expect(KeptListing.write(walked.paths, folders: walked.folders, sawLink: false,
                                  source: archive.source.path, into: cacheFolder(archive), now: now))
        #expect(KeptListing.load(source: archive.source.path, from: cacheFolder(archive))?.withOrder { $0 == nil } == true)
    }
}
