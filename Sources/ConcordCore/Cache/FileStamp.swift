#if canImport(Glibc)
import Glibc
#endif

/// What `stat` says about a source file: when any of it differs from the
/// cache's record, the file is read again (and counts as changed only if its
/// bytes did).
struct FileStamp: Sendable, Equatable {
    var size: Int
    var modified: Int      // nanoseconds
    var changed: Int       // inode change time, nanoseconds
    var inode: UInt64

    /// What a record keeps when the file's stamp was not known or not settled (`isSettled`):
    /// no file has it (its size is -1), so the next build reads the file again.
    static let unknown = FileStamp(size: -1, modified: 0, changed: 0, inode: 0)

    /// The stamps of files given relative to `folder`, looked up from the folder's open
    /// descriptor (the folder's own path is not walked again for each file); nil for a
    /// file that cannot be stat'ed or whose stamp is not settled yet at `now` (`isSettled`),
    /// all nil if the folder cannot be opened. A nil stamp matches no record: the file is read.
    /// - Parameter now: the wall-clock time before the first `stat`, in nanoseconds since 1970.
    static func of(_ paths: [String], in folder: String, now: Int = FileStamp.now()) -> [FileStamp?] {
        of(PathList(paths), in: folder, now: now)
    }

    /// The same for paths listed as one block of bytes.
    static func of(_ paths: PathList, in folder: String, now: Int) -> [FileStamp?] {
        var linked = false
        return of(paths, in: folder, now: now, hardLinked: &linked)
    }

    /// The same, telling whether any of the files has another name (a hard link, through which
    /// it may be written without a watcher of this folder hearing of it). Each path is given
    /// to `fstatat` where it lies in the list.
    static func of(_ paths: PathList, in folder: String, now: Int, hardLinked: inout Bool) -> [FileStamp?] {
        let fd = open(folder, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard fd >= 0 else { return paths.map { _ in nil } }
        defer { close(fd) }
        let linked = Locked(false)
        defer { hardLinked = linked.withLock { $0 } }
        return paths.withBlock { base, starts in
            nonisolated(unsafe) let base = base, starts = starts
            return ParallelMap.map(count: paths.count, chunk: 64) { i in
                var st = stat()
                guard fstatat(fd, UnsafeRawPointer(base + starts[i]).assumingMemoryBound(to: CChar.self), &st, 0) == 0 else { return nil }
                if st.st_nlink > 1 { linked.withLock { $0 = true } }
                let stamp = FileStamp(st)
                return stamp.isSettled(now: now) ? stamp : nil
            }
        }
    }

    /// Whether a later change to the file is sure to give it another stamp. A file system
    /// keeps times only so finely (a clock tick of a few milliseconds on ext4 with older
    /// kernels; a second on ext3, two on FAT), so a file written again within that step of
    /// being stat'ed can keep its size, times and inode while its bytes change. Its stamp
    /// then vouches for nothing (git calls such entries "racily clean"): the build reads
    /// the file and records no stamp, and the next build reads it again.
    ///
    /// Judged by the inode change time, which every write sets from the kernel's clock:
    /// settled once it lies a step before `now`. The step is 20 ms when the time has digits
    /// below the millisecond (the file system keeps fine times), else 2 s.
    func isSettled(now: Int) -> Bool {
        let step = changed % 1_000_000 != 0 ? 20_000_000 : 2_000_000_000
        return changed < now - step
    }

    /// The wall-clock time, in nanoseconds since 1970, as file times are given.
    static func now() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int(t.tv_sec) * 1_000_000_000 + Int(t.tv_nsec)
    }
}

extension FileStamp {
    /// The stamp of one file or folder, following links; nil if it cannot be stat'ed.
    static func of(path: String) -> FileStamp? {
        var st = stat()
        return stat(path, &st) == 0 ? FileStamp(st) : nil
    }

    init(_ st: stat) {
        self.init(size: Int(st.st_size),
                  modified: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec),
                  changed: Int(st.st_ctim.tv_sec) * 1_000_000_000 + Int(st.st_ctim.tv_nsec),
                  inode: UInt64(st.st_ino))
    }
}

extension FileStamp {
    /// The four numbers, as every cache file keeps a stamp.
    func encode(into w: inout ByteWriter) {
        w.int(size); w.int(modified); w.int(changed); w.u64(inode)
    }

    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> FileStamp {
        FileStamp(size: try r.int(), modified: try r.int(), changed: try r.int(), inode: try r.u64())
    }
}

extension PageKey {
    /// A file's stamp, in the keys that tell a build nothing changed (`BuildState.sourcesKey`, `LinkedFiles.key`).
    mutating func add(_ stamp: FileStamp) {
        add(UInt64(bitPattern: Int64(stamp.size))); add(UInt64(bitPattern: Int64(stamp.modified)))
        add(UInt64(bitPattern: Int64(stamp.changed))); add(stamp.inode)
    }
}
