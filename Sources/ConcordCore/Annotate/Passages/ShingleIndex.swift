import Foundation

/// An inverted index of hashed word runs, turned into candidate article pairs.
///
/// Built by radix partitioning so that the work stays in cache and on all
/// cores as the archive grows: runs are hashed per article (in parallel) into
/// 256 buckets by the hash's top byte; in each bucket (in parallel) only runs
/// found at least twice are kept, then sorted. The kept runs, bucket after
/// bucket, are sorted by hash.
struct ShingleIndex {
    /// Two articles sharing at least one run, with the word positions where they do.
    struct Pair: Sendable {
        let a: Int
        let b: Int
        /// (position in a, position in b), sorted.
        var anchors: [(Int32, Int32)]
    }

    private struct Posting { var hash: UInt64; var article: UInt32; var position: UInt32 }
    private var postings: [Posting] = []
    let maxArticles: Int
    /// How many runs were hashed, and how many were found at least twice (for profiling).
    private(set) var runCount = 0
    var keptCount: Int { postings.count }

    private static let bucketBits = 8

    /// - Parameter runs: each article's selected runs (`ArticleRuns.of`), in article order.
    init(runs: [ArticleRuns], maxArticles: Int) {
        self.maxArticles = maxArticles
        let buckets = 1 << Self.bucketBits
        let shift = UInt64(64 - Self.bucketBits)
        let chunkSize = max(1, runs.count / 64)
        let chunks = stride(from: 0, to: runs.count, by: chunkSize).map { $0..<min(runs.count, $0 + chunkSize) }
        let partial = ParallelMap.map(chunks, chunk: 1) { range -> [[Posting]] in
            var out = [[Posting]](repeating: [], count: buckets)
            for d in range {
                runs[d].withBytes { hashes, positions in
                    for k in 0..<runs[d].count {
                        let h = ArticleRuns.hash(hashes, k)
                        out[Int(h >> shift)].append(Posting(hash: h, article: UInt32(d), position: ArticleRuns.position(positions, k)))
                    }
                }
            }
            return out
        }
        runCount = partial.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        let kept = ParallelMap.map(Array(0..<buckets), chunk: 1) { b -> [Posting] in
            // Most runs are carried once (97 % at 10,000 articles): they are found with a table of
            // the bucket's hashes and dropped before the sort, which then orders only the rest.
            var seen = RepeatTable(capacity: partial.reduce(0) { $0 + $1[b].count })
            for part in partial { for p in part[b] { seen.add(p.hash) } }
            var out: [Posting] = []
            for part in partial { for p in part[b] where seen.isRepeated(p.hash) { out.append(p) } }
            out.sort { $0.hash != $1.hash ? $0.hash < $1.hash
                : ($0.article != $1.article ? $0.article < $1.article : $0.position < $1.position) }
            return out
        }
        postings = kept.flatMap { $0 }
    }

    /// Whether a run carried by `distinct` articles, `postings` times in all,
    /// pairs articles (shared, but neither boilerplate nor repeated too often).
    static func pairs(distinct: Int, postings: Int, maxArticles: Int) -> Bool {
        distinct >= 2 && distinct <= maxArticles && postings <= maxArticles * 2
    }

    /// Hashes of the runs carried by more than `maxArticles` articles.
    func boilerplateHashes() -> Set<UInt64> {
        var result = Set<UInt64>()
        forEachGroup { i, j, distinct in if distinct > maxArticles { result.insert(postings[i].hash) } }
        return result
    }

    private func forEachGroup(_ body: (Int, Int, Int) -> Void) {
        var i = 0
        while i < postings.count {
            var j = i + 1
            var distinct = 1
            while j < postings.count, postings[j].hash == postings[i].hash {
                if postings[j].article != postings[j - 1].article { distinct += 1 }
                j += 1
            }
            body(i, j, distinct)
            i = j
        }
    }

