import Foundation

/// The archive as the renderer sees it: articles and annotations with the lookups pages need.
///
/// Built once per build; every page reads from it, none recomputes.
public struct SiteModel: Sendable {
    /// The articles newest first (by day, then by id).
    public let articles: NewestFirstArticles
    public let articlesByID: [Article]
    public let annotations: Annotations
    /// Each article's position in `articles`, in the order of `articlesByID`: an id is found by
    /// a search of `articlesByID` (sorted by id, `IDSearch`), not in a table of every id
    /// (100,000 strings hashed at every build of 100,000 articles).
    private let positionByID: [Int32]
    /// The tables below are indexed like `articles` (newest first): a page looks its
    /// article's up by position, not by hashing its id (12,000 pages at each build).
    /// Each article's witnesses (passage index, start, end), by start: `witnessesByArticle[k]`.
    /// Offsets alone, not `Witness` values: each of those holds its article's id, and copying
    /// 100,000 of them into the table (and freeing the list they were grouped from) retained and
    /// released as many strings scattered in memory at every build of 100,000 articles.
    let witnessesByArticle: Buckets<ArticleWitness>
    /// Each article's quotes, by start.
    public let quotesByArticle: QuoteGroups
    public let speakers: [Speaker]
    public let speakerSlugByName: [String: String]
    public let passageIndex: [String: Int]
    /// Each passage's first copy in each of its articles (`Passage.articleIDs`), by the copy's
    /// place among the passage's witnesses, all passages' in one array: passage `p`'s are
    /// `firstCopies[firstCopyStarts[p]..<firstCopyStarts[p + 1]]`. Lists and keys take their
    /// count, the pages rendered their ids (`articleIDs(ofPassage:)`): arrays of ids for every
    /// passage at every build were 11,900 arrays and 51,000 strings retained at 100,000 articles.
    private let firstCopies: [Int32], firstCopyStarts: [Int]
    /// Each article's word counts, as given (in the order of `unsorted`; `articles.order` says
    /// where each article's are).
    private let counts: WordCounts
    /// Per article (as in `articles`), its `ArticleDigests`, which page keys take instead of
    /// hashing the same strings for every page that names the article, side by side.
    let listedKeys: [UInt64], namedKeys: [UInt64]
    /// Per article (as in `articles`), its `Article.pathHash`.
    let pathHashes: [UInt64]
    /// Each article's id as the listing holds it (in the order of `unsorted`, like `counts`),
    /// when the model was given the listing: what the article pages' paths are made from.
    private let idBytes: ArticleIDBytes?
    /// Per passage, a digest of its id and its articles' `namedKeys` in witness order: what an
    /// article page shows of a passage it carries and of the other articles carrying it (hashed
    /// once per passage, not once per copy and article: a passage copied dozens of times took
    /// thousands of lookups).
    let passageKeys: [UInt64]
    /// Per article (as in `articles`), a digest of its quotes' speakers (name and slug, in order):
    /// what an article page shows of its quotes that does not come from its own bytes.
    let quoteSpeakerKeys: [UInt64]
    /// Each quote's article, as a position in `articles` (-1: the archive has none), in the order
    /// of `annotations.quotes`; and each witness's, all passages' in one array (passage `p`'s are
    /// `witnessArticles[witnessStarts[p]..<witnessStarts[p + 1]]`). Found once per build, which
    /// page keys, pages and `annotations.json` then read instead of looking up ids again and
    /// again (100,000 quotes at 100,000 articles).
    let quoteArticles: [Int32]
    let witnessArticles: [Int32], witnessStarts: [Int]
    /// Per quote (as in `annotations.quotes`), what a key takes of it that its article and
    /// passage decide (`addQuoteSource`, then its passage's id), digested once in quote order:
    /// the speaker pages' keys read them in speaker order, `annotations.json`'s quote entries in
    /// quote order. Digested for each (100,000 quotes at 100,000 articles), the speaker pages
    /// read each quote's fields from scattered places: 30 ms of CPU at every build.
    private(set) var quoteKeys: [UInt64] = []
    /// Per speaker (as in `speakers`), their quotes' `quoteKeys` folded in the order of their
    /// positions (`Speaker.quotes`), all speakers' in one pass over the quotes in table order:
    /// what a speaker page's key takes of its quotes. Read speaker by speaker, the keys of a
    /// million quotes lay scattered (16 ms of CPU at every build of 100,000 articles quoting
    /// ten times each).
    private(set) var speakerQuoteKeys: [UInt64] = []
    /// Per passage, which of its articles were aligned with which (`PassageLinks`), as positions
    /// in `articles`: passage `p`'s are `links[linkStarts[p]..<linkStarts[p + 1]]`. Nil when the
    /// annotations do not say (then every article of a passage shares it with every other).
    let linkStarts: [Int]?
    let links: [(a: Int32, b: Int32, wordsA: Int32, wordsB: Int32)]

