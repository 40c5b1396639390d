/// What one build leaves for the next: the build cache's contents in memory.
struct BuildState: Sendable {
    /// Settings the annotation depends on (passage options, cache format); any change means a full build.
    var settings: UInt64
    /// The output generation these records describe (`OutputFolder.generationFile`).
    var generation: UInt64
    /// The generation kept as `.<out>.previous`, and each of its files (by `PathHash`): the
    /// table `files` was when that generation was built (only the checksums are asked for).
    var previousGeneration: UInt64
    var previousFiles: FileTable
    /// Every article built, found by path.
    var records: RecordTable
    var boilerplate: Set<UInt64>
    /// Aligned segments, their articles by position in `articleHashes`: the `PathHash` of each
    /// of the build's articles, in id order. The next build finds an article there by its record
    /// (`ArchiveDelta.positionsNow`), whose path has that hash: a table of 100,000 ids was
    /// written, decoded into strings and merged with the articles' ids at every build.
    var edges: [WitnessClusterer.Edge]
    var articleHashes: [UInt64] = []
    /// Each edge's passage (an index into `passages`, -1: none), and the passages, each witness's
    /// article by position in `articleHashes` (nil: not known): what the next build carries over
    /// of the passages no change reaches (`WitnessClusterer.passages(after:…)`).
    var edgePassages: [Int32] = []
    var passages: StoredPassages? = nil
    /// Each article's word counts and the witnesses they were made for, by position in
    /// `articleHashes` (nil: not known): an unchanged article whose witnesses are the same
    /// takes its counts from here (`SiteBuilder.wordCounts`).
    var wordCounts: WordCounts? = nil
    /// The articles newest first, by position in `articleHashes` (nil: not known): the next
    /// build's order for the articles it finds unchanged (`NewestFirstOrder`).
    var newestFirst: [Int32]? = nil
    /// Each file of the output (by `PathHash`): the key of what it was made from, and the checksum of its bytes.
    var files: FileTable
    /// What else the site was made from (templates and assets, site title), and
    /// the key of every source file's stamp (`sourcesKey`; 0: none): when both are
    /// the same, nothing changed.
    var inputs: UInt64 = 0
    var sourcesKey: UInt64 = 0
    /// The last build's summary counts, for a build that finds nothing changed.
    var counts: [Int] = []
    /// The files the articles link to, with their stamps as the build copied them (`LinkedFiles`):
    /// in the head, since a build that finds no article changed still `stat`s them.
    var linkedFiles: [LinkedFiles.Entry] = []
    /// Where each row of the output's list pages (`index.html`, the passages and
    /// speakers lists) lies, by page path, for reuse.
    var listRows: [String: Fragments] = [:]
    /// Where each article, passage and quote entry of the output's `annotations.json` lies, for reuse.
    var jsonParts = Fragments()
    /// The stamps of the files the next build splices from (`annotations.json` and the list
    /// pages, by `PathHash`) as this build left them: a file that still has its stamp holds
    /// these bytes, and is not checksummed whole (120 MB at 100,000 articles) before reuse.
    var splicedStamps: [UInt64: FileStamp] = [:]
    /// The run index's file (named in the head) and what changed since it was written (in the body).
    var runIndex = RunIndexState()

    struct FileEntry: Sendable, Equatable {
        var key: UInt64
        var checksum: UInt64
    }

    /// The head of `state.bin`: all a build needs to tell that nothing changed, or
    /// whether the cache fits at all; decoded at once.
    func encodeHead(into w: inout ByteWriter) {
        w.u64(settings); w.u64(generation); w.u64(previousGeneration); w.u64(inputs); w.u64(sourcesKey)
        w.int(counts.count); for c in counts { w.int(c) }
        w.int(linkedFiles.count)
        for e in linkedFiles {
            w.string(e.target); (e.stamp ?? FileStamp.unknown).encode(into: &w)
        }
    }

