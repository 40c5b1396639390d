import Foundation

/// An article's file bytes: given at parse time, or read from the file on
/// first use when the article comes from the build cache (most never are:
/// an incremental build reads only the files of the pages and entries it makes anew).
///
/// Also remembers the text of each byte range asked for (quotes, witnesses):
/// a page and `annotations.json` ask for the same ones.
final class SourceBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [UInt8]?
    private let file: String?
    private let expectedHash: UInt64
    private var texts: [Range<Int>: String] = [:]
    /// Set when the file no longer holds the bytes the cache recorded (changed during the build).
    private(set) var stale = false

    init(_ bytes: [UInt8]) { loaded = bytes; file = nil; expectedHash = 0 }

    /// - Parameter hash: the checksum the file's bytes must have (`Article.contentHash`); else the source is stale.
    init(file: String, hash: UInt64) { self.file = file; expectedHash = hash }

    var bytes: [UInt8] {
        lock.lock(); defer { lock.unlock() }
        return load()
    }

    private func load() -> [UInt8] {
        if let loaded { return loaded }
        var bytes = file.flatMap(FastFiles.read) ?? []
        if Checksum.of(bytes) != expectedHash { stale = true; bytes = [] }
        loaded = bytes
        return bytes
    }

    func text(_ range: Range<Int>) -> String {
        lock.lock(); defer { lock.unlock() }
        if let t = texts[range] { return t }
        let bytes = load()
        let t = range.upperBound <= bytes.count ? String(decoding: bytes[range], as: UTF8.self) : ""
        texts[range] = t
        return t
    }

    var isStale: Bool { lock.lock(); defer { lock.unlock() }; return stale }
}
