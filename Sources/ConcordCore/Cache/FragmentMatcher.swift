/// Finds where the pieces an earlier build wrote lie, by key, for pieces asked for in
/// about the order they were written (the rows of a list page, the entries of
/// `annotations.json`): each key is compared with the few items after the last one
/// found, so a change that adds, removes or edits a few pieces needs no table.
///
/// A table of every item by key (what `Fragments.lookup` makes) took 20–85 ms for the
/// 100,000 rows of `index.html` and 50–155 ms for the 211,000 entries of
/// `annotations.json` at every build of a 100,000-article archive, most of it in memory
/// touched for the first time. The table is still made, once, when many keys are not
/// found near the cursor (pieces reordered, or the archive mostly new).
///
/// A key not found is made anew by the caller; the bytes are the same either way (equal
/// keys, equal bytes), so the matcher's choices change only what is reused, never the output.
struct FragmentMatcher {
    private let items: [Fragments.Item]
    private let fileSize: Int
    /// The item after the last one found.
    private var next = 0
    private var misses = 0
    private var table: [UInt64: Int]?

    /// How many items past the cursor a key is looked for (a run of up to this many removed pieces is skipped).
    static let window = 8
    /// Keys not found near the cursor before the table is made.
    static let missesBeforeTable = 64

    init(_ fragments: Fragments, fileSize: Int) {
        items = fragments.items; self.fileSize = fileSize
    }

    /// The bytes of the earlier piece with this key, if one lies inside the file.
    mutating func range(of key: UInt64) -> Range<Int>? { item(of: key).flatMap(range(at:)) }

    /// The ranges of `keys`, in order.
    mutating func ranges(of keys: [UInt64]) -> [Range<Int>?] { keys.map { range(of: $0) } }

    /// The earlier pieces with `keys`, in order (nil where none lies inside the file), with their checksums.
    mutating func pieces(of keys: [UInt64]) -> [(range: Range<Int>, checksum: UInt64)?] {
        keys.map { key in item(of: key).flatMap { i in range(at: i).map { ($0, items[i].checksum) } } }
    }

    /// Where among the items the earlier piece with this key is, if one lies inside the file.
    private mutating func item(of key: UInt64) -> Int? {
        var k = next
        let end = min(items.count, next + Self.window)
        while k < end {
            if items[k].key == key, range(at: k) != nil { next = k + 1; return k }
            k += 1
        }
        misses += 1
        guard misses > Self.missesBeforeTable else { return nil }
        if table == nil {
            var t: [UInt64: Int] = [:]
            t.reserveCapacity(items.count)
            for (i, item) in items.enumerated() where range(at: i) != nil { t[item.key] = i }
            table = t
        }
        guard let i = table![key] else { return nil }
        next = i + 1
        return i
    }

    private func range(at i: Int) -> Range<Int>? {
        let item = items[i]
        guard item.start >= 0, item.count >= 0, item.start <= fileSize - item.count else { return nil }
        return item.start..<(item.start + item.count)
    }
}
