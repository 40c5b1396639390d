/// Finds quotations and shared passages across the whole archive.
///
/// Work splits in two: what each article gives alone (`ArticleAnalysis`:
/// its words, its indexed runs, its quotes), which the build cache keeps, and
/// what needs the whole archive (passages, archive-wide speaker names), which
/// an incremental build redoes from the cached parts.
public struct Annotator: Sendable {
    public var passageOptions: PassageFinder.Options

    public init(passageOptions: PassageFinder.Options = .init()) { self.passageOptions = passageOptions }

    /// Time spent in each sub-stage, for `--verbose`.
    public struct Timings: Sendable {
        public var tokenize = 0.0, passages = 0.0, quotes = 0.0
        public var passageProfile = PassageFinder.Profile()
        /// Incremental builds: articles analysed anew, and pairs aligned anew.
        public var analysed = 0, realigned = 0
        /// Incremental builds: whether the run index told which articles carry the runs a change touched.
        public var runIndexUsed = false
    }

    /// Everything a build needs from annotation, and what the cache keeps of it.
    struct Outcome {
        var annotations: Annotations
        /// Each article's analysis, by index: made by this build, or its record's (an incremental
        /// build does not gather them all in a table of its own).
        var analysis: @Sendable (Int) -> ArticleAnalysis
        var boilerplate: Set<UInt64>
        var edges: [WitnessClusterer.Edge]
        /// Each edge's passage, an index into `annotations.passages` (-1: none).
        var edgePassages: [Int32]
        /// Each passage's first-choice id (`WitnessClusterer.Clusters.firstChoices`), for the next build.
        var firstChoices: [String]
        /// Each article's witnesses, by index (what its word counts depend on).
        var witnessRanges: RangesByArticle
        /// Tokenized bodies, where at hand (all of them after a full run).
        var texts: [Int: TokenizedText]
        var timings: Timings
        /// Whether every article was analysed anew (a full run): then no record's analysis is reused.
        var analysedAll = false
        /// Whether the cache's run index was found damaged (the next build needs a new one).
        var runIndexDamaged = false
    }

    /// Annotates every article (sorted by id) from scratch.
    public func annotate(_ articles: [Article]) -> (Annotations, Timings) {
        let o = annotateAll(articles)
        return (o.annotations, o.timings)
    }

