/// Byte ranges grouped by article index, each article's sorted by start: one flat array
/// and where each article's part begins (no array per article).
///
/// The clusterer gives each article's witnesses this way, for word counts: gathered
/// from the passages by article id instead, into a dictionary of arrays sorted one by
/// one, they took 34–60 ms of every build at 100,000 articles.
struct RangesByArticle: Sendable, Equatable {
    /// Article `a`'s ranges are `ranges[starts[a]..<starts[a + 1]]`.
    private(set) var starts: [Int]
    private(set) var ranges: [Range<Int>]

    /// No ranges for `articles` articles.
    init(articles: Int) { starts = [Int](repeating: 0, count: articles + 1); ranges = [] }

    /// Ranges given article by article, in article order: `add(a, r)` with `a` never decreasing.
    init(articles: Int, _ fill: (_ add: (Int, Range<Int>) -> Void) -> Void) {
        var starts = [Int](repeating: 0, count: articles + 1), ranges: [Range<Int>] = []
        var last = 0
        fill { a, r in
            precondition(a >= last, "ranges are added in article order")
            while last < a { last += 1; starts[last] = ranges.count }
            ranges.append(r)
        }
        while last < articles { last += 1; starts[last] = ranges.count }
        self.starts = starts; self.ranges = ranges
    }

    /// Ranges given in any order: bucketed by article (a counting sort), each article's sorted by start.
    init(articles: Int, unordered pairs: some Collection<(article: Int, range: Range<Int>)>) {
        var buckets = Buckets(count: articles, pairs.lazy.map { (bucket: $0.article, item: $0.range) })
        buckets.sortEach { $0.lowerBound < $1.lowerBound }
        self.starts = buckets.starts; self.ranges = buckets.items
    }

    subscript(article: Int) -> ArraySlice<Range<Int>> { ranges[starts[article]..<starts[article + 1]] }
}
