import Foundation
import Testing
@testable import ConcordCore

@Suite("Bytewise sort")
struct BytewiseSortTests {
    /// ASCII paths (subfolders, capitals, digits, one a prefix of another, repeats) come out as
    /// `String` sorts them, sorted in two halves and merged or in one go; a list with one path
    /// that is not ASCII is left to `String`.
    @Test func asciiPathsSortAsStringsDo() {
        var rng = SplitMix64(seed: 21)
        let alphabet = Array("abAB09-_./ z~".utf8)
        for count in [0, 1, 2, 7, 2047, 2048, 5000] {
            var paths: [String] = []
            for _ in 0..<count {
                let length = rng.next(12)
                var path = String(decoding: (0..<length).map { _ in alphabet[rng.next(alphabet.count)] }, as: UTF8.self)
                if !paths.isEmpty && rng.next(5) == 0 { path = paths[rng.next(paths.count)] + (rng.next(2) == 0 ? "" : "x") }
                paths.append(path)
            }
            // Reversed too: each half's last path is then the other's, so either half runs out first.
            for (given, halves) in [(paths, true), (paths.reversed(), true), (paths, false)] {
                #expect(BytewiseSort.sortedIfASCII(given, halves: halves) == paths.sorted(), "\(count) paths, halves \(halves)")
            }
            #expect(ArchiveLoader.sorted(paths) == paths.sorted())
        }
        // Paths longer than Swift keeps inline, the way `ArchiveLoader.sorted` sorts them by bytes.
        var long = (0..<3000).map { "2019-07-\(10 + $0 % 20)-the-mayor-said-\($0 * 7919 % 3001).md" }
        long += ["2019-07-10-the-mayor", "2019-07-10-the-mayor-said", "2019-07-10-the-mayor-said-1.md"]
        #expect(ArchiveLoader.sorted(long.reversed()) == long.sorted())
        #expect(BytewiseSort.sortedIfASCII(["b.md", "caf\u{E9}.md", "a.md"]) == nil)
        #expect(BytewiseSort.sortedIfASCII(["b.md", "a.md"]) == ["a.md", "b.md"])
    }
}
