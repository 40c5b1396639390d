import Testing
@testable import ConcordCore

/// The seeds carry one statement in three versions, interleaved with each
/// article's own narrative (CONTRACT.md, "A witness is one article's copy").
@Suite("Seed passages")
struct SeedPassageTests {
    static let a = "000_0f71f093a850930d", b = "001_ea6d62d9a66d076f", c = "002_b5dc226a9299c504"

    /// A distinctive run of each sentence of the statement, and the articles carrying it.
    static let statement: [(String, [String])] = [
        ("As many of you know, Kanye has", [a, b, c]),
        ("Anyone who has this or has a loved one in their life", [a, b, c]),
        ("never spoken publicly about how this has affected us at home", [a, b, c]),
        ("But today, I feel like I should comment on it", [a, b, c]),
        ("Those that understand mental illness or even compulsive", [a, b, c]),
        ("People who are unaware or far removed from this experience", [a, b, c]),
        ("I understand Kanye is subject to criticism because he is a public figure", [b, c]),
        ("times can cause strong opinions and emotions", [b, c]),
        ("He is a brilliant but complicated person who on top of the pressures", [b, c]),
        ("Those who are close with Kanye know his heart", [b, c]),
        ("Living with bi-polar disorder does not diminish", [b, c]),
        ("That is part of his genius", [b, c]),
        ("We as a society talk about giving grace", [a, b, c]),
        ("I kindly ask that the media and public give us the compassion", [a, b, c]),
        ("Thank you for those who have expressed concern", [a, c]),
    ]

    /// Each article's own words, which no witness may include.
    static let narrative: [(String, String)] = [
        (a, "Kim Kardashian took to Instagram on Wednesday"), (a, "In case you missed it"), (a, "She added:"),
        (a, "Kim described Kanye as a"), (a, "she said."), (a, "The couple were working together"),
        (a, "Kim did not comment on any split rumours"), (a, "She wrote on her Instagram Stories on Wednesday:"),
        (b, "Kim Kardashian has broken her silence"), (b, "Kim made no mention of divorce"),
        (b, "A source tells Entertainment Tonight"), (b, "the source says."),
        (c, "Breaking his silence."), (c, "Kim wrote on her Instagram Story."), (c, "She continued,"),
        (c, "In his Twitter rant on Monday"), (c, "In her Instagram Story, Kim claimed"), (c, "she wrote."),
        (c, "She ended her response"), (c, "statement came after Us Weekly"),
    ]

    static func passages() throws -> ([Article], [Passage]) {
        let articles = try Repo.seedArticles()
        let tokenizer = WordTokenizer()
        let passages = PassageFinder().find(in: articles, texts: articles.map { tokenizer.tokenize($0.source, in: $0.body) })
        return (articles, passages)
    }

    static func ranges(of needle: String, in article: Article) -> [Range<Int>] {
        let n = Array(needle.utf8), hay = article.source
        guard n.count <= hay.count else { return [] }
        return (0...(hay.count - n.count)).filter { hay[$0..<($0 + n.count)].elementsEqual(n) }.map { $0..<($0 + n.count) }
    }

    @Test func everyStatementSentenceIsLinkedAcrossItsArticles() throws {
        let (articles, passages) = try Self.passages()
        let byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.id, $0) })
        for (sentence, carriers) in Self.statement {
            // The passages holding the sentence in each carrying article.
            let holding = carriers.map { id -> Set<String> in
                let r = Self.ranges(of: sentence, in: byID[id]!)
                #expect(r.count == 1, "\(sentence) in \(id)")
                guard let range = r.first else { return [] }
                return Set(passages.filter { p in p.witnesses.contains { $0.article == id && $0.range.clamped(to: range) == range } }.map(\.id))
            }
            for (id, set) in zip(carriers, holding) { #expect(!set.isEmpty, "“\(sentence)” is in no witness of \(id)") }
            let common = holding.dropFirst().reduce(holding[0]) { $0.intersection($1) }
            #expect(!common.isEmpty, "“\(sentence)” is not linked across \(carriers)")
        }
    }

    @Test func narrativeLiesOutsideEveryWitness() throws {
        let (articles, passages) = try Self.passages()
        let byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.id, $0) })
        let witnesses = passages.flatMap(\.witnesses)
        for (id, words) in Self.narrative {
            let found = Self.ranges(of: words, in: byID[id]!)
            #expect(!found.isEmpty, "\(words) not in \(id)")
            for r in found {
                #expect(!witnesses.contains { $0.article == id && $0.range.overlaps(r) }, "narrative “\(words)” of \(id) is inside a witness")
            }
        }
    }

    @Test func oneStatementIsOnePassageWithStableID() throws {
        let (_, first) = try Self.passages()
        let (_, second) = try Self.passages()
        #expect(first.map(\.id) == second.map(\.id))
        #expect(first == second)
        #expect(first.count == 1)
        #expect(first.first?.articleIDs == [Self.b, Self.c, Self.a])   // earliest first: 22 July (by id), then 26 July
    }
}
