/// What a reader sees of Markdown inline text: the rules the tokenizer, derived titles and
/// passage pages share, so that all three drop the same syntax.
///
/// Dropped: emphasis and code marks (`*`, `_`, backticks), a link's or image's brackets and
/// its destination (`[a link](https://x.org "T")` reads "a link"), and raw HTML tags (cmark
/// omits them from pages). A backslash escape keeps the character it escapes.
enum MarkdownInline {
    /// If a link destination `(…)` starts at `i` (right after a `]`), the index just past its
    /// closing parenthesis: parentheses balanced, on one line, at most 2,048 bytes.
    static func linkDestinationEnd(_ bytes: [UInt8], at i: Int, limit: Int) -> Int? {
        guard i < limit, bytes[i] == 0x28 else { return nil }
        var depth = 0, k = i
        while k < limit, k - i < 2048 {
            switch bytes[k] {
            case 0x28: depth += 1
            case 0x29: depth -= 1; if depth == 0 { return k + 1 }
            case 0x0A: return nil
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The bytes of `range` a reader sees (see the type's rules).
    static func visible(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let c = bytes[i]
            switch c {
            case 0x5D:   // ]
                i = linkDestinationEnd(bytes, at: i + 1, limit: range.upperBound) ?? i + 1
            case 0x2A, 0x5F, 0x60, 0x5B:   // * _ ` [
                i += 1
            case 0x21 where i + 1 < range.upperBound && bytes[i + 1] == 0x5B:   // ![
                i += 1
            case 0x3C:   // <…>
                if let close = bytes[(i + 1)..<range.upperBound].firstIndex(of: 0x3E) { i = close + 1 } else { kept.append(c); i += 1 }
            case 0x5C where i + 1 < range.upperBound:   // \x
                kept.append(bytes[i + 1]); i += 2
            default:
                kept.append(c); i += 1
            }
        }
        return kept
    }
}
