import Testing
@testable import ConcordCore

@Suite("Quote quality")
struct QuoteQualityTests {
    @Test func labelledCorpusMeetsTargets() throws {
        let score = try QuoteScore.score(QuoteCorpus.cases)
        print("Quote corpus (\(QuoteCorpus.cases.count) cases): \(score)")
        for m in score.misses { print("  \(m)") }
        #expect(score.exactF1 >= 0.97, "\(score)")
        #expect(score.overlapF1 >= 0.97, "\(score)")
        #expect(score.speakerAccuracy >= 0.90, "\(score)")
    }
}

extension QuoteQualityTests {
    @Test func heldOutCorpusMeetsTargets() throws {
        let score = try QuoteScore.score(QuoteHeldOut.cases)
        print("Held-out quote corpus (\(QuoteHeldOut.cases.count) cases): \(score)")
        for m in score.misses { print("  \(m)") }
        #expect(score.overlapF1 >= 0.97, "\(score)")
        #expect(score.speakerAccuracy >= 0.90, "\(score)")
    }
}
