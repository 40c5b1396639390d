/// Finds text that several articles share and clusters it into passages.
///
/// Stages: (1) hash every run of `shingle` normalized words and index the
/// hashes, dropping runs found in more than `boilerplateArticles` articles;
/// (2) chain the shared runs of each article pair along their diagonal;
/// (3) align each chain word by word (`WordAligner.local`), which absorbs
/// spelling variants and small edits; (4) cut the alignment where one copy
/// interleaves a clause of its own (`InterleaveSplitter`); (5) merge each
/// article's overlapping or touching copies and cluster them across the
/// archive (`WitnessClusterer`). Only pairs that share a run are ever aligned.
public struct PassageFinder: Sendable {
    public struct Options: Sendable {
        /// Shortest shared run reported, in words.
        public var minWords = 12
        /// Words per hashed run (shingle) in the candidate index.
        public var shingle = 5
        /// A run carried by more articles than this is boilerplate and ignored.
        public var boilerplateArticles = 100
        /// Largest gap, in words, bridged when chaining shared runs of a pair.
        public var maxGap = 24
        /// Winnowing window: the index keeps one run in about (window + 1) / 2.
        public var window = 4
        public init() {}
    }

    public let options: Options
    public init(options: Options = .init()) { self.options = options }

    /// Where the passage stage spends its time, and how much it handled.
    public struct Profile: Sendable {
        public var index = 0.0, pairs = 0.0, align = 0.0, cluster = 0.0
        public var runs = 0, keptRuns = 0, candidatePairs = 0, alignedSegments = 0

        public var summary: String {
            String(format: "index %.0f ms (%d runs, %d shared), pairs %.0f ms (%d), align %.0f ms (%d segments), cluster %.0f ms",
                   index * 1000, runs, keptRuns, pairs * 1000, candidatePairs, align * 1000, alignedSegments, cluster * 1000)
        }
    }

    public func find(in articles: [Article], texts: [TokenizedText]) -> [Passage] {
        var profile = Profile()
        return find(in: articles, texts: texts, profile: &profile)
    }

    public func find(in articles: [Article], texts: [TokenizedText], profile: inout Profile) -> [Passage] {
        let runs = ParallelMap.map(texts) { ArticleRuns.of($0, size: options.shingle, window: options.window) }
        return find(in: articles, texts: texts, runs: runs, profile: &profile).passages
    }

    /// What the passage stage found and what an incremental build needs to redo part of it.
    struct Result {
        var passages: [Passage]
        /// Hashes of runs too common to index.
        var boilerplate: Set<UInt64>
        /// Every aligned segment, by article index.
        var edges: [WitnessClusterer.Edge]
        /// Each passage's first-choice id (`WitnessClusterer.Clusters.firstChoices`).
        var firstChoices: [String]
        /// Each article's witnesses, by article index.
        var witnessRanges: RangesByArticle
        /// Each witness's article, by index (`WitnessClusterer.Clusters.witnessArticles`).
        var witnessArticles: [Int32]
        /// Each edge's passage (`WitnessClusterer.Clusters.edgePassages`).
        var edgePassages: [Int32]
    }

    func find(in articles: [Article], texts: [TokenizedText], runs: [ArticleRuns], profile: inout Profile) -> Result {
        let clock = ContinuousClock()
        var t = clock.now
        func lap() -> Double { let now = clock.now; defer { t = now }; return (now - t).seconds }
        let index = ShingleIndex(runs: runs, maxArticles: options.boilerplateArticles)
        profile.index = lap()
        profile.runs = index.runCount
        profile.keptRuns = index.keptCount
        let pairs = index.candidatePairs()
        let boilerplateHashes = index.boilerplateHashes()
        // Word positions cut out of alignments, per article in some pair: the same rule
        // (`ArticleRuns.covered`) an incremental build applies.
        var boilerplate: [Int: Set<Int>] = [:]
        if !boilerplateHashes.isEmpty {
            let paired = Array(Set(pairs.flatMap { [$0.a, $0.b] })).sorted()
            let covered = ParallelMap.map(paired, chunk: 64) { runs[$0].covered(by: boilerplateHashes, runLength: options.shingle) }
            for (a, c) in zip(paired, covered) where !c.isEmpty { boilerplate[a] = c }
        }
        profile.pairs = lap()
        profile.candidatePairs = pairs.count
        let aligner = PairAligner(options: options)
        let edges = ParallelMap.map(pairs, chunk: 4) { pair in
            aligner.edges(articles, texts, pair.a, pair.b, anchors: pair.anchors,
                          excludedA: boilerplate[pair.a] ?? [], excludedB: boilerplate[pair.b] ?? [])
        }.flatMap { $0 }
        profile.align = lap()
        profile.alignedSegments = edges.count
        let clusters = WitnessClusterer(articles: articles).passages(from: edges, known: [:])
        profile.cluster = lap()
        return Result(passages: clusters.passages, boilerplate: boilerplateHashes, edges: edges, firstChoices: clusters.firstChoices,
                      witnessRanges: clusters.witnessRanges, witnessArticles: clusters.witnessArticles,
                      edgePassages: clusters.edgePassages)
    }
}

extension PairAligner {
    /// The aligned segments of articles `a` and `b` as clustering edges.
    func edges(_ articles: [Article], _ texts: [TokenizedText], _ a: Int, _ b: Int, anchors: [(Int32, Int32)],
               excludedA: Set<Int>, excludedB: Set<Int>) -> [WitnessClusterer.Edge] {
        align(texts[a], texts[b], anchors: anchors, excludedA: excludedA, excludedB: excludedB).map { seg in
            WitnessClusterer.Edge(a: a, aTokens: seg.a, aBytes: WitnessClusterer.bytes(of: seg.a, in: texts[a], articles[a]),
                                  b: b, bTokens: seg.b, bBytes: WitnessClusterer.bytes(of: seg.b, in: texts[b], articles[b]))
        }
    }
}
