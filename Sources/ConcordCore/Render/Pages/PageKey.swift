/// A 64-bit key of everything a page is made from: its template, title and
/// depth, and what its context is built from — for article, passage and
/// speaker pages and the index, digested straight from the model
/// (`PageContexts.articleKey` …: building 12,000 contexts only to hash them
/// cost a third of an incremental build); for the short list pages, the
/// context itself. Equal keys mean equal pages, so an incremental build
/// renders only pages whose key changed.
struct PageKey {
    /// A 64-bit word at a time (an xxHash64-style round, then a final avalanche):
    /// keys are digested for every page at every build, so byte-wise FNV cost too much.
    private var h: UInt64 = 0x27D4_EB2F_1656_67C5

    init(seed: UInt64) { add(seed) }

    var value: UInt64 {
        var x = h
        x ^= x >> 33; x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33; x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    @inline(__always) mutating func add(_ v: UInt64) {
        let a = h ^ (v &* 0xC2B2_AE3D_27D4_EB4F)
        h = ((a << 31) | (a >> 33)) &* 0x9E37_79B1_85EB_CA87 &+ 0x1656_67B1_9E37_79F9
    }
    private mutating func tag(_ t: UInt64) { add(t &+ 0xA5A5_0000) }

    mutating func add(_ d: ArticleDate) { add(d.number) }
    mutating func add(_ s: String) { add(StringDigest(s)) }

    /// What `add(_: String)` takes of a string, for one added to many keys: digested once.
    struct StringDigest {
        let count: UInt64, checksum: UInt64
        init(_ s: String) { count = UInt64(s.utf8.count); checksum = Checksum.of(s) }
        /// The digest of a string of `count` bytes whose checksum (`Checksum.of`) is known.
        init(count: UInt64, checksum: UInt64) { self.count = count; self.checksum = checksum }
    }

    /// Adds the string `digest` was made from.
    mutating func add(_ digest: StringDigest) { tag(1); add(digest.count); add(digest.checksum) }

    /// Adds a Mustache context value: strings, numbers, booleans, arrays and dictionaries (keys sorted).
    mutating func add(any value: Any) {
        switch value {
        case let s as String: add(s)
        case let i as Int: tag(2); add(UInt64(bitPattern: Int64(i)))
        case let b as Bool: tag(b ? 3 : 4)
        case let d as [String: Any]:
            tag(5); add(UInt64(d.count))
            for k in d.keys.sorted() { add(k); add(any: d[k]!) }
        case let a as [Any]:
            tag(6); add(UInt64(a.count))
            for v in a { add(any: v) }
        default:
            preconditionFailure("PageKey: unsupported context value \(type(of: value))")
        }
    }
}
