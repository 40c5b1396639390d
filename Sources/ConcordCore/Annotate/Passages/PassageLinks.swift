/// Which articles of each passage share words with which, and how many.
///
/// A passage joins copies through chains: A~B and A~C make one passage even when B
/// printed the first half of A's text and C the second, so B and C share no word. An
/// article page's "Shared with" listed every article of its passages (C on B's page,
/// with all of B's words); it lists the articles aligned with it instead, from the
/// aligned segments (`WitnessClusterer.Edge`) each passage was made of.
struct PassageLinks: Sendable, Equatable {
    /// Two articles (indices into the articles annotated, `a < b`) aligned in a passage, and
    /// the words of each inside their aligned segments.
    struct Link: Sendable, Equatable {
        var a: Int32, b: Int32
        var wordsA: Int32, wordsB: Int32
    }

    /// Passage `p`'s links are `links[starts[p]..<starts[p + 1]]`, by `a`, then `b`.
    private(set) var starts: [Int]
    private(set) var links: [Link]

    var passageCount: Int { starts.count - 1 }

    subscript(passage: Int) -> ArraySlice<Link> { links[starts[passage]..<starts[passage + 1]] }

    /// From every edge and its passage (-1: none): bucketed by passage (a counting sort), each
    /// passage's sorted by article pair, and the segments of one pair summed.
    init(edges: [WitnessClusterer.Edge], edgePassages: [Int32], passages: Int) {
        precondition(edges.count == edgePassages.count, "one passage per edge")
        // Read twice by the counting sort, as they lie: gathered in an array first, the 260,000
        // segments of 100,000 articles took 6 MB of memory touched for the first time at every build.
        let pairs = edgePassages.indices.lazy.filter { edgePassages[$0] >= 0 && Int(edgePassages[$0]) < passages }.map { i in
            let edge = edges[i]
            let (wa, wb) = (Int32(edge.aTokens.count), Int32(edge.bTokens.count))
            let link = edge.a < edge.b ? Link(a: Int32(edge.a), b: Int32(edge.b), wordsA: wa, wordsB: wb)
                                       : Link(a: Int32(edge.b), b: Int32(edge.a), wordsA: wb, wordsB: wa)
            return (bucket: Int(edgePassages[i]), item: link)
        }
        var buckets = Buckets(count: passages, pairs)
        buckets.sortEach { ($0.a, $0.b) < ($1.a, $1.b) }
        var starts = [0], links: [Link] = []
        starts.reserveCapacity(passages + 1); links.reserveCapacity(buckets.items.count)
        for p in 0..<passages {
            for link in buckets[p] {
                if let last = links.last, links.count > starts[p], last.a == link.a, last.b == link.b {
                    links[links.count - 1].wordsA += link.wordsA; links[links.count - 1].wordsB += link.wordsB
                } else {
                    links.append(link)
                }
            }
            starts.append(links.count)
        }
        self.starts = starts; self.links = links
    }
}
