import Testing
@testable import ConcordCore

/// Clustering after a change (`passages(after:…)`) carries over the passages the change does
/// not reach and clusters the rest again: it must give exactly what clustering every edge gives.
@Suite("Cluster update")
struct ClusterUpdateTests {
    /// A generated archive in id order, and every edge a full annotation finds in it.
    static let archive: (articles: [Article], edges: [WitnessClusterer.Edge]) = {
        var o = ArchiveGenerator.Options()
        o.articles = 400; o.seed = 11
        let articles = try! ArchiveGenerator(options: o).generate()
            .map { try ArticleParser().parse(Array($0.contents.utf8), path: $0.fileName) }
            .sorted { $0.id < $1.id }
        return (articles, Annotator().annotateAll(articles).edges)
    }()

    /// One step: `before` clustered from a random part of the edges; then `removed` articles
    /// leave, `changed` ones lose their edges and get some of the archive's edges as fresh
    /// ones. Checks the update against clustering the same edges from scratch.
    /// - Returns: how many of the previous passages the change reached.
    @discardableResult
    func check(seed: UInt64, removed: Int, changed: Int, keep: Double = 0.9, freshShare: Double = 0.5) throws -> (reached: Int, of: Int) {
        let (all, universe) = Self.archive
        var rng = SplitMix64(seed: seed)
        let before = universe.filter { _ in Double.random(in: 0..<1, using: &rng) < keep }
        let old = WitnessClusterer(articles: all, inIDOrder: true).passages(from: before, known: [:])
        try #require(old.passages.count > 20)

        // Articles that carry passages, so that the change reaches some.
        let carrying = Set(before.flatMap { [$0.a, $0.b] }).sorted()
        let picked = Array(carrying.shuffled(using: &rng).prefix(removed + changed))
        let gone = Set(picked.prefix(removed)), edited = Set(picked.dropFirst(removed))
        let after = all.indices.filter { !gone.contains($0) }
        var indexNow = [Int](repeating: -1, count: all.count)
        for (i, k) in after.enumerated() { indexNow[k] = i }
        // What the cache gives the next build: unchanged articles by their index now, else -1.
        let now = all.indices.map { edited.contains($0) ? -1 : indexNow[$0] }
        func renumbered(_ e: WitnessClusterer.Edge) -> WitnessClusterer.Edge { var e = e; e.a = indexNow[e.a]; e.b = indexNow[e.b]; return e }
        var kept: [WitnessClusterer.Edge] = [], keptPassages: [Int32] = []
        for (i, e) in before.enumerated() where now[e.a] >= 0 && now[e.b] >= 0 {
            kept.append(renumbered(e)); keptPassages.append(old.edgePassages[i])
        }
        let fresh = universe.filter { e in
            (edited.contains(e.a) || edited.contains(e.b)) && !gone.contains(e.a) && !gone.contains(e.b)
                && Double.random(in: 0..<1, using: &rng) < freshShare
        }.map(renumbered)
        let articles = after.map { all[$0] }
        let clusterer = WitnessClusterer(articles: articles, inIDOrder: true)
        // From scratch: no first choice known, each made from its first copy's words.
        let expected = clusterer.passages(from: kept + fresh, known: [:])
        let previous = try Self.previous(old, now: now, ids: articles)
        let got = try #require(clusterer.passages(after: previous, kept: kept[...], keptPassages: keptPassages, fresh: fresh[...],
                                                  changed: edited.map { indexNow[$0] }))
        #expect(got.passages == expected.passages)
        #expect(got.firstChoices == expected.firstChoices)
        #expect(got.witnessRanges == expected.witnessRanges)
        #expect(got.witnessArticles == expected.witnessArticles)
        #expect(got.edgePassages == expected.edgePassages)
        var touched = Set(edited.map { indexNow[$0] })
        for e in fresh { touched.insert(e.a); touched.insert(e.b) }
        let starts = Self.starts(old.passages)
        let reached = old.passages.indices.filter { p in
            previous.articles[starts[p]..<starts[p + 1]].contains { $0 < 0 || touched.contains(Int($0)) }
        }
        return (reached.count, old.passages.count)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func articlesRemovedAndEditedGiveWhatClusteringEverythingGives(seed: UInt64) throws {
        let (reached, count) = try check(seed: seed, removed: 3, changed: 3)
        #expect(reached > 0 && reached < count)
    }

    /// An edit that only takes passages away (no fresh edges) splits or ends them.
    @Test func anEditThatLosesItsEdges() throws {
        #expect(try check(seed: 7, removed: 0, changed: 4, freshShare: 0).reached > 0)
    }

    /// Articles whose edges all come back (an article added: before, it had none), so
    /// passages join again across the change.
    @Test func editsThatJoinPassages() throws {
        #expect(try check(seed: 8, removed: 0, changed: 6, keep: 0.7, freshShare: 1).reached > 0)
    }

    /// No change at all: every passage is carried over as it was.
    @Test func nothingChangedCarriesEverything() throws {
        #expect(try check(seed: 9, removed: 0, changed: 0).reached == 0)
    }

    /// A fresh edge reaches its partner's passages too: article 0 is added copying article 1,
    /// which shared its text with article 2 before; the three make one passage, not two.
    @Test func aFreshEdgeReachesThePartnersPassage() throws {
        let articles = try (0..<3).map { k in
            try ArticleParser().parse(Array("date 2020-01-0\(k + 1)\n\nalpha beta gamma delta epsilon\n".utf8), path: "a\(k).txt")
        }
        func edge(_ x: Int, _ y: Int) -> WitnessClusterer.Edge {
            .init(a: x, aTokens: 0...4, aBytes: articles[x].body, b: y, bTokens: 0...4, bBytes: articles[y].body)
        }
        let clusterer = WitnessClusterer(articles: articles, inIDOrder: true)
        let before = clusterer.passages(from: [edge(1, 2)], known: [:])
        // Article 0 was not there before: it maps to no previous article.
        let previous = try Self.previous(before, now: [0, 1, 2], ids: articles)
        let got = try #require(clusterer.passages(after: previous, kept: [edge(1, 2)][...], keptPassages: before.edgePassages,
                                                  fresh: [edge(0, 1)][...], changed: [0]))
        #expect(got.passages.count == 1)
        #expect(got.passages == clusterer.passages(from: [edge(1, 2), edge(0, 1)], known: [:]).passages)
        #expect(got.edgePassages == [0, 0])
    }

    /// Two passages whose first copies lie in one article with the same words clash: the later
    /// one takes an id with a counter. When the earlier one ends, the later one, carried over,
    /// takes its first choice again, as a build from scratch gives it: its first choice is kept
    /// beside its id (`StoredPassages.clashes`), not taken to be its id.
    @Test func aCarriedPassageTakesBackItsFirstChoiceWhenTheClashEnds() throws {
        // Article 0 carries one sentence twice, a word apart; article 1 copies the first, article 2 the second.
        let sentence = "alpha beta gamma delta epsilon."
        let texts = ["\(sentence)\n\nzeta\n\n\(sentence)\n", "\(sentence)\n", "\(sentence)\n"]
        let articles = try texts.enumerated().map { k, text in
            try ArticleParser().parse(Array("date 2020-01-0\(k + 1)\n\n\(text)".utf8), path: "a\(k).txt")
        }
        let first = articles[0].body.lowerBound, length = sentence.utf8.count, second = first + length + 8
        func edge(_ tokens: ClosedRange<Int>, _ at: Int, to y: Int) -> WitnessClusterer.Edge {
            .init(a: 0, aTokens: tokens, aBytes: at..<(at + length), b: y, bTokens: 0...4, bBytes: articles[y].body.lowerBound..<(articles[y].body.lowerBound + length))
        }
        let edges = [edge(0...4, first, to: 1), edge(6...10, second, to: 2)]
        let before = WitnessClusterer(articles: articles, inIDOrder: true).passages(from: edges, known: [:])
        try #require(before.passages.count == 2)
        #expect(before.firstChoices[0] == before.firstChoices[1])
        #expect(before.passages[0].id == before.firstChoices[0] && before.passages[1].id != before.firstChoices[1])

        // Article 1 is removed: the first passage ends, the second is carried over.
        let now = [0, -1, 1]
        let left = [articles[0], articles[2]]
        var kept = edges[1]
        kept.b = 1
        let clusterer = WitnessClusterer(articles: left, inIDOrder: true)
        let got = try #require(clusterer.passages(after: try Self.previous(before, now: now, ids: left), kept: [kept][...],
                                                  keptPassages: [1], fresh: [], changed: []))
        let expected = clusterer.passages(from: [kept], known: [:])
        #expect(got.passages == expected.passages)
        #expect(got.passages.map(\.id) == [before.firstChoices[1]])
    }

    /// Previous passages that do not fit the edges are refused, not trusted.
    @Test func previousPassagesThatDoNotFitAreRefused() throws {
        let (all, universe) = Self.archive
        let clusters = WitnessClusterer(articles: all, inIDOrder: true).passages(from: universe, known: [:])
        let previous = try Self.previous(clusters, now: Array(all.indices), ids: all)
        let clusterer = WitnessClusterer(articles: all, inIDOrder: true)
        // One passage index too many for the edges.
        #expect(clusterer.passages(after: previous, kept: universe[...], keptPassages: clusters.edgePassages.dropLast(),
                                   fresh: [], changed: []) == nil)
        // A passage index past the passages.
        var wrong = clusters.edgePassages
        wrong[0] = Int32(clusters.passages.count)
        #expect(clusterer.passages(after: previous, kept: universe[...], keptPassages: wrong, fresh: [], changed: []) == nil)
        // An article for each witness but one, or a first choice for each passage but one: not
        // passages the cache can keep.
        #expect(StoredPassages(clusters.passages, articles: Array(clusters.witnessArticles.dropLast()), firstChoices: clusters.firstChoices) == nil)
        #expect(StoredPassages(clusters.passages, articles: clusters.witnessArticles, firstChoices: clusters.firstChoices.dropLast()) == nil)
        // Passages out of the order a build leaves them in.
        var backwards = clusters
        backwards.passages.reverse(); backwards.firstChoices.reverse()
        backwards.witnessArticles = Array(clusters.passages.indices.reversed().flatMap {
            clusters.witnessArticles[Self.starts(clusters.passages)[$0]..<Self.starts(clusters.passages)[$0 + 1]]
        })
        let reversed = try Self.previous(backwards, now: Array(all.indices), ids: all)
        #expect(clusterer.passages(after: reversed, kept: universe[...], keptPassages: clusters.edgePassages,
                                   fresh: [], changed: []) == nil)
    }

    /// What the cache gives the next build of `clusters`, each witness's article by its position
    /// then and its index now (`now`), the ids those articles have now (`ids`).
    static func previous(_ clusters: WitnessClusterer.Clusters, now: [Int], ids: [Article]) throws -> PreviousPassages {
        let stored = try #require(StoredPassages(clusters.passages, articles: clusters.witnessArticles, firstChoices: clusters.firstChoices))
        return PreviousPassages(stored, now: now, articleID: { ids[$0].id })
    }

    static func starts(_ passages: [Passage]) -> [Int] {
        var starts = [0]
        for p in passages { starts.append(starts.last! + p.witnesses.count) }
        return starts
    }
}
