import Foundation
import Testing
@testable import ConcordCore

/// Runs an incremental build reads in place from a mapped cache file must be the runs written there.
@Suite("Article runs")
struct ArticleRunsTests {
    static let hashes: [UInt64] = [3, 0xFFFF_0000_1234_5678, 1 << 63, 42, 7]
    static let positions: [UInt32] = [0, 9, 17, 40, 4_000_000_000]

    /// Writes the runs into a runs section after one byte (off 8-byte alignment, as in a real
    /// shard), maps the file and returns the runs read in place: nothing but the runs keeps the
    /// file mapped. `damage` changes the file's bytes (offsets in the section) before it is mapped.
    func writtenAndReadBack(_ runs: ArticleRuns, damage: [Int] = []) throws -> ArticleRuns {
        var w = ByteWriter(), section = ByteWriter()
        section.u8(9)                       // the section's first byte: the runs lie after it
        runs.encode(into: &w, section: &section)
        var file = [UInt8(1)] + section.bytes
        let sum = Checksum.of(section.bytes)
        for k in damage { file[1 + k] ^= 0x40 }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString).bin")
        try Data(file).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let mapped = try #require(FastFiles.Mapped(url.path))
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        #expect(try r.u8() == 1)
        let record = w.bytes
        let count = Int(record.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let offset = Int(record.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) })
        #expect(record.count == 16 && offset == 1)
        let start = 1 + offset
        return ArticleRuns(section: ShardSection(file: mapped, range: 1..<file.count, checksum: sum),
                           hashes: start, positions: start + 8 * count, count: count)
    }

    @Test func aDamagedShardSectionIsNotIntact() throws {
        let written = ArticleRuns(hashes: Self.hashes, positions: Self.positions)
        #expect(try writtenAndReadBack(written).isIntact)
        #expect(written.isIntact)
        #expect(try !writtenAndReadBack(written, damage: [3]).isIntact)
        #expect(try !writtenAndReadBack(written, damage: [0]).isIntact)   // a byte no run lies in
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
