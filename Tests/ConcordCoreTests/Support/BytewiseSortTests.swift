import Foundation
import Testing
@testable import ConcordCore

@Suite("Bytewise sort")
struct BytewiseSortTests {
    /// The order of `paths` by their bytes, as the listing's block (`PathList`) is sorted.
    func order(_ paths: [String], halves: Bool) -> [String] {
        PathList(paths).withBlock { base, starts in BytewiseSort.order(base, starts: starts, halves: halves) }.map { paths[$0] }
    }

    /// ASCII paths (subfolders, capitals, digits, one a prefix of another, repeats) come out as
    /// `String` sorts them, sorted in two halves and merged or in one go.
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
                #expect(order(given, halves: halves) == paths.sorted(), "\(count) paths, halves \(halves)")
            }
            #expect(ArchiveLoader.sorted(paths) == paths.sorted())
        }
        // Paths longer than the 16 bytes read as two numbers, sharing them, prefixes of one another.
        var long = (0..<3000).map { "2019-07-\(10 + $0 % 20)-the-mayor-said-\($0 * 7919 % 3001).md" }
        long += ["2019-07-10-the-mayor", "2019-07-10-the-mayor-said", "2019-07-10-the-mayor-said-1.md"]
        #expect(order(long.reversed(), halves: true) == long.sorted())
        #expect(Array(PathList(long.reversed()).sorted()) == long.sorted())
        #expect(ArchiveLoader.sorted(long.reversed()) == long.sorted())
    }
}
