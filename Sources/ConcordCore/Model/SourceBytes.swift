import Foundation
import Synchronization

/// An article's file bytes: given at parse time, or read from the file on
/// first use when the article comes from the build cache (most never are:
/// an incremental build reads only the files of the pages and entries it makes anew).
///
/// Also remembers the text of each byte range asked for (quotes, witnesses):
/// a page and `annotations.json` ask for the same ones.
///
/// One is made for every article restored from the cache (100,000 at each build of such an
/// archive), so it takes no allocation of its own: it is held inline by its `Article` (not
/// an object beside it), keeps the folder alone (the path is the article's, not joined to
/// it), and its lock is a `Mutex` held inline, where an `NSLock` took two allocations of its own.
struct SourceBytes: ~Copyable, Sendable {
    /// (Not private: a private type inside this noncopyable struct crashed Swift 6.3.1's compiler.)
    struct State: Sendable {
        var loaded: [UInt8]?
        var texts: [Range<Int>: String] = [:]
        /// Set when the file no longer holds the bytes the cache recorded (changed during the build).
        var stale = false
    }
    private let state: Mutex<State>
    /// The source folder the file is read from; nil when the bytes were given. The file's path
    /// in it and the checksum its bytes must have are the article's (`path`, `contentHash`),
    /// passed in when the bytes are read rather than kept twice.
    private let folder: String?
    /// How many bytes the file had (at least as many as the article's ranges reach): what a
    /// stale file's stand-in holds.
    private let expectedSize: Int

    /// How many sources this process has found stale, ever: while none has, no article can be
    /// (`anyStale(in:)` then visits none of 100,000 articles, 12 ms at the end of every build).
    private static let staleFound = Atomic<Int>(0)

    init(_ bytes: [UInt8]) { state = Mutex(State(loaded: bytes)); folder = nil; expectedSize = bytes.count }

    /// - Parameters:
    ///   - folder: the folder the article's file is read from, by its path.
    ///   - size: how many bytes the file was, at least as many as every range of the article reaches.
    init(folder: String, size: Int) {
        state = Mutex(State(loaded: nil)); self.folder = folder
        expectedSize = max(0, size)
    }

    /// The bytes: those given, or read from `folder/path` on first use.
    /// - Parameter hash: the checksum those bytes must have (`Article.contentHash`); else the source is stale.
    func bytes(path: @autoclosure () -> String, hash: UInt64) -> [UInt8] { state.withLock { load(&$0, path: path, hash: hash) } }

    private func load(_ s: inout State, path: () -> String, hash: UInt64) -> [UInt8] {
        if let loaded = s.loaded { return loaded }
        var bytes = folder.flatMap { FastFiles.read($0 + "/" + path()) } ?? []
        if Checksum.of(bytes) != hash {
            // The file changed since its record was made: the build is redone (`anyStale`), and
            // until it ends, this build's stages read spaces where the bytes were (every range
            // the record gives lies in them; read past the end of fewer bytes, the stages crashed).
            s.stale = true; bytes = [UInt8](repeating: 0x20, count: expectedSize)
            Self.staleFound.add(1, ordering: .sequentiallyConsistent)
        }
        s.loaded = bytes
        return bytes
    }

    func text(_ range: Range<Int>, path: @autoclosure () -> String, hash: UInt64) -> String {
        state.withLock { s in
            if let t = s.texts[range] { return t }
            let bytes = load(&s, path: path, hash: hash)
            let t = range.upperBound <= bytes.count ? String(decoding: bytes[range], as: UTF8.self) : ""
            s.texts[range] = t
            return t
        }
    }

    var isStale: Bool { state.withLock { $0.stale } }

    /// Whether any of `articles`' sources is stale: each one is asked only once some source
    /// of this process has been found so (a flag set before the count is raised).
    static func anyStale(in articles: [Article]) -> Bool {
        guard staleFound.load(ordering: .sequentiallyConsistent) > 0 else { return false }
        return articles.contains { $0.storage.isStale }
    }

    /// Whether the bytes are read from the article's file (a restored article), not given.
    var isRestored: Bool { folder != nil }

    /// Whether the bytes are in memory (given, or read since made or last `unload`ed).
    var isLoaded: Bool { state.withLock { $0.loaded != nil } }

    /// Forgets the bytes and texts read from the file, which is read again when next asked
    /// for (see `BuildMemory`); given bytes are kept.
    func unload() {
        guard folder != nil else { return }
        state.withLock { $0.loaded = nil; $0.texts = [:] }
    }
}
