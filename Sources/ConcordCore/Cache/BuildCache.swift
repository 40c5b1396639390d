import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The build cache: a folder beside the output (`.<out>.cache`) holding what
/// the last build parsed, derived and wrote, so the next one redoes only what
/// a change touches.
///
/// Layout: `state.bin` (a head: settings, generations, the sources' key, the
/// name and checksum of each shard, of the body file and of the run index), the body
/// file (`state-body-a.bin` or `state-body-b.bin`: the edges, the file tables, where
/// the list pages' rows and `annotations.json` entries lie, and what changed since the
/// run index was written), `runs-*.bin`, the run index (`RunIndex`), and
/// `articles-NN-*.bin`, the article records in shards by path (`shards(for:previous:)`), each shard's full
/// names and word runs after its records (`ShardSection`s), `listing.bin`, the sources' listing
/// (`KeptListing`, which stands on its own: no other file names it), and `rows-*.bin`, where
/// each speaker page's entries lie (`SpeakerRows`, each naming the checksum of the page it describes). Every file carries a format header and
/// checksums; a build writes changed shards and a new run index under new names and its
/// body over the body file `state.bin` does not name, then replaces `state.bin` by
/// rename, then deletes files no longer named. A build killed at any point leaves either the old or the new
/// `state.bin`, each naming files that exist and hold what it says. Anything missing,
/// from another version, truncated or damaged makes `readState` or `loadRest` throw,
/// and the build falls back to a full one.
///
/// The body (25 MB at 100,000 articles) is written over the older body file in place,
/// not into a new file: the new file's pages in the page cache cost this VM's kernel
/// 80 ms of copying a build, the older file's pages, reused, a few.
struct BuildCache {
    static let format: UInt32 = 46
    static let magic: [UInt8] = Array("CONCORD-CACHE\n".utf8)
    /// What every cache file starts with: the magic, the format, and 1 for little-endian arrays.
    static let header: [UInt8] = magic + withUnsafeBytes(of: format.littleEndian, Array.init) + [1]

    /// Throws unless `bytes` start with `header`, saying whether `what` is no cache file or one
    /// of another version.
    static func checkHeader(_ bytes: UnsafeRawBufferPointer, what: String) throws(Unusable) {
        guard bytes.count >= header.count, bytes.starts(with: magic) else { throw Unusable(description: "\(what) is not a Concord cache file") }
        guard bytes.prefix(header.count).elementsEqual(header) else { throw Unusable(description: "the cache is from another version of Concord") }
    }
    /// The most shards a cache has. A cache has one per 400 articles or so, a power of two
    /// (`shards(for:previous:)`): 256 shards for a few articles made every build open, map and
    /// unmap 256 files (10 ms of a build of three articles, 4 ms of one of a thousand).
    static let maxShards = 256
    /// The two body files, used in turn.
    static let bodyFiles = ["state-body-a.bin", "state-body-b.bin"]

    let folder: URL

    init(output: URL) {
        folder = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache")
    }

    /// Why a cache could not be used; the build says it in one line.
    struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    /// The record's shard among the most a cache has (`maxShards`): what a build marks dirty.
    /// Its shard among `count` (a power of two up to `maxShards`) is this one modulo `count`.
    static func shard(of pathHash: UInt64) -> Int { Int(pathHash % UInt64(maxShards)) }

    /// The record's shard among `count`.
    static func shard(of pathHash: UInt64, among count: Int) -> Int { Int(pathHash % UInt64(count)) }

    /// How many shards a cache of `records` articles has: a power of two, about 400 records
    /// each, at most `maxShards`; the count it had (`previous`) while that is within a factor of
    /// two of this, so that an archive going back and forth across a bound does not rewrite
    /// every shard each time (a new count rewrites them all).
    static func shards(for records: Int, previous: Int?) -> Int {
        var ideal = 1
        while ideal < maxShards && ideal * 400 < records { ideal *= 2 }
        if let previous, previous <= maxShards, previous.nonzeroBitCount == 1, previous / 2 <= ideal, ideal <= previous * 2 { return previous }
        return ideal
    }

