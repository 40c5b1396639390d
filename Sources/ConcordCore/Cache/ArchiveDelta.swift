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
    /// never the reverse).
    var stamps: [String: FileStamp]
    var added = 0, edited = 0, removed = 0

    /// - Parameters:
    ///   - paths: article files now in the source folder.
    ///   - state: the cache's records, or nil for a full build.
    ///   - stamps: each path's stamp, taken before any file is read.
    static func scan(_ loader: ArchiveLoader, paths: [String], stamps: [FileStamp?], state: BuildState?) -> ArchiveDelta {
        let records = state?.records ?? [:]
        // Files whose stamp matches their record are taken as they were; the rest are read.
        // (Looked up in parallel: 10,000 paths at 10,000 articles, and the other core is idle here.)
        var kept = ParallelMap.map(Array(paths.indices), chunk: 512) { i -> ArticleRecord? in
            guard let stamp = stamps[i], let rec = records[paths[i]], rec.stamp == stamp else { return nil }
            return rec
        }
        var read: [String] = []
        var stampOf: [String: FileStamp] = [:]
        for (i, path) in paths.enumerated() where kept[i] == nil {
            read.append(path)
            if let stamp = stamps[i] { stampOf[path] = stamp }
        }
        let loaded = (try? loader.load(paths: read)) ?? ArchiveLoader.Result(articles: [], diagnostics: [])
        var fresh: [String: Article] = [:]
        for a in loaded.articles { fresh[a.path] = a }
        var changedPaths = Set<String>()
        // A file touched but with the same bytes keeps its record, restamped (the records
        // are this build's: read from the cache for it alone).
        for (i, path) in paths.enumerated() where kept[i] == nil {
            if let a = fresh[path], let rec = records[path], rec.article.contentHash == a.contentHash, rec.article.id == a.id,
               let stamp = stampOf[path] {
                rec.stamp = stamp
                kept[i] = rec; fresh[path] = nil; changedPaths.insert(path)
            }
        }
        // Same rule as a full load: sorted paths, the first file of an id wins.
        var candidates: [(Article, ArticleRecord?)] = []
        candidates.reserveCapacity(paths.count)
        for (i, path) in paths.enumerated() {
            if let rec = kept[i] { candidates.append((rec.article, rec)) } else if let a = fresh[path] { candidates.append((a, nil)) }
        }
        let (chosen, duplicates) = ArchiveLoader.firstOfEachID(candidates, \.0)
        let diagnostics = (loaded.diagnostics + duplicates).sorted { ($0.path, $0.line) < ($1.path, $1.line) }

        let articles = chosen.map(\.0)
        let reused = chosen.map(\.1)
        // Edges between two reused articles stay (by their new indices): found on a thread of
        // their own while the records not reused are gathered.
        let keeping = Background { [articles, reused, edges = state?.edges ?? [], ids = state?.edgeArticles ?? []] () -> [WitnessClusterer.Edge] in
            // Each previous article's index now if it is here unchanged, else -1: the two id
            // lists are both in id order, so one merge finds them (no hashing).
            var now = [Int](repeating: -1, count: ids.count)
            var j = 0
            for (i, id) in ids.enumerated() {
                while j < articles.count && articles[j].id < id { j += 1 }
                if j < articles.count && articles[j].id == id && reused[j] != nil { now[i] = j }
            }
            return edges.compactMap { e in
                let a = now[e.a], b = now[e.b]
                guard a >= 0, b >= 0 else { return nil }
                var kept = e
                kept.a = a; kept.b = b
                return kept
            }
        }
        // The cache's records not reused, found by identity (cheaper than by path).
        var reusedRecords = Set<ObjectIdentifier>()
        reusedRecords.reserveCapacity(chosen.count)
        for case let (_, rec?) in chosen { reusedRecords.insert(ObjectIdentifier(rec)) }
        var oldRuns: [ArticleRuns] = []
        var removed = 0, edited = 0
        for (path, rec) in records where !reusedRecords.contains(ObjectIdentifier(rec)) {
            oldRuns.append(rec.analysis.runs); changedPaths.insert(path)
            if fresh[path] != nil { edited += 1 } else { removed += 1 }
        }
        let added = chosen.filter { $0.1 == nil }.count - edited
        for (a, rec) in chosen where rec == nil { changedPaths.insert(a.path) }
        let previous = Annotator.Previous(reused: reused, oldRuns: oldRuns,
                                          boilerplate: state?.boilerplate ?? [], keptEdges: keeping.value(),
                                          passageIDs: state?.passageIDs ?? [:])
        return ArchiveDelta(articles: articles, diagnostics: diagnostics, reused: reused, previous: previous,
                            changedPaths: changedPaths, stamps: stampOf, added: max(0, added), edited: edited, removed: removed)
    }
}
