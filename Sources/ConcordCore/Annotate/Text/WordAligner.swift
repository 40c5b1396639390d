/// Aligns two word sequences, absorbing spelling variants, typos and small edits.
///
/// Words score +2 when equal, +1 when near (a small edit distance relative to
/// their length: "behaviour"/"behavior", "intensions"/"intentions"), −1 when
/// substituted, −1 per word inserted or dropped. `local` finds the best
/// shared stretch (Smith–Waterman); `global` aligns two whole copies
/// (Needleman–Wunsch) for showing their differences.
public struct WordAligner: Sendable {
    public enum Step: Sendable, Equatable {
        case match(Int, Int)
        case near(Int, Int)
        case substitute(Int, Int)
        case onlyA(Int)
        case onlyB(Int)
    }

    public static let matchScore: Int32 = 2
    public static let nearScore: Int32 = 1
    public static let mismatchScore: Int32 = -1
    public static let gapScore: Int32 = -1

    public init() {}

    /// Best local alignment of `a[ar]` with `b[br]`, as steps from its first to its last matching word.
    public func local(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>) -> [Step] {
        align(a, ar, b, br, global: false, band: Self.bandIfLarge(a, ar, b, br, global: false))
    }

    /// Local alignment restricted to a band of diagonals: only cells whose
    /// `(j - br.lowerBound) - (i - ar.lowerBound)` lies in `band` are scored.
    /// Shared runs found by the index tell where the band lies; it makes an
    /// alignment cost the length of the copy, not its square, in time and in memory.
    public func local(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>, band: ClosedRange<Int>) -> [Step] {
        align(a, ar, b, br, global: false, band: band)
    }

    /// Alignment of all of `a[ar]` with all of `b[br]`.
    public func global(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>) -> [Step] {
        align(a, ar, b, br, global: true, band: Self.bandIfLarge(a, ar, b, br, global: true))
    }

    /// Global alignment in a band (which must take in both corners); for tests.
    func global(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>, band: ClosedRange<Int>) -> [Step] {
        align(a, ar, b, br, global: true, band: band)
    }

    /// Alignments without a band of more cells than this get one (`bandIfLarge`): a full
    /// table of two 100,000-word copies is 10^10 cells, 50 GB; the build died asking for them.
    static let fullCells = 4_000_000

    /// For an alignment of more than `fullCells` cells, the diagonals its copies share exact
    /// four-word runs on (those within reach of the median one), widened by 64 words; with
    /// `global`, widened to take in both corners. Nil below that size: the whole table is
    /// scored, as it always was.
    static func bandIfLarge(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>, global: Bool,
                            above cells: Int = fullCells) -> ClosedRange<Int>? {
        let n = ar.count, m = br.count
        guard n * m > cells else { return nil }
        let run = 4, margin = 64
        func key(_ t: TokenizedText, _ start: Int) -> UInt64 {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for k in start..<(start + run) { h = (h ^ t.tokens[k].key) &* 0x0000_0100_0000_01B3 }
            return h
        }
        var diagonals: [Int] = []
        if n >= run && m >= run {
            var firstInB: [UInt64: Int] = [:]
            for j in 0...(m - run) { let k = key(b, br.lowerBound + j); if firstInB[k] == nil { firstInB[k] = j } }
            for i in 0...(n - run) { if let j = firstInB[key(a, ar.lowerBound + i)] { diagonals.append(j - i) } }
        }
        diagonals.sort()
        let median = diagonals.isEmpty ? m - n : diagonals[diagonals.count / 2]
        let reach = max(256, abs(m - n) + margin)
        let near = diagonals.filter { abs($0 - median) <= reach }
        var lo = (near.first ?? median) - margin, hi = (near.last ?? median) + margin
        if global { lo = min(lo, 0, m - n); hi = max(hi, 0, m - n) }
        return max(lo, -n)...min(hi, m)
    }

