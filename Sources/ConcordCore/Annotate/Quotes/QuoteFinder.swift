/// Finds every quotation in the archive and attributes it to a speaker.
///
/// Per article (in parallel): `QuoteScanner` pairs the marks, `Attribution`
/// finds each quote's cue and speaker phrase, short in-sentence quotes with no
/// cue of their own are set apart as terms, and pronouns and short names are
/// resolved against the article's `NameBook`. Then, across the archive, a
/// short name left over ("Kim") takes the full name the archive knows it by.
public struct QuoteFinder: Sendable {
    /// Quoted spans of at most this many words, inside a sentence and with no cue of their own, are terms.
    public static let termWords = 3

    public init() {}

    /// - Parameter texts: the articles' bodies already tokenized (saves doing it again), or nil.
    public func find(in articles: [Article], texts: [TokenizedText]? = nil) -> QuoteTable {
        let perArticle = ParallelMap.map(count: articles.count, chunk: 8) { i in quotes(of: articles[i], text: texts?[i]) }
        return combine(perArticle)
    }

    /// One article's quotes with speakers named as that article knows them, and the full names it spells out.
    func quotes(of article: Article, text: TokenizedText?) -> ([Quote], FullNames) {
        let (quotes, names) = ArticleQuotes(article: article, text: text).quotes()
        return (quotes, FullNames(names))
    }

    /// The archive's quotes from each article's own: a short name left over takes
    /// the full name most articles give it.
    func combine(_ perArticle: [([Quote], FullNames)]) -> QuoteTable { combineByArticle(perArticle).quotes }

    /// The same, with where each article's quotes begin (see `combineByArticle(_:names:)`).
    func combineByArticle(_ perArticle: [([Quote], FullNames)]) -> (quotes: QuoteTable, starts: [Int]) {
        combineByArticle(perArticle.lazy.map { QuoteList($0.0) }, names: perArticle.lazy.map(\.1))
    }

    /// The same from each article's `QuoteList`, whose quotes are decoded once, straight into the result.
    /// - Parameters:
    ///   - lists: each article's quotes, read twice (counted, then decoded); `names`, each one's
    ///     full names, read once if a short name is left over. Lazy views of the analyses do (no
    ///     array of 100,000 copies made first), each taking only its part of an analysis.
    func combine<Q: RandomAccessCollection<QuoteList>, N: Collection<FullNames>>(_ lists: Q, names: N) -> QuoteTable where Q.Index == Int {
        combineByArticle(lists, names: names).quotes
    }

    /// `combine`'s quotes, and where each article's begin: article `i`'s (the `i`th of `lists`)
    /// are `quotes[starts[i]..<starts[i + 1]]`, which `link(_:quoteStarts:passages:witnessArticles:)` takes.
    /// - Parameter counts: how many quotes the list at an index has, when that can be read
    ///   without taking the list out of `lists` (nil: from the list).
    func combineByArticle<Q: RandomAccessCollection<QuoteList>, N: Collection<FullNames>>(_ lists: Q, names: N, counts: ((Int) -> Int)? = nil)
        -> (quotes: QuoteTable, starts: [Int]) where Q.Index == Int {
        combineByArticle(articles: lists.count, counts: counts ?? { lists[lists.startIndex + $0].count },
                         quotes: { i, table in
                             let list = lists[lists.startIndex + i]
                             if let id = list.articleID { table.startArticle(id); list.append(to: &table) }
                         }, names: names)
    }

