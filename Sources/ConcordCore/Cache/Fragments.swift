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

        /// Whether an item's memory is the four numbers `encode` writes of it, in order,
        /// little-endian (checked once): the items are then written where they lie (`pieces`).
        static let memoryIsItsEncoding: Bool = {
            #if _endian(little)
            MemoryLayout<Int>.size == 8 && MemoryLayout<Self>.size == 32 && MemoryLayout<Self>.stride == 32
                && MemoryLayout<Self>.offset(of: \Self.key) == 0 && MemoryLayout<Self>.offset(of: \Self.start) == 8
                && MemoryLayout<Self>.offset(of: \Self.count) == 16 && MemoryLayout<Self>.offset(of: \Self.checksum) == 24
            #else
            false
            #endif
        }()
    }
    var items: [Item] = []

    /// The bytes `encode` writes, for a writer sized once.
    var encodedSize: Int { 8 + 32 * items.count }

    /// The count, then each item's key, start, count and checksum as 64-bit numbers, written where they go.
    /// Appended one by one (three `u64`s per item), the 312,000 items of `annotations.json` and
    /// the archive index made the cache's last sections take 13–15 ms at the end of every build
    /// of 100,000 articles (7–10 ms now, the pages section 4–7 of it).
    func encode(into w: inout ByteWriter) {
        w.int(items.count)
        items.withUnsafeBufferPointer { items in
            w.u64s(count: 4 * items.count) { out in
                for i in items.indices {
                    out[4 * i] = items[i].key
                    out[4 * i + 1] = UInt64(bitPattern: Int64(items[i].start)); out[4 * i + 2] = UInt64(bitPattern: Int64(items[i].count))
                    out[4 * i + 3] = items[i].checksum
                }
            }
        }
    }

    /// The bytes `encode` writes, in pieces: the count, then the items where they lie when their
    /// memory is their encoding (`Item.memoryIsItsEncoding`). At 100,000 articles
    /// `annotations.json`'s 178,000 pieces and the list pages' rows are 9 MB, which an encoded copy
    /// touched anew at every build.
    func pieces() -> [CachePiece] {
        var head = ByteWriter(capacity: Item.memoryIsItsEncoding ? 8 : encodedSize)
        guard Item.memoryIsItsEncoding else { encode(into: &head); return [.bytes(head.bytes)] }
        head.int(items.count)
        return [.bytes(head.bytes), .fragments(items)]
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> Fragments {
        let n = try r.count(max: Int(Int32.max) / 4)
        // Read where they lie.
        let numbers = try r.u64sInPlace(count: 4 * n)
        // Copied whole where an item's memory is its encoding (`Item.memoryIsItsEncoding`).
        if Item.memoryIsItsEncoding {
            return Fragments(items: [Item](unsafeUninitializedCapacity: n) { items, made in
                if n > 0 { UnsafeMutableRawPointer(items.baseAddress!).copyMemory(from: numbers.baseAddress!, byteCount: numbers.count) }
                made = n
            })
        }
        func int(_ k: Int) -> Int { Int(Int64(bitPattern: numbers.number(k))) }
        return Fragments(items: (0..<n).map {
            Item(key: numbers.number(4 * $0), start: int(4 * $0 + 1), count: int(4 * $0 + 2), checksum: numbers.number(4 * $0 + 3))
        })
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
