/// The files of a site by path hash (`PathHash`): for each, the key of what it was made from and
/// the checksum of its bytes. The hashes are found through `HashPositions` (they are already
/// well mixed), and `state.bin` keeps the hashes and the entries as two blocks of numbers, read
/// back as they lie.
///
/// These were dictionaries. At 100,000 articles (112,000 files) a build filled three of them
/// (the last build's files, the previous generation's, this build's) and looked up 340,000
/// entries, each key hashed again with SipHash: about 60 ms of CPU at every incremental build
/// (`perf`), about half of that since.
struct FileTable: Sendable, Equatable {
    /// The files' path hashes (`positions.hashes`, each once) and, at the same positions, their entries.
    private let positions: HashPositions
    private let entries: [BuildState.FileEntry]

    /// A table of no files.
    init() { (positions, entries) = (HashPositions([]), []) }

    /// The table of these files. A hash given more than once keeps its last entry (as a
    /// dictionary written in that order would).
    init(hashes: [UInt64], entries: [BuildState.FileEntry]) {
        precondition(hashes.count == entries.count, "one entry per hash")
        let positions = HashPositions(hashes)
        if positions.distinctCount == hashes.count {
            (self.positions, self.entries) = (positions, entries)
        } else {
            // (Only a build's own record can repeat a path: an asset named like a page.)
            let last = hashes.indices.filter { positions.position(of: hashes[$0]) == $0 }
            (self.positions, self.entries) = (HashPositions(last.map { hashes[$0] }), last.map { entries[$0] })
        }
    }

    /// How many files.
    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// The entry of the file whose path has `hash`, or nil.
    subscript(hash: UInt64) -> BuildState.FileEntry? { positions.position(of: hash).map { entries[$0] } }

    func contains(_ hash: UInt64) -> Bool { positions.position(of: hash) != nil }

    /// The entry of the file whose path has `hash`, or nil, looked for first right after
    /// `last`, the position of the file found before (`HashPositions.position(of:after:)`):
    /// a build looks its pages up in about the order the last build recorded them.
    func entry(_ hash: UInt64, after last: inout Int) -> BuildState.FileEntry? {
        positions.position(of: hash, after: &last).map { entries[$0] }
    }

    /// Whether the file whose path has `hash` is in the table, looked for as `entry(_:after:)` does.
    func contains(_ hash: UInt64, after last: inout Int) -> Bool { entry(hash, after: &last) != nil }

    /// Calls `body` with each file's hash and entry, in the table's order.
    func forEach(_ body: (UInt64, BuildState.FileEntry) -> Void) {
        for (hash, entry) in zip(positions.hashes, entries) { body(hash, entry) }
    }

    /// The same files with the same entries, in any order.
    static func == (a: FileTable, b: FileTable) -> Bool {
        a.count == b.count && zip(a.positions.hashes, a.entries).allSatisfy { b[$0] == $1 }
    }

    /// The count of files, their hashes, then each one's key and checksum (`BuildState`'s file
    /// sections), in the table's own order (sorting 24,000 paths at every build cost more than
    /// writing them), as pieces: the hashes and the entries where they lie (`CacheValue`; each
    /// table is 2.7 MB at 100,000 articles, and a build writes two).
    func pieces() -> [CachePiece] {
        var head = ByteWriter(capacity: 8)
        head.int(count)
        return [.bytes(head.bytes), .values(positions.hashes), .values(entries)]
    }

    /// The bytes of `pieces`.
    func encode(into w: inout ByteWriter) { w.append(pieces()) }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> FileTable {
        let hashes = try r.u64s()
        guard hashes.count < Int(Int32.max) else { throw .init() }     // (positions in 32 bits)
        return FileTable(hashes: hashes, entries: try r.values(BuildState.FileEntry.self, count: hashes.count))
    }

    /// Files recorded from any thread, in any order, made into a table at the end (`table`): of
    /// a path recorded more than once, the last record counts (the file last written there).
    final class Recorder: Sendable {
        private let files: Locked<(hashes: [UInt64], entries: [BuildState.FileEntry])>

        /// Room for `capacity` files, so that the tables are not copied as they grow.
        init(capacity: Int) {
            var hashes: [UInt64] = [], entries: [BuildState.FileEntry] = []
            hashes.reserveCapacity(capacity); entries.reserveCapacity(capacity)
            files = Locked((hashes, entries))
        }

        func record(_ hash: UInt64, _ entry: BuildState.FileEntry) {
            files.withLock { $0.hashes.append(hash); $0.entries.append(entry) }
        }

        /// Calls `body`, which records through the function it is given, under the lock once
        /// (the 112,000 pages an incremental build keeps as they were, at 100,000 articles).
        func recordAll(_ body: ((UInt64, BuildState.FileEntry) -> Void) -> Void) {
            files.withLock { files in body { files.hashes.append($0); files.entries.append($1) } }
        }

        /// What was recorded, as a table.
        var table: FileTable { files.withLock { FileTable(hashes: $0.hashes, entries: $0.entries) } }
    }
}
