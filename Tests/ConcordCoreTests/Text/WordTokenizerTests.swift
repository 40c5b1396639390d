import Testing
@testable import ConcordCore

@Suite("Word tokenizer")
struct WordTokenizerTests {
    @Test func normalFormsAndSeparators() {
        let text = WordTokenizer().tokenize(Array("Kim’s BI-POLAR, 2020.\n\n“Ça”".utf8), in: 0..<33)
        #expect(text.norms == ["kims", "bipolar", "2020", "ça"])
        #expect(text.tokens.map(\.before) == [.paragraph, [], .clause, [.sentence, .paragraph, .quote]])
    }

    /// A Markdown link's destination is no words of the text; brackets that open no link
    /// destination, and one that runs past its line, are left as they were.
    @Test func linkDestinationsAreNotWords() {
        func norms(_ s: String) -> [String] { WordTokenizer().tokenize(Array(s.utf8), in: 0..<s.utf8.count).norms }
        #expect(norms("after [a link](https://x.org/a_(b) \"Title\") too.") == ["after", "a", "link", "too"])
        #expect(norms("![a photo](pic.jpg) and [sic] (aside)") == ["a", "photo", "and", "sic", "aside"])
        #expect(norms("[open](no closing\nhere)") == ["open", "no", "closing", "here"])
    }
}
