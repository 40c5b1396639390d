import Testing
@testable import ConcordCore

/// Kept pieces found by key in about the order they were written: every range given is
/// the earlier piece with that key, and a change of a few pieces loses none of the rest.
@Suite("Fragment matcher")
struct FragmentMatcherTests {
    /// Pieces with keys 1000, 1001, … laid end to end, 10 bytes each.
    static func fragments(_ count: Int) -> Fragments {
        Fragments(items: (0..<count).map { .init(key: UInt64(1000 + $0), start: 10 * $0, count: 10) })
    }

    static func range(of key: UInt64) -> Range<Int> { let i = Int(key) - 1000; return (10 * i)..<(10 * i + 10) }

    @Test func theSameKeysAreAllFound() {
        var m = FragmentMatcher(Self.fragments(500), fileSize: 5000)
        let keys = (0..<500).map { UInt64(1000 + $0) }
        #expect(m.ranges(of: keys) == keys.map { Self.range(of: $0) })
    }

    /// Pieces added (new keys), removed (a few in a row) and edited (a new key in place of an
    /// old one), as one article's change does to the lists: every other piece is found.
    @Test func aFewChangesLoseNoOtherPiece() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50 {
            var keys = (0..<400).map { UInt64(1000 + $0) }
            // Six changes, one in each stretch of 60 pieces, made from the last so places stay put.
            for stretch in (0..<6).reversed() {
                let at = stretch * 60 + Int(rng.next() % 40)
                switch rng.next() % 3 {
                case 0: keys.insert(9_000_000 + rng.next() % 1000, at: at)
                case 1: keys.removeSubrange(at..<(at + 1 + Int(rng.next() % UInt64(FragmentMatcher.window - 2))))
                default: keys[at] = 8_000_000 + rng.next() % 1000
                }
            }
            var m = FragmentMatcher(Self.fragments(400), fileSize: 4000)
            let found = m.ranges(of: keys)
            for (key, range) in zip(keys, found) {
                #expect(range == (key < 2000 ? Self.range(of: key) : nil), "key \(key)")
            }
        }
    }

    /// Pieces in another order: once many keys are missed near the cursor, a table finds the rest.
    @Test func reorderedPiecesAreFoundAfterEnoughMisses() {
        var m = FragmentMatcher(Self.fragments(300), fileSize: 3000)
        let keys = (0..<300).reversed().map { UInt64(1000 + $0) }
        let found = m.ranges(of: keys)
        let missed = FragmentMatcher.missesBeforeTable
        #expect(found.prefix(missed).allSatisfy { $0 == nil })
        #expect(Array(found.dropFirst(missed)) == keys.dropFirst(missed).map { Self.range(of: $0) })
    }

    /// A piece that does not lie inside the file (a damaged table) is never given, by cursor or table.
    @Test func piecesOutsideTheFileAreNotGiven() {
        var parts = Self.fragments(100)
        parts.items[3].count = 10_000
        parts.items[50].start = -5
        var m = FragmentMatcher(parts, fileSize: 1000)
        let keys = (0..<100).map { UInt64(1000 + $0) }
        let found = m.ranges(of: keys)
        #expect(found[3] == nil && found[50] == nil)
        #expect(found[4] == Self.range(of: 1004) && found[51] == Self.range(of: 1051))
        var reversed = FragmentMatcher(parts, fileSize: 1000)
        let back = reversed.ranges(of: Array(keys.reversed()))
        #expect(back[99 - 3] == nil && back[99 - 50] == nil)
    }
}
