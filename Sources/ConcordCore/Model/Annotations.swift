/// Everything the annotator found in an archive.
public struct Annotations: Sendable {
    public var passages: [Passage]
    public var quotes: QuoteTable
    /// Each witness's article as an index into the articles annotated (in id order), all
    /// passages' witnesses in order; empty when not known. The site model checks each
    /// against the witness's id before it trusts it, so edited passages fall back to a search
    /// (but for a build's own annotations: `SiteModel`'s `annotatedHere`).
    var witnessArticles: [Int32] = []
    /// Where each article's quotes begin: article `i`'s (an index into the articles annotated)
    /// are `quotes[quoteStarts[i]..<quoteStarts[i + 1]]`; empty when not known. The site model
    /// checks each quote's article id against it before it trusts it.
    var quoteStarts: [Int] = []
    /// Which articles of each passage were aligned with which (indices into the articles
    /// annotated); nil when not known, and then every article of a passage counts as sharing
    /// it with every other.
    var links: PassageLinks? = nil

    public init(passages: [Passage] = [], quotes: QuoteTable = []) {
        self.passages = passages; self.quotes = quotes
    }

    public init(passages: [Passage] = [], quotes: [Quote]) { self.init(passages: passages, quotes: QuoteTable(quotes)) }

    init(passages: [Passage], quotes: QuoteTable, witnessArticles: [Int32], quoteStarts: [Int] = []) {
        self.init(passages: passages, quotes: quotes)
        self.witnessArticles = witnessArticles; self.quoteStarts = quoteStarts
    }
}
