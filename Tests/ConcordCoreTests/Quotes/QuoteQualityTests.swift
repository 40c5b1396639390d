import Testing
@testable import ConcordCore

@Suite("Quote quality")
struct QuoteQualityTests {
    /// Scores a labelled set, prints the score and every miss, and checks the targets of issue 3.
    func check(_ name: String, _ cases: [QuoteCase]) throws {
        let score = try QuoteScore.score(cases)
        print("\(name) (\(cases.count) cases): \(score)")
        for m in score.misses { print("  \(m)") }
        #expect(score.exactF1 >= 0.97, "\(score)")
        #expect(score.overlapF1 >= 0.97, "\(score)")
        #expect(score.speakerAccuracy >= 0.90, "\(score)")
    }

    @Test func labelledCorpusMeetsTargets() throws { try check("Quote corpus", QuoteCorpus.cases) }

    @Test func heldOutCorpusMeetsTargets() throws { try check("Held-out quote corpus", QuoteHeldOut.cases) }
}
