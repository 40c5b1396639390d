/// Cuts an alignment where one copy carries a clause of its own.
///
/// CONTRACT.md: a witness never includes sentences the other copies lack.
/// Text is cut into clauses at breaks (paragraph, sentence end, clause
/// punctuation, quotation mark). A clause of two or more words of which at
/// most half is matched in the other copy is foreign to the passage —
/// "She continued," or "Kim wrote on her Instagram Story." inside a
/// statement, or "she said" where the other copy has "she wrote" — and the
/// alignment is cut around it. Unmatched words inside a mostly matched clause
/// (a dropped adjective, a respelled or replaced word) are variants and stay.
enum InterleaveSplitter {
    /// Pieces of `steps` that hold no foreign clause, each starting and ending on a matched pair.
    /// Words in `excludedA`/`excludedB` (boilerplate) are cut out like foreign clauses.
    static func split(_ steps: [WordAligner.Step], _ a: TokenizedText, _ b: TokenizedText,
                      excludedA: Set<Int> = [], excludedB: Set<Int> = []) -> [ArraySlice<WordAligner.Step>] {
        guard let first = steps.first?.pair, let last = steps.last?.pair else { return [] }
        // Matched and foreign words as flags by position in each copy's span (a Set hashed
        // every position, at a cost above the rest of the split).
        var matchedA = [Bool](repeating: false, count: last.0 - first.0 + 1)
        var matchedB = [Bool](repeating: false, count: last.1 - first.1 + 1)
        for s in steps where isAnchor(s) { if let p = s.pair { matchedA[p.0 - first.0] = true; matchedB[p.1 - first.1] = true } }
        let foreignA = Marks(foreignTokens(a, first.0...last.0, matched: matchedA), from: first.0, excluded: excludedA)
        let foreignB = Marks(foreignTokens(b, first.1...last.1, matched: matchedB), from: first.1, excluded: excludedB)
        guard !foreignA.isEmpty || !foreignB.isEmpty else { return [steps[...]] }
        return pieces(of: steps, foreignA: { foreignA.contains($0) }, foreignB: { foreignB.contains($0) })
    }

    /// The stretches of `steps` between foreign steps (a step is foreign when a word it
    /// holds is), each trimmed to start and end on a matched pair.
    static func pieces(of steps: [WordAligner.Step], foreignA: (Int) -> Bool,
                       foreignB: (Int) -> Bool) -> [ArraySlice<WordAligner.Step>] {
        func isForeign(_ s: WordAligner.Step) -> Bool {
            let (i, j) = s.words
            return (i.map(foreignA) ?? false) || (j.map(foreignB) ?? false)
        }
        var pieces: [ArraySlice<WordAligner.Step>] = []
        var k = 0
        while k < steps.count {
            while k < steps.count, isForeign(steps[k]) { k += 1 }
            var end = k
            while end < steps.count, !isForeign(steps[end]) { end += 1 }
            var lo = k, hi = end
            while lo < hi, !isAnchor(steps[lo]) { lo += 1 }
            while hi > lo, !isAnchor(steps[hi - 1]) { hi -= 1 }
            if lo < hi { pieces.append(steps[lo..<hi]) }
            k = end
        }
        return pieces
    }

    static func isAnchor(_ s: WordAligner.Step) -> Bool {
        switch s { case .match, .near: return true; default: return false }
    }

    /// Tokens of clauses (within `range`) of two or more words at most half matched, as flags
    /// by position in `range`; `matched` is indexed the same way.
    static func foreignTokens(_ text: TokenizedText, _ range: ClosedRange<Int>, matched: [Bool]) -> [Bool] {
        var foreign = [Bool](repeating: false, count: range.count)
        var clauseStart = range.lowerBound
        for i in range {
            let endsClause = i == range.upperBound || !text.separator(after: i).isDisjoint(with: .anyBreak)
            guard endsClause else { continue }
            let clause = clauseStart...i
            let hits = clause.reduce(0) { $0 + (matched[$1 - range.lowerBound] ? 1 : 0) }
            if clause.count >= 2, hits * 2 <= clause.count { for k in clause { foreign[k - range.lowerBound] = true } }
            clauseStart = i + 1
        }
        return foreign
    }

    /// Foreign words of one copy: flags over its span, and the excluded positions (which may lie outside it).
    private struct Marks {
        let flags: [Bool]
        let start: Int
        let excluded: Set<Int>
        let isEmpty: Bool

        init(_ flags: [Bool], from start: Int, excluded: Set<Int>) {
            self.flags = flags; self.start = start; self.excluded = excluded
            isEmpty = excluded.isEmpty && !flags.contains(true)
        }

        @inline(__always) func contains(_ i: Int) -> Bool {
            let k = i - start
            return (k >= 0 && k < flags.count && flags[k]) || (!excluded.isEmpty && excluded.contains(i))
        }
    }
}
