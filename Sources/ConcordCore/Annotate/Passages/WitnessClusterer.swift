/// Merges each article's copies and clusters them across the archive into passages.
///
/// Within an article, copies that overlap or touch (no word between them)
/// become one witness. Two witnesses joined by an aligned pair belong to the
/// same passage, so A~B and B~C give one passage with three witnesses.
struct WitnessClusterer {
    /// One aligned segment of a pair: word ranges, and the byte ranges their witnesses would span.
    ///
    /// Kept in 32 bits a number (40 bytes a segment, not 80): an incremental build reads the
    /// archive's segments from the cache, keeps those of unchanged pairs and adds the new
    /// ones, each a fresh array (260,000 segments at 100,000 articles). Token offsets are
    /// 32-bit already (`Token.start`), so no article holds a larger number.
    struct Edge: Sendable, Equatable {
        private var article: (a: UInt32, b: UInt32)
        private let tokens: (a0: UInt32, a1: UInt32, b0: UInt32, b1: UInt32)
        private let byteRanges: (a0: UInt32, a1: UInt32, b0: UInt32, b1: UInt32)

        init(a: Int, aTokens: ClosedRange<Int>, aBytes: Range<Int>, b: Int, bTokens: ClosedRange<Int>, bBytes: Range<Int>) {
            article = (UInt32(a), UInt32(b))
            tokens = (UInt32(aTokens.lowerBound), UInt32(aTokens.upperBound), UInt32(bTokens.lowerBound), UInt32(bTokens.upperBound))
            byteRanges = (UInt32(aBytes.lowerBound), UInt32(aBytes.upperBound), UInt32(bBytes.lowerBound), UInt32(bBytes.upperBound))
        }

        /// The two articles (indices); renumbered when the archive's order changes.
        var a: Int { get { Int(article.a) } set { article.a = UInt32(newValue) } }
        var b: Int { get { Int(article.b) } set { article.b = UInt32(newValue) } }
        var aTokens: ClosedRange<Int> { Int(tokens.a0)...Int(tokens.a1) }
        var bTokens: ClosedRange<Int> { Int(tokens.b0)...Int(tokens.b1) }
        var aBytes: Range<Int> { Int(byteRanges.a0)..<Int(byteRanges.a1) }
        var bBytes: Range<Int> { Int(byteRanges.b0)..<Int(byteRanges.b1) }

        static func == (x: Edge, y: Edge) -> Bool {
            x.article == y.article && x.tokens == y.tokens && x.byteRanges == y.byteRanges
        }

        /// The stored numbers, as they lie (a segment read back is checked by them: `isWellFormed`).
        var parts: (articles: (UInt32, UInt32), tokens: (UInt32, UInt32, UInt32, UInt32), byteRanges: (UInt32, UInt32, UInt32, UInt32)) {
            (article, tokens, byteRanges)
        }
    }

    let articles: [Article]
    /// Whether `articles` are in id order (as a build gives them); nil: checked when needed.
    let inIDOrder: Bool?

    init(articles: [Article], inIDOrder: Bool? = nil) { self.articles = articles; self.inIDOrder = inIDOrder }

    /// A passage's first copy as the next build finds it when that copy's article is unchanged:
    /// the article by index, and the copy's byte range. Equal seeds, equal words, so an equal
    /// first-choice id (`finish`), which is then not made again from the words.
    ///
    /// Known between builds only for the passages a change reaches (`passages(after:…)`): those
    /// carried over take their first choices as they are. Keyed by each first copy's article id
    /// and checksum, the table of every passage's seed was made, saved, read back and looked up
    /// (12,000 seeds, each reading its article's object) at every build of 100,000 articles.
    struct Seed: Hashable, Sendable {
        var article: Int32
        var start: Int, end: Int
    }

    /// What clustering gives: the passages, each one's first-choice id (`firstChoices`, by
    /// passage: its id unless an earlier passage took it first), each article's witnesses (by
    /// article index), which word counts need, each witness's article as an index into
    /// `articles` (all passages' witnesses in order, one array), and each edge's passage (an
    /// index into `passages`, -1 for none), which the next build's `passages(after:…)` needs to
    /// tell which passages a change reaches.
    struct Clusters {
        var passages: [Passage]
        var firstChoices: [String]
        var witnessRanges: RangesByArticle
        var witnessArticles: [Int32]
        var edgePassages: [Int32]
    }

    /// A passage before its id is given: its witnesses in order, each one's article by index,
    /// and its first-choice id when known (a passage carried over from the previous build).
    struct Draft {
        var articles: [Int32]
        var witnesses: [Witness]
        var firstChoice: String? = nil

        /// Its first copy, by article index and byte range.
        var seed: Seed { Seed(article: articles[0], start: witnesses[0].start, end: witnesses[0].end) }
    }

