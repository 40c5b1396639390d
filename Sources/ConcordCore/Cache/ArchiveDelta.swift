/// The archive as it is now, set against the build cache: articles reused
/// from their records (files whose stamp or bytes did not change) and
/// articles parsed anew; and what the annotator needs to redo only the change.
struct ArchiveDelta {
    /// Every article (sorted by id), and the parse diagnostics of files left out.
    var articles: [Article]
    var diagnostics: [Diagnostic]
    /// The cached record of each article reused as it was (nil: new or edited), by index.
    var reused: [ArticleRecord?]
    /// What `Annotator.annotateChanged` needs.
    var previous: Annotator.Previous
    /// Paths whose record is new, changed or gone (for the cache's dirty shards).
    var changedPaths: Set<String>
    /// The stamp of each file read (not taken from its record), taken before it was
    /// read (a file changed while being read then looks changed to the next build,
    /// never the reverse); none for a file whose stamp was not settled (`FileStamp.isSettled`).
    var stamps: [String: FileStamp]
    /// Each article's `pathHash`, in the order of `articles`.
    var pathHashes: [UInt64]
    /// Each article's path, as its position in the listing scanned, in the order of `articles`:
    /// where the model finds its id's bytes (`ArticleIDBytes`).
    var pathIndex: [Int32] = []
    /// Each article's id where the listing holds it, in the order of `articles`: what the
    /// site model makes the article pages' paths from.
    var idBytes: ArticleIDBytes
    /// Each article's position in the previous build's articles (`BuildState.articleHashes`),
    /// in the order of `articles`; -1 for one new or edited (or when there is no previous build).
    var previousIndex: [Int32] = []
    /// The path hashes of the cache's records not reused (their articles edited or removed).
    var goneRecords: [UInt64] = []
    var added = 0, edited = 0, removed = 0

    /// `previous` for the annotation, its kept edges moved out of this delta (which keeps the
    /// rest): held once, they are extended where they lie (`Annotator.annotateChanged`).
    mutating func takingKeptEdges() -> Annotator.Previous {
        let taken = previous
        previous.keptEdges = []
        return taken
    }

