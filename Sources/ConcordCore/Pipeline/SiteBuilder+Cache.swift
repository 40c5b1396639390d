import Foundation

/// The build cache's side of a build: whether it may be used, what it keeps.
extension SiteBuilder {
    /// The last build's counts (articles, pages, files, passages, quotes) when it left the
    /// output for exactly these files, templates and settings (every source file's stamp
    /// the same, no article left out): then there is nothing to do.
    func unchanged(_ t: BuildState, sourcesKey: UInt64, settings: UInt64, inputs: UInt64) -> [Int]? {
        guard t.counts.count == 5, t.settings == settings, t.inputs == inputs, t.sourcesKey != 0, t.sourcesKey == sourcesKey,
              OutputFolder.generation(of: options.output) == t.generation else { return nil }
        return t.counts
    }

    /// The cache with its article records, if `state.bin` (already read: `head`) fits
    /// this build's settings and the site now in the output folder; else nil and why,
    /// in one line. The records are read only once the cache is known to fit, and not at
    /// all when `memory` kept them (`kept`).
    /// - Parameter ahead: the body's tables and the records, when `cacheAhead` started reading them.
    func usableCache(_ cache: BuildCache, _ head: Result<BuildCache.Loaded, BuildCache.Unusable>, ahead: CacheAhead? = nil,
                     settings: UInt64, output: OutputFolder) -> (BuildCache.Loaded?, notice: String?, kept: Bool) {
        do throws(BuildCache.Unusable) {
            var loaded = try head.get()
            guard loaded.state.settings == settings else {
                return (nil, "full build: the passage settings changed, or the cache was made by a version of Concord that annotates, keys pages or stores records another way", false)
            }
            guard OutputFolder.generation(of: output.url) == loaded.state.generation else {
                return (nil, "full build: \(output.url.lastPathComponent)/ is not the site the build cache describes", false)
            }
            if let kept = memory?.take(seal: loaded.seal, source: options.source.path, output: options.output.path) {
                return (kept.loaded, nil, true)
            }
            // Taken, not copied: the build then holds the tables once (the segments are changed where they lie).
            if let ahead { return (try ahead.take().get(), nil, false) }
            try cache.loadRest(into: &loaded, sourceFolder: options.source.path)
            return (loaded, nil, false)
        } catch {
            return (nil, "full build: \(error.description)", false)
        }
    }

    /// The cache's head with its body's tables decoded (segments, passages, file tables, where
    /// reusable pieces lie) and its article records read, or why they could not be.
    typealias CacheAhead = Background<Result<BuildCache.Loaded, BuildCache.Unusable>, Never>

    /// Starts reading the cache's body and records on a thread of their own, when the head says
    /// the cache fits this build and the source folder changed since the cache was written (else
    /// nil). Neither depends on the sources, so they are read while the folder is listed, which
    /// keeps one core in the kernel while the other would idle (60–90 ms at 100,000 articles),
    /// one part after the other (`loadRest(serially:)`, which leaves that core to the listing),
    /// then beside the `stat`s. Read after them, the records alone took 65–90 ms of an add.
    ///
    /// A file added, removed or renamed in the folder (an article added: the usual change) gives
    /// the folder a new modification time; an edit, or no change at all, does not. Nothing is
    /// read ahead then: a build that finds nothing changed never needs the cache's body or
    /// records, and they would cost it 25 ms and 66 MB (the tables alone) at 100,000 articles.
    /// Only a hint: a change in a subfolder, or an edit, is found as before, with the cache read
    /// once the sources are known to have changed. A build waits for what it started reading,
    /// needed or not, so that no read of the cache outlives it.
    ///
    /// - Parameters:
    ///   - changed: the sources are known to change (`readCacheAhead()`): the folder's time is not asked.
    ///   - stopped: asked between the parts read; once it says so, the rest is not read.
    ///   - serially: one part after the other, beside a listing of the folder; else on every core.
    func cacheAhead(_ cache: BuildCache, _ head: Result<BuildCache.Loaded, BuildCache.Unusable>, settings: UInt64,
                    changed: Bool = false, serially: Bool = true, stopped: (@Sendable () -> Bool)? = nil) -> CacheAhead? {
        guard case .success(let loaded) = head, loaded.body != nil, loaded.state.settings == settings,
              changed || sourceFolderChanged(since: cache),
              OutputFolder.generation(of: options.output) == loaded.state.generation else { return nil }
        return Background { [source = options.source.path] in
            var rest = loaded
            return Result { () throws(BuildCache.Unusable) in
                try cache.loadRest(into: &rest, sourceFolder: source, serially: serially, stopped: stopped); return rest
            }
        }
    }