    /// The shard files `state.bin` names: (file name, checksum), by shard number;
    /// and the body file it names, until its tables are decoded (`loadTables`).
    struct Loaded: Sendable {
        var state: BuildState
        var shardFiles: [(String, UInt64)]
        var body: (name: String, checksum: UInt64)?
        /// The run index file `state.runIndex` names, opened with the records (nil: none, or damaged).
        var runIndex: RunIndex? = nil
        /// The checksum `state.bin` ends with: which `state.bin` this is (see `BuildMemory`).
        var seal: UInt64 = 0
        /// How many records at most hold their article's bytes in memory, kept by `BuildMemory` (0: read from disk).
        var inMemory = 0
    }

    /// The head of `state.bin` (settings, generations, the sources' key, the shard
    /// names), checked whole: enough to tell whether nothing changed and whether the
    /// cache fits this build at all. The tables and records follow with `loadRest`.
    func readState() throws(Unusable) -> Loaded {
        guard let bytes = file("state.bin") else {
            throw Unusable(description: "no build cache yet")
        }
        var r = try Self.open(bytes, what: "state.bin")
        do throws(ByteReader.Malformed) {
            let state = try BuildState.decodeHead(from: &r)
            var shardFiles: [(String, UInt64)] = []
            let shards = try r.count(max: Self.maxShards)
            guard shards.nonzeroBitCount == 1 else { throw ByteReader.Malformed() }
            for _ in 0..<shards { shardFiles.append((try r.string(), try r.u64())) }
            let body = (name: try r.string(), checksum: try r.u64())
            let index = (name: try r.string(), seal: try r.u64())
            guard Self.bodyFiles.contains(body.name), index.name.isEmpty || Self.isRunIndexName(index.name), r.atEnd else { throw ByteReader.Malformed() }
            var loaded = Loaded(state: state, shardFiles: shardFiles, body: body)
            if !index.name.isEmpty { loaded.state.runIndex.file = index }
            // (`open` checked it.)
            loaded.seal = UInt64(littleEndian: bytes.bytes.loadUnaligned(fromByteOffset: bytes.bytes.count - 8, as: UInt64.self))
            return loaded
        } catch {
            throw Unusable(description: "state.bin is damaged")
        }
    }

    /// Decodes the body file `state.bin` names (edges, file tables, where reusable pieces lie) into `loaded`.
    func loadTables(into loaded: inout Loaded) throws(Unusable) {
        guard let body = loaded.body else { return }
        var r = try Self.open(try sealed(body.name, checksum: body.checksum), what: body.name)
        do throws(ByteReader.Malformed) {
            try loaded.state.decodeBody(from: &r)
            guard r.atEnd else { throw ByteReader.Malformed() }
            loaded.body = nil
        } catch {
            throw Unusable(description: "\(body.name) is damaged")
        }
    }

    /// A file `state.bin` names, mapped, if it is there and ends with the checksum `state.bin` gives.
    private func sealed(_ name: String, checksum: UInt64) throws(Unusable) -> FastFiles.Mapped {
        guard let bytes = file(name) else { throw Unusable(description: "\(name) is missing") }
        guard bytes.bytes.count >= 8, UInt64(littleEndian: bytes.bytes.loadUnaligned(fromByteOffset: bytes.bytes.count - 8, as: UInt64.self)) == checksum else {
            throw Unusable(description: "\(name) does not match state.bin")
        }
        return bytes
    }

