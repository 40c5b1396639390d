import Foundation
import Testing
@testable import ConcordCore

@Suite("Data left for the exit")
struct LeftForExitTests {
    /// A build whose process exits after it (`exitsAfterBuild`) holds its data rather than
    /// freeing them, the articles among them, and builds the same site; the tests' builds,
    /// which do not set it, hold nothing (no test but this one sets it).
    @Test func aBuildBeforeExitHoldsItsDataAndBuildsTheSameSite() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        var options = archive.options()
        options.exitsAfterBuild = true
        let before = LeftForExit.count
        _ = try await SiteBuilder(options: options).build()
        #expect(LeftForExit.count == before + 1)
        try archive.write("003-extra.txt", "date 2020-03-02\n\nKim wrote: “I understand that.”\n")
        _ = try await SiteBuilder(options: options).build()
        #expect(LeftForExit.count == before + 2)
        let held = try #require(LeftForExit.last?.first as? ArchiveDelta)
        #expect(held.articles.count == 4)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
        // Without it, nothing is held.
        _ = try await archive.build()
        #expect(LeftForExit.count == before + 2)
    }
}
