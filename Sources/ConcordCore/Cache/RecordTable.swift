/// The build cache's article records, as the shards held them, found by path.
///
/// Records are kept in one array, in the order they were read, and found through a table
/// keyed by the 64-bit hash of their path (`PathHash`); every lookup checks the path itself,
/// so two paths with the same hash cost a re-read of one file, never the wrong record.
/// A dictionary keyed by the path strings took a hash and a compare of a string in scattered
/// memory per article, three times per build (load, scan, save): 100,000 times each at
/// 100,000 articles.
struct RecordTable: Sendable {
    /// Every record, in the order given.
    let records: [ArticleRecord]
    private let positions: HashPositions

    /// - Parameter pathHashes: each record's `pathHash`, in the same order, when the reader has
    ///   them at hand (nil: taken from the records, a visit to each of 100,000 scattered objects).
    init(_ records: [ArticleRecord] = [], pathHashes: [UInt64]? = nil) {
        precondition(pathHashes == nil || pathHashes!.count == records.count, "one path hash per record")
        self.records = records
        positions = HashPositions(pathHashes ?? records.map(\.pathHash))
    }

    var count: Int { records.count }

    /// The position in `records` of the record for `path`, if there is one.
    func position(of path: String) -> Int? {
        guard let i = positions.position(of: PathHash.of(path)), records[i].article.path == path else { return nil }
        return i
    }

    subscript(path: String) -> ArticleRecord? { position(of: path).map { records[$0] } }

    /// The position in `records` of the record whose path has this `PathHash`, if any.
    func position(ofPathHash hash: UInt64) -> Int? { positions.position(of: hash) }

    /// The same, looked for first right after `last`, the position found before
    /// (`HashPositions.position(of:after:)`): the files are listed in about the order of the records.
    func position(ofPathHash hash: UInt64, after last: inout Int) -> Int? { positions.position(of: hash, after: &last) }

    /// Whether no two records' paths have the same `PathHash` (else a record found by hash alone may be the other's).
    var pathHashesAreDistinct: Bool { positions.distinctCount == records.count }
}