    static func decodeHead(from r: inout ByteReader) throws(ByteReader.Malformed) -> BuildState {
        var state = BuildState(settings: try r.u64(), generation: try r.u64(), previousGeneration: try r.u64(),
                               previousFiles: FileTable(), records: RecordTable(), boilerplate: [], edges: [], files: FileTable())
        state.inputs = try r.u64(); state.sourcesKey = try r.u64()
        for _ in 0..<(try r.count(max: 16)) { state.counts.append(try r.int()) }
        for _ in 0..<(try r.count()) {
            let target = try r.string(), st = try FileStamp.decode(from: &r)
            state.linkedFiles.append(.init(target: target, stamp: st == FileStamp.unknown ? nil : st))
        }
        return state
    }

    /// The body's sections, in the order of the file.
    enum Section: Int, CaseIterable, Sendable {
        /// Boilerplate runs and aligned segments: known once annotation is done.
        case annotation
        /// Word counts and the order newest first (`wordCounts`, `newestFirst`): known once the
        /// site model is made.
        case articleTables
        case files
        /// Known from the start of a build.
        case previousFiles
        /// Where the list pages' rows lie (`listRows`): known once the list pages are made.
        case listRows
        /// Where `annotations.json`'s entries lie (`jsonParts`): known once `annotations.json`
        /// is made; written where they lie (`Fragments.pieces`: encoded at the end of every
        /// build, these took 10–15 ms at 100,000 articles, then were encoded on a thread of
        /// their own while the list pages were made).
        case pageTables
        /// The stamps of the spliced files (`splicedStamps`): known once the site is written.
        case splicedStamps
        /// What changed since the run index was written.
        case runIndex
    }

    /// The body: the tables an incremental build works from; decoded beside the stat of the sources.
    /// Its sections are joined in order; those not encoded before (`early`, while the pages were
    /// made) are encoded now, in parallel (this is the last step of every build; the two file
    /// tables alone are 12,000 rows each at 10,000 articles).
    func encodeBody(into w: inout ByteWriter, early: [Section: [CachePiece]] = [:]) {
        w.append(bodySections(early: early))
    }

    /// The body's sections in order, as `encodeBody` joins them, each in its pieces
    /// (`BuildCache.commit` writes them as they are: no copy of the whole, 25 MB at 100,000
    /// articles, nor of the segments).
    func bodySections(early: [Section: [CachePiece]] = [:]) -> [CachePiece] {
        let missing = Section.allCases.filter { early[$0] == nil }
        var sections = early
        for (section, pieces) in zip(missing, ParallelMap.map(missing, chunk: 1) { pieces(of: $0) }) { sections[section] = pieces }
        return Section.allCases.flatMap { sections[$0]! }
    }

    /// `section` in the pieces it is written as (where each section's layout is written): the
    /// arrays whose memory is their encoding (`CacheValue`) where they lie, the segments between
    /// the bytes before and after them, the file tables' hashes and entries (`FileTable.pieces`),
    /// where the spliced files' pieces lie (`Fragments.pieces`); the other sections one piece.
    func pieces(of section: Section) -> [CachePiece] {
        switch section {
        case .annotation:
            var head = ByteWriter(capacity: annotationHeadCapacity), tail = ByteWriter(capacity: annotationTailCapacity)
            encodeAnnotationHead(into: &head)
            encodeAnnotationTail(into: &tail)
            return [.bytes(head.bytes), .values(edges), .bytes(tail.bytes)]
        case .files: return files.pieces()
        case .previousFiles: return previousFiles.pieces()
        case .pageTables: return jsonParts.pieces()
        case .listRows:
            // The count, then each list's path and rows, in the order of the paths.
            var pieces: [CachePiece] = [], head = ByteWriter(capacity: 64)
            head.int(listRows.count)
            for (path, rows) in listRows.sorted(by: { $0.key < $1.key }) {
                head.string(path)
                pieces.append(.bytes(head.bytes)); head = ByteWriter(capacity: 64)
                pieces += rows.pieces()
            }
            return head.bytes.isEmpty ? pieces : pieces + [.bytes(head.bytes)]
        case .articleTables:
            var w = ByteWriter(capacity: capacity(of: section))
            w.bool(wordCounts != nil)
            wordCounts?.encode(into: &w)
            w.bool(newestFirst != nil)
            if let order = newestFirst {
                w.int(order.count)
                w.u32s(count: order.count) { out in for (k, i) in order.enumerated() { out[k] = UInt32(bitPattern: i) } }
            }
            return [.bytes(w.bytes)]
        case .splicedStamps:
            var w = ByteWriter(capacity: capacity(of: section))
            w.int(splicedStamps.count)
            for (path, s) in splicedStamps.sorted(by: { $0.key < $1.key }) { w.u64(path); s.encode(into: &w) }
            return [.bytes(w.bytes)]
        case .runIndex:
            var w = ByteWriter(capacity: capacity(of: section))
            runIndex.encode(into: &w)
            return [.bytes(w.bytes)]
        }
    }

