/// FNV-1a, 64 bit: a hash that is the same in every process (Swift's `Hasher` is seeded per run),
/// for ids that must not change between builds.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    }

    public mutating func combine(_ string: String) { combine(string.utf8) }

    @inline(__always)
    public mutating func combine(byte b: UInt8) { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }

    public static func hex(_ string: String, digits: Int = 12) -> String {
        var h = StableHash(); h.combine(string)
        return h.hex(digits: digits)
    }

    public func hex(digits: Int = 12) -> String {
        let s = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - s.count)) + s
        return String(padded.prefix(digits))
    }
}
