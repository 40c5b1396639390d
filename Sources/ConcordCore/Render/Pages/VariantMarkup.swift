/// HTML for one witness of a passage, with its differences from the first witness marked.
///
/// Words only this copy has are `<ins>`, words it lacks are `<del>` (whole sentences
/// `<del class="cut">`, with their punctuation, whole paragraphs as paragraphs), a
/// replaced word is `<del>` beside `<ins class="sub">`, and respellings ("behavior"
/// for "behaviour", "two year" for "two-year") are `<span class="near">` with the first
/// copy's words in `title`. The copy's own text between words (spaces, punctuation,
/// paragraph breaks) is kept.
enum VariantMarkup {
    /// The copy at `range` of `source`, whose words are `text`, unmarked (the first copy).
    static func plain(_ source: [UInt8], _ range: Range<Int>, _ text: TokenizedText) -> String {
        plain(source, range, text.tokens[...])
    }

    /// The same, for the words `tokens` (part of a copy: `PassageSynopsis`).
    static func plain(_ source: [UInt8], _ range: Range<Int>, _ tokens: ArraySlice<Token>) -> String {
        var out = "", cursor = range.lowerBound
        for t in tokens {
            out += gap(source, cursor..<Int(t.start))
            out += HTML.escape(String(decoding: source[Int(t.start)..<Int(t.end)], as: UTF8.self))
            cursor = Int(t.end)
        }
        return paragraphs(out + gap(source, cursor..<range.upperBound))
    }

    /// The text between two words as a reader of the article sees it (`MarkdownInline`),
    /// escaped: passage pages showed Markdown as typed (`*right here*`, `[a link](https://x.org)`).
    static func gap(_ source: [UInt8], _ range: Range<Int>) -> String {
        range.isEmpty ? "" : HTML.escape(String(decoding: MarkdownInline.visible(source, range), as: UTF8.self))
    }

    /// Marks `text` (a copy at `range` of `source`) against the part of `base` it corresponds to.
    static func compared(_ source: [UInt8], _ range: Range<Int>, _ text: TokenizedText,
                         with baseSource: [UInt8], _ base: TokenizedText, region: Range<Int>) -> String {
        compared(source, range, text, with: baseSource, base, steps: steps(base, region, text)[...])
    }

    /// The aligner's steps from `region` of `base` to all of `text`, slid (`VariantPiece.slid`):
    /// what `compared` marks.
    static func steps(_ base: TokenizedText, _ region: Range<Int>, _ text: TokenizedText) -> [WordAligner.Step] {
        VariantPiece.slid(WordAligner().global(base, region, text, 0..<text.count), base: base, copy: text)
    }