    /// The rest of `state.bin` and the article records of the shards it names, all in
    /// parallel (the tables are the longest job, so they start first), each checked.
    /// - Parameter serially: one part after the other, on this thread alone (beside work that
    ///   keeps the other cores busy, or in the kernel, as listing a folder does).
    /// - Parameter stopped: asked before each part; once it says so, the rest is not read.
    func loadRest(into loaded: inout Loaded, sourceFolder: String, serially: Bool = false,
                  stopped: (@Sendable () -> Bool)? = nil) throws(Unusable) {
        enum Part { case tables(Loaded), records([ArticleRecord], pathHashes: [UInt64]) }
        let head = loaded
        let parts = ParallelMap.map(Array(-1..<loaded.shardFiles.count), chunk: serially ? Int.max : 1) { k -> Result<Part, Unusable> in
            do throws(Unusable) {
                if stopped?() == true { throw Unusable(description: "reading stopped") }
                if k < 0 { var l = head; try self.loadTables(into: &l); return .success(.tables(l)) }
                let entry = head.shardFiles[k]
                let records = try self.loadShard(entry.0, checksum: entry.1, sourceFolder: sourceFolder)
                // Taken while the records are fresh in this core's cache (see `RecordTable.init`).
                return .success(.records(records, pathHashes: records.map(\.pathHash)))
            } catch { return .failure(error) }
        }
        var records: [ArticleRecord] = [], pathHashes: [UInt64] = []
        let count = parts.reduce(0) { n, p in if case .success(.records(let r, _)) = p { n + r.count } else { n } }
        records.reserveCapacity(count); pathHashes.reserveCapacity(count)
        for part in parts {
            switch part {
            case .success(.tables(let l)): loaded = l
            case .success(.records(let rs, let hashes)): records += rs; pathHashes += hashes
            case .failure(let e): throw e
            }
        }
        loaded.state.records = try Self.distinct(RecordTable(records, pathHashes: pathHashes))
        openRunIndex(&loaded)
    }

    /// `loadRest` for the build that wrote the shards and still holds their records
    /// (`BuildMemory`): the tables are read, and the records taken as given, put in the
    /// order the shards hold them (by shard, then by path), the order `loadRest` gives.
    func loadRest(into loaded: inout Loaded, holding records: [ArticleRecord]) throws(Unusable) {
        try loadTables(into: &loaded)
        let count = loaded.shardFiles.count
        var byShard = [[ArticleRecord]](repeating: [], count: count)
        for rec in records { byShard[Self.shard(of: rec.pathHash, among: count)].append(rec) }
        let ordered = ParallelMap.map(byShard, chunk: 16, Self.inShardOrder)
        loaded.state.records = try Self.distinct(RecordTable(Array(ordered.joined())))
        openRunIndex(&loaded)
    }

    /// `table`, unless two of its records' paths have the same `PathHash`: the cache names the
    /// last build's articles by their paths' hashes (`BuildState.articleHashes`), so it cannot
    /// be used then (a full build; for 100,000 paths, about one archive in 3 billion).
    static func distinct(_ table: RecordTable) throws(Unusable) -> RecordTable {
        guard table.pathHashesAreDistinct else { throw Unusable(description: "two articles' paths have the same hash") }
        return table
    }

    /// A shard's records in the order it holds them: by path, in the order every build takes
    /// paths (a restored article's compared where it lies in its record, `MappedString.SortKey`).
    private static func inShardOrder(_ records: [ArticleRecord]) -> [ArticleRecord] {
        withExtendedLifetime(records) {
            records.map { ($0.article.storedPath.sortKey, $0) }.sorted { $0.0.precedes($1.0) }.map(\.1)
        }
    }

    private func openRunIndex(_ loaded: inout Loaded) {
        loaded.runIndex = loaded.state.runIndex.file.flatMap { RunIndex(path: folder.path + "/" + $0.name, seal: $0.seal) }
    }

    /// Whether `name` is a run index file's name (as `runIndexName` makes them).
    static func isRunIndexName(_ name: String) -> Bool { name.hasPrefix("runs-") && name.hasSuffix(".bin") && !name.containsASCII("/") }

    /// A new name for a run index file.
    static func runIndexName() -> String { "runs-" + String(UInt64.random(in: 1...UInt64.max), radix: 16) + ".bin" }

