#if canImport(Glibc)
import Glibc
#endif

/// The source folder's listing as the last build that listed it found it (`listing.bin` in the
/// build cache), with the stamp of every folder it walked. A folder whose stamp has not changed
/// since had no entry made, removed or renamed in it, so the next build takes its files from
/// here instead of reading it (`ArchiveLoader.walk(reusing:)`): an edit in place, or no change
/// at all, reads no folder (reading and sorting 100,000 names took 150–250 ms at 100,000
/// articles); an article added to an archive kept in folders (`2024/12/…`) reads that folder
/// and the ones above it whose entries changed, and takes every other folder's files from here.
/// A walk that read every folder keeps the order it read the files in too (`withOrder`): a
/// folder read again puts its files in order from it, not sorting them again (`PathList.sorted(following:)`).
///
/// A folder gets a new modification and change time whenever an entry is made, removed or
/// renamed in it (git's untracked cache trusts the same). A folder changed within a clock
/// tick of being `stat`ed could keep its stamp, so a listing is kept only when every folder's
/// stamp was settled (`FileStamp.isSettled`) by the system's clock before it was read. The
/// file carries Concord's version and the source folder's path, a cache file's header and a
/// checksum: one from another version, another folder, or damaged is not used, and the
/// folder is listed.
public struct KeptListing: Sendable {
    static let fileName = "listing.bin"
    /// The article files, sorted as every build takes them; nil when a listing read from the
    /// cache does not hold a list (see `ListedPaths`). Made anew each time it is asked for.
    var paths: PathList? {
        switch stored {
        case .made(let list): list
        case .read(let file): file.list()
        }
    }
    private let stored: Stored
    /// How many paths, and bytes of them, the listing holds (read without making the list), with
    /// a little room: what a walk that reads folders again can expect to find.
    var size: (paths: Int, bytes: Int) {
        switch stored {
        case .made(let list): Self.room(paths: list.count, bytes: list.bytes.count)
        case .read(let file): Self.room(paths: file.hashes.count / 8, bytes: file.block.count)
        }
    }

    /// Room for a listing of `paths` paths in `bytes` bytes, and a little more.
    static func room(paths: Int, bytes: Int) -> (paths: Int, bytes: Int) {
        (paths + paths / 64 + 16, bytes + bytes / 64 + 1024)
    }
    /// Each folder walked (its path relative to the source folder, "" for the folder itself)
    /// and its stamp, taken before its entries were read.
    var folders: [(path: String, stamp: FileStamp)] = []
    /// Whether the walk met a symbolic link. Where a link may lead changes with no folder of
    /// the archive changing, so such a listing is taken whole or not at all.
    var sawLink = false
    /// The system's clock before the walk that made this listing (`SiteBuilder.currentListing`),
    /// which its folders' stamps are judged settled by when it is kept (`write`); nil for one read from the cache.
    var listedAt: Int? = nil

    init(paths: PathList, folders: [(path: String, stamp: FileStamp)] = [], sawLink: Bool = false) {
        stored = .made(paths); self.folders = folders; self.sawLink = sawLink
    }

    /// Calls `body` with the order the walk that wrote this listing read its paths in (`write`'s
    /// `readOrder`); nil when it was not kept, or for a listing made here, not read from the cache.
    func withOrder<R>(_ body: (ListingOrder?) -> R) -> R {
        guard case .read(let file) = stored else { return body(nil) }
        return file.withOrder(body)
    }

    private init(reading file: ListedPaths, folders: [(path: String, stamp: FileStamp)], sawLink: Bool) {
        stored = .read(file); self.folders = folders; self.sawLink = sawLink
    }

    /// The paths as a walk made them, or where `listing.bin` holds them.
    private enum Stored: Sendable { case made(PathList), read(ListedPaths) }

    /// The three tables of a `PathList` where `listing.bin` holds them (its file kept mapped),
    /// copied into one only when asked for: a walk that reads every folder again (an article
    /// added to an archive kept in one folder) takes none of them (it reads the hashes and the
    /// walk's order where they lie, `withOrder`), and copying 5 MB of them at
    /// 100,000 articles, into memory touched for the first time, was part of every such build.
    private struct ListedPaths: Sendable {
        let file: FastFiles.Mapped
        let block: Range<Int>, starts: Range<Int>, hashes: Range<Int>
        /// The walk's order (`KeptListing.withOrder`), empty when it was not kept.
        let places: Range<Int>

