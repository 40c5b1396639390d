/// One difference, or one sameness, between a copy of a passage and its first copy, as a
/// passage page shows it.
///
/// The aligner gives one step per word; a reader wants changes: the words a copy adds
/// in one place are one insertion, the words it lacks one cut, and "two year" for
/// "two-year" (the same letters, joined or split by a hyphen or a space) one respelling,
/// not a word added beside a word replaced. Word indices are tokens of the first copy
/// (`base`) and of the copy.
enum VariantPiece: Equatable {
    /// Equal once normalized ("bipolar" and "bi-polar" too).
    case same(base: Int, copy: Int)
    /// A near spelling ("behavior" for "behaviour").
    case near(base: Int, copy: Int)
    /// Another word in the first copy's place.
    case replaced(base: Int, copy: Int)
    /// Words only the copy has, side by side within one paragraph.
    case added(ClosedRange<Int>)
    /// First-copy words the copy lacks, side by side.
    case missing(ClosedRange<Int>)
    /// The first copy's words written with the same letters, joined or split otherwise.
    case respelled(base: ClosedRange<Int>, copy: ClosedRange<Int>)

    /// Most steps a respelling is looked for in ("a hand book" is three words for one).
    static let respellingSteps = 4

    /// The aligner's steps (`WordAligner.global` of `base` and `copy`, `slid`) as pieces, in order.
    static func pieces(_ steps: ArraySlice<WordAligner.Step>, base: TokenizedText, copy: TokenizedText) -> [VariantPiece] {
        let steps = Array(steps)
        var pieces: [VariantPiece] = []
        var s = 0
        func respelling(at s: Int) -> (steps: Int, piece: VariantPiece)? { Self.respelling(steps, at: s, base, copy) }
        while s < steps.count {
            if let found = respelling(at: s) { pieces.append(found.piece); s += found.steps; continue }
            switch steps[s] {
            case .match(let i, let j): pieces.append(.same(base: i, copy: j)); s += 1
            case .near(let i, let j): pieces.append(.near(base: i, copy: j)); s += 1
            case .substitute(let i, let j): pieces.append(.replaced(base: i, copy: j)); s += 1
            case .onlyB(let j):
                var last = j
                s += 1
                // An insertion stops at a paragraph break: a tag may not span two paragraphs.
                while s < steps.count, case .onlyB(let k) = steps[s], k == last + 1,
                      !copy.tokens[k].before.contains(.paragraph), respelling(at: s) == nil {
                    last = k; s += 1
                }
                pieces.append(.added(j...last))
            case .onlyA(let i):
                var last = i
                s += 1
                while s < steps.count, case .onlyA(let k) = steps[s], k == last + 1, respelling(at: s) == nil {
                    last = k; s += 1
                }
                pieces.append(.missing(i...last))
            }
        }
        return pieces
    }