    /// Whether the source folder's modification time is later than the cache's `state.bin`.
    private func sourceFolderChanged(since cache: BuildCache) -> Bool {
        guard let folder = FileStamp.of(path: options.source.path),
              let written = FileStamp.of(path: cache.folder.path + "/state.bin") else { return false }
        return folder.modified > written.modified
    }

    /// Starts reading the build cache for a build this process will run once it has added
    /// articles itself (`concord add`), on every core: the import takes the names in use from
    /// the listing the cache keeps and hands it to the build, which lists no folder, so the
    /// reading shares the cores with the `stat`s from the start. Read one part after the other,
    /// as beside a listing, it went on alone for up to 40 ms after them at 100,000 articles, one
    /// core idle. Nil when the cache does not fit this build's settings or output folder.
    public func readCacheAhead() -> CacheReadAhead? {
        guard !options.full, memory == nil, let config = try? SiteConfig.load(options.config) else { return nil }
        let cache = BuildCache(output: options.output)
        let head = Result { () throws(BuildCache.Unusable) in try cache.readState() }
        let stopped = Locked(false)
        guard case .success(let loaded) = head,
              let reading = cacheAhead(cache, head, settings: BuildCache.settings(options.passageOptions(config)), changed: true,
                                       serially: false, stopped: { stopped.withLock { $0 } }) else { return nil }
        return CacheReadAhead(seal: loaded.seal, reading: reading, stopped: stopped)
    }

    /// The source folder's article files now, as the walk finds them reading only the folders
    /// changed since the last build listed it (`ArchiveLoader.walk(reusing:)`), the others' files
    /// taken from the listing it kept (`KeptListing`), or every folder when it kept none usable
    /// (after an upgrade, or a build whose folders were not settled): what `concord add` takes for
    /// the names in use, and may keep (`AddSession.keepListing`). Nil under `--full` or in a server's build
    /// (which keeps its own), or when the folder cannot be walked.
    public func currentListing() -> KeptListing? {
        guard !options.full, memory == nil else { return nil }
        let clock = FileStamp.now()
        let kept = keptListingFile()
        // No folder changed since (the walk would read none): the kept listing itself, its paths
        // copied out of the file only when the import asks for them, with room for its names
        // (made here and handed on, the list was copied again when the import put a name in).
        if var kept, kept.isCurrent(source: options.source.path) {
            kept.listedAt = clock
            return kept
        }
        guard let walked = try? ArchiveLoader(sourceFolder: options.source).walk(reusing: kept) else { return nil }
        var listing = KeptListing(paths: walked.paths, folders: walked.folders, sawLink: walked.sawLink)
        listing.listedAt = clock
        return listing
    }

    /// The listing the last build kept in the cache, whatever changed since; nil under `--full`
    /// or in a server's build.
    func keptListingFile() -> KeptListing? {
        guard !options.full, memory == nil else { return nil }
        return KeptListing.load(source: options.source.path, from: BuildCache(output: options.output).folder.path)
    }

