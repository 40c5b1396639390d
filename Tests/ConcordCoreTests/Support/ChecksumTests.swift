import Testing
@testable import ConcordCore

@Suite("Checksum")
struct ChecksumTests {
    /// The checksum as one pass over the bytes computed it before `Checksum.Stream` (kept
    /// here as the reference: caches and page tables hold its values).
    static func reference(_ bytes: [UInt8]) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
            var a = acc &+ input &* p2
            a = (a << 31) | (a >> 33)
            return a &* p1
        }
        func word(_ i: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[i + $1]) << (8 * $1) } }
        var v1 = p1 &+ p2, v2 = p2, v3: UInt64 = 0, v4 = 0 &- p1
        var i = 0
        while i + 32 <= bytes.count {
            v1 = round(v1, word(i)); v2 = round(v2, word(i + 8)); v3 = round(v3, word(i + 16)); v4 = round(v4, word(i + 24))
            i += 32
        }
        var h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
        h = h &+ UInt64(bytes.count)
        while i < bytes.count { h = round(h, UInt64(bytes[i])); i += 1 }
        h ^= h >> 33; h = h &* p2; h ^= h >> 29; h = h &* p1; h ^= h >> 32
        return h
    }

    /// Bytes of every length up to a few blocks, given whole and cut into pieces of every
    /// size pattern (empty pieces, pieces inside a 32-byte step, across steps): the same
    /// sum as the reference.
    @Test func piecesSumAsTheWhole() {
        var rng = SplitMix64(seed: 7)
        for length in [0, 1, 7, 31, 32, 33, 63, 64, 65, 100, 257, 1000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let expected = Self.reference(bytes)
            #expect(Checksum.of(bytes) == expected, "\(length) bytes whole")
            for _ in 0..<20 {
                var stream = Checksum.Stream()
                var at = 0
                while at < length {
                    let size = min(length - at, Int(rng.next() % 40))
                    bytes[at..<(at + size)].withUnsafeBytes { stream.add($0) }
                    at += size
                }
                #expect(stream.value == expected, "\(length) bytes in pieces")
            }
        }
    }
}