    /// Calls `body(hash, position)` for the runs of `size` words that winnowing
    /// selects: the smallest hash in every window of `window` consecutive runs
    /// (Schleimer, Wilkerson and Aiken's winnowing, as in MOSS). Two copies
    /// select the same runs where they agree, and any stretch of
    /// `window + size - 1` shared words has at least one selected run, so a
    /// passage of the shortest length keeps two anchors while the index holds
    /// about 2 / (window + 1) of all runs.
    @inline(__always)
    static func forEachRun(_ text: TokenizedText, _ size: Int, window: Int = 1, _ body: (UInt64, Int) -> Void) {
        let tokens = text.tokens
        guard tokens.count >= size else { return }
        tokens.withUnsafeBufferPointer { t in
            let runs = t.count - size + 1
            @inline(__always) func hash(_ p: Int) -> UInt64 {
                var h: UInt64 = 0x9E37_79B9_7F4A_7C15
                for k in 0..<size { h = (h ^ t[p + k].key) &* 0x0000_0100_0000_01B3; h ^= h >> 29 }
                return h
            }
            if window <= 1 || runs <= window {
                if window <= 1 { for p in 0..<runs { body(hash(p), p) } }
                else {
                    var best = 0, bestHash = hash(0)
                    for p in 1..<runs { let h = hash(p); if h <= bestHash { best = p; bestHash = h } }
                    body(bestHash, best)
                }
                return
            }
            // Sliding window minimum (rightmost on ties); report each new minimum position once.
            // Position p's hash sits in ring slot p % window; slots are stepped and wrapped,
            // not divided for (a division per word cost as much as hashing it).
            var ring = [UInt64](repeating: 0, count: window)
            for p in 0..<window { ring[p] = hash(p) }
            var minPos = -1, minSlot = 0
            var last = -1
            var endSlot = window - 1
            for end in (window - 1)..<runs {
                if end >= window {
                    endSlot = endSlot + 1 == window ? 0 : endSlot + 1
                    ring[endSlot] = hash(end)
                }
                let start = end - window + 1
                if minPos < start {
                    // The minimum left the window: scan it again, from its first slot.
                    minPos = start; minSlot = endSlot + 1 == window ? 0 : endSlot + 1
                    var slot = minSlot
                    for q in start...end {
                        if ring[slot] <= ring[minSlot] { minPos = q; minSlot = slot }
                        slot = slot + 1 == window ? 0 : slot + 1
                    }
                } else if ring[endSlot] <= ring[minSlot] {
                    minPos = end; minSlot = endSlot
                }
                if minPos != last { body(ring[minSlot], minPos); last = minPos }
            }
        }
    }