    /// - Parameters:
    ///   - paths: article files now in the source folder.
    ///   - state: the cache's records, or nil for a full build.
    ///   - stamps: each path's stamp, taken before any file is read.
    ///   - edges: the last build's segments, moved out of `state` (whose own are then not read),
    ///     to be renumbered where they lie; nil: `state`'s, copied first.
    ///   - runIndex: the cache's run index file, if it opened.
    static func scan(_ loader: ArchiveLoader, paths: PathList, stamps: [FileStamp?], state: BuildState?,
                     edges held: Locked<[WitnessClusterer.Edge]>? = nil, runIndex: RunIndex? = nil) -> ArchiveDelta {
        let records = state?.records ?? RecordTable()
        // The cache refuses records two of whose paths have the same hash (`BuildCache.distinct`):
        // every lookup below goes by hash alone.
        precondition(records.pathHashesAreDistinct, "the cache's records have distinct path hashes")
        // Files whose stamp matches their record are taken as they were; the rest are read.
        // (Looked up in parallel: 10,000 paths at 10,000 articles, and the other core is idle here.)
        // `keptAt`: the position in `records` of each path's record, if taken as it was (else -1).
        // A record is found by its path's hash alone: its stamp, which names the file's inode and
        // its times to the nanosecond, must match too, which another path's file could do only as
        // a link to this one whose path had the same 64-bit hash. (Comparing each record's path
        // as well read 100,000 more strings: 72 samples of `memcmp` for paths of 40 bytes.)
        // Each chunk's paths are looked for first after the record found before. The records are
        // found first, then their stamps compared, each record loaded some paths ahead (`Prefetch`):
        // they lie in the order of their shards (by path hash), not of the paths.
        let hashes = paths.hashes
        let found = ParallelMap.map(count: paths.count, chunk: 512, state: { _ in -1 }) { last, i -> Int32 in
            records.position(ofPathHash: hashes[i], after: &last).map(Int32.init) ?? -1
        }
        var keptAt = records.records.withUnsafeBufferPointer { objects in
            ParallelMap.map(count: paths.count, chunk: 512, state: { _ in 0 }) { _, i -> Int32 in
                if i + Prefetch.distance < found.count { Prefetch.object(at: Int(found[i + Prefetch.distance]), in: objects, lines: 1) }
                let k = Int(found[i])
                guard k >= 0, let stamp = stamps[i], objects[k].stamp == stamp else { return -1 }
                return Int32(k)
            }
        }
        // Loops by index over every path take a path only where they need it: one taken from the
        // array for each of 100,000 (paths of 40 bytes) was retained and released.
        let unkept = paths.indices.filter { keptAt[$0] < 0 }
        var read: [String] = []
        var stampOf: [String: FileStamp] = [:]
        for i in unkept {
            read.append(paths[i])
            if let stamp = stamps[i] { stampOf[paths[i]] = stamp }
        }
        // Parsed without deciding duplicates among them: that is decided below, among every file
        // (a file read here may be the duplicate of one whose record is reused).
        let loaded = loader.parse(read)
        var fresh: [String: Article] = [:]
        for a in loaded.articles { fresh[a.path] = a }
        var changedPaths = Set<String>()
        // A file touched but with the same bytes keeps its record, restamped (the records
        // are this build's: read from the cache for it alone); with no stamp when its stamp
        // is not settled, so that the next build reads it again.
        for i in unkept {
            let path = paths[i]
            if let a = fresh[path], let k = records.position(of: path), case let rec = records.records[k],
               rec.article.contentHash == a.contentHash, rec.article.id == a.id {
                rec.stamp = stampOf[path] ?? .unknown
                keptAt[i] = Int32(k); fresh[path] = nil; changedPaths.insert(path)
            }
        }
        // Same rule as a full load: sorted paths, the first file of an id wins. Each article
        // comes with its record (nil: read anew) and that record's position in `records` (-1),
        // in arrays made in one pass (`gather`, by chunks on every core; each pass over 100,000
        // articles touches every object: arrays of tuples, then of their parts, took two more).
        // (And each article's `pathHash`, from the listing: what the cache keeps of the articles' order.)
        var freshAt: [Int: Article] = [:]
        for i in unkept where keptAt[i] < 0 { if let a = fresh[paths[i]] { freshAt[i] = a } }
        var (articles, reused, recordAt, pathHashes, pathIndex) = gather(keptAt: keptAt, fresh: freshAt, hashes: hashes, records: records.records)
        // Whether the ids increase, asked of the listing's bytes (of the articles where an id is not ASCII).
        var idBytes = ArticleIDBytes(paths: paths, pathIndex: pathIndex)
        let (chosen, duplicates) = ArchiveLoader.firstOfEachID(Array(articles.indices),
                                                               increasing: idBytes.increase ?? ArchiveLoader.idsIncrease(articles)) { articles[$0] }
        if !chosen.elementsEqual(articles.indices) {       // a duplicate id left out, or ids out of path order
            articles = chosen.map { articles[$0] }; reused = chosen.map { reused[$0] }; recordAt = chosen.map { recordAt[$0] }
            pathHashes = chosen.map { pathHashes[$0] }; pathIndex = chosen.map { pathIndex[$0] }
            idBytes = ArticleIDBytes(paths: paths, pathIndex: pathIndex)
        }
        let diagnostics = (loaded.diagnostics + duplicates).sorted { ($0.path, $0.line) < ($1.path, $1.line) }

        // Each record's article now, -1 for a record not reused: how the previous build's
        // articles (by their paths' hashes) and the run index's are found now.
        let articleOfRecord = articleOfRecord(recordAt, records: records.count)
        // Edges between two reused articles stay (by their new indices): found on a thread of
        // their own while the records not reused are gathered.
        let held = held ?? Locked(state?.edges ?? [])
        let keeping = Background { [articles, articleOfRecord, held, before = state?.articleHashes ?? [],
                                    edgePassages = state?.edgePassages ?? [], passages = state?.passages]
                                   () -> ([WitnessClusterer.Edge], [Int32], PreviousPassages?, [Int32]) in
            let now = positionsNow(of: before, records: records, articleOfRecord: articleOfRecord)
            // The passages are known when the cache names one (or none) for every edge. Their
            // witnesses are renamed on threads of their own while the segments are renumbered
            // here, one after the other (this build waits for both: 16 ms at 100,000 articles).
            // Held here alone (when moved out of the state), so changed where they lie: the
            // segments kept are moved down over those dropped (10 MB at 100,000 articles, which a
            // second array, with room for the segments the change aligns, touched anew).
            var edges: [WitnessClusterer.Edge] = []
            held.withLock { swap(&edges, &$0) }
            let known = edgePassages.count == edges.count ? passages : nil
            let renaming = known.map { known in Background { PreviousPassages(known, now: now, articleID: { articles[$0].id }) } }
            var previousIndex = [Int32](repeating: -1, count: articles.count)
            for (j, i) in now.enumerated() where i >= 0 { previousIndex[i] = Int32(j) }
            // With room for the segments the change aligns, which the annotation appends here
            // (`PassageUpdate`): already there when the state was decoded (`BuildState.decodeBody`).
            let count = edges.count
            edges.reserveCapacity(BuildState.edgeRoom(count))
            var keptPassages: [Int32] = []
            // Asked once: in the loop, `known != nil` (Optional's `!=` for an Equatable type) copied
            // the passages, four arrays retained and released, for each of 250,000 edges: 50–70 ms
            // of every build at 100,000 articles, the longest part of matching files to records.
            let isKnown = known != nil
            if isKnown { keptPassages.reserveCapacity(count) }
            var kept = 0
            edges.withUnsafeMutableBufferPointer { edges in
                for i in 0..<count {
                    var e = edges[i]
                    let a = now[e.a], b = now[e.b]
                    guard a >= 0, b >= 0 else { continue }
                    e.a = a; e.b = b
                    edges[kept] = e; kept += 1
                    if isKnown { keptPassages.append(edgePassages[i]) }
                }
            }
            edges.removeLast(count - kept)
            // (Passages that do not fit the segments are refused by `passages(after:…)`.)
            return (edges, keptPassages, renaming?.value(), previousIndex)
        }
        // The cache's records not reused, found by position (no hashing).
        var isReused = [Bool](repeating: false, count: records.count)
        for k in recordAt where k >= 0 { isReused[Int(k)] = true }
        var oldRuns: [ArticleRuns] = [], goneRecords: [UInt64] = []
        var removed = 0, edited = 0
        for k in records.records.indices where !isReused[k] {
            let rec = records.records[k], path = rec.article.path
            oldRuns.append(rec.analysis.runs); changedPaths.insert(path); goneRecords.append(rec.pathHash)
            if fresh[path] != nil { edited += 1 } else { removed += 1 }
        }
        var added = -edited
        for (a, rec) in zip(articles, reused) where rec == nil { added += 1; changedPaths.insert(a.path) }
        let (keptEdges, keptPassages, previousPassages, previousIndex) = keeping.value()
        var previous = Annotator.Previous(reused: reused, oldRuns: oldRuns,
                                          boilerplate: state?.boilerplate ?? [], keptEdges: keptEdges, keptEdgePassages: keptPassages,
                                          passages: previousPassages)
        if let runIndex, let state { previous.lookup = lookup(runIndex, state.runIndex, records, articleOfRecord) }
        var delta = ArchiveDelta(articles: articles, diagnostics: diagnostics, reused: reused, previous: previous,
                                 changedPaths: changedPaths, stamps: stampOf, pathHashes: pathHashes, idBytes: idBytes,
                                 added: max(0, added), edited: edited, removed: removed)
        delta.goneRecords = goneRecords
        delta.previousIndex = previousIndex
        delta.pathIndex = pathIndex
        return delta
    }

