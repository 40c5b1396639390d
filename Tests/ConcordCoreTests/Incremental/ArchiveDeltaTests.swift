import Foundation
import Testing
@testable import ConcordCore

@Suite("Archive delta")
struct ArchiveDeltaTests {
    /// Each previous article's index now, merged by chunks that each start where a binary search
    /// puts them: as a table of the ids now finds it (-1 for an article gone, or not reused),
    /// whatever the chunk size, with articles added and removed on either side of chunk boundaries.
    /// Ids that begin others (`a4`, `a0040`, `café-33`, `café-333`), and ids with letters outside
    /// ASCII, which are compared as `String`s (the rest as bytes). (A reused article has the same
    /// path, so the same spelling of its id, before and now. Spelled in NFD now and NFC before,
    /// `String` itself does not order `café-33` and `café-333`: neither is below the other, nor equal.)
    @Test func previousArticlesAreFoundNowInChunks() throws {
        var rng = SplitMix64(seed: 13)
        let all = (0..<400).map { i -> String in
            i % 10 == 3 ? "caf\u{E9}-\(i)" : i % 10 == 7 ? "a\(i / 10)" : String(format: "a%04d", i)
        }.sorted()
        let before = all.filter { _ in rng.next() % 5 != 0 }
        let now = try all.filter { _ in rng.next() % 6 != 0 }.map {
            try ArticleParser().parse(Array("date 2020-01-01 Title\n\nBody.\n".utf8), path: $0 + ".txt")
        }
        let reused = now.map { rng.next() % 7 == 0 ? nil : ArticleRecordTests.record($0) }
        var index: [String: Int] = [:]
        for (j, a) in now.enumerated() where reused[j] != nil { index[a.id] = j }
        let expected = before.map { index[$0] ?? -1 }
        #expect(expected.contains(-1) && expected.contains { $0 >= 0 })
        for chunk in [1, 7, 64, 16384] {
            #expect(ArchiveDelta.positionsNow(of: PathList(before), in: now, reused: reused, chunk: chunk) == expected, "chunk \(chunk)")
        }
        #expect(ArchiveDelta.positionsNow(of: PathList(), in: now, reused: reused).isEmpty)
        #expect(ArchiveDelta.positionsNow(of: PathList(before), in: [], reused: [], chunk: 7) == before.map { _ in -1 })
    }

    /// An id compared with one given as bytes, as `String`s compare them: by bytes when both are
    /// ASCII (a prefix first), as `String`s otherwise (two spellings of the same letters equal).
    @Test func idsCompareAsStringsDo() {
        func order(_ a: String, _ b: String) -> Int { Array(b.utf8).withUnsafeBytes { ArchiveDelta.order(a, $0) } }
        let pairs = [("a", "b"), ("a", "a"), ("a", "ab"), ("ab", "a"), ("", "a"), ("", ""), ("Z", "a"), ("a-1", "a.1"),
                     ("caf\u{E9}", "cafe"), ("cafe", "caf\u{E9}"), ("caf\u{E9}", "caf\u{E9}"), ("\u{212A}", "K")]
        for (a, b) in pairs {
            #expect(order(a, b).signum() == (a < b ? -1 : a == b ? 0 : 1), "\(a) / \(b)")
        }
        #expect(order("cafe\u{301}", "caf\u{E9}") == 0 && order("caf\u{E9}", "cafe\u{301}") == 0)
        #expect(order("\u{212A}", "K") == 0 && order("K", "\u{212A}") == 0)
    }
}
