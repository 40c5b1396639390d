import Foundation
import Testing
@testable import ConcordCore

/// `concord add` keeps the listing its build took when nothing but its own files changed the
/// source folder's entries (`AddSession`, `FolderEntryWatch`):
/// the next add or build lists no folder. Any other change to the folder's entries while it
/// ran keeps nothing, and the next build lists the folder and finds it.
@Suite("Listing kept after an add", .enabled(if: FolderEntryWatch(folder: FileManager.default.temporaryDirectory.path) != nil,
                                               "inotify hears every change on the temporary folder's file system"))
struct ImportListingTests {
    let kept = KeptListingTests()

    func listingKept(_ report: BuildReport) -> Bool {
        report.timings.contains { $0.detail.contains("kept from the last build: no folder changed") }
    }

    /// The seeds, built once with their listing kept, as before a user's first `concord add`.
    func builtArchive() async throws -> TempArchive {
        let archive = try TempArchive()
        try archive.copySeeds()
        _ = try await kept.settledListing(archive.source)
        _ = try await archive.build()
        return archive
    }

    /// What `concord add` does (`AddSession`): the folder watched, listed, the file imported, the
    /// build given the listing; then `meanwhile` (another process's change) and, the folder's
    /// stamp settled, the listing kept or not. Whether it was kept.
    func add(_ archive: TempArchive, _ name: String = "later.txt", text: String = "date 2020-08-02 A later article, said somebody.\n",
             beside: [String: String] = [:], meanwhile: () throws -> Void = {}) async throws -> Bool {
        let session = AddSession(SiteBuilder(options: archive.options()))
        #expect(session.watch != nil && session.listed != nil)
        let given = archive.root.appendingPathComponent("incoming")
        try FileManager.default.createDirectory(at: given, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: given.appendingPathComponent(name))
        for (path, text) in beside {
            let url = given.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let outcome = try session.importFiles([given.appendingPathComponent(name)])
        #expect(outcome.added.count == 1)
        var options = archive.options()
        options.useArticles(listedBy: outcome)
        _ = try await SiteBuilder(options: options).build()
        try meanwhile()
        // (Judged by the system's clock: the folder's stamp a tick old, as after any build but the smallest.)
        try await Task.sleep(for: .milliseconds(30))
        return session.keepListing(after: outcome)
    }

    @Test func anAddKeepsTheListingItsBuildTook() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        // (An editor's swap file, hidden, changes no listing.)
        #expect(try await add(archive) { try archive.write(".later.txt.swp", "swap") })
        let cacheFolder = BuildCache(output: archive.output).folder.path
        let walked = Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList())
        #expect(try #require(kept.keptAsIs(archive.source.path, cacheFolder)?.paths).map { $0 } == walked)
        // A second add takes it (no folder read) and keeps its own.
        #expect(try await add(archive, "latest.txt", text: "date 2020-08-03 The latest article, said everybody.\n"))
        let report = try await archive.build()
        #expect(report.incremental && listingKept(report) && report.articles == 5)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
    }

    /// With no listing the cache keeps (one from another version, or none: the last build's
    /// folders were not settled), the add lists every folder, and keeps that listing.
    @Test func anAddWithNoListingKeptListsTheFolderAndKeepsIt() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let cacheFolder = BuildCache(output: archive.output).folder.path
        try FileManager.default.removeItem(atPath: cacheFolder + "/" + KeptListing.fileName)
        #expect(try await add(archive))
        let walked = Array(try ArchiveLoader(sourceFolder: archive.source).articlePathList())
        #expect(try #require(kept.keptAsIs(archive.source.path, cacheFolder)?.paths).map { $0 } == walked)
        let report = try await archive.build()
        #expect(report.incremental && listingKept(report) && report.articles == 4)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
    }

    /// Another process's change to the folder's entries while the add ran, even one made a tick
    /// before its end: nothing kept, and the next build lists the folder and finds the change.
    @Test(arguments: ["article added", "article removed", "article renamed", "folder made", "hidden file shown"])
    func aChangeNotItsOwnKeepsNothing(_ change: String) async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let seed = try #require(try FileManager.default.contentsOfDirectory(atPath: archive.source.path).sorted().first)
        let kept = try await add(archive) {
            let folder = archive.source
            switch change {
            case "article added": try archive.write("other.txt", "date 2020-09-01 Another process's article.\n")
            case "article removed": try FileManager.default.removeItem(at: folder.appendingPathComponent(seed))
            case "article renamed": try FileManager.default.moveItem(at: folder.appendingPathComponent(seed), to: folder.appendingPathComponent("renamed-" + seed))
            case "folder made": try archive.write("2020/other.txt", "date 2020-09-01 Another process's article.\n")
            default:
                try archive.write(".draft.txt", "date 2020-09-01 A draft, hidden until now.\n")
                try FileManager.default.moveItem(at: folder.appendingPathComponent(".draft.txt"), to: folder.appendingPathComponent("draft.txt"))
            }
        }
        #expect(!kept, "\(change)")
        let report = try await archive.build()
        #expect(report.incremental && !listingKept(report))
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
    }

    /// Files an added article links to, copied beside it, may make folders: nothing is kept.
    @Test func notKeptWhenLinkedFilesCameWithIt() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let kept = try await add(archive, "pictured.md", text: "---\ntitle: Bridge\ndate: 2020-08-02\n---\nA bridge.\n\n![The bridge](photos/bridge.png)\n",
                                 beside: ["photos/bridge.png": "PNG"])
        #expect(!kept)
        #expect(FileManager.default.fileExists(atPath: archive.source.appendingPathComponent("photos/bridge.png").path))
    }
}

