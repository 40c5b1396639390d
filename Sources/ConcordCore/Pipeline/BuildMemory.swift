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
///
/// A build that leaves nothing kept for the cache it leaves on disk (one that found nothing to
/// do, as the first build of `concord serve` often does; a full build; one whose articles hold
/// too many bytes) reads that cache back once its report is out, so that the next build does not.
///
/// A process that watches the source folder (`watching`) also keeps each build's listing of
/// the sources with their stamps, and the paths reported changed since: the next build patches
/// that listing (`SourceListing.patched`) instead of listing and `stat`ing every file.
public final class BuildMemory: Sendable {
    struct Kept: Sendable {
        /// The seal of the `state.bin` these were written as.
        let seal: UInt64
        let loaded: BuildCache.Loaded
        /// The folders they are for.
        let source: String, output: String

        /// Whether these are for this `state.bin` (`seal`) and these folders.
        func isFor(seal: UInt64, source: String, output: String) -> Bool {
            self.seal == seal && self.source == source && self.output == output
        }
    }

    /// More articles held in memory than this and the records are read from disk instead.
    static let keptFreshLimit = 4096

    /// What is kept, whether a build is about to keep something (`keeping`), and the counts of
    /// `uses`; under `condition`.
    nonisolated(unsafe) private var kept: Kept? = nil
    nonisolated(unsafe) private var keeping = false
    nonisolated(unsafe) private var counts = (used: 0, kept: 0)
    /// The last build's listing of the sources (and their folder), and the paths reported
    /// changed since it began (nil: not watching, or reports were lost).
    nonisolated(unsafe) private var listing: (folder: String, SourceListing)? = nil
    nonisolated(unsafe) private var changes: Set<String>? = nil
    nonisolated(unsafe) private var flush: (@Sendable () -> Void)? = nil
    nonisolated(unsafe) private var patchedCount = 0
    private let condition = NSCondition()

    public init() {}

    /// Says that every change under the source folder is reported from now on (`changed`), and
    /// how to have the reports of changes already made delivered (`flush`, called before a build
    /// lists the sources: a change made before then must be among those reported).
    public func watching(flush: @escaping @Sendable () -> Void) {
        condition.lock(); self.flush = flush; condition.unlock()
    }

    /// A watcher saw `path` (absolute) change: created, written, removed, moved, its attributes.
    public func changed(_ path: String) {
        condition.lock(); changes?.insert(path); condition.unlock()
    }

    /// The watcher lost reports (its queue overflowed): the next build lists the sources whole.
    public func lostChanges() {
        condition.lock(); changes = nil; condition.unlock()
    }

    /// The last build's listing of `folder` and the changes reported since, when every change
    /// was; starts gathering the changes from now on, for the listing this build will give (`listed`).
    func beginListing(_ folder: String) -> (SourceListing, changed: Set<String>)? {
        let flush = condition.withLock { self.flush }
        flush?()
        condition.lock(); defer { condition.unlock() }
        var last: (SourceListing, changed: Set<String>)? = nil
        if let listing, listing.folder == folder, let changes { last = (listing.1, changes) }
        listing = nil
        changes = flush == nil ? nil : []
        return last
    }

    /// This build's listing of `folder` (`patched`: made from the last one), which the next build may patch.
    func listed(_ l: SourceListing, folder: String, patched: Bool) {
        condition.lock(); listing = (folder, l); if patched { patchedCount += 1 }; condition.unlock()
    }

    /// How many builds patched the last listing rather than listing the sources: for tests.
    public var listingsPatched: Int { condition.withLock { patchedCount } }

    /// The cache kept for this `state.bin` (`seal`) and these folders, if any. Waits for a
    /// build that handed its report over and is still keeping its cache (tens of milliseconds).
    func take(seal: UInt64, source: String, output: String) -> Kept? {
        settled {
            guard let k = kept, k.isFor(seal: seal, source: source, output: output) else { return nil }
            counts.used += 1
            return k
        }
    }

    /// Says that a build will keep its cache, or forget, after handing its report over: until
    /// then, `take` waits.
    func willKeep() { condition.lock(); keeping = true; condition.unlock() }

    func keep(_ k: Kept) { done { kept = k; counts.kept += 1 } }

    /// Says that what is kept stays as it is (it is already the cache on disk).
    func keepAsIs() { done {} }

    /// Whether what is kept is for this `state.bin` (`seal`) and these folders. Does not wait:
    /// the build keeping its cache asks it.
    func holds(seal: UInt64, source: String, output: String) -> Bool {
        condition.withLock { kept?.isFor(seal: seal, source: source, output: output) ?? false }
    }

    /// Waits until no build is keeping its cache: a build calls it before it takes the output's
    /// lock, which a build reading its cache back from disk (`SiteBuilder.keepFromDisk`) holds.
    func waitWhileKeeping() { settled {} }

    /// Drops what is kept (a build found a source changed under it, or kept nothing).
    func forget() { done { kept = nil } }

    private func done(_ change: () -> Void) {
        condition.lock(); change(); keeping = false; condition.broadcast(); condition.unlock()
    }

    /// `body`, under the lock, once no build is keeping its cache.
    private func settled<T>(_ body: () -> T) -> T {
        condition.lock(); defer { condition.unlock() }
        while keeping { condition.wait() }
        return body()
    }

    /// How many builds used a kept cache, and how many kept one, once no build is keeping its
    /// cache (a build's report comes before it keeps: the counts are then settled): for tests.
    public var uses: (used: Int, kept: Int) { settled { counts } }
}
