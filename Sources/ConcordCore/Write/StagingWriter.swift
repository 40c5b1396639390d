import Foundation

/// Writes the files of one build into its staging folder; safe to call from many threads.
public final class StagingWriter: @unchecked Sendable {
    public let root: URL
    private let lock = NSLock()
    private var createdFolders = Set<String>()
    private var errors: [String] = []
    private var written = 0
    private var paths = Set<String>()

    public init(root: URL) { self.root = root }

    /// Writes `contents` at `path` (relative, `/`-separated), creating folders as needed.
    public func write(_ path: String, _ contents: String) { write(path, Data(contents.utf8)) }

    public func write(_ path: String, _ data: Data) {
        let url = root.appendingPathComponent(path)
        let folder = url.deletingLastPathComponent().path
        do {
            lock.lock()
            let needsFolder = createdFolders.insert(folder).inserted
            lock.unlock()
            if needsFolder { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try data.write(to: url)
            lock.lock(); written += 1; paths.insert(path); lock.unlock()
        } catch {
            lock.lock(); errors.append("\(path): \(error.localizedDescription)"); lock.unlock()
        }
    }

    public func copy(from source: URL, to path: String) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            lock.lock(); errors.append("cannot read asset \(source.path)"); lock.unlock()
            return
        }
        write(path, data)
    }

    public var fileCount: Int { lock.lock(); defer { lock.unlock() }; return written }

    /// Relative paths of every file written.
    public var writtenPaths: Set<String> { lock.lock(); defer { lock.unlock() }; return paths }

    /// Throws if any write failed.
    public func finish() throws(BuildFailure) {
        lock.lock(); defer { lock.unlock() }
        if let first = errors.first { throw BuildFailure("could not write \(errors.count) file(s), first: \(first)") }
    }
}
