import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the files of one build into its staging folder; safe to call from many threads.
public final class StagingWriter: @unchecked Sendable {
    public let root: URL
    private let lock = NSLock()
    private var errors: [String] = []
    private var written = 0

    public init(root: URL) { self.root = root }

    /// Writes `contents` at `path` (relative, `/`-separated), creating folders as needed.
    public func write(_ path: String, _ contents: String) { write(path, Data(contents.utf8)) }

    /// Writes in place with open/write/close: no temporary file and rename per
    /// page (the staging folder as a whole is what gets swapped in). Folders are
    /// created only when the file cannot be opened for lack of one.
    public func write(_ path: String, _ data: Data) { data.withUnsafeBytes { write(path, raw: $0) } }

    /// `write` for bytes already in an array (no copy into `Data`: megabytes for `annotations.json`).
    public func write(_ path: String, _ bytes: [UInt8]) { bytes.withUnsafeBytes { write(path, raw: $0) } }

    private func write(_ path: String, raw bytes: UnsafeRawBufferPointer) {
        let full = root.path + "/" + path
        var error = FastFiles.write(bytes, to: full)
        if error == ENOENT {
            try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            error = FastFiles.write(bytes, to: full)
        }
        guard error == 0 else { fail(path, String(cString: strerror(error))); return }
        lock.lock(); written += 1; lock.unlock()
    }

    /// Writes `bytes` at `path` unless the file there already holds exactly them
    /// (read and compared: rewriting a file costs this disk far more than reading it).
    public func writeIfChanged(_ path: String, _ bytes: [UInt8]) {
        if !bytes.withUnsafeBytes({ FastFiles.holds(root.path + "/" + path, $0) }) { write(path, bytes) }
    }

    private func fail(_ path: String, _ message: String) {
        lock.lock(); errors.append("\(path): \(message)"); lock.unlock()
    }

    public func copy(from source: URL, to path: String) {
        guard let bytes = FastFiles.read(source.path) else {
            lock.lock(); errors.append("cannot read asset \(source.path)"); lock.unlock()
            return
        }
        write(path, bytes)
    }

    /// Files written (not those the staging folder already held).
    public var fileCount: Int { lock.lock(); defer { lock.unlock() }; return written }

    /// Throws if any write failed.
    public func finish() throws(BuildFailure) {
        lock.lock(); defer { lock.unlock() }
        if let first = errors.first { throw BuildFailure("could not write \(errors.count) file(s), first: \(first)") }
    }
}
