/// A build's passages as the cache keeps them: each one's id, and each witness's article (by
/// position among that build's articles, in id order), start and end.
///
/// Witnesses name their article by position, not by id: the cache keeps no article ids
/// (`BuildState.articleHashes`), and the next build gives the witnesses of a passage it carries
/// over the ids of its own articles (`witnesses(of:articleID:)`), strings it already holds.
/// Read back as `Passage`s, 200,000 witnesses at 100,000 articles each took a string from a
/// table of 100,000 ids decoded at every build.
struct StoredPassages: Sendable, Equatable {
    var ids: [String] = []
    /// The first-choice ids (`WitnessClusterer.Clusters.firstChoices`) that are not the
    /// passage's id, by passage: those an earlier passage took first (almost always none).
    var clashes: [Int: String] = [:]
    /// Passage `p`'s witnesses are `articles[starts[p]..<starts[p + 1]]` (and the same of `ranges`).
    var starts: [Int] = [0]
    var articles: [Int32] = []
    var ranges: [Range<Int>] = []

    init() {}

    /// `passages`, each witness's article given by `articles` (all passages' in one array, in
    /// order), with each one's first-choice id; nil when `articles` does not give one for every
    /// witness, or `firstChoices` one for every passage.
    init?(_ passages: [Passage], articles: [Int32], firstChoices: [String]) {
        guard articles.count == passages.reduce(0, { $0 + $1.witnesses.count }), firstChoices.count == passages.count else { return nil }
        ids.reserveCapacity(passages.count); starts.reserveCapacity(passages.count + 1); ranges.reserveCapacity(articles.count)
        for p in passages {
            ids.append(p.id)
            for w in p.witnesses { ranges.append(w.range) }
            starts.append(ranges.count)
        }
        self.articles = articles
        for (p, choice) in firstChoices.enumerated() where choice != ids[p] { clashes[p] = choice }
    }

    var count: Int { ids.count }

    /// Passage `p`'s first-choice id: what the next build gives it while its first copy stays.
    func firstChoice(of p: Int) -> String { clashes[p] ?? ids[p] }

    /// The positions of passage `p`'s witnesses in `articles` and `ranges`.
    func witnessIndices(of p: Int) -> Range<Int> { starts[p]..<starts[p + 1] }

    /// Passage `p`'s witnesses, each article's id given by `articleID` (from its position in `articles`).
    func witnesses(of p: Int, articleID: (Int32) -> String) -> [Witness] {
        witnessIndices(of: p).map { Witness(article: articleID(articles[$0]), start: ranges[$0].lowerBound, end: ranges[$0].upperBound) }
    }
}
