#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// glibc's `renameat2`, which the Glibc module does not export.
@_silgen_name("renameat2")
private func exchangeFiles(_ oldFolder: Int32, _ old: UnsafePointer<CChar>, _ newFolder: Int32, _ new: UnsafePointer<CChar>, _ flags: UInt32) -> Int32

/// File-system calls for the hot paths, with as few system calls as it takes:
/// on a slow disk each one counts (see the README's benchmark notes).
public enum FastFiles {
    /// Files under `folder` (recursively), as relative paths; hidden entries skipped.
    ///
    /// - Parameter followingLinks: whether a symbolic link is taken for what it leads to (the
    ///   source and template folders: an archive may link in a folder kept elsewhere) or for
    ///   itself (the output folder, where Concord makes no links: a folder linked into it is
    ///   never walked, so pruning never removes a file outside it). Followed, a link back to
    ///   a folder being walked (`ln -s . again`) is passed over: what it leads to is listed
    ///   already; a link that leads nowhere is listed, so that reading it says what is wrong.
    static func listFiles(under folder: String, followingLinks: Bool = true) -> [String]? {
        var sawLink = false
        return listFiles(under: folder, followingLinks: followingLinks, sawLink: &sawLink)
    }

    /// The same, telling whether any entry walked is a symbolic link (`sawLink`).
    static func listFiles(under folder: String, followingLinks: Bool, sawLink: inout Bool) -> [String]? {
        listPaths(under: folder, followingLinks: followingLinks, sawLink: &sawLink).map(Array.init)
    }

    /// The same as one block of bytes (`PathList`, in the order the folders list them), holding
    /// only the paths `keep` takes: no string is made for a file (each of 100,000 names of 40
    /// bytes lived in memory of its own), only for the folders walked.
    static func listPaths(under folder: String, followingLinks: Bool, sawLink: inout Bool,
                          keeping keep: (UnsafeRawBufferPointer) -> Bool = { _ in true }) -> PathList? {
        var folders: [(path: String, stamp: FileStamp)] = []
        return listPaths(under: folder, followingLinks: followingLinks, sawLink: &sawLink, folders: &folders, keeping: keep)
    }

    /// The same, giving the stamp of every folder walked (`folders`: its path relative to
    /// `folder`, "" for `folder` itself), taken before its entries were read; `FileStamp.unknown`
    /// for a folder that could not be read (`KeptListing` keeps a listing by these).
    static func listPaths(under folder: String, followingLinks: Bool, sawLink: inout Bool,
                          folders: inout [(path: String, stamp: FileStamp)],
                          keeping keep: (UnsafeRawBufferPointer) -> Bool = { _ in true }) -> PathList? {
        var taken: [String] = []
        return listPaths(under: folder, followingLinks: followingLinks, sawLink: &sawLink, folders: &folders,
                         unchanged: { _, _ in nil }, taken: &taken, keeping: keep)
    }

