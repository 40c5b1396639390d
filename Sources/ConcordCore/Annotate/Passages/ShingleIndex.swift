/// An inverted index of hashed word runs, turned into candidate article pairs.
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
        let perText = ParallelMap.map(Array(texts.indices)) { d -> [Posting] in
            let tokens = texts[d].tokens
            guard tokens.count >= size else { return [] }
            var out: [Posting] = []
            out.reserveCapacity(tokens.count - size + 1)
            for p in 0...(tokens.count - size) {
                var h: UInt64 = 0x9E37_79B9_7F4A_7C15
                for k in 0..<size { h = (h ^ tokens[p + k].key) &* 0x0000_0100_0000_01B3; h ^= h >> 29 }
                out.append(Posting(hash: h, article: UInt32(d), position: UInt32(p)))
            }
            return out
        }
        postings = perText.flatMap { $0 }
        postings.sort { ($0.hash, $0.article, $0.position) < ($1.hash, $1.article, $1.position) }
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
        return anchors.keys.sorted().map { key in
            Pair(a: Int(key >> 32), b: Int(key & 0xFFFF_FFFF), anchors: anchors[key]!.sorted { $0 < $1 })
        }
    }
}
