/// Every article's word counts (`ArticleWordStats`) side by side, in the order of the articles
/// they were made for, with the witness ranges they were made for: what list rows and page
/// keys read of each of 100,000 articles, and what the build cache keeps of them, as one table.
///
/// Held as an `ArticleWordStats` per article, each with two arrays of its own, the counts were
/// copied out of the cache's records (two arrays retained per article), compared again when the
/// records were made, and copied again for every list row's key: 40 ms of CPU at every build of
/// 100,000 articles. Here each article's counts are numbers in shared arrays. The cache keeps the
/// table whole (`BuildState.wordCounts`), not in each article's record: the next build takes an
/// unchanged article's counts from it by position (`append(_:of:)`), reading no record, and an
/// article whose witnesses changed is counted again without its record (and its shard) being
/// written again.
struct WordCounts: Sendable, Equatable {
    /// Words in each article's body, and how many of them lie inside some witness.
    private(set) var words: [Int32] = [], shared: [Int32] = []
    /// Article `i`'s witnesses' words, by start: `perWitness[Int(starts[i])..<Int(starts[i + 1])]`.
    private var starts: [Int32] = [0]
    private var perWitness: [(start: Int, words: Int32)] = []
    /// Article `i`'s witness ranges, which its counts are for: `witnesses[Int(witnessStarts[i])..<Int(witnessStarts[i + 1])]`.
    private var witnessStarts: [Int32] = [0]
    private var witnesses: [Range<Int>] = []

    var count: Int { words.count }
    /// How many witnesses' counts and ranges the table holds, in all.
    var entryCount: Int { perWitness.count + witnesses.count }

    init() {}

    /// Counts made apart.
    init(_ stats: [ArticleWordStats]) {
        reserve(stats.count)
        for s in stats { append(s) }
    }

    /// `parts` one after the other.
    init(joining parts: [WordCounts]) {
        reserve(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            let base = starts.last!, witnessBase = witnessStarts.last!
            words += part.words; shared += part.shared
            starts += part.starts.dropFirst().lazy.map { $0 + base }
            perWitness += part.perWitness
            witnessStarts += part.witnessStarts.dropFirst().lazy.map { $0 + witnessBase }
            witnesses += part.witnesses
        }
    }

    mutating func reserve(_ n: Int) {
        words.reserveCapacity(n); shared.reserveCapacity(n); starts.reserveCapacity(n + 1); witnessStarts.reserveCapacity(n + 1)
    }

    mutating func append(_ s: ArticleWordStats) {
        words.append(Int32(clamping: s.words)); shared.append(Int32(clamping: s.shared))
        for w in s.perWitness { perWitness.append((w.start, Int32(clamping: w.words))) }
        starts.append(Int32(perWitness.count))
        witnesses += s.witnesses
        witnessStarts.append(Int32(witnesses.count))
    }

    /// Appends article `i`'s counts in `other`, as they are. Copied one element at a time: a
    /// slice of `other`'s arrays would retain them, which every core does at once when a build
    /// takes 100,000 articles' counts from the last build's table by chunks.
    mutating func append(_ i: Int, of other: WordCounts) {
        words.append(other.words[i]); shared.append(other.shared[i])
        for k in Int(other.starts[i])..<Int(other.starts[i + 1]) { perWitness.append(other.perWitness[k]) }
        starts.append(Int32(perWitness.count))
        for k in Int(other.witnessStarts[i])..<Int(other.witnessStarts[i + 1]) { witnesses.append(other.witnesses[k]) }
        witnessStarts.append(Int32(witnesses.count))
    }

    /// Whether article `i`'s counts were made for the witnesses `ranges[positions]` (compared
    /// one by one, for the reason `append(_:of:)` copies so).
    func isFor(_ i: Int, witnesses ranges: [Range<Int>], at positions: Range<Int>) -> Bool {
        let lo = Int(witnessStarts[i]), hi = Int(witnessStarts[i + 1])
        guard hi - lo == positions.count else { return false }
        for n in 0..<positions.count where witnesses[lo + n] != ranges[positions.lowerBound + n] { return false }
        return true
    }

    /// The witness ranges article `i`'s counts were made for.
    func witnesses(of i: Int) -> ArraySlice<Range<Int>> { witnesses[Int(witnessStarts[i])..<Int(witnessStarts[i + 1])] }

