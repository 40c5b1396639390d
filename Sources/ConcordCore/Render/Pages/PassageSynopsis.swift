/// The copies of a shared passage cut into rows that line up: one row per paragraph of the
/// first copy (the first appearance), so that copies side by side can be read across,
/// paragraph by paragraph, rather than each running on at its own pace.
///
/// Each piece of a later copy is aligned word by word with the part of the first copy it
/// matches best (`VariantMarkup.region`), then cut where its words pass from one of the
/// first copy's paragraphs to the next; each part goes to that paragraph's row, marked
/// against it (`VariantMarkup.compared`). Words a copy adds go with the words before them.
/// A paragraph a copy leaves out inside a piece shows, struck out, in that copy's cell; a
/// cell stays empty where none of the copy's pieces reaches. A piece that matches nothing
/// of the first copy gets a last row of its own. Parts of a copy whose order differs from
/// the first copy's are shown in the first copy's order.
struct PassageSynopsis {
    /// One copy: its article's bytes and its pieces (witnesses), each with its words.
    struct Copy {
        let source: [UInt8]
        let pieces: [(range: Range<Int>, text: TokenizedText)]
    }

    /// What one cell shows of one piece of a copy.
    struct Part: Equatable {
        let html: String
        /// The piece (index in `Copy.pieces`) it is part of.
        let piece: Int
        /// Whether it is the piece's first part, and its last.
        let startsPiece: Bool, endsPiece: Bool
    }

    /// The number of rows: the first copy's paragraphs, and one more when some piece matches none of it.
    let rowCount: Int
    /// `cells[c][r]`: the parts of copy `c` (the first copy is 0) in row `r`, in piece order.
    let cells: [[[Part]]]

    init(first: Copy, others: [Copy]) {
        precondition(!first.pieces.isEmpty, "a passage's first copy has a piece")
        // Row of each word of each of the first copy's pieces: its pieces' paragraphs, in order.
        var rowOf: [[Int]] = [], rows = 0
        for piece in first.pieces {
            var here: [Int] = []
            here.reserveCapacity(piece.text.count)
            for (i, t) in piece.text.tokens.enumerated() {
                if i > 0 && t.before.contains(.paragraph) { rows += 1 }
                here.append(rows)
            }
            rows += 1
            rowOf.append(here)
        }
        let bases = first.pieces.map(\.text)
        var cells: [[[Part]]] = []
        var unmatched = false
        // The first copy: its pieces cut at their paragraphs.
        var mine = [[Part]](repeating: [], count: rows)
        for (b, piece) in first.pieces.enumerated() {
            let groups = Self.runs(piece.text.count) { rowOf[b][$0] }, words = groups.map(\.words)
            var cursor = piece.range.lowerBound
            for (n, g) in groups.enumerated() {
                let range = Self.cut(first.source, piece.range, piece.text, words, n, from: cursor)
                cursor = range.upperBound
                mine[g.row].append(Part(html: VariantMarkup.plain(first.source, range, piece.text.tokens[g.words]),
                                        piece: b, startsPiece: n == 0, endsPiece: n == groups.count - 1))
            }
        }
        cells.append(mine)
        for copy in others {
            var mine = [[Part]](repeating: [], count: rows + 1)
            for (m, piece) in copy.pieces.enumerated() {
                let best = bases.indices.map { (b: $0, r: VariantMarkup.region(of: piece.text, in: bases[$0])) }
                    .max { ($0.r.matches, $1.b) < ($1.r.matches, $0.b) }
                guard let best, best.r.matches > 0 else {
                    let html = VariantMarkup.compared(copy.source, piece.range, piece.text, with: first.source, bases[0], region: 0..<0)
                    mine[rows].append(Part(html: html, piece: m, startsPiece: true, endsPiece: true))
                    unmatched = true
                    continue
                }
                let b = best.b
                // Slid before they are cut into rows: a word of a paragraph the copy lacks, aligned
                // with an equal word of the paragraph before, moved the copy's word, and its full
                // stop, into the next row.
                let steps = VariantMarkup.steps(bases[b], best.r.0, piece.text)
                // Each step's row: a word of the first copy's, or (a word only this copy has) the row before.
                var stepRows = [Int](repeating: -1, count: steps.count)
                var last = -1
                for (s, step) in steps.enumerated() {
                    if let i = step.words.a { last = rowOf[b][i] }
                    stepRows[s] = last
                }
                let firstRow = stepRows.first(where: { $0 >= 0 }) ?? 0
                for s in stepRows.indices where stepRows[s] < 0 { stepRows[s] = firstRow }
                let groups = Self.runs(steps.count) { stepRows[$0] }
                // The copy's words in each group: from its steps.
                let words = groups.map { g -> Range<Int> in
                    let js = steps[g.words].compactMap(\.words.b)
                    return (js.first ?? 0)..<((js.last ?? -1) + 1)
                }
                var cursor = piece.range.lowerBound
                for (n, g) in groups.enumerated() {
                    let range = Self.cut(copy.source, piece.range, piece.text, words, n, from: cursor)
                    cursor = range.upperBound
                    let html = VariantMarkup.compared(copy.source, range, piece.text, with: first.source, bases[b], steps: steps[g.words])
                    mine[g.row].append(Part(html: html, piece: m, startsPiece: n == 0, endsPiece: n == groups.count - 1))
                }
            }
            cells.append(mine)
        }
        // Every copy has a cell in every row: the first copy none in the last, unless some piece matched nothing.
        let count = rows + (unmatched ? 1 : 0)
        rowCount = count
        self.cells = cells.map { Array($0.prefix(count)) + Array(repeating: [], count: max(0, count - $0.count)) }
    }

    /// Consecutive indices `0..<count` with the same row, in order.
    private static func runs(_ count: Int, row: (Int) -> Int) -> [(row: Int, words: Range<Int>)] {
        var result: [(row: Int, words: Range<Int>)] = []
        var start = 0
        for i in 0..<count where i + 1 == count || row(i + 1) != row(i) {
            result.append((row(i), start..<(i + 1))); start = i + 1
        }
        return result
    }

    /// The bytes of part `n` of a piece at `range` cut into parts of `words` (ranges of
    /// `text`'s words, in order, some empty): from where the part before ended (`from`),
    /// to the first space after its last word, so that a sentence's closing marks stay with
    /// it and the next part's opening marks with that one. The last part ends with the piece.
    private static func cut(_ source: [UInt8], _ range: Range<Int>, _ text: TokenizedText, _ words: [Range<Int>], _ n: Int,
                            from lower: Int) -> Range<Int> {
        guard n + 1 < words.count else { return lower..<range.upperBound }
        guard let lastWord = words[n].last else { return lower..<lower }
        let next = words[(n + 1)...].first(where: { !$0.isEmpty }).map { Int(text.tokens[$0.lowerBound].start) } ?? range.upperBound
        let end = Int(text.tokens[lastWord].end)
        let space = source[end..<max(end, next)].firstIndex(where: SourceText.isSpace) ?? max(end, next)
        return lower..<max(lower, space)
    }
}
