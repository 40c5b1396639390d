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
}
