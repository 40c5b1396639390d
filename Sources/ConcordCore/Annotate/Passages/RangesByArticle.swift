/// Byte ranges grouped by article index, each article's sorted by start: one flat array
/// and where each article's part begins (no array per article; `Buckets`).
///
/// The clusterer gives each article's witnesses this way, for word counts: gathered
/// from the passages by article id instead, into a dictionary of arrays sorted one by
/// one, they took 34–60 ms of every build at 100,000 articles.
struct RangesByArticle: Sendable, Equatable {
    private var buckets: Buckets<Range<Int>>

    /// Ranges given in any order: bucketed by article (a counting sort), each article's sorted by start.
    init(articles: Int, unordered pairs: some Collection<(article: Int, range: Range<Int>)>) {
        buckets = Buckets(count: articles, pairs.lazy.map { (bucket: $0.article, item: $0.range) })
        buckets.sortEach { $0.lowerBound < $1.lowerBound }
    }

    /// Article `a`'s ranges are `ranges[starts[a]..<starts[a + 1]]`.
    var starts: [Int] { buckets.starts }
    var ranges: [Range<Int>] { buckets.items }

    subscript(article: Int) -> ArraySlice<Range<Int>> { buckets[article] }
}
