import Foundation

/// The model's quote tables: each quote's article, each article's quotes, the speakers.
extension SiteModel {
    /// The position in `articles` of each quote's article (-1 for none): from where the annotator
    /// says each article's quotes begin (`Annotations.quoteStarts`, by index into `unsorted`) where
    /// the quote names that article, else found by id (`search`). Found by id alone, one search
    /// per quote, 100,000 quotes took 17–24 ms at every build. `trusted`: the starts are taken
    /// without each quote's article id being compared with its article's (see `init`'s
    /// `annotatedHere`; a visit to each of 100,000 articles and its id's storage), checked in
    /// debug builds.
    static func quoteArticles(_ quotes: QuoteTable, _ starts: [Int], _ unsorted: [Article], _ positionOf: [Int32],
                              trusted: Bool = false, search: (String) -> Int32) -> [Int32] {
        guard starts.count == unsorted.count + 1, starts.last == quotes.count else { return quotes.indices.map { search(quotes.articleID($0)) } }
        var result = [Int32](repeating: -1, count: quotes.count)
        if trusted {
            for k in unsorted.indices where starts[k + 1] > starts[k] {
                for q in starts[k]..<starts[k + 1] { result[q] = positionOf[k] }
            }
            assert(unsorted.indices.allSatisfy { k in (starts[k]..<starts[k + 1]).allSatisfy { quotes.articleID($0) == unsorted[k].id } },
                   "the annotator's starts give each quote's article")
            return result
        }
        // By index: each article taken out of the array is retained and released, quotes or not.
        for k in unsorted.indices where starts[k + 1] > starts[k] {
            // (The quotes of an article restored from the cache share its id's storage: compared at once.)
            let id = unsorted[k].id
            for q in starts[k]..<starts[k + 1] {
                result[q] = quotes.articleID(q) == id ? positionOf[k] : search(quotes.articleID(q))
            }
        }
        return result
    }

    /// What the model takes of the quotes (`quoteLookups`).
    struct QuoteLookups {
        /// Each article's quotes (by position in `articles`), in order of start.
        let byArticle: QuoteGroups
        /// One per canonical name and kind, sorted by name, slugs unique.
        let speakers: [Speaker]
        let slugByName: [String: String]
        /// Per article (by position in `articles`), its `quoteSpeakerKeys`.
        let speakerKeys: [UInt64]
        /// Each quote's speaker as a number (-1: none; `speakerNumbers(_:)`), and each number's
        /// place in `speakers`: what `SiteModel.speakerQuoteKeys` is folded by.
        let speakerNumbers: [Int32], speakerPlaces: [Int32]
    }

