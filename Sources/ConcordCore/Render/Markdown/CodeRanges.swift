import Ccmark
#if canImport(Glibc)
import Glibc
#endif

/// The parts of an article's body that its page does not show as running text: code spans
/// and code blocks (shown as code, where no quote can be marked) and raw HTML (which cmark's
/// safe mode leaves out of the page).
///
/// Quotation marks there are not quotation marks: `QuoteScanner` reads the body with them
/// blanked (`blanked(_:_:)`), so `annotations.json` and the speaker pages list no quote that
/// its article's page cannot mark and link to, and a straight `"` in a code sample does not
/// pair with a mark of the text around it.
enum CodeRanges {
    /// The byte ranges of code and raw HTML in `article.source`, in order. An article whose
    /// body has nothing cmark could read as code or HTML (no backtick, no `~`, no `<`, and in
    /// Markdown no indented line), as almost every news article, is not parsed: empty.
    static func of(_ article: Article) -> [Range<Int>] {
        let base = article.body.lowerBound, source = article.source
        // Looked at in place: the body is copied only for the few that are parsed.
        guard source.withUnsafeBufferPointer({ mayHoldCode(UnsafeBufferPointer(rebasing: $0[article.body]), markdown: article.format == .frontMatter) })
        else { return [] }
        let body = Array(source[article.body])
        guard let document = MarkdownRenderer.parse(body, format: article.format) else { return [] }
        defer { cmark_node_free(document) }
        let lines = LineStarts(body)
        var ranges: [Range<Int>] = []
        // Inline nodes are found in the body as the highlighter finds them (`SourceLocator`, every
        // text node advancing it); blocks by their lines, which cmark reports exactly.
        var locator = SourceLocator(source: body)
        for node in HighlightWeaver.textNodes(of: document) {
            let type = cmark_node_get_type(node)
            let literal = cmark_node_get_literal(node).map { Array(String(cString: $0).utf8) } ?? []
            let map = locator.locate(literal)
            if type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE, let map, let lo = map.first, let hi = map.last, lo < hi {
                ranges.append((base + lo)..<(base + hi))
            } else if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK,
                      let r = lines.range(cmark_node_get_start_line(node), cmark_node_get_end_line(node)) {
                ranges.append((base + r.lowerBound)..<(base + r.upperBound))
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Where each line of a body starts: a block's lines, as cmark reports them, are the
    /// parsed text's, which are the body's (plain text loses only its lines' indentation).
    struct LineStarts {
        private let body: [UInt8]
        private var starts = [0]

        init(_ body: [UInt8]) {
            self.body = body
            for (i, b) in body.enumerated() where b == 0x0A { starts.append(i + 1) }
        }

        /// The bytes of lines `first` through `last` (1-based), without the line feeds after
        /// them (an indented code block ends with the blank line after it); nil if out of range or empty.
        func range(_ first: Int32, _ last: Int32) -> Range<Int>? {
            guard first >= 1, last >= first, Int(last) <= starts.count else { return nil }
            let start = starts[Int(first) - 1]
            var end = Int(last) < starts.count ? starts[Int(last)] - 1 : body.count
            while end > start && body[end - 1] == 0x0A { end -= 1 }
            return end > start ? start..<end : nil
        }
    }

    /// Whether cmark could read anything in `body` as code or raw HTML: a backtick (a code span
    /// or fence), a `~` (a fence), a `<` (HTML), or, in Markdown, a line indented by a tab or
    /// four spaces (an indented code block; plain text is read without indentation).
    /// (Each byte looked for with `memchr`, which reads many at a time: this runs for every
    /// article a build analyses, 100,000 bodies of 6 KB in a full build.)
    static func mayHoldCode(_ body: UnsafeBufferPointer<UInt8>, markdown: Bool) -> Bool {
        guard let base = body.baseAddress, !body.isEmpty else { return false }
        if memchr(base, 0x60, body.count) != nil || memchr(base, 0x7E, body.count) != nil || memchr(base, 0x3C, body.count) != nil { return true }
        guard markdown else { return false }
        // A line starting with a tab or four spaces: the first line, and each after a line feed.
        func indented(_ at: Int) -> Bool {
            at < body.count && (body[at] == 0x09 || (at + 3 < body.count && body[at] == 0x20 && body[at + 1] == 0x20 && body[at + 2] == 0x20 && body[at + 3] == 0x20))
        }
        if indented(0) { return true }
        var from = 0
        while from < body.count, let nl = memchr(base + from, 0x0A, body.count - from) {
            let at = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base + 1
            if indented(at) { return true }
            from = at
        }
        return false
    }

    static func mayHoldCode(_ body: [UInt8], markdown: Bool) -> Bool {
        body.withUnsafeBufferPointer { mayHoldCode($0, markdown: markdown) }
    }

    /// `source` with every byte inside `ranges` but line feeds made a space: the same offsets
    /// and lines, no marks left in the code.
    static func blanked(_ source: [UInt8], _ ranges: [Range<Int>]) -> [UInt8] {
        var out = source
        for r in ranges {
            // Widened to whole characters: a space for part of one would leave the rest unreadable.
            var lo = max(0, r.lowerBound), hi = min(out.count, r.upperBound)
            while lo > 0 && lo < out.count && out[lo] & 0xC0 == 0x80 { lo -= 1 }
            while hi < out.count && out[hi] & 0xC0 == 0x80 { hi += 1 }
            for i in lo..<max(lo, hi) where out[i] != 0x0A { out[i] = 0x20 }
        }
        return out
    }
}
