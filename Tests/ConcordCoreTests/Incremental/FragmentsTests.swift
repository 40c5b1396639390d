import Foundation
import Testing
@testable import ConcordCore

@Suite("Fragments")
struct FragmentsTests {
    /// The bytes are the count, then each item's key, start and count as 64-bit numbers, as the
    /// cache has always kept them (its format is the same): they come back as they were, and
    /// bytes cut short are refused.
    @Test(arguments: [0, 1, 7, 3000])
    func comeBackFromTheirBytesLaidOutAsBefore(count: Int) throws {
        var rng = SplitMix64(seed: UInt64(count) + 3)
        let fragments = Fragments(items: (0..<count).map { _ in
            .init(key: rng.next(), start: Int(rng.next() % (1 << 40)), count: Int(rng.next() % 100_000))
        })
        var w = ByteWriter()
        fragments.encode(into: &w)
        var expected = ByteWriter()
        expected.int(count)
        for item in fragments.items { expected.u64(item.key); expected.int(item.start); expected.int(item.count) }
        #expect(w.bytes == expected.bytes)

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
}
