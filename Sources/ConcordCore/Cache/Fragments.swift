/// Pieces of a file an earlier build wrote (the rows of a list page, the entries
/// of `annotations.json`), each by the key of what it was made from and its byte
/// range in the file: the next build copies the pieces whose key is unchanged
/// instead of making them again (found with `FragmentMatcher`). Used only while
/// the file's checksum is the one the cache recorded.
struct Fragments: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var key: UInt64
        var start: Int, count: Int
    }
    var items: [Item] = []

    func encode(into w: inout ByteWriter) {
        w.int(items.count)
        for r in items { w.u64(r.key); w.int(r.start); w.int(r.count) }
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> Fragments {
        var f = Fragments()
        let n = try r.count()
        f.items.reserveCapacity(n)
        for _ in 0..<n { f.items.append(.init(key: try r.u64(), start: try r.int(), count: try r.int())) }
        return f
    }
}
