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

    @Test func bytesHeldInOrder() {
        #expect(MustacheText.bytes(of: "#articles", contain: Array("articles".utf8)))
        #expect(MustacheText.bytes(of: "aarticles", contain: Array("articles".utf8)))
        #expect(!MustacheText.bytes(of: "#article", contain: Array("articles".utf8)))
        #expect(!MustacheText.bytes(of: "", contain: Array("a".utf8)) && MustacheText.bytes(of: "", contain: []))
    }
}
