import Testing
@testable import ConcordCore

/// The lexicon's word tables answer as the standard Set and Dictionary would.
@Suite("Word table")
struct WordTableTests {
    /// Words of every length up to 12, some sharing prefixes, some differing in one letter.
    static let words: [String] = {
        var state: UInt64 = 3
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        var out = ["", "a", "an", "the", "then", "they", "the ", "mr", "mrs", "ms", "khloé", "zoë", "x-ray", "o'brien"]
        for _ in 0..<400 { out.append(String((0..<(1 + next() % 12)).map { _ in Character(Unicode.Scalar(UInt8(97 + next() % 6))) })) }
        return out
    }()

    @Test func setAnswersAsTheStandardSet() {
        let chosen = Self.words.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)
        let table = WordSet(words: chosen), standard = Set(chosen)
        // Every word, its neighbours by one letter, upper case, and non-ASCII spellings
        // Swift counts equal: "khloé" written as e and a combining accent.
        let probes = Self.words + Self.words.map { $0 + "s" } + Self.words.map { String($0.dropLast()) }
            + Self.words.map { $0.uppercased() } + ["khloe\u{301}", "zoe\u{308}", "khloe", "é", "\u{212A}"]
        for word in probes {
            let found = table.contains(word)
            #expect(found == standard.contains(word), "\(word.debugDescription)")
        }
        // "zoë" is in the set, "khloé" is not; each also written with a combining mark.
        let (zoe, khloe) = (table.contains("zoe\u{308}"), table.contains("khloe\u{301}"))
        #expect(zoe && !khloe)
    }

    @Test func tableGivesTheFirstValueOfAWord() {
        let table = WordTable([("he", 1), ("she", 2), ("he", 3), ("élan", 4), ("", 5)])
        let found = ["he", "she", "élan", "e\u{301}lan", "", "her", "s", "elan"].map { table[$0] }
        #expect(found == [1, 2, 4, 4, 5, nil, nil, nil])
        let literal: WordTable<Int> = ["one": 1, "two": 2]
        let two = literal["two"], three = literal["three"]
        #expect(two == 2 && three == nil)
    }
}