    /// The same, each article's quotes appended where they lie: the caller appends the quotes
    /// of article `i` to the table given (`quotes(i, table)`; `counts(i)` their number) without
    /// copying its list out (a list copied out of an article's record retained the shard's
    /// mapped file, which all of that shard's records share, from every core at once).
    /// - Parameter prefetch: told of each article `i` just before its quotes are read, to
    ///   start loading what later articles' quotes will need (`Prefetch`); nil: nothing.
    /// - Parameter articleList: the articles, in id order, when `quotes` starts each article by
    ///   its index (`RowWriter.startArticle(index:)`); nil when by id.
    func combineByArticle<N: Collection<FullNames>>(articles count: Int, counts: (Int) -> Int, quotes: (Int, inout QuoteTable.RowWriter) -> Void,
                                                    names: N, prefetch: ((Int) -> Void)? = nil, articleList: [Article]? = nil)
        -> (quotes: QuoteTable, starts: [Int]) {
        // Decoded by chunks of articles on every core, each chunk into its own rows of the
        // table, counted first. On one core, 100,000 quotes took 80–110 ms at 100,000 articles:
        // the longest part of an incremental annotation once passages were carried over.
        let chunk = 4096
        let chunkStarts = Array(stride(from: 0, to: count, by: chunk))
        func indices(_ c: Int) -> Range<Int> { chunkStarts[c]..<min(chunkStarts[c] + chunk, count) }
        var offsets = [0]
        offsets.reserveCapacity(chunkStarts.count + 1)
        for c in chunkStarts.indices { offsets.append(offsets.last! + indices(c).reduce(0) { $0 + counts($1) }) }
        var starts = [Int](repeating: offsets.last!, count: count + 1)
        var table = starts.withUnsafeMutableBufferPointer { startsBuffer in
            nonisolated(unsafe) let startsBuffer = startsBuffer
            return QuoteTable.filled(count: offsets.last!, runs: chunkStarts.indices.map { offsets[$0]..<offsets[$0 + 1] },
                                     articles: articleList) { c, writer in
                for i in indices(c) {
                    prefetch?(i)
                    startsBuffer[i] = writer.next
                    quotes(i, &writer)
                }
            }
        }
        // Names are looked at once per speaker, not once per quote: the table numbers them, and
        // renaming a speaker keeps its number (two renamed alike stay two in the table: the site
        // model groups them by name), so each one's quotes are counted once.
        let counts = table.quoteCounts()
        let short = Set(table.speakers.indices.lazy.filter { counts[$0] > 0 && table.speakers[$0].kind == .person }
            .map { table.speakers[$0].name }.filter { !$0.containsASCII(" ") }.map { Substring($0) })
        Self.fullNames(&table, short: short, names: names)
        Self.mergeInitials(&table, counts: counts)
        return (table, starts)
    }

    /// Each short name left over (in `short`) takes the full name most articles give it
    /// (renaming `quotes.speakers`: two may now have one name).
    private static func fullNames<N: Collection<FullNames>>(_ quotes: inout QuoteTable, short: Set<Substring>, names: N) {
        guard !short.isEmpty else { return }
        // Archive-wide full names, for short names an article never spells out: of the full
        // names with the short name as first or last word, the one most articles use (then
        // alphabetical). Only full names that can take a short name left over are counted.
        var fullCount: [Substring: Int] = [:]
        for fullNames in names {
            for n in fullNames.names {
                guard let first = n.firstIndex(of: " "), let last = n.lastIndex(of: " ") else { continue }
                if short.contains(n[..<first]) || short.contains(n[n.index(after: last)...]) { fullCount[n, default: 0] += 1 }
            }
        }
        var byPart: [Substring: (name: String, count: Int)] = [:]
        for (n, count) in fullCount {
            let parts = n.split(separator: " ")
            for part in Set([parts.first!, parts.last!]) where short.contains(part) {
                if let best = byPart[part], best.count > count || (best.count == count && best.name < n) { continue }
                byPart[part] = (String(n), count)
            }
        }
        for n in quotes.speakers.indices {
            let s = quotes.speakers[n]
            guard s.kind == .person, !s.name.containsASCII(" "), let full = byPart[Substring(s.name)]?.name else { continue }
            quotes.speakers[n].name = full
        }
    }

    /// One speaker for a name given with and without a middle initial ("Donald J. Trump" in one
    /// article, "Donald Trump" in others were two speakers): the form more quotes use, the one
    /// without on a tie. Only where one form with initials leads to the name without ("George
    /// W. Bush" and "George H. W. Bush" both lead to "George Bush", which stays apart from both).
    /// Renames `quotes.speakers` (two may then have one name, and one speaker in the site model).
    /// - Parameter counts: how many quotes name each of `quotes.speakers` (`QuoteTable.quoteCounts`).
    private static func mergeInitials(_ quotes: inout QuoteTable, counts: [Int]) {
        let people = quotes.speakers.indices.filter { quotes.speakers[$0].kind == .person && counts[$0] > 0 }
        var dotted: [String: Int] = [:]
        for n in people where quotes.speakers[n].name.containsASCII(".") { dotted[quotes.speakers[n].name, default: 0] += counts[n] }
        guard !dotted.isEmpty else { return }
        var forms: [String: [String]] = [:]
        for name in dotted.keys {
            let words = name.split(separator: " ")
            let plain = words.filter { !($0.count == 2 && $0.last == "." && $0.first!.isUppercase) }
            if plain.count >= 2, plain.count < words.count { forms[plain.joined(separator: " "), default: []].append(name) }
        }
        guard !forms.isEmpty else { return }
        var plainCount: [String: Int] = [:]
        for n in people where forms[quotes.speakers[n].name] != nil { plainCount[quotes.speakers[n].name, default: 0] += counts[n] }
        var rename: [String: String] = [:]
        for (plain, withInitials) in forms where withInitials.count == 1 {
            guard let p = plainCount[plain] else { continue }
            let d = dotted[withInitials[0]]!
            if d > p { rename[plain] = withInitials[0] } else { rename[withInitials[0]] = plain }
        }
        guard !rename.isEmpty else { return }
        for n in people { if let to = rename[quotes.speakers[n].name] { quotes.speakers[n].name = to } }
    }

