/// The article ids of a listing (`PathList`), for finding the files a new article's id would
/// share: what `concord add` asks before it names a file.
///
/// Each ASCII id (`ArticleParser.id(forPath:)`: the file name without its extension) is hashed
/// where its bytes lie, and the hashes bucketed by their top bits with their paths' positions (a
/// counting sort: with the sort, making the table took about 13 ms of CPU at every `concord add`
/// at 100,000 articles, now 8): no string is made.
/// A `Dictionary` of every id as a `String` took 240 ms at 100,000 articles (each id cut out of
/// its path by `Character`), and 70 ms more to free, at every `concord add`. The rare id that is
/// not ASCII is kept as a `String`, so that ids equal as `String`s (two Unicode forms of the same
/// letters) are found as before.
struct ListedIDs {
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
                if let id = Self.asciiID(path) {
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
    /// - Parameter id: an ASCII id (`concord add` names files with safe names); one that is not
    ///   is found only among the ids that are not ASCII.
    func paths(ofID id: String, in list: PathList) -> [String] {
        var at = others[id] ?? []
        let hash = Checksum.of(id)
        // Each path whose id has the hash is checked (another id could share it).
        for (h, k) in hashed[Int(hash >> UInt64(64 - bits))] where h == hash {
            if ArticleParser.id(forPath: list[Int(k)]) == id { at.append(k) }
        }
        return at.sorted().map { list[Int($0)] }
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
}
