/// Every article's word counts (`ArticleWordStats`) side by side, in the order of the articles
/// they were made for: what list rows and page keys read of each of 100,000 articles.
///
/// Held as an `ArticleWordStats` per article, each with two arrays of its own, the counts were
/// copied out of the cache's records (two arrays retained per article), compared again when the
/// records were made, and copied again for every list row's key: 40 ms of CPU at every build of
/// 100,000 articles. Here each article's counts are numbers in shared arrays, and whether they
/// are its record's is noted once (`fromRecord`).
struct WordCounts: Sendable {
    /// Words in each article's body, and how many of them lie inside some witness.
    private(set) var words: [Int32] = [], shared: [Int32] = []
    /// Article `i`'s witnesses' words, by start: `perWitness[Int(starts[i])..<Int(starts[i + 1])]`.
    private var starts: [Int32] = [0]
    private var perWitness: [(start: Int, words: Int32)] = []
    /// Whether article `i`'s counts are the ones its cache record keeps (for the same witnesses):
    /// the record then stays as it is.
    private(set) var fromRecord: [Bool] = []

    var count: Int { words.count }

    init() {}

    /// Counts made apart (none from a record).
    init(_ stats: [ArticleWordStats]) {
        reserve(stats.count)
        for s in stats { append(s, fromRecord: false) }
    }

    /// `parts` one after the other.
    init(joining parts: [WordCounts]) {
        reserve(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            let base = starts.last!
            words += part.words; shared += part.shared; fromRecord += part.fromRecord
            starts += part.starts.dropFirst().lazy.map { $0 + base }
            perWitness += part.perWitness
        }
    }

    mutating func reserve(_ n: Int) {
        words.reserveCapacity(n); shared.reserveCapacity(n); fromRecord.reserveCapacity(n); starts.reserveCapacity(n + 1)
    }

    mutating func append(_ s: ArticleWordStats, fromRecord kept: Bool) {
        words.append(Int32(clamping: s.words)); shared.append(Int32(clamping: s.shared)); fromRecord.append(kept)
        for w in s.perWitness { perWitness.append((w.start, Int32(clamping: w.words))) }
        starts.append(Int32(perWitness.count))
    }

    /// Words in article `i`'s witness that starts at `start`; 0 if none does.
    func words(inWitnessAt start: Int, of i: Int) -> Int {
        var lo = Int(starts[i]), hi = Int(starts[i + 1])
        while lo < hi { let mid = (lo + hi) / 2; if perWitness[mid].start < start { lo = mid + 1 } else { hi = mid } }
        return lo < Int(starts[i + 1]) && perWitness[lo].start == start ? Int(perWitness[lo].words) : 0
    }

    /// Article `i`'s counts as its cache record keeps them, for these witnesses.
    func stats(_ i: Int, witnesses: [Range<Int>]) -> ArticleWordStats {
        ArticleWordStats(words: Int(words[i]), shared: Int(shared[i]),
                         perWitness: perWitness[Int(starts[i])..<Int(starts[i + 1])].map { (start: $0.start, words: Int($0.words)) },
                         witnesses: witnesses)
    }
}