    /// Sets each quote's `passage` to the shared passage holding most of its words in the same
    /// article: article `i`'s quotes are `quotes[quoteStarts[i]..<quoteStarts[i + 1]]` (as
    /// `combineByArticle` gives them), and each witness's article index is in `witnessArticles`
    /// (all passages' witnesses in order, as clustering gives them). The quotes are not linked
    /// yet, as `combineByArticle` gives them (a pass clearing 100,000 links read 11 MB on the
    /// annotation's longest path); those in no passage stay unlinked.
    static func link(_ quotes: inout QuoteTable, quoteStarts: [Int], passages: [Passage], witnessArticles: [Int32]) {
        // Each article's witnesses (passage, range), bucketed by article index (`Buckets`): only
        // the quotes of those articles are compared. By a table of arrays keyed by article, this
        // was 30–40 ms on one core at 100,000 articles, the other core idle.
        let articleCount = quoteStarts.count - 1
        var pairs: [(bucket: Int, item: (passage: Int32, range: Range<Int>))] = []
        pairs.reserveCapacity(witnessArticles.count)
        for (p, passage) in passages.enumerated() {
            for w in passage.witnesses {
                let k = pairs.count < witnessArticles.count ? Int(witnessArticles[pairs.count]) : -1
                precondition(k >= 0 && k < articleCount, "each witness's article is known")
                pairs.append((k, (Int32(p), w.range)))
            }
        }
        let byArticle = Buckets(count: articleCount, pairs)
        // The articles with a copy and a quote, compared on every core: each quote's passage, or -1.
        let carrying = (0..<articleCount).filter { !byArticle[$0].isEmpty && quoteStarts[$0 + 1] > quoteStarts[$0] }
        let found = ParallelMap.map(carrying, chunk: 256) { a -> [Int32] in
            let witnesses = byArticle[a]
            return (quoteStarts[a]..<quoteStarts[a + 1]).map { k -> Int32 in
                let range = quotes.range(k)
                var best: Int32 = -1, bestWords = 0
                for (p, r) in witnesses {
                    let words = r.clamped(to: range).count
                    guard words * 2 >= max(1, range.count) else { continue }
                    // Most of the quote first; of equals, the smallest id.
                    if best >= 0 && (bestWords > words || (bestWords == words && passages[Int(best)].id <= passages[Int(p)].id)) { continue }
                    (best, bestWords) = (p, words)
                }
                return best
            }
        }
        assert(quotes.indices.allSatisfy { quotes.passageNumber($0) < 0 }, "quotes not linked yet")
        quotes.link(passages: passages.map(\.id), zip(carrying, found).lazy.flatMap { a, passagesOfQuotes in
            zip(quoteStarts[a]..<quoteStarts[a + 1], passagesOfQuotes).lazy.filter { $0.1 >= 0 }.map { (quote: $0, passage: $1) }
        })
    }
}

/// The quotes of one article.
struct ArticleQuotes {
    let article: Article
    var text: TokenizedText? = nil

