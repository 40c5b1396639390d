import Testing
@testable import ConcordCore

@Suite("Variant markup")
struct VariantMarkupTests {
    /// Paragraphs as the first version made them: lines split, blank ones (spaces, tabs,
    /// carriage returns) closing a paragraph.
    static func referenceParagraphs(_ html: String) -> String {
        var paras: [String] = [], current: [Substring] = []
        for line in html.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if !current.isEmpty { paras.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paras.append(current.joined(separator: "\n")) }
        return paras.map { "<p>\($0)</p>" }.joined(separator: "\n")
    }

    @Test func paragraphsSplitAtBlankLines() {
        #expect(VariantMarkup.paragraphs("a\nb\n\n  \nc") == "<p>a\nb</p>\n<p>c</p>")
        var rng = SplitMix64(seed: 3)
        let pieces = ["a", "word", " ", "\t", "\r", "\n", "\n\n", "\r\n", "é", "<b>x</b>", "&amp;"]
        for _ in 0..<2000 {
            let html = (0..<rng.next(16)).map { _ in pieces[rng.next(pieces.count)] }.joined()
            #expect(VariantMarkup.paragraphs(html) == Self.referenceParagraphs(html), "\(html.debugDescription)")
        }
    }

    /// Copies are shown as readers see them: Markdown's inline syntax (emphasis, code, a
    /// link's brackets and destination) is not shown; the words and punctuation are, escaped.
    @Test func copiesAreShownWithoutMarkdownSyntax() {
        let a = Array("It ends *right here* after [a link](https://x.org/(a)) & `code`, __too__.".utf8)
        let b = Array("It ends right here after a link & code, also.".utf8)
        let ta = WordTokenizer().tokenize(a, in: 0..<a.count), tb = WordTokenizer().tokenize(b, in: 0..<b.count)
        #expect(VariantMarkup.plain(a, 0..<a.count, ta) == "<p>It ends right here after a link &amp; code, too.</p>")
        let compared = VariantMarkup.compared(a, 0..<a.count, ta, with: b, tb, region: 0..<tb.count)
        #expect(compared == "<p>It ends right here after a link &amp; code, <del>also</del><ins class=\"sub\">too</ins>.</p>")
    }

    /// A word the copy lacks stands between single spaces: it was "every<del>single</del>  day".
    @Test func aMissingWordStandsBetweenSpaces() {
        func compared(_ copy: String, _ first: String) -> String {
            let a = Array(copy.utf8), b = Array(first.utf8)
            let ta = WordTokenizer().tokenize(a, in: 0..<a.count), tb = WordTokenizer().tokenize(b, in: 0..<b.count)
            return VariantMarkup.compared(a, 0..<a.count, ta, with: b, tb, region: 0..<tb.count)
        }
        #expect(compared("riders who depend on the bus every day, he said", "riders who depend on the bus every single day, he said")
                == "<p>riders who depend on the bus every <del>single</del> day, he said</p>")
        #expect(compared("single riders who depend on the bus every day.", "riders who depend on the bus every day, said Bass.")
                == "<p><ins>single</ins> riders who depend on the bus every day <del>said</del> <del>Bass</del>.</p>")
    }
}
