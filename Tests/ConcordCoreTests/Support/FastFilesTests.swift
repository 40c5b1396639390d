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
}
