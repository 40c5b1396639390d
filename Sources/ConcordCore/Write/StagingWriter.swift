import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the files of one build into its staging folder; safe to call from many threads.
public final class StagingWriter: @unchecked Sendable {
    public let root: URL
    private let lock = NSLock()
    private var errors: [String] = []
    private var written = 0, linked = 0

    public init(root: URL) { self.root = root }

    /// Writes `contents` at `path` (relative, `/`-separated), creating folders as needed.
    public func write(_ path: String, _ contents: String) { write(path, Data(contents.utf8)) }

    /// Writes in place with open/write/close: no temporary file and rename per
    /// page (the staging folder as a whole is what gets swapped in). Folders are
    /// created only when the file cannot be opened for lack of one. A file that is
    /// a hard link (`link`, in an earlier build: the same file is then live in the
    /// output) is replaced, never written through.
    public func write(_ path: String, _ data: Data) { data.withUnsafeBytes { write(path, pieces: [$0]) } }

    /// `write` for bytes already in an array (no copy into `Data`).
    public func write(_ path: String, _ bytes: [UInt8]) { bytes.withUnsafeBytes { write(path, pieces: [$0]) } }

    /// `write` for bytes in pieces, spans of an earlier file among them (`annotations.json`
    /// and the archive index of an incremental build: no copy of their megabytes).
    func write(_ path: String, _ bytes: SplicedBytes) { bytes.withPieces { write(path, pieces: $0) } }

    private func write(_ path: String, pieces: [UnsafeRawBufferPointer]) {
        let full = root.path + "/" + path
        var error = FastFiles.write(pieces: pieces, to: full, sparingLinks: true)
        if error == ENOENT {
            FastFiles.makeFolder(of: full)
            error = FastFiles.write(pieces: pieces, to: full, sparingLinks: true)
        }
        guard error == 0 else { fail(path, String(cString: strerror(error))); return }
        lock.lock(); written += 1; lock.unlock()
    }

    /// Puts the file at `existing` (an absolute path on the same file system, holding
    /// `bytes`) at `path` as a hard link: a new staging folder gets the output's unchanged
    /// pages without writing them again (12,000 files at 10,000 articles). Where the file
    /// system cannot link, `bytes` are written.
    public func link(_ existing: String, to path: String, bytes: [UInt8]) {
        let full = root.path + "/" + path
        var result = Glibc.link(existing, full)
        if result != 0 && errno == ENOENT { FastFiles.makeFolder(of: full); result = Glibc.link(existing, full) }
        if result != 0 && errno == EEXIST { unlink(full); result = Glibc.link(existing, full) }
        guard result == 0 else { write(path, bytes); return }
        lock.lock(); linked += 1; lock.unlock()
    }

    /// Writes `bytes` at `path` unless the file there already holds exactly them
    /// (read and compared: rewriting a file costs this disk far more than reading it).
    func writeIfChanged(_ path: String, _ bytes: SplicedBytes) {
        bytes.withPieces { pieces in
            if !FastFiles.holds(root.path + "/" + path, pieces: pieces) { write(path, pieces: pieces) }
        }
    }

    /// Puts the file at `source` (a large one: `StreamedFile`) at `path`, a piece at a time,
    /// unless the staging folder holds its bytes already: known from `held` (the checksum of
    /// the staging folder's file, `.some(nil)` for none), else found by comparing the files.
    /// The checksum of the bytes put there; a failure to read `source` is returned, and leaves
    /// no file at `path` (the build records none); one to write is also kept for `finish`.
    func copy(large source: String, to path: String, held: UInt64??) -> Result<UInt64, StreamedFile.Failure> {
        let full = root.path + "/" + path
        let sum: UInt64
        switch StreamedFile.checksum(of: source) {
        case .failure(let why): unlink(full); return .failure(why)
        case .success(let value): sum = value
        }
        if let held { if held == sum { return .success(sum) } }
        else if StreamedFile.sameBytes(source, full) { return .success(sum) }
        var copied = StreamedFile.copy(source, to: full)
        if copied == .failure(.unwritable(errno: ENOENT)) {
            FastFiles.makeFolder(of: full)
            copied = StreamedFile.copy(source, to: full)
        }
        switch copied {
        case .success: lock.lock(); written += 1; lock.unlock()
        case .failure(let why):
            // Part of a copy is no file of the site: the build records none there, and pruning
            // removes only files it knows the folder holds. (An older copy goes too, as above.)
            unlink(full)
            if case .unwritable(let code) = why { fail(path, String(cString: strerror(code))) }
        }
        return copied
    }

    private func fail(_ path: String, _ message: String) {
        lock.lock(); errors.append("\(path): \(message)"); lock.unlock()
    }

    /// Files written (not those the staging folder already held, nor those linked).
    public var fileCount: Int { lock.lock(); defer { lock.unlock() }; return written }

    /// Files put in place as hard links to the output's (`link`).
    public var linkCount: Int { lock.lock(); defer { lock.unlock() }; return linked }

    /// Throws if any write failed.
    public func finish() throws(BuildFailure) {
        lock.lock(); defer { lock.unlock() }
        if let first = errors.first { throw BuildFailure("could not write \(errors.count) file(s), first: \(first)") }
    }
}
