import ConcordCore
import Foundation

/// Debounces file changes into rebuilds and reports each outcome to the hub.
///
/// A burst of changes (an editor saving several files, `git checkout`) gives
/// one rebuild once the folders have been quiet for `debounce`. Rebuilds run
/// one at a time; changes during a rebuild cause one more.
final class RebuildLoop: @unchecked Sendable {
    private let lock = NSLock()
    private var firstChange: ContinuousClock.Instant? = nil
    private var lastChange: ContinuousClock.Instant? = nil
    private var lastPath = ""
    private let signal: AsyncStream<Void>.Continuation
    private let signals: AsyncStream<Void>
    let debounce: Duration
    let rebuild: @Sendable () async -> Void

    init(debounce: Duration, rebuild: @escaping @Sendable () async -> Void) {
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.debounce = debounce
        self.rebuild = rebuild
    }

    /// Called by the watcher for each changed path.
    func changed(_ path: String) {
        let now = ContinuousClock.now
        lock.lock()
        if firstChange == nil { firstChange = now }
        lastChange = now
        lastPath = path
        lock.unlock()
        signal.yield()
    }

    /// When the current burst started and the last path in it; resets the burst.
    func takeBurst() -> (ContinuousClock.Instant, String)? {
        lock.lock(); defer { lock.unlock() }
        guard let first = firstChange else { return nil }
        firstChange = nil; lastChange = nil
        return (first, lastPath)
    }

    private func quietFor() -> Duration? {
        lock.lock(); defer { lock.unlock() }
        return lastChange.map { ContinuousClock.now - $0 }
    }

    func run() async {
        for await _ in signals {
            // Wait until no change has come for `debounce`.
            while let quiet = quietFor(), quiet < debounce {
                try? await Task.sleep(for: debounce - quiet)
                if Task.isCancelled { return }
            }
            await rebuild()
        }
    }

    func stop() { signal.finish() }
}
