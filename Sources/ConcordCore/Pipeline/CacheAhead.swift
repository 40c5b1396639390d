import Synchronization

/// The cache's body (its tables decoded: segments, passages, file tables, where reusable pieces
/// lie) and its article records, read on a thread of their own while the sources are listed and
/// `stat`ed (`SiteBuilder.cacheAhead`), or why they could not be.
///
/// Reading starts at once when the source folder changed since the cache was written (an
/// article added, removed or renamed), else when the `stat`s meet the first source changed since
/// then (`notice(changed:)`: an edit in place, which leaves the folder's time as it was), else
/// never: a build that finds nothing changed needs neither.
final class CacheAhead: Sendable {
    typealias Read = Result<BuildCache.Loaded, BuildCache.Unusable>

    /// When the cache was written (`state.bin`'s modification time, in nanoseconds): a source
    /// whose inode changed later changed since.
    private let writtenAt: Int
    private let read: @Sendable () -> Read
    private let started = Atomic<Bool>(false)
    private let reading = Locked<Background<Read, Never>?>(nil)

    init(writtenAt: Int, startNow: Bool, _ read: @escaping @Sendable () -> Read) {
        self.writtenAt = writtenAt; self.read = read
        if startNow { start() }
    }

    /// Starts reading, unless it started already.
    func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        reading.withLock { $0 = Background(read) }
    }

    /// A source was found with this inode change time: starts reading if it is later than the
    /// cache (one comparison for each of 100,000 sources; the first one later starts it).
    func notice(changed: Int) {
        if changed > writtenAt && !started.load(ordering: .relaxed) { start() }
    }

    /// Whether reading started.
    var isStarted: Bool { started.load(ordering: .acquiring) }

    /// What was read, when reading started (waiting for it); nil when it did not.
    func value() -> Read? {
        guard isStarted else { return nil }
        // `start` may still be making the thread: its lock is taken until it is made.
        return reading.withLock { $0 }?.value()
    }
}
