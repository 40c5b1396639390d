/// The word runs of one article that the shingle index keeps (winnowed),
/// sorted by hash then position: the article's share of the index, kept in
/// the build cache so that an incremental build can find which articles a
/// changed one shares runs with without re-reading them.
///
/// Runs made by this build are arrays; runs of an unchanged article are read
/// in place from the mapped cache file (three quarters of its bytes at 10,000
/// articles): copying them out cost every incremental build tens of megabytes
/// of fresh memory, faulted in page by page, for one pass over them.
public struct ArticleRuns: Sendable, Equatable {
    private enum Storage {
        case arrays([UInt64], [UInt32])
        /// Little-endian hashes, then positions, at these byte offsets of a shard's runs section.
        case mapped(ShardSection, hashes: Int, positions: Int)
    }
    private let storage: Storage
    public let count: Int

    public init(hashes: [UInt64] = [], positions: [UInt32] = []) {
        precondition(hashes.count == positions.count)
        storage = .arrays(hashes, positions); count = hashes.count
    }

    /// Runs left where they lie in a shard's runs section, which they keep mapped: read only
    /// after `isIntact` said the section is sound.
    init(section: ShardSection, hashes: Int, positions: Int, count: Int) {
        storage = .mapped(section, hashes: hashes, positions: positions); self.count = count
    }

    /// Whether the runs can be read: always for runs made by this build; for runs in a cache
    /// shard, whether its runs section is intact (checked on first ask).
    var isIntact: Bool {
        switch storage {
        case .arrays: return true
        case .mapped(let section, _, _): return section.isIntact
        }
    }

    public var hashes: [UInt64] {
        switch storage {
        case .arrays(let h, _): return h
        case .mapped: return withBytes { h, _ in (0..<count).map { Self.hash(h, $0) } }
        }
    }

    public var positions: [UInt32] {
        switch storage {
        case .arrays(_, let p): return p
        case .mapped: return withBytes { _, p in (0..<count).map { Self.position(p, $0) } }
        }
    }

    /// Calls `body` with the hashes (8 bytes each) and positions (4 bytes each), little-endian,
    /// not necessarily aligned: read them with `hash(_:_:)` and `position(_:_:)`.
    func withBytes<R>(_ body: (_ hashes: UnsafeRawBufferPointer, _ positions: UnsafeRawBufferPointer) -> R) -> R {
        switch storage {
        case .arrays(let h, let p):
            return h.withUnsafeBytes { hb in p.withUnsafeBytes { pb in body(hb, pb) } }
        case .mapped(let section, let h, let p):
            return withExtendedLifetime(section) {
                body(UnsafeRawBufferPointer(rebasing: section.file.bytes[h..<(h + count * 8)]),
                     UnsafeRawBufferPointer(rebasing: section.file.bytes[p..<(p + count * 4)]))
            }
        }
    }

    /// Writes the runs' count and their place in `section` (as an offset from its start) to
    /// `w`, and the runs themselves (hashes, then positions, little-endian) to `section`,
    /// straight from where they lie: an unchanged article's runs are copied from the mapped
    /// shard to the new one, never into arrays first.
    func encode(into w: inout ByteWriter, section: inout ByteWriter) {
        w.int(count); w.int(section.bytes.count)
        withBytes { h, p in section.plain(h); section.plain(p) }
    }

    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> UInt64 { bytes.number(i) }

    @inline(__always) static func position(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> UInt32 { bytes.number(i) }

    public static func == (a: ArticleRuns, b: ArticleRuns) -> Bool {
        a.count == b.count && a.hashes == b.hashes && a.positions == b.positions
    }

    static func of(_ text: TokenizedText, size: Int, window: Int) -> ArticleRuns {
        var pairs: [(UInt64, UInt32)] = []
        pairs.reserveCapacity(text.count * 2 / (window + 1) + 4)
        ShingleIndex.forEachRun(text, size, window: window) { h, p in pairs.append((h, UInt32(p))) }
        pairs.sort { $0 < $1 }
        return ArticleRuns(hashes: pairs.map(\.0), positions: pairs.map(\.1))
    }

    /// Word positions covered by runs whose hash is in `boilerplate` (runs too common
    /// to index): alignments are cut there, so a shared passage never runs on into a footer.
    func covered(by boilerplate: Set<UInt64>, runLength: Int) -> Set<Int> {
        var result = Set<Int>()
        guard !boilerplate.isEmpty else { return result }
        withBytes { h, p in
            for k in 0..<count where boilerplate.contains(Self.hash(h, k)) {
                let at = Int(Self.position(p, k)); result.formUnion(at..<(at + runLength))
            }
        }
        return result
    }
}
