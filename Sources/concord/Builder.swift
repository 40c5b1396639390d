import ConcordCore
import Foundation

enum Builder {
    /// Builds once and prints the outcome; returns the exit status of CONTRACT.md. The process
    /// exits after it (`BuildOptions.exitsAfterBuild`): the command leaves its memory to a helper
    /// once it has nothing else to do (`MemoryAfterExit`).
    static func runAndReport(_ options: BuildOptions, log: ConsoleLog) async -> Int32 {
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
