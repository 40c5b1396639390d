import Foundation
import Testing
@testable import ConcordCore

@Suite("Parallel map")
struct ParallelMapTests {
    final class Tracked: @unchecked Sendable {
        static let alive = Locked(0)
        let value: Int
        init(_ value: Int) { self.value = value; Self.alive.withLock { $0 += 1 } }
        deinit { Self.alive.withLock { $0 -= 1 } }
    }

    @Test func keepsOrderAndReleasesItsResults() {
        let before = Tracked.alive.withLock { $0 }
        do {
            let out = ParallelMap.map(Array(0..<1000), chunk: 7) { Tracked($0 * 2) }
            #expect(out.map(\.value) == (0..<1000).map { $0 * 2 })
            #expect(Tracked.alive.withLock { $0 } == before + 1000)
        }
        // Once the caller drops the results, nothing else holds them.
        #expect(Tracked.alive.withLock { $0 } == before)
    }

    /// A failing index is found wherever it lies: in the first chunk, on a boundary between
    /// chunks, in the last; and none fails in an empty range.
    @Test func allSatisfyChecksEveryIndex() {
        #expect(ParallelMap.allSatisfy(0, chunk: 4) { _ in false })
        #expect(ParallelMap.allSatisfy(1000, chunk: 7) { $0 < 1000 })
        for failing in [0, 6, 7, 8, 500, 999] {
            #expect(!ParallelMap.allSatisfy(1000, chunk: 7) { $0 != failing }, "\(failing)")
        }
    }

    /// Sorted in halves and merged: the order of a stable sort (ties in the order given), whichever
    /// half holds the last items, and under the minimum in one go.
    @Test func sortedInHalvesIsAStableSort() {
        var rng = SplitMix64(seed: 31)
        for count in [0, 1, 3, 2047, 2048, 6001] {
            let items = (0..<count).map { (key: rng.next(50), place: $0) }
            for given in [items, items.reversed()] {
                let expected = given.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.place)
                #expect(ParallelMap.sortedInHalves(given) { $0.key < $1.key }.map(\.place) == expected, "\(count)")
                #expect(ParallelMap.sortedInHalves(given, minimum: .max) { $0.key < $1.key }.map(\.place) == expected, "\(count)")
            }
        }
    }

    /// Mapped by chunks with a state: one result per index, in order; each chunk's state made
    /// from its own first index and handed on within the chunk alone (chunks larger than the
    /// count, none, and counts that do not divide).
    @Test func chunksHandTheirStateFromIndexToIndex() {
        for (count, chunk) in [(0, 4), (1, 4), (10, 100), (1000, 7), (1024, 512)] {
            let out = ParallelMap.map(count: count, chunk: chunk, state: { [$0] }) { seen, i -> [Int] in
                seen.append(i); return seen
            }
            #expect(out.count == count, "\(count)")
            for (i, seen) in out.enumerated() {
                let start = i / chunk * chunk
                #expect(seen == [start] + Array(start...i), "\(count) \(chunk) \(i)")
            }
        }
    }
}
