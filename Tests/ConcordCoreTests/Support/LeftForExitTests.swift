import Foundation
import Testing
@testable import ConcordCore

@Suite("Data left for the exit")
struct LeftForExitTests {
    /// A build whose process exits after it (`exitsAfterBuild`) hands its report over, releases
    /// the output's lock (the next build runs), and leaves its thread waiting for the exit
    /// rather than freeing its data; it builds the same site. The tests' builds, which do not
    /// set it, return (no test but this one sets it).
    @Test func aBuildBeforeExitLeavesItsThreadWaitingAndBuildsTheSameSite() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        var options = archive.options()
        options.exitsAfterBuild = true
        /// The number of threads waiting, once it reaches `count` (the report is handed over
        /// just before the thread parks), or as it is after a second.
        func parked(_ count: Int) async throws -> Int {
            for _ in 0..<200 where LeftForExit.count < count { try await Task.sleep(for: .milliseconds(5)) }
            return LeftForExit.count
        }
        let before = LeftForExit.count
        _ = try await SiteBuilder(options: options).build()
        #expect(try await parked(before + 1) == before + 1)
        try archive.write("003-extra.txt", "date 2020-03-02\n\nKim wrote: “I understand that.”\n")
        _ = try await SiteBuilder(options: options).build()
        #expect(try await parked(before + 2) == before + 2)
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
        // Without it, the build's thread returns.
        _ = try await archive.build()
        #expect(try await parked(before + 3) == before + 2)
    }
}
