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
                == "<p><ins>single</ins> riders who depend on the bus every day <del>said Bass</del>.</p>")
    }

    /// A paragraph the copy lacks, holding words the copy has just before it ("fund winter"),
    /// is struck out whole: the aligner matched the copy's "fund" and "winter" with those in
    /// the paragraph, which showed as "<del>fund winter</del> <del>Council school river</del>
    /// fund <del>…</del> winter <del>bridge</del>". Found by `PassageSynopsisTests.randomCopiesKeepEveryWordInRows`.
    @Test func aParagraphLeftOutIsStruckOutWhole() {
        let first = "Week south mayor fund winter.\n\nCouncil school river fund budget plan. Town harbour north winter bridge.\n\nPlan school bridge town week."
        #expect(Self.compared("Week south mayor fund winter.\n\nPlan school bridge town week.", first)
                == "<p>Week south mayor fund winter.</p>\n<p><del class=\"cut\">Council school river fund budget plan. Town harbour north winter bridge.</del></p>\n<p>Plan school bridge town week.</p>")
    }

    /// Words a copy lacks at the start of a sentence (or clause) stand in that sentence, after
    /// the one before and its marks, and at the start of its paragraph where the copy breaks one there
    /// (they stood before the full stop: "every week <del>Town</del>. street"). Found by
    /// `PassageSynopsisTests.randomCopiesKeepEveryWordInRows`.
    @Test func aWordMissingAtTheStartOfASentenceStandsInIt() {
        #expect(Self.compared("The council met every week. street repairs were agreed.", "The council met every week. Town street repairs were agreed.")
                == "<p>The council met every week. <del>Town</del> street repairs were agreed.</p>")
        #expect(Self.compared("The council met every “week.” street repairs were agreed.", "The council met every “week.” Town street repairs were agreed.")
                == "<p>The council met every “week.” <del>Town</del> street repairs were agreed.</p>")
        #expect(Self.compared("The council met every week.\n\n“street repairs were agreed.", "The council met every week.\n\n“Town street repairs were agreed.")
                == "<p>The council met every week.</p>\n<p>“<del>Town</del> street repairs were agreed.</p>")
        // At the start of a clause too.
        #expect(Self.compared("The council met every week, street repairs agreed.", "The council met every week, and street repairs agreed.")
                == "<p>The council met every week, <del>and</del> street repairs agreed.</p>")
    }

    static func compared(_ copy: String, _ first: String) -> String {
        let a = Array(copy.utf8), b = Array(first.utf8)
        let ta = WordTokenizer().tokenize(a, in: 0..<a.count), tb = WordTokenizer().tokenize(b, in: 0..<b.count)
        return VariantMarkup.compared(a, 0..<a.count, ta, with: b, tb, region: 0..<tb.count)
    }

    /// Words joined or split by a hyphen or a space are one respelling: "two year" for
    /// "two-year" was a word added beside a word replaced (`<ins>two</ins> <del>two-year</del><ins>year</ins>`).
    @Test func wordsJoinedOrSplitAreARespelling() {
        #expect(Self.compared("ending a two year fight", "ending a two-year fight")
                == "<p>ending a <span class=\"near\" title=\"first copy: two-year\">two year</span> fight</p>")
        #expect(Self.compared("ending a two-year fight", "ending a two year fight")
                == "<p>ending a <span class=\"near\" title=\"first copy: two year\">two-year</span> fight</p>")
        #expect(Self.compared("the hand book of rules", "the handbook of rules")
                == "<p>the <span class=\"near\" title=\"first copy: handbook\">hand book</span> of rules</p>")
        // Other letters are no respelling; nor are words a sentence's end parts.
        #expect(Self.compared("ending a two day fight", "ending a two-year fight")
                == "<p>ending a <ins>two</ins> <del>two-year</del><ins class=\"sub\">day</ins> fight</p>")
        #expect(Self.compared("it ended in two. Year after year", "it ended in two-year after year").contains("<del>"))
    }

    /// Whole sentences a copy lacks are shown with their punctuation after the copy's own
    /// sentence's end, and a whole paragraph as a paragraph: a cut paragraph was struck out word
    /// by word inside the sentence before it ("a third time <del>Opponents</del> <del>said</del> … .”").
    @Test func cutSentencesAndParagraphsKeepTheirPunctuation() {
        #expect(Self.compared("“We cannot rebuild,” she said.\n\nThe work starts in spring.",
                              "“We cannot rebuild,” she said.\n\n“They are moving the problem,” said Tom Becker. He farms.\n\nThe work starts in spring.")
                == "<p>“We cannot rebuild,” she said.</p>\n<p><del class=\"cut\">“They are moving the problem,” said Tom Becker. He farms.</del></p>\n<p>The work starts in spring.</p>")
        // Two paragraphs: two.
        #expect(Self.compared("One two three.\n\nSeven eight.", "One two three.\n\nFour five.\n\n“Six!”\n\nSeven eight.")
                == "<p>One two three.</p>\n<p><del class=\"cut\">Four five.</del></p>\n<p><del class=\"cut\">“Six!”</del></p>\n<p>Seven eight.</p>")
        // A sentence inside a paragraph, and one at the end.
        #expect(Self.compared("The vote was close. It passed.", "The vote was close. Nine members spoke. It passed. Becker left.")
                == "<p>The vote was close. <del class=\"cut\">Nine members spoke.</del> It passed. <del class=\"cut\">Becker left.</del></p>")
        // A paragraph cut where the copy runs its paragraphs together is a sentence on the line.
        #expect(Self.compared("One two three. Seven eight.", "One two three.\n\nFour five.\n\nSeven eight.")
                == "<p>One two three. <del class=\"cut\">Four five.</del> Seven eight.</p>")
        // Part of a sentence is words, as before.
        #expect(Self.compared("The vote was close.", "The vote was very close.") == "<p>The vote was <del>very</del> close.</p>")
    }

    /// Words a copy adds side by side are one insertion, with what stands between them.
    @Test func addedWordsAreOneInsertion() {
        #expect(Self.compared("It was, he said, a good day", "It was a good day") == "<p>It was, <ins>he said</ins>, a good day</p>")
        // Whole sentences with their closing punctuation.
        #expect(Self.compared("It was a good day. “He left early.” It rained.", "It was a good day. It rained.")
                == "<p>It was a good day. <ins>“He left early.”</ins> It rained.</p>")
        // Not across a paragraph break: a tag may not span two paragraphs.
        #expect(Self.compared("It was a good day. He left.\n\nShe stayed", "It was a good day.")
                == "<p>It was a good day. <ins>He left.</ins></p>\n<p><ins>She stayed</ins></p>")
    }

    /// Whatever the two copies, the tags are balanced (none spans two paragraphs), and the
    /// copy's own text is all there, in order: what is left without the first copy's words
    /// (`<del>`) and the tags.
    @Test func markupIsBalancedAndKeepsTheCopy() throws {
        var rng = SplitMix64(seed: 11)
        let words = ["the", "vote", "two-year", "two", "year", "hand", "book", "handbook", "Becker", "said", "“We", "go,”", "(AP)", "&", "<b>", "bi-polar", "bipolar"]
        let breaks = [" ", " ", " ", " ", ", ", ". ", ".\n\n", "\n", ".” ", " — "]
        func text(_ n: Int) -> [String] { (0..<n).map { _ in words[rng.next(words.count)] + breaks[rng.next(breaks.count)] } }
        for _ in 0..<400 {
            let base = text(3 + rng.next(30))
            var copy = base
            for _ in 0..<rng.next(6) {
                switch rng.next(3) {
                case 0 where copy.count > 1: copy.remove(at: rng.next(copy.count))
                case 1: copy.insert(contentsOf: text(1 + rng.next(4)), at: rng.next(copy.count + 1))
                default: copy[rng.next(copy.count)] = text(1)[0]
                }
            }
            let html = Self.compared(copy.joined(), base.joined())
            // One stack for the whole copy: a tag left open at a paragraph's end closes out of order.
            var open: [Substring] = []
            var rest = html[...]
            while let lt = rest.firstIndex(of: "<") {
                let gt = try #require(rest[lt...].firstIndex(of: ">"))
                let tag = rest[rest.index(after: lt)..<gt].split(separator: " ")[0]
                if tag.hasPrefix("/") { #expect(open.popLast() == tag.dropFirst(), "\(html)") } else { open.append(tag) }
                rest = rest[rest.index(after: gt)...]
            }
            #expect(open.isEmpty, "\(html)")
            let kept = html.replacing(/<del[^>]*>[^<]*<\/del>/, with: " ").replacing(/<[^>]*>/, with: "")
            let a = Array(copy.joined().utf8)
            let plain = VariantMarkup.plain(a, 0..<a.count, WordTokenizer().tokenize(a, in: 0..<a.count)).replacing(/<[^>]*>/, with: "")
            // (A missing word stands between spaces of its own: spaces are not compared.)
            func squeezed(_ s: String) -> String { s.filter { !$0.isWhitespace } }
            #expect(squeezed(kept) == squeezed(plain), "\(copy.joined().debugDescription) against \(base.joined().debugDescription)")
        }
    }

    /// A near spelling at a copy's end or start is a respelling of the first copy's word: the
    /// region compared ended at the last exact match, so "intentions" (for "intensions") at the
    /// seeds' copy's end was shown as added.
    @Test func nearSpellingsAtTheEdgesAreRespellings() {
        func marked(_ copy: String, _ first: String) -> String {
            let a = Array(copy.utf8), b = Array(first.utf8)
            let ta = WordTokenizer().tokenize(a, in: 0..<a.count), tb = WordTokenizer().tokenize(b, in: 0..<b.count)
            return VariantMarkup.compared(a, 0..<a.count, ta, with: b, tb, region: VariantMarkup.region(of: ta, in: tb).0)
        }
        #expect(marked("words some times do not align with his intentions.", "Those who are close know his words some times do not align with his intensions. Next one.")
                == "<p>words some times do not align with his <span class=\"near\" title=\"first copy: intensions\">intentions</span>.</p>")
        #expect(marked("Behavior is what some times does not align with his words.", "Behaviour is what some times does not align with his words.")
                == "<p><span class=\"near\" title=\"first copy: Behaviour\">Behavior</span> is what some times does not align with his words.</p>")
    }
}
