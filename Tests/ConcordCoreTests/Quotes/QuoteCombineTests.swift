import Testing
@testable import ConcordCore

/// `QuoteFinder.combine`: names with and without a middle initial become one speaker by the
/// quotes of the whole archive, whichever chunk of articles (4,096 each, on every core) counted them.
@Suite("Quote combining")
struct QuoteCombineTests {
    func quote(_ article: Int, _ k: Int, _ name: String) -> Quote {
        Quote(id: "q\(article)-\(k)", article: "a\(article)", start: 10 * k, end: 10 * k + 5,
              speaker: SpeakerMention(name: name, kind: .person, mention: 0..<1))
    }

    /// 5,000 articles, two chunks: "Donald J. Trump" twice in the first and once in the second,
    /// "Donald Trump" twice in the second. Counted over both, the form with the initial has
    /// more quotes (3 to 2) and takes them all; counted in one chunk alone, it would not.
    @Test func theInitialsCountAcrossChunks() {
        var perArticle = [([Quote], FullNames)](repeating: ([], FullNames([])), count: 5000)
        perArticle[10] = ([quote(10, 0, "Donald J. Trump"), quote(10, 1, "Donald J. Trump")], FullNames(["Donald J. Trump"]))
        perArticle[4500] = ([quote(4500, 0, "Donald Trump"), quote(4500, 1, "Donald J. Trump"), quote(4500, 2, "Donald Trump")],
                            FullNames(["Donald Trump", "Donald J. Trump"]))
        let quotes = QuoteFinder().combine(perArticle)
        #expect(quotes.map { $0.speaker?.name } == Array(repeating: "Donald J. Trump", count: 5))
    }

    /// A short name left over takes a full name with an initial ("Trump" → "Donald J. Trump",
    /// the first of two full names each given once): the initials are counted after that, so
    /// the two forms tie (2 to 2) and the one without takes them all.
    @Test func fullNamesGivenAreCountedForTheInitials() {
        var perArticle = [([Quote], FullNames)](repeating: ([], FullNames([])), count: 3)
        perArticle[0] = ([quote(0, 0, "Trump"), quote(0, 1, "Trump")], FullNames(["Donald J. Trump"]))
        perArticle[2] = ([quote(2, 0, "Donald Trump"), quote(2, 1, "Donald Trump")], FullNames(["Donald Trump"]))
        let quotes = QuoteFinder().combine(perArticle)
        #expect(quotes.map { $0.speaker?.name } == Array(repeating: "Donald Trump", count: 4))
    }
}
