import Foundation
import Testing
@testable import ConcordCore

@Suite("Passage quality")
struct PassageQualityTests {
    /// Generates an archive, finds its passages, and scores them against the truth.
    static func run(articles: Int, seed: UInt64, boilerplate: Double = 0, limit: Int = 100) throws -> (PassageScore, [Passage]) {
        var options = ArchiveGenerator.Options()
        options.articles = articles
        options.seed = seed
        options.boilerplateShare = boilerplate
        let generated = ArchiveGenerator(options: options).generate()
        let parser = ArticleParser()
        let parsed = try generated.map { try parser.parse(Array($0.contents.utf8), path: $0.fileName) }
        let tokenizer = WordTokenizer()
        var finderOptions = PassageFinder.Options()
        finderOptions.boilerplateArticles = limit
        let passages = PassageFinder(options: finderOptions).find(
            in: parsed, texts: parsed.map { tokenizer.tokenize($0.source, in: $0.body) })
        let truth = Dictionary(uniqueKeysWithValues: generated.map { (ArticleParser.id(forPath: $0.fileName), $0.copies) })
        return (PassageScore.score(truth: truth, passages: passages), passages)
    }

    @Test func generatedArchiveMeetsTargets() throws {
        let (score, _) = try Self.run(articles: 240, seed: 7)
        print("Passages, 240 generated articles: \(score)")
        #expect(score.precision >= 0.97, "\(score)")
        #expect(score.recall >= 0.97, "\(score)")
        #expect(score.granularity <= 1.05, "\(score)")
        #expect(score.pairRecall >= 0.95, "\(score)")
        #expect(score.truePairs > 100)
    }

    @Test func boilerplateIsNotAPassage() throws {
        var options = ArchiveGenerator.Options()
        options.articles = 200
        options.seed = 11
        options.boilerplateShare = 0.5        // about 100 articles end with the same footer
        let generated = ArchiveGenerator(options: options).generate()
        let parsed = try generated.map { try ArticleParser().parse(Array($0.contents.utf8), path: $0.fileName) }
        var finder = PassageFinder.Options()
        finder.boilerplateArticles = 40
        let passages = PassageFinder(options: finder).find(
            in: parsed, texts: parsed.map { WordTokenizer().tokenize($0.source, in: $0.body) })
        let byID = Dictionary(uniqueKeysWithValues: parsed.map { ($0.id, $0) })
        let footerCarriers = parsed.filter { $0.bodyText.contains("Subscribe to our newsletter") }.count
        #expect(footerCarriers > 60)
        for p in passages { for w in p.witnesses {
            #expect(!byID[w.article]!.text(w.range).contains("Subscribe to our newsletter"))
        } }
        let truth = Dictionary(uniqueKeysWithValues: generated.map { (ArticleParser.id(forPath: $0.fileName), $0.copies) })
        let score = PassageScore.score(truth: truth, passages: passages)
        #expect(score.precision >= 0.97, "\(score)")
    }

    @Test func generationIsDeterministic() {
        var options = ArchiveGenerator.Options()
        options.articles = 30
        options.seed = 3
        let a = ArchiveGenerator(options: options).generate(), b = ArchiveGenerator(options: options).generate()
        #expect(a.map(\.contents) == b.map(\.contents))
        #expect(a.flatMap(\.copies) == b.flatMap(\.copies))
        // The truth points at whole copies: runs of words inside one paragraph, never front matter.
        #expect(a.contains { !$0.copies.isEmpty })
        for g in a { for c in g.copies {
            let bytes = Array(g.contents.utf8)
            let text = String(decoding: bytes[c.start..<c.end], as: UTF8.self)
            #expect(!text.contains("\n"), "\(text)")
            #expect(text.split(separator: " ").count >= 12, "\(text)")
            #expect(c.start > (String(decoding: bytes, as: UTF8.self).range(of: "\n---\n")!.upperBound.utf16Offset(in: g.contents)))
        } }
    }
}

@Suite("Passage edge cases")
struct PassageEdgeCaseTests {
    static let p1 = "The harbour authority confirmed on Monday that the northern pier will remain closed until engineers finish inspecting the storm damage to its foundations."
    static let p2 = "Fishing crews have been told to use the southern quay instead, although several captains complained that it is too shallow for the larger trawlers at low tide."

    func passages(_ bodies: [String: String]) throws -> ([Article], [Passage]) {
        let articles = try bodies.keys.sorted().map { id in
            try ArticleParser().parse(Array(("date 2021-03-0\(id.last!) " + bodies[id]!).utf8), path: id + ".txt")
        }
        let tokenizer = WordTokenizer()
        return (articles, PassageFinder().find(in: articles, texts: articles.map { tokenizer.tokenize($0.source, in: $0.body) }))
    }

    func covered(_ sentence: String, in article: Article, by passage: Passage) -> Bool {
        let needle = Array(sentence.prefix(40).utf8), hay = article.source
        guard let at = (0...(hay.count - needle.count)).first(where: { hay[$0..<($0 + needle.count)].elementsEqual(needle) }) else { return false }
        return passage.witnesses.contains { $0.article == article.id && $0.range.contains(at) }
    }

