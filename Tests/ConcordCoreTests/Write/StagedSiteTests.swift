import Foundation
import Testing
@testable import ConcordCore

/// The files a build stages (`StagedSite`): every one recorded; written only where the staging
/// folder does not hold those bytes, as the cache knows (`held`) or as read there.
@Suite("Staged site")
struct StagedSiteTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concord-staged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func read(_ root: URL, _ path: String) -> String? {
        FastFiles.read(root.path + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// With what the folder holds known: a file held with these bytes is not written (even
    /// where the folder's copy differs: the cache is trusted), one held with others or not held is.
    @Test func heldFilesAreNotWrittenAgain() throws {
        let root = try folder(); defer { try? FileManager.default.removeItem(at: root) }
        let same = Array("same bytes".utf8), old = Array("old bytes".utf8)
        let held = FileTable(hashes: [PathHash.of("a.html"), PathHash.of("b.html")].sorted(),
                             entries: [PathHash.of("a.html"), PathHash.of("b.html")].sorted().map {
                                 $0 == PathHash.of("a.html") ? .init(key: 1, checksum: Checksum.of(same)) : .init(key: 2, checksum: Checksum.of(old))
                             })
        try "stale copy".write(to: root.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        let site = StagedSite(writer: StagingWriter(root: root), held: held, capacity: 3)
        site.put("a.html", key: 10, same)                       // held with these bytes: not written
        site.put("b.html", key: 20, Array("new bytes".utf8))    // held with others: written
        site.put("sub/c.html", key: 30, Array("fresh".utf8))    // not held: written, its folder made
        #expect(site.writer.fileCount == 2)
        #expect(read(root, "a.html") == "stale copy", "trusted, not read")
        #expect(read(root, "b.html") == "new bytes" && read(root, "sub/c.html") == "fresh")
        let table = site.files.table
        #expect(table.count == 3)
        #expect(table[PathHash.of("a.html")] == .init(key: 10, checksum: Checksum.of(same)))
        #expect(table[PathHash.of("sub/c.html")] == .init(key: 30, checksum: Checksum.of(Array("fresh".utf8))))
    }

    /// Without: each file is compared with the folder's copy, and written only if it differs.
    @Test func unknownFilesAreComparedWithTheFolders() throws {
        let root = try folder(); defer { try? FileManager.default.removeItem(at: root) }
        try "kept".write(to: root.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        try "before".write(to: root.appendingPathComponent("b.html"), atomically: true, encoding: .utf8)
        let site = StagedSite(writer: StagingWriter(root: root), held: nil, capacity: 2)
        site.put("a.html", key: 1, Array("kept".utf8))
        site.put("b.html", key: 2, Array("after".utf8))
        #expect(site.writer.fileCount == 1)
        #expect(read(root, "a.html") == "kept" && read(root, "b.html") == "after")
        #expect(site.files.table.count == 2)
    }
}
