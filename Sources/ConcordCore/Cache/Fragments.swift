/// Pieces of a file an earlier build wrote (the rows of a list page, the entries
/// of `annotations.json`), each by the key of what it was made from and its byte
/// range in the file: the next build copies the pieces whose key is unchanged
/// instead of making them again (found with `FragmentMatcher`). Used only while
/// the file's checksum is the one the cache recorded.
struct Fragments: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var key: UInt64
        var start: Int, count: Int
        /// `Checksum.of` the piece's bytes, in a file summed by its pieces (`checksum(of:items:)`); else 0.
        var checksum: UInt64 = 0
    }
    var items: [Item] = []

    /// The bytes `encode` writes, for a writer sized once.
    var encodedSize: Int { 8 + 32 * items.count }

    /// The count, then each item's key, start, count and checksum as 64-bit numbers, as pieces:
    /// the items where they lie (`CacheValue`). At 100,000 articles `annotations.json`'s 178,000
    /// pieces and the list pages' rows are 9 MB, which an encoded copy touched anew at every build.
    func pieces() -> [CachePiece] {
        var head = ByteWriter(capacity: 8)
        head.int(items.count)
        return [.bytes(head.bytes), .values(items)]
    }

    /// The bytes of `pieces`.
    func encode(into w: inout ByteWriter) { w.append(pieces()) }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> Fragments {
        Fragments(items: try r.values(Item.self, count: try r.count(max: Int(Int32.max) / 4)))
    }

    /// The checksum of a file seen as its pieces and the bytes between them: each stretch between
    /// two pieces (or before the first, or after the last) and each piece summed on its own
    /// (`Checksum.of`), and those sums summed in order, with the file's size. A file spliced from
    /// an earlier one (`annotations.json`: 543 MB at 100,000 articles of ten quotes each) is summed
    /// from its kept pieces' recorded sums and its few new bytes, where summing every byte took
    /// 110–125 ms of CPU at every build (`SplicedBytes.pieceChecksum` gives the same number).
    /// Nil when the items do not lie in order inside the bytes.
    static func checksum(of bytes: UnsafeRawBufferPointer, items: [Item]) -> UInt64? {
        var sums = Checksum.Stream(), at = 0
        for item in items {
            guard item.start >= at, item.count >= 0, item.start <= bytes.count - item.count else { return nil }
            sums.add(number: Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[at..<item.start])))
            sums.add(number: Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[item.start..<(item.start + item.count)])))
            at = item.start + item.count
        }
        sums.add(number: Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[at...])))
        sums.add(number: UInt64(bytes.count))
        return sums.value
    }
}