    /// The same, for those of the steps (`steps(_:_:_:)`) that fall in `range`: part of a copy
    /// (`PassageSynopsis` cuts a copy where the first copy's paragraphs end).
    static func compared(_ source: [UInt8], _ range: Range<Int>, _ text: TokenizedText,
                         with baseSource: [UInt8], _ base: TokenizedText, steps: ArraySlice<WordAligner.Step>) -> String {
        let pieces = VariantPiece.pieces(steps, base: base, copy: text)
        func start(_ j: Int) -> Int { Int(text.tokens[j].start) }
        func end(_ j: Int) -> Int { Int(text.tokens[j].end) }
        func near(_ first: String, _ html: String) -> String { "<span class=\"near\" title=\"first copy: \(first)\">\(html)</span>" }
        var out = ""
        var cursor = range.lowerBound        // next byte of this witness to copy
        var wroteWord = false
        // A word this copy lacks stands between spaces: one before it unless the output ends in
        // one, one after it when a word follows with nothing between ("every<del>single</del>  day"
        // for "every day").
        var spaceOwed = false
        func copyGap(upTo offset: Int, wordFollows: Bool = true) {
            if spaceOwed && offset <= cursor && wordFollows { out += " " }
            spaceOwed = false
            if offset > cursor { out += gap(source, cursor..<offset) }
            cursor = max(cursor, offset)
        }
        /// Copy words `js`, after the text before them, wrapped as `wrap` says.
        func copyWords(_ js: ClosedRange<Int>, _ wrap: (String) -> String) {
            copyGap(upTo: start(js.lowerBound))
            out += wrap(words(source, text, js))
            cursor = end(js.upperBound); wroteWord = true
        }
        for (n, piece) in pieces.enumerated() {
            switch piece {
            case .same(let i, let j):
                // Equal once normalized; a different surface ("bi-polar" for "bipolar") is a respelling.
                let b = base.tokens[i], t = text.tokens[j]
                let same = source[Int(t.start)..<Int(t.end)].elementsEqual(baseSource[Int(b.start)..<Int(b.end)])
                copyWords(j...j) { same ? $0 : near(words(baseSource, base, i...i), $0) }
            case .near(let i, let j):
                copyWords(j...j) { near(words(baseSource, base, i...i), $0) }
            case .replaced(let i, let j):
                copyWords(j...j) { "<del>\(words(baseSource, base, i...i))</del><ins class=\"sub\">\($0)</ins>" }
            case .respelled(let i, let j):
                copyWords(j) { near(words(baseSource, base, i), $0) }
            case .added(let j):
                // Whole sentences take their opening and closing marks, as cut ones do.
                var (opening, closing) = (start(j.lowerBound), end(j.upperBound))
                if Cut.sentences(text, j) {
                    let next = j.upperBound + 1 < text.count ? min(start(j.upperBound + 1), range.upperBound) : range.upperBound
                    opening = max(cursor, Cut.marksOpening(source, at: opening))
                    closing = source[closing..<next].firstIndex(where: SourceText.isSpace) ?? next
                }
                copyGap(upTo: opening)
                out += "<ins>" + gap(source, opening..<start(j.lowerBound)) + words(source, text, j) + gap(source, end(j.upperBound)..<closing) + "</ins>"
                cursor = closing; wroteWord = true
            case .missing(let i):
                let next = pieces[(n + 1)...].lazy.compactMap(\.firstCopyWord).first.map(start) ?? range.upperBound
                guard let cut = Cut(base, i) else {
                    // Words that begin a sentence or clause of the first copy (and do not end one)
                    // go after the copy's sentence or clause before (its punctuation and closing
                    // marks), at the start of the next paragraph where the copy breaks one there:
                    // "week. <del>Town</del> street", not "week <del>Town</del>. street". (Words that
                    // end one stand before the copy's punctuation: "day <del>said Bass</del>.")
                    let breaks: Separator = [.sentence, .paragraph, .clause]
                    var beforeWord = false     // the copy's text is copied up to its next word (its opening marks too)
                    if wroteWord && !base.tokens[i.lowerBound].before.isDisjoint(with: breaks)
                        && base.separator(after: i.upperBound).isDisjoint(with: breaks) {
                        let rest = source[cursor..<max(cursor, next)]
                        beforeWord = rest.filter { $0 == 0x0A }.count >= 2
                        copyGap(upTo: beforeWord ? next : rest.firstIndex(where: SourceText.isSpace) ?? next, wordFollows: false)
                    }
                    if !beforeWord, let last = out.last, !last.isWhitespace { out += " " }
                    out += "<del>\(words(baseSource, base, i))</del>"
                    spaceOwed = true
                    continue
                }
                // Whole sentences the copy lacks go after the copy's own sentence's end (its
                // punctuation and closing marks); whole paragraphs, as a paragraph of their own
                // where the copy breaks its paragraph there.
                guard wroteWord else { out += cut.html(baseSource, asParagraphs: cut.paragraphs) + (cut.paragraphs ? "\n\n" : " "); continue }
                let rest = source[cursor..<next]
                let lead = rest.firstIndex(where: SourceText.isSpace) ?? next
                copyGap(upTo: lead, wordFollows: false)
                let breaks = source[lead..<next].filter { $0 == 0x0A }.count >= 2
                if cut.paragraphs && (breaks || lead == range.upperBound) {
                    out += "\n\n" + cut.html(baseSource, asParagraphs: true)
                } else {
                    out += " " + cut.html(baseSource, asParagraphs: false)
                }
                spaceOwed = lead == next
            }
        }
        copyGap(upTo: range.upperBound, wordFollows: false)
        return paragraphs(out)
    }

    /// Words `r` of `text` with what stands between them as a reader sees it, escaped, on one
    /// line (line breaks are spaces: a tag may not span two paragraphs).
    static func words(_ source: [UInt8], _ text: TokenizedText, _ r: ClosedRange<Int>) -> String {
        var out = ""
        for k in r {
            let t = text.tokens[k]
            if k > r.lowerBound {
                let between = gap(source, Int(text.tokens[k - 1].end)..<Int(t.start))
                var flat = ""
                for c in between where !(c.isNewline || c == " ") || flat.last != " " { flat.append(c.isNewline ? " " : c) }
                out += flat
            }
            out += HTML.escape(String(decoding: source[Int(t.start)..<Int(t.end)], as: UTF8.self))
        }
        return out
    }

    /// Whole sentences of the first copy that a copy lacks: shown with their punctuation, as
    /// what a reader of the first copy read there, not as words struck out one by one.
    struct Cut {
        let base: TokenizedText
        let words: ClosedRange<Int>
        /// Whether the sentences are whole paragraphs of the first copy.
        let paragraphs: Bool

