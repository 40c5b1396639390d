/// Builds the Mustache context of each page from the site model.
///
/// Everything taken from an article reaches the templates as plain text (which
/// Mustache escapes) or as HTML built here with `HTML.escape`.
struct PageContexts {
    /// Every name a page gives its templates, in any context (the layout's, a page's, a row's):
    /// a template naming another gets a warning (`TemplateNames`), since Mustache renders it
    /// as nothing. A test checks it against every context the sample site's pages are given.
    static let names: Set<String> = [
        // The layout (`TemplateSet.layout`).
        "content", "isHome", "pageTitle", "root", "siteTitle",
        // The list pages, their rows and sections (`Listing.section`).
        "articles", "passages", "speakers", "articleCount", "oneArticle", "passageCount", "onePassage", "speakerCount",
        "oneSpeaker", "hasPassages", "hasSpeakers",
        // Articles, passages, speakers, and the rows and values inside them.
        "id", "url", "title", "date", "iso", "credits", "hasCredits", "author", "hasAuthor", "sourceURL", "hasSourceURL",
        "tags", "hasTags", "body", "newer", "older", "sharedWith", "hasShared", "quotes", "hasQuotes", "quotesLabel",
        "words", "sharedPercent", "isShared", "witnesses", "witnessCount", "firstTitle", "excerpt", "appearances",
        "groupCount", "pieces", "pieceCount", "severalPieces", "several", "isFirst", "notFirst", "notLast", "html", "text", "name",
        "kind", "isPerson", "isAnonymous", "count", "plural", "cue", "hasCue", "passageURL",
        // A passage's copies in rows (`PassageSynopsis`).
        "rowCount", "rowSpan", "cells", "parts", "isEmpty", "gapBefore", "endsPiece",
    ]

    let model: SiteModel
    let markdown = MarkdownRenderer()
    let tokenizer = WordTokenizer()

    // MARK: index

    /// The index page's own values (its rows are `indexRow(_:)`).
    func indexPage() -> [String: Any] {
        ["articleCount": model.articles.count, "oneArticle": model.articles.count == 1,
         "passageCount": model.annotations.passages.count, "speakerCount": model.speakers.count,
         "onePassage": model.annotations.passages.count == 1, "oneSpeaker": model.speakers.count == 1]
    }

    // MARK: lists (the index, the passages, the speakers)

    /// A list page's own values (its rows are `row(_:_:)`).
    func listPage(_ list: Listing) -> [String: Any] {
        switch list {
        case .articles: indexPage()
        case .passages: ["hasPassages": !model.annotations.passages.isEmpty]
        case .speakers: ["hasSpeakers": !model.speakers.isEmpty]
        }
    }

    func rowCount(_ list: Listing) -> Int {
        switch list {
        case .articles: model.articles.count
        case .passages: model.annotations.passages.count
        case .speakers: model.speakers.count
        }
    }

    func row(_ list: Listing, _ i: Int) -> [String: Any] {
        switch list {
        case .articles: indexRow(i)
        case .passages: passagesRow(i)
        case .speakers: speakersRow(i)
        }
    }

    /// Adds to `key` everything `row(list, i)` is made from, without building it.
    func rowKey(_ list: Listing, _ i: Int, into key: inout PageKey) {
        switch list {
        case .articles: indexRowKey(i, into: &key)
        case .passages: passagesRowKey(i, into: &key)
        case .speakers: speakersRowKey(i, into: &key)
        }
    }

    /// Adds to `key` everything `listPage(list)` is made from.
    func listPageKey(_ list: Listing, into key: inout PageKey) {
        switch list {
        case .articles: indexPageKey(into: &key)
        case .passages: key.add(UInt64(model.annotations.passages.count))
        case .speakers: key.add(UInt64(model.speakers.count))
        }
    }

    /// The whole context of a list page, rows included (for a template `ListTemplate` cannot cut).
    func list(_ list: Listing) -> [String: Any] {
        var page = listPage(list)
        page[list.section] = (0..<rowCount(list)).map { row(list, $0) }
        return page
    }

