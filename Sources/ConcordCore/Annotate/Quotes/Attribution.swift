/// Finds who a quoted span is attributed to, and whether it is a quote or a term.
///
/// Looks, in order, at the clause after the closing mark (`“…,” she said`,
/// `“…,” said a source`), the sentence before the opening mark (`She wrote: “…”`,
/// `According to X, “…”`, `Kim claimed that Kanye’s “…”`), a dash after the
/// quote (`— X`), and otherwise lets the quote continue the previous speaker
/// when it follows on, or the paragraph before when it ends with a colon.
struct Attribution {
    struct Found {
        var phrase: SpeakerPhrase?
        var cue: String?

        /// "According to the report, “…”": the quote is attributed, but to no one who
        /// speaks (a document, a study): its speaker is none, not the previous quote's.
        var noSpeaker: Bool { phrase == nil && cue == "according to" }
    }

    let text: ArticleText
    let spans: [QuoteScanner.Span]
    let reader: SpeakerPhraseReader
    /// Each span's token range (nil: no words), found in one pass over the tokens. (Searched
    /// for span by span, it made a long article's quotes quadratic: 8.5 MB, 30,000 quotes, 18 s.)
    private let spanTokens: [ClosedRange<Int>?]

    init(text: ArticleText, spans: [QuoteScanner.Span]) {
        self.text = text; self.spans = spans; reader = SpeakerPhraseReader(text: text)
        var ranges = [ClosedRange<Int>?](repeating: nil, count: spans.count)
        for (i, s) in text.spanOf.enumerated() where s >= 0 && s < spans.count {
            ranges[s] = ranges[s].map { $0.lowerBound...i } ?? i...i
        }
        spanTokens = ranges
    }

    /// Token range of span `s` (nil for a span with no words).
    func tokens(of s: Int) -> ClosedRange<Int>? { s >= 0 && s < spanTokens.count ? spanTokens[s] : nil }

    /// Attribution attached to the quote itself, if any.
    func direct(_ s: Int, _ q: ClosedRange<Int>) -> Found? {
        if let f = after(s, q) { return f }
        if let f = before(s, q) { return f }
        if let f = dash(s, q) { return f }
        return nil
    }

    // MARK: after the closing mark

    private func after(_ s: Int, _ q: ClosedRange<Int>) -> Found? {
        guard spans[s].closeMark != nil else { return nil }
        let next = q.upperBound + 1
        guard next < text.count, text.paragraph[next] == text.paragraph[q.upperBound], !text.isQuoted(next) else { return nil }
        // “….” She said — a period inside the quote ends the sentence unless the next word is lower case.
        let last = lastCharacter(of: s)
        if last == "." && text.isCapitalized(next) { return nil }
        // ‘….’ He told the BBC — British usage puts the full stop after the mark: the sentence
        // ended there (the quote went to the next sentence's verb, and to its speaker).
        if let mark = characterAfterClose(of: s), mark == "." || mark == "!" || mark == "?" { return nil }
        var words: [Int] = []
        var i = next
        while i < text.count, words.count < 9, !text.isQuoted(i), text.paragraph[i] == text.paragraph[next],
              i == next || !text.startsSentence(i) {
            words.append(i)
            if !text.text.separator(after: i).isDisjoint(with: [.sentence, .quote]),
               !text.isAbbreviation(i) { break }
            i += 1
        }
        guard let v = words.prefix(6).indices.first(where: { k in
            (isVerb(words[k], strong: true) || isAccordingTo(words[k])) && !(k > 0 && isNoun(words[k], after: words[k - 1]))
        }) else {
            return namedWithoutCue(s, words)
        }
        let verb = words[v]
        if isAccordingTo(verb) {
            // "according to the report": a source that speaks for no one (`Found.noSpeaker`).
            return Found(phrase: phraseAfter(verb + 1, limit: words.last!), cue: "according to")
        }
        // The subject starts right after the quote; only role words may come first ("…,” coach Pete Lane told").
        let leading = words.prefix(v).prefix { w in
            ReportingLexicon.officeWords.contains(text.norm(w)) || ReportingLexicon.roleNouns[text.norm(w)] != nil
                || ReportingLexicon.titles[text.norm(w)] != nil
        }.count
        if v > 0, let phrase = (0...min(leading, v - 1)).lazy.compactMap({ self.reader.read(words[$0]...words[v - 1]) }).first {
            return Found(phrase: phrase, cue: cue(verb))
        }
        if v == 0, let phrase = phraseAfter(verb + 1, limit: words.last!) {
            return Found(phrase: phrase, cue: cue(verb))
        }
        return nil
    }

