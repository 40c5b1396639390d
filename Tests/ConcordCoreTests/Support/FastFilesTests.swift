import Foundation
import Testing
@testable import ConcordCore

@Suite("Fast file calls")
struct FastFilesTests {
    /// `holds` answers as reading the file and comparing would, for files equal, shorter,
    /// longer, differing in one byte (first, middle, last), empty, and missing.
    @Test func holdsAnswersAsReadingAndComparing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-holds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = Array("<p>Kim said “hello”.</p>\n".utf8) + Array(repeating: 0x61, count: 5000)
        var files: [[UInt8]] = [page, [], Array(page.dropLast()), page + [0x0A], [0x3C]]
        for k in [0, page.count / 2, page.count - 1] { var other = page; other[k] ^= 1; files.append(other) }
        let expected: [[UInt8]] = [page, [], [0x3C], Array(page.dropLast())]
        var answers = 0
        for (n, contents) in files.enumerated() {
            let path = folder.appendingPathComponent("f\(n)").path
            try Data(contents).write(to: URL(fileURLWithPath: path))
            for bytes in expected {
                let held = bytes.withUnsafeBytes { FastFiles.holds(path, $0) }
                #expect(held == (FastFiles.read(path) == bytes), "file \(n), \(bytes.count) bytes")
                if held { answers += 1 }
            }
        }
        #expect(answers == 4)
        #expect(!page.withUnsafeBytes { FastFiles.holds(folder.appendingPathComponent("missing").path, $0) })
    }

    /// `read` gives a file's bytes whatever `fstat` says its size is: exact sizes (0, 1, a
    /// page, more), and a file that says 0 but holds more (as /proc files do; /sys files say 4096).
    @Test func readGivesEveryByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4096, 5001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let read = FastFiles.read(path)
            #expect(read == bytes, "\(size) bytes")
            // Read in one buffer of about its size: a file as large as `fstat` said was once
            // read into a buffer grown to twice that, kept with the article's bytes.
            #expect((read?.capacity ?? 0) <= size + 32, "\(size) bytes kept in \(read?.capacity ?? 0)")
        }
        let status = try #require(FastFiles.read("/proc/self/status"))
        #expect(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        #expect(FastFiles.read(folder.appendingPathComponent("missing").path) == nil)
    }

    /// `replace` puts the new file in place and leaves no other: over a file (whose reader,
    /// holding it open, still reads the old bytes), and where there was none.
    @Test func replacePutsTheNewFileInPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-replace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("listing.bin").path, temp = path + ".tmp-1"
        try Data("old listing".utf8).write(to: URL(fileURLWithPath: path))
        let reader = open(path, O_RDONLY)
        defer { close(reader) }
        try Data("new listing".utf8).write(to: URL(fileURLWithPath: temp))
        #expect(FastFiles.replace(path, with: temp))
        #expect(FastFiles.read(path) == Array("new listing".utf8))
        var held = [UInt8](repeating: 0, count: 32)
        let n = held.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
        #expect(Array(held.prefix(max(0, n))) == Array("old listing".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["listing.bin"])
        // Nothing to exchange with: renamed.
        let other = folder.appendingPathComponent("state.bin").path
        try Data("first".utf8).write(to: URL(fileURLWithPath: other + ".tmp"))
        #expect(FastFiles.replace(other, with: other + ".tmp"))
        #expect(FastFiles.read(other) == Array("first".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["listing.bin", "state.bin"])
        // No new file: false, and the file stays.
        #expect(!FastFiles.replace(other, with: other + ".missing"))
        #expect(FastFiles.read(other) == Array("first".utf8))
        // A folder in the way is not exchanged with, nor replaced: false, and both stay.
        let folderInTheWay = folder.appendingPathComponent("rows.bin").path
        try FileManager.default.createDirectory(atPath: folderInTheWay, withIntermediateDirectories: false)
        try Data("rows".utf8).write(to: URL(fileURLWithPath: folderInTheWay + ".tmp"))
        #expect(!FastFiles.replace(folderInTheWay, with: folderInTheWay + ".tmp"))
        #expect(FastFiles.isFolder(folderInTheWay))
        #expect(FastFiles.read(folderInTheWay + ".tmp") == Array("rows".utf8))
    }

    /// Writing while sparing links replaces a file that has other hard links (they keep their
    /// bytes) and writes a file with one link in place (same inode), shorter or longer.
    @Test func writeSparesOtherLinks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("live").path, staged = folder.appendingPathComponent("staged").path
        try Data("the live page, as built".utf8).write(to: URL(fileURLWithPath: live))
        #expect(link(live, staged) == 0)
        func inode(_ path: String) -> UInt64 { var st = stat(); _ = stat(path, &st); return UInt64(st.st_ino) }
        for text in ["new", "a much longer new page than the one before"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { FastFiles.write($0, to: staged, sparingLinks: true) } == 0)
            #expect(FastFiles.read(staged) == bytes)
            #expect(FastFiles.read(live) == Array("the live page, as built".utf8), "the other link keeps its bytes")
        }
        // With one link left, the file is written in place: shorter, then longer.
        let own = inode(staged)
        #expect(own != inode(live))
        for text in ["x", "a longer page again, written in place"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { FastFiles.write($0, to: staged, sparingLinks: true) } == 0)
            #expect(FastFiles.read(staged) == bytes)
            #expect(inode(staged) == own)
        }
    }

    /// Listing follows links (a folder kept elsewhere is part of the archive) but passes over a
    /// link back to a folder being walked, and lists a link that leads nowhere (its reader
    /// reports it). Not following, links are entries of their own and never gone into.
    @Test func listingFollowsLinksButNotInCircles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-list-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let top = root.appendingPathComponent("top"), elsewhere = root.appendingPathComponent("elsewhere")
        for folder in [top.appendingPathComponent("sub"), elsewhere] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for file in ["top/a.txt", "top/sub/b.txt", "elsewhere/c.txt"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(file))
        }
        let links = ["top/self": ".", "top/sub/up": "..", "top/linked": "../elsewhere", "top/gone.txt": "nowhere.txt"]
        for (link, target) in links { #expect(symlink(target, root.appendingPathComponent(link).path) == 0) }
        let followed = try #require(FastFiles.listFiles(under: top.path)).sorted()
        #expect(followed == ["a.txt", "gone.txt", "linked/c.txt", "sub/b.txt"])
        let notFollowed = try #require(FastFiles.listFiles(under: top.path, followingLinks: false)).sorted()
        #expect(notFollowed == ["a.txt", "gone.txt", "linked", "self", "sub/b.txt", "sub/up"])
    }

    /// A link where a file is written is replaced by the file, never written through (it may
    /// lead out of the output folder), and holds no bytes of the site.
    @Test func writingReplacesALinkAndNeverWritesThroughIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-wlink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("outside.html").path
        let page = Array("<p>the page</p>".utf8)
        for sparing in [false, true] {
            try Data(page).write(to: URL(fileURLWithPath: outside))
            let path = folder.appendingPathComponent("page-\(sparing).html").path
            #expect(symlink(outside, path) == 0)
            #expect(!page.withUnsafeBytes { FastFiles.holds(path, $0) }, "a link holds no page")
            let written = Array("<p>the new page</p>".utf8)
            #expect(written.withUnsafeBytes { FastFiles.write($0, to: path, sparingLinks: sparing) } == 0)
            #expect(FastFiles.read(outside) == page, "written through the link (sparing links: \(sparing))")
            var st = stat()
            #expect(lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
            #expect(FastFiles.read(path) == written)
        }
    }

    /// The folders `concord serve` watches: subfolders and links to folders, not files, links to
    /// files, links to nothing or hidden folders.
    @Test func subfoldersAreFoldersAndLinksToThem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["sub", ".hidden", "elsewhere"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("top/" + folder), withIntermediateDirectories: true)
        }
        try Data("date 2020-01-01 A.\n".utf8).write(to: root.appendingPathComponent("top/a.txt"))
        for (link, target) in ["linked": "elsewhere", "file-link": "a.txt", "dangling": "nowhere"] {
            #expect(symlink(target, root.appendingPathComponent("top/" + link).path) == 0)
        }
        let top = root.appendingPathComponent("top").path
        #expect(FastFiles.subfolders(of: top).sorted() == ["elsewhere", "linked", "sub"].map { top + "/" + $0 })
        #expect(FastFiles.subfolders(of: root.appendingPathComponent("missing").path).isEmpty)
    }
}