    /// A copy of a passage in an article (`witnessesByArticle`): the passage, by index in
    /// `annotations.passages`, and where the copy lies in the article's source.
    struct ArticleWitness: Sendable {
        let passage: Int
        let start: Int, end: Int
        var range: Range<Int> { start..<end }
    }

    /// A speaker across the archive, with every quote attributed to them.
    public struct Speaker: Sendable {
        public let name: String
        public let kind: SpeakerKind
        public let slug: String
        public let quotes: QuoteSelection
    }

    /// - Parameter texts: the tokenized bodies of `unsorted`, in the same order (nil to tokenize here).
    public init(articles unsorted: [Article], annotations: Annotations, texts: [TokenizedText]? = nil) {
        let witnesses = SiteModel.witnessRanges(annotations)
        let stats = ParallelMap.map(count: unsorted.count, chunk: 8) { i -> ArticleWordStats in
            let a = unsorted[i]
            return ArticleWordStats(text: texts?[i] ?? WordTokenizer().tokenize(a.source, in: a.body),
                                    witnesses: witnesses[a.id] ?? [])
        }
        self.init(articles: unsorted, annotations: annotations, wordCounts: WordCounts(stats))
    }

    /// Each article's witness ranges, sorted by start: what its word counts depend on.
    static func witnessRanges(_ annotations: Annotations) -> [String: [Range<Int>]] {
        var result: [String: [Range<Int>]] = [:]
        for p in annotations.passages { for w in p.witnesses { result[w.article, default: []].append(w.range) } }
        return result.mapValues { $0.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) } }
    }

    /// - Parameters:
    ///   - wordCounts: each article's word counts, in the order of `unsorted`.
    ///   - inIDOrder: whether `unsorted` is known to be in id order, as a build gives it (nil: checked
    ///     here, 100,000 string comparisons at 100,000 articles).
    ///   - ids: each article's id as the listing holds it, in the order of `unsorted` (nil: from the articles).
    ///   - newestFirst: the articles newest first, as positions in `unsorted` (`NewestFirstOrder`),
    ///     when `unsorted` is in id order and the order is known (nil: sorted here).
    ///   - annotatedHere: whether the annotator made `annotations` from `unsorted`, as a build does:
    ///     then each witness's article index (`Annotations.witnessArticles`) is used without its id
    ///     being compared with the article's (51,000 witnesses at 100,000 articles, each a visit
    ///     to an article object: 3.0–3.3 ms of every build, now 0.5–0.6), and so is where each
    ///     article's quotes begin (`Annotations.quoteStarts`). Checked all the same in debug
    ///     builds, which the tests run.
    init(articles unsorted: [Article], annotations: Annotations, wordCounts counts: WordCounts, inIDOrder: Bool? = nil,
         ids: ArticleIDBytes? = nil, newestFirst: [Int32]? = nil, annotatedHere: Bool = false) {
        precondition(counts.count == unsorted.count, "one word count per article")
        precondition(ids == nil || ids!.count == unsorted.count, "one id per article")
        idBytes = ids
        // The loader gives articles in id order; sorted here only when they are not.
        let sorted = inIDOrder ?? zip(unsorted, unsorted.dropFirst()).allSatisfy({ $0.id < $1.id })
        let idOrder = sorted ? Array(unsorted.indices) : unsorted.indices.sorted { unsorted[$0].id < unsorted[$1].id }
        // Shared, not copied, when in order (a copy retains every article: 100,000 writes to scattered objects).
        articlesByID = sorted ? unsorted : idOrder.map { unsorted[$0] }
        // Where each article (newest first) was in `unsorted`.
        let from = sorted && newestFirst?.count == unsorted.count ? newestFirst!
            : Article.chronological(articlesByID, newestFirst: true, inIDOrder: true).map { Int32(idOrder[$0]) }
        articles = NewestFirstArticles(given: unsorted, order: from)
        self.annotations = annotations
        var positionOf = [Int32](repeating: 0, count: unsorted.count)   // by index in `unsorted`
        for (position, k) in from.enumerated() { positionOf[Int(k)] = Int32(position) }
        let positionByID = idOrder.map { positionOf[$0] }
        self.positionByID = positionByID
        // The quotes' tables (by article, by speaker) are built on a thread of their own meanwhile,
        // each quote's article first: the quotes' keys below need it, not the tables.
        let quoteArticlesAhead = Background { [quotes = annotations.quotes, starts = annotations.quoteStarts, articlesByID, unsorted, positionOf] in
            var search = IDSearch(articlesByID, positionByID)
            return Self.quoteArticles(quotes, starts, unsorted, positionOf, trusted: annotatedHere, search: { search.position(of: $0) })
        }
        let quoteLookups = Background { [quotes = annotations.quotes, starts = annotations.quoteStarts, count = articles.count,
                                         unsorted, from, sorted, quoteArticlesAhead] in
            // A build's own quotes lie article by article, in id order: each article's a run of them.
            let runs = annotatedHere && sorted && starts.count == unsorted.count + 1 ? (starts, from) : nil
            return Self.quoteLookups(quotes, articles: count, articleOf: quoteArticlesAhead.value(), runs: runs)
        }
        // The articles' digests and path hashes in one pass over their objects, each read where the
        // array holds it (an article taken out of the array is retained and released), newest
        // first: each object loaded some articles ahead (`Prefetch`; they lie in no such order).
        var listed = [UInt64](), named = [UInt64](), pathHashes = [UInt64]()
        listed.reserveCapacity(from.count); named.reserveCapacity(from.count); pathHashes.reserveCapacity(from.count)
        unsorted.withUnsafeBufferPointer { articles in
            for (j, k) in from.lazy.map(Int.init).enumerated() {
                if j + Prefetch.distance < from.count { Prefetch.object(at: Int(from[j + Prefetch.distance]), in: articles, lines: 3) }
                listed.append(articles[k].digests.listed); named.append(articles[k].digests.named); pathHashes.append(articles[k].pathHash)
            }
        }
        (listedKeys, namedKeys, self.pathHashes) = (listed, named, pathHashes)
        passageIndex = Dictionary(uniqueKeysWithValues: annotations.passages.enumerated().map { ($1.id, $0) })
        var witnessStarts = [0]
        witnessStarts.reserveCapacity(annotations.passages.count + 1)
        for passage in annotations.passages { witnessStarts.append(witnessStarts.last! + passage.witnesses.count) }
        let witnessArticles = Self.witnessPositions(annotations, unsorted, positionOf, search: IDSearch(articlesByID, positionByID),
                                                    count: witnessStarts.last!, trusted: annotatedHere)
        (self.witnessArticles, self.witnessStarts) = (witnessArticles, witnessStarts)
        let links = Self.linkPositions(annotations, articles: unsorted.count, positionOf)
        (linkStarts, self.links) = (links?.starts, links?.entries ?? [])
        (firstCopies, firstCopyStarts, passageKeys) = Self.firstCopies(annotations.passages, witnessArticles, witnessStarts, namedKeys: namedKeys,
                                                                       links: links)
        var pairs: [(bucket: Int, item: ArticleWitness)] = []
        pairs.reserveCapacity(witnessArticles.count)
        for (p, passage) in annotations.passages.enumerated() {
            // Read where the passage holds them: a witness taken out is a copy of its article's id.
            passage.witnesses.withUnsafeBufferPointer { witnesses in
                for n in witnesses.indices {
                    let k = Int(witnessArticles[witnessStarts[p] + n])
                    if k >= 0 { pairs.append((k, ArticleWitness(passage: p, start: witnesses[n].start, end: witnesses[n].end))) }
                }
            }
        }
        var byArticle = Buckets(count: articles.count, pairs)
        byArticle.sortEach { $0.start < $1.start }
        witnessesByArticle = byArticle
        self.counts = counts
        // While the speakers' tables are made (on one core for the most part).
        let articleOf = quoteArticlesAhead.value()
        let quoteKeys = Self.quoteKeys(annotations.quotes, articleOf: articleOf, listed: listed, named: named)
        let lookups = quoteLookups.take()
        (quotesByArticle, speakers, speakerSlugByName, quoteSpeakerKeys, self.quoteArticles, self.quoteKeys)
            = (lookups.byArticle, lookups.speakers, lookups.slugByName, lookups.speakerKeys, articleOf, quoteKeys)
        var folded = [PageKey](repeating: PageKey(seed: 5), count: speakers.count)
        for (q, n) in lookups.speakerNumbers.enumerated() where n >= 0 { folded[Int(lookups.speakerPlaces[Int(n)])].add(quoteKeys[q]) }
        speakerQuoteKeys = folded.map(\.value)
    }

    /// The position in `articles` of each witness's article (-1 for none), all passages' in
    /// order: from the annotator's article indices where each names the witness's article
    /// (`Annotations.witnessArticles`, indices into `unsorted`), else found by id. `trusted`:
    /// the indices are taken as they are (see `init`'s `annotatedHere`).
    private static func witnessPositions(_ annotations: Annotations, _ unsorted: [Article], _ positionOf: [Int32],
                                         search: IDSearch, count: Int, trusted: Bool) -> [Int32] {
        var search = search
        let known = annotations.witnessArticles.count == count ? annotations.witnessArticles : nil
        var result: [Int32] = []
        result.reserveCapacity(count)
        if trusted, let known {
            for passage in annotations.passages {
                for n in passage.witnesses.indices {
                    let k = known[result.count]
                    result.append(k >= 0 && Int(k) < unsorted.count ? positionOf[Int(k)] : search.position(of: passage.witnesses[n].article))
                }
            }
            // (Every witness's id compared with its article's, as below, in debug builds.)
            assert(zip(annotations.passages.flatMap(\.witnesses), known).allSatisfy { w, k in k < 0 || unsorted[Int(k)].id == w.article },
                   "the annotator's article indices name each witness's article")
            return result
        }
        for passage in annotations.passages {
            for w in passage.witnesses {
                if let k = known?[result.count], k >= 0, Int(k) < unsorted.count, unsorted[Int(k)].id == w.article {
                    result.append(positionOf[Int(k)])
                } else {
                    result.append(search.position(of: w.article))
                }
            }
        }
        return result
    }

    /// The annotations' `PassageLinks` with articles as positions in `articles`; nil when there
    /// are none for these passages and articles.
    private static func linkPositions(_ annotations: Annotations, articles count: Int, _ positionOf: [Int32])
        -> (starts: [Int], entries: [(a: Int32, b: Int32, wordsA: Int32, wordsB: Int32)])? {
        guard let links = annotations.links, links.passageCount == annotations.passages.count else { return nil }
        // The links of every passage in one pass, in place (passage by passage, each a slice of
        // them, and the result grown by doubling: 4–7 ms of every build at 100,000 articles).
        var fits = true
        let entries = links.links.map { link -> (a: Int32, b: Int32, wordsA: Int32, wordsB: Int32) in
            guard Int(link.a) < count, Int(link.b) < count else { fits = false; return (-1, -1, 0, 0) }
            return (positionOf[Int(link.a)], positionOf[Int(link.b)], link.wordsA, link.wordsB)
        }
        return fits ? (links.starts, entries) : nil
    }

    /// Each passage's first copy in each of its articles (`firstCopies`), articles told apart
    /// by their positions (`witnessArticles`) rather than by a set of their ids (by id only
    /// where the archive lacks the article), and its `passageKeys` entry.
    private static func firstCopies(_ passages: [Passage], _ witnessArticles: [Int32], _ witnessStarts: [Int],
                                    namedKeys: [UInt64],
                                    links: (starts: [Int], entries: [(a: Int32, b: Int32, wordsA: Int32, wordsB: Int32)])?)
        -> ([Int32], [Int], [UInt64]) {
        var lastPassage = [Int32](repeating: -1, count: namedKeys.count)
        var firsts: [Int32] = [], starts = [0], passageKeys: [UInt64] = []
        starts.reserveCapacity(passages.count + 1); passageKeys.reserveCapacity(passages.count)
        for p in passages.indices {
            let at = witnessStarts[p], mine = firsts.count
            func id(_ n: Int) -> String { passages[p].witnesses[n].article }
            for n in 0..<(witnessStarts[p + 1] - at) {
                let k = witnessArticles[at + n]
                if k >= 0 {
                    guard lastPassage[Int(k)] != Int32(p) else { continue }
                    lastPassage[Int(k)] = Int32(p)
                } else if firsts[mine...].contains(where: { witnessArticles[at + Int($0)] < 0 && id(Int($0)) == id(n) }) {
                    continue
                }
                firsts.append(Int32(n))
            }
            starts.append(firsts.count)
            // What an article page shows of the passage: each article's `namedKeys` entry, its id where the archive lacks it.
            var key = PageKey(seed: 2)
            key.add(passages[p].id); key.add(UInt64(firsts.count - mine))
            for n in firsts[mine...].lazy.map(Int.init) {
                let k = witnessArticles[at + n]
                if k >= 0 { key.add(namedKeys[Int(k)]) } else { key.add(id(n)) }
            }
            // Which of them share words with which ("Shared with" on their pages).
            if let links {
                key.add(UInt64(links.starts[p + 1] - links.starts[p]))
                for link in links.entries[links.starts[p]..<links.starts[p + 1]] {
                    key.add(namedKeys[Int(link.a)]); key.add(namedKeys[Int(link.b)])
                    key.add(UInt64(link.wordsA)); key.add(UInt64(link.wordsB))
                }
            }
            passageKeys.append(key.value)
        }
        return (firsts, starts, passageKeys)
    }

    /// The articles of passage `p` that article `k` shares words with (positions in `articles`),
    /// with `k`'s words in those shared segments; nil when the annotations do not say.
    func linked(to k: Int, inPassage p: Int) -> [(other: Int, words: Int)]? {
        guard let linkStarts else { return nil }
        return links[linkStarts[p]..<linkStarts[p + 1]].compactMap { link in
            Int(link.a) == k ? (Int(link.b), Int(link.wordsA)) : Int(link.b) == k ? (Int(link.a), Int(link.wordsB)) : nil
        }
    }

    /// How many distinct articles carry passage `p` (`Passage.articleIDs.count`).
    public func articleCount(ofPassage p: Int) -> Int { firstCopyStarts[p + 1] - firstCopyStarts[p] }

    /// The distinct articles of passage `p`, in witness order (`Passage.articleIDs`).
    public func articleIDs(ofPassage p: Int) -> [String] {
        firstCopies[firstCopyStarts[p]..<firstCopyStarts[p + 1]].map { annotations.passages[p].witnesses[Int($0)].article }
    }

    /// Article `k`'s (a position in `articles`) `listedKeys` entry, or a mark for no article.
    func addListed(_ k: Int32, to key: inout PageKey) {
        if k >= 0 { key.add(listedKeys[Int(k)]) } else { key.add("\u{0}") }
    }

    /// What a key takes of article `k` (a position in `articles`) where it names the article:
    /// its `listedKeys` and `namedKeys` entries (bytes, id, title, date, credits), read from two
    /// flat tables rather than from the article's object and its id's characters; `id` for -1
    /// (no such article in the archive).
    func addArticle(_ k: Int32, or id: String, to key: inout PageKey) {
        Self.addArticle(k, or: id, listed: listedKeys, named: namedKeys, to: &key)
    }

    /// `addArticle`, from the tables given (the model's `listedKeys` and `namedKeys`, before it is made).
    private static func addArticle(_ k: Int32, or id: String, listed: [UInt64], named: [UInt64], to key: inout PageKey) {
        if k >= 0 { key.add(listed[Int(k)]); key.add(named[Int(k)]) } else { key.add("\u{0}"); key.add(id) }
    }

    /// What a key takes of quote `position` (in `annotations.quotes`) that its article decides:
    /// its article (`addArticle`) and its place there. The quote's id (a hash of its article's id
    /// and its place) and its cue come from those, so are not hashed again for every quote
    /// (100,000 quotes at 100,000 articles, four strings each, for the speaker pages and as
    /// many for `annotations.json`); a quote whose article the archive lacks adds them itself.
    func addQuoteSource(_ position: Int, to key: inout PageKey) {
        let k = quoteArticles[position]
        addArticle(k, or: k >= 0 ? "" : annotations.quotes.articleID(position), to: &key)
        Self.addQuotePlace(position, of: annotations.quotes, articleKnown: k >= 0, to: &key)
    }

    /// The rest of `addQuoteSource` after the article: the quote's place, and its id and cue
    /// when the archive lacks its article. Columns read one by one, and only those needed: a
    /// quote made would hold five strings.
    @inline(__always)
    private static func addQuotePlace(_ q: Int, of quotes: QuoteTable, articleKnown: Bool, to key: inout PageKey) {
        key.add(UInt64(quotes.start(q))); key.add(UInt64(quotes.end(q)))
        if !articleKnown { key.add(quotes.id(q)); key.add(quotes.cue(q) ?? "\u{0}") }
    }

    /// Each quote's `quoteKeys` entry: a key of seed 4, its source (`addQuoteSource`) and its
    /// passage's id. The key's state after an article's part (`addArticle`) is made once per
    /// article, not once per quote (a million quotes at 100,000 articles quoting ten times
    /// each). `articleOf`: each quote's article's position (`quoteArticles`); `listed`,
    /// `named`: the articles' `listedKeys` and `namedKeys`.
    static func quoteKeys(_ quotes: QuoteTable, articleOf: [Int32], listed: [UInt64], named: [UInt64]) -> [UInt64] {
        let articleStates = listed.indices.map { k in
            var key = PageKey(seed: 4)
            addArticle(Int32(k), or: "", listed: listed, named: named, to: &key)
            return key
        }
        // Each passage's id digested once, not once for each of its quotes.
        let passageDigests = quotes.passageIDs.map(PageKey.StringDigest.init)
        let noPassage = PageKey.StringDigest("\u{0}")
        return ParallelMap.map(count: quotes.count, chunk: 8192) { q in
            let k = articleOf[q]
            var key: PageKey
            if k >= 0 {
                key = articleStates[Int(k)]
            } else {
                key = PageKey(seed: 4)
                addArticle(k, or: quotes.articleID(q), listed: listed, named: named, to: &key)
            }
            addQuotePlace(q, of: quotes, articleKnown: k >= 0, to: &key)
            let p = quotes.passageNumber(q)
            key.add(p >= 0 ? passageDigests[Int(p)] : noPassage)
            return key.value
        }
    }

    /// Article `k` (a position in `articles`, as `quoteArticles` and `witnessArticles` give it), or nil for -1.
    func article(at k: Int32) -> Article? { k >= 0 ? articles[Int(k)] : nil }

    /// The position in `articles` of the article of witness `n` of passage `p` (-1: none), from
    /// `witnessArticles`, where every passage's witnesses lie in one array.
    func witnessArticle(_ p: Int, _ n: Int) -> Int32 { witnessArticles[witnessStarts[p] + n] }

    /// Words in the body of article `k` (a position in `articles`), and words inside some witness.
    public func wordStats(at k: Int) -> (words: Int, shared: Int) {
        let j = Int(articles.order[k])
        return (Int(counts.words[j]), Int(counts.shared[j]))
    }

    /// The articles newest first, as positions in the order they were given (id order, as a build
    /// gives them): what the cache keeps for the next build's `NewestFirstOrder`.
    var newestFirst: [Int32] { articles.order }

    /// Appends the id of article `k` (a position in `articles`) as bytes: from the listing where
    /// the model was given it (`ArticleIDBytes`), else from the article.
    func appendID(of k: Int, to bytes: inout [UInt8]) {
        if let idBytes, idBytes.append(Int(articles.order[k]), to: &bytes) { return }
        bytes.append(contentsOf: articles[k].id.utf8)
    }

    /// Words in the witness of article `k` (a position in `articles`) that starts at `start`; 0 if none does.
    func words(inWitnessOf k: Int, at start: Int) -> Int { counts.words(inWitnessAt: start, of: Int(articles.order[k])) }

    /// The position in `articles` of the article at `i` in `articlesByID`.
    func position(byID i: Int) -> Int { Int(positionByID[i]) }

    /// The position in `articles` of the article with this id.
    public func position(of id: String) -> Int? {
        var search = IDSearch(articlesByID, positionByID)
        let k = search.position(of: id)
        return k >= 0 ? Int(k) : nil
    }

    public func article(_ id: String) -> Article? { position(of: id).map { articles[$0] } }
}
