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

    /// Every pair of distinct articles sharing a run carried by at most `maxArticles` articles.
    func candidatePairs() -> [Pair] {
        var anchors: [UInt64: [(Int32, Int32)]] = [:]
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
                            let key = UInt64(postings[x].article) << 32 | UInt64(postings[y].article)
                            anchors[key, default: []].append((Int32(postings[x].position), Int32(postings[y].position)))
                        }
                    }
                }
            }
            i = j
        }
        // One shared run alone is a coincidence, not a passage: a passage of the
        // shortest length has several, and even heavy editing leaves two.
        return anchors.filter { $0.value.count >= 2 }.keys.sorted().map { key in
            Pair(a: Int(key >> 32), b: Int(key & 0xFFFF_FFFF), anchors: anchors[key]!.sorted { $0 < $1 })
        }
    }
}
