import Testing
@testable import ConcordCore

@Suite("Hash positions")
struct HashPositionsTests {
    /// Every hash is found at its position (the last, for one given twice), hashes not given are
    /// not found, and 0 is a hash like any other; distinct hashes are counted.
    @Test func findsEachHashAtItsLastPosition() {
        var rng = SplitMix64(seed: 17)
        var hashes = (0..<5000).map { _ in rng.next() }
        hashes[10] = 0
        hashes[4000] = hashes[20]           // given twice: found at 4000
        hashes.append(hashes[30])           // and again at the end
        let table = HashPositions(hashes)
        var last: [UInt64: Int] = [:]
        for (i, h) in hashes.enumerated() { last[h] = i }
        for h in hashes { #expect(table.position(of: h) == last[h]) }
        #expect(table.position(of: 0) == 10)
        #expect(table.position(of: hashes[20]) == 4000 && table.position(of: hashes[30]) == 5000)
        #expect(table.distinctCount == last.count && last.count == hashes.count - 2)
        for _ in 0..<1000 { let h = rng.next(); #expect(table.position(of: h) == last[h]) }
        #expect(HashPositions([]).position(of: 0) == nil && HashPositions([]).distinctCount == 0)
    }

    /// Hashes that agree in the bits a slot is chosen by still find their own positions.
    @Test func hashesSharingASlotAreToldApart() {
        let hashes = (0..<200).map { UInt64($0) << 40 }      // the same low bits
        let table = HashPositions(hashes)
        for (i, h) in hashes.enumerated() { #expect(table.position(of: h) == i) }
        #expect(table.position(of: 200 << 40) == nil)
    }

    /// Looked for after the last position found, a hash is found where `position(of:)` finds
    /// it, in order and not: next in line without a probe, and, among hashes given more than
    /// once, at the last of its positions even when an earlier one is next in line.
    @Test func findsHashesAfterTheLastPositionFound() {
        var rng = SplitMix64(seed: 23)
        let distinct = (0..<2000).map { _ in rng.next() }
        for hashes in [distinct, distinct + [distinct[100]]] {
            let table = HashPositions(hashes)
            for order in [Array(hashes.indices), hashes.indices.reversed(), hashes.indices.shuffled(using: &rng)] {
                var last = -1
                for i in order {
                    let found = table.position(of: hashes[i], after: &last)
                    #expect(found == table.position(of: hashes[i]) && last == found)
                }
            }
            var last = 99
            #expect(table.position(of: distinct[100], after: &last) == (hashes.count > distinct.count ? 2000 : 100))
            var missed = 5
            #expect(table.position(of: rng.next(), after: &missed) == nil && missed == 5)
        }
    }
}