    @Test func reorderedParagraphsAreStillOnePassage() throws {
        let (articles, passages) = try passages([
            "a1": "\(Self.p1)\n\n\(Self.p2)",
            "b2": "\(Self.p2)\n\nThe mayor did not attend the meeting, citing a family matter that had kept her in the capital all week.\n\n\(Self.p1)",
        ])
        #expect(passages.count == 1)
        let p = try #require(passages.first)
        for a in articles { for s in [Self.p1, Self.p2] { #expect(covered(s, in: a, by: p), "\(a.id): \(s.prefix(30))") } }
        #expect(!covered("The mayor did not attend the meeting", in: articles[1], by: p))
    }

    @Test func unrelatedArticlesShareNothing() throws {
        let (_, passages) = try passages([
            "a1": Self.p1,
            "b2": "A completely different report about the school board, which voted to extend the term by two weeks after the winter closures.",
        ])
        #expect(passages.isEmpty)
    }

    /// A copy ends where its sentence does, not one word into the next paragraph: the alignment
    /// ran on from "said" to "said at the" / "said.\n\nThe", and b's witness ended in "The".
    @Test func aWitnessDoesNotRunIntoTheNextParagraphsFirstWord() throws {
        let quote = "“This plan will connect every neighborhood to downtown within thirty minutes, and it will do so without raising fares for riders who depend on the bus every single day,”"
        let (articles, passages) = try passages([
            "a1": "\(quote) Mayor Karen Bass said at the meeting.\n\nCritics said it was costly.",
            "b2": "\(quote) Mayor Karen Bass said.\n\nThe vote was twelve to three.",
        ])
        let p = try #require(passages.first)
        let texts = p.witnesses.map { w in String(decoding: articles.first { $0.id == w.article }!.source[w.range], as: UTF8.self) }
        #expect(texts.allSatisfy { $0.hasSuffix("Mayor Karen Bass said") || $0.hasSuffix("Mayor Karen Bass said.") }, "\(texts)")
    }

    /// A copy ends where its sentence does, not one word into the next sentence when both
    /// copies' next sentences open with the same word ("…the late player. The"), nor starts one
    /// word before its first sentence. A whole short sentence stays, and so does a full stop
    /// after an initial or an abbreviation ("U.S.").
    @Test func aWitnessHoldsNoFragmentOfTheNextSentence() throws {
        let shared = "The council voted on Tuesday to build a flood barrier along the river, ending a long fight between the businesses downtown and the residents of the East End"
        func texts(_ files: [String: String]) throws -> [String] {
            let (articles, passages) = try passages(files)
            let p = try #require(passages.first)
            return p.witnesses.map { w in String(decoding: articles.first { $0.id == w.article }!.source[w.range], as: UTF8.self) }
        }
        let fragment = try texts([
            "a1": "Rain fell all week, said Ann Smith. \(shared). The mayor spoke first at the meeting.",
            "b2": "Storms were coming, said Ann Smith. \(shared). The vote was seven to two.",
        ])
        #expect(fragment.allSatisfy { $0.hasPrefix("The council") && $0.hasSuffix("East End.") }, "\(fragment)")
        let whole = try texts([
            "a1": "Rain fell all week. \(shared). Thank you. The mayor spoke first at the meeting.",
            "b2": "Storms were coming, they said. \(shared). Thank you. Nobody else did.",
        ])
        #expect(whole.allSatisfy { $0.hasSuffix("Thank you.") }, "\(whole)")
        let initials = try texts([
            "a1": "Rain fell all week. \(shared), the U.S. officials said on Monday.",
            "b2": "Storms were coming, they said. \(shared), the U.S. officials claimed.",
        ])
        #expect(initials.allSatisfy { $0.hasSuffix("the U.S. officials") }, "\(initials)")
    }

    /// An alignment that ran on from a real passage into the next paragraph kept a coincidence
    /// there as a passage of its own ("said the plan was too"); a piece of its own paragraph,
    /// shorter than a passage, counts only when it is whole clauses in one copy (a quoted
    /// fragment, which the seeds' passage test keeps).
    @Test func aCoincidenceInTheNextParagraphIsNoPassage() throws {
        let quote = "“This plan will connect every neighborhood to downtown within thirty minutes, and it will do so without raising fares for riders who depend on the bus every single day,”"
        let (_, plain) = try passages([
            "a1": "\(quote) Mayor Karen Bass said at the meeting.\n\nCritics said the plan was too expensive.",
            "c3": "\(quote) the mayor said.\n\nOpponents said the plan was too costly for the city.",
        ])
        #expect(plain.count == 1)
        #expect(plain.allSatisfy { $0.witnesses.count == 2 })
        let (articles, quoted) = try passages([
            "a1": "\(quote) Mayor Karen Bass said at the meeting.\n\nCritics said “the plan was too expensive” today.",
            "c3": "\(quote) the mayor said.\n\nOpponents said the plan was too expensive and left the hall.",
        ])
        // Quoted in one copy: a passage of its own, beside the statement's.
        #expect(quoted.count == 2)
        #expect(quoted.contains { covered("the plan was too expensive", in: articles[0], by: $0) })
    }

    @Test func shortCommonPhrasesAreNotPassages() throws {
        let (_, passages) = try passages([
            "a1": "The minister said in a statement on Tuesday that the budget would be published soon.",
            "b2": "Police said in a statement on Tuesday that two men had been arrested near the station.",
        ])
        #expect(passages.isEmpty)
    }
}
