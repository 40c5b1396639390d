import Ccmark
#if canImport(Glibc)
import Glibc
#endif

/// Renders an article body with cmark, wrapping annotated source spans in markup.
///
/// cmark reports no reliable source positions for inline text, so each text
/// node is located in the source by scanning forward from the previous one
/// (`SourceLocator`); its pieces are then wrapped in `CUSTOM_INLINE` nodes,
/// whose enter/exit strings cmark's HTML renderer emits verbatim. Raw HTML in
/// the body is dropped by cmark's safe mode. Links to files beside the article
/// are pointed into the site (`LocalLinkNodes.rewrite`).
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ article: Article, highlights: [Highlight] = []) -> String {
        let body = Array(article.source[article.body])
        let base = article.body.lowerBound
        guard let document = Self.parse(body, format: article.format) else { return "" }
        defer { cmark_node_free(document) }
        if !article.localLinks.isEmpty { LocalLinkNodes.rewrite(document, from: article.path) }
        if !highlights.isEmpty {
            let shifted = highlights.compactMap { h -> Highlight? in
                var h = h
                let lo = max(h.range.lowerBound - base, 0), hi = min(h.range.upperBound - base, body.count)
                guard lo < hi else { return nil }
                h.range = lo..<hi
                return h
            }
            HighlightWeaver(body: body, highlights: shifted).weave(into: document)
        }
        guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// An article's body parsed as its page shows it (the caller frees the tree). Plain text is
    /// read without its lines' indentation: text files indent paragraphs, which CommonMark takes
    /// for code (every paragraph after the first came out as one `<pre>` block, its quotes
    /// unmarked). The words and lines are the same, so nodes are still found in `body`.
    static func parse(_ body: [UInt8], format: ArticleFormat) -> OpaquePointer? {
        let parsed = format == .datedText ? withoutIndentation(body) : body
        return parsed.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { cmark_parse_document(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), buffer.count, CMARK_OPT_DEFAULT) }
        }
    }

    /// `text` with the spaces and tabs that begin each line removed.
    static func withoutIndentation(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var lineStart = true
        for b in text {
            if lineStart && (b == 0x20 || b == 0x09) { continue }
            lineStart = b == 0x0A
            out.append(b)
        }
        return out
    }
}
