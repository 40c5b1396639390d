import Foundation
import Testing
@testable import ConcordCore

/// `concord --version` names the build cache's format, which says whether an upgrade rebuilds in full.
@Test func theVersionNamesTheCacheFormat() {
    #expect(ConcordVersion.description == "\(ConcordVersion.number) (build cache format \(BuildCache.format))")
    #expect(ConcordVersion.number.split(separator: ".").count == 3)
}

/// The line a build ends with: counts of one are singular.
@Suite("Build report")
struct BuildReportTests {
    func report(_ n: Int, incremental: Bool = true) -> BuildReport {
        BuildReport(articles: n, pages: n, files: n, passages: n, quotes: n, diagnostics: [], timings: [], seconds: 0.5,
                    output: URL(fileURLWithPath: "/site"), incremental: incremental, rendered: n, written: n)
    }

    @Test func countsOfOneAreSingular() {
        #expect(report(1).summary == "Built 1 article → 1 page, 1 shared passage, 1 quote in 0.50 s (incremental: 1 page rendered, 1 file written) (/site)")
        #expect(report(2).summary == "Built 2 articles → 2 pages, 2 shared passages, 2 quotes in 0.50 s (incremental: 2 pages rendered, 2 files written) (/site)")
        #expect(report(0, incremental: false).summary == "Built 0 articles → 0 pages, 0 shared passages, 0 quotes in 0.50 s (/site)")
    }
}
