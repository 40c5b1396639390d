#if canImport(Glibc)
import Glibc
#endif

/// The source folder's listing as the last build that listed it found it (`listing.bin` in the
/// build cache), with the stamp of every folder it walked: while no folder's stamp has changed,
/// no file was added, removed or renamed, and the next build takes these paths instead of
/// reading every folder and sorting 100,000 names again (150–250 ms at 100,000 articles). An
/// edit in place, or no change at all, leaves the folders as they were; an add does not.
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
    /// The article files, sorted as every build takes them.
    let paths: PathList

    /// Writes the listing of `source` (`paths`, sorted as every build takes them) and the stamps
    /// of the folders walked (`FastFiles.listPaths`) into `cacheFolder`, replacing the file by
    /// rename; nothing when a folder could not be read or its stamp was not settled at `now` (the
    /// system's clock before the folder was listed). True when written.
    @discardableResult
    static func write(_ paths: PathList, folders: [(path: String, stamp: FileStamp)], source: String,
                      into cacheFolder: String, now: Int) -> Bool {
        guard !folders.isEmpty, folders.allSatisfy({ $0.stamp != .unknown && $0.stamp.isSettled(now: now) }) else { return false }
        var w = BuildCache.headed(capacity: 256 + 64 * folders.count)
        w.string(ConcordVersion.number); w.string(source)
        w.int(folders.count)
        for f in folders { w.string(f.path); f.stamp.encode(into: &w) }
        // The paths' block after its count, where it lies (4 MB at 100,000 articles); then where
        // each path starts and each one's hash.
        w.int(paths.bytes.count)
        var tables = ByteWriter(capacity: 16 * (paths.count + 2))
        tables.u64s(paths.starts.map { UInt64($0) }); tables.u64s(paths.hashes)
        mkdir(cacheFolder, 0o755)      // the first build's: its cache is saved after the listing
        let temp = cacheFolder + "/" + fileName + ".tmp"
        guard BuildCache.writeSealed([w.bytes, paths.bytes, tables.bytes], to: temp) != nil,
              rename(temp, cacheFolder + "/" + fileName) == 0 else { unlink(temp); return false }
        return true
    }

    /// The listing of `source` kept in `cacheFolder`, if it was made by this version for this
    /// folder and every folder it walked still has the stamp it had then; else nil.
    static func read(source: String, from cacheFolder: String) -> KeptListing? {
        guard let file = FastFiles.Mapped(cacheFolder + "/" + fileName),
              var r = try? BuildCache.open(file, what: fileName) else { return nil }
        do throws(ByteReader.Malformed) {
            guard try r.string() == ConcordVersion.number, try r.string() == source else { return nil }
            let count = try r.count(max: 1 << 24)
            for _ in 0..<count {
                let path = try r.string(), stamp = try FileStamp.decode(from: &r)
                var st = stat()
                // Through links, as the walk went (`FastFiles.listPaths`).
                guard stat(path.isEmpty ? source : source + "/" + path, &st) == 0, FileStamp(st) == stamp else { return nil }
            }
            let block = try r.inPlace(UInt8.self)
            let bytes = Array(UnsafeRawBufferPointer(rebasing: block.file.bytes[block.offset..<(block.offset + block.count)]))
            let starts = try r.u64s().map { Int(truncatingIfNeeded: $0) }
            let hashes = try r.u64s()
            return PathList(bytes: bytes, starts: starts, hashes: hashes).map(KeptListing.init)
        } catch {
            return nil
        }
    }
}