    /// The same, reading only the folders an earlier walk does not vouch for: `unchanged` is
    /// given each folder's path and stamp (taken before anything else of it) and answers with
    /// its subfolders when the earlier walk found it with that stamp (no entry of it was made,
    /// removed or renamed since); such a folder is not read, only its subfolders are walked,
    /// and it is named in `taken`, whose files the caller has. The walk is otherwise the same:
    /// a link back up is passed over, its stamp recorded. `size`: about how many paths and bytes
    /// to expect (an earlier walk's), so that the list is not grown by doubling.
    static func listPaths(under folder: String, followingLinks: Bool, sawLink: inout Bool,
                          folders: inout [(path: String, stamp: FileStamp)],
                          unchanged: (String, FileStamp) -> [String]?, taken: inout [String],
                          reserving size: (paths: Int, bytes: Int) = (0, 0),
                          keeping keep: (UnsafeRawBufferPointer) -> Bool = { _ in true }) -> PathList? {
        var result = PathList()
        result.reserveCapacity(paths: size.paths, bytes: size.bytes)
        var links = false
        var walked: [(path: String, stamp: FileStamp)] = [], kept: [String] = []
        defer { sawLink = links; folders = walked; taken = kept }
        // The folders being walked, from the top, by device and inode.
        var walking: [(dev_t, ino_t)] = []
        func walk(_ relative: String) -> Bool {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            var here = stat()
            guard stat(path, &here) == 0 else { walked.append((relative, .unknown)); return false }
            let stamp = FileStamp(here)
            if walking.contains(where: { $0 == (here.st_dev, here.st_ino) }) { walked.append((relative, stamp)); return true }
            if let children = unchanged(relative, stamp) {
                walked.append((relative, stamp)); kept.append(relative)
                walking.append((here.st_dev, here.st_ino))
                defer { walking.removeLast() }
                for child in children { _ = walk(child) }
                return true
            }
            guard let dir = opendir(path) else { walked.append((relative, .unknown)); return false }
            defer { closedir(dir) }
            walked.append((relative, stamp))
            walking.append((here.st_dev, here.st_ino))
            defer { walking.removeLast() }
            let prefix = relative.isEmpty ? [] : Array(relative.utf8) + [UInt8(ascii: "/")]
            var folders: [String] = []
            eachEntry(of: dir) { name, listedType in
                var type = listedType
                if type != Int32(DT_REG) {
                    // What the file system does not say, and where a link leads, are asked of the path.
                    let child = String(decoding: prefix + name, as: UTF8.self)
                    var st = stat()
                    if type == Int32(DT_UNKNOWN) {
                        guard lstat(folder + "/" + child, &st) == 0 else { return }
                        type = Self.type(st)
                    }
                    if type == Int32(DT_LNK) {
                        links = true
                        // Not followed, or leading nowhere: listed, so that reading it says what is wrong.
                        type = followingLinks && stat(folder + "/" + child, &st) == 0 ? Self.type(st) : Int32(DT_REG)
                    }
                    if type == Int32(DT_DIR) { folders.append(child); return }
                }
                if type == Int32(DT_REG) { result.append(prefix: prefix, name: name, if: keep) }
            }
            for child in folders { _ = walk(child) }
            return true
        }
        return walk("") ? result : nil
    }

