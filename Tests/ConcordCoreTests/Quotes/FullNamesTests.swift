import Testing
@testable import ConcordCore

/// An article's full names, kept as one string in the build cache, must come back as they went in.
@Suite("Full names")
struct FullNamesTests {
    @Test func namesComeBackInOrder() {
        let names = ["Kim Kardashian", "Kanye West", "North West", "Kris Jenner"]
        let kept = FullNames(names)
        #expect(kept.names.map(String.init) == names)
        #expect(FullNames(joined: kept.joined) == kept)
        #expect(FullNames(joined: kept.joined).names.map(String.init) == names)
    }

    @Test func noNamesAndOneName() {
        #expect(FullNames([]).names.isEmpty)
        #expect(FullNames(joined: "").names.isEmpty)
        #expect(FullNames(["Ye West"]).names == ["Ye West"])
    }

    @Test func aShortNameTakesTheFullNameMostArticlesUse() {
        // Three articles spell out full names; a fourth quotes "West" alone.
        func article(_ names: [String], quote speaker: String? = nil) -> ([Quote], FullNames) {
            let quotes = speaker.map { [Quote(id: "q1", article: "d", start: 0, end: 5,
                                              speaker: SpeakerMention(name: $0, kind: .person, mention: 0..<4), cue: nil)] } ?? []
            return (quotes, FullNames(names))
        }
        let quotes = QuoteFinder().combine([
            article(["Kanye West", "Kim Kardashian"]), article(["Kanye West"]), article(["North West"]),
            article([], quote: "West"),
        ])
        #expect(quotes.map { $0.speaker?.name } == ["Kanye West"])
    }
}
