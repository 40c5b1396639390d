import Testing
@testable import ConcordCore

/// The splitter keeps foreign words as flags over each copy's span; it must find exactly
/// the foreign words the first version, which kept them in sets, found, and so cut where it cut.
@Suite("Interleave splitter")
struct InterleaveSplitterTests {
    /// The first version's foreign words, kept as the oracle.
    static func split(_ steps: [WordAligner.Step], _ a: TokenizedText, _ b: TokenizedText,
                      excludedA: Set<Int>, excludedB: Set<Int>) -> [ArraySlice<WordAligner.Step>] {
        guard let first = steps.first?.pair, let last = steps.last?.pair else { return [] }
        var matchedA = Set<Int>(), matchedB = Set<Int>()
        for s in steps where InterleaveSplitter.isAnchor(s) { if let p = s.pair { matchedA.insert(p.0); matchedB.insert(p.1) } }
        let foreignA = foreign(a, first.0...last.0, matched: matchedA).union(excludedA)
        let foreignB = foreign(b, first.1...last.1, matched: matchedB).union(excludedB)
        guard !foreignA.isEmpty || !foreignB.isEmpty else { return [steps[...]] }
        // Cutting at foreign steps is shared; what changed is how foreign words are found.
        return InterleaveSplitter.pieces(of: steps, foreignA: { foreignA.contains($0) }, foreignB: { foreignB.contains($0) })
    }

    static func foreign(_ text: TokenizedText, _ range: ClosedRange<Int>, matched: Set<Int>) -> Set<Int> {
        var foreign = Set<Int>()
        var clauseStart = range.lowerBound
        for i in range {
            let endsClause = i == range.upperBound || !text.separator(after: i).isDisjoint(with: .anyBreak)
            guard endsClause else { continue }
            let clause = clauseStart...i
            let hits = clause.reduce(0) { $0 + (matched.contains($1) ? 1 : 0) }
            if clause.count >= 2, hits * 2 <= clause.count { foreign.formUnion(clause) }
            clauseStart = i + 1
        }
        return foreign
    }

    @Test func cutsWhereTheSetVersionCut() throws {
        let tokenizer = WordTokenizer()
        let texts = try generatedArticles(20, seed: 9).map { tokenizer.tokenize($0.source, in: $0.body) }
        var state: UInt64 = 5
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n }
        var cases = 0, cut = 0
        for k in 0..<600 {
            let a = texts[k % texts.count], b = texts[(k * 7 + 3) % texts.count]
            // A monotone alignment from a pair to a pair, with every kind of step.
            var i = next(max(1, a.count / 2)), j = next(max(1, b.count / 2))
            var steps: [WordAligner.Step] = [.match(i, j)]
            while i + 1 < a.count, j + 1 < b.count, steps.count < 20 + next(120) {
                switch next(10) {
                case 0, 1, 2, 3: i += 1; j += 1; steps.append(.match(i, j))
                case 4: i += 1; j += 1; steps.append(.near(i, j))
                case 5: i += 1; j += 1; steps.append(.substitute(i, j))
                case 6, 7: i += 1; steps.append(.onlyA(i))
                default: j += 1; steps.append(.onlyB(j))
                }
            }
            if next(3) == 0 { i += 1; j += 1; if i < a.count && j < b.count { steps.append(.substitute(i, j)) } }
            guard steps.last?.pair != nil else { continue }
            // Excluded words: none, inside the span, or only outside it.
            let excluded: [Set<Int>] = [[], Set((0..<next(12)).map { _ in next(a.count) }), [a.count + 5]]
            for exA in excluded {
                let exB: Set<Int> = next(2) == 0 ? [] : Set((0..<next(6)).map { _ in next(b.count) })
                let got = InterleaveSplitter.split(steps, a, b, excludedA: exA, excludedB: exB)
                let expected = Self.split(steps, a, b, excludedA: exA, excludedB: exB)
                let same = got.map { $0.startIndex..<$0.endIndex } == expected.map { $0.startIndex..<$0.endIndex }
                #expect(same, "case \(k)")
                cases += 1
                if expected.count != 1 || expected.first?.count != steps.count { cut += 1 }
            }
        }
        #expect(cases > 1200 && cut > 500 && cases - cut > 100, "\(cases) cases, \(cut) cut")
    }
}