    /// About the bytes `section` takes (at least), so its writer is sized once: grown by
    /// doubling, the pages section (8 MB at 100,000 articles) was copied twice, into memory
    /// touched for the first time each time.
    func capacity(of section: Section) -> Int {
        switch section {
        case .annotation: annotationHeadCapacity + 40 * edges.count + annotationTailCapacity
        case .articleTables:
            1 + 24 + 8 * (wordCounts.map { 2 * $0.count + 1 + $0.entryCount } ?? 0) + 9 + 4 * (newestFirst?.count ?? 0)
        case .files: 8 + 24 * files.count
        case .previousFiles: 8 + 24 * previousFiles.count
        case .listRows: 8 + listRows.reduce(0) { $0 + 8 + $1.key.utf8.count + $1.value.encodedSize }
        case .pageTables: jsonParts.encodedSize
        case .splicedStamps: 8 + 40 * splicedStamps.count
        case .runIndex: 16 + 8 * runIndex.gone.count + runIndex.added.reduce(0) { $0 + 24 + 12 * $1.runs.count }
        }
    }

    /// About the bytes the annotation section takes before its segments, and after them.
    private var annotationHeadCapacity: Int { 8 * (boilerplate.count + 4) + 8 * articleHashes.count }
    private var annotationTailCapacity: Int {
        4 * edges.count + 8 + (passages?.ids.reduce(0) { $0 + 24 + $1.utf8.count } ?? 0) + 12 * (passages?.articles.count ?? 0)
            + 8 + (passages?.clashes.values.reduce(0) { $0 + 16 + $1.utf8.count } ?? 0)
    }

    /// One section of the body, its pieces joined.
    func encoded(_ section: Section) -> [UInt8] {
        var w = ByteWriter(capacity: capacity(of: section))
        w.append(pieces(of: section))
        return w.bytes
    }

    /// The annotation section before its segments: the boilerplate, the articles, how many segments.
    private func encodeAnnotationHead(into w: inout ByteWriter) {
        w.u64s(boilerplate.sorted())
        w.u64s(articleHashes)
        w.int(edges.count)
    }

    /// The annotation section after its segments: each one's passage, and the passages.
    private func encodeAnnotationTail(into w: inout ByteWriter) {
        // Each segment's passage, and the passages: none (every segment's -1, no passage) unless
        // there is one (or -1) for every segment and the passages are known.
        let known = edgePassages.count == edges.count ? passages : nil
        // Asked once, not per segment: `known != nil` copied the passages each time (see `ArchiveDelta.scan`).
        let isKnown = known != nil
        w.u32s(count: edges.count) { out in
            for i in edges.indices { out[i] = UInt32(bitPattern: isKnown ? edgePassages[i] : -1) }
        }
        // Each passage: its id, then each witness's article (by position), start and end.
        w.int(known?.count ?? 0)
        if let passages = known { for p in 0..<passages.count {
            w.string(passages.ids[p]); w.int(passages.witnessIndices(of: p).count)
            for n in passages.witnessIndices(of: p) {
                w.u32(UInt32(bitPattern: passages.articles[n]))
                w.u32(UInt32(passages.ranges[n].lowerBound)); w.u32(UInt32(passages.ranges[n].upperBound))
            }
        } }
        // The first choices that are not their passage's id, by passage.
        let clashes = known?.clashes.sorted { $0.key < $1.key } ?? []
        w.int(clashes.count)
        for (p, choice) in clashes { w.int(p); w.string(choice) }
    }

