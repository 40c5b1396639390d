/// The build cache's body and records, read on a thread of their own ahead of a build this
/// process is about to run once it has changed the sources itself: `concord add` lists the
/// source folder and copies its files in first, and the cache is read meanwhile, on the core
/// the listing leaves idle (`SiteBuilder.readCacheAhead()`, handed to the build with
/// `BuildOptions.useCache(readAhead:)`).
///
/// Read before the build takes the output folder's lock: the build uses it only if `state.bin`
/// is still the one it was read from (its seal), else reads the cache anew.
public final class CacheReadAhead: Sendable {
    /// The seal of the `state.bin` read (`BuildCache.Loaded.seal`).
    let seal: UInt64
    let reading: SiteBuilder.CacheAhead

    init(seal: UInt64, reading: SiteBuilder.CacheAhead) { self.seal = seal; self.reading = reading }

    /// The reading, if `head` is the `state.bin` it read; else nil.
    func reading(for head: Result<BuildCache.Loaded, BuildCache.Unusable>) -> SiteBuilder.CacheAhead? {
        guard case .success(let loaded) = head, loaded.seal == seal else { return nil }
        return reading
    }
}
