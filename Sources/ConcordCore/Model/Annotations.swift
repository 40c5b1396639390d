/// Everything the annotator found in an archive.
public struct Annotations: Sendable {
    public var passages: [Passage]
    public var quotes: [Quote]
    /// Each witness's article as an index into the articles annotated (in id order), all
    /// passages' witnesses in order; empty when not known. The site model checks each
    /// against the witness's id before it trusts it, so edited passages fall back to a search.
    var witnessArticles: [Int32] = []

    public init(passages: [Passage] = [], quotes: [Quote] = []) {
        self.passages = passages; self.quotes = quotes
    }

    init(passages: [Passage], quotes: [Quote], witnessArticles: [Int32]) {
        self.init(passages: passages, quotes: quotes)
        self.witnessArticles = witnessArticles
    }
}
