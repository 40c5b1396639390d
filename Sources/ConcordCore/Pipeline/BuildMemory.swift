import Foundation

/// What a process that builds the same site again and again (`concord serve`) keeps between
/// its builds: the build cache as its last build left it, records and tables decoded, so that
/// the next build does not read them back (the records of 100,000 articles: 80–110 ms).
///
/// Kept only while `state.bin` is the one that build wrote (its seal): another process's build
/// (`concord add`, `concord build`) writes another, and the cache is then read from disk as
/// usual. Articles restored from the cache forget the bytes a build read of them, so the
/// process does not come to hold the whole archive; articles parsed anew (those a build
/// added or changed) keep theirs, so after `keptFreshLimit` of them the records are read
/// back from disk once, as mapped views, and kept again from there.
public final class BuildMemory: Sendable {
    struct Kept: Sendable {
        /// The seal of the `state.bin` these were written as.
        let seal: UInt64
        let loaded: BuildCache.Loaded
        /// The folders they are for.
        let source: String, output: String
    }

    /// More articles held in memory than this and the records are read from disk instead.
    static let keptFreshLimit = 4096

    /// What is kept, whether a build is about to keep something (`keeping`), and the counts of
    /// `uses`; under `condition`.
    nonisolated(unsafe) private var kept: Kept? = nil
    nonisolated(unsafe) private var keeping = false
    nonisolated(unsafe) private var counts = (used: 0, kept: 0)
    private let condition = NSCondition()

    public init() {}

    /// The cache kept for this `state.bin` (`seal`) and these folders, if any. Waits for a
    /// build that handed its report over and is still keeping its cache (tens of milliseconds).
    func take(seal: UInt64, source: String, output: String) -> Kept? {
        condition.lock(); defer { condition.unlock() }
        while keeping { condition.wait() }
        guard let k = kept, k.seal == seal, k.source == source, k.output == output else { return nil }
        counts.used += 1
        return k
    }

    /// Says that a build will keep its cache, or forget, after handing its report over: until
    /// then, `take` waits.
    func willKeep() { condition.lock(); keeping = true; condition.unlock() }

    func keep(_ k: Kept) { done { kept = k; counts.kept += 1 } }

    /// Drops what is kept (a build found a source changed under it, or kept nothing).
    func forget() { done { kept = nil } }

    private func done(_ change: () -> Void) {
        condition.lock(); change(); keeping = false; condition.broadcast(); condition.unlock()
    }

    /// How many builds used a kept cache, and how many kept one: for tests and `--verbose`.
    public var uses: (used: Int, kept: Int) { condition.lock(); defer { condition.unlock() }; return counts }
}