@Suite("Folder entry watch")
struct FolderEntryWatchTests {
    @Test func reportsEveryNameMadeRemovedOrRenamedAndNothingElse() throws {
        let archive = try TempArchive(files: ["a.txt": "date 2020-01-01 A.\n"]); defer { archive.cleanup() }
        let watch = try #require(FolderEntryWatch(folder: archive.source.path))
        #expect(watch.changedNames() == [])
        // An edit in place changes no entry.
        let handle = try FileHandle(forWritingTo: archive.source.appendingPathComponent("a.txt"))
        try handle.seekToEnd(); try handle.write(contentsOf: Data("More.\n".utf8)); try handle.close()
        #expect(watch.changedNames() == [])
        try archive.write("b.txt", "date 2020-01-02 B.\n")
        try FileManager.default.moveItem(at: archive.source.appendingPathComponent("a.txt"), to: archive.source.appendingPathComponent("c.txt"))
        try archive.write("sub/d.txt", "date 2020-01-03 D.\n")
        try archive.write("sub/e.txt", "date 2020-01-04 E.\n")    // (below: not an entry of the folder)
        #expect(watch.changedNames() == ["b.txt", "a.txt", "c.txt", "sub"])
    }

    @Test func cannotTellOnceTheFolderIsGone() throws {
        let archive = try TempArchive(files: ["a.txt": "date 2020-01-01 A.\n"]); defer { archive.cleanup() }
        let watch = try #require(FolderEntryWatch(folder: archive.source.path))
        try FileManager.default.moveItem(at: archive.source, to: archive.root.appendingPathComponent("moved"))
        #expect(watch.changedNames() == nil)
    }

    @Test func knowsTheFileSystemOfAPath() throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        let type = try #require(FolderEntryWatch.fileSystemType(of: archive.source.path))
        #expect(type == FolderEntryWatch.fileSystemType(of: archive.root.path))
        #expect(FolderEntryWatch.fileSystemType(of: "/proc/self") == "proc")
        #expect(FolderEntryWatch(folder: "/proc/self") == nil, "not a file system whose changes all go through inotify")
        #expect(FolderEntryWatch.fileSystemType(of: archive.root.appendingPathComponent("missing").path) == nil)
    }
}
