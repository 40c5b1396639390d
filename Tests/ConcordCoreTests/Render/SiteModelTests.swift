import Testing
@testable import ConcordCore

@Suite("Site model")
struct SiteModelTests {
    /// Articles with many shared dates, ids in id order or shuffled.
    func articles(shuffled: Bool) throws -> [Article] {
        var rng = SplitMix64(seed: 7)
        var list: [Article] = []
        for i in 0..<300 {
            let day = 1 + Int(rng.next() % 5), id = "a\(Int(rng.next() % 1000))-\(i)"
            list.append(try ArticleParser().parse(Array("date 2020-01-0\(day) Title \(i)\n\nBody \(i).\n".utf8), path: id + ".txt"))
        }
        return shuffled ? list.shuffled(using: &rng) : list.sorted { $0.id < $1.id }
    }

    @Test(arguments: [false, true])
    func newestFirstSortsAsTheComparatorDoes(shuffled: Bool) throws {
        let list = try articles(shuffled: shuffled)
        // Each article's word counts name the article (id "a123-17": 17 words in its witness), so a
        // count that lands on another article's position shows.
        let stats = list.map { a in
            let n = Int(a.id.split(separator: "-").last!)!
            return ArticleWordStats(words: n + 1, shared: n, perWitness: [(0, n)], witnesses: [0..<1])
        }
        let model = SiteModel(articles: list, annotations: Annotations(passages: [], quotes: []), wordCounts: WordCounts(stats))
        #expect(model.articles.map(\.id) == list.sorted(by: Article.newestFirst).map(\.id))
        #expect(model.articlesByID.map(\.id) == list.map(\.id).sorted())
        for (k, a) in model.articles.enumerated() {
            let n = Int(a.id.split(separator: "-").last!)!
            #expect(model.wordStats(at: k).words == n + 1 && model.wordStats(at: k).shared == n)
            #expect(model.words(inWitnessOf: k, at: 0) == n && model.words(inWitnessOf: k, at: 1) == 0)
        }
    }

    @Test(arguments: [false, true])
    func chronologicalOrderIsTheComparatorsEitherWay(shuffled: Bool) throws {
        let list = try articles(shuffled: shuffled)
        #expect(Article.chronological(list).map { list[$0].id } == list.sorted(by: Article.oldestFirst).map(\.id))
        #expect(Article.chronological(list, newestFirst: true).map { list[$0].id } == list.sorted(by: Article.newestFirst).map(\.id))
    }

    /// An archive large enough to be ordered by chunks and halves on two cores, many articles to a day.
    @Test func chronologicalOrderOfManyArticles() throws {
        var rng = SplitMix64(seed: 9)
        let list = try (0..<9000).map { i in
            try ArticleParser().parse(Array("date 2020-0\(1 + rng.next(9))-1\(rng.next(10)) T\n\nB.\n".utf8), path: String(format: "a%05d.txt", i))
        }
        #expect(Article.chronological(list).map { list[$0].id } == list.sorted(by: Article.oldestFirst).map(\.id))
        #expect(Article.chronological(list, newestFirst: true).map { list[$0].id } == list.sorted(by: Article.newestFirst).map(\.id))
    }

