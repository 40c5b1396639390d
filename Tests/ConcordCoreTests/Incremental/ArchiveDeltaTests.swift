import Testing
@testable import ConcordCore

@Suite("Archive delta")
struct ArchiveDeltaTests {
    /// Each previous article's index now, merged by chunks that each start where a binary search
    /// puts them: as a table of the ids now finds it (-1 for an article gone, or not reused),
    /// whatever the chunk size, with articles added and removed on either side of chunk boundaries.
    @Test func previousArticlesAreFoundNowInChunks() throws {
        var rng = SplitMix64(seed: 13)
        let all = (0..<400).map { String(format: "a%04d", $0) }
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
            #expect(ArchiveDelta.positionsNow(of: before, in: now, reused: reused, chunk: chunk) == expected, "chunk \(chunk)")
        }
        #expect(ArchiveDelta.positionsNow(of: [], in: now, reused: reused).isEmpty)
        #expect(ArchiveDelta.positionsNow(of: before, in: [], reused: [], chunk: 7) == before.map { _ in -1 })
    }
}
