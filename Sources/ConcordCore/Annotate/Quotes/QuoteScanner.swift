/// Pairs quotation marks in an article body and returns the quoted spans.
///
/// Double marks (“ ” „ « » and straight `"`) delimit quotations; single marks
/// (‘ ’ and `'`) open nested quotes inside them, and are apostrophes when they
/// sit inside a word ("don’t", "West‘s") or before a digit ("’90s"). Straight
/// marks are resolved from their neighbours. A paragraph that ends inside a
/// quote continues it when the next paragraph reopens with a mark (the
/// multi-paragraph convention); otherwise the quote closes at the paragraph's
/// end (a missing closing mark). A new opening mark inside an open quote
/// closes the open one first, except the closing mark of the opener's own
/// pair where it looks like an opening one: „…“ (German, Czech) and »…«
/// (German, Danish).
struct QuoteScanner {
    /// One quoted span: byte offsets of the words between the marks.
    struct Span: Equatable {
        var start: Int
        var end: Int
        /// Byte offset of the closing mark (nil when it is missing).
        var closeMark: Int?
    }

    enum Mark { case open, close, either }

    func scan(_ bytes: [UInt8], body: Range<Int>) -> [Span] {
        let chars = ScalarText(bytes, body)
        return Self.singlesArePrimary(chars) ? scanSingles(chars) : scanDoubles(chars)
    }

    /// The quotes of a text whose quotation marks are double ones, single ones nested inside.
    private func scanDoubles(_ chars: ScalarText) -> [Span] {
        var spans: [Span] = []
        var open: (content: Int, mark: Int)? = nil
        var nested = 0
        var k = 0
        let n = chars.count
        func isSpace(_ i: Int) -> Bool { i < 0 || i >= n || chars.isSpace(i) }
        func emit(_ start: (content: Int, mark: Int), endIndex: Int, closeMark: Int?) {
            if let span = chars.span(from: start.content, to: endIndex, closeMark: closeMark) { spans.append(span) }
        }
        while k < n {
            let c = chars[k].value
            // Paragraph break: a line feed followed by a blank line.
            if c == 0x0A, let next = chars.paragraphStart(after: k) {
                if let o = open {
                    // Multi-paragraph quote: the next paragraph reopens with a mark.
                    if next < n, QuoteScanner.doubleKind(chars, next) == .open || QuoteScanner.doubleKind(chars, next) == .either {
                        k = next + 1
                        nested = 0
                        continue
                    }
                    emit(o, endIndex: k, closeMark: nil)
                    open = nil
                }
                nested = 0
                k = next
                continue
            }
            if let kind = QuoteScanner.doubleKindIfMark(chars, k) {
                var resolved: Mark = kind == .either ? (open == nil ? .open : .close) : kind
                if let o = open, QuoteScanner.closes(chars[o.mark].value, with: c) { resolved = .close }
                if resolved == .open {
                    if let o = open { emit(o, endIndex: k, closeMark: nil) }
                    open = (k + 1, k)
                    nested = 0
                } else if let o = open {
                    emit(o, endIndex: k, closeMark: chars.offset(k))
                    open = nil
                    nested = 0
                }
                k += 1
                continue
            }
            if open != nil, QuoteScanner.isSingleMark(c) {
                // Nested single quotes: opening at a word start, closing at a word end.
                let before = k > 0 ? chars[k - 1] : " "
                let after = k + 1 < n ? chars[k + 1] : " "
                let wordBefore = !isSpace(k - 1) && (before.properties.isAlphabetic || before.properties.numericType != nil)
                let wordAfter = after.properties.isAlphabetic
                if !wordBefore && wordAfter && c != 0x2019 { nested += 1 }
                else if wordBefore && !wordAfter && nested > 0 { nested -= 1 }
            }
            k += 1
        }
        if let o = open { emit(o, endIndex: n, closeMark: nil) }
        return spans
    }

    /// Whether `mark`, which otherwise opens a quote, closes one that `opener` opened: “ after „,
    /// « after ». („Das ist wichtig“ was read as a quote cut short by a new one, which gave
    /// the quote ", sagte Angela Merkel.")
    static func closes(_ opener: UInt32, with mark: UInt32) -> Bool {
        (opener == 0x201E && mark == 0x201C) || (opener == 0xBB && mark == 0xAB)
    }

