/// Words in an article's body, how many lie inside some witness, and how many in each.
struct ArticleWordStats: Sendable, Equatable {
    var words: Int
    var shared: Int
    /// (witness start offset, words in it), by start.
    var perWitness: [(start: Int, words: Int)]
    /// The witness ranges these counts are for.
    var witnesses: [Range<Int>]

    init(words: Int, shared: Int, perWitness: [(start: Int, words: Int)], witnesses: [Range<Int>]) {
        self.words = words; self.shared = shared; self.perWitness = perWitness; self.witnesses = witnesses
    }

    init(text: TokenizedText, witnesses ranges: [Range<Int>]) {
        var perWitness: [Int: Int] = [:]
        var shared = 0
        for t in text.tokens {
            var inside = false
            for r in ranges where r.contains(Int(t.start)) { perWitness[r.lowerBound, default: 0] += 1; inside = true }
            if inside { shared += 1 }
        }
        self.init(words: text.count, shared: shared, perWitness: perWitness.sorted { $0.key < $1.key }.map { (start: $0.key, words: $0.value) },
                  witnesses: ranges)
    }

    static func == (a: Self, b: Self) -> Bool {
        a.words == b.words && a.shared == b.shared && a.witnesses == b.witnesses
            && a.perWitness.elementsEqual(b.perWitness, by: { $0 == $1 })
    }
}
