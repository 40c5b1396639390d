/// Aligns one candidate pair of articles into shared segments.
struct PairAligner: Sendable {
    let options: PassageFinder.Options
    let aligner = WordAligner()

    /// A shared stretch: token index ranges in each article.
    struct Segment: Sendable, Equatable {
        var a: ClosedRange<Int>
        var b: ClosedRange<Int>
    }

    /// Margin, in words, aligned beyond a chain's first and last shared run.
    static let margin = 12
    /// Shortest piece kept when a passage is cut around an interleaved clause.
    static let minPieceWords = 4

    /// - Parameters:
    ///   - excludedA, excludedB: word positions no segment may include (boilerplate).
    func align(_ a: TokenizedText, _ b: TokenizedText, anchors: [(Int32, Int32)],
               excludedA: Set<Int> = [], excludedB: Set<Int> = []) -> [Segment] {
        var segments: [Segment] = []
        for chain in chains(anchors) {
            alignRegion(a, b, chain, excludedA, excludedB, into: &segments)
        }
        return segments
    }

    /// Groups anchors that follow one another along a diagonal, with gaps of at most `maxGap` words.
    func chains(_ anchors: [(Int32, Int32)]) -> [[(Int32, Int32)]] {
        var open: [[(Int32, Int32)]] = []
        var done: [[(Int32, Int32)]] = []
        let gap = Int32(options.maxGap)
        for anchor in anchors {
            // Close chains that can no longer be extended.
            var k = 0
            while k < open.count {
                if anchor.0 - open[k].last!.0 > gap { done.append(open.remove(at: k)) } else { k += 1 }
            }
            var best = -1
            var bestDrift = Int32.max
            for (c, chain) in open.enumerated() {
                let last = chain.last!
                let da = anchor.0 - last.0, db = anchor.1 - last.1
                guard da >= 0, db >= 0, da <= gap, db <= gap, da + db > 0 else { continue }
                let drift = abs(da - db)
                if drift < bestDrift { bestDrift = drift; best = c }
            }
            if best >= 0 { open[best].append(anchor) } else { open.append([anchor]) }
        }
        done.append(contentsOf: open)
        let minRun = Int32(options.minWords / 2)
        return done.filter { chain in
            chain.last!.0 + Int32(options.shingle) - chain.first!.0 >= minRun
        }.sorted { ($0.first!.0, $0.first!.1) < ($1.first!.0, $1.first!.1) }
    }

    /// Aligns the region around `chain`; anchors left outside the alignment get their own try.
    private func alignRegion(_ a: TokenizedText, _ b: TokenizedText, _ chain: [(Int32, Int32)],
                             _ excludedA: Set<Int>, _ excludedB: Set<Int>, into segments: inout [Segment]) {
        guard let first = chain.first, let last = chain.last else { return }
        let n = options.shingle
        let ar = max(0, Int(first.0) - Self.margin)..<min(a.count, Int(last.0) + n + Self.margin)
        let br = max(0, Int(first.1) - Self.margin)..<min(b.count, Int(chain.map(\.1).max()!) + n + Self.margin)
        // The band: the diagonals the chain's shared runs lie on, widened by the margin.
        let diagonals = chain.map { (Int($0.1) - br.lowerBound) - (Int($0.0) - ar.lowerBound) }
        let band = (diagonals.min()! - Self.margin)...(diagonals.max()! + Self.margin)
        let steps = aligner.local(a, ar, b, br, band: band)
        guard let lo = steps.first?.pair, let hi = steps.last?.pair else { return }
        let pieces = InterleaveSplitter.split(steps, a, b, excludedA: excludedA, excludedB: excludedB)
        if pieces.reduce(0, { $0 + pairs(in: $1) }) >= options.minWords {
            let kept = pieces.map { Self.trimmedAtParagraphs($0, a, b) }.filter { pairs(in: $0) >= Self.minPieceWords }
            for (k, piece) in kept.enumerated() {
                if pairs(in: piece) < options.minWords, kept.count > 1,
                   Self.standsApart(piece, from: kept[k > 0 ? k - 1 : k + 1], a, b),
                   k == 0 || k + 1 == kept.count || Self.standsApart(piece, from: kept[k + 1], a, b),
                   !Self.isWholeClauses(piece, a, b) { continue }
                if let seg = segment(piece) { segments.append(seg) }
            }
        }
        // Shared runs the alignment did not reach (before or after it) are aligned on their own.
        let before = chain.filter { Int($0.0) + n <= lo.0 && Int($0.1) + n <= lo.1 }
        let after = chain.filter { Int($0.0) > hi.0 && Int($0.1) > hi.1 }
        if before.count < chain.count, !before.isEmpty { alignRegion(a, b, before, excludedA, excludedB, into: &segments) }
        if after.count < chain.count, !after.isEmpty { alignRegion(a, b, after, excludedA, excludedB, into: &segments) }
    }