    func quotes() -> ([Quote], [String]) {
        // Marks inside code or raw HTML, which the page shows as code or leaves out, are no quotation marks.
        let code = CodeRanges.of(article)
        let spans = QuoteScanner().scan(code.isEmpty ? article.source : CodeRanges.blanked(article.source, code), body: article.body)
        let text = ArticleText(source: article.source, body: article.body, spans: spans, tokens: self.text)
        let names = NameBook(text: text)
        let attribution = Attribution(text: text, spans: spans)
        var result: [Quote] = []
        var previous: (speaker: SpeakerMention?, cue: String?, paragraph: Int, lastToken: Int)? = nil
        var lastSpeaker: SpeakerMention? = nil

        for s in spans.indices {
            guard let q = attribution.tokens(of: s) else { continue }
            let found = attribution.direct(s, q)
            let words = q.count
            let insideSentence = !attribution.sentenceBefore(q.lowerBound).isEmpty || continuesSentence(text, after: q)
            if words <= QuoteFinder.termWords && insideSentence && !(found.map { isTight($0, text, q) } ?? false)
                && !opensAttributedSentence(text, attribution, s, q) {
                continue   // a quoted term, not a statement
            }
            var speaker: SpeakerMention? = nil
            var cue: String? = nil
            if let f = found, let phrase = f.phrase {
                speaker = resolve(phrase, text: text, names: names, lastSpeaker: lastSpeaker)
                cue = f.cue
            } else if let f = found, f.noSpeaker {
                cue = f.cue
            } else if let p = previous, followsOn(text, from: p.lastToken, to: q.lowerBound, paragraphBefore: p.paragraph) {
                speaker = p.speaker
                cue = p.cue
            } else if let f = leadIn(text, attribution, q) {
                speaker = f.phrase.flatMap { resolve($0, text: text, names: names, lastSpeaker: lastSpeaker) }
                cue = f.cue
            } else {
                speaker = topic(before: q.lowerBound, text: text, names: names)
            }
            let id = "q" + StableHash.hex("\(article.id):\(spans[s].start):\(spans[s].end)", digits: 12)
            result.append(Quote(id: id, article: article.id, start: spans[s].start, end: spans[s].end,
                                speaker: speaker, cue: cue))
            previous = (speaker, cue, text.paragraph[q.upperBound], q.upperBound)
            if speaker != nil { lastSpeaker = speaker }
        }
        return (result, names.fullNames)
    }

    /// Narration follows the quote in the same sentence ("… “term” about the things").
    private func continuesSentence(_ text: ArticleText, after q: ClosedRange<Int>) -> Bool {
        let next = q.upperBound + 1
        guard next < text.count, text.paragraph[next] == text.paragraph[q.upperBound] else { return false }
        return !text.startsSentence(next) && !text.text.tokens[next].before.contains(.sentence)
    }

    /// `“Enough is enough,” read a banner`: a quote opening its sentence and closing on , ! or ?
    /// hands the sentence on to its attribution, so it is a statement however short. The comma
    /// may follow the closing mark (`„Das ist wichtig“, sagte sie`, German and British usage).
    private func opensAttributedSentence(_ text: ArticleText, _ attribution: Attribution, _ s: Int, _ q: ClosedRange<Int>) -> Bool {
        attribution.sentenceBefore(q.lowerBound).isEmpty && attribution.handsOn(s, orEndingIn: "—")
    }

    /// The cue is attached to the quote: a clause after it, or a verb and colon or comma right before it.
    private func isTight(_ f: Attribution.Found, _ text: ArticleText, _ q: ClosedRange<Int>) -> Bool {
        guard let phrase = f.phrase else { return false }
        if phrase.tokens.lowerBound > q.upperBound { return true }
        let gapStart = phrase.tokens.upperBound
        let between = (gapStart + 1)..<q.lowerBound
        let narration = between.filter { !text.isQuoted($0) }
        return narration.count <= 3 && text.text.tokens[q.lowerBound].before.contains(.clause)
    }

    /// A quote with no cue continues the previous one when nothing but attribution
    /// stands between them: later in the same paragraph, or at the start of the next.
    private func followsOn(_ text: ArticleText, from last: Int, to first: Int, paragraphBefore: Int) -> Bool {
        let p = text.paragraph[first]
        if p == paragraphBefore { return true }
        guard p == paragraphBefore + 1 else { return false }
        // The quote opens its paragraph, and the previous paragraph ended in the quote or its attribution.
        if first > 0, text.paragraph[first - 1] == p { return false }
        let tail = ((last + 1)..<first).filter { !text.isQuoted($0) }
        return tail.count <= 8
    }

    /// A quote opening a paragraph after one that ends with a colon ("She wrote:").
    private func leadIn(_ text: ArticleText, _ attribution: Attribution, _ q: ClosedRange<Int>) -> Attribution.Found? {
        let first = q.lowerBound
        guard first > 0, text.paragraph[first - 1] == text.paragraph[first] - 1 else { return nil }
        let gap = text.gap(before: first, bodyStart: 0)
        guard gap.containsASCII(":") else { return nil }
        var words: [Int] = []
        var k = first - 1
        while k >= 0, text.paragraph[k] == text.paragraph[first - 1] {
            if !text.isQuoted(k) { words.append(k) }
            if text.startsSentence(k) { break }
            k -= 1
        }
        return attribution.attribution(in: words.reversed(), quoteStart: first)
    }