    /// A shard: its header, its records, their full names and their runs (each a `ShardSection`),
    /// then five numbers: where the names begin, where the runs begin, the names' checksum, the
    /// runs' checksum, and the seal `state.bin` names, which sums the header, the records and the
    /// four numbers before it. Loading checks the seal, not the names or the runs: those are
    /// checked when a build first reads them.
    private func loadShard(_ name: String, checksum: UInt64, sourceFolder: String) throws(Unusable) -> [ArticleRecord] {
        guard name.hasPrefix("articles-"), !name.containsASCII("/") else {
            throw Unusable(description: "shard \(name) is missing")
        }
        let fd = Glibc.open(folder.path + "/" + name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Unusable(description: "\(name) is missing") }
        defer { close(fd) }
        var st = stat()
        let header = Self.header.count, trailer = Self.shardTrailer
        guard fstat(fd, &st) == 0, Int(st.st_size) >= header + trailer,
              let tail = FastFiles.read(UInt64.self, fd, at: Int(st.st_size) - trailer, count: trailer / 8),
              UInt64(littleEndian: tail[4]) == checksum else { throw Unusable(description: "\(name) does not match state.bin") }
        let size = Int(st.st_size), recordsEnd = Int(clamping: UInt64(littleEndian: tail[0]))
        let namesEnd = Int(clamping: UInt64(littleEndian: tail[1]))
        guard recordsEnd >= header, namesEnd >= recordsEnd, namesEnd <= size - trailer else {
            throw Unusable(description: "\(name) is truncated or damaged")
        }
        // The records are mapped by themselves and read in at once; the whole file is mapped
        // apart, unread, for the names and the runs. One mapping of it all, its records read in,
        // brought the runs in too (the page cache holds a freshly written shard in large folios,
        // which a mapping takes whole): an add's peak memory at 100,000 articles 670–680 MB, now 485–500 MB.
        guard let file = FastFiles.Mapped(fd, count: recordsEnd), let whole = FastFiles.Mapped(fd, count: size, populate: false) else {
            throw Unusable(description: "\(name) could not be read")
        }
        var seal = Checksum.Stream()
        seal.add(file.bytes)
        tail.withUnsafeBytes { seal.add(UnsafeRawBufferPointer(rebasing: $0[0..<(trailer - 8)])) }
        guard seal.value == checksum else { throw Unusable(description: "\(name) is truncated or damaged") }
        try Self.checkHeader(file.bytes, what: name)
        var r = ByteReader(file, offset: header, end: recordsEnd)
        let names = ShardSection(file: whole, range: recordsEnd..<namesEnd, checksum: UInt64(littleEndian: tail[2]))
        let runs = ShardSection(file: whole, range: namesEnd..<(size - trailer), checksum: UInt64(littleEndian: tail[3]))
        do {
            var records: [ArticleRecord] = []
            for _ in 0..<(try r.count()) {
                records.append(try ArticleRecord.decode(from: &r, folder: sourceFolder, names: names, runs: runs))
            }
            guard r.atEnd else { throw ByteReader.Malformed() }
            return records
        } catch { throw Unusable(description: "\(name) is damaged") }
    }

    /// The bytes of a shard's trailer: five numbers (see `loadShard`).
    static let shardTrailer = 40