    // MARK: index

    /// One article's row of the index.
    func indexRow(_ i: Int) -> [String: Any] {
        let a = model.articles[i]
        let quotes = model.quotesByArticle[i].count
        return [
            "url": Links.article(a.id), "title": a.title, "date": a.date.readable, "iso": a.date.description,
            "credits": a.credits.joined(separator: " · "), "hasCredits": !a.credits.isEmpty,
            "sharedPercent": sharedWords(at: i).percent, "isShared": sharedWords(at: i).percent > 0,
            "quotes": Self.count(quotes, "quote"), "hasQuotes": quotes > 0,
        ]
    }

    /// "1 quote", "3 quotes".
    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    /// Adds to `key` everything `indexRow(i)` is made from, without building it.
    func indexRowKey(_ i: Int, into key: inout PageKey) {
        key.add(model.namedKeys[i]); key.add(model.listedKeys[i])
        key.add(UInt64(sharedWords(at: i).percent)); key.add(UInt64(model.quotesByArticle[i].count))
    }

    /// Adds to `key` everything `indexPage()` is made from.
    func indexPageKey(into key: inout PageKey) {
        key.add(UInt64(model.articles.count)); key.add(UInt64(model.annotations.passages.count)); key.add(UInt64(model.speakers.count))
    }

    /// Share of the words of article `i` (a position in `model.articles`) that lie in some witness, in whole percent.
    func sharedWords(at i: Int) -> (words: Int, percent: Int) {
        let s = model.wordStats(at: i)
        guard s.words > 0 else { return (0, 0) }
        return (s.shared, s.shared * 100 / s.words)
    }

    // MARK: article

    func article(at i: Int) -> [String: Any] {
        let a = model.articles[i]
        var ctx: [String: Any] = [
            "id": a.id, "title": a.title, "date": a.date.readable, "iso": a.date.description,
            "credits": a.credits.joined(separator: " · "), "hasCredits": !a.credits.isEmpty,
            "author": a.author ?? "", "hasAuthor": a.author != nil,
            "sourceURL": a.url ?? "", "hasSourceURL": a.url.map(isWebURL) ?? false,
            "tags": a.tags, "hasTags": !a.tags.isEmpty,
        ]
        ctx["body"] = markdown.render(a, highlights: highlights(at: i))
        // Newer is earlier in the newest-first list.
        if i > 0 { ctx["newer"] = ["url": Links.up2 + Links.article(model.articles[i - 1].id), "title": model.articles[i - 1].title] }
        if i + 1 < model.articles.count {
            ctx["older"] = ["url": Links.up2 + Links.article(model.articles[i + 1].id), "title": model.articles[i + 1].title]
        }
        let shared = sharedWith(at: i)
        ctx["sharedWith"] = shared
        ctx["hasShared"] = !shared.isEmpty
        let speakers = speakersQuoted(at: i)
        ctx["speakers"] = speakers
        ctx["hasSpeakers"] = !speakers.isEmpty
        return ctx
    }

    /// Adds to `key` everything `article(at:)` reads, straight from the model
    /// (12,000 contexts built only to be hashed cost a third of an incremental
    /// build): the article's bytes and id, its neighbours' ids, titles and dates,
    /// its witnesses with their passages' ids and articles (ids, titles, dates)
    /// and word counts, its quotes' speakers' names and slugs. The article's own
    /// fields (title, date, credits, author, url, tags) and its quotes' places
    /// and ids come from its bytes and file name alone, so its bytes' checksum
    /// stands for them (a parser that changes changes the cache's algorithm
    /// version, and the next build is a full one). Its bytes and id are taken
    /// from its digests (`listedKeys`, `namedKeys`: flat tables), not from its
    /// object: 100,000 objects scattered in memory at 100,000 articles.
    func articleKey(at i: Int, into key: inout PageKey) {
        key.add(model.listedKeys[i]); key.add(model.namedKeys[i])
        for n in stride(from: i - 1, through: i + 1, by: 2) {
            if n >= 0 && n < model.articles.count { key.add(model.namedKeys[n]) } else { key.add("\u{0}") }
        }
        let witnesses = model.witnessesByArticle[i]
        key.add(UInt64(witnesses.count))
        for w in witnesses {
            key.add(model.passageKeys[w.passage]); key.add(UInt64(w.start)); key.add(UInt64(w.end))
            key.add(UInt64(model.words(inWitnessOf: i, at: w.start)))
        }
        key.add(model.quoteSpeakerKeys[i])
    }

