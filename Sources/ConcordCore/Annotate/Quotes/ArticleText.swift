/// An article body seen as words for attribution: which words are quoted,
/// where paragraphs and sentences start, which words are capitalized.
struct ArticleText {
    let source: [UInt8]
    let text: TokenizedText
    /// For each token, the index of the quoted span holding it, or -1 for narration.
    var spanOf: [Int]
    /// Paragraph number of each token.
    let paragraph: [Int]

    init(source: [UInt8], body: Range<Int>, spans: [QuoteScanner.Span], tokens: TokenizedText? = nil) {
        self.source = source
        let text = tokens ?? WordTokenizer().tokenize(source, in: body)
        self.text = text
        var spanOf = [Int](repeating: -1, count: text.count)
        var s = 0
        for (i, t) in text.tokens.enumerated() {
            while s < spans.count, spans[s].end <= Int(t.start) { s += 1 }
            if s < spans.count, Int(t.start) >= spans[s].start, Int(t.end) <= spans[s].end { spanOf[i] = s }
        }
        self.spanOf = spanOf
        var p = 0
        paragraph = text.tokens.enumerated().map { i, t in
            if i > 0 && t.before.contains(.paragraph) { p += 1 }
            return p
        }
    }

    var count: Int { text.count }
    func norm(_ i: Int) -> String { text.norm(i) }
    func isQuoted(_ i: Int) -> Bool { spanOf[i] >= 0 }

    /// The token's text as written.
    func word(_ i: Int) -> String {
        String(decoding: source[Int(text.tokens[i].start)..<Int(text.tokens[i].end)], as: UTF8.self)
    }

    /// The word without a possessive ending ("West’s" → "West"; also "West's" and "West‘s").
    func bareWord(_ i: Int) -> String {
        let start = Int(text.tokens[i].start), end = Int(text.tokens[i].end)
        return String(decoding: source[start..<(end - possessiveEnding(i))], as: UTF8.self)
    }

    /// The bytes of token `i`'s possessive ending ('s, ’s or ‘s), 0 if it has none.
    func possessiveEnding(_ i: Int) -> Int {
        let start = Int(text.tokens[i].start), end = Int(text.tokens[i].end)
        // Compared as bytes: 's is 27 73, ’s is E2 80 99 73, ‘s is E2 80 98 73.
        guard end - start >= 2, source[end - 1] == 0x73 else { return 0 }
        if source[end - 2] == 0x27 { return 2 }
        if end - start >= 4, source[end - 4] == 0xE2, source[end - 3] == 0x80, source[end - 2] == 0x99 || source[end - 2] == 0x98 { return 4 }
        return 0
    }

    func isCapitalized(_ i: Int) -> Bool {
        let b = source[Int(text.tokens[i].start)]
        if b < 0x80 { return b >= 0x41 && b <= 0x5A }
        let (s, _) = WordTokenizer.decode(source, at: Int(text.tokens[i].start))
        return s.properties.isUppercase
    }

    /// Whether token `i` is a word whose full stop ends no sentence: a known abbreviation ("Mr",
    /// "Jr") or an initial, one capital letter but "I" ("Donald J. Trump", "John F. Kennedy", "U.S."):
    /// "J." ended the sentence, so the name was "Donald" and, later, "John F".
    func isAbbreviation(_ i: Int) -> Bool {
        ReportingLexicon.abbreviations.contains(norm(i)) || isInitial(i)
    }

    /// Whether token `i` is one capital letter other than "I".
    func isInitial(_ i: Int) -> Bool {
        let t = text.tokens[i]
        let (s, width) = WordTokenizer.decode(source, at: Int(t.start))
        return Int(t.end) - Int(t.start) == width && s.properties.isUppercase && s != "I"
    }

    /// Whether a new sentence starts at token `i`.
    func startsSentence(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        let sep = text.tokens[i].before
        if sep.contains(.paragraph) { return true }
        guard sep.contains(.sentence) else { return false }
        if isAbbreviation(i - 1) { return false }
        return isCapitalized(i) || sep.contains(.quote)
    }

    /// The bytes between token `i - 1` and token `i` (or from the body start).
    func gap(before i: Int, bodyStart: Int) -> String {
        let lo = i > 0 ? Int(text.tokens[i - 1].end) : bodyStart
        return String(decoding: source[lo..<Int(text.tokens[i].start)], as: UTF8.self)
    }

    func byteRange(_ r: ClosedRange<Int>) -> Range<Int> {
        Int(text.tokens[r.lowerBound].start)..<Int(text.tokens[r.upperBound].end)
    }
}