    /// Word counts per article: the last build's (`previous`, by `ArchiveDelta.previousIndex`)
    /// where the article and its witnesses are unchanged, else counted from its text. Made by
    /// chunks of articles on every core (at least 32 chunks up to 32,768 articles, so that a
    /// full build's counting is shared out), each into counts of its own, then joined.
    func wordCounts(_ delta: ArchiveDelta, _ outcome: Annotator.Outcome, previous: WordCounts?) -> WordCounts {
        let count = delta.articles.count, chunk = max(64, min(1024, count / 32))
        // (Of use only with each article's place in the last build.)
        let last = delta.previousIndex.count == count ? previous : nil
        // Each article's witnesses read where they lie: a slice for each article retains the array
        // (from every core at once).
        let (starts, ranges, previousIndex) = (outcome.witnessRanges.starts, outcome.witnessRanges.ranges, delta.previousIndex)
        let parts = ParallelMap.map(Array(stride(from: 0, to: count, by: chunk)), chunk: 1) { lo -> WordCounts in
            var part = WordCounts()
            part.reserve(min(chunk, count - lo))
            for i in lo..<min(count, lo + chunk) {
                let mine = starts[i]..<starts[i + 1]
                if let last, case let j = Int(previousIndex[i]), j >= 0, j < last.count, last.isFor(j, witnesses: ranges, at: mine) {
                    part.append(j, of: last)
                    continue
                }
                let a = delta.articles[i]
                let text = outcome.texts[i] ?? WordTokenizer().tokenize(a.source, in: a.body)
                part.append(ArticleWordStats(text: text, witnesses: Array(ranges[mine])))
            }
            return part
        }
        return WordCounts(joining: parts)
    }

    /// The cache records of this build's articles (in the order of `delta.articles`), the shards
    /// whose records changed (among `BuildCache.maxShards`), and how many records were made anew.
    func cacheRecords(_ delta: ArchiveDelta, _ outcome: Annotator.Outcome) -> ([ArticleRecord], Set<Int>, Int) {
        var dirty = Set(delta.changedPaths.map { BuildCache.shard(of: PathHash.of($0)) })
        let count = delta.articles.count, chunk = 8192
        // Made by chunks on every core, each straight into its place: every record is visited
        // (its count of references raised), 100,000 scattered objects
        // that took 20 ms on one core at the end of every build.
        var changedShards: [[Int]] = []
        let records = [ArticleRecord](unsafeUninitializedCapacity: count) { buffer, made in
            nonisolated(unsafe) let buffer = buffer
            changedShards = ParallelMap.map(Array(stride(from: 0, to: count, by: chunk)), chunk: 1) { lo -> [Int] in
                var shards: [Int] = []
                for i in lo..<min(count, lo + chunk) {
                    let old = delta.reused[i]
                    // Unchanged: the same record, unless everything was analysed anew (as when an
                    // earlier record's runs were found damaged).
                    if let old, !outcome.analysedAll { (buffer.baseAddress! + i).initialize(to: old); continue }
                    let a = delta.articles[i]
                    let record = ArticleRecord(stamp: old?.stamp ?? delta.stamps[a.path] ?? .unknown,
                                               article: a, analysis: outcome.analysis(i))
                    shards.append(BuildCache.shard(of: record.pathHash))
                    (buffer.baseAddress! + i).initialize(to: record)
                }
                return shards
            }
            made = count
        }
        for shards in changedShards { dirty.formUnion(shards) }
        return (records, dirty, changedShards.reduce(0) { $0 + $1.count })
    }

    /// What `state.bin` will say of the annotation and of the previous generation (the
    /// output as it is now, kept when it is the site the cache describes), with those
    /// sections encoded: made on a thread of its own while the pages are.
    typealias StateStart = Background<(state: BuildState, sections: [BuildState.Section: [CachePiece]]), Never>