    /// `“Ceci est important,” a déclaré Emmanuel Macron.`, `«Esto es importante», dijo Pedro
    /// Sánchez en Madrid.`: a quote that hands its sentence on (`handsOn`) to a short clause
    /// (at most six words, to the sentence's end) with no reporting verb the lexicon knows
    /// (another language's, or a rare one), whose first capitalized words, among its first
    /// three and not after a preposition, are a person's name. The name is the speaker, with no
    /// cue. Without this the quote went to the previous quote's speaker, who had not said it.
    private func namedWithoutCue(_ s: Int, _ words: [Int]) -> Found? {
        guard handsOn(s), !words.isEmpty, words.count <= 6,
              !text.text.separator(after: words.last!).isDisjoint(with: [.sentence, .paragraph]) || words.last! + 1 >= text.count,
              let lo = words.prefix(3).firstIndex(where: { text.isCapitalized($0) }),
              lo == 0 || !SpeakerPhraseReader.headStops.contains(text.norm(words[lo - 1]))
        else { return nil }
        var hi = lo
        while hi + 1 < words.count, words[hi + 1] == words[hi] + 1, text.isCapitalized(words[hi + 1]) { hi += 1 }
        if let p = reader.read(words[lo]...words[hi]), case .name = p.reference { return Found(phrase: p, cue: nil) }
        return nil
    }

    // MARK: before the opening mark

    private func before(_ s: Int, _ q: ClosedRange<Int>) -> Found? {
        let words = sentenceBefore(q.lowerBound)
        guard !words.isEmpty else { return nil }
        return attribution(in: words, quoteStart: q.lowerBound)
    }

    /// How far back, in words, the sentence before a quote is read: every quote walked back to
    /// its sentence's start, so a paragraph of 60,000 unclosed marks and no full stop (each
    /// quote a few words, the sentence all of them) took 27 s. No attribution lies further off.
    static let sentenceReach = 120

    /// Narration tokens of the sentence that leads up to token `i`, in order (at most
    /// `sentenceReach` words back).
    func sentenceBefore(_ i: Int) -> [Int] {
        var words: [Int] = []
        var k = i
        guard !text.startsSentence(i) || text.text.tokens[i].before.contains(.quote) else { return [] }
        while k > 0, i - k < Self.sentenceReach {
            let prev = k - 1
            if text.paragraph[prev] != text.paragraph[i] { break }
            if !text.isQuoted(prev) { words.append(prev) }
            if text.startsSentence(prev) { break }
            k = prev
        }
        // The quote's own opening may start the sentence: "“…” she said" has nothing before.
        if text.startsSentence(i) && !words.isEmpty && text.text.tokens[i].before.contains(.sentence) { return [] }
        return words.reversed()
    }

    /// The nearest reporting verb in `words` (narration before a quote) and its subject.
    func attribution(in words: [Int], quoteStart: Int) -> Found? {
        guard let v = words.indices.last(where: { k in
            (isVerb(words[k], strong: false) || isAccordingTo(words[k])) && !(k > 0 && isNoun(words[k], after: words[k - 1]))
        }) else { return nil }
        let verb = words[v]
        if isAccordingTo(verb) {
            let end = words.last!
            guard verb + 2 <= end else { return nil }
            return Found(phrase: reader.read((verb + 2)...end), cue: "according to")
        }
        // "Smith told The New York Times, adding:": a participle after a comma is the sentence's
        // subject's, not the words before it (that quote went to the newspaper).
        if v > 0, text.norm(verb).hasSuffix("ing"), text.text.tokens[verb].before.contains(.clause),
           let phrase = sentenceSubject(words, before: v) {
            return Found(phrase: phrase, cue: cue(verb))
        }
        if let phrase = subject(before: v, in: words) {
            return Found(phrase: phrase, cue: cue(verb))
        }
        // "… and said", or a verb opening the sentence: the sentence's subject.
        if let phrase = sentenceSubject(words, before: v) {
            return Found(phrase: phrase, cue: cue(verb))
        }
        // "Said Kim: “…”"
        if v == 0, v + 1 < words.count, let phrase = phraseAfter(verb + 1, limit: words.last!) {
            return Found(phrase: phrase, cue: cue(verb))
        }
        return nil
    }

