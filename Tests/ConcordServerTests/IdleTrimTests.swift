import ConcordCore
import Foundation
import Testing
@testable import ConcordServer

/// The server gives memory back once idle (`IdleTrim`): once per idle spell, never while busy.
@Suite("Idle trim")
struct IdleTrimTests {
    @Test func trimsOnceAfterTheLastBusyCallNotBefore() async throws {
        let trims = Locked(0)
        let idle = IdleTrim(delay: .seconds(1), action: { trims.withLock { $0 += 1 } })
        // Busy every 20 ms for 300 ms: no trim falls due (each call puts it off by a second).
        for _ in 0..<15 {
            idle.busy()
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(trims.withLock { $0 } == 0, "trimmed while busy")
        // Idle: one trim, for the last call alone.
        var waited = 0
        while trims.withLock({ $0 }) == 0 && waited < 100 { try await Task.sleep(for: .milliseconds(50)); waited += 1 }
        try await Task.sleep(for: .milliseconds(1200))
        #expect(trims.withLock { $0 } == 1)
        // Busy again, then idle: one more.
        idle.busy()
        waited = 0
        while trims.withLock({ $0 }) == 1 && waited < 100 { try await Task.sleep(for: .milliseconds(50)); waited += 1 }
        #expect(trims.withLock { $0 } == 2)
    }
}