    static func isSingleMark(_ c: UInt32) -> Bool { c == 0x2018 || c == 0x2019 || c == 0x27 }

    /// “ ” „ « » and ": the double marks (`doubleKind` tells which way each one faces).
    static func isDoubleMark(_ c: UInt32) -> Bool {
        switch c {
        case 0x201C, 0x201D, 0x201E, 0xAB, 0xBB, 0x22: true
        default: false
        }
    }

    /// Whether `c` is one of the marks the scanner pairs, double or single.
    static func isQuotationMark(_ c: UInt32) -> Bool { isDoubleMark(c) || isSingleMark(c) }

    static func doubleKindIfMark(_ chars: ScalarText, _ k: Int) -> Mark? {
        isDoubleMark(chars[k].value) ? doubleKind(chars, k) : nil
    }

    /// Direction of a double mark from its neighbours: after space or an opening
    /// bracket and before a word it opens; after a word or punctuation and before
    /// space or punctuation it closes.
    static func doubleKind(_ chars: ScalarText, _ k: Int) -> Mark? {
        let v = chars[k].value
        if v == 0x201C || v == 0x201E || v == 0xAB { return .open }
        guard v == 0x22 || v == 0x201D || v == 0xBB else { return nil }
        let spaceBefore = k == 0 || chars.isSpace(k - 1) || "([{—–-".unicodeScalars.contains(chars[k - 1])
        let spaceAfter = k + 1 >= chars.count || chars.isSpace(k + 1) || ".,;:!?)]}—–".unicodeScalars.contains(chars[k + 1])
        if v == 0x201D || v == 0xBB {
            // A right mark typed at the start of a quote.
            return spaceBefore && !spaceAfter ? .open : .close
        }
        if spaceBefore && !spaceAfter { return .open }
        if !spaceBefore && spaceAfter { return .close }
        return .either
    }
}

/// The scalars of a byte range with their byte offsets, for scanning by character.
struct ScalarText {
    private var scalars: [Unicode.Scalar] = []
    private var offsets: [Int] = []
    let end: Int

    init(_ bytes: [UInt8], _ range: Range<Int>) {
        var i = range.lowerBound
        scalars.reserveCapacity(range.count)
        offsets.reserveCapacity(range.count + 1)
        while i < range.upperBound {
            let (s, w) = WordTokenizer.decode(bytes, at: i)
            scalars.append(s); offsets.append(i)
            i += w
        }
        end = range.upperBound
    }

    var count: Int { scalars.count }
    subscript(_ k: Int) -> Unicode.Scalar { scalars[k] }
    /// Byte offset of scalar `k` (the range's end for `k == count`).
    func offset(_ k: Int) -> Int { k < offsets.count ? offsets[k] : end }
    func isSpace(_ k: Int) -> Bool { scalars[k].properties.isWhitespace }

    /// The quoted span from scalar `content` (after the opening mark) to `endIndex` (the closing
    /// mark, or where the quote was cut off), white space trimmed; nil if nothing is left. A
    /// quote cut off (no closing mark) ends before a dash the reporter's words resume after
    /// (`NarrationAfterDash`).
    func span(from content: Int, to endIndex: Int, closeMark: Int?) -> QuoteScanner.Span? {
        var s = content
        while s < endIndex, isSpace(s) { s += 1 }
        var e = closeMark == nil ? NarrationAfterDash.find(in: self, from: s, to: endIndex) ?? endIndex : endIndex
        while e > 0, isSpace(e - 1) { e -= 1 }
        let (start, end) = (offset(s), offset(e))
        return end > start ? QuoteScanner.Span(start: start, end: end, closeMark: closeMark) : nil
    }

    /// If a blank line follows the line feed at `k`, the index of the next paragraph's first non-space scalar.
    func paragraphStart(after k: Int) -> Int? {
        var j = k + 1
        var sawBlank = false
        while j < scalars.count, scalars[j].properties.isWhitespace {
            if scalars[j] == "\n" { sawBlank = true }
            j += 1
        }
        return sawBlank || j >= scalars.count ? j : nil
    }
}
