import Testing
@testable import ConcordCore

/// A listing read again is put in order from the order the last walk found (`PathList.sorted(following:)`):
/// whatever that order says, the list is the one `sorted()` gives.
@Suite("Path list sorted following an earlier walk")
struct SortedFollowingTests {
    /// `count` distinct ASCII names of a flat folder, in the order a folder might list them.
    func names(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var names: Set<String> = []
        while names.count < count {
            names.insert(String(format: "%04d-%02d-%02d-", 2000 + rng.next(25), 1 + rng.next(12), 1 + rng.next(28))
                         + ["in-independent", "the-globe", "ap"][rng.next(3)] + "-\(rng.next(1_000_000)).md")
        }
        return names.sorted().shuffled(using: &rng)
    }

    /// Calls `body` with the order of a walk that read `raw` in that order, as `KeptListing` keeps it.
    func withOrder<R>(of raw: [String], _ body: (ListingOrder) -> R) -> R {
        let read = PathList(raw), sorted = read.sorted()
        let places = KeptListing.places(of: read, in: sorted)!
        return places.withUnsafeBytes { p in sorted.hashes.withUnsafeBytes { h in body(ListingOrder(places: p, hashes: h)) } }
    }

    /// The list `sorted(following:)` gives `now` after a walk that read `earlier`, checked against
    /// `sorted()`; and whether the guess was taken.
    func check(now: [String], earlier: [String], _ note: Comment) -> Bool {
        let list = PathList(now)
        let (sorted, guessed) = withOrder(of: earlier) { order in
            (list.sorted(following: order), list.split(following: order) != nil)
        }
        #expect(sorted == list.sorted(), note)
        return guessed
    }

    /// The places a listing keeps: each path read, by its position in the sorted list; none when
    /// a path read is not in the list.
    @Test func placesSayWhereEachPathReadLies() {
        let raw = names(3000, seed: 6)
        let read = PathList(raw), sorted = read.sorted()
        let places = KeptListing.places(of: read, in: sorted)
        #expect(places.map { places in raw.indices.map { sorted[Int(places[$0])] } } == raw)
        #expect(KeptListing.places(of: PathList(Array(raw.dropLast()) + ["not-read.md"]), in: sorted) == nil)
        #expect(KeptListing.places(of: PathList(raw.dropLast()), in: sorted) == nil)
    }

    /// The changes a folder sees between two walks, each listed where the folder lists it: the
    /// order of the names kept stays, a new name comes anywhere.
    @Test(arguments: ["none", "one added", "one removed", "one renamed", "twenty of each", "seven in a row removed", "first and last removed"])
    func takesTheGuessAndGivesTheSortedList(_ change: String) {
        var rng = SplitMix64(seed: 59)
        let earlier = names(3000, seed: 1)
        var now = earlier
        let fresh = names(40, seed: 2).filter { !earlier.contains($0) }
        switch change {
        case "one added": now.insert(fresh[0], at: 1234)
        case "one removed": now.remove(at: 2000)
        case "one renamed": now.remove(at: 10); now.insert(fresh[0], at: 2999)
        case "twenty of each":
            for k in 0..<20 { now.remove(at: rng.next(now.count)); now.insert(fresh[k], at: rng.next(now.count + 1)) }
        case "seven in a row removed": now.removeSubrange(100..<107)
        case "first and last removed": now.removeFirst(); now.removeLast()
        default: break
        }
        #expect(check(now: now, earlier: earlier, "\(change)"), "the earlier order is taken")
    }

    /// Orders the guess cannot be taken from, or must not be trusted: the list is sorted all the same.
    @Test func anOrderThatMisleadsIsNotTrusted() {
        let earlier = names(500, seed: 3)
        // Another folder's walk: nothing found, sorted.
        #expect(!check(now: names(500, seed: 4), earlier: earlier, "another folder"))
        // Listed in another order this time (each found by a hash, in a scattered order): sorted.
        var rng = SplitMix64(seed: 5)
        #expect(!check(now: earlier.shuffled(using: &rng), earlier: earlier, "shuffled"))
        // Eight removed in a row: the rest are not found where looked for.
        var cut = earlier
        cut.removeSubrange(10..<(10 + PathList.lookAhead))
        #expect(!check(now: cut, earlier: earlier, "a run of removals longer than the look-ahead"))
        // An earlier "sorted" listing that is not in order (as two names sharing a hash would
        // make it): the guess is taken, found out of order, and the list sorted.
        let list = PathList(["b.md", "a.md", "c.md"])
        let wrong = PathList(["c.md", "b.md", "a.md"])
        let places: [UInt32] = [1, 2, 0]
        let result = places.withUnsafeBytes { p in wrong.hashes.withUnsafeBytes { h in list.sorted(following: ListingOrder(places: p, hashes: h)) } }
        #expect(Array(result) == ["a.md", "b.md", "c.md"])
        // Places out of range are passed over.
        let far: [UInt32] = [7, 9, 1_000_000]
        let safe = far.withUnsafeBytes { p in wrong.hashes.withUnsafeBytes { h in list.sorted(following: ListingOrder(places: p, hashes: h)) } }
        #expect(Array(safe) == ["a.md", "b.md", "c.md"])
    }

    /// A list with a name outside ASCII is sorted as `String`s.
    @Test func aListOutsideASCIIIsSortedAsStrings() {
        let earlier = ["b.md", "caf\u{E9}.md", "a.md"], now = ["b.md", "cafe\u{301}.md", "caf\u{E9}.md", "a.md"]
        let result = withOrder(of: earlier.filter { $0.utf8.allSatisfy { $0 < 0x80 } }) { PathList(now).sorted(following: $0) }
        #expect(Array(result) == ArchiveLoader.sorted(now))
    }

    /// `increases` is what the guess is checked by.
    @Test func increasesOnlyWhenEachPathGoesAfterTheOneBefore() {
        #expect(PathList([]).increases && PathList(["a"]).increases && PathList(["a", "ab", "b"]).increases)
        #expect(!PathList(["ab", "a"]).increases && !PathList(["a", "a"]).increases && !PathList(["a", "c", "b"]).increases)
    }
}
