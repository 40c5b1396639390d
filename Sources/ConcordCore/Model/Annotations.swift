/// Everything the annotator found in an archive.
public struct Annotations: Sendable {
    public var passages: [Passage]
    public var quotes: [Quote]

    public init(passages: [Passage] = [], quotes: [Quote] = []) {
        self.passages = passages; self.quotes = quotes
    }
}
