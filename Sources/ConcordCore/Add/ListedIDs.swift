/// The article ids of a listing (`PathList`), for finding the files a new article's id would
/// share: what `concord add` asks before it names a file.
///
/// Each ASCII id (`ArticleParser.id(forPath:)`: the file name without its extension) is hashed
/// where its bytes lie, and the hashes sorted with their paths' positions: no string is made.
/// A `Dictionary` of every id as a `String` took 240 ms at 100,000 articles (each id cut out of
/// its path by `Character`), and 70 ms more to free, at every `concord add`. The rare id that is
/// not ASCII is kept as a `String`, so that ids equal as `String`s (two Unicode forms of the same
/// letters) are found as before.
struct ListedIDs {
    /// (hash of an ASCII id, position of its path), sorted.
    private var hashed: [(hash: UInt64, at: Int32)] = []
    /// Ids that are not ASCII, with their paths' positions.
    private var others: [String: [Int32]] = [:]

    init(_ list: PathList) {
        var hashed: [(hash: UInt64, at: Int32)] = []
        hashed.reserveCapacity(list.count)
        list.withBlock { base, starts in
            for i in 0..<(starts.count - 1) {
                let path = UnsafeRawBufferPointer(start: base + starts[i], count: starts[i + 1] - starts[i] - 1)
                if let id = Self.asciiID(path) {
                    hashed.append((Checksum.of(id), Int32(i)))
                } else {
                    others[ArticleParser.id(forPath: list[i]), default: []].append(Int32(i))
                }
            }
        }
        self.hashed = hashed.sorted { $0.hash < $1.hash }
    }

    /// The paths in `list` (the one this was made from) whose id is `id`, in the list's order.
    /// - Parameter id: an ASCII id (`concord add` names files with safe names); one that is not
    ///   is found only among the ids that are not ASCII.
    func paths(ofID id: String, in list: PathList) -> [String] {
        var at = others[id] ?? []
        let hash = Checksum.of(id)
        var lo = 0, hi = hashed.count
        while lo < hi { let mid = (lo + hi) / 2; if hashed[mid].hash < hash { lo = mid + 1 } else { hi = mid } }
        // Each path whose id has the hash is checked (another id could share it).
        while lo < hashed.count && hashed[lo].hash == hash {
            if ArticleParser.id(forPath: list[Int(hashed[lo].at)]) == id { at.append(hashed[lo].at) }
            lo += 1
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