    /// Words in article `i`'s witness that starts at `start`; 0 if none does.
    func words(inWitnessAt start: Int, of i: Int) -> Int {
        var lo = Int(starts[i]), hi = Int(starts[i + 1])
        while lo < hi { let mid = (lo + hi) / 2; if perWitness[mid].start < start { lo = mid + 1 } else { hi = mid } }
        return lo < Int(starts[i + 1]) && perWitness[lo].start == start ? Int(perWitness[lo].words) : 0
    }

    /// Article `i`'s counts, as `ArticleWordStats`.
    func stats(_ i: Int) -> ArticleWordStats {
        ArticleWordStats(words: Int(words[i]), shared: Int(shared[i]),
                         perWitness: perWitness[Int(starts[i])..<Int(starts[i + 1])].map { (start: $0.start, words: Int($0.words)) },
                         witnesses: Array(witnesses(of: i)))
    }

    static func == (a: WordCounts, b: WordCounts) -> Bool {
        a.words == b.words && a.shared == b.shared && a.starts == b.starts && a.witnessStarts == b.witnessStarts
            && a.witnesses == b.witnesses && a.perWitness.elementsEqual(b.perWitness, by: { $0 == $1 })
    }
}

extension WordCounts {
    /// The table as the build cache keeps it: its count, then each array as 32-bit numbers
    /// (offsets in an article's file, which `ArticleParser.maxBytes` keeps below 2^31).
    func encode(into w: inout ByteWriter) {
        w.int(count); w.int(perWitness.count); w.int(witnesses.count)
        w.u32s(count: 2 * count) { out in
            for i in 0..<count { out[2 * i] = UInt32(bitPattern: words[i]); out[2 * i + 1] = UInt32(bitPattern: shared[i]) }
        }
        w.u32s(count: 2 * (count + 1)) { out in
            for i in 0...count { out[2 * i] = UInt32(bitPattern: starts[i]); out[2 * i + 1] = UInt32(bitPattern: witnessStarts[i]) }
        }
        w.u32s(count: 2 * perWitness.count) { out in
            for (k, p) in perWitness.enumerated() { out[2 * k] = UInt32(truncatingIfNeeded: p.start); out[2 * k + 1] = UInt32(bitPattern: p.words) }
        }
        w.u32s(count: 2 * witnesses.count) { out in
            for (k, r) in witnesses.enumerated() {
                out[2 * k] = UInt32(truncatingIfNeeded: r.lowerBound); out[2 * k + 1] = UInt32(truncatingIfNeeded: r.upperBound)
            }
        }
    }

    /// What `encode` wrote; throws unless it makes a table (each article's parts in order and in
    /// bounds, no range reversed), so a damaged cache is refused, never read past.
    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> WordCounts {
        let n = try r.count(max: Int(Int32.max) / 2 - 1), m = try r.count(max: Int(Int32.max) / 2), v = try r.count(max: Int(Int32.max) / 2)
        let counts = try r.u32sInPlace(count: 2 * n), bounds = try r.u32sInPlace(count: 2 * (n + 1))
        let per = try r.u32sInPlace(count: 2 * m), ranges = try r.u32sInPlace(count: 2 * v)
        var table = WordCounts()
        table.reserve(n)
        table.starts = []; table.witnessStarts = []
        for i in 0..<n {
            table.words.append(Int32(bitPattern: counts.number(2 * i))); table.shared.append(Int32(bitPattern: counts.number(2 * i + 1)))
        }
        for i in 0...n {
            let s = Int32(bitPattern: bounds.number(2 * i)), ws = Int32(bitPattern: bounds.number(2 * i + 1))
            guard s >= (table.starts.last ?? 0), ws >= (table.witnessStarts.last ?? 0) else { throw .init() }
            table.starts.append(s); table.witnessStarts.append(ws)
        }
        guard table.starts.first == 0, table.witnessStarts.first == 0,
              table.starts.last == Int32(m), table.witnessStarts.last == Int32(v) else { throw .init() }
        table.perWitness = (0..<m).map { k in (start: Int(per.number(2 * k, as: UInt32.self)), words: Int32(bitPattern: per.number(2 * k + 1))) }
        table.witnesses.reserveCapacity(v)
        for k in 0..<v {
            let lo = Int(ranges.number(2 * k, as: UInt32.self)), hi = Int(ranges.number(2 * k + 1, as: UInt32.self))
            guard lo <= hi else { throw .init() }
            table.witnesses.append(lo..<hi)
        }
        return table
    }
}
