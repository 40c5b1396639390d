import Foundation
import Testing
@testable import ConcordCore

@Suite("Fragments")
struct FragmentsTests {
    /// The bytes are the count, then each item's key, start, count and checksum as 64-bit
    /// numbers (the checksum since the cache's format 42): they come back as they were, and
    /// bytes cut short are refused.
    @Test(arguments: [0, 1, 7, 3000])
    func comeBackFromTheirBytesLaidOutAsBefore(count: Int) throws {
        var rng = SplitMix64(seed: UInt64(count) + 3)
        let fragments = Fragments(items: (0..<count).map { _ in
            .init(key: rng.next(), start: Int(rng.next() % (1 << 40)), count: Int(rng.next() % 100_000), checksum: rng.next())
        })
        var w = ByteWriter()
        fragments.encode(into: &w)
        var expected = ByteWriter()
        expected.int(count)
        for item in fragments.items { expected.u64(item.key); expected.int(item.start); expected.int(item.count); expected.u64(item.checksum) }
        #expect(w.bytes == expected.bytes)
        #expect(w.bytes.count == fragments.encodedSize, "what the cache's writers are sized by")

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fragments-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        // A number after them, which decoding must leave where it is.
        w.u64(42)
        try Data(w.bytes).write(to: url)
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        #expect(try Fragments.decode(from: &r) == fragments)
        #expect(try r.u64() == 42 && r.atEnd)
        if count > 0 {
            try Data(w.bytes.dropLast(9)).write(to: url)
            var short = ByteReader(try #require(FastFiles.Mapped(url.path)))
            #expect(throws: ByteReader.Malformed.self) { try Fragments.decode(from: &short) }
        }
    }

    /// A file's checksum by its pieces: the sums of each stretch and each piece, in order, and
    /// the size. Any byte changed, or a piece placed otherwise, changes it; pieces out of order
    /// or past the end give none.
    @Test func checksumByPiecesSeesEveryByteAndEveryBoundary() throws {
        let bytes = Array("[\n  {a},\n  {bb},\n  {c}\n]".utf8)
        func items(_ places: [(Int, Int)]) -> [Fragments.Item] { places.map { .init(key: 0, start: $0.0, count: $0.1) } }
        let pieces = items([(4, 3), (12, 4), (21, 3)])
        let sum = try #require(bytes.withUnsafeBytes { Fragments.checksum(of: $0, items: pieces) })
        var expected = Checksum.Stream()
        for r in [0..<4, 4..<7, 7..<12, 12..<16, 16..<21, 21..<24, 24..<bytes.count] { expected.add(number: Checksum.of(Array(bytes[r]))) }
        expected.add(number: UInt64(bytes.count))
        #expect(sum == expected.value)
        for k in bytes.indices {
            var changed = bytes
            changed[k] ^= 1
            #expect(changed.withUnsafeBytes { Fragments.checksum(of: $0, items: pieces) } != sum, "byte \(k)")
        }
        #expect(bytes.withUnsafeBytes { Fragments.checksum(of: $0, items: items([(4, 3), (12, 3), (21, 3)])) } != sum)
        #expect(bytes.withUnsafeBytes { Fragments.checksum(of: $0, items: items([(12, 4), (4, 3)])) } == nil)
        #expect(bytes.withUnsafeBytes { Fragments.checksum(of: $0, items: items([(24, 10)])) } == nil)
        #expect(bytes.withUnsafeBytes { Fragments.checksum(of: $0, items: []) } != Checksum.of(bytes), "a file with no pieces is summed its own way")
    }
}
