/// Items grouped by bucket number with a counting sort, each bucket's in the order given:
/// bucket `b`'s are `items[starts[b]..<starts[b + 1]]`.
///
/// Two flat arrays, made in one pass to count and one to place: an array per bucket (100,000
/// of them for an archive's articles), or a table of arrays keyed by bucket, allocates for
/// each and is read through a pointer more.
struct Buckets<Item> {
    private(set) var starts: [Int]
    private(set) var items: [Item]

    /// - Parameter pairs: read twice (counted, then placed); every bucket in `0..<count`.
    init(count: Int, _ pairs: some Collection<(bucket: Int, item: Item)>) {
        var starts = [Int](repeating: 0, count: count + 1)
        for p in pairs { starts[p.bucket + 1] += 1 }
        for b in 0..<count { starts[b + 1] += starts[b] }
        var next = starts
        let total = starts[count]
        items = [Item](unsafeUninitializedCapacity: total) { buffer, made in
            for p in pairs {
                precondition(next[p.bucket] < starts[p.bucket + 1], "the pairs read the same twice")
                (buffer.baseAddress! + next[p.bucket]).initialize(to: p.item); next[p.bucket] += 1
            }
            precondition((0..<count).allSatisfy { next[$0] == starts[$0 + 1] }, "the pairs read the same twice")
            made = total
        }
        self.starts = starts
    }

    /// How many buckets there are.
    var count: Int { starts.count - 1 }

    subscript(bucket: Int) -> ArraySlice<Item> { items[starts[bucket]..<starts[bucket + 1]] }

    /// Sorts each bucket's items (the buckets stay where they are).
    /// Sorted in one buffer: a slice of `items` sorted in place checks the array's uniqueness
    /// each time (100,000 buckets at 100,000 articles).
    mutating func sortEach(by areInIncreasingOrder: (Item, Item) -> Bool) {
        let starts = starts
        items.withUnsafeMutableBufferPointer { items in
            for b in 0..<starts.count - 1 where starts[b + 1] - starts[b] > 1 {
                var bucket = UnsafeMutableBufferPointer(rebasing: items[starts[b]..<starts[b + 1]])
                bucket.sort(by: areInIncreasingOrder)
            }
        }
    }
}

extension Buckets: Sendable where Item: Sendable {}
extension Buckets: Equatable where Item: Equatable {}
