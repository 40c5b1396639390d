import Foundation
/// An inverted index of hashed word runs, turned into candidate article pairs.
///
/// Built in two passes so that memory and sorting follow the shared text,
/// not the archive: the first pass counts every run's hash in a table of
/// saturating 2-bit counters; the second keeps only runs whose counter says
/// "seen at least twice" (a few unshared runs slip through on collisions and
/// are dropped when grouped), then sorts those by hash.
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

    init(texts: [TokenizedText], size: Int, maxArticles: Int) {
        self.maxArticles = maxArticles
        let total = texts.reduce(0) { $0 + max(0, $1.count - size + 1) }
        // 2-bit counters, about four slots per run: 16 runs per UInt32 word.
        var slots = 1 << 16
        while slots < total * 4 { slots <<= 1 }
        var counters = [UInt32](repeating: 0, count: slots / 16)
        let mask = UInt64(slots - 1)
        for text in texts { ShingleIndex.forEachRun(text, size) { h, _ in
            let slot = Int(h & mask), word = slot >> 4, shift = UInt32((slot & 15) * 2)
            let c = (counters[word] >> shift) & 3
            if c < 2 { counters[word] += 1 << shift }
        } }
        let kept = ParallelMap.map(Array(texts.indices), chunk: 64) { d -> [Posting] in
            var out: [Posting] = []
            ShingleIndex.forEachRun(texts[d], size) { h, p in
                let slot = Int(h & mask)
                if (counters[slot >> 4] >> UInt32((slot & 15) * 2)) & 3 >= 2 {
                    out.append(Posting(hash: h, article: UInt32(d), position: UInt32(p)))
                }
            }
            return out
        }
        postings = kept.flatMap { $0 }
        if ProcessInfo.processInfo.environment["CONCORD_PROFILE"] != nil { print("    runs \(total), kept \(postings.count)") }
        postings.sort { $0.hash != $1.hash ? $0.hash < $1.hash
            : ($0.article != $1.article ? $0.article < $1.article : $0.position < $1.position) }
    }

    /// Calls `body(hash, position)` for every run of `size` words.
    @inline(__always)
    static func forEachRun(_ text: TokenizedText, _ size: Int, _ body: (UInt64, Int) -> Void) {
        let tokens = text.tokens
        guard tokens.count >= size else { return }
        tokens.withUnsafeBufferPointer { t in
            for p in 0...(t.count - size) {
                var h: UInt64 = 0x9E37_79B9_7F4A_7C15
                for k in 0..<size { h = (h ^ t[p + k].key) &* 0x0000_0100_0000_01B3; h ^= h >> 29 }
                body(h, p)
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
    func candidatePairs() -> [Pair] {
        var slots = 1 << 16
        while slots < postings.count * 8 && slots < 1 << 26 { slots <<= 1 }
        let sketch = PairSketch(slotsPerRow: slots)
        forEachPair { key, _, _ in sketch.add(key) }
        var anchors: [UInt64: [(Int32, Int32)]] = [:]
        forEachPair { key, pa, pb in
            if sketch.count(key) >= 2 { anchors[key, default: []].append((pa, pb)) }
        }
        return anchors.filter { $0.value.count >= 2 }.keys.sorted().map { key in
            Pair(a: Int(key >> 32), b: Int(key & 0xFFFF_FFFF), anchors: anchors[key]!.sorted { $0 < $1 })
        }
    }

    /// Word positions, per article, covered by runs too common to index (boilerplate):
    /// alignments are cut there, so a shared passage never runs on into a footer.
    func boilerplate(runLength: Int) -> [Int: Set<Int>] {
        var result: [Int: Set<Int>] = [:]
        var i = 0
        while i < postings.count {
            var j = i + 1
            var distinct = 1
            while j < postings.count, postings[j].hash == postings[i].hash {
                if postings[j].article != postings[j - 1].article { distinct += 1 }
                j += 1
            }
            if distinct > maxArticles {
                for k in i..<j {
                    let p = Int(postings[k].position)
                    result[Int(postings[k].article), default: []].formUnion(p..<(p + runLength))
                }
            }
            i = j
        }
        return result
    }

    /// Calls `body(pair key, position in a, position in b)` for each pair of
    /// postings of one run in two different articles (article a < article b).
    private func forEachPair(_ body: (UInt64, Int32, Int32) -> Void) {
        var i = 0
        while i < postings.count {
            var j = i + 1
            while j < postings.count, postings[j].hash == postings[i].hash { j += 1 }
            if j - i >= 2 {
                var distinct = 1
                for k in (i + 1)..<j where postings[k].article != postings[k - 1].article { distinct += 1 }
                if distinct >= 2 && distinct <= maxArticles && j - i <= maxArticles * 2 {
                    for x in i..<j {
                        for y in (x + 1)..<j where postings[y].article != postings[x].article {
                            body(UInt64(postings[x].article) << 32 | UInt64(postings[y].article),
                                 Int32(postings[x].position), Int32(postings[y].position))
                        }
                    }
                }
            }
            i = j
        }
    }
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
