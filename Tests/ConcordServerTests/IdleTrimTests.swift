import ConcordCore
import Foundation
import Testing
@testable import ConcordServer

/// The server gives memory back once idle (`IdleTrim`): once per idle spell, never while busy.
@Suite("Idle trim")
struct IdleTrimTests {
    /// Waits (polling, up to 30 s: a loaded machine may be slow to wake a task) until `trims` reaches `count`.
    func wait(for count: Int, _ trims: Locked<Int>) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while trims.withLock({ $0 }) < count && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func trimsOnceAfterTheLastBusyCallNotBefore() async throws {
        let trims = Locked(0)
        let delay = Duration.seconds(1)
        let idle = IdleTrim(delay: delay, action: { trims.withLock { $0 += 1 } })
        // Busy every 20 ms for 300 ms: no trim falls due, each call putting it off by a second
        // (checked only if no gap between calls reached the delay, as on a starved machine).
        var last = ContinuousClock.now, longestGap = Duration.zero
        for _ in 0..<15 {
            idle.busy()
            let now = ContinuousClock.now
            longestGap = max(longestGap, now - last); last = now
            try await Task.sleep(for: .milliseconds(20))
        }
        if longestGap < delay { #expect(trims.withLock { $0 } == 0, "trimmed while busy") }
        // Idle: one trim, for the last call alone (the earlier ones find a later call when they wake).
        try await wait(for: 1, trims)
        try await Task.sleep(for: .milliseconds(1200))
        #expect(trims.withLock { $0 } == 1)
        // Busy again, then idle: one more.
        idle.busy()
        try await wait(for: 2, trims)
        #expect(trims.withLock { $0 } == 2)
    }
}