    private func isWebURL(_ s: String) -> Bool { s.hasPrefix("https://") || s.hasPrefix("http://") }

    /// The marks of article `i` (a position in `model.articles`): its witnesses and its quotes.
    func highlights(at i: Int) -> [Highlight] {
        var result: [Highlight] = []
        let witnesses = model.witnessesByArticle[i]
        var counter: [String: Int] = [:]
        for w in witnesses {
            let p = w.passage, passage = model.annotations.passages[p]
            let n = counter[passage.id, default: 0]; counter[passage.id] = n + 1
            let others = model.articleCount(ofPassage: p) - 1
            let id = HTML.escape(passage.id)
            // One tag per passage and article, at its first copy; every copy gets an anchor.
            result.append(Highlight(
                range: w.range,
                open: "<mark class=\"shared\" data-passage=\"\(id)\">", close: "</mark>",
                firstOpen: "<mark class=\"shared\" id=\"w-\(id)-\(n)\" data-passage=\"\(id)\">",
                lead: n > 0 ? "" : "<a class=\"passage-tag\" href=\"\(Links.up2)\(Links.passage(passage.id))\" title=\"Shared passage: also in \(others) other article\(others == 1 ? "" : "s")\">shared ×\(others + 1)</a> ",
                anchor: "w-\(id)-\(n)", layer: 2))
        }
        let article = model.articles[i], quotes = model.quotesByArticle[i]
        // (Taken once: an article restored from the cache gives its bytes under a lock.)
        let source = quotes.isEmpty ? [] : article.source
        for q in quotes {
            let label: String
            if let s = q.speaker, let slug = model.speakerSlugByName[s.name] {
                label = "<a class=\"speaker-tag\" href=\"\(Links.up2)\(Links.speaker(slug))\">\(HTML.escape(s.name))</a>"
            } else {
                label = "<span class=\"speaker-tag unknown\">unattributed</span>"
            }
            // The label stands before the opening mark (`OpeningMark`), on a piece of its own, joined
            // to it by a no-break space; inside the quote, after a space, where no mark is found.
            var lead = label + " "
            if let mark = OpeningMark.offset(before: q.start, in: source, floor: article.body.lowerBound) {
                result.append(Highlight(range: mark..<q.start, open: "", close: "", lead: label + "&#160;", layer: 1))
                lead = ""
            }
            let id = HTML.escape(q.id)
            result.append(Highlight(range: q.range, open: "<span class=\"quote\">", close: "</span>",
                                    firstOpen: "<span class=\"quote\" id=\"\(id)\">", lead: lead, anchor: id, layer: 1))
        }
        return result
    }

    /// Other articles sharing text with article `i`, most shared words first: the articles its
    /// copies were aligned with, and its words in the segments aligned with each (where the
    /// annotations say; else every article of its passages, and its words in them).
    func sharedWith(at i: Int) -> [[String: Any]] {
        let a = model.articles[i]
        var words: [String: Int] = [:]
        var passages: [String: Set<Int>] = [:]
        var seen = Set<Int>()
        for w in model.witnessesByArticle[i] {
            let p = w.passage
            if let linked = model.linked(to: i, inPassage: p) {
                guard seen.insert(p).inserted else { continue }
                for (other, n) in linked where other != i {
                    let id = model.articles[other].id
                    words[id, default: 0] += n
                    passages[id, default: []].insert(p)
                }
                continue
            }
            let n = model.words(inWitnessOf: i, at: w.start)
            for other in model.articleIDs(ofPassage: p) where other != a.id {
                words[other, default: 0] += n
                passages[other, default: []].insert(p)
            }
        }
        // Most shared words first; ties in id order.
        var others = words.map { (id: $0.key, words: $0.value, passages: passages[$0.key]!.count) }
        others.sort { $0.words != $1.words ? $0.words > $1.words : $0.id < $1.id }
        return others.compactMap { other in
            guard let o = model.article(other.id) else { return nil }
            return ["url": Links.up2 + Links.article(other.id), "title": o.title, "date": o.date.readable,
                    "words": other.words, "passages": other.passages, "plural": other.passages != 1]
        }
    }

