#if canImport(Glibc)
import Glibc
#endif

/// Relative paths kept as one block of bytes (each path's UTF-8, then a zero byte) with where
/// each one starts: the sources' listing, made at every build and read by every pass over it
/// (the sort, `stat`, the sources' key, matching files to their records).
///
/// As an array of `String`s, each path of more than 15 bytes lived in memory of its own: each
/// pass read 100,000 scattered strings and retained each one it took. Here a pass reads
/// contiguous memory, each path's C string is where it lies (for `stat`), and a `String` is
/// made only for a path asked for by position (`self[i]`: the few files a build reads). Each
/// path's hash is summed as it comes in and kept beside it (`hashes`), for the sources' key and
/// the records' lookup alike.
struct PathList: RandomAccessCollection, Equatable, Sendable {
    /// Each path's bytes followed by a zero byte (no path holds one).
    private(set) var bytes: [UInt8] = []
    /// Where each path starts in `bytes`, then `bytes.count`.
    private(set) var starts: [Int] = [0]
    /// Each path's `PathHash`, in order.
    private(set) var hashes: [UInt64] = []

    init() {}

    init<S: Sequence>(_ paths: S) where S.Element == String {
        for path in paths { append(path) }
    }

    /// A list from its three arrays, as `KeptListing` keeps them; nil unless they make one:
    /// `starts` from 0 to `bytes.count`, each path ended by a zero byte, one hash per path.
    init?(bytes: [UInt8], starts: [Int], hashes: [UInt64]) {
        guard starts.first == 0, starts.last == bytes.count, hashes.count == starts.count - 1 else { return nil }
        for i in hashes.indices where !(starts[i] < starts[i + 1] && bytes[starts[i + 1] - 1] == 0) { return nil }
        self.bytes = bytes; self.starts = starts; self.hashes = hashes
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count - 1 }

