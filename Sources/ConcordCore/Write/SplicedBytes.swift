#if canImport(Glibc)
import Glibc
#endif

/// A file's bytes as new bytes and spans of an earlier file (mapped), in order, the
/// spans never copied into memory: an incremental build remakes `annotations.json` and
/// the archive index (92 MB and 27 MB at 100,000 articles) almost wholly from the files
/// it wrote the last time, and assembling them in fresh memory was the largest thing it
/// did with them (the kernel zeroes every page a process touches first). The pieces are
/// summed (`checksum`), compared and written (`StagingWriter`) where they lie.
struct SplicedBytes: Sendable {
    /// The earlier file the spans are from.
    let base: FastFiles.Mapped?
    /// The new bytes, in order; each span goes in at its offset here (`at`).
    private(set) var fresh: [UInt8]
    private(set) var spans: [Span] = []
    /// Bytes so far, spans included.
    private(set) var count: Int

    struct Span: Sendable, Equatable {
        var at: Int
        var range: Range<Int>
    }

    /// Whether the bytes are summed by their pieces as they come (`pieceChecksum`).
    private let piecewise: Bool
    /// The sums so far of the stretches between pieces and of the pieces (`Fragments.checksum(of:items:)`).
    private var pieceSums = Checksum.Stream()
    /// Where in `fresh` the bytes after the last piece begin; nil once a span was added that is
    /// no piece (its bytes are then not known without reading them).
    private var afterPiece: Int? = 0

    /// - Parameter piecewise: sum the bytes by their pieces as they are added (`pieceChecksum`).
    init(base: FastFiles.Mapped? = nil, capacity: Int = 0, piecewise: Bool = false) {
        self.base = base; fresh = []; count = 0; self.piecewise = piecewise
        fresh.reserveCapacity(capacity)
    }

    /// `Fragments.checksum(of:items:)` of the whole, its items the pieces added
    /// (`appendPieces`, `appendMade`), when made `piecewise` and every span added was a piece;
    /// else nil. Kept pieces are summed by the sums recorded with them, new bytes as they lie.
    var pieceChecksum: UInt64? {
        guard piecewise, let afterPiece else { return nil }
        var sums = pieceSums
        sums.add(number: fresh.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[afterPiece...])) })
        sums.add(number: UInt64(count))
        return sums.value
    }

    /// Ends the stretch since the last piece and adds a piece whose sum is `checksum`. The
    /// stretch is the new bytes since the last piece, or (`joined`) bytes of the base between
    /// two pieces kept in a row, known without being read: their sum.
    private mutating func piece(checksum: UInt64, joined: UInt64? = nil) {
        guard piecewise, let from = afterPiece else { return }
        if let joined {
            precondition(from == fresh.count, "no new bytes between pieces kept in a row")
            pieceSums.add(number: joined)
        } else {
            pieceSums.add(number: fresh.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[from...])) })
        }
        pieceSums.add(number: checksum)
    }

    /// Marks the end of a piece: what follows is the next stretch.
    private mutating func endPiece() { if afterPiece != nil { afterPiece = fresh.count } }

    /// Bytes made in one piece.
    init(_ bytes: [UInt8]) { base = nil; fresh = bytes; count = bytes.count; piecewise = false }

    @inline(__always) mutating func append(_ byte: UInt8) { fresh.append(byte); count += 1 }

    mutating func append(contentsOf bytes: some Collection<UInt8>) {
        fresh.append(contentsOf: bytes); count += bytes.count
    }

    mutating func append(_ s: String) { append(contentsOf: s.utf8) }

    /// Adds the bytes of `base` in `range`. New bytes just added that equal the base's bytes
    /// between the last span and this one are taken back, and the spans joined: entries
    /// copied in a row (and their separators) make one span, whatever their number.
    mutating func appendSpan(_ range: Range<Int>) {
        afterPiece = nil
        addSpan(range)
    }

    /// `appendSpan` without ending the piecewise sum: for a piece, whose sum is known.
    private mutating func addSpan(_ range: Range<Int>) {
        guard let bytes = base?.bytes, range.lowerBound >= 0, range.upperBound <= bytes.count else {
            preconditionFailure("a span outside the base file")
        }
        guard !range.isEmpty else { return }
        if let last = spans.last, range.lowerBound >= last.range.upperBound {
            let between = fresh.count - last.at, gap = range.lowerBound - last.range.upperBound
            if between == gap && (gap == 0 || fresh.withUnsafeBytes { mine in
                memcmp(mine.baseAddress! + last.at, bytes.baseAddress! + last.range.upperBound, gap) == 0
            }) {
                fresh.removeLast(between); count -= between
                extendSpan(to: range.upperBound)
                return
            }
        }
        count += range.count
        spans.append(Span(at: fresh.count, range: range))
    }

    /// Extends the last span, which nothing new follows, to `end` of the base: the base's bytes
    /// up to there are wanted as they lie, what lies between included (the caller knows them,
    /// and they are not read). Private: the sums by pieces (`pieceChecksum`) count on every
    /// span being added here, by a piece or as one of no piece.
    private mutating func extendSpan(to end: Int) {
        guard let last = spans.last, fresh.count == last.at, let bytes = base?.bytes,
              end >= last.range.upperBound, end <= bytes.count else {
            preconditionFailure("a span extended past the base file, or over new bytes")
        }
        count += end - last.range.upperBound
        spans[spans.count - 1].range = last.range.lowerBound..<end
    }

    /// The pieces in order, where they lie (valid only inside `body`).
    func withPieces<R>(_ body: ([UnsafeRawBufferPointer]) throws -> R) rethrows -> R {
        try fresh.withUnsafeBytes { mine in
            var pieces: [UnsafeRawBufferPointer] = []
            pieces.reserveCapacity(2 * spans.count + 1)
            var from = 0
            for span in spans {
                if span.at > from { pieces.append(UnsafeRawBufferPointer(rebasing: mine[from..<span.at])) }
                pieces.append(UnsafeRawBufferPointer(rebasing: base!.bytes[span.range]))
                from = span.at
            }
            if from < mine.count { pieces.append(UnsafeRawBufferPointer(rebasing: mine[from...])) }
            return try body(pieces)
        }
    }

    /// `Checksum.of` the whole.
    var checksum: UInt64 {
        withPieces { pieces in
            var sum = Checksum.Stream()
            for p in pieces { sum.add(p) }
            return sum.value
        }
    }

    /// The whole in one array (the new bytes alone when there are no spans: no copy).
    var joined: [UInt8] {
        if spans.isEmpty { return fresh }
        var all: [UInt8] = []
        all.reserveCapacity(count)
        withPieces { for p in $0 { all.append(contentsOf: p) } }
        return all
    }
}

