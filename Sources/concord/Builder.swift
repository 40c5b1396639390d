import ConcordCore
import Foundation

enum Builder {
    /// Builds once and prints the outcome; returns the exit status of CONTRACT.md. The command
    /// then has nothing left to do but exit: its memory is left to a helper (`MemoryAfterExit`).
    /// - Parameter slowToClose: open files the helper keeps (`MemoryAfterExit.leaveToHelper(keeping:)`).
    static func runAndReport(_ options: BuildOptions, log: ConsoleLog, slowToClose: [Int32] = []) async -> Int32 {
        defer { MemoryAfterExit.leaveToHelper(keeping: slowToClose) }
        var options = options
        options.exitsAfterBuild = true
        do {
            let report = try await SiteBuilder(options: options, log: log).build()
            log.info(report.summary)
            return report.diagnostics.isEmpty ? 0 : 1
        } catch {
            log.failure(error)
            return 2
        }
    }
}