    /// Path `i`, made as a `String`.
    subscript(i: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<(starts[i + 1] - 1)]), as: UTF8.self) }
    }

    /// The number of bytes of path `i`.
    func byteCount(_ i: Int) -> Int { starts[i + 1] - starts[i] - 1 }

    /// Calls `body` with the block (`base + starts[i]` is path `i`, ended by a zero byte: a C
    /// string) and the starts, for passes on several threads, which then share no reference count.
    func withBlock<R>(_ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try starts.withUnsafeBufferPointer { s in
                // An empty list has no block: a pointer to a zero byte stands for it.
                if let base = b.baseAddress { return try body(base, s) }
                let zero: [UInt8] = [0]
                return try zero.withUnsafeBufferPointer { try body($0.baseAddress!, s) }
            }
        }
    }

    mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8); endPath()
    }

    /// Ends the path whose bytes were just appended: its zero byte, where the next one starts, its hash.
    private mutating func endPath() {
        let start = starts[starts.count - 1]
        hashes.append(bytes.withUnsafeBytes { PathHash.of(UnsafeRawBufferPointer(rebasing: $0[start...])) })
        bytes.append(0); starts.append(bytes.count)
    }

    /// Appends `prefix` and `name`'s bytes (`prefix` ends with "/" or is empty) if `keep` takes
    /// the path they make. A name that is not UTF-8 is appended as `String` decodes it (its
    /// invalid bytes replaced), as when paths were `String`s: reading it then says so.
    mutating func append(prefix: [UInt8], name: UnsafeRawBufferPointer, if keep: (UnsafeRawBufferPointer) -> Bool) {
        let start = bytes.count
        bytes.append(contentsOf: prefix)
        if name.allSatisfy({ $0 < 0x80 }) {
            bytes.append(contentsOf: name)
        } else {
            bytes.append(contentsOf: String(decoding: name, as: UTF8.self).utf8)
        }
        let kept = bytes.withUnsafeBytes { keep(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        if kept { endPath() } else { bytes.removeSubrange(start...) }
    }

    /// Appends path `i` of `other`, copied as bytes, with its hash.
    mutating func append(_ i: Int, of other: PathList) {
        bytes.append(contentsOf: other.bytes[other.starts[i]..<other.starts[i + 1]]); starts.append(bytes.count)
        hashes.append(other.hashes[i])
    }

    mutating func reserveCapacity(paths: Int, bytes count: Int) {
        bytes.reserveCapacity(count); starts.reserveCapacity(paths + 1); hashes.reserveCapacity(paths)
    }

    /// Removes path `i`: the bytes after it move down (4 MB at 100,000 paths of 40 bytes).
    mutating func remove(at i: Int) {
        let lo = starts[i], length = starts[i + 1] - lo
        bytes.removeSubrange(lo..<(lo + length))
        starts.remove(at: i + 1)
        for k in (i + 1)..<starts.count { starts[k] -= length }
        hashes.remove(at: i)
    }

    /// Inserts `path` at position `i`.
    mutating func insert(_ path: String, at i: Int) {
        let new = Array(path.utf8) + [0], at = starts[i]
        bytes.insert(contentsOf: new, at: at)
        for k in (i + 1)..<starts.count { starts[k] += new.count }
        starts.insert(at + new.count, at: i + 1)
        hashes.insert(PathHash.of(path), at: i)
    }

    /// At most this many paths taken out and put in by `update` go where the list lies, each
    /// moving the paths after it (4 MB at 100,000 paths of 40 bytes); more, and the list is made
    /// anew by one merge, which copies it once.
    static let inPlaceLimit = 64

    /// Takes out the paths at `gone` (positions) and puts in `new` (in the order every build
    /// takes paths, `ArchiveLoader.sorted`; none of them in the list), each where that order
    /// puts it: a few where the list lies (a list held by nothing else is not copied), more by
    /// one merge (`inPlaceLimit`). Returns where the paths put in lie now, ascending, so that
    /// arrays kept beside the list can follow (`Array.follow`).
    @discardableResult
    mutating func update(removing gone: Set<Int>, adding new: [String]) -> [Int] {
        let goneInOrder = gone.sorted()
        // Where each goes in the list as it is (past the paths `String` holds smaller, then those
        // equal to it whose bytes come first), then in the list made: the paths kept before it and
        // the new ones before it.
        let placed = new.enumerated().map { j, path in
            var at = sortedPosition(of: path)
            while at < count && SourceListing.precedes(self[at], path) { at += 1 }
            return at - goneInOrder.sortedPosition(of: at) + j
        }
        if gone.count + new.count <= Self.inPlaceLimit {
            for i in goneInOrder.reversed() { remove(at: i) }
            for (path, at) in zip(new, placed) { insert(path, at: at) }
        } else {
            var runs: [Range<Int>] = [], from = 0
            for i in goneInOrder {
                if from < i { runs.append(from..<i) }
                from = i + 1
            }
            if from < count { runs.append(from..<count) }
            self = merged(runs: runs, with: PathList(new))
        }
        return placed
    }

    /// The paths in the order every build takes them (`ArchiveLoader.sorted`): by their bytes
    /// on both cores when all are ASCII (`BytewiseSort`, `String`'s order for them), else as `String`s.
    func sorted() -> PathList {
        guard count > 1 else { return self }
        guard isASCII else { return PathList(ArchiveLoader.sorted(Array(self))) }
        return reordered(withBlock { base, starts in BytewiseSort.order(base, starts: starts) })
    }

    /// `sorted()`, the order taken from an earlier walk of the same folders where it can: a
    /// folder read again after an article was added holds the paths it held and one more, and
    /// sorting 100,000 of them again took 26–33 ms of every such build.
    ///
    /// The folders list their entries in the same order from one walk to the next (ext4 by the
    /// hash of each name, others by when each was made), a name made or removed aside, so each
    /// path is looked for where the earlier walk's next path was, or a few paths further on
    /// (those between were removed); found by its hash, it takes that path's position in the
    /// earlier sorted listing (`split(following:)`). The few paths not found are sorted and
    /// merged in (`merged(with:)`). The list made is checked, each path after the one before,
    /// and sorted afresh should it not be in order (a hash that two names share, a folder that
    /// lists in another order): the order is taken as a guess, never trusted. ASCII lists only
    /// (`sorted()`'s order is then their bytes'); the others, and lists most of whose paths are
    /// not found, are sorted.
    func sorted(following earlier: ListingOrder) -> PathList {
        guard count > 1, isASCII, let (found, unplaced) = split(following: earlier) else { return sorted() }
        var fresh = PathList()
        for i in unplaced { fresh.append(i, of: self) }
        let result = reordered(found).merged(with: fresh.sorted())
        return result.increases ? result : sorted()
    }

    /// The guess `sorted(following:)` takes: the positions of this list's paths found in the
    /// earlier listing, in that listing's order, and those not found; nil when more than a
    /// quarter of the paths are not found (they are sorted then).
    func split(following earlier: ListingOrder) -> (found: [Int], unplaced: [Int])? {
        let sorted = earlier.sortedCount, read = earlier.readCount
        // Which path of this list takes each position of the earlier sorted listing (-1: none).
        var taker = [Int32](repeating: -1, count: sorted)
        var unplaced: [Int] = []
        var next = 0
        for i in indices {
            let hash = hashes[i]
            var k = next, found = false
            while k < Swift.min(read, next + Self.lookAhead) {
                let p = earlier.place(k)
                if p < sorted && earlier.hash(p) == hash && taker[p] < 0 { taker[p] = Int32(i); found = true; break }
                k += 1
            }
            if found { next = k + 1 } else { unplaced.append(i) }
            guard unplaced.count <= count / 4 else { return nil }
        }
        var found: [Int] = []
        found.reserveCapacity(count - unplaced.count)
        for p in 0..<sorted where taker[p] >= 0 { found.append(Int(taker[p])) }
        return (found, unplaced)
    }

    /// How many of the earlier walk's paths `sorted(following:)` looks at for each path, past the
    /// one expected: up to this many removed paths in a row are stepped over.
    static let lookAhead = 8

    /// Whether each path goes after the one before, by their bytes (the order `sorted()` gives an
    /// ASCII list), read in order.
    var increases: Bool {
        withBlock { base, starts in
            for i in 1..<Swift.max(1, count) {
                let a = UnsafeRawBufferPointer(start: base + starts[i - 1], count: starts[i] - starts[i - 1] - 1)
                let b = UnsafeRawBufferPointer(start: base + starts[i], count: starts[i + 1] - starts[i] - 1)
                if !BytewiseSort.precedes(a, b) { return false }
            }
            return true
        }
    }

    /// The paths at the positions `order` gives (each at most once), in that order, copied path
    /// by path into one block (appended as slices, 100,000 paths took 10 ms of CPU).
    private func reordered(_ order: [Int]) -> PathList {
        withBlock { base, starts in
            var result = PathList()
            result.starts.reserveCapacity(order.count + 1)
            result.hashes = order.map { hashes[$0] }
            result.bytes = [UInt8](unsafeUninitializedCapacity: bytes.count) { out, made in
                for i in order {
                    let length = starts[i + 1] - starts[i]
                    (out.baseAddress! + made).initialize(from: base + starts[i], count: length)
                    made += length
                    result.starts.append(made)
                }
            }
            return result
        }
    }

    /// This list and `other`, both in the order every build takes paths (`sorted`), merged into
    /// that order: by their bytes when both are ASCII, else as `String`s (`SourceListing.precedes`).
    func merged(with other: PathList) -> PathList { other.isEmpty ? self : merged(runs: [indices], with: other) }

    /// The paths of this list in `runs` (ranges of positions, in order) merged with `other`, both
    /// in build order. Each path of `other` is placed by a binary search, and the paths between
    /// are copied a run at a time: merging the few files of a folder read again into the 100,000
    /// of a kept listing (`KeptListing`) copies a few blocks, not 100,000 paths one by one.
    func merged(runs: [Range<Int>], with other: PathList) -> PathList {
        var result = PathList()
        result.reserveCapacity(paths: runs.reduce(other.count) { $0 + $1.count }, bytes: bytes.count + other.bytes.count)
        let ascii = isASCII && other.isASCII
        withBlock { a, aStarts in
            other.withBlock { b, bStarts in
                // Whether path `j` of `other` goes before path `i` of this list.
                func before(_ j: Int, _ i: Int) -> Bool {
                    ascii ? strcmp(UnsafeRawPointer(b + bStarts[j]).assumingMemoryBound(to: CChar.self),
                                   UnsafeRawPointer(a + aStarts[i]).assumingMemoryBound(to: CChar.self)) < 0
                          : SourceListing.precedes(other[j], self[i])
                }
                var j = 0
                for run in runs {
                    var lo = run.lowerBound
                    while lo < run.upperBound {
                        guard j < other.count else { result.append(contentsOf: lo..<run.upperBound, of: self); break }
                        // The first path of the run that `other`'s next one goes before.
                        var k = lo, hi = run.upperBound
                        while k < hi { let mid = (k + hi) / 2; if before(j, mid) { hi = mid } else { k = mid + 1 } }
                        result.append(contentsOf: lo..<k, of: self)
                        if k < run.upperBound { result.append(j, of: other); j += 1 }
                        lo = k
                    }
                }
                result.append(contentsOf: j..<other.count, of: other)
            }
        }
        return result
    }

    /// The positions of the paths directly in `folder` (relative, "" for the top), in order, for a
    /// list sorted by bytes (`sorted` sorts an ASCII list so): the paths under a folder lie
    /// together, from where `folder/` would be, so they are found by a binary search and a scan of
    /// that folder's paths alone, no path hashed.
    func positions(directlyIn folder: String) -> [Int] {
        let prefix = folder.isEmpty ? [] : Array(folder.utf8) + [UInt8(ascii: "/")]
        return withBlock { base, starts in
            // Whether path `i` begins with `prefix`; else whether it sorts before it.
            func compare(_ i: Int) -> Int {
                let length = starts[i + 1] - starts[i] - 1
                let n = Swift.min(length, prefix.count)
                let c = n == 0 ? 0 : prefix.withUnsafeBytes { memcmp(base + starts[i], $0.baseAddress!, n) }
                if c != 0 { return c < 0 ? -1 : 1 }
                return length < prefix.count ? -1 : 0
            }
            var lo = 0, hi = count
            while lo < hi { let mid = (lo + hi) / 2; if compare(mid) < 0 { lo = mid + 1 } else { hi = mid } }
            var result: [Int] = []
            var i = lo
            while i < count && (prefix.isEmpty || compare(i) == 0) {
                let rest = starts[i] + prefix.count, length = starts[i + 1] - 1 - rest
                if memchr(base + rest, Int32(UInt8(ascii: "/")), length) == nil { result.append(i) }
                i += 1
            }
            return result
        }
    }

    /// Appends the paths of `other` at `range`, copied as one block, with their hashes.
    mutating func append(contentsOf range: Range<Int>, of other: PathList) {
        guard !range.isEmpty else { return }
        let lo = other.starts[range.lowerBound], hi = other.starts[range.upperBound], shift = bytes.count - lo
        bytes.append(contentsOf: other.bytes[lo..<hi])
        starts.append(contentsOf: other.starts[(range.lowerBound + 1)...range.upperBound].lazy.map { $0 + shift })
        hashes.append(contentsOf: other.hashes[range])
    }

    /// Whether every byte is ASCII.
    var isASCII: Bool { bytes.withUnsafeBytes(\.isAllASCII) }
}

extension PathList: CustomStringConvertible {
    /// The paths, as an array of strings prints them (test failures show this).
    var description: String { Array(self).description }
}

extension Array {
    /// Keeps an array beside a `PathList` in step with its `update`: the elements at `gone` taken
    /// out and `element` put in at each of `placed` (as `update` returned them), where the array
    /// lies for a few (`PathList.inPlaceLimit`), else in one pass.
    mutating func follow(removing gone: Set<Int>, inserting element: Element, at placed: [Int]) {
        if gone.count + placed.count <= PathList.inPlaceLimit {
            for i in gone.sorted(by: >) { remove(at: i) }
            for at in placed { insert(element, at: at) }
            return
        }
        let total = count - gone.count + placed.count
        var result: [Element] = []
        result.reserveCapacity(total)
        var p = 0, old = 0
        while result.count < total {
            if p < placed.count && placed[p] == result.count { result.append(element); p += 1; continue }
            while gone.contains(old) { old += 1 }
            result.append(self[old]); old += 1
        }
        self = result
    }
}
