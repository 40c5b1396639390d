/// The quotation mark that opens a quote on its article page, where the speaker's label goes.
///
/// A quote's range holds the quoted words without their marks. Its label used to stand just
/// inside the quote, after the opening mark; the label is a box (an inline block), and a line
/// may break before a box, so the mark could be left alone at the end of a line (“ | [a source]
/// She knows…). Set before the mark, with a no-break space after it, the label and the mark
/// keep together, and the mark with the quote's first word.
///
/// Found again here, where a page is rendered, rather than kept with every quote: the scanner
/// (`QuoteScanner`) starts a quote right after its mark, past white space, so the mark is the
/// scalar before that white space, and what counts as a mark is the scanner's own definition.
enum OpeningMark {
    /// The offset of the quotation mark before `start` in `source` (white space between them
    /// passed over, as `ScalarText.span` trims it), not before `floor` (the body's start); nil
    /// when none is there.
    static func offset(before start: Int, in source: [UInt8], floor: Int) -> Int? {
        var k = min(start, source.count)
        while k > floor {
            // The scalar that ends at `k`: back over its continuation bytes.
            var j = k - 1
            while j > floor, source[j] & 0xC0 == 0x80 { j -= 1 }
            let scalar = WordTokenizer.decode(source, at: j).0
            if QuoteScanner.isQuotationMark(scalar.value) { return j }
            guard scalar.properties.isWhitespace else { return nil }
            k = j
        }
        return nil
    }
}