    /// Passages copied several times in one article, and by articles the archive lacks: each
    /// one's distinct articles (in witness order) and their count are `Passage.articleIDs`',
    /// and its key is the one hashing its id, that count and each article's named digest (its
    /// id where the archive lacks it) gives (the keys earlier builds stored).
    @Test func passageArticlesAsThePassageGivesThem() throws {
        let list = try articles(shuffled: false)
        var rng = SplitMix64(seed: 13)
        var passages: [Passage] = []
        for p in 0..<60 {
            let witnesses = (0..<(2 + Int(rng.next() % 6))).map { n -> Witness in
                let pick = Int(rng.next() % 8)
                // Few articles per passage, so that copies repeat; now and then one the archive lacks.
                let id = pick == 7 ? "gone-\(rng.next() % 2)" : list[(p * 5 + pick) % list.count].id
                return Witness(article: id, start: n * 10, end: n * 10 + 5)
            }
            passages.append(Passage(id: "p\(p)", witnesses: witnesses))
        }
        let stats = list.map { _ in ArticleWordStats(words: 1, shared: 0, perWitness: [], witnesses: []) }
        let model = SiteModel(articles: list, annotations: Annotations(passages: passages, quotes: []), wordCounts: WordCounts(stats))
        #expect(passages.contains { $0.articleIDs.count < $0.witnesses.count } && passages.contains { $0.articleIDs.contains("gone-0") })
        for (p, passage) in passages.enumerated() {
            #expect(model.articleIDs(ofPassage: p) == passage.articleIDs, "\(passage.id)")
            #expect(model.articleCount(ofPassage: p) == passage.articleIDs.count, "\(passage.id)")
            var key = PageKey(seed: 2)
            key.add(passage.id); key.add(UInt64(passage.articleIDs.count))
            for id in passage.articleIDs {
                if let k = model.position(of: id) { key.add(model.namedKeys[k]) } else { key.add(id) }
            }
            #expect(model.passageKeys[p] == key.value, "\(passage.id)")
        }
    }

    /// Names with ASCII letters keep them; names in other scripts keep their own letters
    /// (they were all "speaker", "speaker-2", …, in name order).
    @Test func slugsOfNamesInOtherScripts() {
        #expect(Slug.make("Zoë Ball") == "zoe-ball")
        #expect(Slug.make("Владимир Путин") == "владимир-путин")
        #expect(Slug.make("习近平") == "习近平")
        #expect(Slug.make("Ελένη Παπαδοπούλου, Jr.") == "ελένη-παπαδοπούλου-jr")
        #expect(Slug.make("Kim Kardashian") == "kim-kardashian" && Slug.make("a source") == "a-source")
        #expect(Slug.make("— ? —") == "speaker")
    }

    /// Quotes spread over shuffled articles, some without a speaker, two speaker names that
    /// make the same slug, one quote of an article the archive lacks: each article's quotes are
    /// its own by start; each speaker's are theirs in quote order, with the speaker's first
    /// kind; slugs go in name order ("-2" for the second); and each article's speaker key is
    /// the one each quote's speaker (a digest of name and slug) or none gives, in order.
    @Test func quotesGroupedByArticleAndSpeaker() throws {
        let list = try articles(shuffled: true)
        var rng = SplitMix64(seed: 5)
        let names = ["Kim K", "Kim K.", "Kanye West", "a source"]
        var quotes: [Quote] = []
        for i in 0..<900 {
            let article = i == 450 ? "missing-article" : list[Int(rng.next() % UInt64(list.count))].id
            let pick = Int(rng.next() % 5)
            let speaker = pick < names.count
                ? SpeakerMention(name: names[pick], kind: pick == 3 ? .anonymous : .person, mention: 0..<1) : nil
            quotes.append(Quote(id: "q\(i)", article: article, start: Int(rng.next() % 10_000), end: 10_001, speaker: speaker))
        }
        let stats = list.map { _ in ArticleWordStats(words: 1, shared: 0, perWitness: [], witnesses: []) }
        let model = SiteModel(articles: list, annotations: Annotations(passages: [], quotes: quotes), wordCounts: WordCounts(stats))
        for (k, a) in model.articles.enumerated() {
            let expected = quotes.filter { $0.article == a.id }.sorted { $0.start < $1.start }
            #expect(Array(model.quotesByArticle[k]) == expected, "article \(a.id)")
            var key = PageKey(seed: 3)
            key.add(UInt64(expected.count))
            for q in expected {
                if let s = q.speaker {
                    var digest = PageKey(seed: 6)
                    digest.add(s.name); digest.add(model.speakerSlugByName[s.name]!)
                    key.add(1); key.add(digest.value)
                } else {
                    key.add(0)
                }
            }
            #expect(model.quoteSpeakerKeys[k] == key.value, "article \(a.id)")
        }
        #expect(model.speakers.map(\.name) == names.sorted())
        #expect(model.speakers.map(\.slug) == ["kanye-west", "kim-k", "kim-k-2", "a-source"])
        for sp in model.speakers {
            #expect(Array(sp.quotes) == quotes.filter { $0.speaker?.name == sp.name }, "\(sp.name)")
            #expect(sp.kind == (sp.name == "a source" ? .anonymous : .person))
        }
    }

