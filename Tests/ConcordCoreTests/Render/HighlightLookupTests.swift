import Testing
@testable import ConcordCore

/// The lookups that keep a long article linear: each answers as the search of everything it
/// replaced did (an 8.5 MB article with 30,000 quotes took 20 s to build with those searches).
@Suite("Highlight and span lookups")
struct HighlightLookupTests {
    /// Up to 40 highlights starting up to `startingBy`, half of them up to `long` long, half up
    /// to `short` (some empty), in three layers.
    func randomHighlights(_ rng: inout SplitMix64, startingBy last: Int, long: Int, short: Int) -> [Highlight] {
        (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            let start = Int.random(in: 0...last, using: &rng)
            let length = Int.random(in: 0...(Bool.random(using: &rng) ? long : short), using: &rng)
            return Highlight(range: start..<(start + length), open: "<m>", close: "</m>", layer: Int.random(in: 0...2, using: &rng))
        }
    }

    /// Nested, overlapping, touching and empty highlights, looked up for ranges of every kind:
    /// the same indices, in the same order, as testing every highlight.
    @Test func highlightsByStartAreThoseThatOverlap() {
        var rng = SplitMix64(seed: 21)
        for round in 0..<50 {
            let highlights = randomHighlights(&rng, startingBy: 500, long: 300, short: 20)
            let lookup = HighlightWeaver.ByStart(highlights)
            for _ in 0..<100 {
                let lo = Int.random(in: 0...820, using: &rng), hi = lo + Int.random(in: 0...60, using: &rng)
                let expected = highlights.indices.filter { highlights[$0].range.overlaps(lo..<hi) }
                #expect(lookup.overlapping(lo..<hi, highlights) == expected, "round \(round), \(lo)..<\(hi)")
            }
        }
    }

    /// Pieces cut at every edge (as a text node is cut), and some wider: each piece's covering
    /// highlights, outermost first, as testing every highlight at every piece gives them.
    @Test func piecesAreCoveredAsTestingEveryHighlightSays() {
        var rng = SplitMix64(seed: 22)
        for round in 0..<50 {
            let highlights = randomHighlights(&rng, startingBy: 300, long: 200, short: 15)
            var edges = Set(highlights.flatMap { [$0.range.lowerBound, $0.range.upperBound] } + [0, 520])
            for _ in 0..<5 { edges.remove(edges.randomElement(using: &rng)!) }
            let points = edges.sorted()
            let pieces = zip(points, points.dropFirst()).map { $0..<$1 }
            let touching = highlights.indices.filter { i in pieces.contains { highlights[i].range.overlaps($0) } }
            let got = HighlightWeaver.covering(pieces, among: touching, highlights)
            for (piece, covering) in zip(pieces, got) {
                let expected = touching.filter { highlights[$0].range.overlaps(piece) }
                    .sorted { (highlights[$0].layer, $0) > (highlights[$1].layer, $1) }
                #expect(covering == expected, "round \(round), piece \(piece)")
            }
        }
    }

    /// Each quoted span's token range is its first through its last token, for the seeds'
    /// quotes and for a quote with no words.
    @Test func spanTokensAreTheFirstAndLastOfEachSpan() throws {
        let seeds = try Repo.seedArticles()
        var spans = 0
        for article in seeds {
            let scanned = QuoteScanner().scan(article.source, body: article.body)
            let attribution = Attribution(text: ArticleText(source: article.source, body: article.body, spans: scanned), spans: scanned)
            for s in scanned.indices {
                let owned = attribution.text.spanOf.indices.filter { attribution.text.spanOf[$0] == s }
                #expect(attribution.tokens(of: s) == owned.first.map { $0...owned.last! })
                spans += 1
            }
        }
        #expect(spans > 30)
    }
}

/// Literals are looked for verbatim a little past the cursor, then unescaped, then verbatim
/// anywhere further: the same places as before for text far past its markup.
@Suite("Source locator")
struct SourceLocatorTests {
    @Test func textFarPastItsMarkupIsStillFound() {
        let url = String(repeating: "x", count: 5000)
        let source = Array("[a](http://\(url)) tail and xyz.".utf8)
        var locator = SourceLocator(source: source)
        #expect(locator.locate(Array("a".utf8)) == [1, 2])
        // Past the window; unescaped from the cursor it fails on the address's x's.
        let tail = Array(" tail and xyz.".utf8)
        let start = source.count - tail.count
        #expect(locator.locate(tail) == Array(start...source.count))
    }

    /// An unescaped literal in a long article is found where it stands (it was found too,
    /// after a scan of the rest of the article for it verbatim).
    @Test func unescapedTextIsFoundWhereItStands() {
        let paragraph = "Tom &amp; Jerry \\*again\\*.\n\n"
        let source = Array(String(repeating: paragraph, count: 3).utf8)
        var locator = SourceLocator(source: source)
        for k in 0..<3 {
            let map = locator.locate(Array("Tom & Jerry *again*.".utf8))
            #expect(map?.first == k * paragraph.utf8.count && map?.last == k * paragraph.utf8.count + 26, "\(String(describing: map))")
        }
    }
}

/// The article's people, looked up once: the same answers as searching every mention.
@Suite("Name book lookups")
struct NameBookLookupTests {
    @Test func lookupsAnswerAsSearchingEveryMention() throws {
        var articles = try Repo.seedArticles()
        var o = ArchiveGenerator.Options()
        o.articles = 60; o.seed = 5
        articles += try ArchiveGenerator(options: o).generate().map { try ArticleParser().parse(Array($0.contents.utf8), path: $0.fileName) }
        var checked = 0
        for article in articles {
            let text = ArticleText(source: article.source, body: article.body, spans: QuoteScanner().scan(article.source, body: article.body))
            let names = NameBook(text: text)
            func canonical(_ n: String) -> String { names.fullName(for: n) ?? n }
            func gender(_ name: String) -> Gender {
                let g = ReportingLexicon.gender(ofFirstName: name.split(separator: " ").first.map { $0.lowercased() } ?? "")
                if g != .unknown { return g }
                return names.mentions.first { ($0.name == name || canonical($0.name) == name) && $0.gender != .unknown }?.gender ?? .unknown
            }
            for m in names.mentions { #expect(names.canonical(m.name) == canonical(m.name) && names.gender(of: canonical(m.name)) == gender(canonical(m.name))) }
            for i in stride(from: 0, through: text.count, by: 7) {
                let before = names.mentions.indices.filter { names.mentions[$0].tokens.upperBound < i && !names.mentions[$0].isOrganization }
                #expect(names.count(endingBefore: i) == names.mentions.filter { $0.tokens.upperBound < i }.count)
                for g in [Gender.female, .male, .plural, .unknown] {
                    let k = names.count(endingBefore: i)
                    #expect(names.lastPerson(among: k, gender: g, exactly: true) == before.last { gender(canonical(names.mentions[$0].name)) == g })
                    #expect(names.lastPerson(among: k, gender: g, exactly: false)
                            == before.last { gender(canonical(names.mentions[$0].name)).compatible(with: g) })
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }
}
