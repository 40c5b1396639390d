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

    static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(size: Int(st.st_size),
                         modified: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec),
                         changed: Int(st.st_ctim.tv_sec) * 1_000_000_000 + Int(st.st_ctim.tv_nsec),
                         inode: UInt64(st.st_ino))
    }
}
