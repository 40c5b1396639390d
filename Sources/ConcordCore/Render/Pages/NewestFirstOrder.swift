/// A build's articles newest first (by day, then by id), as positions in its articles (which
/// are in id order), carried from the last build's order rather than sorted again.
///
/// Sorting made a key of every article's day, a visit to 100,000 objects scattered in memory,
/// and sorted them: 5–8 ms of every build at 100,000 articles. An article whose bytes are
/// unchanged has the same day and id, so the last build's order, its articles taken by their
/// place now, is this build's order for those; the new and edited ones are put in by binary
/// search, which visits about 17 articles for each.
enum NewestFirstOrder {
    /// - Parameters:
    ///   - previous: the last build's order, as positions in its articles.
    ///   - previousIndex: each article's position in the last build's articles (-1: new or
    ///     edited; `ArchiveDelta.previousIndex`), in the order of `articles`.
    ///   - articles: this build's articles, in id order.
    /// - Returns: nil when `previous` and `previousIndex` do not fit each other (then the order
    ///   is sorted), or when so many articles are new that sorting them all costs no more.
    static func carried(_ previous: [Int32], previousIndex: [Int32], articles: [Article]) -> [Int32]? {
        let count = articles.count
        guard previousIndex.count == count else { return nil }
        var now = [Int32](repeating: -1, count: previous.count)
        var fresh: [Int] = []
        for (i, j) in previousIndex.enumerated() {
            if j < 0 { fresh.append(i); continue }
            guard Int(j) < now.count, now[Int(j)] < 0 else { return nil }
            now[Int(j)] = Int32(i)
        }
        guard fresh.count <= max(64, count / 16) else { return nil }
        var kept: [Int32] = []
        kept.reserveCapacity(count)
        for j in previous {
            // (-2: taken already, the last build's article named twice.)
            guard j >= 0, Int(j) < now.count, now[Int(j)] != -2 else { return nil }
            if now[Int(j)] >= 0 { kept.append(now[Int(j)]); now[Int(j)] = -2 }
        }
        guard kept.count + fresh.count == count else { return nil }
        func key(_ i: Int) -> UInt64 { Article.chronologicalKey(articles[i], at: i, newestFirst: true) }
        // Each new one's place among the kept (the first kept one after it), in order.
        let placed = fresh.map { i -> (at: Int, key: UInt64, i: Int32) in
            let k = key(i)
            var lo = 0, hi = kept.count
            while lo < hi { let mid = (lo + hi) / 2; if key(Int(kept[mid])) < k { lo = mid + 1 } else { hi = mid } }
            return (lo, k, Int32(i))
        }.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
        var order: [Int32] = []
        order.reserveCapacity(count)
        var from = 0
        for p in placed {
            order.append(contentsOf: kept[from..<p.at]); order.append(p.i)
            from = p.at
        }
        order.append(contentsOf: kept[from...])
        return order
    }
}
