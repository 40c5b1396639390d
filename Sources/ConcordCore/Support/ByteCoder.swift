import Foundation

/// A little-endian binary writer for the build cache: fixed-width integers,
/// length-prefixed strings and arrays. Much faster than Codable for the
/// hundreds of thousands of small values a cache of a large archive holds.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    mutating func raw(_ b: some Collection<UInt8>) { int(b.count); bytes.append(contentsOf: b) }
    /// Bytes as they are, without a count (a file header, an array already little-endian).
    mutating func plain(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }
    mutating func string(_ s: String) { raw(s.utf8) }
    mutating func optionalString(_ s: String?) { bool(s != nil); if let s { string(s) } }
    mutating func strings(_ list: [String]) { int(list.count); for s in list { string(s) } }
    mutating func range(_ r: Range<Int>) { int(r.lowerBound); int(r.upperBound) }
    /// What `body` writes, after the count of its bytes (`ByteReader.inPlace(UInt8.self)` steps over it).
    mutating func counted(_ body: (inout ByteWriter) -> Void) {
        let at = bytes.count
        int(0)
        body(&self)
        let n = UInt64(bytes.count - at - 8).littleEndian
        withUnsafeBytes(of: n) { bytes.replaceSubrange(at..<(at + 8), with: $0) }
    }
    /// 64-bit numbers (`UInt64`s, or `Int`s: a listing's starts, with no array of `UInt64`s made
    /// first), their count first, where they lie; read back by `u64s()`.
    mutating func u64s<T: FixedWidthInteger>(_ list: [T]) {
        precondition(T.bitWidth == 64, "64-bit numbers")
        int(list.count)
        list.withUnsafeBytes { bytes.append(contentsOf: $0) }   // little-endian machines only (checked in the header)
    }
    /// `count` 32-bit numbers as `fill` sets them (all 0 before), without a count, written where
    /// they go: a `u32` each, the 2.6 million numbers of 260,000 segments took 25–30 ms; made in
    /// an array of their own first, then copied, they touched 10 MB of fresh memory twice.
    mutating func u32s(count: Int, _ fill: (Slots<UInt32>) -> Void) { numbers(count: count, fill) }
    /// The same for 64-bit numbers.
    mutating func u64s(count: Int, _ fill: (Slots<UInt64>) -> Void) { numbers(count: count, fill) }

    /// Numbers set by position in a writer's bytes (little-endian, at any alignment).
    struct Slots<T: FixedWidthInteger> {
        fileprivate let base: UnsafeMutableRawPointer
        let count: Int
        subscript(i: Int) -> T {
            get { precondition(i >= 0 && i < count); return T(littleEndian: base.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)) }
            nonmutating set { precondition(i >= 0 && i < count); base.storeBytes(of: newValue.littleEndian, toByteOffset: i * MemoryLayout<T>.size, as: T.self) }
        }
    }

    private mutating func numbers<T: FixedWidthInteger>(count: Int, _ fill: (Slots<T>) -> Void) {
        let at = bytes.count, size = count * MemoryLayout<T>.size
        guard size > 0 else { return }
        bytes.append(contentsOf: repeatElement(0, count: size))
        bytes.withUnsafeMutableBytes { fill(Slots<T>(base: $0.baseAddress! + at, count: count)) }
    }
}

/// Calls `body` with the bytes of all of `pieces` at once, where they lie, each held (a nested
/// `withUnsafeBytes`) until `body` returns: a file written from pieces with one `writev`, or
/// compared with them, without their being joined first.
func withBytes<R>(of pieces: [any ContiguousBytes], _ body: ([UnsafeRawBufferPointer]) -> R) -> R {
    func held(from k: Int, _ taken: [UnsafeRawBufferPointer]) -> R {
        guard k < pieces.count else { return body(taken) }
        return pieces[k].withUnsafeBytes { held(from: k + 1, taken + [$0]) }
    }
    return held(from: 0, [])
}

extension UnsafeRawBufferPointer {
    /// The `i`th of the little-endian numbers these bytes hold one after another, at any
    /// alignment: numbers a cache file keeps (`ByteWriter.u32s/u64s(count:_:)`), read where
    /// they lie (`ByteReader.u32sInPlace`). Not bounds-checked.
    @inline(__always) func number<T: FixedWidthInteger>(_ i: Int, as: T.Type = T.self) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: i &* MemoryLayout<T>.size, as: T.self))
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and throws on
/// truncated or malformed input, so a damaged cache is an error, never a crash.
struct ByteReader: @unchecked Sendable {   // reads only; `file` keeps its bytes mapped
    struct Malformed: Error {}

