/// Redoes the passage stage after some articles changed, aligning only the
/// pairs that involve a changed article and reusing every other alignment.
///
/// Gives the same edges as a full `PassageFinder` run, because a pair's
/// alignment depends only on its two texts, the runs they share that pair
/// articles, and the boilerplate runs cut out of them. A change can alter
/// the last two for other pairs only by moving a run across a threshold
/// (to boilerplate, or past `pairs(distinct:postings:)`); then `update`
/// returns nil and the caller runs the full stage.
struct PassageUpdate {
    let options: PassageFinder.Options

    struct Input {
        /// Every article now, in id order, with its runs.
        var articles: [Article]
        var runs: [ArticleRuns]
        /// Indices of articles that are new or whose text changed.
        var changed: Set<Int>
        /// The runs of the replaced versions of edited articles and of deleted articles.
        var oldRuns: [ArticleRuns]
        /// Boilerplate hashes of the previous build.
        var boilerplate: Set<UInt64>
        /// Edges of the previous build between two unchanged articles, by current index.
        var keptEdges: [WitnessClusterer.Edge]
    }

    struct Output {
        var edges: [WitnessClusterer.Edge]
        var boilerplate: Set<UInt64>
        var alignedPairs: Int
    }

    /// - Parameter text: the tokenized body of article `i` (called for changed articles and their partners only).
    func update(_ input: Input, text: (Int) -> TokenizedText) -> Output? {
        let maxArticles = options.boilerplateArticles
        // Runs from a damaged cache shard are not read: the caller annotates everything anew.
        guard input.oldRuns.allSatisfy(\.isIntact), input.runs.allSatisfy(\.isIntact) else { return nil }
        // The hashes whose counts the change can move.
        var touched: [UInt64] = []
        for c in input.changed { touched += input.runs[c].hashes }
        for r in input.oldRuns { touched += r.hashes }
        touched.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(touched.count)
        for h in touched where unique.last != h { unique.append(h) }
        guard !unique.isEmpty else {
            return Output(edges: input.keptEdges, boilerplate: input.boilerplate, alignedPairs: 0)
        }

        // Postings of those hashes across the archive, in (article, position) order: every
        // article's runs checked against a 65,536-bit filter of the touched hashes (a few
        // hundred, so almost every run is passed over with one load), in parallel by chunks.
        typealias Posting = (article: Int32, position: Int32)
        var filter = [UInt64](repeating: 0, count: 1024)
        for h in unique { let b = Int(truncatingIfNeeded: h & 0xFFFF); filter[b >> 6] |= 1 << UInt64(b & 63) }
        let chunk = max(256, input.runs.count / 16)
        let parts = ParallelMap.map(Array(stride(from: 0, to: input.runs.count, by: chunk)), chunk: 1) { start -> [[Posting]] in
            var postings = [[Posting]](repeating: [], count: unique.count)
            unique.withUnsafeBufferPointer { u in
                filter.withUnsafeBufferPointer { bits in
                    for d in start..<min(input.runs.count, start + chunk) {
                        let runs = input.runs[d]
                        runs.withBytes { h, p in
                            for i in 0..<runs.count {
                                let v = ArticleRuns.hash(h, i), b = Int(truncatingIfNeeded: v & 0xFFFF)
                                guard bits[b >> 6] & (1 << UInt64(b & 63)) != 0 else { continue }
                                var lo = 0, hi = u.count
                                while lo < hi { let mid = (lo + hi) / 2; if u[mid] < v { lo = mid + 1 } else { hi = mid } }
                                if lo < u.count && u[lo] == v { postings[lo].append((Int32(d), Int32(ArticleRuns.position(p, i)))) }
                            }
                        }
                    }
                }
            }
            return postings
        }
        var postings = [[Posting]](repeating: [], count: unique.count)
        for part in parts { for j in part.indices where !part[j].isEmpty { postings[j].append(contentsOf: part[j]) } }
        var oldCount = [Int](repeating: 0, count: unique.count)
        var oldDistinct = [Int](repeating: 0, count: unique.count)
        for r in input.oldRuns {
            var last = -1
            for h in r.hashes {
                let j = unique.sortedPosition(of: h)
                oldCount[j] += 1
                if last != j { oldDistinct[j] += 1; last = j }
            }
        }

        var boilerplate = input.boilerplate
        for j in unique.indices {
            let list = postings[j]
            var distinct = 0, others = 0, otherCount = 0
            var last: Int32 = -1
            for p in list {
                let isOther = !input.changed.contains(Int(p.article))
                if isOther { otherCount += 1 }
                if p.article != last { distinct += 1; if isOther { others += 1 }; last = p.article }
            }
            let beforeDistinct = others + oldDistinct[j], beforeCount = otherCount + oldCount[j]
            let wasBoilerplate = beforeDistinct > maxArticles, isBoilerplate = distinct > maxArticles
            // The previous build must agree, or the cache does not describe this archive.
            guard wasBoilerplate == input.boilerplate.contains(unique[j]) else { return nil }
            if others >= 1 && wasBoilerplate != isBoilerplate { return nil }
            if others >= 2 && ShingleIndex.pairs(distinct: beforeDistinct, postings: beforeCount, maxArticles: maxArticles)
                != ShingleIndex.pairs(distinct: distinct, postings: list.count, maxArticles: maxArticles) { return nil }
            if isBoilerplate { boilerplate.insert(unique[j]) } else { boilerplate.remove(unique[j]) }
        }

        // Candidate pairs that involve a changed article: at least two anchors.
        var anchors: [UInt64: [(Int32, Int32)]] = [:]
        for j in unique.indices {
            let list = postings[j]
            guard ShingleIndex.pairs(distinct: Set(list.map(\.article)).count, postings: list.count, maxArticles: maxArticles) else { continue }
            for x in list.indices {
                for y in (x + 1)..<list.count where list[y].article != list[x].article {
                    guard input.changed.contains(Int(list[x].article)) || input.changed.contains(Int(list[y].article)) else { continue }
                    anchors[UInt64(list[x].article) << 32 | UInt64(list[y].article), default: []]
                        .append((list[x].position, list[y].position))
                }
            }
        }
        let pairs = anchors.filter { $0.value.count >= 2 }.keys.sorted()
        var texts: [Int: TokenizedText] = [:]
        for key in pairs { for i in [Int(key >> 32), Int(key & 0xFFFF_FFFF)] where texts[i] == nil { texts[i] = text(i) } }
        let aligner = PairAligner(options: options)
        var fresh: [WitnessClusterer.Edge] = []
        for key in pairs {
            let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
            let ta = texts[a]!, tb = texts[b]!
            let segments = aligner.align(ta, tb, anchors: anchors[key]!.sorted { $0 < $1 },
                                         excludedA: input.runs[a].covered(by: boilerplate, runLength: options.shingle),
                                         excludedB: input.runs[b].covered(by: boilerplate, runLength: options.shingle))
            for seg in segments {
                fresh.append(WitnessClusterer.Edge(
                    a: a, aTokens: seg.a, aBytes: WitnessClusterer.bytes(of: seg.a, in: ta, input.articles[a]),
                    b: b, bTokens: seg.b, bBytes: WitnessClusterer.bytes(of: seg.b, in: tb, input.articles[b])))
            }
        }
        // The kept edges and the new ones in one array sized once (appending to the kept ones
        // copied them, shared as they are, into one twice their size: 28 MB at 100,000 articles).
        var edges: [WitnessClusterer.Edge] = []
        edges.reserveCapacity(input.keptEdges.count + fresh.count)
        edges += input.keptEdges; edges += fresh
        return Output(edges: edges, boilerplate: boilerplate, alignedPairs: pairs.count)
    }
}