    mutating func decodeBody(from r: inout ByteReader) throws(ByteReader.Malformed) {
        boilerplate = Set(try r.u64s())
        articleHashes = try r.u64s()
        let n = try r.count(max: Int(Int32.max) / 10)
        let articles = articleHashes.count
        // Copied whole (`CacheValue`), with room for the segments the next change aligns; each then checked.
        edges = try r.values(WitnessClusterer.Edge.self, count: n, capacity: Self.edgeRoom(n))
        guard edges.allSatisfy({ $0.isWellFormed(articles: articles) }) else { throw .init() }
        let passageNumbers = try r.u32sInPlace(count: n)
        edgePassages = (0..<n).map { Int32(bitPattern: passageNumbers.number($0)) }
        let passageCount = try r.count()
        var passages = StoredPassages()
        passages.ids.reserveCapacity(passageCount); passages.starts.reserveCapacity(passageCount + 1)
        for _ in 0..<passageCount {
            passages.ids.append(try r.string())
            let witnesses = try r.count()
            guard witnesses > 0 else { throw .init() }
            for _ in 0..<witnesses {
                let k = Int(try r.u32()), start = Int(try r.u32()), end = Int(try r.u32())
                guard k < articleHashes.count, start <= end else { throw .init() }
                passages.articles.append(Int32(k)); passages.ranges.append(start..<end)
            }
            passages.starts.append(passages.articles.count)
        }
        for _ in 0..<(try r.count(max: passageCount)) {
            let p = try r.int()
            guard 0..<passageCount ~= p, passages.clashes[p] == nil else { throw .init() }
            passages.clashes[p] = try r.string()
        }
        self.passages = passages
        guard edgePassages.allSatisfy({ $0 < passageCount }) else { throw .init() }
        if try r.bool() {
            let counts = try WordCounts.decode(from: &r)
            guard counts.count == articleHashes.count else { throw .init() }
            wordCounts = counts
        }
        if try r.bool() {
            // Every article once: a position each, in range, none twice.
            let n = try r.count()
            guard n == articleHashes.count else { throw .init() }
            let numbers = try r.u32sInPlace(count: n)
            var seen = [Bool](repeating: false, count: n), order = [Int32](repeating: 0, count: n)
            for k in 0..<n {
                let i = Int(numbers.number(k, as: UInt32.self))
                guard i < n, !seen[i] else { throw .init() }
                seen[i] = true; order[k] = Int32(i)
            }
            newestFirst = order
        }
        files = try FileTable.decode(from: &r)
        previousFiles = try FileTable.decode(from: &r)
        for _ in 0..<(try r.count(max: 16)) { listRows[try r.string()] = try Fragments.decode(from: &r) }
        jsonParts = try Fragments.decode(from: &r)
        for _ in 0..<(try r.count(max: 64)) {
            splicedStamps[try r.u64()] = try FileStamp.decode(from: &r)
        }
        try runIndex.decode(from: &r)
    }

    /// The room kept for `count` segments carried over from the last build: theirs, and about
    /// a sixteenth more for the segments a change aligns (appended where the carried ones lie:
    /// `ArchiveDelta.scan`, `PassageUpdate`), so that they are not all copied into a larger array.
    static func edgeRoom(_ count: Int) -> Int { count + count / 16 + 1024 }

    /// One key of every source file's path and stamp, in the order given (sorted paths):
    /// equal keys, no file added, removed or touched. 0 (no key) when a stamp is missing or
    /// not settled (`FileStamp.of`): the next build then looks at every file's record.
    static func sourcesKey(paths: PathList, stamps: [FileStamp?]) -> UInt64 {
        var key = PageKey(seed: UInt64(paths.count))
        for i in paths.indices {
            guard let st = stamps[i] else { return 0 }
            key.add(PageKey.StringDigest(count: UInt64(paths.byteCount(i)), checksum: paths.hashes[i]))
            key.add(st)
        }
        return key.value
    }
}
