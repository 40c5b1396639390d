import Foundation
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
        public init() {}
    }

    public let options: Options
    public init(options: Options = .init()) { self.options = options }

    public func find(in articles: [Article], texts: [TokenizedText]) -> [Passage] {
        let c = ContinuousClock(); var t = c.now
        func lap(_ n: String) { if ProcessInfo.processInfo.environment["CONCORD_PROFILE"] != nil { print("    \(n) \(c.now - t)") }; t = c.now }
        let index = ShingleIndex(texts: texts, size: options.shingle, maxArticles: options.boilerplateArticles)
        lap("index")
        let pairs = index.candidatePairs()
        let boilerplate = index.boilerplate(runLength: options.shingle)
        lap("pairs \(pairs.count)")
        let aligner = PairAligner(options: options)
        let edges = ParallelMap.map(pairs, chunk: 4) { pair in
            aligner.align(texts[pair.a], texts[pair.b], anchors: pair.anchors,
                          excludedA: boilerplate[pair.a] ?? [], excludedB: boilerplate[pair.b] ?? []).map { seg in
                WitnessClusterer.Edge(a: pair.a, aTokens: seg.a, b: pair.b, bTokens: seg.b)
            }
        }.flatMap { $0 }
        lap("align \(edges.count)")
        defer { lap("cluster") }
        return WitnessClusterer(articles: articles, texts: texts).passages(from: edges)
    }
}