    /// Keeps `bytes` mapped (nil: the caller does, `init(unowned:)`).
    private let file: FastFiles.Mapped?
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    /// Reading stops here (the trailing checksum is not data).
    private let end: Int

    init(_ file: FastFiles.Mapped, offset: Int = 0, end: Int? = nil) {
        self.file = file; bytes = file.bytes
        self.offset = offset; self.end = min(end ?? bytes.count, bytes.count)
    }

    /// A reader of `bytes`, which the caller keeps valid while reading: no reference is
    /// retained (for a pass reading 100,000 records' parts, each from a file many share).
    /// `inPlace` cannot be used on it.
    init(unowned bytes: UnsafeRawBufferPointer) {
        file = nil; self.bytes = bytes; offset = 0; end = bytes.count
    }

    var atEnd: Bool { offset == end }

    private mutating func take(_ n: Int) throws(Malformed) -> Range<Int> {
        guard n >= 0, n <= end - offset else { throw Malformed() }
        defer { offset += n }
        return offset..<(offset + n)
    }

    mutating func u8() throws(Malformed) -> UInt8 { bytes[try take(1).lowerBound] }
    mutating func u32() throws(Malformed) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4).lowerBound, as: UInt32.self))
    }
    mutating func u64() throws(Malformed) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8).lowerBound, as: UInt64.self))
    }
    mutating func int() throws(Malformed) -> Int { Int(Int64(bitPattern: try u64())) }
    mutating func count(max: Int = 1 << 31) throws(Malformed) -> Int {
        let n = try int()
        guard n >= 0, n <= max else { throw Malformed() }
        return n
    }
    mutating func bool() throws(Malformed) -> Bool {
        switch try u8() { case 0: return false; case 1: return true; default: throw Malformed() }
    }
    mutating func string() throws(Malformed) -> String {
        let r = try take(try count())
        // The file's checksum has been checked: the bytes are what `ByteWriter` wrote, valid UTF-8.
        let slice = UnsafeRawBufferPointer(rebasing: bytes[r])
        return String(decoding: slice.bindMemory(to: UInt8.self), as: UTF8.self)
    }
    mutating func optionalString() throws(Malformed) -> String? { try bool() ? try string() : nil }
    /// What `string` reads, left where it lies (valid while the reader's file is mapped): for
    /// a string only compared, never kept.
    mutating func stringBytes() throws(Malformed) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[try take(try count())])
    }
    mutating func strings() throws(Malformed) -> [String] {
        let n = try count()
        var out: [String] = []; out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
    /// Steps over what `string`, `strings` and `optionalString` read, without making strings.
    mutating func skipString() throws(Malformed) { _ = try take(try count()) }
    mutating func skipStrings() throws(Malformed) { for _ in 0..<(try count()) { try skipString() } }
    mutating func skipOptionalString() throws(Malformed) { if try bool() { try skipString() } }
    mutating func range() throws(Malformed) -> Range<Int> {
        let lo = try int(), hi = try int()
        guard lo <= hi else { throw Malformed() }
        return lo..<hi
    }
    mutating func u64s() throws(Malformed) -> [UInt64] { try values(UInt64.self, count: try count()) }
    mutating func u32s() throws(Malformed) -> [UInt32] { try values(UInt32.self, count: try count()) }
    /// `count` numbers as `ByteWriter.u32s(count:_:)` wrote them (no count before them), left
    /// where they lie (valid while the reader's file is mapped): for numbers turned into
    /// something else as they are read, not copied into an array of their own first.
    mutating func u32sInPlace(count n: Int) throws(Malformed) -> UnsafeRawBufferPointer {
        guard n >= 0, n <= Int(Int32.max) else { throw Malformed() }
        return UnsafeRawBufferPointer(rebasing: bytes[try take(n * 4)])
    }

    /// A counted array of fixed-width integers left where it lies: the mapped file
    /// (which the caller keeps to keep it mapped), the array's byte offset in it, its count.
    mutating func inPlace<T: FixedWidthInteger>(_: T.Type) throws(Malformed) -> (file: FastFiles.Mapped, offset: Int, count: Int) {
        precondition(file != nil, "a reader of a mapped file")
        let n = try count()
        return (file!, try take(n * MemoryLayout<T>.size).lowerBound, n)
    }

    /// `n` values as they lay in memory (`CacheValue`), copied in one move into an array with
    /// room for `capacity` (at least `n`).
    mutating func values<T: CacheValue>(_: T.Type, count n: Int, capacity: Int = 0) throws(Malformed) -> [T] {
        guard n >= 0, n <= Int(Int32.max) else { throw Malformed() }
        let r = try take(n * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: Swift.max(n, capacity)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[r]))
            initialized = n
        }
    }
}