extension SplicedBytes {
    /// Appends one piece per key, in order: a piece `kept` finds (the earlier file's bytes for
    /// that key) as a span of `base`, any other as `make(position)` makes it (only those, in
    /// parallel, `chunk` at a time); `lead` goes before every piece and `separator` between
    /// two, neither part of a piece. The rows of a list page and the entries of
    /// `annotations.json` are put together this way. Returns where each piece lies, by key
    /// (what the next build finds them by), and how many were kept.
    ///
    /// The earlier file's pieces must have been put together the same way, with the same lead
    /// and separator (as every build of this version puts them): a piece kept right after the
    /// one before it there then has just those bytes between them, which are not read again
    /// (`extendSpan(to:)`; compared, they were 40 % of putting `annotations.json` together at
    /// 100,000 articles, a cache miss each in a file of 106 MB).
    mutating func appendPieces(keys: [UInt64], kept: inout FragmentMatcher?, lead: [UInt8] = [], separator: [UInt8] = [],
                               chunk: Int = 16, make: (Int) -> [UInt8]) -> (items: [Fragments.Item], reused: Int) {
        let found = kept?.pieces(of: keys) ?? [(range: Range<Int>, checksum: UInt64)?](repeating: nil, count: keys.count)
        let missing = keys.indices.filter { found[$0] == nil }
        // (Each new piece summed where it is made, on every core, when the whole is summed by pieces.)
        let made = ParallelMap.map(missing, chunk: chunk) { [piecewise] k -> (bytes: [UInt8], checksum: UInt64) in
            let bytes = make(k)
            return (bytes, piecewise ? Checksum.of(bytes) : 0)
        }
        fresh.reserveCapacity(fresh.count + made.reduce(0) { $0 + $1.bytes.count } + keys.count * (lead.count + separator.count))
        var items: [Fragments.Item] = []
        items.reserveCapacity(keys.count)
        var next = 0
        // Where the piece before ends in the earlier file, when it was a span of it.
        var spanEnd: Int? = nil
        let between = separator.count + lead.count, betweenSum = Checksum.of(separator + lead)
        for (i, key) in keys.enumerated() {
            if let (r, sum) = found[i], !r.isEmpty, r.lowerBound == spanEnd.map({ $0 + between }) {
                // Right after the piece before in the earlier file, the separator and lead between.
                items.append(.init(key: key, start: count + between, count: r.count, checksum: sum))
                piece(checksum: sum, joined: betweenSum)
                extendSpan(to: r.upperBound)
                endPiece()
                spanEnd = r.upperBound
                continue
            }
            if i > 0 { append(contentsOf: separator) }
            append(contentsOf: lead)
            let at = count
            let sum: UInt64
            if let (r, kept) = found[i] {
                sum = kept
                piece(checksum: sum)
                addSpan(r)
                spanEnd = r.isEmpty ? nil : r.upperBound
            } else {
                sum = made[next].checksum
                piece(checksum: sum)
                append(contentsOf: made[next].bytes); next += 1; spanEnd = nil
            }
            endPiece()
            items.append(.init(key: key, start: at, count: count - at, checksum: sum))
        }
        return (items, keys.count - missing.count)
    }

    /// Appends bytes made in one block holding the pieces `items` (their places relative to the
    /// block's start, each with `Checksum.of` its bytes), in order; returns the items placed in the whole.
    mutating func appendMade(_ bytes: [UInt8], pieces items: [Fragments.Item]) -> [Fragments.Item] {
        let base = count, freshBase = fresh.count
        fresh.append(contentsOf: bytes); count += bytes.count
        let placed = items.map { Fragments.Item(key: $0.key, start: $0.start + base, count: $0.count, checksum: $0.checksum) }
        guard piecewise, var from = afterPiece else { return placed }
        fresh.withUnsafeBytes { all in
            for item in items {
                // The stretch before the piece: from the last piece's end up to the piece.
                pieceSums.add(number: Checksum.of(UnsafeRawBufferPointer(rebasing: all[from..<(freshBase + item.start)])))
                pieceSums.add(number: item.checksum)
                from = freshBase + item.start + item.count
            }
        }
        afterPiece = from
        return placed
    }
}
