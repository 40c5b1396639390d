/// Positions in a list of 64-bit hashes that are already well mixed (path hashes), found by
/// hash: open addressing over a power-of-two table at most half full, holding positions only
/// (the keys are the list's own entries).
///
/// A `[UInt64: Int32]` hashes every key again (SipHash) and keeps keys and values apart:
/// filling one from 100,000 records took 20 ms on one core at every incremental build.
struct HashPositions: Sendable {
    /// The hashes, by position.
    let hashes: [UInt64]
    /// Each slot's position plus one; 0: empty.
    private let slots: [Int32]
    private let mask: Int
    /// How many distinct hashes there are.
    let distinctCount: Int

    /// Of hashes given more than once, the last position is found (as a dictionary filled in order keeps it).
    init(_ hashes: [UInt64]) {
        precondition(hashes.count < Int(Int32.max), "positions fit in 32 bits")
        var size = 16
        while size < hashes.count * 2 { size <<= 1 }
        let mask = size - 1
        var slots = [Int32](repeating: 0, count: size)
        var distinct = 0
        slots.withUnsafeMutableBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                for (i, h) in hashes.enumerated() {
                    var s = Self.home(h, mask)
                    while slots[s] != 0 && hashes[Int(slots[s]) - 1] != h { s = (s + 1) & mask }
                    if slots[s] == 0 { distinct += 1 }
                    slots[s] = Int32(i + 1)
                }
            }
        }
        self.hashes = hashes; self.slots = slots; self.mask = mask; distinctCount = distinct
    }

    @inline(__always) private static func home(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The position of `hash`, as `position(of:)` gives it, looked for first right after `last`
    /// (the position found before, -1 at first), which is then set to it. Hashes looked up in
    /// about the order `hashes` holds them (a build's pages, its files, as the last build had
    /// them) are found there, in memory read in order, without a probe: a probe reads `slots`
    /// and `hashes` at places scattered over 2 MB at 100,000 articles, each a cache miss.
    /// (Where a hash is given more than once, always by a probe, which finds the last.)
    func position(of hash: UInt64, after last: inout Int) -> Int? {
        let next = last + 1
        if distinctCount == hashes.count && next >= 0 && next < hashes.count && hashes[next] == hash { last = next; return next }
        guard let p = position(of: hash) else { return nil }
        last = p
        return p
    }

    /// The position of `hash` in `hashes` (the last one, if it is there more than once), or nil.
    func position(of hash: UInt64) -> Int? {
        var s = Self.home(hash, mask)
        while true {
            let p = Int(slots[s])
            if p == 0 { return nil }
            if hashes[p - 1] == hash { return p - 1 }
            s = (s + 1) & mask
        }
    }
}
