/// HTML for one witness of a passage, with its differences from the first witness marked.
///
/// Words only this copy has are `<ins>`, words it lacks are `<del>`, replaced
/// words are `<ins class="sub">` with the first copy's word in `title`, and
/// near spellings ("behavior" for "behaviour") are `<span class="near">`.
/// The text between words (spaces, punctuation, paragraph breaks) is kept.
enum VariantMarkup {
    static func plain(_ source: [UInt8], _ range: Range<Int>, _ text: TokenizedText) -> String {
        var out = "", cursor = range.lowerBound
        for t in text.tokens {
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
        let steps = WordAligner().global(base, region, text, 0..<text.count)
        func word(_ src: [UInt8], _ t: Token) -> String {
            HTML.escape(String(decoding: src[Int(t.start)..<Int(t.end)], as: UTF8.self))
        }
        var out = ""
        var cursor = range.lowerBound        // next byte of this witness to copy
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
        for step in steps {
            switch step {
            case .match(let i, let j):
                // Equal once normalized; a different surface ("bi-polar" for "bipolar") is a respelling.
                let t = text.tokens[j], b = base.tokens[i]
                copyGap(upTo: Int(t.start))
                if source[Int(t.start)..<Int(t.end)].elementsEqual(baseSource[Int(b.start)..<Int(b.end)]) {
                    out += word(source, t)
                } else {
                    out += "<span class=\"near\" title=\"first copy: \(word(baseSource, b))\">\(word(source, t))</span>"
                }
                cursor = Int(t.end)
            case .near(let i, let j):
                let t = text.tokens[j]
                copyGap(upTo: Int(t.start))
                out += "<span class=\"near\" title=\"first copy: \(word(baseSource, base.tokens[i]))\">\(word(source, t))</span>"
                cursor = Int(t.end)
            case .substitute(let i, let j):
                let t = text.tokens[j]
                copyGap(upTo: Int(t.start))
                out += "<del>\(word(baseSource, base.tokens[i]))</del><ins class=\"sub\">\(word(source, t))</ins>"
                cursor = Int(t.end)
            case .onlyB(let j):
                let t = text.tokens[j]
                copyGap(upTo: Int(t.start)); out += "<ins>\(word(source, t))</ins>"; cursor = Int(t.end)
            case .onlyA(let i):
                if let last = out.last, !last.isWhitespace { out += " " }
                out += "<del>\(word(baseSource, base.tokens[i]))</del>"
                spaceOwed = true
            }
        }
        copyGap(upTo: range.upperBound, wordFollows: false)
        return paragraphs(out)
    }

    /// The part of `base` that `text` copies: the span of their best local alignment,
    /// and how many words match there (to pick the best of several base pieces).
    static func region(of text: TokenizedText, in base: TokenizedText) -> (Range<Int>, matches: Int) {
        let steps = WordAligner().local(base, 0..<base.count, text, 0..<text.count)
        guard let first = steps.first?.pair, let last = steps.last?.pair else { return (0..<0, 0) }
        return (first.0..<(last.0 + 1), steps.filter(\.isMatch).count)
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
