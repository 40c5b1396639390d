import Foundation
import Testing
@testable import ConcordCore

/// Values a cache file keeps as their memory (`CacheValue`): their layouts are the cache's
/// format, so each is pinned here number by number, and arrays of them read back whole.
@Suite("Cache values")
struct CacheValueTests {
    /// The numbers `value`'s memory holds, as `T`s.
    static func numbers<V, T: FixedWidthInteger>(of value: V, as: T.Type) -> [T] {
        [value].withUnsafeBytes { raw in (0..<raw.count / MemoryLayout<T>.size).map { raw.number($0, as: T.self) } }
    }

    /// A segment whose memory is `numbers` (as a cache file holds it), checked or not.
    static func edge(_ numbers: [UInt32]) -> WitnessClusterer.Edge {
        precondition(numbers.count == 10)
        return numbers.withUnsafeBytes { $0.loadUnaligned(as: WitnessClusterer.Edge.self) }
    }

    @Test func aSegmentIsItsTenNumbersInOrder() {
        let e = WitnessClusterer.Edge(a: 0, aTokens: 0...3, aBytes: 10..<4_000_000_000, b: 2, bTokens: 7...9, bBytes: 100..<200)
        #expect(MemoryLayout<WitnessClusterer.Edge>.size == 40 && MemoryLayout<WitnessClusterer.Edge>.stride == 40)
        // Both articles, the four token bounds, the four byte bounds.
        #expect(Self.numbers(of: e, as: UInt32.self) == [0, 2, 0, 3, 7, 9, 10, 4_000_000_000, 100, 200])
        #expect(Self.edge([0, 2, 0, 3, 7, 9, 10, 4_000_000_000, 100, 200]) == e)
    }

    @Test func aFileEntryIsItsKeyThenItsChecksum() {
        #expect(MemoryLayout<BuildState.FileEntry>.size == 16 && MemoryLayout<BuildState.FileEntry>.stride == 16)
        #expect(Self.numbers(of: BuildState.FileEntry(key: 5, checksum: 6), as: UInt64.self) == [5, 6])
    }

    @Test func aFragmentIsItsKeyStartCountAndChecksum() {
        #expect(MemoryLayout<Fragments.Item>.size == 32 && MemoryLayout<Fragments.Item>.stride == 32)
        let item = Fragments.Item(key: 9, start: 1 << 40, count: 77, checksum: .max)
        #expect(Self.numbers(of: item, as: UInt64.self) == [9, 1 << 40, 77, .max])
    }

    /// An array read back whole is the one written, with the room asked for; one cut short, or
    /// of a count past what positions hold, is damage.
    @Test func valuesComeBackWholeWithRoom() throws {
        let entries = (0..<100).map { BuildState.FileEntry(key: UInt64($0), checksum: UInt64($0) * 31) }
        var w = ByteWriter()
        w.append([.values(entries)])
        #expect(w.bytes.count == 16 * entries.count)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("values-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(w.bytes).write(to: url)
        let file = try #require(FastFiles.Mapped(url.path))
        var r = ByteReader(file)
        let back = try r.values(BuildState.FileEntry.self, count: 100, capacity: 500)
        #expect(back == entries && back.capacity >= 500 && r.atEnd)
        var empty = ByteReader(file)
        #expect(try empty.values(BuildState.FileEntry.self, count: 0).isEmpty)
        var short = ByteReader(file)
        #expect(throws: ByteReader.Malformed.self) { try short.values(BuildState.FileEntry.self, count: 101) }
        var huge = ByteReader(file)
        #expect(throws: ByteReader.Malformed.self) { try huge.values(UInt32.self, count: Int(Int32.max) + 1) }
    }
}
