import Testing
@testable import ConcordCore

/// Possessive endings are dropped from names in every apostrophe the seeds use.
@Suite("Article text") struct ArticleTextTests {
    @Test func bareWordDropsPossessiveEndings() {
        let source = Array("West’s West's West‘s James Paris’ Wests é’s Ünal’s".utf8)
        let text = ArticleText(source: source, body: 0..<source.count, spans: [])
        let words = (0..<text.count).map { text.bareWord($0) }
        #expect(words == ["West", "West", "West", "James", "Paris", "Wests", "é", "Ünal"])
        // The same as cutting the written word as a string.
        for i in 0..<text.count {
            var w = text.word(i)
            for suffix in ["’s", "'s", "‘s"] where w.hasSuffix(suffix) { w.removeLast(2); break }
            #expect(text.bareWord(i) == w)
        }
    }
}