    /// `piece` without words at either end that lie past a paragraph break in either copy and
    /// hold fewer than `minPieceWords` matched pairs: an alignment that ran on into the next
    /// paragraph's first word ("…Mayor Karen Bass said.\n\nThe vote was 12-3" against "…said
    /// at the meeting") gave a witness ending in "The".
    static func trimmedAtParagraphs(_ piece: ArraySlice<WordAligner.Step>, _ a: TokenizedText, _ b: TokenizedText) -> ArraySlice<WordAligner.Step> {
        /// Whether a paragraph break in either copy comes before step `k` (after the piece's first word there).
        func breakBefore(_ k: Int, first: (Int?, Int?)) -> Bool {
            let (i, j) = piece[k].words
            return (i.map { $0 != first.0 && a.tokens[$0].before.contains(.paragraph) } ?? false)
                || (j.map { $0 != first.1 && b.tokens[$0].before.contains(.paragraph) } ?? false)
        }
        var lo = piece.startIndex, hi = piece.endIndex
        let firstWords = (piece.lazy.compactMap(\.words.a).first, piece.lazy.compactMap(\.words.b).first)
        // The tail: from the last break on.
        if let k = (lo..<hi).last(where: { breakBefore($0, first: firstWords) }),
           piece[k..<hi].lazy.filter(InterleaveSplitter.isAnchor).count < Self.minPieceWords { hi = k }
        // The head: up to the first break.
        if let k = (lo..<hi).first(where: { breakBefore($0, first: firstWords) }),
           piece[lo..<k].lazy.filter(InterleaveSplitter.isAnchor).count < Self.minPieceWords { lo = k }
        while lo < hi, !InterleaveSplitter.isAnchor(piece[lo]) { lo += 1 }
        while hi > lo, !InterleaveSplitter.isAnchor(piece[hi - 1]) { hi -= 1 }
        return trimmedFragments(piece[lo..<hi], a, b)
    }

