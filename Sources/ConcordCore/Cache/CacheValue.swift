/// A value a cache file keeps as its memory: fixed-width numbers in the order they are
/// declared, no padding, little-endian as every array a cache file holds (`ByteWriter.u64s`,
/// the header's mark). An array of them is written where it lies (`CachePiece.values`) and read
/// back by one copy (`ByteReader.values`): at 100,000 articles the segments (10 MB), the file
/// tables (2.7 MB each) and where the spliced files' pieces lie (9 MB) were encoded into copies
/// and read back number by number at every build. The layouts, which are the format, are
/// pinned by `CacheValueTests`.
protocol CacheValue: Sendable {}

extension UInt64: CacheValue {}
extension UInt32: CacheValue {}
extension BuildState.FileEntry: CacheValue {}
extension Fragments.Item: CacheValue {}

/// A segment is kept as its ten 32-bit numbers: both articles, the four token bounds, the four
/// byte bounds.
extension WitnessClusterer.Edge: CacheValue {
    /// Whether the segment could have been written by a build of `articles` articles: both
    /// articles among them, each range's bounds in order (what is checked of one read back).
    func isWellFormed(articles: Int) -> Bool {
        let (a, t, r) = parts
        return Int(a.0) < articles && Int(a.1) < articles && t.0 <= t.1 && t.2 <= t.3 && r.0 <= r.1 && r.2 <= r.3
    }
}

/// An array of `CacheValue`s, as a piece of a cache file holds it.
protocol CacheValues: Sendable {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: CacheValues where Element: CacheValue {}
