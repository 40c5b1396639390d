#if canImport(Glibc)
import Glibc
#endif

/// Files read and written a piece at a time, never held whole: a video an article links to
/// (gigabytes) is summed, compared and copied into the site with a buffer of `pieceSize` bytes,
/// where reading it whole took its size in memory, on each core copying one.
enum StreamedFile {
    /// Files larger than this are streamed; smaller ones (photos, most PDFs) are read whole, in one read.
    static let threshold = 8 << 20
    /// The bytes read at a time.
    static let pieceSize = 1 << 20

    /// Why a streamed read or copy stopped: the `errno` of the call that failed, on the side it failed.
    enum Failure: Error, Equatable {
        case unreadable(errno: Int32)
        case unwritable(errno: Int32)

        /// The system's words for it ("no such file or directory").
        var reason: String {
            switch self { case .unreadable(let code), .unwritable(let code): String(cString: strerror(code)).lowercased() }
        }
    }

    /// The size of the file at `path` (following links), nil if it cannot be `stat`ed.
    static func size(of path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    /// The checksum of the file at `path` (`Checksum.of` its bytes), read `piece` bytes at a time.
    static func checksum(of path: String, piece: Int = pieceSize) -> Result<UInt64, Failure> {
        withOpen(path) { fd in
            var sum = Checksum.Stream()
            return pieces(of: fd, piece: piece) { sum.add($0); return true }.map { _ in sum.value }
        }.flatMap { $0 }
    }

    /// Whether the files at `a` and `b` hold the same bytes: compared a piece at a time, not
    /// read at all when their sizes differ. False when either cannot be read.
    static func sameBytes(_ a: String, _ b: String, piece: Int = pieceSize) -> Bool {
        guard let size = size(of: a), size == self.size(of: b) else { return false }
        let fd = open(b, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let other = UnsafeMutableRawBufferPointer.allocate(byteCount: piece, alignment: 16)
        defer { other.deallocate() }
        var offset = 0
        let read = withOpen(a) { input in
            pieces(of: input, piece: piece) { bytes in
                guard let n = FastFiles.read(fd, at: offset, into: UnsafeMutableRawBufferPointer(rebasing: other[0..<bytes.count])),
                      n == bytes.count, memcmp(other.baseAddress!, bytes.baseAddress!, n) == 0 else { return false }
                offset += n
                return true
            }
        }
        // Equal so far, and `b` ends where `a` did.
        guard case .success(.success(true)) = read, offset == size else { return false }
        var one: UInt8 = 0
        return pread(fd, &one, 1, off_t(offset)) == 0
    }

    /// Copies the file at `source` to `destination`, a piece at a time; the checksum of the bytes
    /// copied. The destination is opened as `FastFiles.openToWrite` does (`sparingLinks`: a file
    /// of one link written over in place and cut to length, one of several made anew; a
    /// symbolic link replaced, never written through). A destination whose folder is missing
    /// fails with `unwritable(ENOENT)`, the source left unread.
    static func copy(_ source: String, to destination: String, sparingLinks: Bool = true, piece: Int = pieceSize) -> Result<UInt64, Failure> {
        withOpen(source) { input -> Result<UInt64, Failure> in
            let (fd, cutAfter, error) = FastFiles.openToWrite(destination, sparingLinks: sparingLinks)
            guard fd >= 0 else { return .failure(.unwritable(errno: error)) }
            defer { close(fd) }
            var sum = Checksum.Stream(), written = 0, failure: Int32 = 0
            let read = pieces(of: input, piece: piece) { bytes in
                failure = FastFiles.write(pieces: [bytes], to: fd)
                guard failure == 0 else { return false }
                sum.add(bytes); written += bytes.count
                return true
            }
            switch read {
            case .failure(let why): return .failure(why)
            case .success(false): return .failure(.unwritable(errno: failure))
            case .success(true):
                if cutAfter && ftruncate(fd, off_t(written)) != 0 { return .failure(.unwritable(errno: errno)) }
                return .success(sum.value)
            }
        }.flatMap { $0 }
    }

    /// `body` with the file at `path` open to read (read ahead, as it is read in order), or why it cannot be opened.
    private static func withOpen<T>(_ path: String, _ body: (Int32) -> T) -> Result<T, Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable(errno: errno)) }
        defer { close(fd) }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        return .success(body(fd))
    }

    /// Calls `body` with each piece of the open file `fd`, in order from its start, until it
    /// ends or `body` says stop (false); whether `body` saw it all.
    private static func pieces(of fd: Int32, piece: Int, _ body: (UnsafeRawBufferPointer) -> Bool) -> Result<Bool, Failure> {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: piece, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            guard let n = FastFiles.read(fd, at: offset, into: buffer) else { return .failure(.unreadable(errno: errno)) }
            if n == 0 { return .success(true) }
            guard body(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) else { return .success(false) }
            offset += n
        }
    }
}