    /// `piece` without a fragment of a sentence at either end: words past the last sentence's
    /// end in either copy (or before the first sentence's start) that hold fewer than
    /// `minPieceWords` matched pairs and stop short of the sentence's end (start) in both
    /// copies. Two copies of "…the late player." each followed by a sentence opening with "The"
    /// gave witnesses ending in "player. The". A whole short sentence ("Thank you.") stays; a
    /// full stop after an initial or an abbreviation ("U.S.", "Dr.") ends no sentence.
    static func trimmedFragments(_ piece: ArraySlice<WordAligner.Step>, _ a: TokenizedText, _ b: TokenizedText) -> ArraySlice<WordAligner.Step> {
        /// Whether a sentence ends before word `i` of `text` (at its end, for `i == text.count`).
        func endsSentence(_ text: TokenizedText, before i: Int) -> Bool {
            let breaks: Separator = [.sentence, .paragraph]
            guard i > 0 else { return true }
            let separator = i < text.count ? text.tokens[i].before : text.trailing
            guard !separator.isDisjoint(with: breaks) else { return false }
            let word = text.normSlice(i - 1)
            return separator.contains(.paragraph)
                || !(word.count == 1 || ReportingLexicon.abbreviations.contains(String(decoding: word, as: UTF8.self)))
        }
        /// Whether a sentence starts at step `k` in either copy.
        func startsSentence(_ k: Int) -> Bool {
            let (i, j) = piece[k].words
            return (i.map { endsSentence(a, before: $0) } ?? false) || (j.map { endsSentence(b, before: $0) } ?? false)
        }
        func anchors(_ r: Range<Int>) -> Int { piece[r].lazy.filter(InterleaveSplitter.isAnchor).count }
        var lo = piece.startIndex, hi = piece.endIndex
        guard hi - lo > 1, let (firstA, firstB) = piece[lo].pair, let (lastA, lastB) = piece[hi - 1].pair else { return piece }
        // The tail: from the last sentence start on, if it stops short of its sentence's end in both copies.
        if let k = ((lo + 1)..<hi).last(where: startsSentence), anchors(k..<hi) < Self.minPieceWords,
           !endsSentence(a, before: lastA + 1), !endsSentence(b, before: lastB + 1) {
            hi = k
        }
        // The head: up to the first sentence start, if it starts after its sentence's start in both copies.
        if let k = ((lo + 1)..<hi).first(where: startsSentence), anchors(lo..<k) < Self.minPieceWords,
           !endsSentence(a, before: firstA), !endsSentence(b, before: firstB) {
            lo = k
        }
        while lo < hi, !InterleaveSplitter.isAnchor(piece[lo]) { lo += 1 }
        while hi > lo, !InterleaveSplitter.isAnchor(piece[hi - 1]) { hi -= 1 }
        return piece[lo..<hi]
    }

    /// Whether a paragraph break lies between `piece` and `other` (two pieces of one alignment) in
    /// both copies: then `piece`, shorter than a passage, is a passage's only if it is whole
    /// clauses in one copy (`isWholeClauses`: a quoted fragment, “subject to criticism because
    /// he is a public figure”). An alignment that ran on from a real passage into the next
    /// paragraph kept "said the plan was too" of "Critics said the plan was too expensive" and
    /// "Opponents said the plan was too costly".
    static func standsApart(_ piece: ArraySlice<WordAligner.Step>, from other: ArraySlice<WordAligner.Step>,
                            _ a: TokenizedText, _ b: TokenizedText) -> Bool {
        func apart(_ text: TokenizedText, _ x: [Int], _ y: [Int]) -> Bool {
            guard let x0 = x.first, let x1 = x.last, let y0 = y.first, let y1 = y.last else { return false }
            let (lo, hi) = x1 < y0 ? (x1, y0) : (y1, x0)
            return lo < hi && ((lo + 1)...hi).contains { text.tokens[$0].before.contains(.paragraph) }
        }
        return apart(a, piece.compactMap(\.words.a), other.compactMap(\.words.a))
            && apart(b, piece.compactMap(\.words.b), other.compactMap(\.words.b))
    }

    /// Whether `piece` begins and ends at clause breaks (punctuation, quotation marks, paragraph
    /// breaks) in either copy.
    static func isWholeClauses(_ piece: ArraySlice<WordAligner.Step>, _ a: TokenizedText, _ b: TokenizedText) -> Bool {
        func whole(_ text: TokenizedText, _ words: [Int]) -> Bool {
            guard let first = words.first, let last = words.last else { return false }
            return !text.tokens[first].before.isDisjoint(with: .anyBreak) && !text.separator(after: last).isDisjoint(with: .anyBreak)
        }
        return whole(a, piece.compactMap(\.words.a)) || whole(b, piece.compactMap(\.words.b))
    }

    private func pairs(in steps: ArraySlice<WordAligner.Step>) -> Int {
        steps.reduce(0) { n, s in
            switch s { case .match, .near: return n + 1; default: return n }
        }
    }

    private func segment(_ steps: ArraySlice<WordAligner.Step>) -> Segment? {
        guard let f = steps.first?.pair, let l = steps.last?.pair else { return nil }
        return Segment(a: f.0...l.0, b: f.1...l.1)
    }
}
