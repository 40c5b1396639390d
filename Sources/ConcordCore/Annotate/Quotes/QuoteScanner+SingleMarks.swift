/// Quotes marked with single marks, as British papers print them: ‘We will not back down,’
/// she said. Such an article had no quotes at all: single marks were only ever nested quotes
/// or apostrophes.
///
/// An article's single marks are its quotation marks when more of them open a quote (‘ or '
/// before a letter, at a word's start) than double marks do; double marks inside are then
/// nested quotes, and quotes of their own outside. A closing mark ends a word (’ or ', then
/// space, punctuation or the end); one inside a word (“government’s”) is an apostrophe, and
/// so is a plural's (“the Smiths’ shop”) when another closing mark follows in the paragraph. As with double marks, an
/// unclosed quote ends at its paragraph unless the next one reopens with a mark, and a new
/// opening mark closes the open quote first.
extension QuoteScanner {
    static func singlesArePrimary(_ chars: ScalarText) -> Bool {
        var singles = 0, doubles = 0
        for k in 0..<chars.count {
            if isSingleOpener(chars, k) { singles += 1 }
            else if let kind = doubleKindIfMark(chars, k), kind != .close { doubles += 1 }
        }
        return singles > doubles
    }

    /// ‘ or ' at a word's start, before a letter (not a digit: ’90s).
    static func isSingleOpener(_ chars: ScalarText, _ k: Int) -> Bool {
        let v = chars[k].value
        guard v == 0x2018 || v == 0x27, k + 1 < chars.count, chars[k + 1].properties.isAlphabetic else { return false }
        guard k > 0 else { return true }
        let before = chars[k - 1]
        return chars.isSpace(k - 1) || "([{—–-“\"„«".unicodeScalars.contains(before)
    }

    /// ’ or ' (or ‘ typed for it) at a word's end: after a letter, digit or punctuation, before
    /// space, punctuation or the end.
    static func isSingleCloser(_ chars: ScalarText, _ k: Int) -> Bool {
        let v = chars[k].value
        guard v == 0x2019 || v == 0x27 || v == 0x2018, k > 0, !chars.isSpace(k - 1) else { return false }
        return k + 1 >= chars.count || chars.isSpace(k + 1) || ".,;:!?)]}—–”\"".unicodeScalars.contains(chars[k + 1])
    }

    func scanSingles(_ chars: ScalarText) -> [Span] {
        var spans: [Span] = []
        // The open quote: the scalar after its opening mark, and that mark (a double mark opens a
        // quote only outside a single-marked one, and nests none).
        var open: (content: Int, mark: Int)? = nil
        var k = 0
        let n = chars.count
        func emit(_ content: Int, _ end: Int, closeMark: Int?) {
            if let span = chars.span(from: content, to: end, closeMark: closeMark) { spans.append(span) }
        }
        func opener(_ k: Int) -> Bool { Self.isSingleOpener(chars, k) || Self.doubleKindIfMark(chars, k) == .open }
        while k < n {
            if chars[k] == "\n", let next = chars.paragraphStart(after: k) {
                if let o = open {
                    if next < n, opener(next) { k = next + 1; continue }
                    emit(o.content, k, closeMark: nil)
                    open = nil
                }
                k = next
                continue
            }
            if let o = open, Self.isSingleOpener(chars, o.mark) {
                if Self.isSingleCloser(chars, k) && !isPluralPossessive(chars, k) {
                    emit(o.content, k, closeMark: chars.offset(k))
                    open = nil
                } else if Self.isSingleOpener(chars, k) {
                    emit(o.content, k, closeMark: nil)
                    open = (k + 1, k)
                }
            } else if let o = open {
                if let kind = Self.doubleKindIfMark(chars, k) {
                    let closes = kind != .open || Self.closes(chars[o.mark].value, with: chars[k].value)
                    emit(o.content, k, closeMark: closes ? chars.offset(k) : nil)
                    open = closes ? nil : (k + 1, k)
                }
            } else if opener(k) {
                open = (k + 1, k)
            }
            k += 1
        }
        if let o = open { emit(o.content, n, closeMark: nil) }
        return spans
    }

    /// A closing mark after an s (“the Smiths’ shop”) is a plural's apostrophe when another
    /// closing mark follows in the paragraph before any opening one.
    private func isPluralPossessive(_ chars: ScalarText, _ k: Int) -> Bool {
        guard chars[k - 1] == "s" || chars[k - 1] == "S", k + 1 < chars.count, chars.isSpace(k + 1) else { return false }
        var j = k + 1
        while j < chars.count {
            if chars[j] == "\n", chars.paragraphStart(after: j) != nil { return false }
            if Self.isSingleOpener(chars, j) { return false }
            if Self.isSingleCloser(chars, j) { return true }
            j += 1
        }
        return false
    }
}