    /// The speakers quoted in article `i`, by name, with their number of quotes there.
    func speakersQuoted(at i: Int) -> [[String: Any]] {
        var counts: [String: Int] = [:]
        for q in model.quotesByArticle[i] { if let s = q.speaker { counts[s.name, default: 0] += 1 } }
        return counts.keys.sorted().compactMap { name in
            guard let slug = model.speakerSlugByName[name] else { return nil }
            return ["name": name, "url": Links.up2 + Links.speaker(slug), "count": counts[name]!]
        }
    }

    // MARK: passages

    /// Adds to `key` what `passage(at:)` is made from: the witnesses, and each
    /// carrying article's id, fields and bytes (`SiteModel.addArticle`).
    func passageKey(at p: Int, into key: inout PageKey) {
        let passage = model.annotations.passages[p]
        key.add(passage.id); key.add(UInt64(passage.witnesses.count))
        for (n, w) in passage.witnesses.enumerated() {
            model.addArticle(model.witnessArticle(p, n), or: w.article, to: &key)
            key.add(UInt64(w.start)); key.add(UInt64(w.end))
        }
    }

    /// One entry per article carrying the passage, earliest first; each of its
    /// copies is marked against the part of the first article's copy it matches.
    func passage(at p: Int) -> [String: Any] {
        let passage = model.annotations.passages[p]
        var groups: [(article: Article, witnesses: [(Int, Witness)])] = []
        var counters: [String: Int] = [:]
        for (m, w) in passage.witnesses.enumerated() {
            guard let a = model.article(at: model.witnessArticle(p, m)) else { continue }
            let n = counters[w.article, default: 0]; counters[w.article] = n + 1
            if let g = groups.firstIndex(where: { $0.article.id == a.id }) { groups[g].witnesses.append((n, w)) }
            else { groups.append((a, [(n, w)])) }
        }
        guard let first = groups.first else { return [:] }
        let copies = groups.map { group in
            PassageSynopsis.Copy(source: group.article.source,
                                 pieces: group.witnesses.map { ($0.1.range, tokenizer.tokenize(group.article.source, in: $0.1.range)) })
        }
        let synopsis = PassageSynopsis(first: copies[0], others: Array(copies.dropFirst()))
        let rows: [[String: Any]] = groups.enumerated().map { (k, group) in
            let a = group.article
            let urls = group.witnesses.map { Links.up2 + Links.article(a.id) + "#w-\(HTML.pathSegment(passage.id))-\($0.0)" }
            // Each piece whole (what templates before the rows showed), from its parts in order.
            var pieceHTML = [[String]](repeating: [], count: urls.count)
            for cell in synopsis.cells[k] { for part in cell { pieceHTML[part.piece].append(part.html) } }
            let pieces: [[String: Any]] = pieceHTML.enumerated().map { (i, parts) in
                ["html": parts.joined(separator: "\n"), "url": urls[i], "notFirst": i > 0]
            }
            let cells: [[String: Any]] = synopsis.cells[k].map { cell in
                ["parts": cell.map { part -> [String: Any] in
                    ["html": part.html, "url": urls[part.piece], "gapBefore": part.startsPiece && part.piece > 0,
                     "endsPiece": part.endsPiece]
                }, "isEmpty": cell.isEmpty]
            }
            let words = copies[k].pieces.reduce(0) { $0 + $1.text.count }
            return ["title": a.title, "date": a.date.readable, "iso": a.date.description,
                    "credits": a.credits.joined(separator: " · "), "hasCredits": !a.credits.isEmpty,
                    "url": urls[0], "isFirst": k == 0, "words": words, "pieces": pieces, "cells": cells,
                    "pieceCount": pieces.count, "severalPieces": pieces.count > 1]
        }
        return ["id": passage.id, "witnesses": rows, "witnessCount": passage.witnesses.count,
                "rowCount": synopsis.rowCount, "rowSpan": synopsis.rowCount + 1,
                "articleCount": groups.count,
                "excerpt": excerpt(first.article, first.witnesses[0].1.range)]
    }

