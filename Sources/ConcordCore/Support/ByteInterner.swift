import Foundation

/// Numbers distinct byte strings (each with a one-byte tag) in the order first given, found by
/// their bytes where they lie: no `String` made nor hashed with `Hasher` but for a new one.
///
/// For the names and cues of a million quotes decoded from the cache at every build: a table
/// of `String`s made a string and hashed it for every quote whose speaker was not the one
/// before's.
struct ByteInterner {
    /// Every string's bytes, one after the other: string `n`'s are `bytes[offsets[n]..<offsets[n + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private(set) var tags: [UInt8] = []
    private var hashes: [UInt64] = []
    /// Open addressing: each slot a string's number, or -1.
    private var slots = [Int32](repeating: -1, count: 64)
    /// The number given last: most strings asked for are the one before's.
    private var last: Int32 = -1

    var count: Int { tags.count }

    /// String `n`.
    func string(_ n: Int) -> String { String(decoding: bytes[offsets[n]..<offsets[n + 1]], as: UTF8.self) }

    /// The number of these bytes with this tag, given one if new.
    mutating func number(of key: UnsafeRawBufferPointer, tag: UInt8 = 0) -> Int32 {
        if last >= 0, matches(Int(last), key, tag) { return last }
        let hash = Self.hash(key, tag: tag)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] >= 0 {
            let n = Int(slots[i])
            if hashes[n] == hash, matches(n, key, tag) { last = Int32(n); return last }
            i = (i + 1) & mask
        }
        let n = Int32(count)
        bytes.append(contentsOf: key); offsets.append(bytes.count); tags.append(tag); hashes.append(hash)
        slots[i] = n
        if count * 2 > slots.count { grow() }
        last = n
        return n
    }

    mutating func number(of string: String, tag: UInt8 = 0) -> Int32 {
        var string = string
        return string.withUTF8 { number(of: UnsafeRawBufferPointer($0), tag: tag) }
    }

    /// A quick hash of a short key, eight bytes at a time (`Checksum.of` is made for long ones:
    /// it was a third of the time of decoding a million quotes).
    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer, tag: UInt8) -> UInt64 {
        var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count) ^ UInt64(tag) << 56
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ UInt64(littleEndian: key.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        while i < key.count { tail = tail << 8 | UInt64(key[i]); i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ h >> 29
    }

    private func matches(_ n: Int, _ key: UnsafeRawBufferPointer, _ tag: UInt8) -> Bool {
        let lo = offsets[n], hi = offsets[n + 1]
        guard tags[n] == tag, hi - lo == key.count else { return false }
        return key.isEmpty || bytes.withUnsafeBytes { memcmp($0.baseAddress! + lo, key.baseAddress!, key.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for n in hashes.indices {
            var i = Int(truncatingIfNeeded: hashes[n]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(n)
        }
    }
}