/// A fast 64-bit checksum of bytes (four multiply–rotate lanes, 32 bytes a
/// step): detects a truncated or overwritten cache file, and tells whether a
/// page or article changed. Not cryptographic; the same in every process.
enum Checksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        // In one go (most sums are of short strings, for page keys): the steps, then the
        // tail where it lies, not through the stream's buffer.
        var stream = Stream()
        let whole = bytes.count & ~31
        if whole > 0 { stream.steps(bytes.baseAddress!, whole) }
        return stream.finish(total: bytes.count, tail: UnsafeRawBufferPointer(rebasing: bytes[whole...]))
    }

    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }
    static func of(_ string: String) -> UInt64 {
        // Native strings are read in place; only others (bridged, small) are copied first.
        if let sum = string.utf8.withContiguousStorageIfAvailable({ of(UnsafeRawBufferPointer($0)) }) { return sum }
        var s = string
        return s.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    /// The checksum of bytes given in pieces: `value` is `of` their concatenation, so a
    /// file written from pieces (`SplicedBytes`) is summed without being joined first.
    struct Stream {
        private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        private var v1 = p1 &+ p2, v2 = p2, v3: UInt64 = 0, v4 = 0 &- p1
        /// Bytes not yet in a 32-byte step (fewer than 32), and the bytes added in all.
        private var tail: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var tailCount = 0, total = 0

        @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
            var a = acc &+ input &* p2
            a = (a << 31) | (a >> 33)
            return a &* p1
        }

        @inline(__always) private mutating func step(_ p: UnsafeRawPointer) {
            v1 = Self.round(v1, p.loadUnaligned(as: UInt64.self))
            v2 = Self.round(v2, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            v3 = Self.round(v3, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            v4 = Self.round(v4, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }

        /// Adds a number's 8 bytes, little-endian.
        mutating func add(number: UInt64) { withUnsafeBytes(of: number.littleEndian) { add($0) } }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            guard n > 0, let base = bytes.baseAddress else { return }
            total += n
            var i = 0
            if tailCount > 0 {
                let take = min(32 - tailCount, n)
                withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.advanced(by: tailCount).copyMemory(from: base, byteCount: take) }
                tailCount += take; i = take
                guard tailCount == 32 else { return }
                var block = tail
                withUnsafeBytes(of: &block) { step($0.baseAddress!) }
                tailCount = 0
            }
            let whole = (n - i) & ~31
            if whole > 0 { steps(base + i, whole); i += whole }
            if i < n {
                withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.copyMemory(from: base + i, byteCount: n - i) }
                tailCount = n - i
            }
        }

        /// The 32-byte steps over `count` bytes (a multiple of 32) at `p`, total not counted.
        @inline(__always) fileprivate mutating func steps(_ p: UnsafeRawPointer, _ count: Int) {
            var i = 0
            while i < count { step(p + i); i += 32 }
        }

        /// The sum of `total` bytes, the last of which (fewer than 32) are `tail`.
        @inline(__always) fileprivate func finish(total: Int, tail: UnsafeRawBufferPointer) -> UInt64 {
            var h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = h &+ UInt64(total)
            for b in tail { h = Self.round(h, UInt64(b)) }
            h ^= h >> 33; h = h &* Self.p2; h ^= h >> 29; h = h &* Self.p1; h ^= h >> 32
            return h
        }

        var value: UInt64 {
            var rest = tail
            return withUnsafeBytes(of: &rest) { finish(total: total, tail: UnsafeRawBufferPointer(rebasing: $0[0..<tailCount])) }
        }
    }
}