    /// The person the narration was last about (previous two paragraphs), for a quote with no cue at all.
    private func topic(before i: Int, text: ArticleText, names: NameBook) -> SpeakerMention? {
        let p = text.paragraph[i]
        // The last person named before it, if within the two paragraphs before.
        var best: NameBook.Mention? = nil
        if let j = names.lastPerson(among: names.count(endingBefore: i), gender: .unknown, exactly: false),
           text.paragraph[names.mentions[j].tokens.lowerBound] >= p - 2 {
            best = names.mentions[j]
        }
        var pronoun: (Int, Gender)? = nil
        var k = i - 1
        while k >= 0, text.paragraph[k] >= p - 1 {
            if !text.isQuoted(k), let g = ReportingLexicon.pronouns[text.norm(k)], g == .female || g == .male, text.startsSentence(k) {
                pronoun = (k, g); break
            }
            k -= 1
        }
        if let (k, g) = pronoun, best.map({ $0.tokens.upperBound < k }) ?? true {
            if let m = nearestPerson(before: k, gender: g, text: text, names: names) {
                return SpeakerMention(name: names.canonical(m.name), kind: .person, mention: text.byteRange(k...k))
            }
        }
        guard let m = best else { return nil }
        return SpeakerMention(name: names.canonical(m.name), kind: .person, mention: text.byteRange(m.tokens))
    }

    /// The first person named after `tokens` in their paragraph whose gender fits.
    private func firstPerson(after tokens: ClosedRange<Int>, gender: Gender, text: ArticleText, names: NameBook) -> NameBook.Mention? {
        let paragraph = text.paragraph[tokens.lowerBound]
        var j = names.count(endingBefore: tokens.upperBound + 1)
        while j < names.mentions.count, text.paragraph[names.mentions[j].tokens.lowerBound] <= paragraph {
            let m = names.mentions[j]
            if m.tokens.lowerBound > tokens.upperBound, !m.isOrganization, text.paragraph[m.tokens.lowerBound] == paragraph,
               names.canonicalGenders[j].compatible(with: gender) { return m }
            j += 1
        }
        return nil
    }

    /// The nearest person named before token `i` whose gender fits: one known to fit first, else one not known not to.
    private func nearestPerson(before i: Int, gender: Gender, text: ArticleText, names: NameBook) -> NameBook.Mention? {
        let before = names.count(endingBefore: i)
        if gender == .female || gender == .male, let known = names.lastPerson(among: before, gender: gender, exactly: true) {
            return names.mentions[known]
        }
        return names.lastPerson(among: before, gender: gender, exactly: false).map { names.mentions[$0] }
    }

    /// Turns a phrase into a speaker with a canonical name.
    private func resolve(_ phrase: SpeakerPhrase, text: ArticleText, names: NameBook, lastSpeaker: SpeakerMention?) -> SpeakerMention? {
        let range = text.byteRange(phrase.tokens)
        // "the senator" after "Senator Maria Lopez", though "Governor Tom Hart" was named since.
        if case .role(_, let noun, let ofAnother) = phrase.reference {
            if let m = names.lastTitled(noun, before: phrase.tokens.lowerBound) {
                return SpeakerMention(name: names.canonical(m.name), kind: .person, mention: range)
            }
            // "his lawyer said", with no lawyer named: not him, nor whoever spoke last.
            if ofAnother { return nil }
        }
        switch phrase.reference {
        case .name(let n, _):
            return SpeakerMention(name: names.canonical(n), kind: .person, mention: range)
        case .organization(let n):
            return SpeakerMention(name: n, kind: .organization, mention: range)
        case .anonymous(let n):
            return SpeakerMention(name: n, kind: .anonymous, mention: range)
        case .unnamed:
            return nil
        case .pronoun(let g), .role(let g, _, _):
            if g == .plural || g == .unknown {
                // "they" is not the woman or man who spoke last ("Tom Brown and Jane Smith … they said"
                // went to whoever spoke before); it may be a person whose gender is not known.
                if let s = lastSpeaker, !(g == .plural && s.kind == .person && names.gender(of: s.name) != .unknown) {
                    return SpeakerMention(name: s.name, kind: s.kind, mention: range)
                }
                if g == .plural { return nil }
            }
            // The last speaker if compatible and mentioned since; else the nearest named person.
            let person = nearestPerson(before: phrase.tokens.lowerBound, gender: g, text: text, names: names)
            if let s = lastSpeaker, s.kind == .person, names.gender(of: s.name).compatible(with: g),
               person.map({ names.canonical($0.name) == s.name || names.gender(of: names.canonical($0.name)) != g }) ?? true {
                return SpeakerMention(name: s.name, kind: .person, mention: range)
            }
            // No one named before: the first fitting person named after, in the same paragraph ("She told the court: “…” Jane Morris, 34, denies…").
            guard let m = person ?? firstPerson(after: phrase.tokens, gender: g, text: text, names: names) else { return nil }
            return SpeakerMention(name: names.canonical(m.name), kind: .person, mention: range)
        }
    }
}
