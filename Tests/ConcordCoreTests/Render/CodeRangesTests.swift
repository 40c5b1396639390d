import Testing
@testable import ConcordCore

/// Code and raw HTML in an article's body: found where cmark finds them, and no quotation marks.
@Suite("Code ranges")
struct CodeRangesTests {
    static let markdown = """
        ---
        title: Code and quotes
        date: 2024-03-04
        ---

        The minister spoke. "We will build the new bridge before the winter comes," said Jane Doe.

        Engineers typed `print("this is not a quotation at all, just code")` into the console.

        ```
        say "another string inside a fenced block of code here"
        ```

            "an indented block that Markdown shows as code, not a quote"

        <div title="x">"raw HTML that the page leaves out entirely, not a quote"</div>

        "The plan is sound and the money is there for all of it," Doe added later.
        """

    func article(_ text: String, path: String = "code.md") throws -> Article { try ArticleParser().parse(Array(text.utf8), path: path) }

    func texts(_ a: Article, _ ranges: [Range<Int>]) -> [String] { ranges.map { String(decoding: a.source[$0], as: UTF8.self) } }

    /// The code span's content, the fenced block (fences included), the indented block and the
    /// HTML block, in order; none of the text around them.
    @Test func codeSpansBlocksAndHTMLAreFound() throws {
        let a = try article(Self.markdown)
        let found = texts(a, CodeRanges.of(a))
        #expect(found == ["print(\"this is not a quotation at all, just code\")",
                          "```\nsay \"another string inside a fenced block of code here\"\n```",
                          "    \"an indented block that Markdown shows as code, not a quote\"",
                          "<div title=\"x\">\"raw HTML that the page leaves out entirely, not a quote\"</div>"])
    }

    /// Only the two quotes of the text: the marks inside code and HTML are not quotation marks.
    @Test func quotesInsideCodeAreNotQuotes() throws {
        let a = try article(Self.markdown)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { String(decoding: a.source[$0.start..<$0.end], as: UTF8.self) }
                == ["We will build the new bridge before the winter comes,", "The plan is sound and the money is there for all of it,"])
        #expect(quotes.allSatisfy { $0.speaker?.name == "Jane Doe" })
    }

    /// A straight mark left open in a code span does not pair with the text's marks after it.
    @Test func aMarkInCodeDoesNotOpenAQuote() throws {
        let a = try article("date 2024-03-05 Shell\n\nType `say \"hello` and wait for the answer to come back. \"We will be ready for the storm when it comes,\" she said.\n", path: "shell.txt")
        #expect(CodeRanges.of(a).count == 1)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { String(decoding: a.source[$0.start..<$0.end], as: UTF8.self) } == ["We will be ready for the storm when it comes,"])
    }

    /// Plain text is read as the page reads it: without its lines' indentation, so an indented
    /// paragraph is text, its quote a quote.
    @Test func indentedPlainTextIsNoCode() throws {
        let a = try article("date 2024-03-05 Indented\n\n    \"We will be ready for the storm when it comes,\" she said.\n", path: "indented.txt")
        #expect(CodeRanges.of(a).isEmpty)
        #expect(QuoteFinder().find(in: [a]).count == 1)
    }

    /// Bodies with nothing cmark reads as code or HTML are not parsed; the seeds are such.
    @Test func mostBodiesHoldNoCode() throws {
        #expect(!CodeRanges.mayHoldCode(Array("“Quote,” she said.\n\n    Indented plain text.".utf8), markdown: false))
        #expect(CodeRanges.mayHoldCode(Array("a\n    indented".utf8), markdown: true))
        #expect(CodeRanges.mayHoldCode(Array("a\n\tindented".utf8), markdown: true))
        #expect(!CodeRanges.mayHoldCode(Array("a\n   three spaces".utf8), markdown: true))
        #expect(CodeRanges.mayHoldCode(Array("a `b`".utf8), markdown: false))
        #expect(CodeRanges.mayHoldCode(Array("a <b>c</b>".utf8), markdown: false))
        #expect(CodeRanges.mayHoldCode(Array("~~~\nx\n~~~".utf8), markdown: false))
        #expect(CodeRanges.mayHoldCode(Array("    first line indented".utf8), markdown: true))
        #expect(!CodeRanges.mayHoldCode(Array("a\n\n".utf8), markdown: true) && !CodeRanges.mayHoldCode([], markdown: true))
        for a in try Repo.seedArticles() { #expect(CodeRanges.of(a).isEmpty, "\(a.id)") }
    }

    /// Blanked: the same length and lines, spaces in the ranges, whole characters only.
    @Test func blankingKeepsOffsetsLinesAndCharacters() {
        let source = Array("ab“c\nd”e".utf8)       // “ and ” are three bytes each
        let out = CodeRanges.blanked(source, [3..<9])     // from inside “ to inside ”
        #expect(out.count == source.count)
        #expect(String(decoding: out, as: UTF8.self) == "ab    \n    e")
    }
}