    /// Each article's quotes by start (by position in `articles`, `articleOf` giving each quote's),
    /// the speakers, and the keys that speakers give articles' pages (`QuoteLookups`). Quotes are
    /// grouped by position (`QuoteSelection`), never copied. The passes over every
    /// quote and every article run by chunks (`chunk` quotes, or articles) on every core: on one,
    /// 100,000 of each took 25 ms at every build, most of it while the model waited.
    /// - Parameter runs: where each article's quotes begin (`Annotations.quoteStarts`) and the
    ///   articles by position (`NewestFirstOrder`), when each article's quotes lie together in
    ///   `quotes`, as a build's own annotations give them: then an article's quotes are that run
    ///   (if in order of start, as the finder makes them), not bucketed by position (a million
    ///   positions counted and placed at every build of 100,000 articles quoting ten times each).
    static func quoteLookups(_ quotes: QuoteTable, articles: Int, articleOf: [Int32], chunk: Int = 16384,
                             runs: (starts: [Int], order: [Int32])? = nil) -> QuoteLookups {
        let (names, kinds, speakerOf) = speakerNumbers(quotes)
        let inRuns = runs.flatMap { runs -> (starts: [Int], order: [Int32])? in
            guard runs.order.count == articles, runs.starts.count == articles + 1, runs.starts.last == quotes.count else { return nil }
            let inOrder = ParallelMap.allSatisfy(articles, chunk: chunk) { i in
                (runs.starts[i]..<max(runs.starts[i], runs.starts[i + 1] - 1)).allSatisfy { quotes.start($0) <= quotes.start($0 + 1) }
            }
            return inOrder ? runs : nil
        }
        // Else each article's quotes bucketed by position, then put in order of start.
        let byArticle = inRuns != nil ? nil : {
            var buckets = QuoteSelection.positions(of: articleOf, count: articles)
            buckets.sortEach { quotes.start(Int($0)) < quotes.start(Int($1)) }
            return buckets
        }()
        let bySpeaker = QuoteSelection.positions(of: speakerOf, count: names.count)
        var slugs = Set<String>()
        var list: [Speaker] = []
        var slugByName: [String: String] = [:]
        // What a page key takes of each speaker (name and slug), digested once per speaker into
        // one number, added once per quote (a million at 100,000 articles quoting ten times each).
        var digests = [UInt64](repeating: 0, count: names.count)
        // Where each speaker number's speaker lies in `list` (sorted by name).
        var place = [Int32](repeating: -1, count: names.count)
        for n in names.indices.sorted(by: { names[$0] < names[$1] }) {
            place[n] = Int32(list.count)
            let name = names[n]
            var slug = Slug.make(name)
            var k = 2
            while !slugs.insert(slug).inserted { slug = Slug.make(name) + "-\(k)"; k += 1 }
            slugByName[name] = slug
            var digest = PageKey(seed: 6)
            digest.add(name); digest.add(slug)
            digests[n] = digest.value
            list.append(Speaker(name: name, kind: kinds[n], slug: slug,
                                quotes: QuoteSelection(quotes, bySpeaker[n])))
        }
        let speakerKeys = ParallelMap.map(count: articles, chunk: chunk) { k -> UInt64 in
            var key = PageKey(seed: 3)
            func add(_ p: Int) {
                let n = Int(speakerOf[p])
                if n >= 0 { key.add(1); key.add(digests[n]) } else { key.add(0) }
            }
            if let byArticle {
                let positions = byArticle[k]
                key.add(UInt64(positions.count))
                for p in positions { add(Int(p)) }
            } else if let inRuns {
                let i = Int(inRuns.order[k]), run = inRuns.starts[i]..<inRuns.starts[i + 1]
                key.add(UInt64(run.count))
                for p in run { add(p) }
            }
            return key.value
        }
        let groups = byArticle.map { QuoteGroups(quotes, $0) } ?? QuoteGroups(quotes, runs: inRuns!.starts, order: inRuns!.order)
        return QuoteLookups(byArticle: groups, speakers: list, slugByName: slugByName, speakerKeys: speakerKeys,
                            speakerNumbers: speakerOf, speakerPlaces: place)
    }

    /// Each quote's speaker as a number (-1: none), one per name, with each one's name and kind
    /// (the kind its first quote gives it). The table numbers its speakers by name and kind
    /// already: only a name given two kinds (or two of the table's speakers given one name by
    /// the archive's names) makes two of them one here, and one no quote names is left out.
    /// Each quote's name was hashed before (100,000 at 100,000 articles: 54 ms of CPU at every build).
    static func speakerNumbers(_ quotes: QuoteTable) -> (names: [String], kinds: [SpeakerKind], of: [Int32]) {
        let entries = quotes.speakers
        // Each quote's number in the table, and each number's first quote, in one pass.
        var of: [Int32] = [], firstQuote = [Int](repeating: Int.max, count: entries.count)
        of.reserveCapacity(quotes.count)
        for k in 0..<quotes.count {
            let n = quotes.speakerNumber(k)
            of.append(n)
            if n >= 0 && firstQuote[Int(n)] == Int.max { firstQuote[Int(n)] = k }
        }
        var byName: [String: Int32] = [:], names: [String] = [], kinds: [SpeakerKind] = [], first: [Int] = []
        var number = [Int32](repeating: -1, count: entries.count)
        for (n, s) in entries.enumerated() where firstQuote[n] != Int.max {
            if let m = byName[s.name] {
                number[n] = m
                if firstQuote[n] < first[Int(m)] { first[Int(m)] = firstQuote[n]; kinds[Int(m)] = s.kind }
                continue
            }
            number[n] = Int32(names.count); byName[s.name] = Int32(names.count)
            names.append(s.name); kinds.append(s.kind); first.append(firstQuote[n])
        }
        if number.enumerated().allSatisfy({ Int($1) == $0 }) { return (names, kinds, of) }
        return (names, kinds, of.map { $0 >= 0 ? number[Int($0)] : -1 })
    }
}
