/// Finds every quotation in the archive and attributes it to a speaker.
public struct QuoteFinder: Sendable {
    public init() {}

    public func find(in articles: [Article]) -> [Quote] { [] }

    /// Sets each quote's `passage` to the shared passage holding most of its words in the same article.
    public static func link(_ quotes: inout [Quote], to passages: [Passage]) {
        var byArticle: [String: [(String, Range<Int>)]] = [:]
        for p in passages { for w in p.witnesses { byArticle[w.article, default: []].append((p.id, w.range)) } }
        for k in quotes.indices {
            let q = quotes[k]
            let best = (byArticle[q.article] ?? []).map { (id, r) in (id, r.clamped(to: q.range).count) }
                .filter { $0.1 * 2 >= max(1, q.range.count) }
                .max { ($0.1, $1.0) < ($1.1, $0.0) }
            quotes[k].passage = best?.0
        }
    }
}