    /// The dynamic programme. Scores and moves are kept for the band's cells only (all
    /// cells without a band): row `i` holds diagonals `j - i` in `band`. A cell outside the
    /// band reads as 0 for a local alignment (as the unscored cells of a whole table did)
    /// and as unreachable for a global one.
    private func align(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>, global: Bool,
                       band: ClosedRange<Int>? = nil) -> [Step] {
        let n = ar.count, m = br.count
        guard n > 0 || m > 0 else { return [] }
        let dLo = band?.lowerBound ?? -n, dHi = band?.upperBound ?? m
        // Without a band a row is indexed by j (the whole table); with one, by j - i - dLo.
        let w = band == nil ? m + 1 : dHi - dLo + 1
        let shift = band == nil ? 0 : -dLo
        @inline(__always) func index(_ i: Int, _ j: Int) -> Int? {
            guard j >= 0, j <= m, j - i >= dLo, j - i <= dHi else { return nil }
            return i * w + (band == nil ? j : j - i + shift)
        }
        let unreachable: Int32 = Int32.min / 4
        let outside: Int32 = global ? unreachable : 0
        // Normal forms as bytes, once per word rather than once per cell, in one buffer per side.
        let aw = WordBytes(a, ar), bw = WordBytes(b, br)
        let ak = ar.map { a.tokens[$0].key }, bk = br.map { b.tokens[$0].key }
        // Length and first byte of each word of b, for `mayBeNear` per cell without slicing.
        let bLength = (0..<m).map { Int32(bw.word($0).count) }, bFirst = (0..<m).map { bw.word($0).first ?? 0 }
        var score = [Int32](repeating: band == nil ? 0 : outside, count: (n + 1) * w)
        // Per cell: low 2 bits the move (0 stop, 1 diagonal, 2 up = onlyA, 3 left = onlyB),
        // next 2 bits the kind of pair (2 match, 1 near, 0 mismatch).
        var cell = [UInt8](repeating: 0, count: (n + 1) * w)
        // Row 0 and column 0: nothing, or (global) gaps all the way.
        for j in 0...m { if let k = index(0, j) { score[k] = global ? Int32(j) * Self.gapScore : 0; cell[k] = global && j > 0 ? 3 : 0 } }
        if n > 0 { for i in 1...n { if let k = index(i, 0) { score[k] = global ? Int32(i) * Self.gapScore : 0; cell[k] = global ? 2 : 0 } } }
        var best: Int32 = 0, bestI = 0, bestJ = 0
        score.withUnsafeMutableBufferPointer { score in
        cell.withUnsafeMutableBufferPointer { cell in
        bk.withUnsafeBufferPointer { bk in
        bLength.withUnsafeBufferPointer { bLength in
        bFirst.withUnsafeBufferPointer { bFirst in
            for i in 1..<(n + 1) {
                let ka = ak[i - 1], wa = aw.word(i - 1)
                let aLength = Int32(wa.count), aFirst = wa.first ?? 0
                let jLo = max(1, i + dLo), jHi = min(m, i + dHi)
                if jLo > jHi { continue }
                // Row i's cell for column j is at `row + j`; the row above's at `above + j`
                // (whole table), or one place on (band: the same column is one diagonal up).
                let row = i * w + (band == nil ? 0 : shift - i), above = row - w + (band == nil ? 0 : 1)
                var left = index(i, jLo - 1).map { score[$0] } ?? outside
                for j in jLo...jHi {
                    let kind: UInt8
                    if ka == bk[j - 1] {
                        kind = 2
                    } else if Self.mayBeNear(aLength, aFirst, bLength[j - 1], bFirst[j - 1]), Self.near(wa, bw.word(j - 1)) {
                        kind = 1
                    } else {
                        kind = 0
                    }
                    let s: Int32 = kind == 2 ? Self.matchScore : kind == 1 ? Self.nearScore : Self.mismatchScore
                    let d = score[above + j - 1] + s
                    // The cell above lies outside a band at its upper edge.
                    let u = (band != nil && j - i + 1 > dHi ? outside : score[above + j]) + Self.gapScore
                    let l = left + Self.gapScore
                    var v = d, mv: UInt8 = 1
                    if u > v { v = u; mv = 2 }
                    if l > v { v = l; mv = 3 }
                    if !global && v <= 0 { v = 0; mv = 0 }
                    score[row + j] = v
                    left = v
                    cell[row + j] = mv | kind << 2
                    if !global && v > best { best = v; bestI = i; bestJ = j }
                }
            }
        }}}}}
        var i = global ? n : bestI, j = global ? m : bestJ
        var steps: [Step] = []
        while i > 0 || j > 0 {
            guard let k = index(i, j) else { break }
            let mv = cell[k] & 3
            if mv == 0 { break }
            switch mv {
            case 1:
                let ai = ar.lowerBound + i - 1, bj = br.lowerBound + j - 1
                switch cell[k] >> 2 {
                case 2: steps.append(.match(ai, bj))
                case 1: steps.append(.near(ai, bj))
                default: steps.append(.substitute(ai, bj))
                }
                i -= 1; j -= 1
            case 2: steps.append(.onlyA(ar.lowerBound + i - 1)); i -= 1
            default: steps.append(.onlyB(br.lowerBound + j - 1)); j -= 1
            }
        }
        steps.reverse()
        if !global {
            // A local alignment starts and ends on an exact match.
            while let f = steps.first, !f.isMatch { steps.removeFirst() }
            while let l = steps.last, !l.isMatch { steps.removeLast() }
        }
        return steps
    }

