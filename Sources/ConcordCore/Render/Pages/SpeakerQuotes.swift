/// One speaker's quotes as their page lists them: earliest first, copies of the
/// same words (quotes in one passage sharing most of their words) one entry.
///
/// A quote joins only an entry of its own passage, so each passage's quotes (a
/// *cluster*), and each quote in no passage, are grouped apart from the rest: a
/// cluster whose quotes are the same as at the last build has the same entries,
/// which that build rendered (`SpeakerRows`), and its quotes' texts need not be
/// read again (a speaker of a quote-dense archive has 1,300 quotes in as many files).
struct SpeakerQuotes {
    /// A quote and its article (a position in the model's `articles`).
    struct Item {
        let quote: Quote
        /// Where the quote is in `annotations.quotes`.
        let position: Int32
        let article: Int32
    }

    /// The speaker's quotes whose article the archive has, earliest first (then by place in the article).
    let dated: [Item]
    /// Each cluster's quotes, as indices into `dated` in order; clusters in the order of their first quote.
    let clusters: [[Int]]

    init(speaker s: Int, model: SiteModel) {
        let sp = model.speakers[s]
        let items = zip(sp.quotes, sp.quotes.positions).compactMap { q, k -> (Item, Article)? in
            let a = model.quoteArticles[Int(k)]
            return model.article(at: a).map { (Item(quote: q, position: k, article: a), $0) }
        }
        dated = items.sorted { x, y in
            Article.oldestFirst(x.1, y.1) || (x.1.id == y.1.id && x.0.quote.start < y.0.quote.start)
        }.map(\.0)
        var clusters: [[Int]] = [], byPassage: [String: Int] = [:]
        for (i, item) in dated.enumerated() {
            guard let p = item.quote.passage else { clusters.append([i]); continue }
            if let c = byPassage[p] { clusters[c].append(i) } else { byPassage[p] = clusters.count; clusters.append([i]) }
        }
        self.clusters = clusters
    }

    /// An entry: its quotes, as indices into `dated` (the one shown first), and the place of
    /// that first one in its cluster (what the entry is known by between builds, `SpeakerRows`).
    struct Entry {
        let lead: Int
        let items: [Int]
    }

    /// Cluster `c`'s entries, in the order of their first quote. Reads the texts of the cluster's quotes.
    func groups(of c: Int, model: SiteModel, tokenizer: WordTokenizer) -> [Entry] {
        let members = clusters[c]
        guard members.count > 1 else { return [Entry(lead: 0, items: members)] }
        var groups: [(words: Set<String>, lead: Int, items: [Int])] = []
        for (place, i) in members.enumerated() {
            let q = dated[i].quote, a = model.articles[Int(dated[i].article)]
            let words = Set(tokenizer.tokenize(a.source, in: q.range).norms)
            let match = groups.firstIndex { g in
                Double(g.words.intersection(words).count) >= 0.6 * Double(min(g.words.count, words.count))
            }
            if let m = match { groups[m].items.append(i) } else { groups.append((words, place, [i])) }
        }
        return groups.map { Entry(lead: $0.lead, items: $0.items) }
    }

    /// Every entry's quotes, in page order (each by its first quote, earliest first).
    func allGroups(model: SiteModel, tokenizer: WordTokenizer) -> [[Int]] {
        clusters.indices.flatMap { groups(of: $0, model: model, tokenizer: tokenizer).map(\.items) }.sorted { $0[0] < $1[0] }
    }

    /// A key of what cluster `c`'s entries are made from (its quotes, each by `quoteKeys`, in
    /// order), starting from `base` (the template's).
    func clusterKey(_ c: Int, base: PageKey, model: SiteModel) -> UInt64 {
        var key = base
        let members = clusters[c]
        key.add(dated[members[0]].quote.passage ?? "\u{0}")
        key.add(UInt64(members.count))
        for i in members { key.add(model.quoteKeys[Int(dated[i].position)]) }
        return key.value
    }

    /// The names of the page's own values (`page`): an entry that reads one cannot be kept apart from its page.
    static let pageNames: Set<String> = ["name", "kind", "quotesLabel", "groupCount", "isAnonymous"]

    /// The page's own values (its entries are `row(_:model:)`).
    static func page(speaker s: Int, model: SiteModel, groupCount: Int) -> [String: Any] {
        let sp = model.speakers[s]
        let page: [String: Any] = ["name": sp.name, "kind": sp.kind.rawValue, "quotesLabel": PageContexts.count(sp.quotes.count, "quote"),
                                   "groupCount": groupCount, "isAnonymous": sp.kind == .anonymous]
        assert(Set(page.keys) == pageNames, "pageNames names the page's values")
        return page
    }

    /// One entry: the first quote's words, and every article that printed them (one link per
    /// article: a statement may be cut into several quotes there).
    func row(_ group: [Int], model: SiteModel) -> [String: Any] {
        let lead = dated[group[0]].quote, a = model.articles[Int(dated[group[0]].article)]
        var seen = Set<Int32>()
        let firsts = group.filter { seen.insert(dated[$0].article).inserted }
        // `notLast`: a separator goes between them, not after the last one.
        let appearances: [[String: Any]] = firsts.enumerated().map { n, i in
            let q = dated[i].quote, qa = model.articles[Int(dated[i].article)]
            return ["title": qa.title, "date": qa.date.readable, "iso": qa.date.description,
                    "url": Links.up2 + Links.article(qa.id) + "#" + HTML.pathSegment(q.id),
                    "cue": q.cue ?? "", "hasCue": q.cue != nil, "notLast": n < firsts.count - 1]
        }
        var row: [String: Any] = ["text": a.text(lead.range), "appearances": appearances,
                                  "count": firsts.count, "several": firsts.count > 1]
        if let p = lead.passage { row["passageURL"] = Links.up2 + Links.passage(p) }
        return row
    }
}
