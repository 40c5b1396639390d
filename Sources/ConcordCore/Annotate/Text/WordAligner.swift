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
        align(a, ar, b, br, global: false)
    }

    /// Local alignment restricted to a band of diagonals: only cells whose
    /// `(j - br.lowerBound) - (i - ar.lowerBound)` lies in `band` are scored.
    /// Shared runs found by the index tell where the band lies; it makes an
    /// alignment cost the length of the copy, not its square.
    public func local(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>, band: ClosedRange<Int>) -> [Step] {
        align(a, ar, b, br, global: false, band: band)
    }

    /// Alignment of all of `a[ar]` with all of `b[br]`.
    public func global(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>) -> [Step] {
        align(a, ar, b, br, global: true)
    }

    private func align(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>, global: Bool,
                       band: ClosedRange<Int>? = nil) -> [Step] {
        let n = ar.count, m = br.count
        guard n > 0 || m > 0 else { return [] }
        let w = m + 1
        // Normal forms as bytes, once per word rather than once per cell, in one buffer per side.
        let aw = WordBytes(a, ar), bw = WordBytes(b, br)
        let ak = ar.map { a.tokens[$0].key }, bk = br.map { b.tokens[$0].key }
        // Length and first byte of each word of b, for `mayBeNear` per cell without slicing.
        let bLength = (0..<m).map { Int32(bw.word($0).count) }, bFirst = (0..<m).map { bw.word($0).first ?? 0 }
        var score = [Int32](repeating: 0, count: (n + 1) * w)
        // Per cell: low 2 bits the move (0 stop, 1 diagonal, 2 up = onlyA, 3 left = onlyB),
        // next 2 bits the kind of pair (2 match, 1 near, 0 mismatch).
        var cell = [UInt8](repeating: 0, count: (n + 1) * w)
        if global {
            for i in 1...max(n, 1) where i <= n { score[i * w] = Int32(i) * Self.gapScore; cell[i * w] = 2 }
            for j in 1...max(m, 1) where j <= m { score[j] = Int32(j) * Self.gapScore; cell[j] = 3 }
        }
        var best: Int32 = 0, bestI = 0, bestJ = 0
        score.withUnsafeMutableBufferPointer { score in
        cell.withUnsafeMutableBufferPointer { cell in
        bk.withUnsafeBufferPointer { bk in
        bLength.withUnsafeBufferPointer { bLength in
        bFirst.withUnsafeBufferPointer { bFirst in
            for i in 1..<(n + 1) {
                let ka = ak[i - 1], wa = aw.word(i - 1)
                let aLength = Int32(wa.count), aFirst = wa.first ?? 0
                var jLo = 1, jHi = m
                if let band {
                    jLo = max(1, i + band.lowerBound); jHi = min(m, i + band.upperBound)
                    if jLo > jHi { continue }
                }
                let row = i * w, above = row - w
                var left = score[row + jLo - 1]
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
                    let u = score[above + j] + Self.gapScore
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
            let mv = cell[i * w + j] & 3
            if mv == 0 { break }
            switch mv {
            case 1:
                let ai = ar.lowerBound + i - 1, bj = br.lowerBound + j - 1
                switch cell[i * w + j] >> 2 {
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
}

/// The normal forms of a range of words, as slices of the text's buffer.
struct WordBytes {
    let text: TokenizedText
    let base: Int

    init(_ text: TokenizedText, _ range: Range<Int>) { self.text = text; base = range.lowerBound }

    @inline(__always) func word(_ k: Int) -> ArraySlice<UInt8> { text.normSlice(base + k) }
}