    /// Checks the header and the trailing checksum; returns a reader positioned after the header.
    static func open(_ file: FastFiles.Mapped, what: String) throws(Unusable) -> ByteReader {
        let bytes = file.bytes
        try checkHeader(bytes, what: what)
        guard bytes.count >= header.count + 8 else { throw Unusable(description: "\(what) is truncated or damaged") }
        let body = bytes.count - 8
        let stored = bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self)
        let actual = Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[0..<body]))
        guard UInt64(littleEndian: stored) == actual else { throw Unusable(description: "\(what) is truncated or damaged") }
        return ByteReader(file, offset: header.count, end: body)
    }

    /// A cache file, mapped.
    private func file(_ name: String) -> FastFiles.Mapped? { FastFiles.Mapped(folder.path + "/" + name) }

    /// A writer holding a cache file's header (magic, format, little-endian arrays), for its body to follow.
    static func headed(capacity: Int) -> ByteWriter {
        var w = ByteWriter(capacity: capacity)
        w.plain(header)
        return w
    }

    /// Writes the dirty shards of `records` (every article's, one per path) under new names (the
    /// files the current `state.bin` names are never overwritten); returns every shard's file and
    /// checksum, as many shards as `shards(for:previous:)` says: all of them written when that
    /// is not the count `previous` has.
    /// - Parameter dirty: shards among `maxShards` (`shard(of:)`) whose records changed.
    func writeShards(_ records: [ArticleRecord], dirty: Set<Int>, previous: [(String, UInt64)]?) throws(Unusable) -> [(String, UInt64)] {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let count = Self.shards(for: records.count, previous: previous?.count)
        let previous = previous?.count == count ? previous : nil
        // Only the shards to write are gathered (one of 256 for a one-article change at 100,000).
        var writing = [Bool](repeating: previous == nil, count: count)
        for k in dirty where k >= 0 { writing[k % count] = true }
        var byShard = [[ArticleRecord]](repeating: [], count: count)
        for rec in records {
            let k = Self.shard(of: rec.pathHash, among: count)
            if writing[k] { byShard[k].append(rec) }
        }
        let tag = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let shardFiles = ParallelMap.map(Array(0..<count), chunk: 1) { k -> (String, UInt64)? in
            if let previous, !writing[k] { return previous[k] }
            let records = Self.inShardOrder(byShard[k])
            // Names and runs copied from an earlier shard are copied only if sound: a damaged
            // section would otherwise be sealed anew, as if it were right.
            guard records.allSatisfy({ $0.analysis.runs.isIntact && $0.analysis.fullNames.isIntact }) else { return (String(), 0) }
            var w = Self.headed(capacity: 1 << 18), names = ByteWriter(capacity: 1 << 18), runs = ByteWriter(capacity: 1 << 20)
            w.int(records.count)
            for rec in records { rec.encode(into: &w, names: &names, runs: &runs) }
            let name = String(format: "articles-%03d-", k) + tag + ".bin"
            guard let seal = Self.writeShard(records: w.bytes, names: names.bytes, runs: runs.bytes,
                                             to: folder.appendingPathComponent(name).path) else { return nil }
            return (name, seal)
        }
        guard shardFiles.allSatisfy({ $0 != nil }) else { throw Unusable(description: "cannot write the build cache in \(folder.path)") }
        guard shardFiles.allSatisfy({ !$0!.0.isEmpty }) else { throw Unusable(description: "a shard's full names or word runs are damaged") }
        return shardFiles.map { $0! }
    }

    /// Writes a shard (see `loadShard`) and returns its seal, or nil when it cannot be written.
    private static func writeShard(records: [UInt8], names: [UInt8], runs: [UInt8], to path: String) -> UInt64? {
        var trailer = ByteWriter(capacity: shardTrailer)
        trailer.int(records.count); trailer.int(records.count + names.count)
        trailer.u64(Checksum.of(names)); trailer.u64(Checksum.of(runs))
        var seal = Checksum.Stream()
        records.withUnsafeBytes { seal.add($0) }; trailer.bytes.withUnsafeBytes { seal.add($0) }
        trailer.u64(seal.value)
        let written = records.withUnsafeBytes { a in names.withUnsafeBytes { n in runs.withUnsafeBytes { b in trailer.bytes.withUnsafeBytes { c in
            FastFiles.write(pieces: [a, n, b, c], to: path)
        } } } }
        return written == 0 ? seal.value : nil
    }

    /// Writes the body over the body file `state.bin` does not name, then replaces `state.bin`
    /// (naming `shards` and that body file: `FastFiles.replace`), then removes files no longer named.
    /// - Parameters:
    ///   - early: sections of the body already encoded.
    /// - Returns: the seal of the `state.bin` written (`Loaded.seal`).
    @discardableResult
    func commit(_ state: BuildState, shards: [(String, UInt64)], early: [BuildState.Section: [CachePiece]] = [:]) throws(Unusable) -> UInt64 {
        let current = (try? readState())?.body?.name
        let bodyName = current == Self.bodyFiles[0] ? Self.bodyFiles[1] : Self.bodyFiles[0]
        // Header, then the body's sections as encoded: not joined first.
        let body = [CachePiece.bytes(Self.headed(capacity: 32).bytes)] + state.bodySections(early: early)
        guard let bodySum = Self.writeSealed(body, to: folder.appendingPathComponent(bodyName).path, inPlace: true) else {
            throw Unusable(description: "cannot write the build cache in \(folder.path)")
        }
        // The next build writes the other body file over in place; where there is none yet (a
        // cache's first build), it is made now, so that the first build after it does not make
        // one (30 MB at 100,000 articles: 60 ms of the first add after a site's first build).
        // Its bytes are never read: `state.bin` names the body file in use.
        let spare = folder.appendingPathComponent(bodyName == Self.bodyFiles[0] ? Self.bodyFiles[1] : Self.bodyFiles[0]).path
        var st = stat()
        if lstat(spare, &st) != 0 { _ = Self.writeSealed(body, to: spare, inPlace: true) }
        var w = Self.headed(capacity: 1 << 16)
        state.encodeHead(into: &w)
        w.int(shards.count)
        for entry in shards { w.string(entry.0); w.u64(entry.1) }
        w.string(bodyName); w.u64(bodySum)
        w.string(state.runIndex.file?.name ?? ""); w.u64(state.runIndex.file?.seal ?? 0)
        let temp = folder.appendingPathComponent("state.bin.tmp").path
        guard let seal = Self.writeSealed([w.bytes], to: temp),
              FastFiles.replace(folder.appendingPathComponent("state.bin").path, with: temp) else {
            throw Unusable(description: "cannot write the build cache in \(folder.path)")
        }
        removeFiles(besides: shards.map(\.0) + [state.runIndex.file?.name].compactMap { $0 }, pages: state.files)
        return seal
    }

    /// Removes the cache's files but `state.bin`, the body files and `shards` (and a run index named there).
    /// - Parameter pages: the site's files: a speaker page's rows (`SpeakerRows`) are kept while the
    ///   site has the page (nil: every page's are kept; each file says which bytes it describes).
    private func removeFiles(besides shards: [String], pages: FileTable? = nil) {
        removeFiles(keeping: Set(shards + ["state.bin", KeptListing.fileName] + Self.bodyFiles)) { name in
            guard let hash = SpeakerRows.pathHash(ofFileName: name) else { return false }
            return pages.map { $0[hash] != nil } ?? true
        }
    }

    /// Removes the cache's files but those named in `kept` or that `alsoKept` keeps. Only files
    /// a cache holds are removed (`isCacheFile`): anything else in the folder stays.
    private func removeFiles(keeping kept: Set<String>, alsoKept: (String) -> Bool = { _ in false }) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where !kept.contains(name) && Self.isCacheFile(name) && !alsoKept(name) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Whether `name` is one a cache gives its files: `state.bin` (and its temporary), the body
    /// files, shards, run indexes, the kept listing (`KeptListing`, and its temporary), speaker pages' rows (`SpeakerRows`). The folder is Concord's by its name (`.<out>.cache`) alone,
    /// so nothing else found in it (a user's file, a folder) is ever removed.
    static func isCacheFile(_ name: String) -> Bool {
        name == "state.bin" || name == "state.bin.tmp" || bodyFiles.contains(name) || isRunIndexName(name)
            || name == KeptListing.fileName || name.hasPrefix(KeptListing.fileName + ".tmp")
            || (name.hasPrefix("articles-") && name.hasSuffix(".bin") && !name.containsASCII("/"))
            || SpeakerRows.pathHash(ofFileName: name) != nil
    }

    /// Removes what a build that failed wrote: the shards `state.bin` does not name, or the
    /// whole cache when there is no usable `state.bin`. (On a full disk, a failed build left
    /// its new shards, as large as the records they hold, until a later build succeeded.)
    func removeUnnamed() {
        guard let loaded = try? readState() else { remove(); return }
        removeFiles(besides: loaded.shardFiles.map(\.0) + [loaded.state.runIndex.file?.name].compactMap { $0 })
    }

    /// Removes the cache (a full build that cannot save one leaves none behind): its files, then
    /// the folder if that leaves it empty.
    func remove() {
        removeFiles(keeping: [])
        rmdir(folder.path)
    }

    /// Writes a cache file: `pieces` in order (header, then body), then their checksum, which
    /// `open` checks; returns the checksum, nil when the file cannot be written. The pieces are
    /// written where they lie, with `writev` (no copy of `state.bin`'s 25 MB at 100,000 articles).
    /// No fsync: a killed process loses nothing the kernel already has, and
    /// after a power cut the checksums catch what the disk lost.
    /// - Parameter inPlace: a file already there is written over in place and cut to length after.
    static func writeSealed(_ pieces: [[UInt8]], to path: String, inPlace: Bool = false) -> UInt64? {
        writeSealed(pieces.map(CachePiece.bytes), to: path, inPlace: inPlace)
    }

    /// The same, from pieces that may be segments where they lie.
    static func writeSealed(_ pieces: [CachePiece], to path: String, inPlace: Bool = false) -> UInt64? {
        var sum = Checksum.Stream()
        for piece in pieces { piece.withUnsafeBytes { sum.add($0) } }
        let seal = sum.value
        let all = pieces + [.bytes(withUnsafeBytes(of: seal.littleEndian) { Array($0) })]
        // Each piece's bytes are held until the one write of them all.
        return withBytes(of: all) { FastFiles.write(pieces: $0, to: path, sparingLinks: inPlace) == 0 } ? seal : nil
    }
}

