import Foundation
import Testing
@testable import ConcordCore

/// The archive's names across incremental builds: a short name an unchanged article leaves
/// over takes the full name another article spells out, as a full build gives it.
extension IncrementalBuildTests {
    @Test func aShortNameTakesTheFullNameAnAddedArticleSpellsOut() async throws {
        let (archive, _) = try await builtQuoteDenseArchive(); defer { archive.cleanup() }
        try archive.write("2021-03-01-ng.md", "---\ntitle: Ng on the budget\ndate: 2021-03-01\n---\n\n\"We will see what the budget says next week,\" Ng said on Monday.\n")
        _ = try await buildAndCompare(archive, "a short name")
        func names() throws -> String { try String(contentsOf: archive.output.appendingPathComponent("annotations.json"), encoding: .utf8) }
        #expect(try names().contains("\"name\" : \"Ng\""), "a quote of Ng's, by that name alone")
        try archive.write("2021-03-02-zoe-ng.md", "---\ntitle: The treasurer speaks\ndate: 2021-03-02\n---\n\nZoë Ng, the council's treasurer, spoke on Tuesday. \"It is a fair plan for the town,\" Zoë Ng said.\n")
        #expect(try await buildAndCompare(archive, "its full name spelled out").incremental)
        #expect(try names().contains("\"name\" : \"Zoë Ng\"") && !(try names().contains("\"name\" : \"Ng\"")), "the short name renamed")
        // And back when that article goes.
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("2021-03-02-zoe-ng.md"))
        #expect(try await buildAndCompare(archive, "the full name gone").incremental)
        #expect(try names().contains("\"name\" : \"Ng\""))
    }
}