    /// One passage's row of the passages list: its first copy's words and article.
    func passagesRow(_ k: Int) -> [String: Any] {
        let p = model.annotations.passages[k]
        var row: [String: Any] = ["url": HTML.pathSegment(p.id) + "/index.html", "articleCount": model.articleCount(ofPassage: k)]
        if let a = model.article(at: model.witnessArticle(k, 0)) {
            row["excerpt"] = excerpt(a, p.witnesses[0].range); row["date"] = a.date.readable; row["firstTitle"] = a.title
        }
        return row
    }

    /// Adds to `key` what `passagesRow(k)` is made from, without cutting its excerpt.
    func passagesRowKey(_ k: Int, into key: inout PageKey) {
        let p = model.annotations.passages[k]
        key.add(p.id); key.add(UInt64(model.articleCount(ofPassage: k)))
        let w = p.witnesses[0]
        key.add(UInt64(w.range.lowerBound)); key.add(UInt64(w.range.upperBound))
        model.addListed(model.witnessArticle(k, 0), to: &key)
    }

    /// The first words of a range, for lists.
    func excerpt(_ a: Article, _ r: Range<Int>, words: Int = 24) -> String {
        // Splits only as far as it needs: one word more than it keeps tells whether to add "…".
        let isSpace = { (c: Character) in c == " " || c == "\t" || c.isNewline }      // "\r\n" is one Character
        let text = a.text(r).split(maxSplits: words, omittingEmptySubsequences: true, whereSeparator: isSpace)
        let head = text.prefix(words).joined(separator: " ")
        return text.count > words && text[words].contains(where: { !isSpace($0) }) ? head + " …" : head
    }

    // MARK: speakers

    /// Adds to `key` what `speaker(at:)` is made from: the speaker, their quotes,
    /// and each quoting article's fields and bytes.
    func speakerKey(at s: Int, into key: inout PageKey) {
        let sp = model.speakers[s]
        key.add(sp.name); key.add(sp.kind.rawValue); key.add(UInt64(sp.quotes.count))
        key.add(model.speakerQuoteKeys[s])
    }

    /// One speaker's row of the speakers list.
    func speakersRow(_ i: Int) -> [String: Any] {
        let s = model.speakers[i]
        return ["name": s.name, "url": HTML.pathSegment(s.slug) + "/index.html", "quotes": Self.count(s.quotes.count, "quote"),
                "kind": s.kind.rawValue, "isPerson": s.kind == .person]
    }

    /// Adds to `key` what `speakersRow(i)` is made from.
    func speakersRowKey(_ i: Int, into key: inout PageKey) {
        let s = model.speakers[i]
        key.add(s.name); key.add(s.slug); key.add(s.kind.rawValue); key.add(UInt64(s.quotes.count))
    }

    /// One speaker's quotes, earliest first. Copies of the same words in several
    /// articles (quotes in one passage sharing most of their words) form one
    /// entry, with every article that printed them (`SpeakerQuotes`).
    func speaker(at s: Int) -> [String: Any] {
        let quotes = SpeakerQuotes(speaker: s, model: model)
        let rows = quotes.allGroups(model: model, tokenizer: tokenizer).map { quotes.row($0, model: model) }
        var page = SpeakerQuotes.page(speaker: s, model: model, groupCount: rows.count)
        page["quotes"] = rows
        return page
    }
}