    /// Every pair of distinct articles sharing at least two runs, each carried by at most `maxArticles` articles.
    ///
    /// One shared run alone is a coincidence, not a passage: a passage of the
    /// shortest length has several, and even heavy editing leaves two. Pairs
    /// are counted first in a count-min sketch of fixed size, so pairs that
    /// meet once (the common case in a large archive: ordinary phrases
    /// shared by chance) are never stored; only pairs counted twice or more
    /// get their positions collected.
    ///
    /// The pairs are split by a hash of their key into one part per core, each
    /// counted and collected on its own (every part walks all runs, but counts
    /// and stores only its own pairs, which is where the time goes: two cache
    /// misses in the sketch per pair of postings). The result does not depend
    /// on the number of parts: the sketch only skips pairs met once, and pairs
    /// come out sorted by key.
    func candidatePairs(parts requested: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Pair] {
        var parts = 1
        while parts * 2 <= min(max(requested, 1), 16) { parts *= 2 }
        var slots = 1 << 16
        while slots < postings.count * 8 && slots < 1 << 26 { slots <<= 1 }
        let slotsPerPart = max(1 << 16, slots / parts)
        let found = ParallelMap.map(Array(0..<parts), chunk: 1) { part -> [Pair] in
            let sketch = PairSketch(slotsPerRow: slotsPerPart)
            forEachPair(part: part, of: parts) { key, _, _ in sketch.add(key) }
            var anchors: [UInt64: [(Int32, Int32)]] = [:]
            forEachPair(part: part, of: parts) { key, pa, pb in
                if sketch.count(key) >= 2 { anchors[key, default: []].append((pa, pb)) }
            }
            return anchors.compactMap { key, list in
                list.count >= 2 ? Pair(a: Int(key >> 32), b: Int(key & 0xFFFF_FFFF), anchors: list.sorted { $0 < $1 }) : nil
            }
        }
        return found.flatMap { $0 }.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    /// Calls `body(pair key, position in a, position in b)` for each pair of
    /// postings of one run in two different articles (article a < article b)
    /// whose key falls in part `part` of `parts` (a power of two).
    private func forEachPair(part: Int, of parts: Int, _ body: (UInt64, Int32, Int32) -> Void) {
        let shift = UInt64(64 - parts.trailingZeroBitCount)
        forEachGroup { i, j, distinct in
            guard Self.pairs(distinct: distinct, postings: j - i, maxArticles: maxArticles) else { return }
            for x in i..<j {
                for y in (x + 1)..<j where postings[y].article != postings[x].article {
                    let key = UInt64(postings[x].article) << 32 | UInt64(postings[y].article)
                    if parts > 1 && Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift) != part { continue }
                    body(key, Int32(postings[x].position), Int32(postings[y].position))
                }
            }
        }
    }
}

/// Which hashes were added more than once: open addressing over a power-of-two table at
/// most half full, keyed by the hash's bits (the hashes are already well mixed).
struct RepeatTable {
    private var keys: [UInt64]
    /// 0 empty, 1 added once, 2 added more than once.
    private var counts: [UInt8]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size); counts = [UInt8](repeating: 0, count: size); mask = size - 1
    }

    @inline(__always) private func slot(of h: UInt64) -> Int {
        var s = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while counts[s] != 0 && keys[s] != h { s = (s + 1) & mask }
        return s
    }

    @inline(__always) mutating func add(_ h: UInt64) {
        let s = slot(of: h)
        if counts[s] == 0 { keys[s] = h; counts[s] = 1 } else { counts[s] = 2 }
    }

    @inline(__always) func isRepeated(_ h: UInt64) -> Bool { counts[slot(of: h)] == 2 }
}

/// A count-min sketch of pair keys with saturating 2-bit counters (0, 1, 2, many):
/// at most 32 MB whatever the number of pairs; it may overcount, never undercount.
final class PairSketch {
    private static let rows = 2
    private let slotsPerRow: Int
    private var counters: [UInt32]

    /// - Parameter slotsPerRow: a power of two.
    init(slotsPerRow: Int) {
        self.slotsPerRow = slotsPerRow
        counters = [UInt32](repeating: 0, count: PairSketch.rows * slotsPerRow / 16)
    }

    @inline(__always) private func slot(_ key: UInt64, _ row: Int) -> Int {
        var h = key &* (row == 0 ? 0x9E37_79B9_7F4A_7C15 : 0xC2B2_AE3D_27D4_EB4F)
        h ^= h >> 31
        return row * slotsPerRow + Int(h & UInt64(slotsPerRow - 1))
    }

    @inline(__always) func add(_ key: UInt64) {
        for r in 0..<PairSketch.rows {
            let s = slot(key, r), w = s >> 4, shift = UInt32((s & 15) * 2)
            if (counters[w] >> shift) & 3 < 3 { counters[w] += 1 << shift }
        }
    }

    @inline(__always) func count(_ key: UInt64) -> Int {
        var m = 3
        for r in 0..<PairSketch.rows {
            let s = slot(key, r)
            m = min(m, Int((counters[s >> 4] >> UInt32((s & 15) * 2)) & 3))
        }
        return m
    }
}
