import Foundation

/// The archive as the renderer sees it: articles and annotations with the lookups pages need.
///
/// Built once per build; every page reads from it, none recomputes.
public struct SiteModel: Sendable {
    public let articles: [Article]                // newest first
    public let annotations: Annotations
    public let articleIndex: [String: Int]        // id → position in `articles`
    public let witnessesByArticle: [String: [(passage: Int, witness: Witness)]]
    public let quotesByArticle: [String: [Quote]]
    public let speakers: [Speaker]
    public let speakerSlugByName: [String: String]
    public let passageIndex: [String: Int]
    /// Per article id: words in the body, and words inside some witness.
    public let wordStats: [String: (words: Int, shared: Int)]
    /// Words in each witness, keyed by article id and start offset.
    public let witnessWords: [String: [Int: Int]]

    /// A speaker across the archive, with every quote attributed to them.
    public struct Speaker: Sendable {
        public let name: String
        public let kind: SpeakerKind
        public let slug: String
        public let quotes: [Quote]
    }

    /// - Parameter texts: the tokenized bodies of `unsorted`, in the same order (nil to tokenize here).
    public init(articles unsorted: [Article], annotations: Annotations, texts: [TokenizedText]? = nil) {
        articles = unsorted.sorted(by: Article.newestFirst)
        self.annotations = annotations
        articleIndex = Dictionary(uniqueKeysWithValues: articles.enumerated().map { ($1.id, $0) })
        passageIndex = Dictionary(uniqueKeysWithValues: annotations.passages.enumerated().map { ($1.id, $0) })
        var byArticle: [String: [(passage: Int, witness: Witness)]] = [:]
        for (p, passage) in annotations.passages.enumerated() {
            for w in passage.witnesses { byArticle[w.article, default: []].append((p, w)) }
        }
        witnessesByArticle = byArticle.mapValues { $0.sorted { $0.witness.start < $1.witness.start } }
        let witnessesByArticle = self.witnessesByArticle
        let stats = ParallelMap.map(Array(unsorted.indices)) { i -> (String, Int, Int, [Int: Int]) in
            let a = unsorted[i]
            let text = texts?[i] ?? WordTokenizer().tokenize(a.source, in: a.body)
            let ranges = (witnessesByArticle[a.id] ?? []).map(\.witness.range)
            var perWitness: [Int: Int] = [:]
            var shared = 0
            for t in text.tokens {
                var inside = false
                for r in ranges where r.contains(Int(t.start)) { perWitness[r.lowerBound, default: 0] += 1; inside = true }
                if inside { shared += 1 }
            }
            return (a.id, text.count, shared, perWitness)
        }
        wordStats = Dictionary(uniqueKeysWithValues: stats.map { ($0.0, (words: $0.1, shared: $0.2)) })
        witnessWords = Dictionary(uniqueKeysWithValues: stats.map { ($0.0, $0.3) })
        quotesByArticle = Dictionary(grouping: annotations.quotes, by: \.article)
            .mapValues { $0.sorted { $0.start < $1.start } }

        // Speakers: one per canonical name and kind; slugs unique.
        var grouped: [String: (SpeakerKind, [Quote])] = [:]
        for q in annotations.quotes {
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
        speakers = list
        speakerSlugByName = slugByName
    }

    public func article(_ id: String) -> Article? { articleIndex[id].map { articles[$0] } }
}

/// URL-safe names for speaker folders.
public enum Slug {
    public static func make(_ text: String) -> String {
        ASCIIName.make(text.lowercased(), fallback: "speaker")
    }
}
