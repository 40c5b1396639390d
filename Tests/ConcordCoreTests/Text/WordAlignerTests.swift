import Testing
@testable import ConcordCore

/// The aligner's inner loop is written for speed; it must give exactly the
/// steps of the plain dynamic programme below, banded or not, local or global.
@Suite("Word aligner")
struct WordAlignerTests {
    /// Near spellings as the aligner's documentation states them: both at least four
    /// letters, the same first letter, at most one edit per four letters of the shorter
    /// (full Levenshtein table, no early stop).
    static func near(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        guard x.count >= 4, y.count >= 4, x[0] == y[0] else { return false }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count { d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)) }
        }
        return d[x.count][y.count] <= max(1, min(x.count, y.count) / 4)
    }

    /// The textbook version: full score and move matrices, `near` above per cell.
    static func reference(_ a: TokenizedText, _ ar: Range<Int>, _ b: TokenizedText, _ br: Range<Int>,
                          global: Bool, band: ClosedRange<Int>?) -> [WordAligner.Step] {
        let n = ar.count, m = br.count
        guard n > 0 || m > 0 else { return [] }
        let w = m + 1
        var score = [Int32](repeating: 0, count: (n + 1) * w), move = [UInt8](repeating: 0, count: (n + 1) * w)
        var kindOf = [UInt8](repeating: 0, count: (n + 1) * w)
        if global {
            for i in stride(from: 1, through: n, by: 1) { score[i * w] = -Int32(i); move[i * w] = 2 }
            for j in stride(from: 1, through: m, by: 1) { score[j] = -Int32(j); move[j] = 3 }
        }
        var best: Int32 = 0, bestI = 0, bestJ = 0
        for i in stride(from: 1, through: n, by: 1) {
            for j in stride(from: 1, through: m, by: 1) {
                if let band, !band.contains(j - i) { continue }
                let x = a.normSlice(ar.lowerBound + i - 1), y = b.normSlice(br.lowerBound + j - 1)
                let kind: UInt8 = a.tokens[ar.lowerBound + i - 1].key == b.tokens[br.lowerBound + j - 1].key ? 2
                    : Self.near(Array(x), Array(y)) ? 1 : 0
                let d = score[(i - 1) * w + j - 1] + (kind == 2 ? 2 : kind == 1 ? 1 : -1)
                let u = score[(i - 1) * w + j] - 1, l = score[i * w + j - 1] - 1
                var v = d, mv: UInt8 = 1
                if u > v { v = u; mv = 2 }
                if l > v { v = l; mv = 3 }
                if !global && v <= 0 { v = 0; mv = 0 }
                score[i * w + j] = v; move[i * w + j] = mv; kindOf[i * w + j] = kind
                if !global && v > best { best = v; bestI = i; bestJ = j }
            }
        }
        var i = global ? n : bestI, j = global ? m : bestJ
        var steps: [WordAligner.Step] = []
        while i > 0 || j > 0 {
            let mv = move[i * w + j]
            if mv == 0 { break }
            let ai = ar.lowerBound + i - 1, bj = br.lowerBound + j - 1
            switch mv {
            case 1:
                steps.append(kindOf[i * w + j] == 2 ? .match(ai, bj) : kindOf[i * w + j] == 1 ? .near(ai, bj) : .substitute(ai, bj))
                i -= 1; j -= 1
            case 2: steps.append(.onlyA(ai)); i -= 1
            default: steps.append(.onlyB(bj)); j -= 1
            }
        }
        steps.reverse()
        if !global {
            while let f = steps.first, !f.isMatch { steps.removeFirst() }
            while let l = steps.last, !l.isMatch { steps.removeLast() }
        }
        return steps
    }

    
    static let vocabulary = ["behaviour", "behavior", "bipolar", "bi-polar", "intentions", "intensions", "the", "a",
                             "Kanye", "Kim", "mental", "health", "illness", "compassion", "empathy", "is", "of", "and",
                             "understand", "understands", "complicated", "complicatedly", "family", "families", "West", "Wests",
                             // three edits apart at nine letters: one more than near spellings allow
                             "statement", "statesman", "reporting", "reportage"]

    static func text(_ mix: inout SplitMix64, words: Int) -> TokenizedText {
        let words = (0..<words).map { _ in vocabulary[mix.next(vocabulary.count)] }
        let source = Array(words.joined(separator: " ").utf8)
        return WordTokenizer().tokenize(source, in: 0..<source.count)
    }

    @Test func sameStepsAsThePlainProgramme() {
        var mix = SplitMix64(seed: 42)
        let aligner = WordAligner()
        var compared = 0, nears = 0
        for round in 0..<300 {
            let a = Self.text(&mix, words: 1 + mix.next(60)), b = Self.text(&mix, words: 1 + mix.next(60))
            let aLo = mix.next(a.count), bLo = mix.next(b.count)
            let ar = aLo..<(aLo + 1 + mix.next(a.count - aLo)), br = bLo..<(bLo + 1 + mix.next(b.count - bLo))
            let centre = mix.next(21) - 10, width = mix.next(12)
            let band = round % 3 == 0 ? nil : (centre - width)...(centre + width)
            let local = band.map { aligner.local(a, ar, b, br, band: $0) } ?? aligner.local(a, ar, b, br)
            #expect(local == Self.reference(a, ar, b, br, global: false, band: band), "round \(round)")
            let global = aligner.global(a, ar, b, br)
            #expect(global == Self.reference(a, ar, b, br, global: true, band: nil), "round \(round)")
            compared += 2
            nears += global.filter { if case .near = $0 { return true } else { return false } }.count
        }
        #expect(compared == 600)
        #expect(nears > 30)      // near spellings were exercised, not only equal and unequal words
    }

    /// Copies too long for a whole table (two 100,000-word copies asked for 50 GB, and the
    /// build died) are aligned in a band of the diagonals their shared runs lie on: for copies
    /// with a few edits, the steps of the whole table.
    @Test func longCopiesAreAlignedInABand() {
        var mix = SplitMix64(seed: 7)
        func copies(_ count: Int) -> (TokenizedText, TokenizedText) {
            // Prose-like: few four-word runs repeat (the small vocabulary above repeats them all).
            let words = (0..<count).map { k in k % 7 == 0 ? Self.vocabulary[mix.next(Self.vocabulary.count)] : "word\(mix.next(5_000))" }
            var copy = words
            copy.remove(at: count / 7); copy.insert("inserted", at: count * 3 / 7); copy[count * 5 / 7] = "changed"
            copy.removeSubrange((count * 6 / 7)..<(count * 6 / 7 + 3))
            func tokens(_ w: [String]) -> TokenizedText {
                let source = Array(w.joined(separator: " ").utf8)
                return WordTokenizer().tokenize(source, in: 0..<source.count)
            }
            return (tokens(words), tokens(copy))
        }
        // The band as a long pair would get it, on a short pair, against a band of every
        // diagonal (which scores the whole table).
        let (a, b) = copies(400)
        let aligner = WordAligner(), all = -a.count...b.count
        #expect(WordAligner.bandIfLarge(a, 0..<a.count, b, 0..<b.count, global: true) == nil)
        for global in [true, false] {
            let band = WordAligner.bandIfLarge(a, 0..<a.count, b, 0..<b.count, global: global, above: 0)
            #expect(band.map { $0.count < 160 } == true, "\(String(describing: band))")
            let steps = global ? aligner.global(a, 0..<a.count, b, 0..<b.count, band: band!) : aligner.local(a, 0..<a.count, b, 0..<b.count, band: band!)
            #expect(steps == (global ? aligner.global(a, 0..<a.count, b, 0..<b.count, band: all) : aligner.local(a, 0..<a.count, b, 0..<b.count, band: all)))
        }
        // A long pair takes its band by itself, and finds the four edits (1 + 1 + 1 + 3 steps).
        let (x, y) = copies(2_100)
        #expect(WordAligner.bandIfLarge(x, 0..<x.count, y, 0..<y.count, global: true) != nil)
        #expect(aligner.global(x, 0..<x.count, y, 0..<y.count).filter { !$0.isMatch }.count == 6)
    }

    @Test func editDistanceStopsPastItsLimit() {
        #expect(WordAligner.editDistance(Array("behaviour".utf8)[...], Array("behavior".utf8)[...], limit: 2) == 1)
        #expect(WordAligner.editDistance(Array("kitten".utf8)[...], Array("sitting".utf8)[...], limit: 5) == 3)
        #expect(WordAligner.editDistance(Array("abcdefgh".utf8)[...], Array("stuvwxyz".utf8)[...], limit: 2) == 3)
        #expect(WordAligner.near("intentions", "intensions"))
        #expect(!WordAligner.near("mental", "rental"))     // first letters differ
        #expect(!WordAligner.near("the", "thy"))           // too short
        #expect(!WordAligner.near("statement", "statesman")) // three edits in nine letters
    }
}
