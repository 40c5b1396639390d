import Foundation

/// An article's file bytes: given at parse time, or read from the file on
/// first use when the article comes from the build cache.
///
/// Also remembers the text of each byte range asked for (quotes, witnesses),
/// which the cache keeps so that the next build can write `annotations.json`
/// and list excerpts without opening unchanged files.
final class SourceBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [UInt8]?
    private let file: String?
    private let expectedHash: UInt64
    private var texts: [Range<Int>: String]
    private var used = Set<Range<Int>>()
    /// Whether a text not among those given at init was asked for.
    private var grew = false
    private let given: Int
    /// Set when the file no longer holds the bytes the cache recorded (changed during the build).
    private(set) var stale = false

    init(_ bytes: [UInt8]) { loaded = bytes; file = nil; expectedHash = 0; texts = [:]; given = 0 }

    init(file: String, hash: UInt64, texts: [Range<Int>: String]) {
        self.file = file; expectedHash = hash; self.texts = texts; given = texts.count
    }

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
        used.insert(range)
        if let t = texts[range] { return t }
        grew = true
        let bytes = load()
        let t = range.upperBound <= bytes.count ? String(decoding: bytes[range], as: UTF8.self) : ""
        texts[range] = t
        return t
    }

    var isStale: Bool { lock.lock(); defer { lock.unlock() }; return stale }

    /// Whether this build asked for exactly the texts given at init (the cache's record of them still holds).
    var usedExactlyTheGivenTexts: Bool {
        lock.lock(); defer { lock.unlock() }
        return !grew && used.count == given
    }

    /// The texts asked for in this build, for the cache.
    var usedTexts: [(Range<Int>, String)] {
        lock.lock(); defer { lock.unlock() }
        return used.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }.map { ($0, texts[$0]!) }
    }
}
