/// Finds quotations and shared passages across the whole archive.
public struct Annotator: Sendable {
    public var passageOptions: PassageFinder.Options

    public init(passageOptions: PassageFinder.Options = .init()) { self.passageOptions = passageOptions }

    /// Time spent in each sub-stage, for `--verbose`.
    public struct Timings: Sendable {
        public var tokenize = 0.0, passages = 0.0, quotes = 0.0
        public var passageProfile = PassageFinder.Profile()
    }

    public func annotate(_ articles: [Article]) -> (Annotations, Timings) {
        let (annotations, _, timings) = annotateKeepingTexts(articles)
        return (annotations, timings)
    }

    /// Annotates, and returns the tokenized bodies too (the renderer counts words with them).
    public func annotateKeepingTexts(_ articles: [Article]) -> (Annotations, [TokenizedText], Timings) {
        var timings = Timings()
        let clock = ContinuousClock()
        var t0 = clock.now
        let tokenizer = WordTokenizer()
        let texts = ParallelMap.map(articles) { tokenizer.tokenize($0.source, in: $0.body) }
        timings.tokenize = (clock.now - t0).seconds
        t0 = clock.now
        let passages = PassageFinder(options: passageOptions).find(in: articles, texts: texts, profile: &timings.passageProfile)
        timings.passages = (clock.now - t0).seconds
        t0 = clock.now
        var quotes = QuoteFinder().find(in: articles, texts: texts)
        QuoteFinder.link(&quotes, to: passages)
        timings.quotes = (clock.now - t0).seconds
        return (Annotations(passages: passages, quotes: quotes), texts, timings)
    }
}

extension Duration {
    /// Seconds as a Double.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