    /// Each path's article, in path order, with its record (nil: read anew), that record's
    /// position in `records` (-1), the path's hash and its position in the listing; a path with neither (`keptAt` -1 and not
    /// in `fresh`: a file left out) is passed over. Gathered by chunks on every core, each
    /// straight into its place: in one pass on one core, visiting 100,000 records and their
    /// articles (each retained into the arrays) took 23–30 ms of every build.
    /// - Parameters:
    ///   - keptAt: each path's record, by position in `records`, if taken as it was (else -1).
    ///   - fresh: the articles just read, by path index.
    static func gather(keptAt: [Int32], fresh: [Int: Article], hashes: [UInt64], records: [ArticleRecord], chunk: Int = 16384)
        -> (articles: [Article], reused: [ArticleRecord?], recordAt: [Int32], pathHashes: [UInt64], pathIndex: [Int32]) {
        let n = keptAt.count
        let los = Array(stride(from: 0, to: n, by: chunk))
        func taken(_ i: Int) -> Bool { keptAt[i] >= 0 || fresh[i] != nil }
        let counts = ParallelMap.map(los, chunk: 1) { lo in (lo..<min(n, lo + chunk)).reduce(0) { taken($1) ? $0 + 1 : $0 } }
        var offsets = [0]
        for c in counts { offsets.append(offsets.last! + c) }
        let total = offsets.last!
        var reused: [ArticleRecord?] = [], recordAt = [Int32](repeating: -1, count: total), pathHashes = [UInt64](repeating: 0, count: total)
        var pathIndex = [Int32](repeating: 0, count: total)
        let articles = [Article](unsafeUninitializedCapacity: total) { articleBuffer, madeArticles in
            reused = [ArticleRecord?](unsafeUninitializedCapacity: total) { reusedBuffer, madeReused in
                recordAt.withUnsafeMutableBufferPointer { recordBuffer in
                    pathHashes.withUnsafeMutableBufferPointer { hashBuffer in pathIndex.withUnsafeMutableBufferPointer { indexBuffer in
                        nonisolated(unsafe) let (a, r, k, h, p) = (articleBuffer, reusedBuffer, recordBuffer, hashBuffer, indexBuffer)
                        _ = ParallelMap.map(Array(los.indices), chunk: 1) { c -> Int in
                            var at = offsets[c]
                            for i in los[c]..<min(n, los[c] + chunk) {
                                if keptAt[i] >= 0 {
                                    let rec = records[Int(keptAt[i])]
                                    (a.baseAddress! + at).initialize(to: rec.article); (r.baseAddress! + at).initialize(to: rec)
                                    k[at] = keptAt[i]
                                } else if let article = fresh[i] {
                                    (a.baseAddress! + at).initialize(to: article); (r.baseAddress! + at).initialize(to: nil)
                                } else {
                                    continue
                                }
                                h[at] = hashes[i]; p[at] = Int32(i); at += 1
                            }
                            precondition(at == offsets[c + 1], "as many articles as counted")
                            return at
                        }
                    } }
                }
                madeReused = total
            }
            madeArticles = total
        }
        return (articles, reused, recordAt, pathHashes, pathIndex)
    }