    /// Near spellings: both at least four letters, equal first letter, and an
    /// edit distance of at most one per four letters.
    public static func near(_ x: String, _ y: String) -> Bool { near(Array(x.utf8)[...], Array(y.utf8)[...]) }

    @inline(__always)
    static func near(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard let fa = a.first, let fb = b.first, mayBeNear(Int32(a.count), fa, Int32(b.count), fb) else { return false }
        let limit = Int(nearLimit(Int32(a.count), Int32(b.count)))
        return editDistance(a, b, limit: limit) <= limit
    }

    /// The cheap part of `near`, from lengths and first letters alone (the aligner's
    /// inner loop checks it from per-word arrays before looking at the words).
    @inline(__always)
    static func mayBeNear(_ lengthA: Int32, _ firstA: UInt8, _ lengthB: Int32, _ firstB: UInt8) -> Bool {
        lengthA >= 4 && lengthB >= 4 && firstA == firstB && abs(lengthA - lengthB) <= nearLimit(lengthA, lengthB)
    }

    /// Edits allowed between near spellings: one per four letters of the shorter word.
    @inline(__always) static func nearLimit(_ lengthA: Int32, _ lengthB: Int32) -> Int32 { max(1, min(lengthA, lengthB) / 4) }

    /// Levenshtein distance, stopping early once it exceeds `limit`; its two rows
    /// are on the stack (words are short; no array is made).
    static func editDistance(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>, limit: Int) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (b.count + 1)) { rows in
            var prev = rows.baseAddress!, cur = prev + (b.count + 1)
            for j in 0...b.count { prev[j] = j }
            var i = 0
            for x in a {
                i += 1
                cur[0] = i
                var rowMin = i
                var j = 0
                for y in b {
                    j += 1
                    let v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x == y ? 0 : 1))
                    cur[j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return limit + 1 }
                swap(&prev, &cur)
            }
            return prev[b.count]
        }
    }
}

extension WordAligner.Step {
    public var isMatch: Bool { if case .match = self { return true } else { return false } }
    /// Both sides have a word here (equal, near or substituted).
    public var pair: (Int, Int)? {
        switch self {
        case .match(let i, let j), .near(let i, let j), .substitute(let i, let j): return (i, j)
        default: return nil
        }
    }

    /// The word each side has here, if any.
    public var words: (a: Int?, b: Int?) {
        switch self {
        case .match(let i, let j), .near(let i, let j), .substitute(let i, let j): return (i, j)
        case .onlyA(let i): return (i, nil)
        case .onlyB(let j): return (nil, j)
        }
    }
}

/// The normal forms of a range of words, as slices of the text's buffer.
struct WordBytes {
    let text: TokenizedText
    let base: Int

    init(_ text: TokenizedText, _ range: Range<Int>) { self.text = text; base = range.lowerBound }

    @inline(__always) func word(_ k: Int) -> ArraySlice<UInt8> { text.normSlice(base + k) }
}
