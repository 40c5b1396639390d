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
    /// Passage `p`'s witnesses are `articles[starts[p]..<starts[p + 1]]` (and the same of `ranges`).
    var starts: [Int] = [0]
    var articles: [Int32] = []
    var ranges: [Range<Int>] = []

    init() {}

    /// `passages`, each witness's article given by `articles` (all passages' in one array, in
    /// order); nil when `articles` does not give one for every witness.
    init?(_ passages: [Passage], articles: [Int32]) {
        guard articles.count == passages.reduce(0, { $0 + $1.witnesses.count }) else { return nil }
        ids.reserveCapacity(passages.count); starts.reserveCapacity(passages.count + 1); ranges.reserveCapacity(articles.count)
        for p in passages {
            ids.append(p.id)
            for w in p.witnesses { ranges.append(w.range) }
            starts.append(ranges.count)
        }
        self.articles = articles
    }

    var count: Int { ids.count }

    /// The positions of passage `p`'s witnesses in `articles` and `ranges`.
    func witnessIndices(of p: Int) -> Range<Int> { starts[p]..<starts[p + 1] }

    /// Passage `p`'s witnesses, each article's id given by `articleID` (from its position in `articles`).
    func witnesses(of p: Int, articleID: (Int32) -> String) -> [Witness] {
        witnessIndices(of: p).map { Witness(article: articleID(articles[$0]), start: ranges[$0].lowerBound, end: ranges[$0].upperBound) }
    }
}