    /// Each previous article's index now (`before`: the `PathHash` of each of the previous
    /// build's articles, in its order) if it is here unchanged, else -1: found by its record
    /// (`records`, the previous build's, one per article), and that record's article now
    /// (`articleOfRecord`, -1 for a record not reused). The records' path hashes must be
    /// distinct (`BuildCache.loadRest` refuses a cache where they are not). Found by chunks
    /// on every core; merging the previous build's ids with the articles' took 20–30 ms.
    static func positionsNow(of before: [UInt64], records: RecordTable, articleOfRecord: [Int32], chunk: Int = 16384) -> [Int] {
        // (The records are in the order of the last build's articles: each is looked for first
        // after the one found before, where it is unless the records were read otherwise.)
        ParallelMap.map(count: before.count, chunk: chunk, state: { $0 - 1 }) { last, i in
            records.position(ofPathHash: before[i], after: &last).map { Int(articleOfRecord[$0]) } ?? -1
        }
    }

    /// Each record's article now (an index into `articles`), -1 for a record not reused, from
    /// each article's record (`recordAt`).
    static func articleOfRecord(_ recordAt: [Int32], records count: Int) -> [Int32] {
        var result = [Int32](repeating: -1, count: count)
        for (i, k) in recordAt.enumerated() where k >= 0 { result[Int(k)] = Int32(i) }
        return result
    }

    /// Lookups of the cache's run index, which finds an unchanged article by its record
    /// (`articleOfRecord`: each record's article now, -1 for one not reused): nil when the index
    /// and what changed since do not count as many articles as the records.
    private static func lookup(_ index: RunIndex, _ since: RunIndexState, _ records: RecordTable, _ articleOfRecord: [Int32]) -> RunLookup? {
        guard index.slotCount - since.gone.count + since.added.count == records.count else { return nil }
        return RunLookup(index: index, state: since, unchangedArticle: { [articleOfRecord] hash in
            guard let k = records.position(ofPathHash: hash), articleOfRecord[k] >= 0 else { return nil }
            return Int(articleOfRecord[k])
        })
    }
}
