import Foundation
import Testing
@testable import ConcordCore

/// Runs an incremental build reads in place from a mapped cache file must be the runs written there.
@Suite("Article runs")
struct ArticleRunsTests {
    static let hashes: [UInt64] = [3, 0xFFFF_0000_1234_5678, 1 << 63, 42, 7]
    static let positions: [UInt32] = [0, 9, 17, 40, 4_000_000_000]

    /// Writes the runs after one byte (off 8-byte alignment, as in a real shard), maps the
    /// file and returns the runs read in place: nothing but the runs keeps the file mapped.
    func writtenAndReadBack(_ runs: ArticleRuns) throws -> ArticleRuns {
        var w = ByteWriter()
        w.u8(1)
        runs.encode(into: &w)
        w.u8(2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString).bin")
        try Data(w.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        #expect(try r.u8() == 1)
        let h = try r.inPlace(UInt64.self), p = try r.inPlace(UInt32.self)
        #expect(try r.u8() == 2)
        #expect(r.atEnd)
        return ArticleRuns(mapped: h.file, hashes: h.offset, positions: p.offset, count: h.count)
    }

    @Test func runsReadInPlaceAreTheRunsWritten() throws {
        let written = ArticleRuns(hashes: Self.hashes, positions: Self.positions)
        let read = try writtenAndReadBack(written)
        #expect(read.count == 5)
        #expect(read.hashes == Self.hashes)
        #expect(read.positions == Self.positions)
        #expect(read == written)
        #expect(read.covered(by: [42, 1 << 63], runLength: 3) == Set([17, 18, 19, 40, 41, 42]))
        #expect(read.covered(by: [7], runLength: 2) == written.covered(by: [7], runLength: 2))
        read.withBytes { h, p in
            #expect(ArticleRuns.hash(h, 1) == 0xFFFF_0000_1234_5678)
            #expect(ArticleRuns.position(p, 4) == 4_000_000_000)
        }
        // Runs read in place are written to the next cache from where they lie: the same runs again.
        let again = try writtenAndReadBack(read)
        #expect(again == written)
    }

    @Test func emptyRunsReadInPlace() throws {
        let read = try writtenAndReadBack(ArticleRuns())
        #expect(read.count == 0)
        #expect(read == ArticleRuns())
        #expect(read.covered(by: [1], runLength: 3).isEmpty)
    }

    @Test func runsThatDifferAreNotEqual() {
        let a = ArticleRuns(hashes: [1, 2], positions: [0, 5])
        #expect(a != ArticleRuns(hashes: [1, 2], positions: [0, 6]))
        #expect(a != ArticleRuns(hashes: [1, 3], positions: [0, 5]))
        #expect(a != ArticleRuns(hashes: [1], positions: [0]))
    }
}
