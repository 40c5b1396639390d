/// The build cache's run index as a build finds it: the index file (`RunIndex`), and what
/// changed since it was written, which the next build reads from the cache's body.
///
/// The file is written whole only by a full build and when what changed since grows past
/// `rewriteAfter` articles: an add at 100,000 articles writes a few kilobytes here, not
/// the 462 MB file.
struct RunIndexState: Sendable {
    /// The index file (in the cache folder) and its seal; nil: none (the next build reads every
    /// article's runs, and writes one).
    var file: (name: String, seal: UInt64)?
    /// The path hashes of the file's articles since removed or changed, sorted.
    var gone: [UInt64] = []
    /// The runs of articles added or changed since the file was written, sorted by path hash.
    var added: [(pathHash: UInt64, runs: ArticleRuns)] = []

    /// Articles changed since the file was written past which a build writes it anew: a
    /// sixty-fourth of the archive (at least 64). The runs of those added are kept in the
    /// cache's body, about 4.6 KB an article, written at every build.
    static func rewriteAfter(articles: Int) -> Int { max(64, articles / 64) }

    func encode(into w: inout ByteWriter) {
        w.u64s(gone)
        w.int(added.count)
        for (hash, runs) in added {
            w.u64(hash)
            w.u64s(runs.hashes)
            w.int(runs.count); runs.withBytes { _, p in w.plain(p) }
        }
    }

    mutating func decode(from r: inout ByteReader) throws(ByteReader.Malformed) {
        gone = try r.u64s()
        added = []
        for _ in 0..<(try r.count()) {
            let hash = try r.u64(), hashes = try r.u64s(), positions = try r.u32s()
            guard hashes.count == positions.count else { throw .init() }
            added.append((hash, ArticleRuns(hashes: hashes, positions: positions)))
        }
        guard zip(gone, gone.dropFirst()).allSatisfy({ $0 < $1 }),
              zip(added, added.dropFirst()).allSatisfy({ $0.pathHash < $1.pathHash }) else { throw .init() }
    }
}