    /// The passages, with first-choice ids by seed (`known`, from the previous build, spares
    /// tokenizing the first copy of every passage again).
    func passages(from edges: [Edge], known: [Seed: String]) -> Clusters {
        let (drafts, edgeDrafts) = components(of: edges)
        return finish(drafts, edgePassages: edgeDrafts, known: known)
    }

    /// Where a witness of article `a` (by index) comes in the order of first appearance: oldest
    /// article first (then by id), compared as integers. The day and index packed in one word
    /// when the articles are in id order (as a build gives them), so only the articles asked
    /// for are looked at; else a rank of every article.
    func places() -> (Int) -> UInt64 {
        if inIDOrder ?? zip(articles, articles.dropFirst()).allSatisfy({ $0.id < $1.id }) {
            return { [articles] a in articles[a].date.number << 32 | UInt64(a) }
        }
        var rank = [UInt64](repeating: 0, count: articles.count)
        for (r, i) in Article.chronological(articles).enumerated() { rank[i] = UInt64(r) }
        return { [rank] a in rank[a] }
    }

    /// The connected groups of witnesses `edges` make (those spanning at least two articles),
    /// each in order of first appearance and sorted by its first witness; and each edge's
    /// group (-1: one whose witnesses all lie in one article).
    func components(of edges: [Edge]) -> (drafts: [Draft], edgeDrafts: [Int32]) {
        // Nodes: merged token ranges per article. Flat arrays indexed by article rather than
        // dictionaries of arrays: this runs on one core in every incremental build, over every
        // edge of the archive (26,000 at 10,000 articles).
        typealias Span = (tokens: ClosedRange<Int>, bytes: Range<Int>)
        let articleCount = articles.count
        // Each article's spans, bucketed by a counting sort: `first[a]..<first[a + 1]` of `spans`.
        var first = [Int](repeating: 0, count: articleCount + 1)
        for e in edges { first[e.a + 1] += 1; first[e.b + 1] += 1 }
        for a in 0..<articleCount { first[a + 1] += first[a] }
        var spans = [Span](repeating: (0...0, 0..<0), count: first[articleCount])
        var next = first
        for e in edges {
            spans[next[e.a]] = (e.aTokens, e.aBytes); next[e.a] += 1
            spans[next[e.b]] = (e.bTokens, e.bBytes); next[e.b] += 1
        }
        // A merged node starts where its first span starts and ends where the span reaching furthest ends.
        // The nodes of article `a` are `nodeStart[a]..<nodeStart[a + 1]`, sorted by position.
        var nodes: [(article: Int, tokens: ClosedRange<Int>, bytes: Range<Int>)] = []
        nodes.reserveCapacity(spans.count)
        var nodeStart = [Int](repeating: 0, count: articleCount + 1)
        for article in 0..<articleCount {
            nodeStart[article] = nodes.count
            let range = first[article]..<first[article + 1]
            guard !range.isEmpty else { continue }
            spans[range].sort { ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound) }
            var current = spans[range.lowerBound]
            for r in spans[range].dropFirst() {
                if r.tokens.lowerBound <= current.tokens.upperBound + 1 {
                    if r.tokens.upperBound > current.tokens.upperBound {
                        current = (current.tokens.lowerBound...r.tokens.upperBound, current.bytes.lowerBound..<r.bytes.upperBound)
                    }
                } else {
                    nodes.append((article, current.tokens, current.bytes)); current = r
                }
            }
            nodes.append((article, current.tokens, current.bytes))
        }
        nodeStart[articleCount] = nodes.count
        func node(_ article: Int, _ r: ClosedRange<Int>) -> Int {
            // The node containing r's start (binary search over sorted, disjoint nodes).
            var lo = nodeStart[article], hi = nodeStart[article + 1] - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if nodes[mid].tokens.lowerBound <= r.lowerBound { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        var sets = DisjointSets(count: nodes.count)
        for e in edges { sets.union(node(e.a, e.aTokens), node(e.b, e.bTokens)) }

        // Each set's nodes, by root (the order of the sets does not matter: they are sorted below).
        var members: [[Int]] = []
        var setOf = [Int](repeating: -1, count: nodes.count)
        for n in nodes.indices {
            let root = sets.find(n)
            if setOf[root] < 0 { setOf[root] = members.count; members.append([]) }
            members[setOf[root]].append(n)
        }
        // Witnesses in order of first appearance, then by position.
        let placeOf = places()
        let place = nodes.map { placeOf($0.article) }
        func order(_ n: Int) -> (UInt64, Int) { (place[n], nodes[n].bytes.lowerBound) }
        var groups: [(member: Int, nodes: [Int])] = []
        for (m, group) in members.enumerated() {
            let sorted = group.sorted { order($0) < order($1) }
            guard sorted.contains(where: { nodes[$0].article != nodes[sorted[0]].article }) else { continue }
            groups.append((m, sorted))
        }
        // Sorted before ids are given, so a clash of ids resolves the same way in every build.
        groups.sort { order($0.nodes[0]) < order($1.nodes[0]) }
        var groupOfMember = [Int32](repeating: -1, count: members.count)
        for (g, group) in groups.enumerated() { groupOfMember[group.member] = Int32(g) }
        let edgeDrafts = edges.map { groupOfMember[setOf[sets.find(node($0.a, $0.aTokens))]] }
        let drafts = groups.map { group in
            Draft(articles: group.nodes.map { Int32(nodes[$0].article) },
                  witnesses: group.nodes.map { Witness(article: articles[nodes[$0].article].id, start: nodes[$0].bytes.lowerBound,
                                                       end: nodes[$0].bytes.upperBound) })
        }
        return (drafts, edgeDrafts)
    }

    /// The passages of `drafts` (sorted by first witness): ids from the first copy's words,
    /// first choices worked out in parallel where neither the draft nor `known` has them, then
    /// made unique in order; and the tables `Clusters` holds besides.
    func finish(_ drafts: [Draft], edgePassages: [Int32], known: [Seed: String]) -> Clusters {
        // Each article's witnesses, by start.
        var pairs: [(article: Int, range: Range<Int>)] = []
        pairs.reserveCapacity(drafts.reduce(0) { $0 + $1.articles.count })
        for d in drafts { for (a, w) in zip(d.articles, d.witnesses) { pairs.append((Int(a), w.range)) } }
        let witnessRanges = RangesByArticle(articles: articles.count, unordered: pairs)
        func firstArticle(_ k: Int) -> Article { articles[Int(drafts[k].articles[0])] }
        // Each draft's first choice: carried with it, known by its seed, or (for the drafts no one
        // knows, each tokenizing its first copy) worked out in parallel.
        var choices = drafts.map { $0.firstChoice ?? known[$0.seed] }
        let unknown = choices.indices.filter { choices[$0] == nil }
        let made = ParallelMap.map(unknown, chunk: 16) { k in Self.id(base: baseID(for: drafts[k].witnesses[0], in: firstArticle(k)), attempt: 0) }
        for (k, choice) in zip(unknown, made) { choices[k] = choice }
        let firstChoices = choices.map { $0! }
        var usedIDs = Set<String>(minimumCapacity: drafts.count)
        var passages: [Passage] = []
        passages.reserveCapacity(drafts.count)
        for k in drafts.indices {
            var id = firstChoices[k]
            if !usedIDs.insert(id).inserted {
                id = uniqueID(base: baseID(for: drafts[k].witnesses[0], in: firstArticle(k)), used: &usedIDs)
            }
            passages.append(Passage(id: id, witnesses: drafts[k].witnesses))
        }
        return Clusters(passages: passages, firstChoices: firstChoices, witnessRanges: witnessRanges,
                        witnessArticles: drafts.flatMap(\.articles), edgePassages: edgePassages)
    }

    /// Byte range of a token range, extended over the punctuation that ends its last word.
    static func bytes(of tokens: ClosedRange<Int>, in text: TokenizedText, _ article: Article) -> Range<Int> {
        let source = article.source
        let start = Int(text.tokens[tokens.lowerBound].start)
        var end = Int(text.tokens[tokens.upperBound].end)
        let limit = tokens.upperBound + 1 < text.count ? Int(text.tokens[tokens.upperBound + 1].start) : article.body.upperBound
        while end < limit, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"),
                            UInt8(ascii: ";"), UInt8(ascii: ":")].contains(source[end]) { end += 1 }
        return start..<end
    }

    /// What a passage's id is made from: the first witness's article and words (so it
    /// stays the same when unrelated articles come and go).
    private func baseID(for w: Witness, in article: Article) -> String {
        let text = Array(article.text(w.range).utf8)
        return w.article + "\u{0}" + WordTokenizer().tokenize(text, in: 0..<text.count).norms.joined(separator: " ")
    }

    /// A stable id from `base`: first choice at attempt 0, then with a counter added.
    private static func id(base: String, attempt: Int) -> String {
        "p" + StableHash.hex(base + (attempt == 0 ? "" : "\u{0}\(attempt)"), digits: 12)
    }

    /// A stable id from `base` once an earlier passage took its first choice: the first free one with a counter.
    private func uniqueID(base: String, used: inout Set<String>) -> String {
        var attempt = 1
        while true {
            let id = Self.id(base: base, attempt: attempt)
            if used.insert(id).inserted { return id }
            attempt += 1
        }
    }
}

/// Union–find with path halving.
struct DisjointSets {
    private var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }
    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }
    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
