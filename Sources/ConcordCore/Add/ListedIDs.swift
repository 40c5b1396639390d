/// glibc's `memmem`, which the Glibc module does not export.
@_silgen_name("memmem")
private func glibcMemmem(_ haystack: UnsafeRawPointer, _ haystackCount: Int, _ needle: UnsafeRawPointer, _ needleCount: Int) -> UnsafeRawPointer?

/// The article ids of a listing (`PathList`), for finding the files a new article's id would
/// share: what `concord add` asks before it names a file.
///
/// The first few questions (`scansBeforeTable`) are answered by searching the listing's bytes
/// for the id (`memmem`: 0.6–0.9 ms for 100,000 paths of 40 bytes, in C): adding one file asks two
/// or three. After those, a table is made once: each ASCII id (`ArticleParser.id(forPath:)`:
/// the file name without its extension) hashed where its bytes lie, and the hashes bucketed by
/// their top bits with their paths' positions (a counting sort): no string is made. Made at
/// every `concord add`, the table took 8–13 ms of CPU at 100,000 articles; a `Dictionary` of
/// every id as a `String` took 240 ms, and 70 ms more to free. The rare id that is not ASCII is
/// kept as a `String`, so that ids equal as `String`s (two Unicode forms of the same letters)
/// are found as before; a listing that holds one is never searched as bytes.
struct ListedIDs {
    private let list: PathList
    /// How many questions are answered by searching before the table is made.
    private let scansBeforeTable: Int
    private var scans = 0
    /// Whether every path is ASCII (searched for only when a search is about to be made).
    private var ascii: Bool?
    private var table: Table?

    /// - Parameter scansBeforeTable: 0 makes the table at the first question (tests ask both ways).
    init(_ list: PathList, scansBeforeTable: Int = 4) {
        self.list = list; self.scansBeforeTable = scansBeforeTable
    }

    /// The paths whose id is `id`, in the list's order.
    /// - Parameter id: an ASCII id (`concord add` names files with safe names); one that is not
    ///   is found only among the ids that are not ASCII.
    mutating func paths(ofID id: String) -> [String] {
        if table == nil, scans < scansBeforeTable, !id.isEmpty, id.isAllASCII {
            if ascii == nil { ascii = list.isASCII }
            if ascii! {
                scans += 1
                return search(Array(id.utf8)).map { list[$0] }
            }
        }
        if table == nil { table = Table(list) }
        return table!.paths(ofID: id, in: list)
    }

    /// The positions of the paths whose id is `id` (ASCII, not empty), every path being ASCII:
    /// each place the listing's bytes hold `id` is a path's id when `asciiID` cuts it there.
    private func search(_ id: [UInt8]) -> [Int] {
        list.withBlock { base, starts in
            let total = starts[starts.count - 1]
            var found: [Int] = [], from = 0
            while from < total, let hit = id.withUnsafeBytes({ glibcMemmem(base + from, total - from, $0.baseAddress!, id.count) }) {
                let at = hit - UnsafeRawPointer(base)
                // The path holding it: the last whose start is not after it (no id holds the zero
                // byte that ends each path).
                let lo = starts.sortedPosition(of: at + 1) - 1
                let path = UnsafeRawBufferPointer(start: base + starts[lo], count: starts[lo + 1] - starts[lo] - 1)
                if let cut = Self.asciiID(path), cut.baseAddress! == UnsafeRawPointer(base + at), cut.count == id.count {
                    found.append(lo)
                    from = starts[lo + 1]
                } else {
                    from = at + 1
                }
            }
            return found
        }
    }

    /// The id of an ASCII path, cut from its bytes as `ArticleParser.id(forPath:)` cuts it (the
    /// last component, before its last dot unless that dot begins it; a listed path never ends
    /// with `/`); nil when the path is not ASCII.
    static func asciiID(_ path: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        var start = 0, dot = -1
        for (k, byte) in path.enumerated() {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "/") { start = k + 1 } else if byte == UInt8(ascii: ".") { dot = k }
        }
        let end = dot > start ? dot : path.count     // (a dot before the last component is before `start`)
        return UnsafeRawBufferPointer(rebasing: path[start..<end])
    }

    /// Every id of a listing, hashed and bucketed.
    private struct Table {
        /// (hash of an ASCII id, position of its path), by the hash's top `bits` bits, each bucket in
        /// the list's order.
        private let hashed: Buckets<(hash: UInt64, at: Int32)>
        private let bits: Int
        /// Ids that are not ASCII, with their paths' positions.
        private let others: [String: [Int32]]

        init(_ list: PathList) {
            var bits = 1
            while 1 << bits < list.count { bits += 1 }
            var hashed: [(bucket: Int, item: (hash: UInt64, at: Int32))] = [], others: [String: [Int32]] = [:]
            hashed.reserveCapacity(list.count)
            list.withBlock { base, starts in
                for i in 0..<(starts.count - 1) {
                    let path = UnsafeRawBufferPointer(start: base + starts[i], count: starts[i + 1] - starts[i] - 1)
                    if let id = ListedIDs.asciiID(path) {
                        let hash = Checksum.of(id)
                        hashed.append((Int(hash >> UInt64(64 - bits)), (hash, Int32(i))))
                    } else {
                        others[ArticleParser.id(forPath: list[i]), default: []].append(Int32(i))
                    }
                }
            }
            self.hashed = Buckets(count: 1 << bits, hashed)
            self.bits = bits; self.others = others
        }

        /// The paths in `list` (the one this was made from) whose id is `id`, in the list's order.
        func paths(ofID id: String, in list: PathList) -> [String] {
            var at = others[id] ?? []
            let hash = Checksum.of(id)
            // Each path whose id has the hash is checked (another id could share it).
            for (h, k) in hashed[Int(hash >> UInt64(64 - bits))] where h == hash {
                if ArticleParser.id(forPath: list[Int(k)]) == id { at.append(k) }
            }
            return at.sorted().map { list[Int($0)] }
        }
    }
}
