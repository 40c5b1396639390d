import ConcordCore
import Foundation

/// Hands the memory the builds freed back to the system once the server has been idle
/// (no build) for `delay`.
///
/// glibc keeps what a build frees in its heaps, 64 MB at the top of each padded
/// (`Memory.padHeaps`), so that the next build does not fault it in again: a server that
/// rebuilt a 100,000-article archive 95 times held 573 MB, of which 207 MB went back with one
/// trim. Trimmed after every rebuild, the next one paid 10–20 ms in page faults (0.18–0.20 s →
/// 0.19–0.22 s); trimmed only once the server has been idle, a burst of edits does not.
final class IdleTrim: Sendable {
    private let delay: Duration
    private let action: @Sendable () -> Void
    /// Counts the calls to `busy`: a trim is due only if none came since it was scheduled.
    private let calls = Locked(0)

    init(delay: Duration = .seconds(30), action: @escaping @Sendable () -> Void = Memory.giveBack) {
        self.delay = delay; self.action = action
    }

    /// The server is busy now (a build starts or ends): a trim is due `delay` from now, if the
    /// server stays idle until then.
    func busy() {
        let call = calls.withLock { $0 += 1; return $0 }
        Task { [delay, action, calls] in
            try? await Task.sleep(for: delay)
            if calls.withLock({ $0 }) == call { action() }
        }
    }
}
