import Foundation
import Testing
@testable import ConcordCore

/// Reading a template's tags before anything renders (`MustacheTags`): by bytes where that
/// reads what Mustache reads by `Character`, which the checks of every build made slow.
@Suite("Mustache tags")
struct MustacheTagsTests {
    /// Texts of braces, delimiters, accents that join the character before them, line breaks and letters.
    func texts(_ count: Int, seed: UInt64) -> [String] {
        let pieces = ["{", "}", "{{", "}}", "\u{301}", "é", "e\u{301}", "\r\n", "\n", "<%", "%>", "x", " ", "\t", "«", "»", "%"]
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<Int(rng.next() % 24)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
    }

    /// A delimiter is found where Swift finds it among the text's characters: a `{` that an
    /// accent joins is not one; other delimiters than ASCII ones are looked for as characters.
    @Test func delimitersAreFoundWhereTheCharactersAre() {
        for text in texts(3000, seed: 5) {
            for delimiter in ["{{", "}}", "<%", "%>", "{", "«", "é"] {
                for start in [0, 1, 3] where start <= text.count {
                    let rest = text.dropFirst(start)
                    #expect(MustacheTags.find(delimiter, in: rest) == rest.firstRange(of: delimiter),
                            "\(delimiter.debugDescription) in \(String(rest).debugDescription)")
                }
            }
        }
    }

    @Test func tagsWithTheirLinesAndChangedDelimiters() {
        let text = "a\r\n{{x}}\n{\u{301}{y}}\n{{=<% %>=}}\r\n<%> partials/meta %>\n{{z}}<%w\nv%><%u%>"
        let tags = MustacheTags.of(text).map { (String($0.tag), $0.line) }
        #expect(tags.map(\.0) == ["x", "=<% %>=", "> partials/meta ", "w\nv", "u"])
        #expect(tags.map(\.1) == [2, 4, 5, 6, 7])
    }

    /// What `trimmed` takes off both ends: what Foundation's `.whitespaces` does (tabs and
    /// Unicode's spaces, not line breaks).
    @Test func trimmedAsFoundationTrims() {
        let spaces = [" ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\n", "\r\n", "x", "é", " \u{301}", "\u{200B}"]
        var rng = SplitMix64(seed: 9)
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in spaces[Int(rng.next() % UInt64(spaces.count))] }.joined()
            #expect(String(MustacheTags.trimmed(text[...])) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    /// `utf8Range(of:from:)`, which both find delimiters and `MustacheText.cut` look sections up by.
    @Test func bytesHeldInOrder() throws {
        let articles = Array("articles".utf8)
        #expect("#articles".utf8Range(of: articles).map { "#articles"[$0] } == "articles")
        #expect("aarticles".utf8Range(of: articles) != nil)
        #expect("#article".utf8Range(of: articles) == nil)
        #expect("".utf8Range(of: Array("a".utf8)) == nil && "".utf8Range(of: []) != nil)
        // From a position on: the next place, not an earlier one; ends inside a character.
        let text = "ab{{cd{{e\u{301}"
        let second = try #require(text.utf8Range(of: Array("{{".utf8), from: text.utf8.index(text.startIndex, offsetBy: 3)))
        #expect(text.utf8.distance(from: text.startIndex, to: second.lowerBound) == 6)
        #expect(text.utf8Range(of: Array("e".utf8)).map { String.Index($0.upperBound, within: text) == nil } == true)
    }
}
