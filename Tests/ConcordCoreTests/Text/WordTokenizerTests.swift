import Testing
@testable import ConcordCore

@Suite("Word tokenizer")
struct WordTokenizerTests {
    @Test func normalFormsAndSeparators() {
        let text = WordTokenizer().tokenize(Array("Kim’s BI-POLAR, 2020.\n\n“Ça”".utf8), in: 0..<33)
        #expect(text.norms == ["kims", "bipolar", "2020", "ça"])
        #expect(text.tokens.map(\.before) == [.paragraph, [], .clause, [.sentence, .paragraph, .quote]])
    }
}
