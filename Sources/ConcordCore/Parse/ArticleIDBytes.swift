/// Each article's id as bytes, where the sources' listing (`PathList`) holds it: what the
/// article pages' paths are made from (`SiteRenderer.pathLines`, `pathHashes`).
///
/// Made from each article's object, those paths read 100,000 objects and as many ids' storage,
/// scattered in memory, at every build of 100,000 articles (16 ms of an add). Here they are cut
/// from the listing, one contiguous block, as `ListedIDs.asciiID` cuts them. An id that is not
/// ASCII is left to its article (`ArticleParser.id(forPath:)` cuts those by `Character`).
struct ArticleIDBytes: Sendable {
    private let paths: PathList
    /// Per article, in the order given: where its id starts in the listing's bytes, and its
    /// length (-1: not ASCII, to be taken from the article).
    private let starts: [Int], lengths: [Int32]

    /// - Parameters:
    ///   - paths: the listing the articles were read from.
    ///   - pathIndex: each article's path, by position in `paths` (`ArchiveDelta.pathIndex`).
    init(paths: PathList, pathIndex: [Int32]) {
        // By chunks on every core (each path's bytes read one by one, for the ASCII test).
        let found = paths.withBlock { base, pathStarts in
            nonisolated(unsafe) let (base, pathStarts) = (base, pathStarts)
            return ParallelMap.map(count: pathIndex.count, chunk: 8192) { k -> (start: Int, length: Int32) in
                let i = Int(pathIndex[k]), from = pathStarts[i]
                let path = UnsafeRawBufferPointer(start: base + from, count: pathStarts[i + 1] - from - 1)
                guard let id = ListedIDs.asciiID(path) else { return (0, -1) }
                return (from + (id.baseAddress! - path.baseAddress!), Int32(id.count))
            }
        }
        self.paths = paths; starts = found.map(\.start); lengths = found.map(\.length)
    }

    var count: Int { starts.count }

    /// Whether the ids increase in the order given, compared as bytes (for ASCII, the order of
    /// `String`'s `<`); nil when one is not ASCII. What `ArchiveLoader.idsIncrease` asks of
    /// the articles, which read 100,000 objects and their ids' storage, scattered in memory
    /// (4 ms of every scan at 100,000 articles); here one block, on every core.
    var increase: Bool? {
        guard !lengths.contains(-1) else { return nil }
        return paths.withBlock { base, _ in
            nonisolated(unsafe) let base = base
            return ParallelMap.allSatisfy(max(0, count - 1)) { k in
                BytewiseSort.precedes(UnsafeRawBufferPointer(start: base + starts[k], count: Int(lengths[k])),
                                      UnsafeRawBufferPointer(start: base + starts[k + 1], count: Int(lengths[k + 1])))
            }
        }
    }

    /// Appends the id of article `k` (in the order given) and says so; false (nothing appended)
    /// when it is not ASCII.
    func append(_ k: Int, to bytes: inout [UInt8]) -> Bool {
        guard lengths[k] >= 0 else { return false }
        paths.withBlock { base, _ in
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + starts[k], count: Int(lengths[k])))
        }
        return true
    }
}
