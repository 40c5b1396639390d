/// The build cache's body and records, read on a thread of their own ahead of a build this
/// process is about to run once it has changed the sources itself: `concord add` lists the
/// source folder and copies its files in first, and the cache is read meanwhile, on the core
/// the listing leaves idle (`SiteBuilder.readCacheAhead()`, handed to the build with
/// `BuildOptions.useCache(readAhead:)`).
///
/// Read before the build takes the output folder's lock: the build uses it only if `state.bin`
/// is still the one it was read from (its seal), else reads the cache anew. Stopped (`stop()`)
/// when the import added nothing: the build then has nothing to do, and the reading would
/// only have made it wait (at 100,000 articles 0.25–0.45 s and 276 MB, against 0.20–0.25 s
/// and 47 MB without it; see docs/incremental-builds.md).
public final class CacheReadAhead: Sendable {
    /// The seal of the `state.bin` read (`BuildCache.Loaded.seal`).
    let seal: UInt64
    let reading: SiteBuilder.CacheAhead
    /// Whether the reading was asked to stop, shared with the thread that reads (asked once per part).
    private let stopped: Locked<Bool>

    init(seal: UInt64, reading: SiteBuilder.CacheAhead, stopped: Locked<Bool>) { self.seal = seal; self.reading = reading; self.stopped = stopped }

    /// Stops the reading after the part it is reading (the body's tables, or one shard of records).
    public func stop() { stopped.withLock { $0 = true } }

    /// The reading, if `head` is the `state.bin` it read and it was not stopped; else nil.
    func reading(for head: Result<BuildCache.Loaded, BuildCache.Unusable>) -> SiteBuilder.CacheAhead? {
        guard !stopped.withLock({ $0 }), case .success(let loaded) = head, loaded.seal == seal else { return nil }
        return reading
    }
}
