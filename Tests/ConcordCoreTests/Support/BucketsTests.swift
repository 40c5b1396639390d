import Testing
@testable import ConcordCore

@Suite("Buckets")
struct BucketsTests {
    /// Each bucket holds its items in the order given (empty buckets too, at either end), as
    /// filtering the pairs bucket by bucket finds them; sorting each leaves the buckets in place.
    @Test func itemsGoToTheirBucketsInOrder() {
        var rng = SplitMix64(seed: 23)
        let pairs = (0..<2000).map { i in (bucket: 1 + Int(rng.next() % 50), item: (key: Int(rng.next() % 10), order: i)) }
        var buckets = Buckets(count: 53, pairs)
        #expect(buckets.count == 53 && buckets.items.count == pairs.count)
        for b in 0..<53 {
            #expect(buckets[b].map(\.order) == pairs.filter { $0.bucket == b }.map(\.item.order), "bucket \(b)")
        }
        #expect(buckets[0].isEmpty && buckets[51].isEmpty && buckets[52].isEmpty)
        buckets.sortEach { $0.key < $1.key }
        for b in 0..<53 {
            let mine = buckets[b]
            #expect(mine.map(\.key) == pairs.filter { $0.bucket == b }.map(\.item.key).sorted(), "bucket \(b)")
            // Ties in the order given, as sorting the bucket's items alone leaves them.
            #expect(mine.map(\.order) == pairs.filter { $0.bucket == b }.map(\.item).sorted { $0.key < $1.key }.map(\.order))
        }
        #expect(Buckets<Int>(count: 0, []).items.isEmpty && Buckets<Int>(count: 3, []).starts == [0, 0, 0, 0])
    }
}