    /// The speaker phrase right before `words[v]`: the unbroken run of words
    /// before the verb, longest reading first; past an appositive
    /// ("Kim, 39, said") when the run itself names nobody.
    private func subject(before v: Int, in words: [Int]) -> SpeakerPhrase? {
        var end = v - 1
        // A description read in an appositive, kept while the words before it are read:
        // "Jane Doe, a spokeswoman for the council, said" is Jane Doe's, not "a spokeswoman"'s.
        var described: SpeakerPhrase? = nil
        for _ in 0..<2 {
            guard end >= 0 else { return described }
            var start = end
            while start > 0, words[start - 1] == words[start] - 1,
                  text.text.tokens[words[start]].before.isDisjoint(with: .anyBreak), end - start < 6 { start -= 1 }
            var hi = end
            while hi > start, ReportingLexicon.adverbs.contains(text.norm(words[hi])) { hi -= 1 }
            // Only a comma-bounded appositive may be skipped.
            let appositive = text.text.tokens[words[start]].before.contains(.clause)
                && text.text.tokens[words[start]].before.isDisjoint(with: [.sentence, .quote, .paragraph])
            if !ReportingLexicon.conjunctions.contains(text.norm(words[hi])) {
                for lo in start...hi {
                    // A name after a preposition is no subject ("The study, published in Nature, said").
                    if lo > start, SpeakerPhraseReader.headStops.contains(text.norm(words[lo - 1])) { continue }
                    guard let p = reader.read(words[lo]...words[hi]) else { continue }
                    if described != nil { return p }      // "She, a mother of three, said": she
                    if p.isNamed || !appositive { return p }
                    described = p
                    break
                }
            }
            guard appositive else { return described }
            end = start - 1
        }
        return described
    }

    /// The sentence's subject, for a verb whose own subject is elided ("Kim described … and said",
    /// "A day later he went …, tweeting"): the opening phrase, or the first name or pronoun
    /// within its first six words.
    private func sentenceSubject(_ words: [Int], before v: Int) -> SpeakerPhrase? {
        guard v > 0 else { return nil }
        var e = min(v - 1, 3)
        while e >= 0 {
            let contiguous = (0..<e).allSatisfy { words[$0 + 1] == words[$0] + 1 }
            if contiguous, !inPossessiveName(words[e]), let p = reader.read(words[0]...words[e]) { return p }
            e -= 1
        }
        for i in 1..<min(v, 6) {
            var end = i
            while end + 1 < v, words[end + 1] == words[end] + 1, text.isCapitalized(words[end + 1]) { end += 1 }
            if let p = reader.read(words[i]...words[end]) {
                switch p.reference {
                case .name, .pronoun: return p
                default: continue
                }
            }
        }
        return nil
    }

    private func isNameToken(_ i: Int) -> Bool { text.isCapitalized(i) }

    /// Whether token `i` ends a part of a name that goes on to an 's ("Sarah" of "Sarah Kent’s
    /// manager said", which is the manager's quote, not Sarah Kent's).
    private func inPossessiveName(_ i: Int) -> Bool {
        var k = i
        while k + 1 < text.count, text.text.separator(after: k).isDisjoint(with: .anyBreak), text.isCapitalized(k + 1) {
            if text.possessiveEnding(k) > 0 { return true }
            k += 1
        }
        return text.possessiveEnding(k) > 0
    }

