import Testing
@testable import ConcordCore

@Suite("Sorted position")
struct SortedPositionTests {
    /// The first position not less than the value, as a linear scan finds it: in empty arrays,
    /// with repeats, before the first, after the last.
    @Test func findsWhereAValueIsOrWouldGo() {
        var rng = SplitMix64(seed: 5)
        for size in [0, 1, 2, 7, 64] {
            let sorted = (0..<size).map { _ in rng.next() % 20 }.sorted()
            for value in UInt64(0)...21 {
                #expect(sorted.sortedPosition(of: value) == (sorted.firstIndex { $0 >= value } ?? sorted.count), "\(sorted) \(value)")
            }
        }
    }
}
