import Foundation

/// The archive as the renderer sees it: articles and annotations with the lookups pages need.
///
/// Built once per build; every page reads from it, none recomputes.
public struct SiteModel: Sendable {
    public let articles: [Article]                // newest first
    public let articlesByID: [Article]
    public let annotations: Annotations
    public let articleIndex: [String: Int]        // id → position in `articles`
    public let witnessesByArticle: [String: [(passage: Int, witness: Witness)]]
    public let quotesByArticle: [String: [Quote]]
    public let speakers: [Speaker]
    public let speakerSlugByName: [String: String]
    public let passageIndex: [String: Int]
    /// Each passage's distinct articles, in witness order (`Passage.articleIDs`, computed once).
    public let passageArticles: [[String]]
    /// Per article id: words in the body, and words inside some witness.
    public let wordStats: [String: (words: Int, shared: Int)]
    /// Words in each witness, keyed by article id and start offset.
    public let witnessWords: [String: [Int: Int]]
    /// Per article (as in `articles`), digests page keys take instead of hashing the
    /// same strings for every page that names the article: `listed`, what lists of
    /// articles show (its bytes' checksum, title, date, credits); `named`, its id,
    /// title and date.
    let listedKeys: [UInt64], namedKeys: [UInt64]
    /// Per passage, a digest of its articles' `namedKeys` in witness order: what an article
    /// page shows of the other articles carrying a passage (hashed once per passage, not
    /// once per copy and article: a passage copied dozens of times took thousands of lookups).
    let passageArticlesKeys: [UInt64]

    /// A speaker across the archive, with every quote attributed to them.
    public struct Speaker: Sendable {
        public let name: String
        public let kind: SpeakerKind
        public let slug: String
        public let quotes: [Quote]
    }

    /// - Parameter texts: the tokenized bodies of `unsorted`, in the same order (nil to tokenize here).
    public init(articles unsorted: [Article], annotations: Annotations, texts: [TokenizedText]? = nil) {
        let witnesses = SiteModel.witnessRanges(annotations)
        let stats = ParallelMap.map(Array(unsorted.indices)) { i -> ArticleWordStats in
            let a = unsorted[i]
            return ArticleWordStats(text: texts?[i] ?? WordTokenizer().tokenize(a.source, in: a.body),
                                    witnesses: witnesses[a.id] ?? [])
        }
        self.init(articles: unsorted, annotations: annotations,
                  wordStats: Dictionary(uniqueKeysWithValues: zip(unsorted.map(\.id), stats)))
    }

