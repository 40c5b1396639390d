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
}
