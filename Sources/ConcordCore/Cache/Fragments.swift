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

    /// The count, then each item's key, start and count as 64-bit numbers, written where they go.
    /// Appended one by one (three `u64`s per item), the 312,000 items of `annotations.json` and
    /// the archive index made the cache's last sections take 13–15 ms at the end of every build
    /// of 100,000 articles (7–10 ms now, the pages section 4–7 of it).
    func encode(into w: inout ByteWriter) {
        w.int(items.count)
        items.withUnsafeBufferPointer { items in
            w.u64s(count: 3 * items.count) { out in
                for i in items.indices {
                    out[3 * i] = items[i].key
                    out[3 * i + 1] = UInt64(bitPattern: Int64(items[i].start)); out[3 * i + 2] = UInt64(bitPattern: Int64(items[i].count))
                }
            }
        }
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> Fragments {
        let n = try r.count(max: Int(Int32.max) / 3)
        // Read where they lie.
        let numbers = try r.u64sInPlace(count: 3 * n)
        func int(_ k: Int) -> Int { Int(Int64(bitPattern: numbers.number(k))) }
        return Fragments(items: (0..<n).map { Item(key: numbers.number(3 * $0), start: int(3 * $0 + 1), count: int(3 * $0 + 2)) })
    }
}