    /// The steps with each run of words only one copy has moved, where the words around it
    /// allow, to join the next such run, else to start a sentence. An alignment may place a cut anywhere among equal words:
    /// "she said. | They are moving it, said Becker." against "she said." lacked "said They are
    /// moving it" and "Becker", not the sentence "They are moving it, said Becker."
    static func slid(_ steps: [WordAligner.Step], base: TokenizedText, copy: TokenizedText) -> [WordAligner.Step] {
        var steps = steps
        let boundary: Separator = [.sentence, .paragraph]
        var s = 0
        while s < steps.count {
            // A run of words only the first copy (`inBase`), or only the copy, has: `s..<e`, words `first...`.
            let inBase: Bool, first: Int
            switch steps[s] {
            case .onlyA(let i): (inBase, first) = (true, i)
            case .onlyB(let j): (inBase, first) = (false, j)
            default: s += 1; continue
            }
            let text = inBase ? base : copy
            func word(_ step: WordAligner.Step) -> Int? {
                switch step { case .onlyA(let i) where inBase: return i; case .onlyB(let j) where !inBase: return j; default: return nil }
            }
            var e = s + 1
            while e < steps.count, let k = word(steps[e]), k == first + (e - s) { e += 1 }
            let length = e - s
            // A match as (this side's word, the other side's).
            func matched(_ step: WordAligner.Step) -> (Int, Int)? {
                guard case .match(let i, let j) = step else { return nil }
                return inBase ? (i, j) : (j, i)
            }
            func equal(_ x: Int, _ y: Int) -> Bool { text.normSlice(x).elementsEqual(text.normSlice(y)) }
            // How far the run may move right (each word after it equal to its first) and left.
            var right = 0
            while e + right < steps.count, let (k, _) = matched(steps[e + right]), k == first + length + right,
                  equal(first + right, k) { right += 1 }
            var left = 0
            while s - left - 1 >= 0, let (k, _) = matched(steps[s - left - 1]), k == first - left - 1,
                  equal(k, first + length - 1 - left) { left += 1 }
            // Matches right after the run that equal its first words, with another run of this
            // side's words right after them: the run moves past them and the two become one. A
            // paragraph the copy lacks, after one ending in "storm" and holding "storm" itself, was
            // "storm <del>Town … road</del> storm <del>vote … town</del>", the copy's "storm" in the
            // wrong paragraph; now it is "storm <del>Town … town</del>".
            var island = 0
            while e + island < steps.count, matched(steps[e + island]) != nil { island += 1 }
            let merges = island > 0 && right >= island && e + island < steps.count
                && word(steps[e + island]) == first + length + island
            // Else the nearest place the run may move to where it starts a sentence (none if it does already).
            func startsSentence(_ shift: Int) -> Bool { !text.tokens[first + shift].before.isDisjoint(with: boundary) }
            var shift = merges ? island : 0
            if !merges && !startsSentence(0) {
                for d in 1...max(1, max(left, right)) {
                    if d <= right && startsSentence(d) { shift = d; break }
                    if d <= left && startsSentence(-d) { shift = -d; break }
                }
            }
            guard shift != 0 else { s = e; continue }
            let lo = min(s, s + shift), hi = max(e, e + shift)
            // The other side's words of the matches in `lo..<hi`, in order.
            let others = (lo..<hi).compactMap { matched(steps[$0])?.1 }
            var moved: [WordAligner.Step] = []
            for n in 0..<(hi - lo) {
                let k = (shift > 0 ? first : first + shift) + n     // this side's word at step lo + n
                let inRun = shift > 0 ? n >= shift : n < length
                if inRun {
                    moved.append(inBase ? .onlyA(k) : .onlyB(k))
                } else {
                    let o = others[shift > 0 ? n : n - length]
                    moved.append(inBase ? .match(k, o) : .match(o, k))
                }
            }
            steps.replaceSubrange(lo..<hi, with: moved)
            // A merged run is looked at again, whole (it may merge with the next one too).
            s = merges ? s + shift : hi
        }
        return steps
    }

    /// A respelling starting at step `s`: the fewest steps (two to `respellingSteps`, none a
    /// match) whose first-copy words and copy words, each side by side with nothing but a
    /// hyphen or a space between them, spell the same normal forms when joined, one side
    /// having two words or more.
    private static func respelling(_ steps: [WordAligner.Step], at s: Int, _ base: TokenizedText,
                                   _ copy: TokenizedText) -> (steps: Int, piece: VariantPiece)? {
        var inBase: [Int] = [], inCopy: [Int] = []
        for w in 1...respellingSteps where s + w <= steps.count {
            switch steps[s + w - 1] {
            case .match: return nil
            case .near(let i, let j), .substitute(let i, let j): inBase.append(i); inCopy.append(j)
            case .onlyA(let i): inBase.append(i)
            case .onlyB(let j): inCopy.append(j)
            }
            guard !inBase.isEmpty, !inCopy.isEmpty, inBase.count + inCopy.count >= 3,
                  joined(inBase, base), joined(inCopy, copy) else { continue }
            if inBase.flatMap({ Array(base.normSlice($0)) }) == inCopy.flatMap({ Array(copy.normSlice($0)) }) {
                return (w, .respelled(base: inBase.first!...inBase.last!, copy: inCopy.first!...inCopy.last!))
            }
        }
        return nil
    }

    /// Whether `words` are consecutive in `text` with no punctuation or break between them.
    private static func joined(_ words: [Int], _ text: TokenizedText) -> Bool {
        zip(words, words.dropFirst()).allSatisfy { $1 == $0 + 1 && text.tokens[$1].before.isEmpty }
    }
}

extension VariantPiece {
    /// The first copy word the piece shows, if it shows any.
    var firstCopyWord: Int? {
        switch self {
        case .same(_, let j), .near(_, let j), .replaced(_, let j): return j
        case .added(let j), .respelled(_, let j): return j.lowerBound
        case .missing: return nil
        }
    }
}