    /// Each entry of the open folder `dir`, hidden ones skipped: its name's bytes (valid only
    /// during the call) and its type as the folder lists it (`d_type`; `DT_UNKNOWN` where the
    /// file system does not say). No string is made for an entry the caller passes over.
    private static func eachEntry(of dir: OpaquePointer, _ body: (UnsafeRawBufferPointer, Int32) -> Void) {
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(dir) {
            let start = UnsafeRawPointer(entry) + nameOffset
            let name = UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self)))
            guard name.first != UInt8(ascii: ".") else { continue }
            body(name, Int32(entry.pointee.d_type))
        }
    }

    /// The entries of `folder`, hidden ones skipped: each name and what it is (`d_type`: a link
    /// is a link; asked of `lstat` where the file system does not say); nil if it cannot be read.
    static func entries(of folder: String) -> [(name: String, type: Int32)]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var result: [(name: String, type: Int32)] = []
        eachEntry(of: dir) { bytes, listedType in
            let name = String(decoding: bytes, as: UTF8.self)
            var type = listedType
            if type == Int32(DT_UNKNOWN) {
                var st = stat()
                guard lstat(folder + "/" + name, &st) == 0 else { return }
                type = Self.type(st)
            }
            result.append((name, type))
        }
        return result
    }

    /// The folders in `folder` (their paths), hidden ones left out, links to folders among them:
    /// each entry told by its type as the folder lists it, with a `stat` only for a link or where
    /// the file system does not say (what `concord serve` watches: a `stat` of every entry,
    /// through `FileManager`, took 0.3 s of its start at 100,000 articles in one folder).
    public static func subfolders(of folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var result: [String] = []
        eachEntry(of: dir) { name, type in
            guard type == Int32(DT_DIR) || type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) else { return }
            let path = folder + "/" + String(decoding: name, as: UTF8.self)
            if type == Int32(DT_DIR) || isFolder(path) { result.append(path) }
        }
        return result
    }

    /// Whether `path` is a folder or a link to one.
    public static func isFolder(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// Removes the empty folders under `folder` (not itself), deepest first, so that a folder
    /// holding only empty ones goes too. Links and hidden entries are left alone.
    static func removeEmptyFolders(under folder: String) {
        for (name, type) in entries(of: folder) ?? [] where type == Int32(DT_DIR) {
            let child = folder + "/" + name
            removeEmptyFolders(under: child)
            rmdir(child)       // refused, harmlessly, when something is left in it
        }
    }

    /// The `d_type` of what `st` describes: a folder, a regular file, a link, or -1 for anything else.
    private static func type(_ st: stat) -> Int32 {
        switch st.st_mode & S_IFMT {
        case S_IFDIR: Int32(DT_DIR)
        case S_IFREG: Int32(DT_REG)
        case S_IFLNK: Int32(DT_LNK)
        default: -1
        }
    }

    /// Makes the folder `full` is in, and any missing above it, with mkdir: every page is in a
    /// folder of its own (12,000 at 10,000 articles), each made once in a new generation;
    /// Foundation's `createDirectory` first asks about every folder on the path.
    static func makeFolder(of full: String) {
        guard let slash = full.utf8.lastIndex(of: UInt8(ascii: "/")), slash > full.utf8.startIndex else { return }
        let folder = String(full[..<slash])
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { return }
        makeFolder(of: folder)
        _ = mkdir(folder, 0o755)
    }

    /// The bytes of a file, read with open, fstat, read and close.
    static func read(_ path: String) -> [UInt8]? {
        if case .success(let bytes) = read(path, limit: .max) { return bytes }
        return nil
    }

    /// Why `read(_:limit:)` gives no bytes.
    enum ReadFailure: Error {
        /// The call that failed said why (`errno`).
        case unreadable(errno: Int32)
        case tooLarge(Int)
    }

    /// The bytes of a file, unless it cannot be read or `fstat` says it holds more than `limit`
    /// bytes (then it is not read at all: an article file of gigabytes is left out at once).
    static func read(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.unreadable(errno: errno)) }
        guard Int(st.st_size) <= limit else { return .failure(.tooLarge(Int(st.st_size))) }
        // The size `fstat` gives is a first guess (a file may grow, and /sys files say 4096). One
        // byte more is asked for, so that a file of that size is read whole in one buffer: one
        // filled exactly was doubled to look for more, and kept twice the memory its bytes need.
        var size = max(1, Int(st.st_size) + 1)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while true {
            guard let n = bytes.withUnsafeMutableBytes({ fill(fd, $0.baseAddress! + offset, size - offset) }) else {
                return .failure(.unreadable(errno: errno))
            }
            offset += n
            if offset < size { break }
            size *= 2; bytes.append(contentsOf: [UInt8](repeating: 0, count: size - bytes.count))
        }
        bytes.removeSubrange(offset...)
        return .success(bytes)
    }

    /// Why the file at `path` cannot be read, in words, from the `errno` of the call that
    /// failed: the system's words, or for a link to nothing, where it leads.
    static func whyUnreadable(_ path: String, errno code: Int32) -> String {
        var target = [UInt8](repeating: 0, count: 4096)
        let count = target.withUnsafeMutableBytes { readlink(path, $0.baseAddress!, 4096) }
        if code == ENOENT, count > 0 {
            return "it is a symbolic link to '\(String(decoding: target[..<count], as: UTF8.self))', which does not exist"
        }
        // Listed with the bytes of its name that are not UTF-8 replaced, so no file has that name.
        if code == ENOENT, path.contains("\u{FFFD}") { return "its name is not UTF-8; rename the file" }
        return String(cString: strerror(code)).lowercased()
    }

    /// The same, for a file `read` gave nothing for: asked of `open` again (not by reading it).
    static func whyUnreadable(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return whyUnreadable(path, errno: errno) }
        close(fd)
        return "it changed while it was read"
    }

    /// Reads from `fd` into `buffer` until `capacity` bytes are in or the file ends;
    /// the number read, or nil on an error.
    private static func fill(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ capacity: Int) -> Int? {
        fill(fd, buffer, capacity, at: nil)
    }

    /// Fills `buffer` with the bytes of `fd` from `offset` (`pread`: the file's position is left
    /// as it is); the number of bytes read (fewer at the file's end), nil on an error.
    static func read(_ fd: Int32, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress else { return 0 }
        return fill(fd, base, buffer.count, at: offset)
    }

    /// `count` numbers of `fd` from `offset` (`pread`), as the file holds them (the cache's files
    /// say in their header that they are little-endian, as this machine is); nil when they cannot all be read.
    static func read<T: FixedWidthInteger>(_: T.Type, _ fd: Int32, at offset: Int, count: Int) -> [T]? {
        var complete = false
        let numbers = [T](unsafeUninitializedCapacity: count) { buffer, made in
            let bytes = read(fd, at: offset, into: UnsafeMutableRawBufferPointer(buffer)) ?? 0
            complete = bytes == count * MemoryLayout<T>.size
            made = complete ? count : 0
        }
        return complete ? numbers : nil
    }

    /// Reads until `capacity` bytes or the end: from the file's position, or from `at` with `pread`.
    private static func fill(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ capacity: Int, at: Int?) -> Int? {
        var offset = 0
        while offset < capacity {
            let n = at.map { pread(fd, buffer + offset, capacity - offset, off_t($0 + offset)) }
                ?? Glibc.read(fd, buffer + offset, capacity - offset)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            offset += n
        }
        return offset
    }

    /// Whether the file at `path` holds exactly `bytes`: a file of another size is not read,
    /// and one of the same size is read into a buffer that is not zeroed first and compared
    /// with `memcmp` (comparing arrays went byte by byte: 2 % of a full build). False when
    /// the file cannot be read.
    static func holds(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool { holds(path, pieces: [bytes]) }

    /// The same for bytes in pieces (`SplicedBytes`), compared piece by piece.
    static func holds(_ path: String, pieces: [UnsafeRawBufferPointer]) -> Bool {
        // A link is not followed: it holds no page of the site, whatever it leads to.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        let total = pieces.reduce(0) { $0 + $1.count }
        guard fstat(fd, &st) == 0, Int(st.st_size) == total else { return false }
        // One byte more than expected is asked for, so a file that grew since `fstat` does not compare equal.
        let capacity = total + 1
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        guard let offset = fill(fd, buffer, capacity), offset == total else { return false }
        return equal(UnsafeRawBufferPointer(start: buffer, count: total), pieces)
    }

    /// Whether `bytes` are `pieces`, one after the other (`memcmp` piece by piece).
    static func equal(_ bytes: UnsafeRawBufferPointer, _ pieces: [UnsafeRawBufferPointer]) -> Bool {
        guard bytes.count == pieces.reduce(0, { $0 + $1.count }) else { return false }
        var at = 0
        for p in pieces where p.count > 0 {
            guard memcmp(bytes.baseAddress! + at, p.baseAddress!, p.count) == 0 else { return false }
            at += p.count
        }
        return true
    }

    /// A file mapped read-only (and read in at once): a large file read without
    /// zero-filling and copying a buffer of its size. Unmapped when released.
    final class Mapped: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        /// The file's stamp when it was mapped by path (nil when mapped from a descriptor given).
        let stamp: FileStamp?

        /// The whole file at `path`, read in at once; nil when it is empty, or cannot be read, or
        /// (without `followingLinks`) is a symbolic link.
        convenience init?(_ path: String, followingLinks: Bool = true) {
            let fd = open(path, O_RDONLY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
            self.init(fd, count: Int(st.st_size), stamp: FileStamp(st))
        }

        /// The first `count` bytes of an open file (`populate`: read in at once, else each page
        /// when first touched), mapped alone: the kernel maps a large folio of the page cache
        /// whole only when the mapping holds all of it (6.x kernels), so a file's first part,
        /// mapped by itself, does not bring the rest into the process's memory.
        ///
        /// Bytes read in at once are first asked for in one go (`POSIX_FADV_WILLNEED`): from a
        /// cold page cache, populating a mapping read it a read-around window at a time (the
        /// cache's records at 100,000 articles: 624–908 ms, asked for first 302–358 ms).
        init?(_ fd: Int32, count: Int, populate: Bool = true, stamp: FileStamp? = nil) {
            if populate && count > 0 { _ = posix_fadvise(fd, 0, off_t(count), POSIX_FADV_WILLNEED) }
            guard count > 0, let p = mmap(nil, count, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0),
                  p != MAP_FAILED else { return nil }
            bytes = UnsafeRawBufferPointer(start: p, count: count)
            self.stamp = stamp
        }

        deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
    }

    /// Puts the file `temp` in place of `path`, atomically: a reader finds the old file or the
    /// new one. Where a file is there already, the two are exchanged (`renameat2`'s
    /// `RENAME_EXCHANGE`) and the old one, now at `temp`, unlinked: a plain rename over a file
    /// makes ext4 write the new file's data out before it returns (its `auto_da_alloc`), 5–8 ms
    /// for the 6 MB listing while a build's writes are in flight, where the exchange takes
    /// 0.4–0.6 ms. A plain rename where there is no file to exchange with (nothing, or a folder
    /// or a link, as `rename` would treat them), or the file system cannot exchange. True when
    /// `path` is the new file.
    static func replace(_ path: String, with temp: String) -> Bool {
        var st = stat()
        if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
           exchangeFiles(AT_FDCWD, temp, AT_FDCWD, path, 2 /* RENAME_EXCHANGE */) == 0 {
            unlink(temp)
            return true
        }
        return rename(temp, path) == 0
    }

    /// Writes `bytes` to `path` (created or truncated) with open, write and close:
    /// no temporary file. Returns 0, or the errno of the call that failed.
    /// - Parameter sparingLinks: a file at `path` with other hard links is not written
    ///   through (that would change every link): it is unlinked and made anew.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, sparingLinks: Bool = false) -> Int32 {
        write(pieces: [bytes], to: path, sparingLinks: sparingLinks)
    }

    /// Opens `path` to write, made if missing, with `flags` besides. A symbolic link there
    /// (Concord writes none: a user's, perhaps to a file outside the output) is replaced
    /// by the file, never written through.
    private static func openForWriting(_ path: String, _ flags: Int32) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | flags, 0o644)
        guard fd < 0, errno == ELOOP, unlink(path) == 0 else { return fd }
        return open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | flags, 0o644)
    }

    /// Opens `path` to be written from its start: emptied, or with `sparingLinks` (see
    /// `write(pieces:to:sparingLinks:)`) a file of one link kept as it is, to be cut to length
    /// once written (`cutAfter`), and one of several links unlinked and made anew. The
    /// descriptor, or -1 and the `errno` of the call that failed.
    static func openToWrite(_ path: String, sparingLinks: Bool) -> (fd: Int32, cutAfter: Bool, error: Int32) {
        guard sparingLinks else {
            let fd = openForWriting(path, O_TRUNC)
            return (fd, false, fd >= 0 ? 0 : errno)
        }
        var fd = openForWriting(path, 0)
        guard fd >= 0 else { return (-1, false, errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 && st.st_nlink > 1 else { return (fd, true, 0) }
        close(fd)
        guard unlink(path) == 0 || errno == ENOENT else { return (-1, false, errno) }
        fd = openForWriting(path, O_TRUNC)
        return (fd, false, fd >= 0 ? 0 : errno)
    }

    /// The same for bytes in pieces (`SplicedBytes`), written in order with `writev`.
    ///
    /// With `sparingLinks`, a file of one link is written over in place and cut to length
    /// after, not emptied first: its pages in the page cache are reused, where emptying
    /// it freed them and writing took fresh ones (92 MB of `annotations.json` at 100,000
    /// articles: 65–84 ms emptied first, 11–12 ms written over, on this VM).
    static func write(pieces: [UnsafeRawBufferPointer], to path: String, sparingLinks: Bool = false) -> Int32 {
        let (fd, cutAfter, error) = openToWrite(path, sparingLinks: sparingLinks)
        guard fd >= 0 else { return error }
        defer { close(fd) }
        let failed = write(pieces: pieces, to: fd)
        guard failed == 0 else { return failed }
        if cutAfter && ftruncate(fd, off_t(pieces.reduce(0) { $0 + $1.count })) != 0 { return errno }
        return 0
    }

    /// Writes `pieces` in order to the open `fd` with `writev`, through partial writes and
    /// interruptions. Returns 0, or the errno of the call that failed.
    static func write(pieces: [UnsafeRawBufferPointer], to fd: Int32) -> Int32 {
        var vectors = pieces.filter { $0.count > 0 }.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        var next = 0
        while next < vectors.count {
            let n = vectors[next...].prefix(1024).withUnsafeBufferPointer { writev(fd, $0.baseAddress, Int32($0.count)) }
            if n < 0 { if errno == EINTR { continue }; return errno }
            if n == 0 { return EIO }
            // Past the vectors written whole; into the one written in part.
            var left = n
            while next < vectors.count && left >= vectors[next].iov_len { left -= vectors[next].iov_len; next += 1 }
            if left > 0 {
                vectors[next].iov_base += left; vectors[next].iov_len -= left
            }
        }
        return 0
    }
}
