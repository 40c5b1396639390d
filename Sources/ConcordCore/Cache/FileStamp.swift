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

    /// The stamps of files given relative to `folder`, looked up from the folder's open
    /// descriptor (the folder's own path is not walked again for each file); nil for a
    /// file that cannot be stat'ed, all nil if the folder cannot be opened.
    static func of(_ paths: [String], in folder: String) -> [FileStamp?] {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return paths.map { _ in nil } }
        defer { close(fd) }
        return ParallelMap.map(paths, chunk: 64) { path in
            var st = stat()
            return fstatat(fd, path, &st, 0) == 0 ? FileStamp(st) : nil
        }
    }
}

extension FileStamp {
    fileprivate init(_ st: stat) {
        self.init(size: Int(st.st_size),
                  modified: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec),
                  changed: Int(st.st_ctim.tv_sec) * 1_000_000_000 + Int(st.st_ctim.tv_nsec),
                  inode: UInt64(st.st_ino))
    }
}