extension BuildCache {
    /// Bump when the parser, the annotators or the cache layout change what a record holds:
    /// old caches are then rebuilt. 2 (round 22): titles of CRLF plain text, front-matter
    /// fields trimmed, a name after a quote with no known verb, "according to" no speaker, the
    /// sentence before a quote read 120 words back, link destinations no words (each changes what records of unchanged files
    /// hold), indented plain text rendered as paragraphs (which page keys do not see: the full
    /// build a new version brings renders every page). 3 (round 23): German „…“ and »…« pairs,
    /// a comma after the closing mark, articles quoting with single marks, „ a quote separator,
    /// places no people, possessive names no speakers, offices before names, "a Labour spokesperson",
    /// a full stop after the closing mark, a name and a place after a quote, acronyms organizations,
    /// initials (sentences, names, titles), a verb opening a sentence no name, bylines, stamps and
    /// photo credits, datelines out of titles, "Justice", pieces' ends past a paragraph break and pieces
    /// apart in their own paragraphs, "the senator" the last Senator named, a surname opening a sentence,
    /// spaces around missing words on passage pages (which page keys do not see). 4 (round 37):
    /// quotation marks inside code and raw HTML no quotation marks (`CodeRanges`). 5 (round 41):
    /// passage pages show cut sentences with their punctuation, words joined or split as one
    /// respelling and added words as one insertion (which page keys do not see). 6 (round 52): a
    /// quote missing its closing mark ends before a dash the reporter's words resume after
    /// (`NarrationAfterDash`); a quote's speaker label before its opening mark (`OpeningMark`, which
    /// page keys do not see). 7 (round 53): one list of a reporting verb's finite forms, from the
    /// lexicon's table, for names after such a verb and for narration after a dash ("found",
    /// "began", "pled" in, the stem "stress" out).
    static let algorithmVersion: UInt64 = 7