    /// Speakers numbered from the table's (one per name and kind) are numbered as one pass in
    /// quote order numbers them by name (first met first, each with its first quote's kind);
    /// the lookups made by chunks of any size are the same.
    @Test func speakersNumberedAsInOnePass() throws {
        var rng = SplitMix64(seed: 11)
        let names = ["Kim K", "Kanye West", "a source", "Zoë Ball", "an insider", "Kim K."]
        var quotes: [Quote] = []
        for i in 0..<500 {
            let pick = Int(rng.next() % 7)
            // Runs of one speaker (an article's quotes), and the same name given two kinds.
            let repeats = Int(rng.next() % 3)
            for r in 0...repeats {
                let speaker = pick < names.count
                    ? SpeakerMention(name: names[pick], kind: (i + r) % 4 == 0 ? .anonymous : .person, mention: 0..<1) : nil
                quotes.append(Quote(id: "q\(i)-\(r)", article: "a\(i % 40)", start: r, end: 9, speaker: speaker))
            }
        }
        var numberByName: [String: Int32] = [:], expectedNames: [String] = [], expectedKinds: [SpeakerKind] = []
        let expectedOf = quotes.map { q -> Int32 in
            guard let s = q.speaker else { return -1 }
            if let n = numberByName[s.name] { return n }
            numberByName[s.name] = Int32(expectedNames.count); expectedNames.append(s.name); expectedKinds.append(s.kind)
            return Int32(expectedNames.count - 1)
        }
        let articleOf = quotes.map { Int32(Int($0.article.dropFirst())!) }
        let table = QuoteTable(quotes)
        #expect(table.speakers.count > expectedNames.count, "a name given two kinds")
        let (n, k, of) = SiteModel.speakerNumbers(table)
        #expect(n == expectedNames && k == expectedKinds && of == expectedOf)
        let whole = SiteModel.quoteLookups(table, articles: 40, articleOf: articleOf)
        for chunk in [1, 2, 7, 64, quotes.count, quotes.count + 1] {
            let chunked = SiteModel.quoteLookups(table, articles: 40, articleOf: articleOf, chunk: chunk)
            #expect(chunked.byArticle.map { Array($0) } == whole.byArticle.map { Array($0) }, "chunk \(chunk)")
            #expect(chunked.speakers.map(\.slug) == whole.speakers.map(\.slug) && chunked.speakerKeys == whole.speakerKeys, "chunk \(chunk)")
        }
        #expect(whole.byArticle.count == 40 && whole.speakerKeys.count == 40)
        // Each quote's speaker number leads, through its place, to the speaker of its name.
        #expect(whole.speakerNumbers == expectedOf)
        #expect(quotes.indices.allSatisfy { q in
            let n = whole.speakerNumbers[q]
            return n < 0 ? quotes[q].speaker == nil : whole.speakers[Int(whole.speakerPlaces[Int(n)])].name == quotes[q].speaker?.name
        })
    }

    /// Ids asked for in id order with gaps (as an article's quotes come), in reverse, shuffled,
    /// with far jumps and with ids the archive lacks (before, between and after its own): each
    /// found where a table of every id finds it.
    @Test func articlesAreFoundByIDInAnyOrder() throws {
        let list = try articles(shuffled: true)
        let stats = list.map { _ in ArticleWordStats(words: 1, shared: 0, perWitness: [], witnesses: []) }
        let model = SiteModel(articles: list, annotations: Annotations(), wordCounts: WordCounts(stats))
        let table = Dictionary(uniqueKeysWithValues: model.articles.enumerated().map { ($1.id, Int32($0)) })
        let ids = model.articlesByID.map(\.id)
        var rng = SplitMix64(seed: 11)
        let inOrder = ids.enumerated().flatMap { k, id in k % 3 == 0 ? [] : Array(repeating: id, count: k % 4) }
        let missing = ["", "a", "a0", ids[40] + "x", ids[200] + "-", "zzz"]
        let farJumps = (0..<200).map { ids[$0 % 2 == 0 ? $0 / 2 : ids.count - 1 - $0 / 2] }
        for asked in [inOrder, Array(inOrder.reversed()), (inOrder + missing).shuffled(using: &rng), farJumps,
                      (ids + missing).sorted()] {
            var search = SiteModel.IDSearch(model.articlesByID, ids.map { table[$0]! })
            #expect(asked.map { search.position(of: $0) } == asked.map { table[$0] ?? -1 })
        }
        for id in ids + missing { #expect(model.position(of: id).map(Int32.init) == table[id]) }
    }

    /// The annotator's article index of each witness is used only where it names the witness's
    /// article: indices that are right, shifted by one, out of range, or too few all give each
    /// witness's article as found by its id.
    @Test func witnessArticlesFromTheAnnotatorAreCheckedAgainstTheirIDs() throws {
        let list = try articles(shuffled: false)
        let stats = list.map { _ in ArticleWordStats(words: 1, shared: 0, perWitness: [], witnesses: []) }
        var rng = SplitMix64(seed: 3)
        var passages: [Passage] = [], indices: [Int32] = []
        for p in 0..<40 {
            var witnesses: [Witness] = []
            for n in 0..<(2 + p % 3) {
                let k = p == 7 && n == 1 ? -1 : Int(rng.next() % UInt64(list.count))
                witnesses.append(Witness(article: k < 0 ? "missing-article" : list[k].id, start: n, end: n + 1))
                indices.append(Int32(k))
            }
            passages.append(Passage(id: "p\(p)", witnesses: witnesses))
        }
        let plain = SiteModel(articles: list, annotations: Annotations(), wordCounts: WordCounts(stats))
        let expected = passages.flatMap { $0.witnesses.map { w in Int32(plain.position(of: w.article) ?? -1) } }
        #expect(expected.filter { $0 < 0 }.count == 1)
        for given in [indices, indices.map { $0 + 1 }, indices.map { _ in Int32(list.count) }, Array(indices.dropLast())] {
            let annotations = Annotations(passages: passages, quotes: [], witnessArticles: given)
            let model = SiteModel(articles: list, annotations: annotations, wordCounts: WordCounts(stats))
            #expect(model.witnessArticles == expected)
        }
        // A build's own annotations (`annotatedHere`) are taken without the check; an index the
        // annotator left unknown (-1) is still found by id.
        let unknown = indices.enumerated().map { $0.offset % 5 == 0 ? -1 : $0.element }
        #expect(zip(unknown, expected).contains { $0 < 0 && $1 >= 0 })
        for given in [indices, unknown] {
            let annotations = Annotations(passages: passages, quotes: [], witnessArticles: given)
            let model = SiteModel(articles: list, annotations: annotations, wordCounts: WordCounts(stats), inIDOrder: true, annotatedHere: true)
            #expect(model.witnessArticles == expected)
        }
    }

    /// Where the annotator says each article's quotes begin is used only where a quote names
    /// that article: starts that are right, shifted by one article, of the wrong count, or cut
    /// short, all give each quote's article and each article's quotes as found by id.
    @Test func quoteStartsFromTheAnnotatorAreCheckedAgainstTheirIDs() throws {
        let list = try articles(shuffled: false)
        let stats = list.map { _ in ArticleWordStats(words: 1, shared: 0, perWitness: [], witnesses: []) }
        // One quote of an article the archive lacks.
        let (quotes, starts) = Self.quotesByArticle(list, seed: 9, missing: list[100].id)
        let plain = SiteModel(articles: list, annotations: Annotations(passages: [], quotes: quotes), wordCounts: WordCounts(stats))
        #expect(plain.quoteArticles.filter { $0 < 0 }.count == (quotes.contains { $0.article == "missing-article" } ? 1 : 0))
        let shifted = [0] + starts.dropLast()
        for given in [starts, shifted, Array(starts.dropLast()), starts.map { min($0, quotes.count - 1) }] {
            let annotations = Annotations(passages: [], quotes: QuoteTable(quotes), witnessArticles: [], quoteStarts: given)
            let model = SiteModel(articles: list, annotations: annotations, wordCounts: WordCounts(stats))
            #expect(model.quoteArticles == plain.quoteArticles)
            #expect(model.quotesByArticle.map { Array($0).map(\.id) } == plain.quotesByArticle.map { Array($0).map(\.id) })
            #expect(model.quoteSpeakerKeys == plain.quoteSpeakerKeys)
        }
    }

    /// A build's own annotations (`annotatedHere`): where each article's quotes begin is taken
    /// without each quote's article id being compared, and gives what finding each by id gives.
    @Test func quoteStartsOfABuildsOwnAnnotationsAreTaken() throws {
        let list = try articles(shuffled: false)
        let stats = list.map { _ in ArticleWordStats(words: 1, shared: 0, perWitness: [], witnesses: []) }
        let (given, starts) = Self.quotesByArticle(list, seed: 58)
        // Each article's quotes as given (latest start first), and in order of start, as the
        // finder makes them: then each article's are a run of the quotes, not bucketed.
        let inOrder = starts.indices.dropLast().flatMap { i in given[starts[i]..<starts[i + 1]].reversed() }
        for (quotes, runs) in [(given, false), (inOrder, true)] {
            let plain = SiteModel(articles: list, annotations: Annotations(passages: [], quotes: quotes), wordCounts: WordCounts(stats))
            let annotations = Annotations(passages: [], quotes: QuoteTable(quotes), witnessArticles: [], quoteStarts: starts)
            let model = SiteModel(articles: list, annotations: annotations, wordCounts: WordCounts(stats), inIDOrder: true, annotatedHere: true)
            // (The articles' positions newest first are not their places in id order: a start taken as a position would show.)
            #expect(plain.quoteArticles != quotes.indices.map { q in Int32(starts.lastIndex { $0 <= q }!) })
            #expect(model.quoteArticles == plain.quoteArticles)
            #expect(model.quotesByArticle.map { Array($0).map(\.id) } == plain.quotesByArticle.map { Array($0).map(\.id) })
            #expect(model.quotesByArticle.map { Array($0).map(\.start) }.allSatisfy { $0 == $0.sorted() })
            #expect(model.quotesByArticle.lieTogether == runs && !plain.quotesByArticle.lieTogether)
            #expect(model.quoteSpeakerKeys == plain.quoteSpeakerKeys)
            #expect(model.speakers.map(\.slug) == plain.speakers.map(\.slug))
            #expect(model.speakers.map { $0.quotes.map(\.id) } == plain.speakers.map { $0.quotes.map(\.id) })
        }
    }

    /// Up to three quotes of each article, grouped by article in id order as the annotator gives
    /// them, and where each article's begin; the second quote of article `missing` (if any)
    /// names an article the archive lacks.
    static func quotesByArticle(_ list: [Article], seed: UInt64, missing: String? = nil) -> (quotes: [Quote], starts: [Int]) {
        var rng = SplitMix64(seed: seed)
        var quotes: [Quote] = [], starts = [0]
        for a in list {
            for k in 0..<Int(rng.next() % 4) {
                let article = a.id == missing && k == 1 ? "missing-article" : a.id
                quotes.append(Quote(id: "\(a.id)-q\(k)", article: article, start: 10 - k, end: 20,
                                    speaker: SpeakerMention(name: "Speaker \(rng.next() % 5)", kind: .person, mention: 0..<1)))
            }
            starts.append(quotes.count)
        }
        return (quotes, starts)
    }
}
