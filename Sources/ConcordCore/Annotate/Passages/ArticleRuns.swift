/// The word runs of one article that the shingle index keeps (winnowed),
/// sorted by hash then position: the article's share of the index, kept in
/// the build cache so that an incremental build can find which articles a
/// changed one shares runs with without re-reading them.
public struct ArticleRuns: Sendable, Equatable {
    public var hashes: [UInt64]
    public var positions: [UInt32]

    public init(hashes: [UInt64] = [], positions: [UInt32] = []) { self.hashes = hashes; self.positions = positions }

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
        for k in hashes.indices where boilerplate.contains(hashes[k]) {
            let p = Int(positions[k]); result.formUnion(p..<(p + runLength))
        }
        return result
    }
}