    /// Annotates every article from scratch. `articles` must be sorted by id.
    func annotateAll(_ articles: [Article]) -> Outcome {
        var timings = Timings()
        let clock = ContinuousClock()
        var t0 = clock.now
        let tokenizer = WordTokenizer()
        let texts = ParallelMap.map(articles) { tokenizer.tokenize($0.source, in: $0.body) }
        let runs = ParallelMap.map(texts) { ArticleRuns.of($0, size: passageOptions.shingle, window: passageOptions.window) }
        timings.tokenize = (clock.now - t0).seconds
        t0 = clock.now
        let found = PassageFinder(options: passageOptions).find(in: articles, texts: texts, runs: runs, profile: &timings.passageProfile)
        timings.passages = (clock.now - t0).seconds
        t0 = clock.now
        let finder = QuoteFinder()
        let perArticle = ParallelMap.map(count: articles.count, chunk: 8) { finder.quotes(of: articles[$0], text: texts[$0]) }
        var (quotes, quoteStarts) = finder.combineByArticle(perArticle)
        QuoteFinder.link(&quotes, quoteStarts: quoteStarts, passages: found.passages, witnessArticles: found.witnessArticles)
        timings.quotes = (clock.now - t0).seconds
        timings.analysed = articles.count
        let analyses = articles.indices.map {
            ArticleAnalysis(wordCount: texts[$0].count, runs: runs[$0], quotes: QuoteList(perArticle[$0].0), fullNames: perArticle[$0].1)
        }
        var annotations = Annotations(passages: found.passages, quotes: quotes, witnessArticles: found.witnessArticles, quoteStarts: quoteStarts)
        annotations.links = PassageLinks(edges: found.edges, edgePassages: found.edgePassages, passages: found.passages.count)
        return Outcome(annotations: annotations,
                       analysis: { analyses[$0] },
                       boilerplate: found.boilerplate, edges: found.edges, edgePassages: found.edgePassages, firstChoices: found.firstChoices,
                       witnessRanges: found.witnessRanges, texts: Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($0, $1) }), timings: timings,
                       analysedAll: true)
    }

    /// What the previous build knew, for `annotateChanged`.
    struct Previous {
        /// The cache record of each unchanged article, by current index (nil: new or edited),
        /// whose analysis is reused (taken from the record once, not copied into a table first).
        var reused: [ArticleRecord?]
        /// Runs of the replaced versions of edited articles and of deleted ones.
        var oldRuns: [ArticleRuns]
        var boilerplate: Set<UInt64>
        /// Edges between two unchanged articles, by current index, and each one's passage in `passages` (-1: none).
        var keptEdges: [WitnessClusterer.Edge]
        var keptEdgePassages: [Int32] = []
        /// The previous build's passages (nil: unknown, and every edge is clustered again).
        var passages: PreviousPassages? = nil
        /// Which unchanged articles carry a run hash, from the cache's run index (nil: none usable).
        var lookup: RunLookup? = nil
    }

    /// Annotates after a change: analyses only new and edited articles, aligns
    /// only pairs involving them, then redoes the archive-wide steps. Falls back
    /// to `annotateAll` when the change moves a run across a threshold. `articles` must be
    /// sorted by id.
    /// - Parameter previous: taken: its kept edges become the outcome's, the new ones appended
    ///   where they lie.
    func annotateChanged(_ articles: [Article], previous: consuming Previous) -> Outcome {
        var timings = Timings()
        let clock = ContinuousClock()
        var t0 = clock.now
        let tokenizer = WordTokenizer()
        let texts = Locked<[Int: TokenizedText]>([:])
        func text(_ i: Int) -> TokenizedText {
            if let t = texts.withLock({ $0[i] }) { return t }
            let t = tokenizer.tokenize(articles[i].source, in: articles[i].body)
            texts.withLock { $0[i] = t }
            return t
        }
        let changed = articles.indices.filter { previous.reused[$0] == nil }
        let finder = QuoteFinder()
        let fresh = ParallelMap.map(changed, chunk: 1) { i -> ArticleAnalysis in
            let t = text(i)
            let (quotes, names) = finder.quotes(of: articles[i], text: t)
            return ArticleAnalysis(wordCount: t.count, runs: ArticleRuns.of(t, size: passageOptions.shingle, window: passageOptions.window),
                                   quotes: QuoteList(quotes), fullNames: names)
        }
        // Every article's analysis: its record's, or the one just made. Not gathered in a table
        // (100,000 copies, each retaining its parts, at 100,000 articles): the runs are taken only
        // where the passage update reads them, the quotes and names as they are combined. Each pass
        // takes only the parts it needs: a whole analysis copied retains all its parts, which for a shard's
        // records share one mapped file, whose count of references both cores then write.
        let freshAt = Dictionary(uniqueKeysWithValues: changed.enumerated().map { ($1, $0) })
        let reused = previous.reused
        let analysis: @Sendable (Int) -> ArticleAnalysis = { i in reused[i]?.analysis ?? fresh[freshAt[i]!] }
        let runs = PassageUpdate.RunsByArticle(count: articles.count) { i in reused[i]?.analysis.runs ?? fresh[freshAt[i]!].runs }
        timings.tokenize = (clock.now - t0).seconds
        timings.analysed = changed.count
        t0 = clock.now

        // Archive-wide speaker names need only the analyses: combined on a thread of their own
        // while the passages are updated. The records lie in shard order, not in the articles'
        // order: each is loaded `Prefetch.distance` (16) articles ahead, its quotes' bytes 6 ahead (`Prefetch`), and
        // read in place into the rows of the quote table (`ArticleRecord.appendQuotes`). At 100,000 articles the annotation of an
        // add took 62 ms before (medians of 8), 55 with the hints, 51 with the lists not copied.
        // Full names are read only when a short name is left over, each record's where its shard
        // keeps them: should that section be damaged, the quotes are combined again in a full annotation.
        let namesDamaged = Locked(false)
        let combining = Background { [count = articles.count, articles] in
            reused.withUnsafeBufferPointer { records in
                finder.combineByArticle(
                    articles: count, counts: { i in reused[i]?.analysis.quotes.count ?? fresh[freshAt[i]!].quotes.count },
                    quotes: { i, table in
                        // (Numbered by index: no copy of each article's id kept in the table.)
                        table.startArticle(index: i)
                        if let record = records[i] { record.appendQuotes(to: &table) } else { fresh[freshAt[i]!].quotes.append(to: &table) }
                    },
                    names: (0..<count).lazy.map { i in
                        let names = reused[i]?.analysis.fullNames ?? fresh[freshAt[i]!].fullNames
                        if !names.isIntact { namesDamaged.withLock { $0 = true } }
                        return names
                    },
                    prefetch: { i in
                        Prefetch.object(at: i + Prefetch.distance, in: records, lines: 3)
                        let near = i + 6        // (the record, loaded 16 ahead, is in by then)
                        // All its quotes' bytes (up to 8 lines): the speakers' names and cues are
                        // read first, the rows after them. Two lines, where an article quotes ten
                        // times, left the names' lookups waiting (combining took 80–95 ms of CPU at
                        // 100,000 articles, 63–72 with the whole).
                        // (Its fields read one by one: the list copied out would retain its file.)
                        if near < records.count, let record = records[near] {
                            Prefetch.lines(at: record.analysis.quotes.address, min(8, record.analysis.quotes.byteCount / 64 + 2))
                        }
                    },
                    articleList: articles)
            }
        }
        let update = PassageUpdate(options: passageOptions).update(
            .init(articles: articles, runs: runs, changed: Set(changed), oldRuns: previous.oldRuns,
                  boilerplate: previous.boilerplate, lookup: previous.lookup), text: text)
        guard let update else { return annotateAll(articles) }
        // The kept edges, then the new ones, in the kept ones' array: held here alone (taken out
        // of `previous`), with the room `ArchiveDelta.scan` left, it takes them where it lies.
        // Copied into a new array, the kept edges were 10 MB of memory touched for the first time
        // at every build of 100,000 articles.
        var edges = previous.keptEdges
        previous.keptEdges = []
        let keptCount = edges.count
        edges += update.fresh
        let clusterer = WitnessClusterer(articles: articles, inIDOrder: true)
        // The previous build's passages no change reaches are carried over; the rest clustered again.
        let carried = previous.passages.flatMap { before in
            clusterer.passages(after: before, kept: edges[..<keptCount], keptPassages: previous.keptEdgePassages,
                               fresh: edges[keptCount...], changed: changed)
        }
        let clusters = carried ?? clusterer.passages(from: edges, known: previous.passages?.seeds() ?? [:])
        let passages = clusters.passages
        // Which articles of each passage share words: a pass over every edge, beside the quotes.
        let links = Background { [edges, edgePassages = clusters.edgePassages, count = passages.count] in
            PassageLinks(edges: edges, edgePassages: edgePassages, passages: count)
        }
        timings.passages = (clock.now - t0).seconds
        timings.realigned = update.alignedPairs
        timings.runIndexUsed = update.fromIndex
        t0 = clock.now
        var (quotes, quoteStarts) = combining.take()
        if namesDamaged.withLock({ $0 }) { return annotateAll(articles) }
        QuoteFinder.link(&quotes, quoteStarts: quoteStarts, passages: passages, witnessArticles: clusters.witnessArticles)
        timings.quotes = (clock.now - t0).seconds
        var annotations = Annotations(passages: passages, quotes: quotes, witnessArticles: clusters.witnessArticles, quoteStarts: quoteStarts)
        annotations.links = links.value()
        return Outcome(annotations: annotations,
                       analysis: analysis,
                       boilerplate: update.boilerplate, edges: edges, edgePassages: clusters.edgePassages, firstChoices: clusters.firstChoices,
                       witnessRanges: clusters.witnessRanges, texts: texts.withLock { $0 }, timings: timings,
                       runIndexDamaged: update.indexDamaged)
    }
}

/// What one article gives the annotator on its own; kept in the build cache.
struct ArticleAnalysis: Sendable {
    /// Words in the body.
    var wordCount: Int
    /// The runs it puts in the shingle index.
    var runs: ArticleRuns
    /// Its quotes, with speakers named as this article knows them.
    var quotes: QuoteList
    /// Full names it spells out (for archive-wide names).
    var fullNames: FullNames
}

extension Duration {
    /// Seconds as a Double.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