        /// Nil unless `words` begin and end sentences of `base`.
        init?(_ base: TokenizedText, _ words: ClosedRange<Int>) {
            guard Self.sentences(base, words) else { return nil }
            self.base = base; self.words = words
            paragraphs = base.tokens[words.lowerBound].before.contains(.paragraph) && base.separator(after: words.upperBound).contains(.paragraph)
        }

        /// Whether `words` begin and end sentences of `text`.
        static func sentences(_ text: TokenizedText, _ words: ClosedRange<Int>) -> Bool {
            let ends: Separator = [.sentence, .paragraph]
            return !text.tokens[words.lowerBound].before.isDisjoint(with: ends) && !text.separator(after: words.upperBound).isDisjoint(with: ends)
        }

        /// `<del class="cut">` around the sentences, with the punctuation that closes the last
        /// (and, as paragraphs, opens each after the first); one per paragraph `asParagraphs`,
        /// else one on a line.
        func html(_ source: [UInt8], asParagraphs: Bool) -> String {
            var groups: [ClosedRange<Int>] = []
            var first = words.lowerBound
            for k in words.dropFirst() where asParagraphs && base.tokens[k].before.contains(.paragraph) {
                groups.append(first...(k - 1)); first = k
            }
            groups.append(first...words.upperBound)
            func textEnd(_ k: Int) -> Int { k + 1 < base.count ? Int(base.tokens[k + 1].start) : source.count }
            return groups.enumerated().map { n, g in
                // The marks that open a paragraph (“) and close a sentence (.”), from the text around its words.
                let from = Int(base.tokens[g.lowerBound].start), to = Int(base.tokens[g.upperBound].end)
                let opening = n == 0 && !asParagraphs ? from : Self.marksOpening(source, at: from)
                let closing = source[to..<textEnd(g.upperBound)].firstIndex(where: SourceText.isSpace) ?? textEnd(g.upperBound)
                return "<del class=\"cut\">" + gap(source, opening..<from) + VariantMarkup.words(source, base, g)
                    + gap(source, to..<closing) + "</del>"
            }.joined(separator: asParagraphs ? "\n\n" : " ")
        }

        /// Where the marks just before `offset` begin ("“" of "“They"): back to a space, if
        /// what lies between holds no letter or digit; else `offset`.
        static func marksOpening(_ source: [UInt8], at offset: Int) -> Int {
            let opening = source[..<offset].lastIndex(where: SourceText.isSpace).map { $0 + 1 } ?? 0
            let marks = String(decoding: source[opening..<offset], as: UTF8.self)
            return marks.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) ? offset : opening
        }
    }

    /// The part of `base` that `text` copies: the span of their best local alignment, widened
    /// by the near spellings just beyond it (a local alignment starts and ends on an exact
    /// match: the copy's last word "intentions" for "intensions" was shown as added, and the
    /// first copy's not at all), and how many words match there (to pick the best of several
    /// base pieces).
    static func region(of text: TokenizedText, in base: TokenizedText) -> (Range<Int>, matches: Int) {
        let steps = WordAligner().local(base, 0..<base.count, text, 0..<text.count)
        guard let first = steps.first?.pair, let last = steps.last?.pair else { return (0..<0, 0) }
        var (lo, hi) = (first.0, last.0 + 1), (copyLo, copyHi) = (first.1, last.1 + 1)
        while hi < base.count, copyHi < text.count, WordAligner.near(base.normSlice(hi), text.normSlice(copyHi)) { hi += 1; copyHi += 1 }
        while lo > 0, copyLo > 0, WordAligner.near(base.normSlice(lo - 1), text.normSlice(copyLo - 1)) { lo -= 1; copyLo -= 1 }
        return (lo..<hi, steps.filter(\.isMatch).count)
    }

    /// Wraps text in paragraphs at blank lines (lines of nothing but spaces, tabs and carriage
    /// returns). Lines end at a line feed not preceded by a carriage return (a CR LF pair is one
    /// character, which the first version, splitting characters, never split at).
    static func paragraphs(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var open = false          // a paragraph is open; its lines so far are in `out`
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A || (end > 0 && bytes[end - 1] == 0x0D) { end += 1 }
            let line = bytes[start..<end]
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                if open { out += Array("</p>".utf8); open = false }
            } else {
                if open { out.append(0x0A) } else { out += Array((out.isEmpty ? "<p>" : "\n<p>").utf8); open = true }
                out += line
            }
            start = end + 1
        }
        if open { out += Array("</p>".utf8) }
        return String(decoding: out, as: UTF8.self)
    }
}