    /// How page, row and entry keys are made. The cache keeps every page's key: keys made another
    /// way all differ, and an incremental build would render every page again (168 s at
    /// 100,000 articles, where a full build takes 48 s), so a new way makes the cache unusable.
    /// 2 (round 28): articles' bytes and ids taken from their digests.
    /// 3 (round 29): a page's template checksum covers only the templates it is rendered with.
    /// 4 (round 41): a passage's key covers which of its articles share words (`PassageLinks`).
    /// 5 (round 63): a speaker page's key takes one digest of its quotes' keys (`SiteModel.speakerQuoteKeys`).
    /// 6 (round 67): an article page's key takes one digest of each quote's speaker (name and slug).
    static let keyVersion: UInt64 = 6

    /// The key of everything besides the articles that annotation results and page keys depend on.
    static func settings(_ o: PassageFinder.Options) -> UInt64 {
        var k = PageKey(seed: algorithmVersion)
        k.add(keyVersion)
        for v in [Int(format), o.minWords, o.shingle, o.boilerplateArticles, o.maxGap, o.window] {
            k.add(UInt64(v))
        }
        // The records keep each article's digests: should the way they are made change, the
        // digests of one made-up article change with it, and the cache is not used.
        let probe = ArticleDigests(id: "a", title: "T", date: ArticleDate(year: 2000, month: 1, day: 2)!, credits: ["C"], contentHash: 3)
        k.add(probe.listed); k.add(probe.named)
        return k.value
    }
}
