import Foundation
import Testing
@testable import ConcordCore

@Suite("Markdown rendering")
struct MarkdownRenderTests {
    func article(_ body: String) throws -> Article {
        try ArticleParser().parse(Array(("date 2020-01-01 " + body).utf8), path: "t.txt")
    }

    @Test func rawHTMLNeverReachesThePage() throws {
        let html = MarkdownRenderer().render(try article("Hello <script>alert(1)</script> world.\n\n<div onclick=x>block</div>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<div"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func markdownIsRendered() throws {
        let html = MarkdownRenderer().render(try article("Some *emphasis* and a [link](https://example.com).\n\n> quoted"))
        #expect(html.contains("<em>emphasis</em>"))
        #expect(html.contains("<a href=\"https://example.com\">link</a>"))
        #expect(html.contains("<blockquote>"))
    }

    /// Plain text with indented paragraphs (as text files have them) gives paragraphs, not
    /// one code block, and their quotes are marked; Markdown keeps CommonMark's indented code.
    @Test func indentedPlainTextIsParagraphs() throws {
        let a = try article("    First paragraph.\n\n    “A quote here,” said Ann Lee.\n\n\tThird.\n")
        let quote = try #require(QuoteFinder().find(in: [a]).first)
        let html = MarkdownRenderer().render(a, highlights: [Highlight(range: quote.start..<quote.end, open: "<q>", close: "</q>", layer: 1)])
        #expect(html == "<p>First paragraph.</p>\n<p>“<q>A quote here,</q>” said Ann Lee.</p>\n<p>Third.</p>\n")
        let md = try ArticleParser().parse(Array("---\ntitle: T\ndate: 2020-01-01\n---\nText.\n\n    let code = 1\n".utf8), path: "t.md")
        #expect(MarkdownRenderer().render(md).contains("<pre><code>let code = 1"))
    }

    @Test func highlightsWrapSourceRangesAcrossInlineMarkup() throws {
        let a = try article("One *two three* four five.\n\nSix seven.")
        let text = a.bodyText
        let start = a.body.lowerBound + text.utf8.count - "*two three* four five.\n\nSix seven.".utf8.count + 1
        let end = a.body.lowerBound + Array(text.utf8).count - " seven.".utf8.count
        let h = Highlight(range: start..<end, open: "<mark>", close: "</mark>", lead: "<b>L</b>", layer: 1)
        let html = MarkdownRenderer().render(a, highlights: [h])
        #expect(html == "<p>One <em><mark><b>L</b>two three</mark></em><mark> four five.</mark></p>\n<p><mark>Six</mark> seven.</p>\n")
    }

    @Test func highlightsSurviveEscapesAndEntities() throws {
        let a = try article("Tom \\*and\\* Jerry &amp; friends said hello.")
        let src = Array(a.source)
        let needle = Array("Jerry".utf8)
        let at = (0...(src.count - needle.count)).first { Array(src[$0..<($0 + needle.count)]) == needle }!
        let html = MarkdownRenderer().render(a, highlights: [Highlight(range: at..<(at + 5), open: "<i>", close: "</i>", layer: 1)])
        #expect(html == "<p>Tom *and* <i>Jerry</i> &amp; friends said hello.</p>\n")
    }
}

@Suite("Escaping")
struct EscapingTests {
    @Test func scriptInTitleAndBodyIsEscapedOnEveryPage() async throws {
        let archive = try TempArchive(files: [
            "x.md": "---\ntitle: \"<script>alert('t')</script> Title\"\ndate: 2020-01-01\nsource: \"<img src=x onerror=y>\"\n---\nBody <script>alert('b')</script> text & more.",
            "y.txt": "date 2020-01-02 <script>alert('y')</script> derived title words here.",
        ])
        defer { archive.cleanup() }
        _ = try await archive.build()
        for page in ["index.html", "articles/x/index.html", "articles/y/index.html"] {
            let html = try archive.read(page)
            #expect(!html.contains("<script"), "\(page)")
            #expect(!html.contains("<img"), "\(page)")
        }
        #expect(try archive.read("articles/x/index.html").contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Title"))
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}

@Suite("Path segments")
struct PathSegmentTests {
    /// What RFC 3986 leaves unencoded in a path segment: ASCII letters, digits, `-._~`.
    func reference(_ id: String) -> String {
        id.utf8.map { b -> String in
            let unreserved = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~".utf8.contains(b)
            return unreserved ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
        }.joined()
    }

    @Test(arguments: ["plain-id_1.2~x", "", "with space", "über", "a/b?c#d", "100%", "<script>", "@[`{", "\u{1}\u{7F}", "Ωmega 2020"])
    func unreservedBytesStayTheRestAreEncoded(_ id: String) {
        #expect(HTML.pathSegment(id) == reference(id))
    }

    @Test func everyByteValue() {
        let all = String(decoding: (1...127).map { UInt8($0) }, as: UTF8.self)
        #expect(HTML.pathSegment(all) == reference(all))
    }
}


@Suite("Quote labels")
struct QuoteLabelTests {
    /// A speaker's label stands before the quote's opening mark, joined to it by a no-break
    /// space. Set inside the quote, after the mark, the label (an inline block) let a line break
    /// between them, and the seeds' first article left “ alone at the end of a line at 1280 px.
    @Test func theLabelStandsBeforeTheOpeningMark() throws {
        let a = try ArticleParser().parse(Array("""
            date 2020-01-01 Kim was furious about his tweets. “She knows that he’s sick,” a source said.

            Later, « Nous verrons, » said Ann Lee. And "*Marked* up," said Ann Lee.

            Then, «\u{00A0}Nous partirons\u{00A0}», said Ann Lee.
            """.utf8), path: "a.txt")
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.count == 4)
        let model = SiteModel(articles: [a], annotations: Annotations(passages: [], quotes: quotes))
        let html = MarkdownRenderer().render(a, highlights: PageContexts(model: model).highlights(at: 0))
        func tag(_ slug: String, _ name: String) -> String { "<a class=\"speaker-tag\" href=\"../../speakers/\(slug)/index.html\">\(name)</a>&#160;" }
        #expect(html.contains("his tweets. " + tag("a-source", "a source") + "“<span class=\"quote\" id=\"\(quotes[0].id)\">She knows that he’s sick,</span>”"), "\(html)")
        // White space between the mark and the words stays with the mark; a straight mark, and markup after it.
        #expect(html.contains("Later, " + tag("ann-lee", "Ann Lee") + "« <span class=\"quote\" id=\"\(quotes[1].id)\">Nous verrons,</span> »"), "\(html)")
        #expect(html.contains("And " + tag("ann-lee", "Ann Lee") + "&quot;<em><span class=\"quote\" id=\"\(quotes[2].id)\">Marked</span></em><span class=\"quote\"> up,</span>&quot;"), "\(html)")
        // French spacing: a no-break space inside the guillemets, which the scanner trims as it trims a space.
        #expect(html.contains("Then, " + tag("ann-lee", "Ann Lee") + "«\u{00A0}<span class=\"quote\" id=\"\(quotes[3].id)\">Nous partirons</span>\u{00A0}»"), "\(html)")
    }
}
