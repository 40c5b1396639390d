import Foundation

/// Runs the pipeline: load templates → parse → annotate → render → write (swap in) → save the cache.
///
/// Each stage is timed and reported to the log. With a usable build cache the
/// build is incremental: unchanged files are not read, only pairs involving
/// a changed article are aligned, only pages whose key changed are rendered,
/// only files whose bytes changed are written; the output is byte for byte
/// what a full build gives. Bad articles are reported and left out; anything
/// that would leave no usable site throws `BuildFailure` before the output
/// folder is touched.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    public let log: any BuildLog
    /// What a long-lived process keeps between its builds (`concord serve`), or nil.
    public let memory: BuildMemory?

    /// Archives from this many articles get progress lines.
    public static let progressThreshold = 1000

    public init(options: BuildOptions, log: any BuildLog = SilentLog(), memory: BuildMemory? = nil) {
        self.options = options; self.log = log; self.memory = memory
    }

    public func build() async throws(BuildFailure) -> BuildReport {
        let output = OutputFolder(options.output)
        try output.checkSafe(source: options.source, templates: options.templates,
                             workingDirectory: options.workingDirectory)
        let config = try SiteConfig.load(options.config)
        let templates = try await options.loadTemplates()
        // The build blocks (waiting for the lock, then computing on every core): it runs on a
        // thread of its own, not on one of Swift concurrency's few shared threads, which a
        // server in the same process needs to keep answering.
        // The report is handed over as soon as the site and cache are saved: freeing the
        // build's data (30–40 ms at 10,000 articles) goes on on that thread, unwaited for
        // (a command-line build's thread waits for the process's exit instead: `LeftForExit`).
        let result: Result<BuildReport, BuildFailure> = await withCheckedContinuation { done in
            let pending = Locked<CheckedContinuation<Result<BuildReport, BuildFailure>, Never>?>(done)
            @Sendable func handOver(_ result: Result<BuildReport, BuildFailure>) {
                pending.withLock { $0.take() }?.resume(returning: result)
            }
            let thread = Thread {
                handOver(Result { () throws(BuildFailure) in
                    try self.locked(output, config, templates, finished: { handOver(.success($0)) })
                })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        return try result.get()
    }

    /// - Parameter finished: called with the report before the build's data are freed.
    private func locked(_ output: OutputFolder, _ config: SiteConfig, _ templates: TemplateSet,
                        finished: (BuildReport) -> Void) throws(BuildFailure) -> BuildReport {
        // This process's last build may still be reading its cache back, under the lock (`keepFromDisk`).
        memory?.waitWhileKeeping()
        let lock = try output.lock { log.waiting("another build of \(options.output.path) is running; waiting for it to finish") }
        defer { lock.release() }
        output.recoverStaging()
        // The lock goes as the report is handed over: freeing the build's data touches no file, and
        // the next build (a server's, started at once) would otherwise wait for it, and say so.
        let handOver: (BuildReport) -> Void = { lock.release(); finished($0) }
        if let report = try run(output, config, templates, full: options.full, listed: options.articleList, finished: handOver) { return report }
        log.notice("full build: an article changed while it was being built")
        if let report = try run(output, config, templates, full: true, listed: nil, finished: handOver) { return report }
        throw BuildFailure("articles in \(options.source.path) kept changing during the build; the last site is left in place")
    }

    /// One build; nil when an article file changed under it (the caller builds again).
    /// - Parameter listed: the source folder's article files, when just listed (see `BuildOptions.articlePaths`).
    private func run(_ output: OutputFolder, _ config: SiteConfig, _ templates: TemplateSet, full: Bool, listed: PathList?,
                     finished: (BuildReport) -> Void) throws(BuildFailure) -> BuildReport? {
        let clock = ContinuousClock()
        let start = clock.now
        var stageStart = start
        var timings: [StageTiming] = []
        func finish(_ name: String, _ detail: String = "") {
            let now = clock.now
            let t = StageTiming(name: name, seconds: (now - stageStart).seconds,
                                peakBytes: StageTiming.peakMemory(), detail: detail)
            timings.append(t); log.stage(t)
            stageStart = now
        }
        finish("templates", "\(TemplateSet.required.count) templates, \(templates.assets.count) assets")
        for w in templates.warnings { log.diagnostic(w) }

        let passageOptions = options.passageOptions(config)
        let settings = BuildCache.settings(passageOptions)
        var inputsKey = PageKey(seed: templates.folderChecksum)
        inputsKey.add(config.title)
        let inputs = inputsKey.value
        let cache = BuildCache(output: options.output)
        let loader = ArchiveLoader(sourceFolder: options.source)
        var mark = clock.now
        func lap() -> Int { let now = clock.now; defer { mark = now }; return Int((now - mark).seconds * 1000) }
        let head = Result { () throws(BuildCache.Unusable) in try cache.readState() }
        let stateMS = lap()
        // The cache's body and records are read while the folder is listed (not when a server patches
        // its listing, whose memory keeps them); for `concord add`, which listed the folder itself,
        // while it did (`readCacheAhead`), if `state.bin` is still the one read.
        let given = options.cacheReadAhead
        let ahead = full || memory != nil ? nil : given?.reading(for: head) ?? cacheAhead(cache, head, settings: settings)
        // Whatever reading was started is waited for, used or not: no read of the cache outlives the build.
        defer { given?.reading.wait(); ahead?.wait() }
        let folder = options.source.path, now = options.stampTime?() ?? FileStamp.now()
        let sources = try sourceFiles(loader, cache, full: full, listed: listed, now: now, lap: lap)
        defer { _ = sources.keepingListing?.value() }     // (also waited for before the report: see below)
        let (files, stamps) = (sources.paths, sources.stamps)
        let sourcesKey = BuildState.sourcesKey(paths: files, stamps: stamps)
        // The files the last build's articles linked to are part of what must be as it left them.
        let lastLinked = full ? [] : LinkedFiles(targets: ((try? head.get().state.linkedFiles) ?? []).map(\.target), folder: folder, now: now).entries
        let checkKey = LinkedFiles.key(sourcesKey, lastLinked)
        if !full, let t = try? head.get().state, let c = unchanged(t, sourcesKey: checkKey, settings: settings, inputs: inputs) {
            finish("check", "\(files.count) files" + (sources.listingKept ? " (listing kept from the last build: no folder changed)" : "")
                   + ", templates and settings as the last build left them: nothing to do")
            let report = BuildReport(articles: c[0], pages: c[1], files: c[2], passages: c[3], quotes: c[4], diagnostics: [],
                                     warnings: templates.warnings, timings: timings, seconds: (clock.now - start).seconds, output: options.output,
                                     incremental: true, rendered: 0, written: 0)
            // A long-lived process's first build finds nothing to do more often than not: it reads the
            // cache back for its next build once the report is out.
            if let memory { memory.willKeep(); finished(report); keepFromDisk(in: memory, output) }
            return report
        }
        // The article records (584 MB of shards at 100,000 articles, mapped and checksummed) are
        // read only now that something changed, unless they were read ahead (`cacheAhead`: the
        // folder's time said so before it was listed, or `concord add` said so). Read on a thread of their own at every build, in parallel while the
        // sources were listed and stat'ed, they took the second core from the `stat`s, and a build
        // with nothing to do, which never needs them, took 0.38–0.44 s and 670 MB at 100,000
        // articles; now 0.18–0.22 s and 33 MB.
        var (read, notice, kept) = full ? (nil, nil, false) : usableCache(cache, head, ahead: ahead, settings: settings, output: output)
        let loadMS = lap()
        if let notice { log.notice(notice) }
        // The last build's segments leave the state, held once: the scan renumbers them where they lie.
        let lastEdges = Locked<[WitnessClusterer.Edge]>([])
        if read != nil { lastEdges.withLock { swap(&$0, &read!.state.edges) } }
        let loaded = read     // (a constant from here: closures below capture it)
        let state = loaded?.state
        // What the output and previous generations hold, when known (a full build the cache
        // fell back to still uses it); `--full` trusts nothing the cache says and compares
        // with the staging folder's actual bytes instead.
        let known = full ? nil : (state ?? { () -> BuildState? in
            guard var h = try? head.get(), (try? cache.loadTables(into: &h)) != nil else { return nil }
            return h.state
        }())

        // Progress lines only for archives that take more than about a second.
        let long = files.count >= Self.progressThreshold && state == nil
        if long { log.progress("parsing \(files.count) articles…") }
        var delta = ArchiveDelta.scan(loader, paths: files, stamps: stamps, state: state, edges: lastEdges, runIndex: loaded?.runIndex)
        for d in delta.diagnostics { log.diagnostic(d) }
        // Counted without copying the records' references (100,000 objects visited to be retained).
        let reusedCount = delta.reused.reduce(0) { $1 == nil ? $0 : $0 + 1 }
        finish("parse", "\(delta.articles.count) articles, \(delta.diagnostics.count) left out"
               + (state == nil ? "" : "; \(reusedCount) unchanged, \(delta.added) added, \(delta.edited) edited, \(delta.removed) removed; cache \(kept ? "kept from the last build" : "read") in \(loadMS) ms\(ahead != nil ? " more, the rest read ahead" : "")")
               + "\n      state.bin \(stateMS) ms, " + sources.detail + ", scan \(lap()) ms")

        // The files the articles link to, found and `stat`ed meanwhile.
        let linking = Background { [articles = delta.articles] in LinkedFiles(articles: articles, folder: folder, now: now, known: lastLinked, assets: templates.assets) }
        if long { log.progress("annotating quotes and shared passages…") }
        let annotator = Annotator(passageOptions: passageOptions)
        var outcome = state == nil ? annotator.annotateAll(delta.articles)
                                   : annotator.annotateChanged(delta.articles, previous: delta.takingKeptEdges())
        let annotations = outcome.annotations
        let sub = outcome.timings
        finish("annotate", String(format: "tokenize %.0f ms (%d articles), passages %.0f ms (%d), quotes %.0f ms (%d)",
                                  sub.tokenize * 1000, sub.analysed, sub.passages * 1000, annotations.passages.count,
                                  sub.quotes * 1000, annotations.quotes.count)
                           + (state == nil ? "\n      passages: " + sub.passageProfile.summary : ", \(sub.realigned) pairs aligned" + (sub.runIndexUsed ? " (partners from the run index)" : "")))

        if long { log.progress("rendering pages…") }
        var lap = clock.now
        func split() -> Int { let now = clock.now; defer { lap = now }; return Int((now - lap).seconds * 1000) }
        let counts = wordCounts(delta, outcome, previous: state?.wordCounts)
        outcome.texts = [:]      // the tokens of every article (a gigabyte at 100,000 articles) are no longer needed
        // …and what a full build freed goes back to the system before the pages allocate theirs.
        if state == nil { Memory.giveBack() }
        let countsMS = split()
        // The order newest first, carried from the last build's where it can be.
        let carriedOrder = state?.newestFirst.flatMap {
            NewestFirstOrder.carried($0, previousIndex: delta.previousIndex, articles: delta.articles)
        }
        let model = SiteModel(articles: delta.articles, annotations: annotations, wordCounts: counts, inIDOrder: true,
                              ids: delta.idBytes, newestFirst: carriedOrder, annotatedHere: true)
        let tablesMS = split()
        let linked = linking.value()
        for w in linked.warnings { log.diagnostic(w) }
        let renderer = SiteRenderer(templates: templates, model: model, siteTitle: config.title)
        let pathsMS = split()
        let oldFiles = state?.files ?? FileTable()
        // What the cache will keep of the annotation and of the previous generation, encoded meanwhile.
        let stateStart = startState(known, delta, outcome, counts, newestFirst: model.newestFirst,
                                    outputGeneration: OutputFolder.generation(of: options.output))
        // The run index (written whole after a full build) is made meanwhile too.
        let indexNote = Locked("")
        let indexing = runIndexUpdate(cache, delta, outcome, since: loaded, note: indexNote)
        let outputPath = options.output.path
        // annotations.json and the list pages are made on threads of their own while the other pages are.
        let byStamp = Locked(0)
        let json = annotationsAhead(model, state, oldFiles, byStamp: byStamp)
        let rowKeys = Dictionary(uniqueKeysWithValues: Listing.allCases.map { ($0, renderer.rowKeys($0)) })
        let listKeys = Dictionary(uniqueKeysWithValues: Listing.allCases.map { ($0, renderer.listKey($0, rowKeys: rowKeys[$0]!)) })
        let lists = listsAhead(renderer, rowKeys: rowKeys, listKeys: listKeys, state, oldFiles, byStamp: byStamp)
        let rowsMS = split()
        let modelMS = countsMS + tablesMS + pathsMS + rowsMS
        // Page tables go by position in `renderer.pages`, not by path: a lookup by path
        // costs a hash and a compare of a string in scattered memory (12,000 pages at 10,000 articles).
        let keys = renderer.keys(listKeys: listKeys)
        let keysMS = split()

        let (staging, stagingGeneration, stagingIsNew) = try output.makeStaging()
        // What the staging folder holds (checksum by path hash): nothing when it was made for this build,
        // the previous generation's files when the cache knows them, nil when that is unknown
        // (after `--full`, which vouches for nothing, or when the folder is not the one the cache describes).
        let stagingFiles: FileTable? = stagingIsNew ? FileTable()
            : known != nil && stagingGeneration != nil && stagingGeneration == known!.previousGeneration ? known!.previousFiles : nil
        // Each page's path hash, its entry in the last build's table, and the checksum of the
        // staging folder's copy where known: one lookup each per page, by chunks of pages, each
        // page looked for first where the one before it was found (`FileTable.entry(_:after:)`).
        let lastEntries = ParallelMap.map(count: renderer.pages.count, chunk: 512, state: { _ in (old: -1, held: -1) }) {
            last, i -> LastEntry in
            let hash = renderer.pathHashes[i]
            return (hash, oldFiles.entry(hash, after: &last.old), stagingFiles?.entry(hash, after: &last.held)?.checksum)
        }
        // Pages whose key changed; the list pages among them are rendered on their own (`lists`).
        let changed = renderer.pages.indices.filter { lastEntries[$0].old?.key != keys[$0] }
        let toRender = changed.filter { SiteRenderer.listing(of: renderer.pages[$0]) == nil }
        // Every page, annotations.json and the assets: the tables are sized once, not grown.
        let fileCount = keys.count + 1 + templates.assets.count + linked.entries.count
        let writer = StagingWriter(root: staging)
        let site = StagedSite(writer: writer, held: stagingFiles, capacity: fileCount)
        var rendered: Int
        var renderDetail = ""
        var records: [ArticleRecord] = [], dirty = Set<Int>(), newRecords = 0
        var listRows = state?.listRows ?? [:], reusedRows: [String] = [], jsonParts = Fragments(), reusedEntries = 0
        var shards: Background<[(String, UInt64)], BuildFailure>? = nil, saving: Background<UInt64?, Never>? = nil
        var generation: UInt64 = 0, siteFiles = 0
        var linksPrevious = false
        let order = SiteFileList(pageHashes: renderer.pathHashes, pageLines: renderer.pathLines, pagePath: renderer.path(at:),
                                 others: ["annotations.json"] + templates.assets + linked.entries.filter(\.isPresent).map(\.sitePath))
        let spliced = ["annotations.json"] + Listing.allCases.map { renderer.path(of: $0.page) }
        do throws(BuildFailure) {
            // An incremental build reads the files of the articles whose pages it renders, and
            // writes over those pages' files in the staging folder (reading each one's inode and
            // last block first). When those are many (a template changed), both are asked for
            // ahead of the renderers (until they are done, or one fails).
            let readAhead = state == nil || toRender.count < ReadAhead.worthPages ? []
                : [ReadAhead(renderer.sourcePaths(of: toRender), in: folder),
                   ReadAhead(toRender.map(renderer.path(at:)), in: staging.path)]
            // Speaker pages go entry by entry, their entries kept between builds (`SpeakerRows`).
            let isSpeaker = { (i: Int) -> Bool in if case .speaker = renderer.pages[i] { true } else { false } }
            let speakerPages = templates.speakerEntries == nil ? [] : toRender.filter(isSpeaker)
            rendered = try renderer.render(speakerPages.isEmpty ? toRender : toRender.filter { !isSpeaker($0) }) { i, html in
                site.put(renderer.path(at: i), key: keys[i], Array(html.utf8))
            }
            let speakers = try renderSpeakerPages(renderer, speakerPages, keys: keys, oldFiles: oldFiles, cache: cache, into: site)
            rendered += speakers.pages
            for r in readAhead { r.stop() }
            let pagesMS = split()
            // Pages whose key is unchanged have the bytes the output holds; copied from there
            // when the staging folder lacks them, and rendered after all if the output lost them.
            var isChanged = [Bool](repeating: false, count: renderer.pages.count)
            for i in changed { isChanged[i] = true }
            let lost = stageUnchangedPages(renderer, isChanged: isChanged, lastEntries: lastEntries, staging: staging.path, into: site)
            if !lost.isEmpty {
                rendered += try renderer.render(lost) { i, html in site.put(renderer.path(at: i), key: keys[i], Array(html.utf8)) }
            }
            for asset in templates.assets {
                let bytes = try templates.assetBytes(asset)
                site.put(asset, key: Checksum.of(bytes), bytes)
            }
            let (linkedRead, streamed) = stageLinkedFiles(linked, earlier: state?.linkedFiles ?? [], oldFiles: oldFiles, into: site)
            let copyMS = split()
            let document = json.value()
            jsonParts = document.parts; reusedEntries = document.reused
            site.put("annotations.json", key: 0, document.bytes, checksum: document.checksum)
            let jsonMS = split()
            // Every text a page or annotations.json asks for is known now: the cache's
            // changed shards are written while the lists finish.
            (records, dirty, newRecords) = cacheRecords(delta, outcome)
            let recordsMS = split()
            shards = Background { [records, dirty] () throws(BuildFailure) in
                do throws(BuildCache.Unusable) { return try cache.writeShards(records, dirty: dirty, previous: loaded?.shardFiles) }
                catch { throw BuildFailure(error.description) }
            }
            let finished = try lists?.value() ?? []
            let listsMS = split()
            for (list, page, sum) in finished {
                let path = renderer.path(of: list.page)
                site.put(path, key: listKeys[list]!, page.html, checksum: sum); rendered += 1
                listRows[path] = page.rows
                reusedRows.append("\(list.section) \(page.reused) of \(page.rows.items.count)")
            }
            let listsWriteMS = split()
            try writer.finish()
            // (`linkPrevious` copies these files rather than linking them: the link would set their inode change time.)
            let splicedStamps = Self.stamps(of: spliced, in: staging.path)
            if SourceBytes.anyStale(in: delta.articles) { OutputFolder.discard(staging); memory?.forget(); return nil }
            // The cache is saved on a thread of its own while the staging folder is pruned and
            // swapped in. Should the swap fail, or the build be killed before it, the cache names
            // a generation the output does not hold, and the next build is a full one.
            let fileTable = site.files.table
            generation = Self.generation(of: fileTable); siteFiles = fileTable.count
            let counts = [delta.articles.count, renderer.pages.count, fileTable.count,
                          annotations.passages.count, annotations.quotes.count]
            // A site with no earlier generation gets one once it is in place (`linkPrevious`),
            // which the cache describes: these same files.
            linksPrevious = stagingIsNew && !FileManager.default.fileExists(atPath: outputPath + "/" + OutputFolder.marker)
            saving = Background { [self, shards, indexing, listRows, jsonParts, generation,
                                   counts = delta.diagnostics.isEmpty && linked.warnings.isEmpty ? counts : [], linksPrevious,
                                   linkedFiles = linked.entries] in
                saveCache(cache, start: stateStart, shards: shards!, runIndex: indexing, fileTable,
                          listRows: listRows, jsonParts: jsonParts, splicedStamps: splicedStamps,
                          speakerRows: speakers.rows,
                          generation: generation, previousIsThis: linksPrevious,
                          settings: settings, inputs: inputs, sourcesKey: LinkedFiles.key(sourcesKey, linkedFiles),
                          linkedFiles: linkedFiles, counts: counts)
            }
            OutputFolder.prune(staging, keeping: fileTable, order: order, holding: stagingFiles)
            let stencilled = templates.stencilCounts.withLock { $0 }
            renderDetail = "model \(modelMS) ms (word counts \(countsMS), tables \(tablesMS), paths \(pathsMS), list rows \(rowsMS)), keys \(keysMS) ms, pages \(pagesMS) ms (\(stencilled.filled) filled from stencils, \(stencilled.plain) by swift-mustache; \(speakers.pages) speaker page\(speakers.pages == 1 ? "" : "s") by entry, \(speakers.kept) of \(speakers.entries) entries kept), unchanged \(copyMS) ms (with the \(linked.entries.count) linked file\(linked.entries.count == 1 ? "" : "s"), \(linkedRead) read, \(streamed) of them in pieces), annotations.json \(jsonMS) ms (\(reusedEntries) of \(jsonParts.items.count) entries kept), \(byStamp.withLock { $0 }) earlier files known by their stamp (not checksummed), cache records \(recordsMS) ms, waiting for the lists \(listsMS) ms, writing them \(listsWriteMS) ms (rows kept: \(reusedRows.isEmpty ? "no list changed" : reusedRows.joined(separator: ", "))), prune \(split()) ms"
        } catch {
            OutputFolder.discard(staging)
            // The shards and run index this build wrote are named by no `state.bin`.
            _ = try? shards?.value(); _ = indexing.value(); cache.removeUnnamed()
            throw error
        }
        let pageCount = renderer.pages.count
        finish("render", "\(rendered) of \(pageCount) pages rendered\n      " + renderDetail)

        // Plain writes, no fsync (like every file of the site): the staging folder is not live.
        _ = Array(String(generation, radix: 16).utf8).withUnsafeBytes {
            FastFiles.write($0, to: staging.path + "/" + OutputFolder.generationFile, sparingLinks: true)
        }
        do throws(BuildFailure) { try output.swap(in: staging) } catch {
            _ = saving?.value()        // the cache is not left half-written for the next build
            throw error
        }
        let written = writer.fileCount, linkedToLast = writer.linkCount
        finish("write", "\(written) of \(siteFiles) files written" + (linkedToLast > 0 ? ", \(linkedToLast) linked to the last site's" : "") + " → \(options.output.path)")
        if linksPrevious {
            if long { log.progress("linking the site into \(output.previous.lastPathComponent) for the next build…") }
            let count = output.linkPrevious(order.paths, copying: Set(spliced))
            finish("link", count.map { "\($0) files linked into \(output.previous.lastPathComponent), the next build's staging folder" }
                   ?? "could not link the site into \(output.previous.lastPathComponent); the next build makes its own staging folder")
        }
        let seal = saving?.value() ?? nil
        // (The shards were written before the cache was saved.)
        let shardFiles = (try? shards?.value()) ?? []
        let sameShards = loaded.map { $0.shardFiles.count == shardFiles.count ? zip($0.shardFiles, shardFiles).filter { $0.0.0 == $0.1.0 }.count : 0 } ?? 0
        finish("cache", cache.folder.lastPathComponent + " (\(newRecords) of \(records.count) records new, "
               + "\(shardFiles.count - sameShards) of \(shardFiles.count) shards written)" + indexNote.withLock { $0 })

        let report = BuildReport(articles: delta.articles.count, pages: pageCount, files: siteFiles,
                                 passages: annotations.passages.count, quotes: annotations.quotes.count,
                                 diagnostics: delta.diagnostics, warnings: templates.warnings + linked.warnings, timings: timings,
                                 seconds: (clock.now - start).seconds, output: options.output,
                                 incremental: state != nil, rendered: rendered, written: written)
        // A long-lived process keeps the cache as written, once the report is out (a next build waits
        // for it: tens of milliseconds, where reading it back takes more): after an incremental build,
        // with the records this build holds; else read back from disk.
        if let memory { memory.willKeep() }
        // The lock goes with the report (`handOver`), and a command-line build's process ends with
        // it: what runs beside the build is done first (the listing kept for the next build written,
        // the cache's reading ahead finished), not left to a next build or to the process's exit.
        _ = sources.keepingListing?.value(); given?.reading.wait(); ahead?.wait()
        finished(report)
        // The process exits now: the build's data are left to it, never freed one by one.
        if options.exitsAfterBuild && memory == nil { LeftForExit.park() }
        if let memory {
            let keptOwn = if let loaded, let seal {
                keep(in: memory, cache, seal: seal, records: records, inMemory: loaded.inMemory + delta.reused.count - reusedCount)
            } else { false }
            // (`serve --full`: every build is a full one, and reads nothing back.)
            if !keptOwn { if seal != nil && !options.full { keepFromDisk(in: memory, output) } else { memory.forget() } }
        }
        return report
    }
}

extension SiteBuilder {
    /// The generation id: a checksum of the site's files (path hash and bytes), summed so that
    /// their order does not matter (the same input gives the same bytes, this file included).
    static func generation(of files: FileTable) -> UInt64 {
        var sum = UInt64(files.count)
        files.forEach { path, entry in
            var one = PageKey(seed: entry.checksum); one.add(path); sum &+= one.value
        }
        return max(1, sum)
    }
}