    /// The speaker phrase after a verb ("said union leader Bob Kerr", "said a source",
    /// "according to the company’s chief, Sarah Holt"): a name anywhere in the words
    /// wins, else the longest phrase from the first word.
    private func phraseAfter(_ start: Int, limit: Int) -> SpeakerPhrase? {
        guard start <= limit else { return nil }
        var end = start
        while end < limit, text.text.separator(after: end).isDisjoint(with: [.sentence, .quote, .paragraph]) || text.isAbbreviation(end) {
            end += 1
        }
        var fallback: SpeakerPhrase? = nil
        for lo in start...end {
            for hi in stride(from: end, through: lo, by: -1) {
                guard let p = reader.read(lo...hi) else { continue }
                if p.isNamed { return p }
                if fallback == nil && lo == start { fallback = p }
            }
        }
        return fallback
    }

    // MARK: dash

    private func dash(_ s: Int, _ q: ClosedRange<Int>) -> Found? {
        guard let close = spans[s].closeMark else { return nil }
        let next = q.upperBound + 1
        guard next < text.count, text.paragraph[next] == text.paragraph[q.upperBound] else { return nil }
        let between = String(decoding: text.source[close..<Int(text.text.tokens[next].start)], as: UTF8.self)
        guard between.contains("—") || between.contains("–") || between.contains(" - ") else { return nil }
        var end = next
        while end + 1 < text.count, text.text.separator(after: end).isDisjoint(with: .anyBreak) { end += 1 }
        guard let phrase = reader.read(next...end) else { return nil }
        return Found(phrase: phrase, cue: nil)
    }

    // MARK: helpers

    func isVerb(_ i: Int, strong: Bool) -> Bool {
        let w = text.norm(i)
        guard ReportingLexicon.verbs.contains(w) else { return particle(of: i) != nil }
        return !strong || !ReportingLexicon.weakVerbs.contains(w)
    }

    /// The particle that makes token `i` a reporting verb ("back" of "fired back"), if it follows it.
    func particle(of i: Int) -> String? {
        guard let p = ReportingLexicon.phrasalVerbs[text.norm(i)], i + 1 < text.count, text.norm(i + 1) == p,
              text.text.separator(after: i).isDisjoint(with: .anyBreak) else { return nil }
        return p
    }

    /// The cue a verb gives: the word, with its particle for a phrasal one ("fired back").
    func cue(_ verb: Int) -> String {
        let w = text.norm(verb)
        if !ReportingLexicon.verbs.contains(w), let p = particle(of: verb) { return w + " " + p }
        return w
    }

    /// Whether a verb's form right after a determiner is a noun ("the report found", "a post said").
    func isNoun(_ i: Int, after previous: Int) -> Bool {
        previous == i - 1 && ReportingLexicon.nounMarkers.contains(text.norm(previous))
    }

    func isAccordingTo(_ i: Int) -> Bool {
        text.norm(i) == "according" && i + 1 < text.count && text.norm(i + 1) == "to"
    }

    func lastCharacter(of s: Int) -> Character? {
        let span = spans[s]
        return String(decoding: text.source[max(span.start, span.end - 4)..<span.end], as: UTF8.self).last
    }

    /// Whether quote `s` hands its sentence on to what follows: it ends in , ! or ? (or `extra`)
    /// inside its marks, or a comma follows its closing mark, where German and British usage
    /// put it (`„Das ist wichtig“, sagte Angela Merkel`: that quote was taken for a term).
    func handsOn(_ s: Int, orEndingIn extra: Character? = nil) -> Bool {
        if let last = lastCharacter(of: s), last == "," || last == "!" || last == "?" || last == extra { return true }
        return characterAfterClose(of: s) == ","
    }

    /// The character right after quote `s`'s closing mark (nil when the mark is missing or ends the text).
    private func characterAfterClose(of s: Int) -> Character? {
        guard let mark = spans[s].closeMark, mark < text.source.count else { return nil }
        let after = mark + WordTokenizer.decode(text.source, at: mark).1
        guard after < text.source.count else { return nil }
        return Character(WordTokenizer.decode(text.source, at: after).0)
    }

}