        /// The list; nil unless the tables make one (`PathList.init(bytes:starts:hashes:)`). Its
        /// arrays have room for a few more paths (`KeptListing.room`): the names `concord add`
        /// puts in go in where they lie, not into a copy of the whole list.
        func list() -> PathList? {
            let raw = file.bytes, startsAt = UnsafeRawBufferPointer(rebasing: raw[starts]), hashesAt = UnsafeRawBufferPointer(rebasing: raw[hashes])
            let count = hashes.count / 8, room = KeptListing.room(paths: count, bytes: block.count)
            var bytes: [UInt8] = [], startList: [Int] = [], hashList: [UInt64] = []
            bytes.reserveCapacity(room.bytes); startList.reserveCapacity(room.paths + 1); hashList.reserveCapacity(room.paths)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[block]))
            for i in 0..<(starts.count / 8) { startList.append(Int(truncatingIfNeeded: startsAt.number(i, as: UInt64.self))) }
            for i in 0..<count { hashList.append(hashesAt.number(i)) }
            return PathList(bytes: bytes, starts: startList, hashes: hashList)
        }

        /// `KeptListing.withOrder`, over the tables where they lie.
        func withOrder<R>(_ body: (ListingOrder?) -> R) -> R {
            let raw = file.bytes
            guard !places.isEmpty else { return body(nil) }
            return body(ListingOrder(places: UnsafeRawBufferPointer(rebasing: raw[places]), hashes: UnsafeRawBufferPointer(rebasing: raw[hashes])))
        }
    }

    /// Writes the listing of `source` (`paths`, sorted as every build takes them) and the stamps
    /// of the folders walked (`FastFiles.listPaths`) into `cacheFolder`, replacing the file
    /// (`FastFiles.replace`); nothing when a folder could not be read or its stamp was not settled
    /// at `now` (the system's clock before the folder was listed), or at the time `later` gives
    /// for it. True when written.
    /// - Parameters:
    ///   - readOrder: the same paths in the order the folders listed them (`ArchiveLoader.Walk.readOrder`),
    ///     when the walk read every folder: each one's place in `paths` is kept (`withOrder`).
    ///   - sawLink: whether the walk met a symbolic link (`ArchiveLoader.Walk.sawLink`).
    ///   - later: folders whose stamps were taken after the walk, with the clock each was taken
    ///     at: the source folder once `concord add` found no change to it but its own (`AddSession.keepListing`).
    @discardableResult
    static func write(_ paths: PathList, readOrder: PathList? = nil, folders: [(path: String, stamp: FileStamp)], sawLink: Bool,
                      source: String, into cacheFolder: String, now: Int, later: [String: Int] = [:]) -> Bool {
        guard !folders.isEmpty, folders.allSatisfy({ $0.stamp != .unknown && $0.stamp.isSettled(now: later[$0.path] ?? now) }) else { return false }
        var w = BuildCache.headed(capacity: 256 + 64 * folders.count)
        w.string(ConcordVersion.number); w.string(source); w.bool(sawLink)
        w.int(folders.count)
        for f in folders { w.string(f.path); f.stamp.encode(into: &w) }
        // The paths' block after its count, where it lies (4 MB at 100,000 articles); then where
        // each path starts and each one's hash.
        w.int(paths.bytes.count)
        // Then the order the walk read them in (`withOrder`; none: an empty table).
        var tables = ByteWriter(capacity: 20 * (paths.count + 2))
        tables.u64s(paths.starts); tables.u64s(paths.hashes)
        let order = readOrder.flatMap { places(of: $0, in: paths) } ?? []
        tables.int(order.count)
        tables.u32s(count: order.count) { out in for (k, p) in order.enumerated() { out[k] = p } }
        mkdir(cacheFolder, 0o755)      // the first build's: its cache is saved after the listing
        // A name of this process's own: two processes keeping a listing at once write two files.
        let temp = cacheFolder + "/" + fileName + ".tmp-\(getpid())"
        guard BuildCache.writeSealed([w.bytes, paths.bytes, tables.bytes], to: temp) != nil,
              FastFiles.replace(cacheFolder + "/" + fileName, with: temp) else { unlink(temp); return false }
        return true
    }

    /// Each path of `read` by its position in `paths` (the same paths, sorted), found by its hash
    /// (made on the thread that writes the listing, not on the build's path); nil when one is
    /// not there. A hash two paths share gives a wrong place, which the next walk's check of its
    /// guess finds (`PathList.sorted(following:)`).
    static func places(of read: PathList, in paths: PathList) -> [UInt32]? {
        guard read.count == paths.count else { return nil }
        let positions = HashPositions(paths.hashes)
        var places: [UInt32] = []
        places.reserveCapacity(read.count)
        for hash in read.hashes {
            guard let p = positions.position(of: hash) else { return nil }
            places.append(UInt32(p))
        }
        return places
    }

    /// The listing of `source` kept in `cacheFolder`, if it was made by this version for this
    /// folder, whatever has changed since.
    static func load(source: String, from cacheFolder: String) -> KeptListing? {
        guard let file = FastFiles.Mapped(cacheFolder + "/" + fileName),
              var r = try? BuildCache.open(file, what: fileName) else { return nil }
        do throws(ByteReader.Malformed) {
            guard try r.string() == ConcordVersion.number, try r.string() == source else { return nil }
            let sawLink = try r.bool()
            let count = try r.count(max: 1 << 24)
            var folders: [(path: String, stamp: FileStamp)] = []
            folders.reserveCapacity(count)
            for _ in 0..<count { folders.append((try r.string(), try FileStamp.decode(from: &r))) }
            func table<T: FixedWidthInteger>(_: T.Type) throws(ByteReader.Malformed) -> Range<Int> {
                let t = try r.inPlace(T.self)
                return t.offset..<(t.offset + t.count * MemoryLayout<T>.size)
            }
            let paths = ListedPaths(file: file, block: try table(UInt8.self), starts: try table(UInt64.self), hashes: try table(UInt64.self),
                                    places: try table(UInt32.self))
            guard r.atEnd else { return nil }
            return KeptListing(reading: paths, folders: folders, sawLink: sawLink)
        } catch {
            return nil
        }
    }

    /// Whether every folder walked still has the stamp it had (through links, as the walk went).
    func isCurrent(source: String) -> Bool {
        !folders.isEmpty && folders.allSatisfy { f in
            var st = stat()
            return stat(f.path.isEmpty ? source : source + "/" + f.path, &st) == 0 && FileStamp(st) == f.stamp
        }
    }

    /// What a walk asks of each folder (`FastFiles.listPaths(unchanged:)`): its subfolders, as
    /// this listing found them, when it has the stamp it had then; else nil (it is read).
    func unchangedFolders() -> (String, FileStamp) -> [String]? {
        var stamps: [String: FileStamp] = [:], children: [String: [String]] = [:]
        for f in folders {
            stamps[f.path] = f.stamp
            if !f.path.isEmpty { children[RelativePath.folder(of: f.path), default: []].append(f.path) }
        }
        return { path, stamp in stamps[path] == stamp ? children[path] ?? [] : nil }
    }

    /// The listing a walk gives that took the folders `taken` from this one and read the rest
    /// (`fresh`, sorted): this listing's files in those folders, merged in order with `fresh`.
    /// Nil when this listing's paths are not a list (`paths`).
    func paths(takingFilesOf taken: [String], with fresh: PathList) -> PathList? {
        guard let paths else { return nil }
        let takenSet = Set(taken)
        // The folders not taken (read again, or gone): their files here are dropped.
        let dropped = folders.map(\.path).filter { !takenSet.contains($0) }
        guard !dropped.isEmpty else { return paths.merged(with: fresh) }
        var gone: [Int] = []
        if paths.isASCII {
            // Sorted by bytes: each folder's files found where its paths lie (a folder of 800
            // files among 100,000: 800 looked at, not 100,000 hashed).
            gone = dropped.flatMap { paths.positions(directlyIn: $0) }.sorted()
        } else {
            // Each path's folder looked up by the hash of its bytes.
            var byHash: [UInt64: [String]] = [:]
            for f in dropped { byHash[PathHash.of(f), default: []].append(f) }
            paths.withBlock { base, starts in
                for i in paths.indices {
                    let start = starts[i]
                    var end = starts[i + 1] - 1
                    while end > start && base[end - 1] != UInt8(ascii: "/") { end -= 1 }
                    // The folder's path: up to the last "/", or empty.
                    let folder = UnsafeRawBufferPointer(start: base + start, count: max(0, end - 1 - start))
                    if let names = byHash[PathHash.of(folder)], names.contains(where: { $0.utf8.elementsEqual(folder) }) { gone.append(i) }
                }
            }
        }
        // The runs of paths kept, between those dropped.
        var runs: [Range<Int>] = [], from = 0
        for i in gone {
            if from < i { runs.append(from..<i) }
            from = i + 1
        }
        if from < paths.count { runs.append(from..<paths.count) }
        return paths.merged(runs: runs, with: fresh)
    }
}