    func startState(_ known: BuildState?, _ delta: ArchiveDelta, _ outcome: Annotator.Outcome, _ counts: WordCounts,
                    newestFirst: [Int32], outputGeneration: UInt64?) -> StateStart {
        let previousGeneration = known != nil && outputGeneration == known!.generation ? outputGeneration! : 0
        return Background { [pathHashes = delta.pathHashes, edges = outcome.edges, boilerplate = outcome.boilerplate,
                             annotations = outcome.annotations, edgePassages = outcome.edgePassages, firstChoices = outcome.firstChoices] in
            var state = BuildState(
                settings: 0, generation: 0, previousGeneration: previousGeneration,
                previousFiles: previousGeneration == 0 ? FileTable() : (known?.files ?? FileTable()),
                records: RecordTable(), boilerplate: boilerplate, edges: edges, articleHashes: pathHashes, files: FileTable())
            state.edgePassages = edgePassages
            state.passages = StoredPassages(annotations.passages, articles: annotations.witnessArticles,
                                            firstChoices: firstChoices)   // nil: not known
            state.wordCounts = counts; state.newestFirst = newestFirst
            return (state, [.annotation: state.pieces(of: .annotation), .articleTables: state.pieces(of: .articleTables),
                            .previousFiles: state.pieces(of: .previousFiles)])
        }
    }

    /// Writes `state.bin` for this build, from `start` (see `startState`), naming the shards
    /// written (in the background) by `shards`. `previousIsThis`: the previous generation will
    /// be a copy of this site (`OutputFolder.linkPrevious`), not the one `start` describes.
    /// `jsonParts`: where `annotations.json`'s entries lie, written where they lie (`Fragments.pieces`).
    /// `speakerRows`: the rows of the speaker pages this build rendered, by path hash, written before `state.bin`
    /// (each names the page it describes by its checksum: one a killed build wrote is not used).
    /// - Returns: the seal of the `state.bin` written (`BuildCache.Loaded.seal`), nil if none was.
    func saveCache(_ cache: BuildCache, start: StateStart,
                   shards: Background<[(String, UInt64)], BuildFailure>, runIndex: Background<RunIndexState, Never>,
                   _ files: FileTable, listRows: [String: Fragments], jsonParts: Fragments,
                   splicedStamps: [UInt64: FileStamp] = [:], speakerRows: [(UInt64, SpeakerRows)] = [], generation: UInt64,
                   previousIsThis: Bool = false, settings: UInt64, inputs: UInt64, sourcesKey: UInt64,
                   linkedFiles: [LinkedFiles.Entry] = [], counts: [Int]) -> UInt64? {
        var (state, early) = start.value()
        if previousIsThis {
            state.previousGeneration = generation
            state.previousFiles = files
            early[.previousFiles] = nil
        }
        state.settings = settings; state.generation = generation
        state.files = files
        state.inputs = inputs
        state.listRows = listRows
        state.jsonParts = jsonParts
        state.splicedStamps = splicedStamps
        state.counts = counts
        state.linkedFiles = linkedFiles
        state.runIndex = runIndex.value()
        // A build that left an article out, or warned of a link, keeps no stamps: the next one must report it again.
        if !counts.isEmpty { state.sourcesKey = sourcesKey }
        do throws(BuildFailure) {
            let written = try shards.value()
            // (One not written: the next build renders that page's entries.)
            _ = ParallelMap.map(speakerRows, chunk: 16) { $0.1.write(to: cache.folder, pathHash: $0.0) }
            do throws(BuildCache.Unusable) { return try cache.commit(state, shards: written, early: early) } catch { throw BuildFailure(error.description) }
        } catch {
            log.notice("\(error.message); the next build will be a full one")
            cache.remove()
            return nil
        }
    }

    /// Keeps in `memory` the cache this build wrote (`seal`), its tables read back and its
    /// records as this build holds them (`records`), the bytes read of restored articles
    /// forgotten; unless another build wrote `state.bin` since, or more than
    /// `BuildMemory.keptFreshLimit` articles would be held in memory (`inMemory`).
    /// Returns whether it kept it; if not, `memory` still says a build is keeping (see `keepFromDisk`).
    func keep(in memory: BuildMemory, _ cache: BuildCache, seal: UInt64, records: [ArticleRecord], inMemory: Int) -> Bool {
        guard inMemory <= BuildMemory.keptFreshLimit, var loaded = try? cache.readState(), loaded.seal == seal,
              (try? cache.loadRest(into: &loaded, holding: records)) != nil else { return false }
        loaded.inMemory = inMemory
        for rec in records { rec.article.storage.unload() }
        memory.keep(.init(seal: seal, loaded: loaded, source: options.source.path, output: options.output.path))
        return true
    }

