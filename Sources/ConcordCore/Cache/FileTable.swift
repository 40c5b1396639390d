/// The files of a site by path hash (`PathHash`): for each, the key of what it was made from and
/// the checksum of its bytes. Kept as rows of three numbers (hash, key, checksum), as `state.bin`
/// holds them, and found through an open-addressing index over the rows (the hashes are already
/// well mixed: see `HashPositions`).
///
/// These were dictionaries. At 100,000 articles (112,000 files) a build filled three of them
/// (the last build's files, the previous generation's, this build's) and looked up 340,000
/// entries, each key hashed again with SipHash: about 60 ms of CPU at every incremental build
/// (`perf`), now 18 ms of lookups here.
struct FileTable: Sendable, Equatable {
    /// Hash, key and checksum of each file, in no particular order; each hash once.
    private(set) var rows: [UInt64]
    /// Each slot's row plus one; 0: empty. A power of two, at most half full.
    private let slots: [Int32]
    private let mask: Int

    /// A table of no files.
    init() { self.init(rows: []) }

    /// The table of `rows` (hash, key, checksum each). A hash given more than once takes its last
    /// row's key and checksum (as a dictionary written in that order would) in its first row's place.
    init(rows: [UInt64]) {
        precondition(rows.count % 3 == 0 && rows.count / 3 < Int(Int32.max), "rows of three, positions in 32 bits")
        var rows = rows
        let n = rows.count / 3
        var size = 16
        while size < n * 2 { size <<= 1 }
        let mask = size - 1
        var slots = [Int32](repeating: 0, count: size)
        var distinct = 0
        rows.withUnsafeMutableBufferPointer { r in
            slots.withUnsafeMutableBufferPointer { slots in
                for i in 0..<n {
                    let h = r[3 * i]
                    var s = Self.home(h, mask)
                    while slots[s] != 0 && r[3 * (Int(slots[s]) - 1)] != h { s = (s + 1) & mask }
                    // Rows move down over those given again (none, in a table `state.bin` held).
                    let at = slots[s] == 0 ? distinct : Int(slots[s]) - 1
                    if slots[s] == 0 { distinct += 1; slots[s] = Int32(distinct) }
                    if at != i { r[3 * at] = h; r[3 * at + 1] = r[3 * i + 1]; r[3 * at + 2] = r[3 * i + 2] }
                }
            }
        }
        if distinct < n { rows.removeLast(3 * (n - distinct)) }
        self.rows = rows; self.slots = slots; self.mask = mask
    }

    @inline(__always) private static func home(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// How many files.
    var count: Int { rows.count / 3 }
    var isEmpty: Bool { rows.isEmpty }

    /// The row of `hash`, or nil.
    private func row(of hash: UInt64) -> Int? {
        rows.withUnsafeBufferPointer { rows in
            slots.withUnsafeBufferPointer { slots in
                var s = Self.home(hash, mask)
                while true {
                    let p = Int(slots[s])
                    if p == 0 { return nil }
                    if rows[3 * (p - 1)] == hash { return p - 1 }
                    s = (s + 1) & mask
                }
            }
        }
    }

    /// The entry of the file whose path has `hash`, or nil.
    subscript(hash: UInt64) -> BuildState.FileEntry? {
        row(of: hash).map { BuildState.FileEntry(key: rows[3 * $0 + 1], checksum: rows[3 * $0 + 2]) }
    }

    func contains(_ hash: UInt64) -> Bool { row(of: hash) != nil }

    /// Calls `body` with each file's hash and entry, in the table's order.
    func forEach(_ body: (UInt64, BuildState.FileEntry) -> Void) {
        for i in 0..<count { body(rows[3 * i], .init(key: rows[3 * i + 1], checksum: rows[3 * i + 2])) }
    }

    /// The same files with the same entries, in any order.
    static func == (a: FileTable, b: FileTable) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where b[a.rows[3 * i]] != .init(key: a.rows[3 * i + 1], checksum: a.rows[3 * i + 2]) { return false }
        return true
    }

    /// The count of files, then their rows as they lie (`BuildState`'s file sections).
    func encode(into w: inout ByteWriter) {
        w.int(count)
        rows.withUnsafeBytes { w.plain($0) }   // little-endian machines only (checked in the header)
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> FileTable {
        let n = try r.count(max: Int(Int32.max) / 3)
        return FileTable(rows: try r.u64s(count: 3 * n))
    }

    /// Rows recorded from any thread, in any order, made into a table at the end (`table`): of a
    /// path recorded more than once, the last record counts (the file last written there).
    final class Recorder: Sendable {
        private let rows: Locked<[UInt64]>

        /// Room for `capacity` files, so that the rows are not copied as they grow.
        init(capacity: Int) {
            var rows: [UInt64] = []
            rows.reserveCapacity(3 * capacity)
            self.rows = Locked(rows)
        }

        func record(_ hash: UInt64, _ entry: BuildState.FileEntry) {
            rows.withLock { $0.append(hash); $0.append(entry.key); $0.append(entry.checksum) }
        }

        /// Calls `body`, which records through the function it is given, under the lock once
        /// (the 112,000 pages an incremental build keeps as they were, at 100,000 articles).
        func recordAll(_ body: ((UInt64, BuildState.FileEntry) -> Void) -> Void) {
            rows.withLock { rows in
                body { hash, entry in rows.append(hash); rows.append(entry.key); rows.append(entry.checksum) }
            }
        }

        /// What was recorded, as a table.
        var table: FileTable { FileTable(rows: rows.withLock { $0 }) }
    }
}