    /// Each article's witness ranges, sorted by start: what its word counts depend on.
    static func witnessRanges(_ annotations: Annotations) -> [String: [Range<Int>]] {
        var result: [String: [Range<Int>]] = [:]
        for p in annotations.passages { for w in p.witnesses { result[w.article, default: []].append(w.range) } }
        return result.mapValues { $0.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) } }
    }

    /// - Parameter wordStats: per article id, its word counts (`ArticleWordStats`).
    init(articles unsorted: [Article], annotations: Annotations, wordStats stats: [String: ArticleWordStats]) {
        // The loader gives articles in id order; sorted here only when they are not.
        // The quotes' lookups (by article, by speaker) are built on a thread of their own meanwhile.
        let quoteLookups = Background { [quotes = annotations.quotes] in Self.quoteLookups(quotes) }
        articlesByID = zip(unsorted, unsorted.dropFirst()).allSatisfy({ $0.id < $1.id }) ? unsorted : unsorted.sorted { $0.id < $1.id }
        let byID = articlesByID
        articles = Article.chronological(byID, newestFirst: true).map { byID[$0] }
        self.annotations = annotations
        articleIndex = Dictionary(uniqueKeysWithValues: articles.enumerated().map { ($1.id, $0) })
        let digests = ParallelMap.map(articles, chunk: 256) { a -> (UInt64, UInt64) in
            var listed = PageKey(seed: a.contentHash)
            listed.add(a.title); listed.add(a.date)
            listed.add(UInt64(a.credits.count)); for c in a.credits { listed.add(c) }
            var named = PageKey(seed: 1)
            named.add(a.id); named.add(a.title); named.add(a.date)
            return (listed.value, named.value)
        }
        listedKeys = digests.map(\.0); namedKeys = digests.map(\.1)
        passageIndex = Dictionary(uniqueKeysWithValues: annotations.passages.enumerated().map { ($1.id, $0) })
        passageArticles = annotations.passages.map(\.articleIDs)
        passageArticlesKeys = passageArticles.map { [articleIndex, namedKeys] ids in
            var key = PageKey(seed: 2)
            key.add(UInt64(ids.count))
            for id in ids { if let o = articleIndex[id] { key.add(namedKeys[o]) } else { key.add(id) } }
            return key.value
        }
        var byArticle: [String: [(passage: Int, witness: Witness)]] = [:]
        for (p, passage) in annotations.passages.enumerated() {
            for w in passage.witnesses { byArticle[w.article, default: []].append((p, w)) }
        }
        witnessesByArticle = byArticle.mapValues { $0.sorted { $0.witness.start < $1.witness.start } }
        wordStats = stats.mapValues { (words: $0.words, shared: $0.shared) }
        witnessWords = stats.mapValues { Dictionary($0.perWitness, uniquingKeysWith: { a, _ in a }) }
        (quotesByArticle, speakers, speakerSlugByName) = quoteLookups.value()
    }

    /// Each article's quotes by start, and the speakers: one per canonical name and kind, slugs unique.
    private static func quoteLookups(_ quotes: [Quote]) -> ([String: [Quote]], [Speaker], [String: String]) {
        let byArticle = Dictionary(grouping: quotes, by: \.article).mapValues { $0.sorted { $0.start < $1.start } }
        var grouped: [String: (SpeakerKind, [Quote])] = [:]
        for q in quotes {
            guard let s = q.speaker else { continue }
            grouped[s.name, default: (s.kind, [])].1.append(q)
        }
        var slugs = Set<String>()
        var list: [Speaker] = []
        var slugByName: [String: String] = [:]
        for name in grouped.keys.sorted() {
            let (kind, quotes) = grouped[name]!
            var slug = Slug.make(name)
            var n = 2
            while !slugs.insert(slug).inserted { slug = Slug.make(name) + "-\(n)"; n += 1 }
            slugByName[name] = slug
            list.append(Speaker(name: name, kind: kind, slug: slug, quotes: quotes))
        }
        return (byArticle, list, slugByName)
    }

    public func article(_ id: String) -> Article? { articleIndex[id].map { articles[$0] } }

}

/// URL-safe names for speaker folders.
public enum Slug {
    public static func make(_ text: String) -> String {
        ASCIIName.make(text.lowercased(), fallback: "speaker")
    }
}

/// Words in an article's body, how many lie inside some witness, and how many in each.
struct ArticleWordStats: Sendable, Equatable {
    var words: Int
    var shared: Int
    /// (witness start offset, words in it), by start.
    var perWitness: [(Int, Int)]
    /// The witness ranges these counts are for.
    var witnesses: [Range<Int>]

    init(words: Int, shared: Int, perWitness: [(Int, Int)], witnesses: [Range<Int>]) {
        self.words = words; self.shared = shared; self.perWitness = perWitness; self.witnesses = witnesses
    }

    init(text: TokenizedText, witnesses ranges: [Range<Int>]) {
        var perWitness: [Int: Int] = [:]
        var shared = 0
        for t in text.tokens {
            var inside = false
            for r in ranges where r.contains(Int(t.start)) { perWitness[r.lowerBound, default: 0] += 1; inside = true }
            if inside { shared += 1 }
        }
        self.init(words: text.count, shared: shared, perWitness: perWitness.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                  witnesses: ranges)
    }

    static func == (a: Self, b: Self) -> Bool {
        a.words == b.words && a.shared == b.shared && a.witnesses == b.witnesses
            && a.perWitness.elementsEqual(b.perWitness, by: { $0 == $1 })
    }
}