    /// Keeps in `memory` the cache as `state.bin` now names it, read back from disk (records as
    /// mapped views: no article's bytes held), unless `memory` holds it already. Called by a
    /// long-lived process's build once its report is out, when it kept nothing of its own (it
    /// found nothing to do, as the first build of `concord serve` often does; it was a full build;
    /// its articles held too many bytes): else the next build reads it, 80–100 ms of the first
    /// rebuild after an edit at 100,000 articles.
    ///
    /// Read under the output's lock, taken only if no other build holds it (another process's
    /// build may be writing the cache: nothing is kept then); this process's next build waits
    /// for it before it takes the lock (`BuildMemory.waitWhileKeeping`). Ends what `willKeep` began.
    func keepFromDisk(in memory: BuildMemory, _ output: OutputFolder) {
        let source = options.source.path, outputPath = options.output.path
        guard let lock = output.tryLock() else { memory.forget(); return }
        let cache = BuildCache(output: options.output)
        guard var loaded = try? cache.readState(), loaded.body != nil else { lock.release(); memory.forget(); return }
        if memory.holds(seal: loaded.seal, source: source, output: outputPath) { lock.release(); memory.keepAsIs(); return }
        let read = (try? cache.loadRest(into: &loaded, sourceFolder: source)) != nil
        lock.release()
        if read { memory.keep(.init(seal: loaded.seal, loaded: loaded, source: source, output: outputPath)) } else { memory.forget() }
    }

    /// The run index the next build will find: this one's with this build's changes noted
    /// (`RunIndexState`), or, after a full build, when there was no usable or sound one or when the
    /// changes noted grow past `RunIndexState.rewriteAfter`, a new file of every article's runs,
    /// written on a thread of its own (none if some runs are damaged or it cannot be written).
    func runIndexUpdate(_ cache: BuildCache, _ delta: ArchiveDelta, _ outcome: Annotator.Outcome,
                        since loaded: BuildCache.Loaded?, note: Locked<String>) -> Background<RunIndexState, Never> {
        let count = delta.articles.count
        if let loaded, let index = loaded.runIndex, delta.previous.lookup != nil, !outcome.analysedAll, !outcome.runIndexDamaged {
            var next = loaded.state.runIndex
            let gone = Set(delta.goneRecords)
            next.gone = Array(Set(next.gone).union(delta.goneRecords.filter { index.contains(pathHash: $0) })).sorted()
            next.added = next.added.filter { !gone.contains($0.pathHash) }
            for i in delta.articles.indices where delta.reused[i] == nil {
                next.added.append((delta.articles[i].pathHash, outcome.analysis(i).runs))
            }
            next.added.sort { $0.pathHash < $1.pathHash }
            if next.gone.count + next.added.count <= RunIndexState.rewriteAfter(articles: count) {
                return Background { [next] in next }
            }
        }
        return Background { [articles = delta.articles, analysis = outcome.analysis] in
            let clock = ContinuousClock(), start = clock.now
            let runs = (0..<count).map { i in (pathHash: articles[i].pathHash, runs: analysis(i).runs) }
            guard runs.allSatisfy({ $0.runs.isIntact }) else { return RunIndexState() }
            try? FileManager.default.createDirectory(at: cache.folder, withIntermediateDirectories: true)
            let name = BuildCache.runIndexName()
            guard let seal = RunIndex.write(runs, to: cache.folder.path + "/" + name) else { return RunIndexState() }
            note.withLock { $0 = String(format: ", run index written anew in %.0f ms", (clock.now - start).seconds * 1000) }
            return RunIndexState(file: (name, seal))
        }
    }
}
