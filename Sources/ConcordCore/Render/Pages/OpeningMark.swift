/// The quotation mark that opens a quote on its article page, where the speaker's label goes.
///
/// A quote's range holds the quoted words without their marks. Its label used to stand just
/// inside the quote, after the opening mark; the label is a box (an inline block), and a line
/// may break before a box, so the mark could be left alone at the end of a line (“ | [a source]
/// She knows…). Set before the mark, with a no-break space after it, the label and the mark
/// keep together, and the mark with the quote's first word.
enum OpeningMark {
    /// The offset of the quotation mark just before `start` in `source` (white space between
    /// them allowed), not before `floor` (the body's start); nil when none is there.
    static func offset(before start: Int, in source: [UInt8], floor: Int) -> Int? {
        var k = min(start, source.count)
        while k > floor, source[k - 1] == 0x20 || source[k - 1] == 0x09 || source[k - 1] == 0x0A || source[k - 1] == 0x0D { k -= 1 }
        if k - 1 >= floor, source[k - 1] == 0x22 || source[k - 1] == 0x27 { return k - 1 }              // " '
        if k - 2 >= floor, source[k - 2] == 0xC2, source[k - 1] == 0xAB || source[k - 1] == 0xBB { return k - 2 }   // « »
        if k - 3 >= floor, source[k - 3] == 0xE2, source[k - 2] == 0x80, threeByteMarks.contains(source[k - 1]) { return k - 3 }
        return nil
    }

    /// The last bytes of ‘ ’ ‚ “ ” „ ‹ › (E2 80 xx).
    private static let threeByteMarks: Set<UInt8> = [0x98, 0x99, 0x9A, 0x9C, 0x9D, 0x9E, 0xB9, 0xBA]
}
